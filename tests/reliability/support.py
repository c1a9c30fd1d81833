"""Helpers the reliability tests share: plot walks, state checks, counts, memory."""

from __future__ import annotations

import gc
import math
import os
import warnings

import numpy as np
import pyqtgraph as pg
from PySide6 import QtWidgets

from core.regime import CONVERGED, DIVERGED, NO_DATA

#: What this run tried, reported in pytest's summary (see conftest.py).
COUNTS: dict[str, float] = {}

#: Hang guards, not budgets: one user action (with its frame) past these means the
#: window froze.  GUI-thread CPU seconds (``time.thread_time``: a busy machine barely
#: changes it) and wall seconds (a deadlock spends no CPU).  Frame budgets (16 ms)
#: are measured by the benchmark (``python -m benchmarks``), never asserted in a test.
HANG_CPU_SECONDS = 2.0
HANG_WALL_SECONDS = 10.0



def count(key, n=1):
    COUNTS[key] = COUNTS.get(key, 0) + n


def record(key, value):
    """A value for the summary (not a count)."""
    COUNTS[key] = value


def env_number(name, default):
    """A positive number from the environment (a long run is a variable away)."""
    value = os.environ.get(name)
    if not value:
        return default
    number = float(value)
    if not number >= 0:
        raise ValueError(f"{name} must be a number ≥ 0, got {value!r}")
    return number


def find(window, name, cls=QtWidgets.QWidget):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name!r}"
    return widget


# -- plots -----------------------------------------------------------------------------


def plot_widgets(window):
    """Every pyqtgraph plot in the window (data, cost, landscape, 1-D, σ(z) view ...)."""
    return [(w.objectName() or type(w).__name__, w) for w in window.findChildren(pg.PlotWidget)]


def _non_finite(values):
    arr = np.asarray(values, dtype=float)
    return int(np.count_nonzero(~np.isfinite(arr)))


def non_finite_plot_data(window):
    """Descriptions of every plot item holding NaN or ±inf (empty list: all clean).

    Walks every item of every plot: ScatterPlotItem and PlotCurveItem /
    PlotDataItem data (``getData()``, which for the cost curve in log mode is
    what is drawn), scatter sizes, ImageItem images and where they are placed,
    and the position of every item (arrows, markers, text).
    """
    bad = []
    for name, plot in plot_widgets(window):
        vb = plot.getPlotItem().getViewBox()
        for axis, (lo, hi) in zip("xy", vb.viewRange(), strict=True):
            if not (math.isfinite(lo) and math.isfinite(hi)):
                bad.append(f"{name}: view range {axis} = ({lo}, {hi})")
        for item in vb.addedItems:
            kind = type(item).__name__
            pos = item.pos()
            if not (math.isfinite(pos.x()) and math.isfinite(pos.y())):
                bad.append(f"{name}: {kind} at ({pos.x()}, {pos.y()})")
            if isinstance(item, pg.ImageItem):
                if item.image is not None:
                    n = _non_finite(item.image)
                    if n:
                        bad.append(f"{name}: {kind} image has {n} non-finite values")
                    rect = item.mapRectToParent(item.boundingRect())
                    corners = (rect.left(), rect.top(), rect.width(), rect.height())
                    if not all(math.isfinite(v) for v in corners):
                        bad.append(f"{name}: {kind} placed at {corners}")
                continue
            if isinstance(item, pg.ScatterPlotItem):
                sizes = item.data["size"]
                if len(sizes) and _non_finite(sizes):
                    bad.append(f"{name}: {kind} sizes have {_non_finite(sizes)} non-finite values")
            get = getattr(item, "getData", None)
            if get is None or isinstance(item, pg.TextItem):
                continue
            data = get()
            if data is None:
                continue
            for axis, values in zip("xy", data[:2], strict=True):
                if values is None:
                    continue
                n = _non_finite(values)
                if n:
                    bad.append(f"{name}: {kind} {axis} has {n} non-finite values")
    return bad


def plot_arrays_walked(window):
    """How many data arrays the walk above looks at (so it cannot pass vacuously)."""
    n = 0
    for _, plot in plot_widgets(window):
        for item in plot.getPlotItem().getViewBox().addedItems:
            if isinstance(item, pg.ImageItem):
                n += item.image is not None
            elif hasattr(item, "getData") and not isinstance(item, pg.TextItem):
                n += item.getData() is not None
    return n


def cost_log_drawable(window):
    """Problems drawing the cost curve on a log scale now ([] when it draws fine)."""
    plot = window.cost_plot
    problems = []
    if not plot.getPlotItem().ctrl.logYCheck.isChecked():
        problems.append("the log-scale box is on but the cost plot is not in log mode")
    x, y = plot.curve.getData()
    if x is not None and len(x) and _non_finite(y):
        problems.append(f"log curve has {_non_finite(y)} non-finite values")
    image = plot.grab().toImage()  # a real paint, through pyqtgraph's log mapping
    if image.isNull() or image.width() < 10:
        problems.append("cost plot did not render")
    return problems


# -- state -----------------------------------------------------------------------------


def racing(controller):
    """Whether a race of learning rates is on (``controller.race``: None or a race)."""
    return controller.race is not None


def expected_style(controller):
    """The word the window must show: core's regime, a smooth run as running / paused,
    a scrubbed step as paused, a race as racing."""
    from core.regime import SMOOTH, judge

    if racing(controller):
        return "racing"
    frame = controller.last_frame
    if frame is not None and frame.shown.scrubbed:
        return "paused"
    word = judge(controller.session).word
    if word == SMOOTH:
        return "running" if controller.playing else "paused"
    return word


def state_problems(window):
    """Where the state shown on screen disagrees with core's judgement ([] when it agrees).

    Descent runs on in its worker: the worker is held for one frame, and that frame
    is judged against core at the same step."""
    c = window.controller
    with c.worker.access(changes=False):
        c.refresh()
        return _state_problems(window)


def _state_problems(window):
    from core.regime import judge

    c = window.controller
    s = c.session
    st = window.status
    text = st.state.text().lower()
    explanation = st.explanation.text()
    problems = []
    shown = c.state_word()
    expected = expected_style(c)
    if shown != expected:
        problems.append(f"the window says {shown!r} but core's regime is {expected!r}")
    if st.state.property("state") != shown:
        problems.append(f"stateLabel's state property {st.state.property('state')!r} "
                        f"!= {shown!r}")
    if not st.state.text().strip():
        problems.append("no headline on screen")
    judged = judge(s)
    if s.m == 0:
        if judged.word != NO_DATA:
            problems.append(f"no points but the regime says {judged.word!r}")
        if not explanation.strip():
            problems.append("no points and no explanation on screen")
    elif len(np.unique(s.labels)) == 1 and not explanation.strip():
        problems.append("one class only and no explanation on screen")
    if judged.word == CONVERGED and not s.converged:
        problems.append(f"'converged' but the stopping test does not hold ({s.grad_norm})")
    if judged.word == DIVERGED and not racing(c):
        if not st.lower_alpha.isVisibleTo(window) and not st.action.isVisibleTo(window):
            problems.append("diverged but no one-click answer (lower α / standardize) shown")
        if not np.all(np.isfinite(s.theta)):
            problems.append(f"diverged but θ is not the last finite state: {s.theta}")
    if ("diverging" in text or "overshot" in text) and s.iteration - s.edit_iteration < 5:
        problems.append("'diverging' with fewer than 5 steps since the last edit")
    return problems


def run_until(window, done, seconds=HANG_WALL_SECONDS):
    """Let the event loop run (the app's timer draws, the descent worker steps) until
    ``done()`` or a hang guard of ``seconds``; returns ``done()``."""
    import time

    end = time.perf_counter() + seconds
    app = QtWidgets.QApplication.instance()
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)
    return done()


def stale_playing(window):
    """After a frame, Play must have stopped on converged / diverged / no data.

    Descent runs on in its worker, so the worker is held for one frame and that
    frame is judged against the session at the same step."""
    c = window.controller
    s = c.session
    with c.worker.access(changes=False):
        c.refresh()
        stopped = s.m == 0 or s.converged or s.diverged
        if c.playing and not racing(c) and stopped:
            return "still playing after a frame although the run has stopped"
    return None


# -- memory ----------------------------------------------------------------------------


def collect_garbage():
    """Collect cyclic garbage now; the number of objects freed.

    Automatic collection is off during the tests (tests/conftest.py): it could
    free a window's objects in the middle of a Qt call and deadlock.  A long
    test calls this between its actions, where no Qt call is in progress."""
    return gc.collect()


def rss_bytes():
    """Resident set size of this process from /proc/self/status (VmRSS)."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


# -- input -----------------------------------------------------------------------------


def click_point(widget):
    """Where a user clicks a button: a check box's box, any other button's centre."""
    if isinstance(widget, QtWidgets.QCheckBox):
        opt = QtWidgets.QStyleOptionButton()
        widget.initStyleOption(opt)
        rect = widget.style().subElementRect(
            QtWidgets.QStyle.SubElement.SE_CheckBoxClickRect, opt, widget)
        return rect.center()
    return widget.rect().center()


def click(widget, button=None):
    """A real mouse click when the widget is on screen; else what its shortcut would do."""
    from PySide6 import QtCore
    from PySide6.QtTest import QTest

    button = button or QtCore.Qt.MouseButton.LeftButton
    if widget.isVisible() and widget.isEnabled():
        QTest.mouseClick(widget, button, QtCore.Qt.KeyboardModifier.NoModifier,
                         click_point(widget))
    elif widget.isEnabled():
        widget.click()


# -- warnings --------------------------------------------------------------------------


class WarningLog:
    """Records warnings instead of raising them, for GUI tests.

    pytest turns warnings into errors; raised inside a paint() or boundingRect()
    override, such an error goes through PySide6's override-error path, which can
    crash the interpreter (segfault in PepException_GetArgs, PySide6 6.11.3) when
    two of them nest.  Recorded here instead, each one still fails the test, with
    the file and line that warned.
    """

    def __init__(self, hook=None):
        self.hook = hook  # an ExceptionRecorder whose exceptions the checks report too

    def __enter__(self):
        self._cm = warnings.catch_warnings()
        self._cm.__enter__()
        self.log = []
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=ResourceWarning)
        warnings.showwarning = self._show
        return self

    def _show(self, message, category, filename, lineno, file=None, line=None):
        import traceback

        stack = [f for f in traceback.extract_stack()[:-1] if "/warnings.py" not in f.filename]
        where = " <- ".join(f"{os.path.basename(f.filename)}:{f.lineno} {f.name}"
                            for f in reversed(stack[-8:]))
        self.log.append(f"{category.__name__}: {message} ({filename}:{lineno}; {where})")

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)

    def take(self):
        """Descriptions of the warnings since the last call (and forget them).

        Warnings raised where a known bug lives (KNOWN_WARNINGS) are counted, not
        returned: each has its own xfail test in test_found_bugs.py."""
        out = []
        for text in dict.fromkeys(self.log):
            known = next((bug for (file, func), bug in KNOWN_WARNINGS.items()
                          if f"{file}:" in text and f" {func} " in f"{text} "), None)
            if known:
                count(f"known bug reached: {known}")
            else:
                out.append(text)
        del self.log[:]
        return out


    def exceptions(self):
        """Tracebacks of exceptions that reached sys.excepthook since the last call,
        known bugs (KNOWN_EXCEPTIONS) counted and left out."""
        if self.hook is None:
            return []
        out = []
        for _, _, text in self.hook.seen:
            known = known_bug(text, KNOWN_EXCEPTIONS)
            if known:
                count(f"known bug reached: {known}")
            else:
                out.append(text)
        self.hook.seen.clear()
        return out


def known_bug(text, registry):
    """The name of the known bug whose (file, function) appears in a traceback."""
    for (file, func), bug in registry.items():
        if f"{file}\", line" in text and f"in {func}\n" in text:
            return bug
    return None


#: (file, function) where a known, reported bug warns -> the bug's name (its xfail test
#: is in test_found_bugs.py).
KNOWN_WARNINGS: dict[tuple[str, str], str] = {}

#: The same for exceptions raised in slots or paint (reaching sys.excepthook).
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {}
