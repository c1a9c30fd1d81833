"""Fixtures for the classroom tests: every test runs in its own little world.

* HOME and the XDG folders point into ``tmp_path`` and QStandardPaths is in
  test mode, so autosaves, settings and desktop entries never touch the real
  user's folders (and no test sees another test's autosave).
* The recent-files list of each window lives in a QSettings file in tmp_path.
* Message boxes opened with ``.open()`` are window-modal but do not block;
  any left open are closed after the test, so they never swallow the next
  test's keys.
* Every window made here is stopped and closed at teardown, then deleted and
  its garbage collected by ``qt_teardown`` (tests/conftest.py), at that known
  point rather than whenever Python's collector would have run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from .support import WINDOW_SIZE, close_message_boxes, prepare_session


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, qapp):
    """A private HOME, XDG folders and QStandardPaths test mode for this test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_DATA_HOME", "xdg-data"), ("XDG_CONFIG_HOME", "xdg-config"),
                     ("XDG_CACHE_HOME", "xdg-cache"), ("XDG_STATE_HOME", "xdg-state")):
        (tmp_path / sub).mkdir()
        monkeypatch.setenv(var, str(tmp_path / sub))
    was_test_mode = QtCore.QStandardPaths.isTestModeEnabled()
    QtCore.QStandardPaths.setTestModeEnabled(True)
    yield tmp_path
    QtCore.QStandardPaths.setTestModeEnabled(was_test_mode)


@pytest.fixture
def make_window(qtbot, tmp_path, qt_teardown):
    """Factory: a real main window, shown at a fixed size, recent files in tmp_path."""
    from app import create_main_window

    made = []

    def make(session=None):
        win = create_main_window(session)
        qtbot.addWidget(win)
        qt_teardown.add(win)
        made.append(win)
        settings = QtCore.QSettings(str(tmp_path / f"settings-{len(made)}.ini"),
                                    QtCore.QSettings.Format.IniFormat)
        win.files.settings = settings
        win.files._fill_recent()
        win.resize(*WINDOW_SIZE)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.wait(5)
        return win

    yield make
    for win in made:
        stop_and_close(win)


def stop_and_close(win):
    """Descent stopped, message boxes closed, the window closed (deleted by qt_teardown)."""
    try:
        win.controller.set_playing(False)
        win.controller.timer.stop()
        close_message_boxes(win)
        win.close()
    except RuntimeError:  # already deleted
        pass


@pytest.fixture
def window(make_window):
    """An empty main window, 1400×850."""
    return make_window()


@pytest.fixture
def lesson_window(make_window):
    """A window on the 'blobs' preset, α and seed changed, 25 steps taken."""
    win = make_window()
    prepare_session(win)
    return win


@pytest.fixture
def shown(window):
    """A window on the circle preset, 30 steps taken (the presentation, theme and key tests)."""
    window.preset_menu.load(1)
    window.controller.session.step(30)
    window.controller.refresh()
    return window


@pytest.fixture
def env_for_subprocess(tmp_path):
    """Environment for ``python -m app``: offscreen Qt, HOME and XDG in tmp_path."""
    env = dict(os.environ)
    env["HOME"] = str(tmp_path / "home")
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg-cache")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONSTARTUP", None)
    return env


@pytest.fixture
def env(env_for_subprocess):
    """The environment of the exit tests' child processes (``exit_apps.App``)."""
    env = dict(env_for_subprocess)
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


@pytest.fixture
def folder(env):
    """The autosave folder of the child processes started with ``env``."""
    # Not in Qt's test mode there: AppDataLocation is $XDG_DATA_HOME/<org>/<app>.
    return Path(env["XDG_DATA_HOME"]) / "LogitLab" / "LogitLab" / "autosave"


@pytest.fixture
def apps():
    """The ``exit_apps.App`` processes a test started: each ended at teardown."""
    started = []
    yield started
    for app in started:
        app.end()


@pytest.fixture
def app_state(qapp, monkeypatch):
    """Restore the QApplication's names and sys.excepthook after app.main.main() set them."""
    names = (qapp.applicationName(), qapp.organizationName(), qapp.desktopFileName())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    yield qapp
    qapp.setApplicationName(names[0])
    qapp.setOrganizationName(names[1])
    qapp.setDesktopFileName(names[2])


@pytest.fixture
def run_main(qtbot, app_state, monkeypatch, qt_teardown):
    """``run_main(argv)`` → (status, [windows]): app.main.main() without its event loop."""
    import app as app_package
    from app import main as main_module

    made = []
    real_create = app_package.create_main_window

    def create(session=None):
        win = real_create(session)
        qtbot.addWidget(win)
        qt_teardown.add(win)
        made.append(win)
        return win

    monkeypatch.setattr(app_package, "create_main_window", create)
    monkeypatch.setattr(QtWidgets.QApplication, "exec", lambda self: 0)
    yield lambda argv: (main_module.main(list(argv)), made)
    for win in made:
        stop_and_close(win)
