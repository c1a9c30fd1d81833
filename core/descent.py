"""Batch gradient descent, one step at a time, in one step loop.

The engine works on already-built features ``X`` (n_x, m) and labels ``Y``
(1, m).  Every step is the lecture's vectorized epoch::

    Z = w.T @ X + b;  A = σ(Z);  dZ = A - Y
    dw = X @ dZ.T / m;  db = sum(dZ) / m
    w = w - α·dw;  b = b - α·db          (simultaneously)

and stops when ‖dw‖ ≤ ε, where ``dw`` includes ``db`` as on the slide, or,
with ``stop="step"``, when ‖W^{t+1} − W^t‖₂ ≤ ε.  ``update="sequential"`` is
the slide's *incorrect form*: b first, then each w_j in turn, each derivative
taken at the θ with the coordinates before it already updated.

Only what the engine itself must know is decided here (no data, converged,
diverged); whether J is oscillating, crawling or diverging is the regime's
judgement (:mod:`core.regime`).
"""

from __future__ import annotations

import math
import time

import numpy as np

from .checks import STOPS, UPDATES
from .history import History
from .objective import FusedCrossEntropy, Generic, Penalized
from .regime import CONVERGED, DESCENDING, DIVERGED, DIVERGING, NO_DATA, OSCILLATING, trend

__all__ = [
    "CONVERGED",
    "DESCENDING",
    "DIVERGED",
    "DIVERGING",
    "NO_DATA",
    "OSCILLATING",
    "STOPS",
    "UPDATES",
    "GradientDescent",
    "grad_norm",
]


def grad_norm(dw, db):
    """‖dw‖ with db included, without overflow: squaring a gradient of 1e200
    would give inf (and a RuntimeWarning) although every component is finite."""
    return math.hypot(*dw.ravel().tolist(), db)


def build_evaluator(X, Y, loss, l2, feature_scale):
    """The function θ → (J, [db, dw1, ..., dwn]) of ``loss`` (+ the L2 penalty) on X, Y.

    Cross-entropy uses the fused evaluation; an L2 penalty wraps either.
    """
    f = FusedCrossEntropy(X, Y) if loss == "cross_entropy" else Generic(X, Y, loss)
    if l2:
        f = Penalized(f, l2, feature_scale, X.shape[1])
    return f


class GradientDescent:
    """Owns θ = [b, w1, ..., wn], the step loop, the stopping test and the history.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    w : array-like, shape (n_x, 1) or (n_x,)
    b : float
    learning_rate : float
        α.
    tol : float
        ε of the stopping test; 0 switches the test off (runs go on until
        told to stop).
    loss : "cross_entropy" or "squared_error"
    update : "simultaneous" (the correct form) or "sequential" (the slide's
        incorrect form: b first, then each w_j in turn).
    stop : "gradient" (‖dw‖ ≤ ε) or "step" (‖W^{t+1} − W^t‖₂ ≤ ε).
    l2 : float
        λ of the penalty λ/(2m)·Σ (w_j/s_j)² added to J (0: none).
    feature_scale : array-like, shape (n_x,), optional
        s_j, the scale of each feature (standardization), so the penalty is
        on the weights in original units; ones when None.
    """

    def __init__(self, X, Y, w, b, *, learning_rate=0.1, tol=1e-4, loss="cross_entropy",
                 update="simultaneous", stop="gradient", l2=0.0, feature_scale=None):
        self.X = X
        self.Y = Y
        w = np.asarray(w, dtype=float).reshape(-1)
        self._theta = np.concatenate([[float(b)], w])
        self.learning_rate = float(learning_rate)
        self.tol = float(tol)
        self.loss = loss
        self.update = update
        self.stop = stop
        self.l2 = float(l2)
        self.feature_scale = (np.ones(len(w)) if feature_scale is None
                              else np.asarray(feature_scale, dtype=float).reshape(-1).copy())
        self.iteration = 0
        self.diverged_at = None  # (iteration, α) when a step went non-finite
        self.step_norm = None  # ‖W^{t+1} − W^t‖₂ of the last step (None before one)
        self.history = History(len(self._theta))
        self._current = None  # (cost, [db, dw], ‖dw‖) at θ
        self._evaluator = None  # (key, function θ → (cost, [db, dw]))
        self._evaluate()
        if self.cost is not None and math.isfinite(self.cost):
            self.history.append(0, self.cost, self._theta, self.grad_norm)

    # -- θ as one vector [b, w1, ..., w_n], bias first like the slides' W --
    @property
    def theta(self):
        """θ = [b, w1, ..., wn], shape (n_x + 1,); a copy."""
        return self._theta.copy()

    @property
    def w(self):
        """w, shape (n_x, 1); a copy."""
        return self._theta[1:].reshape(-1, 1).copy()

    @property
    def b(self):
        return float(self._theta[0])

    def set_theta(self, theta):
        """Jump to θ (bias first); descent continues from there."""
        self._theta = np.array(theta, dtype=float).reshape(-1)
        self.diverged_at = None
        self.step_norm = None
        self._evaluate()
        # Only finite costs are history: the trend of J must never see inf − inf.
        if self.cost is not None and math.isfinite(self.cost):
            self.history.append(self.iteration, self.cost, self._theta, self.grad_norm)

    @property
    def m(self):
        return self.X.shape[1]

    def set_data(self, X, Y, feature_scale=None, evaluate=True, evaluator=None):
        """New examples (same number of features); θ and the iteration count stay.

        ``feature_scale``: the new features' scales s_j (for the L2 penalty), if they changed.
        ``evaluate=False``: :meth:`set_theta` follows at once and evaluates J there (one
        pass over a million points less).  ``evaluator``: :func:`build_evaluator` of
        these X, Y, scales and this engine's loss and λ, built ahead (on another thread).
        """
        self.X, self.Y = X, Y
        if feature_scale is not None:
            self.feature_scale = np.asarray(feature_scale, dtype=float).reshape(-1).copy()
        if evaluator is not None:
            self._evaluator = (self._evaluator_key(), evaluator)
        self.diverged_at = None
        if evaluate:
            self._evaluate()

    # -- the objective ------------------------------------------------------
    def evaluator(self):
        """The function θ → (J, [db, dw1, ..., dwn]) of this engine's objective.

        Cross-entropy uses the fused evaluation; an L2 penalty wraps either.
        Built once per data, loss and penalty.
        """
        key = self._evaluator_key()
        if self._evaluator is None or self._evaluator[0] != key:
            self._evaluator = (key, build_evaluator(self.X, self.Y, self.loss, self.l2,
                                                    self.feature_scale))
        return self._evaluator[1]

    def _evaluator_key(self):
        return (id(self.X), id(self.Y), self.loss, self.l2, self.feature_scale.tobytes())

    def penalty_of(self, thetas):
        """The L2 penalty λ/(2m)·Σ (w_j/s_j)² of θ rows (k, n_x + 1) → (k,); zeros when λ = 0.

        J minus this is the data loss (cross-entropy or squared error).
        """
        thetas = np.atleast_2d(thetas)
        if not self.l2 or self.m == 0:
            return np.zeros(len(thetas))
        return Penalized(None, self.l2, self.feature_scale, self.m).penalty(thetas[:, 1:])

    @property
    def penalty(self):
        """λ/(2m)·Σ (w_j/s_j)² at the current θ (0 without a penalty or data)."""
        return float(self.penalty_of(self._theta)[0])

    @property
    def data_cost(self):
        """The data loss at the current θ: J without the penalty (None without data)."""
        return None if self.cost is None else self.cost - self.penalty

    def _evaluate(self):
        """Cost and gradient at the current θ, cached for the next step."""
        if self.m == 0:
            self._current = None
            return
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            cost, g = self.evaluator()(self._theta)
            g = g.copy()  # the fused evaluation reuses nothing, but the caller may
        gnorm = math.hypot(*g.tolist())
        self._current = (cost, g, gnorm)
        if not math.isfinite(cost) or not math.isfinite(gnorm):
            self.diverged_at = (self.iteration, self.learning_rate)

    @property
    def cost(self):
        """J(θ) (with the penalty, if any); None without data."""
        return None if self._current is None else self._current[0]

    @property
    def gradient(self):
        """(dw (n_x, 1), db) at the current θ; None without data."""
        if self._current is None:
            return None
        g = self._current[1]
        return g[1:].reshape(-1, 1).copy(), float(g[0])

    @property
    def grad_norm(self):
        """‖dw‖ with db included: the quantity of the gradient stopping test."""
        return None if self._current is None else self._current[2]

    @property
    def converged(self):
        """The stopping test holds (‖dw‖ ≤ ε, or ‖W^{t+1} − W^t‖ ≤ ε); never with ε = 0."""
        if self._current is None or not self.tol > 0:
            return False
        measure = self.step_norm if self.stop == "step" else self._current[2]
        return measure is not None and measure <= self.tol

    @property
    def state(self):
        """no data / diverged / converged, else the trend of J over the recent costs.

        Kept for old callers: the trend reads across edits; ``core.regime.judge``
        on the session is the judgement to show.
        """
        if self._current is None:
            return NO_DATA
        if self.diverged_at is not None:
            return DIVERGED
        if self.converged:
            return CONVERGED
        return trend(self.history.recent_costs(120))

    # -- the one step loop -------------------------------------------------
    def step(self, n=1, time_budget=None):
        """Take up to ``n`` steps; stop early on convergence, divergence or budget.

        ``time_budget`` (seconds) bounds the wall time, so the live loop spends
        a fixed time per frame whatever the number of points.
        Returns the number of steps taken.
        """
        if self._current is None or self.diverged_at is not None:
            return 0
        deadline = None if time_budget is None else time.perf_counter() + time_budget
        evaluate, alpha, history = self.evaluator(), self.learning_rate, self.history
        tol = self.tol if self.tol > 0 else -1.0  # ε = 0: no stopping test
        by_step = self.stop == "step"
        sequential = self.update == "sequential"
        cost, g, gnorm = self._current
        theta = self._theta
        step_norm = self.step_norm
        done = 0
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            while done < n:
                measure = (math.inf if step_norm is None else step_norm) if by_step else gnorm
                if measure <= tol:
                    break
                if sequential:
                    new_theta = self._sequential_update(theta, g, evaluate, alpha)
                else:
                    new_theta = theta - alpha * g  # simultaneous: every θ_j from the old θ
                new_cost, new_g = evaluate(new_theta)
                new_norm = math.hypot(*new_g.tolist())
                # all(map(...)) on a list: a third of np.all(np.isfinite()) for a few θ_j.
                if not (math.isfinite(new_cost) and math.isfinite(new_norm)
                        and all(map(math.isfinite, new_theta.tolist()))):
                    self.diverged_at = (self.iteration + 1, alpha)
                    break
                if by_step:
                    step_norm = math.hypot(*(new_theta - theta).tolist())
                prev = theta
                theta, cost, g, gnorm = new_theta, new_cost, new_g, new_norm
                self.iteration += 1
                done += 1
                history.append(self.iteration, cost, theta, gnorm)
                if deadline is not None and time.perf_counter() > deadline:
                    break
        if done and not by_step:  # ‖W^{t+1} − W^t‖ of the last step, for the screen
            step_norm = math.hypot(*(theta - prev).tolist())
        self._theta = theta
        self._current = (cost, g, gnorm)
        self.step_norm = step_norm
        return done

    @staticmethod
    def _sequential_update(theta, g, evaluate, alpha):
        """The slide's incorrect form, θ_j one at a time::

            b  = b  − α·dJ(b, w1, ..., wn)/db        (dJ/db at the old θ)
            w1 = w1 − α·dJ(b, w1, ..., wn)/dw1       (at the new b)
            w2 = w2 − α·dJ(b, w1, ..., wn)/dw2       (at the new b and w1)
            ...

        ``g`` is the gradient at the old θ; one more evaluation per weight.
        """
        theta = theta.copy()
        theta[0] -= alpha * g[0]
        for j in range(1, len(theta)):
            _, gj = evaluate(theta)
            theta[j] -= alpha * gj[j]
        return theta

    def step_back(self):
        """Return to the previous recorded θ; False when there is none."""
        entry = self.history.pop()
        if entry is None:
            return False
        self.iteration, _, theta = entry
        self._theta = np.array(theta, dtype=float)
        self.diverged_at = None
        self.step_norm = None
        self._evaluate()
        return True

    # -- the same run in the descent process (core.stepper) ----------------
    def run_state(self):
        """Everything but X and Y that the next steps depend on (picklable)."""
        return {
            "theta": self._theta, "iteration": self.iteration, "current": self._current,
            "step_norm": self.step_norm, "diverged_at": self.diverged_at,
            "learning_rate": self.learning_rate, "tol": self.tol, "loss": self.loss,
            "update": self.update, "stop": self.stop, "l2": self.l2,
            "feature_scale": self.feature_scale, "data_ids": (id(self.X), id(self.Y)),
        }

    def run_key(self):
        """What a block of steps must start from to continue this run: the same X and
        Y (by identity, as run_state sent them), iteration, θ and settings."""
        ids = getattr(self, "data_ids", None) or (id(self.X), id(self.Y))
        return (ids, self.iteration, self._theta.tobytes(), self.step_norm, self.diverged_at,
                self.learning_rate, self.tol, self.loss, self.update, self.stop, self.l2,
                self.feature_scale.tobytes())

    @classmethod
    def from_run_state(cls, X, Y, state, history):
        """The engine ``run_state`` came from, on the same X and Y, recording its
        steps in ``history`` (the descent process's recorder)."""
        engine = cls.__new__(cls)
        engine.X, engine.Y = X, Y
        for name in ("learning_rate", "tol", "loss", "update", "stop", "l2", "feature_scale",
                     "iteration", "step_norm", "diverged_at", "data_ids"):
            setattr(engine, name, state[name])
        engine._theta = np.array(state["theta"], dtype=float)
        engine._current = state["current"]
        engine._evaluator = None
        engine.history = history
        return engine

    def absorb(self, steps):
        """Take over the steps the descent process took from this engine's run_state:
        the same history, θ, cost and gradient as if ``step`` had taken them here.

        Returns how many, or None when the block does not start from this engine's
        data (by identity), iteration, θ, step norm and settings (the run changed
        meanwhile): then nothing changes.  (The worker drops blocks across any
        change made under its lock before they get here.)"""
        if steps["start"] != self.run_key():
            return None
        if steps["done"]:
            self.history.extend(steps["iterations"], steps["costs"], steps["thetas"],
                                steps["grad_norms"])
        self._theta = steps["theta"]
        self.iteration = steps["iteration"]
        self._current = steps["current"]
        self.step_norm = steps["step_norm"]
        self.diverged_at = steps["diverged_at"]
        return steps["done"]
