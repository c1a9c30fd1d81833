"""Where the app's files are: stylesheets, presets, icon, desktop entry.

Its own small module so that ``--install-desktop-entry`` and the presets
never need Qt widgets to find a file.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
