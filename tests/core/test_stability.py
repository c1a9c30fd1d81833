"""α* = 8m / λ_max(X̃X̃ᵀ): below it descent can only go down; at it the bound is tight."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core import LINEAR, QUADRATIC, Scaler, Session, alpha_star, feature_map
from core.descent import GradientDescent


def blobs(seed=0, m=60, offset=(0.0, 0.0)):
    rng = np.random.default_rng(seed)
    half = m // 2
    P = np.vstack([rng.normal(0, 1, (half, 2)), rng.normal(1.5, 1, (m - half, 2))])
    return P + np.asarray(offset), np.r_[np.zeros(half), np.ones(m - half)]


def lecture_line(m=80, seed=1):
    rng = np.random.default_rng(seed)
    P = rng.uniform(0, 3, (m, 2))
    return P, (P.sum(axis=1) >= 3).astype(float)


def lecture_circle(m=80, seed=2):
    rng = np.random.default_rng(seed)
    P = rng.uniform(-2, 2, (m, 2))
    return P, ((P**2).sum(axis=1) >= 1).astype(float)


DATASETS = {
    "blobs": blobs(),
    "blobs far from 0": blobs(offset=(6.0, -4.0)),
    "x1+x2>=3": lecture_line(),
    "x1^2+x2^2>=1": lecture_circle(),
}


@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.parametrize("terms", [LINEAR, QUADRATIC], ids=["linear", "quadratic"])
@pytest.mark.parametrize("standardize", [True, False], ids=["std", "raw"])
def test_descent_below_alpha_star_never_increases_the_cost(name, terms, standardize):
    P, L = DATASETS[name]
    X_raw = feature_map(P, terms)
    X = Scaler.fit(X_raw, standardize).transform(X_raw)
    Y = L.reshape(1, -1)
    a_star = alpha_star(X)
    assert 0 < a_star < math.inf
    eng = GradientDescent(X, Y, np.zeros(len(terms)), 0.0, learning_rate=0.9 * a_star, tol=0.0)
    eng.step(2000)
    assert eng.iteration == 2000 or eng.grad_norm == 0.0
    costs = eng.history.curve()[1]
    assert len(costs) == eng.iteration + 1
    increases = np.diff(costs)
    # Allow nothing beyond rounding of J at the optimum (a few ulps of a sum of m terms).
    assert np.all(increases <= 2e-15 * costs[1:]), increases.max()
    assert costs[-1] < costs[0]


def test_alpha_star_on_an_orthogonal_design():
    # Points (±c, ±c): the rows of X̃ = [1; x1; x2] are orthogonal, X̃X̃ᵀ = diag(4, 4c², 4c²).
    for c in (0.5, 1.0, 3.0):
        X = c * np.array([[1.0, -1.0, 1.0, -1.0], [1.0, 1.0, -1.0, -1.0]])
        lam = 4 * max(1.0, c * c)
        assert alpha_star(X) == pytest.approx(8 * 4 / lam, rel=1e-12, abs=0)


def test_alpha_star_with_quadratic_features_of_the_square():
    # (±1, ±1) → x1² = x2² = 1: X̃ has three rows of ones (a block of 4s with
    # eigenvalue 3·4 = 12) and three orthogonal ±1 rows (eigenvalue 4).
    P = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, -1.0]])
    X = feature_map(P, QUADRATIC)
    X_tilde = np.vstack([np.ones((1, 4)), X])
    np.testing.assert_allclose(np.linalg.eigvalsh(X_tilde @ X_tilde.T), [0, 0, 4, 4, 4, 12], atol=1e-12)
    assert alpha_star(X) == pytest.approx(8 * 4 / 12, rel=1e-12, abs=0)


def test_alpha_star_for_one_repeated_point():
    # m copies of x0: X̃X̃ᵀ = m·[1; x0][1; x0]ᵀ, λ_max = m(1 + |x0|²).
    x0 = np.array([[2.0], [-3.0]])
    X = np.repeat(x0, 7, axis=1)
    assert alpha_star(X) == pytest.approx(8 / (1 + 4 + 9), rel=1e-12, abs=0)


def test_alpha_star_edge_cases():
    assert alpha_star(np.zeros((2, 0))) == math.inf
    huge = np.array([[1e200, -1e200, 3e200]])
    assert alpha_star(huge) == 0.0  # the Gram matrix overflows: no α is safe


def test_alpha_star_is_the_exact_limit_on_the_quadratic_bound():
    """On f(θ) = ½θᵀHθ with H = X̃X̃ᵀ/(4m), the quadratic that bounds the
    cross-entropy's curvature, descent converges iff α < 2/λ_max(H) = α*."""
    P, _ = blobs(seed=3)
    X = feature_map(P, LINEAR)
    m = X.shape[1]
    X_tilde = np.vstack([np.ones((1, m)), X])
    H = X_tilde @ X_tilde.T / (4 * m)
    a_star = alpha_star(X)
    assert a_star == pytest.approx(2 / np.linalg.eigvalsh(H)[-1], rel=1e-12, abs=0)
    theta0 = np.ones(3)
    for factor, shrinks in ((0.99, True), (1.01, False)):
        theta = theta0.copy()
        for _ in range(3000):
            theta = theta - factor * a_star * (H @ theta)
        assert (np.linalg.norm(theta) < 1e-3) == shrinks


@pytest.mark.parametrize(("factor", "converges"), [(0.9, True), (1.1, False)])
def test_alpha_star_is_tight_for_cross_entropy(factor, converges):
    """Every point with both labels: the optimum is θ = 0, where a(1-a) = 1/4
    and the Hessian equals the bound, so α* is exactly the local limit."""
    rng = np.random.default_rng(4)
    Q = rng.normal(size=(20, 2))
    P = np.vstack([Q, Q])
    L = np.r_[np.zeros(20), np.ones(20)]
    s = Session(P, L, standardize=False, tol=0.0)
    s.learning_rate = factor * s.alpha_star()
    X_tilde = np.vstack([np.ones((1, s.m)), s.X])
    top = np.linalg.eigh(X_tilde @ X_tilde.T)[1][:, -1]
    s.engine.set_theta(1e-6 * top)
    s.step(400)
    size = np.linalg.norm(s.engine.theta)
    if converges:
        assert size < 1e-9
        assert s.engine.cost == pytest.approx(math.log(2), rel=1e-12, abs=0)
    else:
        assert size > 1e-3
