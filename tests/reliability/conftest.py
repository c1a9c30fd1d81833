"""Fixtures for the reliability suite (hostile numbers, monkey, faults, soak).

* Every test lives in its own world: HOME and the XDG folders point into
  ``tmp_path`` and QStandardPaths is in test mode, so autosaves and settings
  never touch the real user's folders and no test sees another's autosave.
* ``window``: the real main window from ``app.create_main_window()``, shown at
  a fixed size.  At teardown its descent timer, autosave timer and 1-D player
  are stopped, any dialog left open and the window are closed; then
  ``qt_teardown`` (tests/conftest.py) deletes the window and collects its
  garbage at that known point (automatic collection is off during the tests).
* ``excepthook``: records every exception that reaches ``sys.excepthook``.
  PySide6 routes exceptions raised in slots (clicks, timers, signals) there;
  pytest-qt's own capture is not relied on (it does not apply on PySide6 ≥
  6.5.2).  A test fails at teardown if anything was recorded.
* The counts worth reporting (inputs tried, actions thrown, minutes soaked) are
  collected in ``COUNTS``, printed in pytest's summary and kept in pytest's
  cache under ``reliability/last_run`` (``pytest --cache-show reliability/*``).
"""

from __future__ import annotations

import gc
import sys
import time
import traceback
import warnings

import pytest
from PySide6 import QtCore, QtWidgets

from .support import COUNTS, KNOWN_EXCEPTIONS, count, known_bug

WINDOW_SIZE = (1400, 850)


# -- reporting -------------------------------------------------------------------------


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not COUNTS:
        return
    terminalreporter.section("reliability counts")
    for key in sorted(COUNTS):
        terminalreporter.write_line(f"{key}: {COUNTS[key]}")
    if getattr(config, "cache", None) is not None:
        config.cache.set("reliability/last_run",
                         {"when": time.strftime("%Y-%m-%d %H:%M:%S"), **COUNTS})


# -- isolation -------------------------------------------------------------------------


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


# -- exceptions ------------------------------------------------------------------------


class ExceptionRecorder:
    """A ``sys.excepthook`` that records (and still prints) every exception."""

    def __init__(self):
        self.seen = []  # (type, value, formatted traceback)
        self.previous = None

    def install(self, chain=None):
        """Become sys.excepthook; ``chain`` (e.g. the app's own hook) is called after."""
        if self.previous is None:
            self.previous = sys.excepthook
        self.chain = chain

        def hook(exc_type, exc, tb):
            text = "".join(traceback.format_exception(exc_type, exc, tb))
            self.seen.append((exc_type, exc, text))
            if self.chain is not None:
                self.chain(exc_type, exc, tb)
            else:
                sys.stderr.write(text)

        sys.excepthook = hook
        return self

    def restore(self):
        if self.previous is not None:
            sys.excepthook = self.previous
            self.previous = None

    def report(self):
        return "\n".join(text for _, _, text in self.seen)


@pytest.fixture
def excepthook():
    recorder = ExceptionRecorder().install()
    yield recorder
    recorder.restore()
    unknown = []
    for _, _, text in recorder.seen:
        bug = known_bug(text, KNOWN_EXCEPTIONS)
        if bug:
            count(f"known bug reached: {bug}")
        else:
            unknown.append(text)
    if unknown:
        pytest.fail(f"{len(unknown)} exception(s) reached sys.excepthook:\n"
                    + "\n".join(unknown), pytrace=False)


# -- the window ------------------------------------------------------------------------


def stop_window(win, collect=True):
    """Stop everything that ticks, close message boxes, close the window.

    Then (``collect``) collect the garbage of windows deleted before: a test
    that makes a window per hypothesis example calls this after each, so the
    earlier examples' windows are freed here, not piled up until the test ends
    (automatic collection is off, see tests/conftest.py).

    Never raises: a test that failed must report its own failure, not a
    teardown error from redrawing the state it left behind."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            _stop_window(win)
        except Exception:  # noqa: BLE001 - reported by the test itself
            traceback.print_exc()
    if collect:
        gc.collect()


def _stop_window(win):
    try:
        c = win.controller
        c.set_playing(False)
        c.timer.stop()
        c.autosave.timer.stop()
        win.one_d.play.setChecked(False)
        # Dialogs through the window's own children only: walking
        # QApplication.topLevelWidgets() met wrappers of deleted widgets and
        # segfaulted PySide6 6.11.3 now and then in CI.
        for box in win.findChildren(QtWidgets.QDialog):
            box.close()
        win.close()
    except RuntimeError:  # already deleted
        pass


@pytest.fixture
def make_window(qtbot, tmp_path, qt_teardown):
    """Factory: a real main window, shown at 1400×850, recent files in tmp_path."""
    from app import create_main_window

    made = []

    def make(session=None):
        win = create_main_window(session)
        qtbot.addWidget(win)
        qt_teardown.add(win)  # deleted, and its garbage collected, after the test
        made.append(win)
        win.files.settings = QtCore.QSettings(str(tmp_path / f"settings-{len(made)}.ini"),
                                              QtCore.QSettings.Format.IniFormat)
        win.files._fill_recent()
        win.resize(*WINDOW_SIZE)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.wait(5)
        return win

    yield make
    for win in made:
        stop_window(win, collect=False)  # qt_teardown collects once they are deleted


@pytest.fixture
def window(make_window):
    """An empty main window, 1400×850."""
    return make_window()
