"""The objective descent minimizes: θ = [b, w1, ..., wn] → (J, [db, dw1, ..., dwn]).

Cross-entropy is evaluated fused for the live loop; any loss can go through
:func:`core.model.cost_and_gradients`; an L2 penalty wraps either.  The
same functions run in the app and in the descent process, so both give the
same numbers bit for bit.
"""

from __future__ import annotations

import math

import numpy as np

from .model import cost_and_gradients


class FusedCrossEntropy:
    """Cost and gradient of cross-entropy, fused for the live loop.

    The same quantities as :func:`core.model.cost_and_gradients` from the same
    X and Y, rearranged so one evaluation is two matrix products and four
    passes over the examples.  With s = 1 − 2y and T = s·z (positive for a
    wrong answer):

    * L = log(1 + e^T), the cost from z, exact even when J is tiny;
    * dz = a − y = s·σ(T) = s·e^T / (1 + e^T): one exp serves cost and gradient;
    * with X̃s = [s; s·X] (the bias row first), T = θᵀX̃s and
      [db, dw] = X̃s·σ(T)ᵀ / m, so z, a and dZ never need their own arrays.

    Where e^T overflows (a point wrong by |z| > 709) it falls back to
    :func:`core.model.cost_and_gradients`, which handles that exactly.
    """

    def __init__(self, X, Y):
        self.X, self.Y = X, Y
        m = X.shape[1]
        self.m = m
        sign = 1.0 - 2.0 * Y
        self.Xs = np.empty((X.shape[0] + 1, m))  # [s; s·X], filled in place: no copy of X·s
        self.Xs[0] = sign
        np.multiply(X, sign, out=self.Xs[1:])
        self.P = np.empty(m)
        self.Q = np.empty(m)

    def __call__(self, theta):
        """(cost, [db, dw1, ..., dwn]) at θ = [b, w1, ..., wn]."""
        P, Q, m = self.P, self.Q, self.m
        np.matmul(theta, self.Xs, out=P)  # T
        np.exp(P, out=P)
        cost = float(np.log1p(P, out=Q).sum()) / m
        if not math.isfinite(cost):  # e^T overflowed: the exact, slower route
            return Generic(self.X, self.Y, "cross_entropy")(theta)
        np.add(P, 1.0, out=Q)
        np.divide(P, Q, out=Q)  # σ(T)
        g = self.Xs @ Q
        g /= m
        return cost, g


class Generic:
    """Cost and gradient of any loss through :func:`core.model.cost_and_gradients`."""

    def __init__(self, X, Y, loss):
        self.X, self.Y, self.loss = X, Y, loss

    def __call__(self, theta):
        w = theta[1:].reshape(-1, 1)
        cost, dw, db = cost_and_gradients(w, float(theta[0]), self.X, self.Y, self.loss)
        return cost, np.concatenate([[db], dw[:, 0]])


class Penalized:
    """J + λ/(2m)·Σ (w_j / s_j)²: the L2 penalty on the weights in original units.

    The engine's w_j multiplies the feature (x_j − μ_j)/s_j, i.e. it is
    w_j / s_j per original unit; the bias is not penalized, so the penalty
    (and the minimum) is the same whatever the scaling.
    """

    def __init__(self, data, l2, feature_scale, m):
        self.data = data
        self.c = l2 / (np.asarray(feature_scale, dtype=float).reshape(-1) ** 2)  # λ / s_j²
        self.m = m

    def penalty(self, w):
        """λ/(2m)·Σ (w_j/s_j)² for w of shape (n_x,) or rows (k, n_x)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return 0.5 * (np.asarray(w) ** 2 @ self.c) / self.m

    def __call__(self, theta):
        cost, g = self.data(theta)
        w = theta[1:]
        with np.errstate(over="ignore", invalid="ignore"):
            cost += float(self.penalty(w))
            g[1:] += self.c * w / self.m
        return cost, g
