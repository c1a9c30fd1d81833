"""The lecture's forward/backward pass, σ and the loss: exact, stable, consistent."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.model import (
    cost_and_gradients,
    cost_many,
    cross_entropy_from_z,
    propagate,
    propagate_loop,
    sigmoid,
)

LOSSES = ("cross_entropy", "squared_error")
FAST = settings(max_examples=40, deadline=None)


@st.composite
def problems(draw, max_abs=3.0):
    """(w, b, X, Y): small random data in the lecture's shapes."""
    n_x = draw(st.integers(1, 4))
    m = draw(st.integers(1, 8))
    seed = draw(st.integers(0, 2**32 - 1))
    scale = draw(st.sampled_from([0.1, 1.0, max_abs]))
    rng = np.random.default_rng(seed)
    X = rng.uniform(-scale, scale, size=(n_x, m))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    w = rng.uniform(-max_abs, max_abs, size=(n_x, 1))
    b = float(rng.uniform(-max_abs, max_abs))
    return w, b, X, Y


def reference_cross_entropy(z, y):
    """-(y log σ(z) + (1-y) log(1-σ(z))) in plain math, one example at a time."""
    # log(1 + e^t) for t = -z (y = 1) or t = z (y = 0), written without overflow.
    t = -z if y == 1 else z
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


# -- shapes ---------------------------------------------------------------------


def test_propagate_is_the_assignments_signature_and_passes_its_published_check():
    w, b = np.array([[1.0], [2.0]]), 2.0
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1, 0, 1]])
    grads, cost = propagate(w, b, X, Y)
    assert set(grads) == {"dw", "db"}
    assert grads["dw"].shape == (2, 1)
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], rtol=0, atol=5e-9)
    assert grads["db"] == pytest.approx(0.00145557813678, rel=1e-10)
    assert cost == pytest.approx(5.801545319394553, rel=1e-13)
    assert isinstance(cost, float) and isinstance(grads["db"], float)
    # The same numbers as the engine's flat form and the slides' loop.
    c2, dw2, db2 = cost_and_gradients(w, b, X, Y)
    assert (c2, db2) == (cost, grads["db"])
    np.testing.assert_array_equal(dw2, grads["dw"])
    c3, dw3, db3 = propagate_loop(w, b, X, Y)
    assert c3 == pytest.approx(cost, rel=1e-13)
    np.testing.assert_allclose(dw3, grads["dw"], rtol=1e-13)


def test_propagate_returns_the_lecture_shapes():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3, 7))
    Y = (rng.random((1, 7)) < 0.5).astype(float)
    cost, dw, db = cost_and_gradients(np.zeros((3, 1)), 0.0, X, Y)
    assert isinstance(cost, float)
    assert dw.shape == (3, 1)
    assert isinstance(db, float)
    # At w = 0, b = 0 every a is 1/2: J = log 2, dZ = 1/2 - Y.
    assert cost == pytest.approx(math.log(2.0), rel=1e-15, abs=0)
    np.testing.assert_allclose(dw, X @ (0.5 - Y).T / 7, rtol=1e-14)
    assert db == pytest.approx(float(np.sum(0.5 - Y)) / 7, rel=1e-14, abs=1e-16)


def test_propagate_rejects_an_unknown_loss():
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        cost_and_gradients(np.zeros((1, 1)), 0.0, np.ones((1, 2)), np.ones((1, 2)), loss="hinge")


# -- gradient == derivative of the cost -----------------------------------------


@pytest.mark.parametrize("loss", LOSSES)
@FAST
@given(problem=problems())
def test_gradient_matches_central_differences_of_its_own_cost(loss, problem):
    w, b, X, Y = problem
    cost, dw, db = cost_and_gradients(w, b, X, Y, loss)
    theta = np.concatenate([[b], w[:, 0]])
    analytic = np.concatenate([[db], dw[:, 0]])

    def J(t):
        return cost_and_gradients(t[1:].reshape(-1, 1), float(t[0]), X, Y, loss)[0]

    h = 1e-5
    numeric = np.empty_like(theta)
    for j in range(len(theta)):
        e = np.zeros_like(theta)
        e[j] = h
        numeric[j] = (J(theta + e) - J(theta - e)) / (2 * h)
    # Truncation O(h² J''') plus rounding O(eps·J/h).
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8 * (1 + cost))


@pytest.mark.parametrize("loss", LOSSES)
@FAST
@given(problem=problems(max_abs=6.0))
def test_vectorized_propagate_equals_the_lectures_for_loop(loss, problem):
    w, b, X, Y = problem
    cost, dw, db = cost_and_gradients(w, b, X, Y, loss)
    cost_l, dw_l, db_l = propagate_loop(w, b, X, Y, loss)
    assert cost == pytest.approx(cost_l, rel=1e-12, abs=1e-300)
    # Relative to the size of the terms summed (a component may cancel to ~0).
    a = sigmoid(w.T @ X + b)
    dz_size = np.ones_like(a) if loss == "cross_entropy" else a * (1 - a) + 0.0
    m = X.shape[1]
    scale_w = np.abs(X) @ dz_size.T / m
    np.testing.assert_allclose(dw, dw_l, rtol=0, atol=1e-12 * float(scale_w.max()) + 1e-300)
    assert db == pytest.approx(db_l, rel=0, abs=1e-12 * float(dz_size.sum()) / m + 1e-300)


def test_cross_entropy_cost_is_the_mean_loss_from_the_slides():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(2, 25))
    Y = (rng.random((1, 25)) < 0.5).astype(float)
    w = np.array([[1.5], [-0.7]])
    b = 0.3
    a = 1 / (1 + np.exp(-(w.T @ X + b)))
    slide = float(-np.mean(Y * np.log(a) + (1 - Y) * np.log(1 - a)))
    assert cost_and_gradients(w, b, X, Y)[0] == pytest.approx(slide, rel=1e-13, abs=0)
    squared = float(np.mean(0.5 * (a - Y) ** 2))
    assert cost_and_gradients(w, b, X, Y, "squared_error")[0] == pytest.approx(squared, rel=1e-13, abs=0)


# -- σ and the loss at the extremes -------------------------------------------

EXTREME_Z = np.array(
    [-1e300, -1e20, -800.0, -745.0, -709.0, -40.0, -1.0, -1e-300, 0.0, 1e-300, 1.0, 40.0,
     709.0, 745.0, 800.0, 1e20, 1e300]
)


def test_sigmoid_is_exact_and_quiet_at_extreme_z():
    # filterwarnings=error: any overflow RuntimeWarning fails this test.
    s = sigmoid(EXTREME_Z)
    assert np.all(np.isfinite(s))
    assert np.all((s >= 0) & (s <= 1))
    assert np.all(np.diff(s) >= 0), "σ must be monotonic"
    assert sigmoid(0.0) == 0.5
    assert sigmoid(-1e300) == 0.0 and sigmoid(1e300) == 1.0
    assert sigmoid(800.0) == 1.0
    # The far-left tail keeps its relative accuracy (no 1 - tiny cancellation).
    e = math.exp(-40.0)
    assert float(sigmoid(-40.0)) == pytest.approx(e / (1 + e), rel=1e-15, abs=0)
    e = math.exp(-700.0)
    assert float(sigmoid(-700.0)) == pytest.approx(e / (1 + e), rel=1e-14, abs=0)
    assert 0.0 < float(sigmoid(-745.0)) < 1e-320  # subnormal, still not zero
    # σ(-z) = 1 - σ(z)
    z = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), rtol=0, atol=2e-16)


def test_cross_entropy_from_z_at_extreme_z():
    for y in (0.0, 1.0):
        L = cross_entropy_from_z(EXTREME_Z, y)
        assert np.all(np.isfinite(L)), L
        assert np.all(L >= 0)
    # A confident mistake costs about |z| (not inf, not NaN).
    assert cross_entropy_from_z(1e300, 0.0) == pytest.approx(1e300, rel=1e-15, abs=0)
    assert cross_entropy_from_z(-1e300, 1.0) == pytest.approx(1e300, rel=1e-15, abs=0)
    assert cross_entropy_from_z(-800.0, 1.0) == pytest.approx(800.0, rel=1e-15, abs=0)
    assert cross_entropy_from_z(50.0, 0.0) == pytest.approx(50.0, rel=1e-15, abs=0)
    # A confident right answer costs log(1 + e^-|z|) ≈ e^-|z|, to full relative accuracy.
    for z in (20.0, 40.0, 700.0):
        exact = math.log1p(math.exp(-z))
        assert cross_entropy_from_z(z, 1.0) == pytest.approx(exact, rel=1e-14, abs=0)
        assert cross_entropy_from_z(-z, 0.0) == pytest.approx(exact, rel=1e-14, abs=0)
    assert cross_entropy_from_z(1e300, 1.0) == 0.0
    assert cross_entropy_from_z(0.0, 1.0) == pytest.approx(math.log(2), rel=1e-15, abs=0)


@FAST
@given(
    z=st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    y=st.sampled_from([0.0, 1.0]),
)
def test_cross_entropy_from_z_matches_the_reference(z, y):
    assert float(cross_entropy_from_z(z, y)) == pytest.approx(
        reference_cross_entropy(z, y), rel=1e-14, abs=1e-300
    )


@pytest.mark.parametrize("loss", LOSSES)
def test_propagate_is_finite_and_quiet_for_huge_z(loss):
    X = np.array([[1.0, -1.0, 2.0, -2.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    for w in (1e3, 1e20, 1e300, -1e300):
        cost, dw, db = cost_and_gradients(np.array([[w]]), 0.0, X, Y, loss)
        assert math.isfinite(cost)
        assert np.all(np.isfinite(dw)) and math.isfinite(db)
    # Every prediction confidently wrong by |z| = 1e300·|x|: J ≈ mean |z| of the mistakes.
    cost, dw, db = cost_and_gradients(np.array([[1e300]]), 0.0, X, Y)
    assert cost == pytest.approx((1e300 + 1e300) / 4, rel=1e-12, abs=0)
    # a is exactly 1 or 0: dZ = A - Y = [1, -1, 0, 0] (two mistakes, two right).
    np.testing.assert_allclose(dw, [[(1 * 1 + -1 * -1) / 4]], rtol=1e-15)
    assert db == 0.0


def test_cost_of_a_confidently_right_model_keeps_its_digits():
    """J → 0 as every point becomes confidently right; it must not turn into
    rounding noise (which made the cost curve jitter and the state flip)."""
    z = np.array([[-30.0, 30.0, -20.0, 20.0, -35.0, 25.0]])
    Y = np.array([[0.0, 1.0, 0.0, 1.0, 0.0, 1.0]])
    exact = float(np.mean(np.log1p(np.exp(-np.abs(z)))))
    cost = cost_and_gradients(np.array([[1.0]]), 0.0, z, Y)[0]
    assert cost == pytest.approx(exact, rel=1e-14, abs=0)
    assert propagate_loop(np.array([[1.0]]), 0.0, z, Y)[0] == pytest.approx(exact, rel=1e-14, abs=0)
    assert cost_many(np.array([[1.0]]), np.zeros(1), z, Y)[0] == pytest.approx(exact, rel=1e-14, abs=0)


# -- many θ at once --------------------------------------------------------------


@pytest.mark.parametrize("loss", LOSSES)
def test_cost_many_equals_a_loop_of_propagate_on_a_grid(loss):
    rng = np.random.default_rng(7)
    X = rng.normal(size=(2, 40)) * 2
    Y = (rng.random((1, 40)) < 0.5).astype(float)
    g = np.linspace(-8, 8, 17)
    W1, W2 = np.meshgrid(g, g)
    W = np.column_stack([W1.ravel(), W2.ravel()])
    B = np.linspace(-3, 3, len(W))
    many = cost_many(W, B, X, Y, loss)
    loop = np.array([cost_and_gradients(W[k].reshape(-1, 1), B[k], X, Y, loss)[0] for k in range(len(W))])
    assert many.shape == (len(W),)
    np.testing.assert_allclose(many, loop, rtol=1e-12, atol=0)
    # The chunking used to bound memory does not change the values (beyond summation order).
    np.testing.assert_allclose(cost_many(W, B, X, Y, loss, chunk=37), many, rtol=1e-14)


def test_cost_many_at_extreme_theta_is_finite_and_quiet():
    X = np.array([[1.0, -1.0, 3.0], [0.5, 2.0, -1.0]])
    Y = np.array([[1.0, 0.0, 1.0]])
    W = np.array([[1e300, 1e300], [-1e300, 0.0], [0.0, 0.0]])
    B = np.array([0.0, 1e300, 0.0])
    out = cost_many(W, B, X, Y)
    assert not np.any(np.isnan(out))
    assert out[2] == pytest.approx(math.log(2), rel=1e-12, abs=0)
    assert np.all(np.isfinite(out))
    loop = [cost_and_gradients(W[k].reshape(-1, 1), B[k], X, Y)[0] for k in range(3)]
    np.testing.assert_allclose(out, loop, rtol=1e-12)
