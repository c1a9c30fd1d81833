"""α* with the L2 penalty: 8m / λ_max(X̃X̃ᵀ + 4·diag(0, λ/s_j²)).

The penalty λ/(2m)·Σ (w_j/s_j)² (core.objective.Penalized) adds diag(0, λ/s_j²)/m to
the Hessian; α* that ignored it said "stable below α* = 6.45" for a run that then
diverged at α = 5.8 (Overlapping blobs, λ = 100).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core import LINEAR, Session
from core.descent import GradientDescent, build_evaluator
from core.stability import alpha_star

from .support import two_blobs

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def problems(draw):
    """Random features X (n_x, m), labels of both classes, λ > 0 and scales s_j."""
    seed = draw(st.integers(0, 2**31 - 1))
    n_x = draw(st.integers(1, 4))
    m = draw(st.integers(4, 40))
    rng = np.random.default_rng(seed)
    X = rng.normal(0, 1, (n_x, m)) * rng.uniform(0.2, 3, (n_x, 1)) + rng.normal(0, 1, (n_x, 1))
    Y = np.zeros((1, m))
    Y[0, rng.permutation(m)[: m // 2]] = 1.0
    l2 = draw(st.floats(1e-3, 1e3))
    scale = rng.uniform(0.2, 5, n_x)
    return X, Y, l2, scale, rng


def hessian(X, Y, loss, l2, scale, theta, h=1e-5):
    """The Hessian of what descent minimises, by central differences of the app's own
    gradient (core.descent.build_evaluator: loss + Penalized)."""
    f = build_evaluator(X, Y, loss, l2, scale)
    n = len(theta)
    H = np.empty((n, n))
    for k in range(n):
        e = np.zeros(n)
        e[k] = h
        H[:, k] = (f(theta + e)[1] - f(theta - e)[1]) / (2 * h)
    return (H + H.T) / 2


@SETTINGS
@given(problems())
def test_alpha_star_is_two_over_the_largest_curvature_reached_at_theta_zero(problem):
    # At θ = 0 every a = σ(0) = 1/2, so a(1−a) = 1/4 and the bound is the Hessian itself:
    # 2/α* is the top eigenvalue there (cross-entropy + penalty), exactly.
    X, Y, l2, scale, _ = problem
    top = np.linalg.eigvalsh(hessian(X, Y, "cross_entropy", l2, scale, np.zeros(len(X) + 1)))[-1]
    assert 2 / alpha_star(X, l2, scale) == pytest.approx(top, rel=1e-6)


@SETTINGS
@given(problems(), st.sampled_from(["cross_entropy", "squared_error"]))
def test_no_curvature_anywhere_exceeds_two_over_alpha_star(problem, loss):
    X, Y, l2, scale, rng = problem
    bound = 2 / alpha_star(X, l2, scale)
    for spread in (0.3, 1.0, 3.0):
        theta = rng.normal(0, spread, len(X) + 1)
        eig = np.linalg.eigvalsh(hessian(X, Y, loss, l2, scale, theta))
        # Squared error is not convex: |curvature| ≤ L is what smoothness needs.
        assert np.abs(eig).max() <= bound * (1 + 1e-6)


@SETTINGS
@given(problems(), st.sampled_from(["cross_entropy", "squared_error"]))
def test_descent_just_below_alpha_star_with_l2_never_raises_j(problem, loss):
    # The descent lemma: on an L-smooth J a step with α < 2/L lowers J (convex or not).
    X, Y, l2, scale, rng = problem
    a_star = alpha_star(X, l2, scale)
    theta = rng.normal(0, 2, len(X) + 1)
    eng = GradientDescent(X, Y, theta[1:], theta[0], learning_rate=0.98 * a_star, tol=0.0,
                          loss=loss, l2=l2, feature_scale=scale)
    eng.step(300)
    assert eng.diverged_at is None
    costs = eng.history.curve()[1]
    assert np.all(np.isfinite(costs))
    assert np.all(np.diff(costs) <= 1e-12 * (1 + costs[1:]))


@settings(SETTINGS, max_examples=20)
@given(problems())
def test_just_above_alpha_star_a_penalty_dominated_run_diverges(problem):
    # With λ/s_j² large against X̃X̃ᵀ the objective is nearly the quadratic penalty:
    # its w_j step multiplies w_j by 1 − α·λ/(m s_j²), while the data gradient stays
    # bounded (|dw| ≤ mean |x|).  Once |1 − α·λ/(m s_j²)| > 1, |w_j| grows without end.
    X, Y, _, scale, rng = problem
    m = X.shape[1]
    gram_top = np.linalg.eigvalsh(np.vstack([np.ones(m), X]) @ np.vstack([np.ones(m), X]).T)[-1]
    c = 1 / scale**2
    l2 = 1e4 * gram_top / c.max()  # the penalty's curvature 10⁴ × the data's bound
    a_star = alpha_star(X, l2, scale)
    alpha = 1.05 * a_star
    assume(alpha * l2 * c.max() / m > 2.0 + 1e-6)  # proven to grow: the factor is < −1
    theta = rng.normal(0, 1, len(X) + 1)
    eng = GradientDescent(X, Y, theta[1:], theta[0], learning_rate=alpha, tol=0.0,
                          l2=l2, feature_scale=scale)
    eng.step(50_000)
    assert eng.diverged_at is not None


@pytest.mark.parametrize("standardize", [True, False], ids=["std", "raw"])
def test_the_session_alpha_star_counts_lambda_and_holds(standardize):
    P, L = two_blobs()
    s = Session(P, L, terms=LINEAR, standardize=standardize, l2=100.0, tol=0.0)
    without = Session(P, L, terms=LINEAR, standardize=standardize, l2=0.0).alpha_star()
    a_star = s.alpha_star()
    assert a_star == pytest.approx(alpha_star(s.X, 100.0, s.scaler.scale[:, 0]), rel=1e-12)
    assert a_star < without  # the penalty only adds curvature
    s.learning_rate = 0.9 * a_star
    s.step(2000)
    assert not s.diverged
    costs = s.history.curve()[1]
    assert np.all(np.diff(costs) <= 1e-12 * (1 + costs[1:]))
    # The other scaling's α* is that of a session that runs on it, with the same λ.
    other = Session(P, L, terms=LINEAR, standardize=not standardize, l2=100.0)
    assert s.alpha_star(standardized=not standardize) == pytest.approx(other.alpha_star(),
                                                                         rel=1e-12)
    # λ changed: α* follows at once (the eigenvalues of X̃X̃ᵀ alone are cached).
    s.l2 = 0.0
    assert s.alpha_star() == pytest.approx(without, rel=1e-12)


def test_alpha_star_with_l2_on_an_orthogonal_design():
    # Points (±c, ±c): X̃X̃ᵀ = diag(4, 4c², 4c²); with λ and s = (s1, s2) the bound is
    # diag(4, 4c² + 4λ/s1², 4c² + 4λ/s2²), so α* = 8·4 / max(4, 4c² + 4λ/min(s)²).
    for c, l2, s in ((0.5, 1.0, (1.0, 2.0)), (1.0, 10.0, (0.5, 0.5)), (3.0, 0.1, (1.0, 1.0))):
        X = c * np.array([[1.0, -1.0, 1.0, -1.0], [1.0, 1.0, -1.0, -1.0]])
        top = max(4.0, 4 * c * c + 4 * l2 / min(s) ** 2)
        assert alpha_star(X, l2, s) == pytest.approx(32 / top, rel=1e-12, abs=0)
    assert math.isinf(alpha_star(np.zeros((2, 0)), 5.0, (1.0, 1.0)))
