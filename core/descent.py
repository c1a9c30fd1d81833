"""Batch gradient descent with simultaneous updates, one step at a time.

The engine works on already-built features ``X`` (n_x, m) and labels ``Y``
(1, m).  Every step is the lecture's vectorized epoch::

    Z = w.T @ X + b;  A = σ(Z);  dZ = A - Y
    dw = X @ dZ.T / m;  db = sum(dZ) / m
    w = w - α·dw;  b = b - α·db          (simultaneously)

and stops when ‖dw‖ ≤ ε, where ``dw`` includes ``db`` as on the slide.
"""

from __future__ import annotations

import math
import time

import numpy as np

from .history import History
from .model import propagate

#: Words the engine uses for its state (the app adds "running" / "paused").
DESCENDING, CONVERGED, DIVERGING, OSCILLATING, DIVERGED, NO_DATA = (
    "descending",
    "converged",
    "diverging",
    "oscillating",
    "diverged",
    "no data",
)

#: How many recent costs decide between descending, diverging and oscillating.
#: 25 costs span 24 steps, a whole number of periods of a 2-, 3- or 4-cycle, so
#: the first and last costs of a zig-zag are compared in the same phase.
TREND_WINDOW = 25


def grad_norm(dw, db):
    """‖dw‖ with db included, without overflow: squaring a gradient of 1e200
    would give inf (and a RuntimeWarning) although every component is finite."""
    return math.hypot(*dw.ravel().tolist(), db)


def classify_trend(costs):
    """State word for a run whose last costs are ``costs`` (oldest first).

    *diverging*: the cost rose over the window and most steps went up.
    *oscillating*: it keeps changing direction without getting lower (its
    lowest value in the newer half of the window is no lower than in the
    older half, which does not depend on where a zig-zag's phase falls).
    """
    if len(costs) < 4:
        return DESCENDING
    d = np.diff(costs)
    scale = max(abs(float(costs[0])), abs(float(costs[-1])), 1e-300)
    tiny = 1e-12 * scale
    ups = int(np.count_nonzero(d > tiny))
    downs = int(np.count_nonzero(d < -tiny))
    rose = costs[-1] - costs[0] > tiny
    if rose and ups > downs:
        return DIVERGING
    moving = d[np.abs(d) > tiny]
    if len(moving) >= 4:
        flips = int(np.count_nonzero(np.sign(moving[1:]) != np.sign(moving[:-1])))
        half = len(costs) // 2
        no_lower = np.min(costs[half:]) >= np.min(costs[:half]) - tiny
        if flips >= 0.6 * (len(moving) - 1) and no_lower:
            return OSCILLATING
    return DESCENDING


#: A longer look back, for the irregular bouncing of an α far above α*.
BOUNCE_WINDOW = 120


def is_bouncing(costs):
    """True when J keeps changing direction and, over the whole window, does not fall.

    With α far above α* the cost jumps irregularly (no clean 2-cycle), so the
    short window can happen to end lower than it began; over a longer window
    the mean of its newer half is no lower than that of its older half.
    """
    if len(costs) < BOUNCE_WINDOW:
        return False
    d = np.diff(costs)
    tiny = 1e-12 * max(float(np.max(np.abs(costs))), 1e-300)
    moving = d[np.abs(d) > tiny]
    if len(moving) < len(d) // 2:
        return False
    flips = int(np.count_nonzero(np.sign(moving[1:]) != np.sign(moving[:-1])))
    half = len(costs) // 2
    falling = np.mean(costs[half:]) < 0.98 * np.mean(costs[:half])
    return flips >= 0.4 * (len(moving) - 1) and not falling


class _FusedCrossEntropy:
    """``propagate`` for cross-entropy, fused for the live loop.

    The same quantities from the same X and Y, rearranged so one step is two
    matrix products and four passes over the examples.  With s = 1 − 2y and
    T = s·z (positive for a wrong answer):

    * L = log(1 + e^T), the cost from z, exact even when J is tiny;
    * dz = a − y = s·σ(T) = s·e^T / (1 + e^T): one exp serves cost and gradient;
    * with X̃s = [s; s·X] (the bias row first), T = θᵀX̃s and
      [db, dw] = X̃s·σ(T)ᵀ / m, so z, a and dZ never need their own arrays.

    Where e^T overflows (a point wrong by |z| > 709) it falls back to
    :func:`propagate`, which handles that exactly.
    """

    def __init__(self, X, Y):
        self.X, self.Y = X, Y
        m = X.shape[1]
        self.m = m
        sign = 1.0 - 2.0 * Y
        self.Xs = np.vstack([sign, X * sign])  # (n_x + 1, m)
        self.P = np.empty(m)
        self.Q = np.empty(m)

    def __call__(self, theta):
        """(cost, [db, dw1, ..., dwn]) at θ = [b, w1, ..., wn]."""
        P, Q, m = self.P, self.Q, self.m
        np.matmul(theta, self.Xs, out=P)  # T
        np.exp(P, out=P)
        cost = float(np.log1p(P, out=Q).sum()) / m
        if not math.isfinite(cost):  # e^T overflowed: the exact, slower route
            w = theta[1:].reshape(-1, 1)
            cost, dw, db = propagate(w, float(theta[0]), self.X, self.Y)
            return cost, np.concatenate([[db], dw[:, 0]])
        np.add(P, 1.0, out=Q)
        np.divide(P, Q, out=Q)  # σ(T)
        g = self.Xs @ Q
        g /= m
        return cost, g


class GradientDescent:
    """Owns θ = (w, b), the step loop, the stopping test and the history."""

    def __init__(self, X, Y, w, b, *, learning_rate=0.1, tol=1e-4, loss="cross_entropy"):
        self.X = X
        self.Y = Y
        self.w = np.asarray(w, dtype=float).reshape(-1, 1).copy()
        self.b = float(b)
        self.learning_rate = float(learning_rate)
        self.tol = float(tol)
        self.loss = loss
        self.iteration = 0
        self.diverged_at = None  # (iteration, α) when a step went non-finite
        self.history = History(self.w.shape[0] + 1)
        self._current = None
        self._fused = None  # buffers of the cross-entropy fast path, per (X, Y)
        self._evaluate()
        if self.cost is not None and math.isfinite(self.cost):
            self.history.append(0, self.cost, self.theta)

    # -- θ as one vector [b, w1, ..., w_n], bias first like the slides' W --
    @property
    def theta(self):
        return np.concatenate([[self.b], self.w[:, 0]])

    def set_theta(self, theta):
        """Jump to θ (bias first); descent continues from there."""
        theta = np.asarray(theta, dtype=float)
        self.b = float(theta[0])
        self.w = theta[1:].reshape(-1, 1).copy()
        self.diverged_at = None
        self._evaluate()
        # Only finite costs are history: the trend of J must never see inf − inf.
        if self.cost is not None and math.isfinite(self.cost):
            self.history.append(self.iteration, self.cost, self.theta)

    @property
    def m(self):
        return self.X.shape[1]

    def set_data(self, X, Y):
        """New examples (same number of features); θ and the iteration count stay."""
        self.X, self.Y = X, Y
        self.diverged_at = None
        self._evaluate()

    def _evaluate(self):
        """Cost and gradient at the current θ, cached for the next step."""
        if self.m == 0:
            self._current = None
            return
        cost, dw, db = propagate(self.w, self.b, self.X, self.Y, self.loss)
        self._current = (cost, dw, db, grad_norm(dw, db))
        if not math.isfinite(self._current[0]) or not math.isfinite(self._current[3]):
            self.diverged_at = (self.iteration, self.learning_rate)

    @property
    def cost(self):
        return None if self._current is None else self._current[0]

    @property
    def gradient(self):
        """(dw, db) at the current θ."""
        return None if self._current is None else (self._current[1], self._current[2])

    @property
    def grad_norm(self):
        """‖dw‖ with db included: the quantity of the stopping test."""
        return None if self._current is None else self._current[3]

    @property
    def converged(self):
        return self.grad_norm is not None and self.grad_norm <= self.tol

    @property
    def state(self):
        if self._current is None:
            return NO_DATA
        if self.diverged_at is not None:
            return DIVERGED
        if self.converged:
            return CONVERGED
        trend = classify_trend(self.history.recent_costs(TREND_WINDOW))
        if trend in (DESCENDING, DIVERGING):
            # An irregular bounce must not flicker between words: over the long window
            # it is "oscillating" unless J clearly grows (then "diverging").
            long = self.history.recent_costs(BOUNCE_WINDOW)
            if is_bouncing(long):
                half = len(long) // 2
                grows = np.mean(long[half:]) > 1.25 * np.mean(long[:half])
                return DIVERGING if grows else OSCILLATING
        return trend

    def step(self, n=1, time_budget=None):
        """Take up to ``n`` steps; stop early on convergence, divergence or budget.

        ``time_budget`` (seconds) bounds the wall time, so the live loop spends
        a fixed time per frame whatever the number of points.
        Returns the number of steps taken.
        """
        if self._current is None or self.diverged_at is not None:
            return 0
        deadline = None if time_budget is None else time.perf_counter() + time_budget
        w, b, X, Y, loss, alpha = self.w, self.b, self.X, self.Y, self.loss, self.learning_rate
        tol = self.tol
        cost, dw, db, gnorm = self._current
        done = 0
        theta = np.empty(w.shape[0] + 1)
        if loss == "cross_entropy" and X.shape[1]:
            return self._step_fused(n, deadline)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            while done < n:
                if gnorm <= tol:
                    break
                # Simultaneous update: both new values come from the old θ.
                w_new = w - alpha * dw
                b_new = b - alpha * db
                new = propagate(w_new, b_new, X, Y, loss)
                new_norm = grad_norm(new[1], new[2])
                if not (math.isfinite(new[0]) and math.isfinite(new_norm) and math.isfinite(b_new)):
                    self.diverged_at = (self.iteration + 1, alpha)
                    break
                w, b = w_new, b_new
                cost, dw, db = new
                gnorm = new_norm
                self.iteration += 1
                done += 1
                theta[0] = b
                theta[1:] = w[:, 0]
                self.history.append(self.iteration, cost, theta)
                # Checked after every step (a clock read is ~1% of a step): with
                # many points, 8 steps between checks would blow a frame's budget.
                if deadline is not None and time.perf_counter() > deadline:
                    break
        self.w, self.b = w, b
        self._current = (cost, dw, db, gnorm)
        return done

    def _step_fused(self, n, deadline):
        """The cross-entropy step loop on θ = [b, w] as one vector (see _FusedCrossEntropy)."""
        if self._fused is None or self._fused.X is not self.X or self._fused.Y is not self.Y:
            self._fused = _FusedCrossEntropy(self.X, self.Y)
        fused, alpha, tol, history = self._fused, self.learning_rate, self.tol, self.history
        cost, dw, db, gnorm = self._current
        theta = self.theta
        g = np.concatenate([[db], dw[:, 0]])
        done = 0
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            while done < n:
                if gnorm <= tol:
                    break
                new_theta = theta - alpha * g  # simultaneous: every θ_j from the old θ
                new_cost, new_g = fused(new_theta)
                new_norm = math.hypot(*new_g.tolist())
                if not (math.isfinite(new_cost) and math.isfinite(new_norm)
                        and np.all(np.isfinite(new_theta))):
                    self.diverged_at = (self.iteration + 1, alpha)
                    break
                theta, cost, g, gnorm = new_theta, new_cost, new_g, new_norm
                self.iteration += 1
                done += 1
                history.append(self.iteration, cost, theta)
                if deadline is not None and time.perf_counter() > deadline:
                    break
        self.b = float(theta[0])
        self.w = theta[1:].reshape(-1, 1).copy()
        self._current = (cost, g[1:].reshape(-1, 1).copy(), float(g[0]), gnorm)
        return done

    def step_back(self):
        """Return to the previous recorded θ; False when there is none."""
        entry = self.history.pop()
        if entry is None:
            return False
        self.iteration, _, theta = entry
        self.b = float(theta[0])
        self.w = theta[1:].reshape(-1, 1).copy()
        self.diverged_at = None
        self._evaluate()
        return True
