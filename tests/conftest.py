"""Test setup shared by every test: Qt offscreen, no hang, garbage collected at known points.

* ``QT_QPA_PLATFORM=offscreen``: the GUI tests need no display.
* **No test can hang.**  pytest-timeout (``timeout`` in pyproject.toml, method
  ``thread``) dumps the stack of every thread and ends the run when a test
  overruns; a test that legitimately runs longer carries
  ``@pytest.mark.timeout(seconds)``.  That timer is a Python thread, so it never
  fires while a hung call holds the GIL (the deadlock of issue 16 did:
  pyqtgraph's ``Signal.disconnect`` waiting for a lock its own thread held).
  For that case faulthandler's C watchdog is armed too, ``HARD_STOP_MARGIN``
  seconds later: it needs no GIL, dumps every thread and exits with status 1.
* **Garbage is collected at known points only.**  Python's cyclic collector runs
  whenever allocations pass a threshold: inside a Qt signal call, on a worker
  thread, anywhere.  A main window lives in reference cycles (lambdas connected
  to signals, pyqtgraph's items and menus), so the collector used to free an
  earlier test's window at such a random moment, and once did so inside
  ``GraphicsItem._updateView`` -> ``Signal.disconnect``: a deadlock.  So
  automatic collection is off for the whole session, and every test ends with
  its windows closed, deleted (``deleteLater`` + the deferred deletes sent now)
  and ``gc.collect()``: the fixture ``qt_teardown`` below.  A long test collects
  between its own actions (``tests.reliability.support.collect_garbage``).
  pyqtgraph ships the same idea for applications
  (``pyqtgraph.util.garbage_collector.GarbageCollector``).
"""

from __future__ import annotations

import faulthandler
import gc
import os
import sys

import pytest

# Shared checks in support modules report their compared values like a test's own.
pytest.register_assert_rewrite("tests.core.support", "tests.app.driver")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

#: Seconds after a test's pytest-timeout before the GIL-free watchdog ends the run.
HARD_STOP_MARGIN = 60.0
#: The timeout of a hypothesis test without a marker of its own: once an example
#: fails, hypothesis shrinks it for up to five minutes, and the shrunk example is
#: the report worth having (the run ends at the timeout, losing it).
HYPOTHESIS_TIMEOUT = 600.0


# -- no hang ---------------------------------------------------------------------------


def _item_timeout(item):
    """The pytest-timeout seconds for ``item`` (marker, --timeout or ini); 0 if none."""
    try:
        from pytest_timeout import _get_item_settings

        return float(_get_item_settings(item).timeout or 0)
    except Exception:  # noqa: BLE001 - another pytest-timeout version: read it ourselves
        marker = item.get_closest_marker("timeout")
        if marker is not None and marker.args:
            return float(marker.args[0])
        value = item.config.getoption("timeout", None) or item.config.getini("timeout")
        try:
            return float(value or 0)
        except (TypeError, ValueError):
            return 0.0


def pytest_collection_modifyitems(config, items):
    ini = config.getini("timeout")
    default = float(ini) if ini else 0.0
    for item in items:
        hypothesis_test = getattr(getattr(item, "obj", None), "is_hypothesis_test", False)
        if hypothesis_test and item.get_closest_marker("timeout") is None and default:
            item.add_marker(pytest.mark.timeout(max(default, HYPOTHESIS_TIMEOUT)))


def _stderr_fd(config):
    """The terminal's stderr, as pytest's faulthandler plugin keeps it (not the capture)."""
    try:
        from _pytest.faulthandler import fault_handler_stderr_fd_key

        return config.stash[fault_handler_stderr_fd_key]
    except Exception:  # noqa: BLE001
        return sys.__stderr__.fileno()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Arm the GIL-free watchdog for the test; collect its last garbage after it."""
    timeout = _item_timeout(item)
    if timeout > 0:
        faulthandler.dump_traceback_later(timeout + HARD_STOP_MARGIN, exit=True,
                                          file=_stderr_fd(item.config))
    try:
        return (yield)
    finally:
        # pytest drops the test's fixture values (item.funcargs: its window) only
        # after teardown, so what they alone kept alive is collected here, between
        # two tests, instead of at the next test's teardown.
        delete_pending_qt_objects()
        gc.collect()
        if timeout > 0:
            faulthandler.cancel_dump_traceback_later()


# -- garbage at known points -----------------------------------------------------------


def delete_pending_qt_objects():
    """Delete now every QObject whose ``deleteLater()`` is pending (no-op without Qt).

    ``processEvents()`` alone leaves deferred deletes queued until some later
    event loop runs (a later test's ``qtbot.wait``)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6 import QtCore, QtWidgets

    if QtWidgets.QApplication.instance() is None:
        return
    for _ in range(3):  # deleting a widget can post more (its children's helpers)
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
        QtCore.QCoreApplication.processEvents()


def dispose_widgets(widgets):
    """Close and delete ``widgets`` now, then collect the garbage they leave.

    Call it where no Qt call is in progress (a fixture's teardown): the windows'
    C++ objects go at once, and their Python side is collected here, not by
    the collector at some random moment of a later test."""
    import shiboken6

    for widget in widgets:
        try:
            if shiboken6.isValid(widget):
                widget.close()
                widget.deleteLater()
        except RuntimeError:  # deleted meanwhile
            pass
    delete_pending_qt_objects()
    gc.collect()


class QtTeardown:
    """Widgets to close and delete, and garbage to collect, after the test."""

    def __init__(self):
        self.widgets = []

    def add(self, widget):
        """Delete ``widget`` (and collect) once the test and its other fixtures are done."""
        self.widgets.append(widget)
        return widget

    def run(self):
        widgets, self.widgets = self.widgets, []
        dispose_widgets(widgets)


@pytest.fixture(autouse=True, scope="session")
def _no_automatic_garbage_collection():
    """Automatic collection off for the session (collected after each test instead).

    What is alive now (modules, collected test items) is frozen out of every
    later collection, so collecting after each test costs a few milliseconds.
    Collection stays off after the session: nothing of Qt should be collected
    at a random moment while the interpreter shuts down either."""
    gc.collect()
    gc.freeze()
    gc.disable()
    yield
    delete_pending_qt_objects()
    gc.collect()


@pytest.fixture(autouse=True)
def qt_teardown(_no_automatic_garbage_collection):
    """The last teardown of every test: delete the windows registered with ``add``,
    then every pending ``deleteLater``, then ``gc.collect()``.

    Autouse and defined here, so it is set up before, and torn down after, every
    fixture of the test (the window fixtures stop and close their windows first,
    tests/app's dangling-timer check looks at them before they are deleted)."""
    gc.disable()  # whatever a test (or the app) switched on
    teardown = QtTeardown()
    yield teardown
    teardown.run()
