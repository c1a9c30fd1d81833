"""The cost landscape's presenter: the frame's θ path on J over two parameters, the
grid of J computed on its own thread."""

from __future__ import annotations

import concurrent.futures
import math
import time

import numpy as np
from PySide6 import QtCore

from core.decision_boundary import decision_boundary
from core.features import TERM_LABELS
from core.landscape import Landscape, view_range

from .landscape_view import BANDS, NOTE, STANDARDIZED

PATH_DOTS = 40  # of the recent path drawn, the newest steps get a dot each
REFRESH_S = 0.25  # at most four new slices a second, and only when the held parameters moved
#: Beyond this many points the landscape is J on a fixed random sample of them: one grid
#: row then stays ~2 ms, where all of 10^6 points would freeze the frame for a second.
SAMPLE_POINTS = 4000


class LandscapePresenter:
    """Keeps the landscape in step with the frames, a few grid rows per frame."""

    def __init__(self, view):
        self.view = view
        self.i, self.j = 1, 2
        self.pending = None  # the grid being filled
        self.shown = None  # the last complete grid
        self.range = None
        self.signature = None
        self._names_for = None  # (names, i, j) the pickers were filled with
        self._frame = None
        self._sample = None  # (m, indices) of the examples the landscape uses
        self._started = 0.0  # when the grid being filled was started
        self._executor = None  # one thread computes the grids
        # A new grid starts once the frame that asked for it is painted: started at
        # once, its thread took the GIL from the painting of that frame (the frame
        # that shows a click, p95 +10 ms at 10,000 points).
        self._start_later = QtCore.QTimer(view)
        self._start_later.setSingleShot(True)
        self._start_later.setInterval(0)
        self._start_later.timeout.connect(self._submit)
        view.pick_x.currentIndexChanged.connect(lambda k: self.pick(k, self.j))
        view.pick_y.currentIndexChanged.connect(lambda k: self.pick(self.i, k))
        # Queued even from the GUI thread: a job done before its callback was attached
        # calls back at once, inside _submit, before pending names that job; the grid
        # was then never shown (found under load by test_found_bugs).
        view.gridReady.connect(self._grid_ready, QtCore.Qt.ConnectionType.QueuedConnection)

    def _announce(self, _job):
        # On the computing thread: Qt queues the signal to the GUI thread.
        try:
            self.view.gridReady.emit()
        except RuntimeError:  # the window is gone
            pass

    def _submit(self):
        if self.pending is not None and self.pending[1] is None:
            grid = self.pending[0]
            job = self._pool().submit(self._contours, grid)
            self.pending = (grid, job)
            job.add_done_callback(self._announce)

    def _grid_ready(self):
        if self.pending is not None and self._frame is not None and self.view.isVisible():
            self.frame(self._frame)

    def _pool(self):
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="landscape")
        return self._executor

    # -- what the parameters are called -------------------------------------
    @staticmethod
    def names(terms, standardize):
        # "w1 (x1)": the weight of feature x1, as slide 5 writes it ("w1 · x1" read as a
        # product).
        suffix = STANDARDIZED if standardize else ""
        return ["b"] + [f"w{k + 1} ({TERM_LABELS[t]}{suffix})" for k, t in enumerate(terms)]

    def pick(self, i, j):
        if self._frame is None:
            return
        n = len(self._frame.terms) + 1
        i, j = min(max(i, 0), n - 1), min(max(j, 0), n - 1)
        if i == j:  # keep two different axes: swap instead
            j = self.i if i != self.i else self.j
        self.i, self.j = i, j
        self.restart()
        self.frame(self._frame)

    def restart(self):
        """Forget the grid (data, features, scaling, loss or axes changed)."""
        self.pending = self.shown = self.range = None
        f = self._frame
        names = self.names(f.terms, f.standardize)
        if max(self.i, self.j) >= len(names):
            self.i, self.j = 1, min(2, len(names) - 1)
            if self.i == self.j:
                self.i = 0
        if self._names_for != (names, self.i, self.j):
            # Refilling the pickers re-lays the panel out: only when the names change,
            # not on every click that adds a point.
            self._names_for = (names, self.i, self.j)
            self.view.set_parameter_names(names, self.i, self.j)
        self.signature = self._signature(f)

    @staticmethod
    def _signature(f):
        return (id(f.X), f.terms, f.standardize, f.loss, f.m, f.l2)

    # -- per frame ----------------------------------------------------------
    def draw(self, frame):
        self.frame(frame)

    def frame(self, f, budget=0.0):
        """Draw frame ``f``; ``budget``: seconds this call may wait for a grid being
        computed (0 in the live loop: the grid is computed on its own thread)."""
        self._frame = f
        if self._signature(f) != self.signature:
            self.restart()
        if f.m == 0:
            self.view.clear()
            return
        thetas = f.path
        theta = f.shown.theta
        if f.lanes:  # in a race the lanes' paths replace the single run's
            thetas = thetas[:0]
            theta = f.lanes[0].theta
        paths = [thetas] + [lane.path for lane in f.lanes]
        a_all = np.concatenate([p[:, self.i] for p in paths] + [[theta[self.i]]])
        b_all = np.concatenate([p[:, self.j] for p in paths] + [[theta[self.j]]])
        if self.range is None or not self._inside(a_all, b_all):
            self.range = view_range(a_all, b_all, (theta[self.i], theta[self.j]))
            self.pending = None
            self.shown = None
        now = time.perf_counter()
        if self.pending is None and (self.shown is None or (
                self._held_moved(theta) and now - self._started > REFRESH_S)):
            X, Y = self.sample(f.X, f.Y)
            # J as descent minimizes it: with λ > 0 the penalty (on all m points'
            # scale, also when J's data part is a sample) is part of the valley.
            grid = Landscape(X, Y, theta, self.i, self.j, *self.range, loss=f.loss,
                             l2=f.l2, feature_scale=f.scaler.scale[:, 0], m=f.m)
            # Off the GUI thread (numpy releases the GIL in cost_many); the previous
            # complete grid stays on screen meanwhile.
            self.pending = (grid, None)
            self._started = now
            self._start_later.start()
        if self.pending is not None:
            if budget > 0:
                self._submit()
            grid, job = self.pending
            if budget > 0:
                concurrent.futures.wait([job], timeout=budget)
            if job is not None and job.done():
                contours = job.result()  # an error there surfaces here, on the GUI thread
                self.shown, self.pending = grid, None
                self._draw_grid(grid, contours)
        if f.shown.scrubbed and not f.lanes:
            # The path up to the step viewed, and the marker on it.
            upto = thetas[:0]
            if len(f.path):
                k = len(f.path) - (f.iteration - f.shown.iteration)
                upto = thetas[:max(k, 0)]
            thetas = upto
        self._draw_path(thetas, theta)
        for item, lane in zip(self.view.lane_paths, f.lanes):
            item.setData(lane.path[:, self.i], lane.path[:, self.j])
            item.show()
        for item in self.view.lane_paths[len(f.lanes):]:
            item.hide()

    def sample(self, X, Y):
        """The examples J is computed on: all of them, or a fixed random SAMPLE_POINTS."""
        m = X.shape[1]
        note = NOTE
        if self._frame is not None and self._frame.l2 > 0:
            note = f"J = data loss + penalty (λ = {self._frame.l2:g}), as descent minimizes · " + NOTE
        if m <= SAMPLE_POINTS:
            self.view.note.setText(note)
            return X, Y
        if self._sample is None or self._sample[0] != m:
            idx = np.sort(np.random.default_rng(0).choice(m, SAMPLE_POINTS, replace=False))
            self._sample = (m, idx)
        idx = self._sample[1]
        self.view.note.setText(f"J on a random {SAMPLE_POINTS:,} of {m:,} points · " + note)
        return X[:, idx], Y[:, idx]

    def _held_moved(self, theta):
        """Did the parameters held fixed in the slice move since the shown grid?"""
        if self.shown is None:
            return True
        held = np.ones(len(theta), dtype=bool)
        held[[self.i, self.j]] = False
        old = self.shown.theta
        if len(old) != len(theta):
            return True
        # hypot, not norm: held parameters of 1e200 must not overflow their squares.
        change = math.hypot(*(theta[held] - old[held]).tolist())
        return bool(change > 1e-3 * (1.0 + math.hypot(*old[held].tolist())))

    def _inside(self, a, b):
        (a0, a1), (b0, b1) = self.range
        return bool(np.all((a >= a0) & (a <= a1) & (b >= b0) & (b <= b1)))

    @staticmethod
    def _contours(grid):
        """Fill ``grid`` and trace its bands; pure numpy, run on the landscape's thread.

        Returns (log J image, (lo, hi), isoline xs, ys, minimum) or None (no finite J)."""
        grid.fill()
        J = grid.J
        finite = np.isfinite(J) & (J > 0)
        if not finite.any():
            return None
        L = np.log10(np.where(finite, J, np.nan))
        lo, hi = float(np.nanmin(L)), float(np.nanmax(L))
        if not hi > lo:
            hi = lo + 1e-9
        L = np.nan_to_num(L, nan=hi)
        xs, ys = [], []
        for level in np.linspace(lo, hi, BANDS + 1)[1:-1]:
            x, y = decision_boundary(L, grid.a_values, grid.b_values, level)
            xs.append(x)
            ys.append(y)
        return L.astype(np.float32), (lo, hi), np.concatenate(xs), np.concatenate(ys), \
            grid.minimum()

    def _draw_grid(self, grid, contours):
        if contours is None:
            return
        L, levels, xs, ys, best = contours
        self.view.image.setImage(L, levels=levels, autoLevels=False)
        (a0, a1), (b0, b1) = grid.a_range, grid.b_range
        ny, nx = L.shape
        da, db = (a1 - a0) / (nx - 1), (b1 - b0) / (ny - 1)
        self.view.image.setRect(QtCore.QRectF(a0 - da / 2, b0 - db / 2, da * nx, db * ny))
        self.view.isolines.setData(xs, ys)
        if best:
            self.view.minimum.setData([best[0]], [best[1]])
        else:
            self.view.minimum.setData([], [])
        self.view.plot.setRange(xRange=grid.a_range, yRange=grid.b_range, padding=0)

    def _draw_path(self, thetas, theta):
        a, b = thetas[:, self.i], thetas[:, self.j]
        self.view.path.setData(a, b)
        # Dots on the newest steps only: a scatter costs ~3 µs a point each frame.
        self.view.path_dots.setData(a[-PATH_DOTS:], b[-PATH_DOTS:])
        self.view.current.setData([theta[self.i]], [theta[self.j]])
        self.view.arrow.setPos(theta[self.i], theta[self.j])
        self.view.arrow.setVisible(len(a) >= 2)
        if len(a) >= 2:
            da, db = a[-1] - a[-2], b[-1] - b[-2]
            if da or db:
                # ArrowItem's angle is in screen degrees; map the step through the view's scale.
                sx, sy = self.view.view_box.viewPixelSize()
                with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                    dx, dy = float(da / (sx or 1)), float(-db / (sy or 1))
                if not (math.isfinite(dx) and math.isfinite(dy)):
                    dx, dy = math.copysign(1.0, float(da)), math.copysign(1.0, -float(db))
                angle = math.degrees(math.atan2(dy, dx))
                self.view.arrow.setStyle(angle=180 + angle)
