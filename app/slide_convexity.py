"""Slide "Convexity": J along the segment between two θ, with its chord, for cross-entropy
and for squared error; a search (off the GUI thread) for a segment where squared error's
chord dips below J."""

from __future__ import annotations

import contextlib
import threading

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from core.convexity import find_nonconvex_segment, on_segment

from .lecture_common import (
    SAMPLE_POINTS,
    Throttle,
    button,
    label,
    num,
    sample,
    set_text,
    small_plot,
)
from .theme import GREEN, PURPLE, RED

INTRO = ("h is convex if h(λu + (1 − λ)v) ≤ λh(u) + (1 − λ)h(v) for all u, v and 0 ≤ λ ≤ 1: "
         "J never rises above the chord between two points. Then every local optimum is "
         "global. Below, J(θ) along the segment from v (λ = 0) to u (λ = 1) on your points, "
         "with the chord dashed; red marks where J rises above the chord. (This λ is the "
         "lecture's mixing weight, not slide 6's L2 penalty.)")
LOSSES = (("cross_entropy", "Cross-entropy"), ("squared_error", "Squared error ½(σ(z) − y)²"))


class ConvexitySlide(QtWidgets.QWidget):
    """Passive: the two segment buttons, the segment's description and one plot per loss."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slideConvexity")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(label("convexityIntro", INTRO))
        row = QtWidgets.QHBoxLayout()
        self.run_segment = button("Segment: θ⁰ → θ now", "convexityRunSegment",
                                  "v = where the run started, u = the θ on screen "
                                  "(follows the run)")
        self.find = button("Find where squared error is not convex", "convexityFind",
                           "Try 400 random segments on your points (a fraction of a second, "
                           "in the background) and show the one whose chord dips most")
        row.addWidget(self.run_segment)
        row.addWidget(self.find)
        row.addStretch(1)
        layout.addLayout(row)
        self.segment = label("convexitySegment")
        layout.addWidget(self.segment)
        plots = QtWidgets.QHBoxLayout()
        self.plots, self.J, self.chord, self.above, self.verdict = {}, {}, {}, {}, {}
        for loss, title in LOSSES:
            col = QtWidgets.QVBoxLayout()
            plot = small_plot(f"convexityPlot_{loss}", "λ", "J(λu + (1 − λ)v)")
            plot.setTitle(title, color="#202020")
            self.plots[loss] = plot
            self.J[loss] = plot.plot(pen=pg.mkPen(PURPLE, width=3))
            self.chord[loss] = plot.plot(pen=pg.mkPen("#202020", width=2,
                                                      style=QtCore.Qt.PenStyle.DashLine))
            self.above[loss] = plot.plot(pen=pg.mkPen(RED, width=6), connect="finite")
            col.addWidget(plot, 1)
            self.verdict[loss] = label(f"convexityVerdict_{loss}", rich=True)
            col.addWidget(self.verdict[loss])
            plots.addLayout(col, 1)
        layout.addLayout(plots, 1)


class SegmentSearch(QtCore.QObject):
    """Runs core.convexity.find_nonconvex_segment on a thread; ``found(token, result)``
    arrives on the GUI thread."""

    found = QtCore.Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.thread = None

    @property
    def busy(self):
        return self.thread is not None and self.thread.is_alive()

    def start(self, X, Y, token):
        def work():
            with np.errstate(over="ignore", invalid="ignore"):
                result = find_nonconvex_segment(X, Y, "squared_error")
            with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                self.found.emit(token, result)

        self.thread = threading.Thread(target=work, name="convexity-search", daemon=True)
        self.thread.start()


class ConvexityPresenter:
    """Draws J and its chord along the run's segment (θ⁰ → θ now) or a found one."""

    def __init__(self, view, search):
        self.view = view
        self.search = search
        self.last = None
        self.found = None  # (X the segment was found on, result) or None
        self.mode = "run"
        self._text = Throttle()
        view.run_segment.clicked.connect(self.use_run_segment)
        view.find.clicked.connect(self.start_search)
        search.found.connect(self._found)

    def use_run_segment(self):
        self.mode = "run"
        if self.last is not None:
            self.draw(self.last, force=True)

    def start_search(self):
        f = self.last
        if f is None or f.m == 0 or len(np.unique(f.labels)) < 2 or self.search.busy:
            return
        set_text(self.view.segment, "Searching 400 random segments for a chord under J…")
        self.view.find.setEnabled(False)
        X, Y = self._data(f)
        self.search.start(X, Y, f.X)

    def _found(self, X, result):
        self.view.find.setEnabled(True)
        self.found = (X, result)
        self.mode = "found"
        if self.last is not None:
            self.draw(self.last, force=True)

    def draw(self, f, force=False):
        self.last = f
        if not force and not self._text(f):
            return
        v = self.view
        if f.m == 0:
            set_text(v.segment, "Add points: J needs data.")
            for loss, _ in LOSSES:
                for item in (v.J[loss], v.chord[loss]):
                    item.setData([], [])
                v.above[loss].setData([], [])
                set_text(v.verdict[loss], "")
            return
        if self.mode == "found" and self.found is not None and self.found[0] is f.X:
            result = self.found[1]
            if result is None:
                set_text(v.segment, "No segment on these points has squared error's chord "
                                    "below J (it happens with very few points): showing the "
                                    "run's segment.")
                u, v_ = self._run_ends(f)
            else:
                u, v_ = result["u"], result["v"]
                set_text(v.segment, f"A segment found by search, with the largest gap at λ = "
                                    f"{num(result['lam'], 2)}: u = {_vec(u)}, v = {_vec(v_)}.")
        else:
            if self.mode == "found":
                self.mode = "run"  # the points changed: the segment found was for others
            u, v_ = self._run_ends(f)
            set_text(v.segment, f"v = θ⁰ (the run's start) = {_vec(v_)},  u = θ now "
                                f"(step {f.shown.iteration:,}) = {_vec(u)}.")
        X, Y = self._data(f)
        if X is not f.X:
            set_text(v.segment, v.segment.text() + f" (J on {SAMPLE_POINTS:,} of the {f.m:,} "
                                                   "points.)")
        for loss, _ in LOSSES:
            with np.errstate(over="ignore", invalid="ignore"):
                lam, J, chord = on_segment(u, v_, X, Y, loss)
            v.J[loss].setData(lam, J)
            v.chord[loss].setData(lam, chord)
            gap = J - chord
            tol = 1e-9 * max(1.0, float(np.nanmax(np.abs(J))))
            above = gap > tol
            v.above[loss].setData(lam, np.where(above, J, np.nan))
            worst = int(np.nanargmax(gap))
            if above.any():
                text = (f"<span style='color:{RED}'><b>J rises above its chord</b></span> by "
                        f"{num(gap[worst], 3)} at λ = {num(lam[worst], 2)}: the definition "
                        f"fails, so this J is <b>not convex</b>.")
            else:
                text = (f"<span style='color:{GREEN}'><b>J stays under its chord</b></span> "
                        f"(J − chord ≤ {num(max(gap[worst], 0.0), 2)}) along this segment.")
            set_text(v.verdict[loss], text)

    def _data(self, f):
        """X, Y, or a fixed sample of SAMPLE_POINTS examples of them (J along a segment is
        101 evaluations on every point: all of 10⁶ points would freeze the window)."""
        idx = sample(f.m)
        if idx is None:
            return f.X, f.Y
        if getattr(self, "_sampled", (None,))[0] is not f.X:
            self._sampled = (f.X, f.X[:, idx], f.Y[:, idx])
        return self._sampled[1], self._sampled[2]

    @staticmethod
    def _run_ends(f):
        u = np.asarray(f.shown.theta, dtype=float)
        v = np.asarray(f.theta0, dtype=float)
        if np.allclose(u, v):
            v = np.zeros_like(u) if np.any(u) else -np.ones_like(u)
        return u, v


def _vec(theta, k=4):
    shown = ", ".join(num(x, 3) for x in theta[:k])
    return f"[{shown}{', …' if len(theta) > k else ''}]"
