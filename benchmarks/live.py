"""The real main window, offscreen: live-loop frame time, steps per second, click latency.

The second table: a breakdown of one frame, driven directly.  A frame is what
the app's 16 ms timer does: ``controller.tick()`` (``refresh()``: one frame
snapshot of what the descent worker published, drawn by the presenters of the
visible panels) followed by ``processEvents()``, which paints every widget the
tick made dirty.  Descent runs meanwhile on the worker's thread, so the steps
counted per frame are the worker's, not the tick's.  What a user gets is
measured from outside by :mod:`benchmarks.event_loop`.  A frame in which the data plot was not painted is
finished with a synchronous ``viewport().repaint()``, so no frame is counted
without its paint.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt is imported anywhere

import shutil  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from PySide6 import QtCore, QtTest, QtWidgets  # noqa: E402

from core.features import QUADRATIC  # noqa: E402

from .data import blobs  # noqa: E402
from .machine import openblas_threads  # noqa: E402
from .stats import summary_ms  # noqa: E402

WINDOW_SIZE = (1600, 900)
STEPS_PER_FRAME = 100_000  # so the controller's time budget, not the count, decides

_QUIET = ("propagateSizeHints",)


def _message_handler(mode, context, message):
    if not any(q in message for q in _QUIET):
        print(message, file=sys.stderr)


def application():
    app = QtWidgets.QApplication.instance()
    if app is None:
        QtCore.qInstallMessageHandler(_message_handler)
        app = QtWidgets.QApplication(["logitlab-benchmark"])
    return app


class PaintCounter(QtCore.QObject):
    """Counts paint events of the widgets it watches."""

    def __init__(self, widgets):
        super().__init__()
        self.counts = {id(w): 0 for w in widgets}
        for w in widgets:
            w.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QtCore.QEvent.Type.Paint and id(obj) in self.counts:
            self.counts[id(obj)] += 1
        return False

    def count(self, widget):
        return self.counts[id(widget)]


class Bench:
    """One shown main window, and the frame loop the measurements share."""

    def __init__(self):
        self.app = application()
        from app import create_main_window

        self.window = create_main_window()
        self.controller = self.window.controller
        # Autosaves go to a scratch folder, never into the user's app data.
        self._scratch = tempfile.mkdtemp(prefix="logitlab-bench-")
        autosave = getattr(self.controller, "autosave", None)
        if autosave is not None:
            autosave.folder = Path(self._scratch)
            autosave.path = autosave.folder / autosave.path.name
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        QtTest.QTest.qWaitForWindowExposed(self.window)
        self.app.processEvents()
        self.viewport = self.window.data_plot.viewport()
        self.paints = PaintCounter([self.viewport])
        self.forced_repaints = 0

    def close(self):
        c = self.controller
        c.set_playing(False)
        c.timer.stop()
        autosave = getattr(c, "autosave", None)
        if autosave is not None:
            autosave.timer.stop()
        self.window.close()
        self.window.deleteLater()
        self.app.processEvents()
        shutil.rmtree(self._scratch, ignore_errors=True)

    def _quiet_autosave(self):
        autosave = getattr(self.controller, "autosave", None)
        if autosave is not None:
            autosave.timer.stop()

    def load(self, m, seed=0):
        """m blob points, quadratic features, a fresh run from θ₀, playing (timer off)."""
        c = self.controller
        c.set_playing(False)
        points, labels = blobs(m, seed)
        c.replace_points(points, labels, "benchmark")
        c.undo_stack.clear()  # do not keep the previous size's points alive
        c.set_view(None)
        c.set_terms(QUADRATIC)
        c.session.tol = 0.0  # never converges by itself: every frame steps
        c.reset_same()
        c.steps_per_frame = STEPS_PER_FRAME
        self.play()
        self._quiet_autosave()
        self.app.processEvents()

    def play(self):
        c = self.controller
        c.set_playing(True)
        c.timer.stop()  # the benchmark drives tick() itself
        if not c.playing:
            raise RuntimeError(f"cannot play: state {c.session.engine.state!r}")

    def frame(self):
        """One frame, as the timer drives it: (total s, tick s, steps taken)."""
        c = self.controller
        engine = c.session.engine
        before_it = engine.iteration
        before_paints = self.paints.count(self.viewport)
        t0 = time.perf_counter()
        c.tick()
        t1 = time.perf_counter()
        self.app.processEvents()
        if self.paints.count(self.viewport) == before_paints:
            self.viewport.repaint()
            self.forced_repaints += 1
        t2 = time.perf_counter()
        steps = c.session.engine.iteration - before_it if c.session.engine is engine else 0
        if not c.playing:  # converged or diverged: keep the loop busy all the same
            self.play()
        return t2 - t0, t1 - t0, steps

    def data_to_viewport(self, x, y):
        plot = self.window.data_plot
        scene = plot.getPlotItem().getViewBox().mapViewToScene(QtCore.QPointF(x, y))
        return plot.mapFromScene(scene)


def bench_live(bench, m, frames=200, warmup=10, max_seconds=None, seed=0):
    """Frame time and descent speed of the live loop with ``m`` points."""
    t_load = time.perf_counter()
    bench.load(m, seed)
    load_s = time.perf_counter() - t_load
    out = measure_frames(bench, frames, warmup, max_seconds)
    out["load_s"] = load_s
    return out


def measure_frames(bench, frames=200, warmup=10, max_seconds=None):
    """Time ``frames`` frames (fewer if ``max_seconds`` runs out) after ``warmup`` ones."""
    m = bench.controller.session.m
    for _ in range(warmup):
        bench.frame()
    bench.forced_repaints = 0
    totals, ticks, steps = [], [], []
    started = time.perf_counter()
    for _ in range(frames):
        total, tick, n = bench.frame()
        totals.append(total)
        ticks.append(tick)
        steps.append(n)
        if max_seconds is not None and time.perf_counter() - started > max_seconds:
            break
    wall = float(np.sum(totals))
    out = {"m": int(m), "features": "quadratic", "warmup": int(warmup)}
    out.update({f"frame_{k}": v for k, v in summary_ms(totals).items()})
    out["tick_median_ms"] = summary_ms(ticks)["median_ms"]
    out["paint_median_ms"] = float(np.median(np.subtract(totals, ticks)) * 1e3)
    out["steps_per_frame_median"] = float(np.median(steps))
    out["steps_per_s"] = float(np.sum(steps) / wall)
    out["forced_repaints"] = int(bench.forced_repaints)
    out["blas_threads"] = openblas_threads()
    return out


def bench_click(bench, m=10_000, clicks=30, frames_between=3, warmup=5, seed=1):
    """Mouse press on the data plot → end of the next frame showing the point.

    A real ``QTest.mouseClick`` on the data plot's viewport while descent runs;
    the clock stops at the end of the next frame (tick + paint) after which the
    session and the engine have m + 1 points (so the boundary drawn comes from
    descent on them), the scatter item of its class holds the new point, and
    the data plot has been painted.  Each click is undone (untimed) so every
    click meets m points.  Presses land anywhere in the central view, on
    markers too (the scatter items pass clicks on to the plot).
    """
    bench.load(m, seed)
    c = bench.controller
    vb = bench.window.data_plot.getPlotItem().getViewBox()
    (x0, x1), (y0, y1) = vb.viewRange()
    rng = np.random.default_rng(seed)
    candidates = np.column_stack([rng.uniform(x0 + 0.1 * (x1 - x0), x1 - 0.1 * (x1 - x0), 400),
                                  rng.uniform(y0 + 0.1 * (y1 - y0), y1 - 0.1 * (y1 - y0), 400)])
    px, py = (abs(v) or 1e-9 for v in vb.viewPixelSize())
    targets = candidates[:clicks]
    for _ in range(warmup):
        bench.frame()
    latency, handled, problems = [], [], []
    sx, sy = px, py
    for x, y in targets:
        for _ in range(frames_between):
            bench.frame()
        pos = bench.data_to_viewport(x, y)
        m0 = c.session.m
        paints = bench.paints.count(bench.viewport)
        t0 = time.perf_counter()
        QtTest.QTest.mouseClick(bench.viewport, QtCore.Qt.MouseButton.LeftButton,
                                QtCore.Qt.KeyboardModifier.NoModifier, pos)
        t1 = time.perf_counter()
        bench.frame()
        t2 = time.perf_counter()
        s = c.session
        new = s.points[-1]
        label = int(s.labels[-1])
        shown = np.column_stack(bench.window.data_plot.shown_points(label))
        in_scatter = bool(np.any(np.all(np.abs(shown - new) <= 1e-9, axis=1)))
        ok = (s.m == m0 + 1 and s.engine.m == m0 + 1 and in_scatter
              and abs(new[0] - x) <= 1.5 * sx and abs(new[1] - y) <= 1.5 * sy
              and bench.paints.count(bench.viewport) > paints)
        if not ok:
            problems.append(f"click at ({x:.3g}, {y:.3g}): m {m0}→{s.m}, in scatter {in_scatter}")
        latency.append(t2 - t0)
        handled.append(t1 - t0)
        if s.m == m0 + 1:
            c.undo_stack.undo()  # back to m points, untimed
        bench._quiet_autosave()
    out = {"m": int(m), "clicks": len(latency)}
    out.update({f"latency_{k}": v for k, v in summary_ms(latency).items()})
    out["handled_median_ms"] = summary_ms(handled)["median_ms"]
    out["handled_p95_ms"] = summary_ms(handled)["p95_ms"]
    out["problems"] = problems
    return out
