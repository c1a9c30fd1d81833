"""Fixtures for driving LogitLab's window as a person would (helpers live in driver.py).

* ``window``: the real main window from ``app.create_main_window()``, shown at
  a fixed size and exposed, so geometry (clicks, pixel sizes) is realistic.
  At teardown descent is stopped and the window closed; then (after the timer
  check below) ``qt_teardown`` (tests/conftest.py) deletes it and collects the
  garbage it leaves, at that known point.
* ``_dangling_qtimers`` (autouse): fails a test that leaves a QTimer running,
  in the spirit of napari's fixture of the same name.  A timer left ticking
  after its window is gone fires into deleted widgets in a later test, which
  shows up as a crash far from its cause.  Mark a test
  ``@pytest.mark.allow_dangling_timers`` to opt out.
"""

from __future__ import annotations

import traceback
import weakref

import pytest
from PySide6 import QtCore

WINDOW_SIZE = (1400, 850)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "allow_dangling_timers: the test may leave a QTimer running"
    )


# -- timers ---------------------------------------------------------------------------


class TimerRecorder:
    """Remembers every QTimer started from Python and every pending singleShot."""

    def __init__(self):
        self.timers = []  # (weakref to QTimer, where it was started)
        self.pending_single_shots = 0

    def record(self, timer):
        where = "".join(traceback.format_stack(limit=6)[:-2])
        self.timers.append((weakref.ref(timer), where))

    def active(self):
        out = []
        for ref, where in self.timers:
            timer = ref()
            if timer is None:
                continue
            try:
                if timer.isActive():
                    out.append((timer, where))
            except RuntimeError:  # the C++ object is already deleted
                continue
        return out


@pytest.fixture(autouse=True)
def _dangling_qtimers(request, qtbot):
    """Fail the test if it leaves a QTimer running (or a singleShot pending)."""
    recorder = TimerRecorder()
    original_start = QtCore.QTimer.start
    original_single_shot = QtCore.QTimer.singleShot

    def start(self, *args, **kwargs):
        recorder.record(self)
        return original_start(self, *args, **kwargs)

    def single_shot(*args, **kwargs):
        # singleShot(msec, [context,] functor): count it until it has fired.
        args = list(args)
        callback = args[-1]
        if callable(callback) and not isinstance(callback, QtCore.SignalInstance):
            recorder.pending_single_shots += 1

            def fired(*a):
                recorder.pending_single_shots -= 1
                return callback(*a)

            args[-1] = fired
        return original_single_shot(*args, **kwargs)

    # A private MonkeyPatch: undoing it must not undo the test's own monkeypatching.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(QtCore.QTimer, "start", start)
        patch.setattr(QtCore.QTimer, "singleShot", staticmethod(single_shot))
        yield recorder
    if request.node.get_closest_marker("allow_dangling_timers"):
        return
    # Give short single-shot timers a moment to finish on their own.
    try:
        qtbot.waitUntil(lambda: not recorder.active() and recorder.pending_single_shots <= 0,
                        timeout=2_000)
    except qtbot.TimeoutError:
        pass
    left = recorder.active()
    for timer, _ in left:
        timer.stop()
    if left or recorder.pending_single_shots > 0:
        report = "\n".join(f"{t!r} (interval {t.interval()} ms) started at:\n{w}" for t, w in left)
        pending = recorder.pending_single_shots
        pytest.fail(f"test left {len(left)} QTimer(s) running and {pending} singleShot(s) "
                    f"pending:\n{report}", pytrace=False)


@pytest.fixture(autouse=True, scope="session")
def _private_app_folders(tmp_path_factory):
    """Autosaves, settings and recent files go to a temporary home, not the user's."""
    import os

    root = tmp_path_factory.mktemp("xdg")
    saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    os.environ["XDG_DATA_HOME"] = str(root / "data")
    os.environ["XDG_CONFIG_HOME"] = str(root / "config")
    yield root
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


# -- the window -----------------------------------------------------------------------


@pytest.fixture
def make_window(qtbot, qt_teardown):
    """Factory: ``make_window(session=None)`` builds, shows and exposes a main window."""
    from app import create_main_window

    made = []

    def make(session=None):
        win = create_main_window(session)
        qtbot.addWidget(win)
        qt_teardown.add(win)
        made.append(win)
        win.resize(*WINDOW_SIZE)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.wait(10)
        return win

    yield make
    # A failed assertion must not leave descent ticking into the next test; then close
    # the window as a user would (a clean exit also stops and discards the autosave).
    # qt_teardown deletes it and collects its garbage after the dangling-timer check.
    for win in made:
        try:
            win.controller.set_playing(False)
            win.controller.timer.stop()
            win.close()
        except RuntimeError:  # the test deleted it itself
            pass


@pytest.fixture
def window(make_window):
    """The main window as ``app.create_main_window()`` builds it, empty, 1400×850."""
    return make_window()


@pytest.fixture
def controller(window):
    return window.controller
