"""Test setup: Qt offscreen, so the GUI tests run with no display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
