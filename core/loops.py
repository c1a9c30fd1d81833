"""The slide "Logistic regression on m examples", runnable — and what's wrong with it.

The lecture writes one epoch of descent as a loop with accumulators::

    J = 0; dw1 = 0; dw2 = 0; db = 0        ← before Repeat: the bug
    w1, w2, b ← random
    Repeat {
        (J = 0; dw1 = 0; dw2 = 0; db = 0)  ← inside Repeat: the fix
        For i = 1 to m
            z⁽ⁱ⁾ = wᵀx⁽ⁱ⁾ + b;  a⁽ⁱ⁾ = σ(z⁽ⁱ⁾)
            J += L(a⁽ⁱ⁾, y⁽ⁱ⁾)
            dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾
            dw1 += x1⁽ⁱ⁾·dz⁽ⁱ⁾;  dw2 += x2⁽ⁱ⁾·dz⁽ⁱ⁾;  db += dz⁽ⁱ⁾
        J /= m;  dw1 /= m;  dw2 /= m;  db /= m
        w1 = w1 − α·dw1;  w2 = w2 − α·dw2;  b = b − α·db
    }

With the accumulators set to 0 only once, each iteration adds the new sums
to the previous iteration's averages: dw_t = g_t + dw_{t−1}/m (g_t the true
gradient), a leak of old gradients that is worst on few points.

:class:`LectureLoop` runs either form one ``Repeat`` at a time (for a live
side-by-side view); :func:`lecture_loop` and :func:`buggy_loop` run many.
The sums over examples are computed with numpy (the same sums as the
``For i`` loop, see :func:`core.model.propagate_loop` for that loop itself);
the accumulators, their reset and their division by m are the slide's.
J is the loss L = −(y log a + (1−y) log(1−a)) (the slide's loop omits the
minus sign that its cost function has).
"""

from __future__ import annotations

import numpy as np

from .model import cross_entropy_from_z, sigmoid


class LectureLoop:
    """The slide's loop on features X (n_x, m) and labels Y (1, m), one Repeat per step.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    w : array-like, shape (n_x, 1) or (n_x,)
    b : float
    learning_rate : float
    reset_accumulators : bool
        True: ``J = 0; dw = 0; db = 0`` at the top of every Repeat (correct).
        False: only once, before Repeat (the slide "What's wrong with the code?").

    Attributes
    ----------
    J, dw, db : the accumulators after the last Repeat (J and db floats, dw (n_x, 1)).
    w, b : the parameters; ``theta`` is [b, w1, ..., wn].
    iteration : Repeats done.
    costs, thetas : lists of J and θ after each Repeat (θ⁰ first in ``thetas``).
    """

    def __init__(self, X, Y, w, b, learning_rate, *, reset_accumulators=True):
        self.X = np.asarray(X, dtype=float)
        self.Y = np.asarray(Y, dtype=float).reshape(1, -1)
        self.w = np.asarray(w, dtype=float).reshape(-1, 1).copy()
        self.b = float(b)
        self.learning_rate = float(learning_rate)
        self.reset_accumulators = bool(reset_accumulators)
        self.J, self.dw, self.db = 0.0, np.zeros_like(self.w), 0.0
        self.iteration = 0
        self.costs = []
        self.thetas = [self.theta]

    @property
    def theta(self):
        return np.concatenate([[self.b], self.w[:, 0]])

    def step(self, n=1):
        """Run ``n`` Repeats; returns the last J."""
        X, Y, alpha = self.X, self.Y, self.learning_rate
        m = X.shape[1]
        for _ in range(n):
            if self.reset_accumulators:
                self.J, self.dw, self.db = 0.0, np.zeros_like(self.w), 0.0
            with np.errstate(over="ignore", invalid="ignore"):
                Z = self.w.T @ X + self.b  # z⁽ⁱ⁾ for i = 1 … m
                A = sigmoid(Z)
                dZ = A - Y
                self.J += float(cross_entropy_from_z(Z, Y).sum())
                self.dw = self.dw + X @ dZ.T  # dw_j += x_j⁽ⁱ⁾·dz⁽ⁱ⁾ over i
                self.db += float(dZ.sum())
                self.J /= m
                self.dw = self.dw / m
                self.db /= m
                self.w = self.w - alpha * self.dw
                self.b = self.b - alpha * self.db
            self.iteration += 1
            self.costs.append(self.J)
            self.thetas.append(self.theta)
        return self.J


def lecture_loop(w, b, X, Y, learning_rate, steps, *, reset_accumulators=True):
    """Run the slide's loop ``steps`` times.

    Returns
    -------
    costs : ndarray, shape (steps,)
        J as the loop computes it after each Repeat.
    thetas : ndarray, shape (steps + 1, n_x + 1)
        θ = [b, w1, ..., wn] before the first and after every Repeat.
    """
    loop = LectureLoop(X, Y, w, b, learning_rate, reset_accumulators=reset_accumulators)
    loop.step(steps)
    return np.asarray(loop.costs), np.asarray(loop.thetas)


def buggy_loop(w, b, X, Y, learning_rate, steps):
    """The slide "What's wrong with the code?": accumulators J, dw, db set to 0
    once, before ``Repeat {``, never reset.  Same results as :func:`lecture_loop`."""
    return lecture_loop(w, b, X, Y, learning_rate, steps, reset_accumulators=False)
