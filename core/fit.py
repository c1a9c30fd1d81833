"""``fit``: the scripting entry point for notebooks and tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data import validate_points
from .features import LINEAR, QUADRATIC, TERM_LABELS, feature_map
from .model import sigmoid
from .session import Session

FEATURE_SETS = {"linear": LINEAR, "quadratic": QUADRATIC}


@dataclass
class FitResult:
    """What a run of gradient descent produced, θ in original units."""

    costs: np.ndarray  # J after each step, costs[0] at the initial θ
    converged: bool
    diverged: bool
    steps: int
    theta: np.ndarray  # [b, w1, ...] on the raw monomials, bias first
    feature_names: list  # ["1", "x1", "x2", ...] matching theta
    terms: tuple

    def predict_proba(self, points):
        """p(y=1 | x) for points of shape (k, 2) → shape (k,)."""
        F = feature_map(np.asarray(points, dtype=float).reshape(-1, 2), self.terms)
        with np.errstate(over="ignore", invalid="ignore"):
            z = self.theta[1:] @ F + self.theta[0]
        return sigmoid(np.nan_to_num(z))


def fit(
    points,
    labels,
    *,
    features="linear",
    learning_rate=0.5,
    max_steps=10_000,
    tol=1e-4,
    standardize=True,
    seed=0,
    loss="cross_entropy",
):
    """Run batch gradient descent from w = randn(seed) until ‖dw‖ ≤ tol.

    Parameters
    ----------
    points : array-like, shape (m, 2)
    labels : array-like, shape (m,), values 0 or 1
    features : "linear" ([x1, x2]), "quadratic" ([x1, x2, x1², x1·x2, x2²])
        or a sequence of term names from ``core.features.TERMS``.

    Raises
    ------
    ValueError
        On a wrong shape, labels other than 0/1, non-finite values, empty
        data or bad settings.
    """
    points, labels = validate_points(points, labels)
    if isinstance(features, str):
        if features not in FEATURE_SETS:
            raise ValueError(f"features must be 'linear' or 'quadratic', got {features!r}")
        terms = FEATURE_SETS[features]
    else:
        terms = tuple(features)
    if not (isinstance(max_steps, (int, np.integer)) and not isinstance(max_steps, bool)
            and max_steps >= 0):
        raise ValueError(f"max_steps must be an integer ≥ 0, got {max_steps!r}")
    session = Session(
        points,
        labels,
        terms=terms,
        standardize=standardize,
        learning_rate=learning_rate,
        tol=tol,
        loss=loss,
        seed=seed,
    )
    costs = [session.engine.cost]
    engine = session.engine
    # Chunks no longer than the history's recent ring, so every cost is kept.
    chunk = engine.history.recent_size
    while engine.iteration < max_steps and not engine.converged and engine.diverged_at is None:
        before = engine.iteration
        session.step(min(chunk, max_steps - engine.iteration))
        _, recent, _ = engine.history.recent()
        costs.extend(recent[len(recent) - (engine.iteration - before):].tolist())
    w_raw, b_raw = session.original_theta()
    return FitResult(
        costs=np.asarray(costs),
        converged=engine.converged,
        diverged=engine.diverged_at is not None,
        steps=engine.iteration,
        theta=np.concatenate([[b_raw], w_raw[:, 0]]),
        feature_names=["1"] + [TERM_LABELS[t] for t in session.terms],
        terms=session.terms,
    )
