"""The cost landscape: J over two chosen parameters, the others held fixed.

The grid is filled a few rows at a time (``fill``) so the live loop can
spread the work over frames; each row is one vectorized :func:`cost_many`
call.  With λ > 0 the J is the one descent minimises: the data loss plus the
L2 penalty λ/(2m)·Σ (w_j/s_j)² (:class:`core.objective.Penalized`).
"""

from __future__ import annotations

import numpy as np

from .model import cost_many
from .objective import Penalized


def slice_thetas(theta, i, j, a_values, b_values):
    """Parameter vectors of the grid: θ with θ[i] = a, θ[j] = b.

    Returns an array of shape (len(b_values), len(a_values), n_params),
    row r holding b = b_values[r].
    """
    A, B = np.meshgrid(a_values, b_values)
    thetas = np.broadcast_to(theta, A.shape + (len(theta),)).copy()
    thetas[..., i] = A
    thetas[..., j] = B
    return thetas


class Landscape:
    """J(θ) on a (ny, nx) grid over θ[i] (x axis) and θ[j] (y axis).

    ``l2``, ``feature_scale`` and ``m``: the L2 penalty λ/(2m)·Σ (w_j/s_j)² added to
    the data loss, as descent adds it (``m``: the run's examples, when X is a sample
    of them; X's when None).
    """

    def __init__(self, X, Y, theta, i, j, a_range, b_range, shape=(48, 48), loss="cross_entropy",
                 l2=0.0, feature_scale=None, m=None):
        if i == j:
            raise ValueError("choose two different parameters")
        self.X, self.Y, self.loss = X, Y, loss
        self.l2 = float(l2)
        self._penalty = None
        if self.l2:
            scale = np.ones(X.shape[0]) if feature_scale is None else feature_scale
            self._penalty = Penalized(None, self.l2, scale, X.shape[1] if m is None else m)
        self.theta = np.asarray(theta, dtype=float).copy()
        self.i, self.j = i, j
        self.a_range = (float(a_range[0]), float(a_range[1]))
        self.b_range = (float(b_range[0]), float(b_range[1]))
        ny, nx = shape
        self.a_values = np.linspace(*self.a_range, nx)
        self.b_values = np.linspace(*self.b_range, ny)
        self.J = np.full((ny, nx), np.nan)
        self.rows_done = 0
        self._thetas = slice_thetas(self.theta, i, j, self.a_values, self.b_values)

    @property
    def complete(self):
        return self.rows_done == len(self.b_values)

    def fill(self, rows=None):
        """Compute the next ``rows`` rows (all when None); return rows computed."""
        stop = len(self.b_values) if rows is None else min(len(self.b_values), self.rows_done + rows)
        start = self.rows_done
        if stop <= start:
            return 0
        block = self._thetas[start:stop].reshape(-1, len(self.theta))
        costs = cost_many(block[:, 1:], block[:, 0], self.X, self.Y, self.loss)
        if self._penalty is not None:
            costs = costs + self._penalty.penalty(block[:, 1:])
        self.J[start:stop] = costs.reshape(stop - start, -1)
        self.rows_done = stop
        return stop - start

    def minimum(self):
        """(a, b, J) at the grid's lowest finite cost, or None before any row."""
        done = self.J[: self.rows_done]
        finite = np.isfinite(done)
        if not finite.any():
            return None
        k = np.argmin(np.where(finite, done, np.inf))
        r, c = np.unravel_index(k, done.shape)
        return float(self.a_values[c]), float(self.b_values[r]), float(done[r, c])


def view_range(path_a, path_b, current, margin=0.6, min_span=1.0):
    """A square-ish window around the path and the current point."""
    a = np.append(np.asarray(path_a, dtype=float), current[0])
    b = np.append(np.asarray(path_b, dtype=float), current[1])
    a = a[np.isfinite(a)]
    b = b[np.isfinite(b)]
    lo = np.array([a.min(), b.min()])
    hi = np.array([a.max(), b.max()])
    span = np.maximum(hi - lo, min_span)
    centre = (lo + hi) / 2
    half = span * (0.5 + margin)
    return (centre[0] - half[0], centre[0] + half[0]), (centre[1] - half[1], centre[1] + half[1])
