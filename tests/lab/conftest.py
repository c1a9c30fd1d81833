"""A shown main window on the lecture's presets, isolated from the user's files.

At teardown the window is stopped and closed, then deleted and its garbage
collected by ``qt_teardown`` (tests/conftest.py) at that known point.
"""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, qt_teardown):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QtCore.QStandardPaths.setTestModeEnabled(True)
    from app import create_main_window

    w = create_main_window()
    qtbot.addWidget(w)
    qt_teardown.add(w)
    w.resize(1400, 850)
    w.show()
    qtbot.waitExposed(w)
    yield w
    try:
        w.controller.set_playing(False)
        w.controller.timer.stop()
        w.controller.autosave.timer.stop()
        for box in w.findChildren(QtWidgets.QMessageBox):
            box.close()
        w.close()
    except RuntimeError:  # already deleted
        pass


def preset(window, number):
    """Load preset ``number`` (1-based, as Ctrl+number does)."""
    window.preset_menu.load(number - 1)
    return window.controller.session
