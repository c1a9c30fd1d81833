"""The feature map [x1, x2, x1², x1·x2, x2²] and standardization, shown in original units."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import LINEAR, QUADRATIC, TERMS, Scaler, Session, feature_map, fit, sigmoid
from core.features import TERM_LABELS, check_terms

FAST = settings(max_examples=40, deadline=None)


def blobs(seed=0, m=40, offset=(0.0, 0.0), spread=1.0):
    rng = np.random.default_rng(seed)
    half = m // 2
    P = np.vstack([rng.normal(0, spread, (half, 2)), rng.normal(1.5, spread, (m - half, 2))])
    return P + np.asarray(offset), np.r_[np.zeros(half), np.ones(m - half)]


def test_term_order_is_the_lectures():
    assert TERMS == ("x1", "x2", "x1^2", "x1*x2", "x2^2")
    assert LINEAR == ("x1", "x2")
    assert QUADRATIC == TERMS
    assert [TERM_LABELS[t] for t in TERMS] == ["x1", "x2", "x1²", "x1·x2", "x2²"]


def test_feature_map_shapes_and_values():
    P = np.array([[1.0, 2.0], [-3.0, 0.5], [0.0, -4.0]])
    X = feature_map(P, LINEAR)
    assert X.shape == (2, 3)  # (n_x, m): one column per example
    np.testing.assert_array_equal(X, P.T)
    Q = feature_map(P, QUADRATIC)
    assert Q.shape == (5, 3)
    expected = np.array(
        [
            [1.0, -3.0, 0.0],
            [2.0, 0.5, -4.0],
            [1.0, 9.0, 0.0],
            [2.0, -1.5, -0.0],
            [4.0, 0.25, 16.0],
        ]
    )
    np.testing.assert_array_equal(Q, expected)
    # A subset in the given order, one row per term.
    np.testing.assert_array_equal(feature_map(P, ("x2^2", "x1")), expected[[4, 0]])
    assert feature_map(np.zeros((0, 2)), QUADRATIC).shape == (5, 0)


def test_check_terms_orders_and_rejects():
    assert check_terms(["x2^2", "x1", "x1*x2"]) == ("x1", "x1*x2", "x2^2")
    with pytest.raises(ValueError, match="unknown feature term"):
        check_terms(["x1", "x3"])
    with pytest.raises(ValueError, match="at least one"):
        check_terms([])


def test_scaler_standardizes_and_leaves_constant_features_alone():
    rng = np.random.default_rng(1)
    X = np.vstack([rng.normal(5, 3, 50), np.full(50, 7.0), rng.normal(-2, 0.1, 50)])
    s = Scaler.fit(X)
    Xs = s.transform(X)
    np.testing.assert_allclose(Xs[[0, 2]].mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(Xs[[0, 2]].std(axis=1), 1, rtol=1e-12)
    # A constant feature keeps scale 1 (no division by zero, no NaN).
    assert s.scale[1, 0] == 1.0
    assert np.all(np.isfinite(Xs))
    ident = Scaler.fit(X, standardize=False)
    assert ident.is_identity
    np.testing.assert_array_equal(ident.transform(X), X)
    assert Scaler.fit(np.zeros((2, 0))).is_identity


@FAST
@given(
    X=st.integers(1, 5).flatmap(lambda n: st.lists(
        st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=n,
                 max_size=n), min_size=1, max_size=8)),
    standardize=st.booleans(),
)
def test_standardized_features_are_the_lectures_formula_to_the_last_bit(X, standardize):
    """(x − μ)/σ exactly as written, overflow, inf and NaN included: the scaling is
    done in place for speed (a million points), never with different numbers."""
    X = np.array(X, dtype=float).T
    s = Scaler.fit(X, standardize)
    with np.errstate(all="ignore"):
        expected = (X - s.mean) / s.scale
    np.testing.assert_array_equal(s.transform(X), expected)


@FAST
@given(
    seed=st.integers(0, 2**32 - 1),
    n_x=st.integers(1, 5),
    spread=st.sampled_from([1e-3, 1.0, 1e3]),
)
def test_scaler_round_trip_and_same_model(seed, n_x, spread):
    rng = np.random.default_rng(seed)
    X = rng.normal(rng.normal(0, spread, (n_x, 1)), spread, size=(n_x, 30))
    s = Scaler.fit(X)
    w = rng.normal(size=(n_x, 1))
    b = float(rng.normal())
    w_raw, b_raw = s.to_original(w, b)
    w2, b2 = s.from_original(w_raw, b_raw)
    np.testing.assert_allclose(w2, w, rtol=1e-12)
    assert b2 == pytest.approx(b, rel=1e-9, abs=1e-9 * (1 + abs(b_raw)))
    # Same model: z on scaled features == z on raw features.
    z_scaled = (w.T @ s.transform(X) + b)[0]
    z_raw = (w_raw.T @ X + b_raw)[0]
    zscale = np.abs(w_raw.T) @ np.abs(X) + abs(b_raw) + 1
    np.testing.assert_allclose(z_scaled, z_raw, rtol=0, atol=1e-12 * float(zscale.max()))


@pytest.mark.parametrize("terms", [LINEAR, QUADRATIC])
def test_standardized_training_shown_in_original_units_predicts_the_same(terms):
    P, L = blobs(seed=2, offset=(30.0, -12.0), spread=2.0)
    s = Session(P, L, terms=terms, standardize=True, learning_rate=0.5, seed=3)
    s.step(300)
    assert s.engine.iteration == 300 or s.engine.converged
    p_scaled = sigmoid(s.engine.w.T @ s.scaler.transform(feature_map(P, terms)) + s.engine.b)[0]
    np.testing.assert_allclose(s.predict_proba(P), p_scaled, rtol=1e-9, atol=1e-12)
    # The same through the notebook API, whose θ is in original units.
    r = fit(P, L, features="linear" if terms == LINEAR else "quadratic", max_steps=300, seed=3)
    theta_scaled = np.concatenate([[s.engine.b], s.engine.w[:, 0]])
    w_raw, b_raw = s.scaler.to_original(theta_scaled[1:].reshape(-1, 1), theta_scaled[0])
    np.testing.assert_allclose(r.theta, np.concatenate([[b_raw], w_raw[:, 0]]), rtol=1e-12)
    z = r.theta[0] + r.theta[1:] @ feature_map(P, terms)
    np.testing.assert_allclose(r.predict_proba(P), sigmoid(z), rtol=1e-12)
    np.testing.assert_allclose(r.predict_proba(P), p_scaled, rtol=1e-9, atol=1e-12)
