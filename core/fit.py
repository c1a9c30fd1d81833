"""``fit``: the scripting entry point for notebooks and tests."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .checks import check_terms, whole
from .data import validate_points
from .features import LINEAR, QUADRATIC, TERM_LABELS, feature_map, polynomial_terms
from .model import sigmoid
from .session import Session

FEATURE_SETS = {"linear": LINEAR, "quadratic": QUADRATIC}


@dataclass
class FitResult:
    """What a run of gradient descent produced, θ in original units.

    ``costs[k]``, ``grad_norms[k]`` and ``penalties[k]`` are J, ‖dw‖ and the
    L2 penalty after k steps (k = 0: at θ⁰); ``step_norms[k − 1]`` is
    ‖W^k − W^{k−1}‖₂.  ‖dw‖ and the steps are measured on the features
    descent ran on (standardized when ``standardize``).
    """

    costs: np.ndarray  # J after each step, costs[0] at the initial θ
    converged: bool
    diverged: bool
    steps: int
    theta: np.ndarray  # [b, w1, ...] on the raw monomials, bias first
    feature_names: list  # ["1", "x1", "x2", ...] matching theta
    terms: tuple
    state: str = ""  # the regime's word for how the run ended (see core.regime)
    regime: object = None  # the whole core.regime.Regime
    grad_norms: np.ndarray = field(default_factory=lambda: np.empty(0))
    step_norms: np.ndarray = field(default_factory=lambda: np.empty(0))
    penalties: np.ndarray = field(default_factory=lambda: np.empty(0))

    @property
    def data_costs(self):
        """J without the L2 penalty (the cross-entropy) after each step."""
        return self.costs - self.penalties

    def predict_proba(self, points):
        """p(y=1 | x) for points of shape (k, 2) → shape (k,)."""
        F = feature_map(np.asarray(points, dtype=float).reshape(-1, 2), self.terms)
        with np.errstate(over="ignore", invalid="ignore"):
            z = self.theta[1:] @ F + self.theta[0]
        return sigmoid(np.nan_to_num(z))


def terms_for(features):
    """Feature terms from "linear", "quadratic", a degree 1 … 6 or a sequence of terms."""
    if isinstance(features, str):
        if features not in FEATURE_SETS:
            raise ValueError(f"features must be 'linear', 'quadratic', a degree 1 to 6 or a "
                             f"list of terms, got {features!r}")
        return FEATURE_SETS[features]
    if isinstance(features, (int, np.integer, float)) and not isinstance(features, bool):
        return polynomial_terms(whole(features, "features (a polynomial degree)"))
    return tuple(features)


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
    init="random",
    update="simultaneous",
    stop="gradient",
    l2=0.0,
):
    """Run batch gradient descent from θ⁰ until the stopping test holds or ``max_steps``.

    Parameters
    ----------
    points : array-like, shape (m, 2)
    labels : array-like, shape (m,), values 0 or 1
    features : "linear" ([x1, x2]), "quadratic" ([x1, x2, x1², x1·x2, x2²]),
        a degree 1 … 6 (every monomial up to it: 27 terms at 6) or a
        sequence of term names such as ``["x1", "x2", "x1^2*x2"]``.
    learning_rate : float
        α.
    max_steps : int
    tol : float
        ε; ``tol=0`` runs exactly ``max_steps`` steps.
    standardize : bool
        Descend on standardized features (θ is returned in original units).
    seed : int
        Seed of ``init="random"``.
    loss : "cross_entropy" or "squared_error"
    init : "random" (w = randn(n_x, 1), b = randn()), "zeros", or θ
        (bias first, original units).
    update : "simultaneous" or "sequential" (the slide's incorrect form).
    stop : "gradient" (‖dw‖ ≤ ε) or "step" (‖W^{t+1} − W^t‖₂ ≤ ε).
    l2 : float
        λ: minimize J = cross-entropy + λ/(2m)·Σ w_j² (weights in original
        units, bias not penalized, so ``standardize`` changes the path, never
        the answer).

    Returns
    -------
    FitResult
        ``state`` is the regime's word for the end of the run: 'converged',
        'diverged', 'oscillating', 'diverging', 'crawling', 'separable',
        'badly scaled', 'smooth', …

    Raises
    ------
    ValueError
        On a wrong shape, labels other than 0/1, non-finite values, empty
        data or bad settings.
    """
    points, labels = validate_points(points, labels)
    terms = terms_for(features)
    if not (isinstance(max_steps, (int, np.integer)) and not isinstance(max_steps, bool)
            and max_steps >= 0):
        raise ValueError(f"max_steps must be an integer ≥ 0, got {max_steps!r}")
    if not isinstance(init, str) and np.size(init) != len(check_terms(terms)) + 1:
        raise ValueError(f"init θ needs {len(check_terms(terms)) + 1} numbers (bias first, "
                         f"then one per term), got {np.size(init)}")
    session = Session(
        points,
        labels,
        terms=terms,
        standardize=standardize,
        learning_rate=learning_rate,
        tol=tol,
        loss=loss,
        seed=seed,
        l2=l2,
        update=update,
        stop=stop,
        init=init,
    )
    engine = session.engine
    history = engine.history
    costs = [engine.cost]
    grads = [engine.grad_norm]
    thetas = [engine.theta]
    # Chunks no longer than the history's recent ring, so every step is kept.
    chunk = history.recent_size
    while engine.iteration < max_steps and not engine.converged and engine.diverged_at is None:
        done = session.step(min(chunk, max_steps - engine.iteration))
        if done == 0:
            break
        _, recent, recent_thetas = history.recent()
        costs.extend(recent[len(recent) - done:].tolist())
        grads.extend(history.recent_grad_norms(done).tolist())
        thetas.extend(recent_thetas[len(recent_thetas) - done:])
    thetas = np.asarray(thetas)
    w_raw, b_raw = session.original_theta()
    regime = session.regime()
    return FitResult(
        costs=np.asarray(costs),
        converged=engine.converged,
        diverged=engine.diverged_at is not None,
        steps=engine.iteration,
        theta=np.concatenate([[b_raw], w_raw[:, 0]]),
        feature_names=["1"] + [TERM_LABELS[t] for t in session.terms],
        terms=session.terms,
        state=regime.word,
        regime=regime,
        grad_norms=np.asarray(grads),
        step_norms=np.linalg.norm(np.diff(thetas, axis=0), axis=1),
        penalties=engine.penalty_of(thetas),
    )
