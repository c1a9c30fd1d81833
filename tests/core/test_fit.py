"""``fit``: the notebook entry point — its API, its errors, and its answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from core import LINEAR, QUADRATIC, FitResult, Scaler, alpha_star, feature_map, fit
from core.features import TERM_LABELS
from core.model import cost_and_gradients


def blobs(seed=0, m=100, offset=(0.0, 0.0)):
    """Two overlapping clouds: not separable, so the optimum is finite and unique."""
    rng = np.random.default_rng(seed)
    half = m // 2
    P = np.vstack([rng.normal(0, 1, (half, 2)), rng.normal(1.5, 1, (m - half, 2))])
    return P + np.asarray(offset), np.r_[np.zeros(half), np.ones(m - half)]


def direction(theta):
    theta = np.asarray(theta, dtype=float)
    return theta / np.linalg.norm(theta)


# -- API ---------------------------------------------------------------------------


def test_fit_result_api():
    P, L = blobs()
    r = fit(P, L, learning_rate=1.0, seed=5)
    assert isinstance(r, FitResult)
    assert r.converged and not r.diverged
    assert r.steps > 0
    assert r.theta.shape == (3,)
    assert r.feature_names == ["1", "x1", "x2"]
    assert r.terms == LINEAR
    # costs[0] is J at the initial θ (w = randn(seed)), then one J per step.
    assert len(r.costs) == r.steps + 1
    assert np.all(np.diff(r.costs) < 0)
    p = r.predict_proba(P)
    assert p.shape == (len(P),)
    assert np.all((p > 0) & (p < 1))
    assert r.predict_proba([0.5, 0.5]).shape == (1,)
    # Accuracy on these overlapping clouds is well above chance.
    assert np.mean((p >= 0.5) == (L == 1)) > 0.75


def test_fit_quadratic_feature_names_bias_first():
    P, L = blobs()
    r = fit(P, L, features="quadratic", max_steps=10)
    assert r.feature_names == ["1", "x1", "x2", "x1²", "x1·x2", "x2²"]
    assert r.terms == QUADRATIC and r.theta.shape == (6,)
    r = fit(P, L, features=["x2^2", "x1"], max_steps=10)
    assert r.feature_names == ["1", "x1", "x2²"]
    assert r.feature_names[1:] == [TERM_LABELS[t] for t in r.terms]


def test_costs_record_every_step_of_a_long_run():
    P, L = blobs(offset=(3.0, -2.0))
    r = fit(P, L, standardize=False, learning_rate=0.05, max_steps=3000, tol=0.0)
    assert r.steps == 3000 and not r.converged
    assert len(r.costs) == 3001
    # They are the real J after each step: the last one is J at the returned θ.
    X = feature_map(P, LINEAR)
    J_end = cost_and_gradients(r.theta[1:].reshape(-1, 1), r.theta[0], X, L.reshape(1, -1))[0]
    assert r.costs[-1] == pytest.approx(J_end, rel=1e-12, abs=0)


def test_costs0_is_the_cost_at_w_randn_seed():
    P, L = blobs()
    r = fit(P, L, max_steps=0, seed=11, standardize=False)
    rng = np.random.default_rng(11)
    w = rng.standard_normal((2, 1))
    b = float(rng.standard_normal())
    assert r.steps == 0 and len(r.costs) == 1
    np.testing.assert_array_equal(r.theta, np.r_[b, w[:, 0]])
    assert r.costs[0] == cost_and_gradients(w, b, feature_map(P, LINEAR), L.reshape(1, -1))[0]


def test_fit_is_deterministic_per_seed():
    P, L = blobs()
    a = fit(P, L, max_steps=50, seed=3)
    b = fit(P, L, max_steps=50, seed=3)
    c = fit(P, L, max_steps=50, seed=4)
    np.testing.assert_array_equal(a.costs, b.costs)
    np.testing.assert_array_equal(a.theta, b.theta)
    assert a.costs[0] != c.costs[0]


def test_fit_reports_divergence_with_finite_numbers():
    P, L = blobs()
    r = fit(P * 1e200, L, standardize=False, learning_rate=0.5)
    assert r.diverged and not r.converged
    assert np.all(np.isfinite(r.theta))
    assert np.all(np.isfinite(r.costs))
    assert not np.any(np.isnan(r.predict_proba(P * 1e200)))
    # Standardizing tames huge (but not overflowing) coordinates completely.
    r = fit(P * 1e100, L, standardize=True, learning_rate=1.0)
    assert r.converged and not r.diverged
    np.testing.assert_allclose(r.predict_proba(P * 1e100), fit(P, L, learning_rate=1.0).predict_proba(P))


# -- errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("points", "labels", "match"),
    [
        (np.zeros((4, 3)), [0, 1, 0, 1], r"shape \(m, 2\)"),
        (np.zeros(4), [0, 1, 0, 1], r"shape \(m, 2\)"),
        (np.zeros((2, 2, 2)), [0, 1], r"shape \(m, 2\)"),
        (np.zeros((4, 2)), [0, 1, 0], "4 points but 3 labels"),
        (np.zeros((3, 2)), [0, 1, 2], "labels must be 0 or 1; label 2 is 2$"),
        (np.zeros((3, 2)), [0, -1, 1], "labels must be 0 or 1; label 1 is -1$"),
        (np.zeros((3, 2)), [0, 0.5, 1], "labels must be 0 or 1; label 1 is 0.5$"),
        (np.zeros((3, 2)), [0, np.nan, 1], "labels must be 0 or 1; label 1 is nan$"),
        (np.zeros((3, 2)), ["a", "b", "c"], "labels must be 0 or 1"),
        ([[0, 0], [1, np.nan], [2, 2]], [0, 1, 1], r"point 1 has a non-finite coordinate"),
        ([[0, 0], [1, 1], [np.inf, 2]], [0, 1, 1], r"point 2 has a non-finite coordinate"),
        ([[0, 0], [-np.inf, 1]], [0, 1], r"point 1 has a non-finite coordinate"),
        (np.zeros((0, 2)), [], "no data"),
        ([], [], "no data"),
        ([["x", "y"]], [0], "points must be numbers"),
    ],
)
def test_fit_rejects_bad_data_with_a_clear_message(points, labels, match):
    with pytest.raises(ValueError, match=match):
        fit(points, labels)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"features": "cubic"}, "features must be 'linear', 'quadratic', a degree 1 to 6"),
        ({"features": 7}, "degree must be a whole number from 1 to 6"),
        ({"features": 2.5}, "whole number"),
        ({"l2": -1.0}, "l2 must be a finite number ≥ 0"),
        ({"update": "parallel"}, "update must be one of"),
        ({"stop": "cost"}, "stop must be 'gradient'"),
        ({"init": "ones"}, "init must be 'random', 'zeros' or θ"),
        ({"init": [0.0, math.nan, 1.0]}, "init θ must be finite"),
        ({"features": ["x1", "x3"]}, "unknown feature term"),
        ({"features": []}, "at least one"),
        ({"max_steps": -1}, "max_steps"),
        ({"max_steps": 2.5}, "max_steps"),
        ({"learning_rate": 0.0}, "learning_rate must be a positive finite number"),
        ({"learning_rate": -0.5}, "learning_rate must be a positive finite number"),
        ({"learning_rate": math.nan}, "learning_rate must be a positive finite number"),
        ({"learning_rate": math.inf}, "learning_rate must be a positive finite number"),
        ({"tol": -1e-4}, "tol must be a finite number ≥ 0"),
        ({"tol": math.nan}, "tol must be a finite number ≥ 0"),
        ({"loss": "hinge"}, "unknown loss 'hinge'"),
    ],
)
def test_fit_rejects_bad_settings(kwargs, match):
    P, L = blobs(m=10)
    with pytest.raises(ValueError, match=match):
        fit(P, L, **kwargs)


def test_fit_accepts_lists_and_bools():
    r = fit([[0, 0], [1, 1], [0, 1], [1, 0]], [False, True, True, False], max_steps=5)
    assert r.steps == 5


# -- answers -------------------------------------------------------------------------


def sklearn_optimum(P, L, terms):
    F = feature_map(P, terms).T
    sk = LogisticRegression(C=np.inf, tol=1e-12, max_iter=100_000).fit(F, L.astype(int))
    return np.r_[sk.intercept_, sk.coef_[0]], sk


@pytest.mark.parametrize(
    ("features", "standardize", "offset"),
    [
        ("linear", True, (3.0, -2.0)),
        ("linear", False, (3.0, -2.0)),
        ("quadratic", True, (1.0, -1.0)),
        ("quadratic", False, (0.0, 0.0)),
    ],
)
def test_fit_reaches_the_unpenalized_optimum_of_scikit_learn(features, standardize, offset):
    P, L = blobs(seed=7, offset=offset)
    terms = LINEAR if features == "linear" else QUADRATIC
    ref, sk = sklearn_optimum(P, L, terms)
    X_raw = feature_map(P, terms)
    a_star = alpha_star(Scaler.fit(X_raw, standardize).transform(X_raw))
    r = fit(
        P,
        L,
        features=features,
        standardize=standardize,
        learning_rate=1.8 * a_star,
        tol=1e-9,
        max_steps=200_000,
    )
    assert r.converged, r.steps
    # θ is in original units: directly comparable to scikit-learn's coefficients.
    np.testing.assert_allclose(r.theta, ref, rtol=0, atol=1e-5 * np.abs(ref).max())
    np.testing.assert_allclose(
        r.predict_proba(P), sk.predict_proba(feature_map(P, terms).T)[:, 1], atol=1e-6
    )


def symmetric_line_grid():
    """A grid symmetric about the line x1 + x2 = 3 (and under x1 ↔ x2)."""
    g = np.arange(0.0, 3.01, 0.25)
    G = np.array([(a, b) for a in g for b in g])
    G = G[np.abs(G.sum(axis=1) - 3) > 0.3]
    return G, (G.sum(axis=1) >= 3).astype(float)


def rings():
    """Points on circles with r² symmetric about 1: the boundary is x1² + x2² = 1."""
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    P, L = [], []
    for r2 in (0.2, 0.5, 0.8, 1.2, 1.5, 1.8):
        for a in angles + (0.1 if r2 > 1 else 0.0):
            P.append((math.sqrt(r2) * math.cos(a), math.sqrt(r2) * math.sin(a)))
            L.append(float(r2 >= 1))
    return np.array(P), np.array(L)


@pytest.mark.parametrize(("standardize", "tol"), [(True, 1e-6), (False, 1e-2)])
def test_lecture_boundary_x1_plus_x2_ge_3(standardize, tol):
    P, L = symmetric_line_grid()
    rate = 1.0 if standardize else 0.9 * alpha_star(P.T)
    r = fit(P, L, standardize=standardize, learning_rate=rate, max_steps=3000)
    # Separable: θ grows without bound, in the direction of the slide's [-3, 1, 1].
    assert np.linalg.norm(direction(r.theta) - direction([-3, 1, 1])) < tol
    assert np.array_equal(r.predict_proba(P) >= 0.5, L == 1)


def test_lecture_boundary_x1_plus_x2_ge_3_on_random_points():
    rng = np.random.default_rng(0)
    P = rng.uniform(0, 4, (300, 2))
    L = (P.sum(axis=1) >= 3).astype(float)
    r = fit(P, L, learning_rate=2.0, max_steps=5000)
    assert np.linalg.norm(direction(r.theta) - direction([-3, 1, 1])) < 0.03
    assert np.mean((r.predict_proba(P) >= 0.5) == (L == 1)) > 0.99


@pytest.mark.parametrize(("standardize", "tol"), [(True, 1e-6), (False, 1e-2)])
def test_lecture_boundary_circle_with_quadratic_features(standardize, tol):
    P, L = rings()
    X = feature_map(P, QUADRATIC)
    rate = 0.9 * alpha_star(Scaler.fit(X, standardize).transform(X))
    r = fit(P, L, features="quadratic", standardize=standardize, learning_rate=rate, max_steps=3000)
    # Terms x1, x2, x1², x1·x2, x2²: the slide's [-1, 0, 0, 1, 0, 1].
    assert np.linalg.norm(direction(r.theta) - direction([-1, 0, 0, 1, 0, 1])) < tol
    assert np.array_equal(r.predict_proba(P) >= 0.5, L == 1)


def test_lecture_boundary_circle_on_random_points():
    rng = np.random.default_rng(0)
    P = rng.uniform(-2, 2, (300, 2))
    L = ((P**2).sum(axis=1) >= 1).astype(float)
    r = fit(P, L, features="quadratic", learning_rate=2.0, max_steps=5000)
    assert np.linalg.norm(direction(r.theta) - direction([-1, 0, 0, 1, 0, 1])) < 0.1
    assert np.mean((r.predict_proba(P) >= 0.5) == (L == 1)) > 0.98
