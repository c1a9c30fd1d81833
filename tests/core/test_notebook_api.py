"""Issue 13's notebook API: every slide's variant of descent, runnable from core.

The sequential ("incorrect form") update, the buggy loop of "What's wrong with
the code?", both convergence conditions, θ typed in original units,
polynomial features to degree 6 and the L2 penalty against scikit-learn.
"""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

import core.descent
from core import (
    ALL_TERMS,
    QUADRATIC,
    Session,
    buggy_loop,
    feature_map,
    fit,
    lecture_loop,
    polynomial_terms,
)
from core.equations import model_equation
from core.features import EXPONENTS, TERM_LABELS, check_terms
from core.loops import LectureLoop
from core.model import cost_and_gradients, sigmoid

LINEAR = ("x1", "x2")


def blobs(seed=0, m=60):
    rng = np.random.default_rng(seed)
    half = m // 2
    P = np.vstack([rng.normal(0, 1, (half, 2)), rng.normal(1.5, 1, (m - half, 2))])
    return P, np.r_[np.zeros(half), np.ones(m - half)]


def microchips(seed=7, m=118):
    """Two quality tests in [−1, 1]; accepted inside a wiggly oval (ex2data2-like)."""
    rng = np.random.default_rng(seed)
    P = rng.uniform(-1, 1, (m, 2))
    r = np.hypot(1.2 * P[:, 0], P[:, 1]) + 0.15 * np.sin(5 * P[:, 0]) + 0.2 * rng.normal(size=m)
    return P, (r < 0.7).astype(float)


# -- the update: correct and incorrect form ----------------------------------------


def hand_sequential(theta, X, Y, alpha, steps):
    """The slide's incorrect form, written out: b first, then w1, w2, … each with
    the derivative at the parameters updated so far."""
    theta = theta.copy()
    path = [theta.copy()]
    for _ in range(steps):
        _, dw, db = cost_and_gradients(theta[1:].reshape(-1, 1), theta[0], X, Y)
        theta[0] = theta[0] - alpha * db  # b = b − α·dJ(b, w)/db
        for j in range(1, len(theta)):
            _, dw, db = cost_and_gradients(theta[1:].reshape(-1, 1), theta[0], X, Y)
            theta[j] = theta[j] - alpha * dw[j - 1, 0]  # w_j = w_j − α·dJ(b, w)/dw_j
        path.append(theta.copy())
    return np.array(path)


@pytest.mark.parametrize("terms", [("x1",), LINEAR, QUADRATIC], ids=["b-w1", "linear", "quadratic"])
@pytest.mark.parametrize("standardize", [True, False], ids=["std", "raw"])
def test_sequential_update_equals_a_hand_loop_of_the_incorrect_form(terms, standardize):
    P, L = blobs()
    s = Session(P, L, terms=terms, standardize=standardize, learning_rate=0.4, seed=3,
                update="sequential")
    theta0 = s.theta
    s.step(25)
    _, _, path = s.history.recent()
    expected = hand_sequential(theta0, s.X, s.Y, 0.4, 25)
    np.testing.assert_allclose(path, expected, rtol=1e-11, atol=1e-13)
    # ...and it is a different path from the simultaneous (correct) form.
    t = Session(P, L, terms=terms, standardize=standardize, learning_rate=0.4, seed=3)
    t.step(25)
    assert np.max(np.abs(t.theta - s.theta)) > 1e-6


def test_both_forms_reach_the_same_minimum():
    P, L = blobs()
    thetas = []
    for update in ("simultaneous", "sequential"):
        r = fit(P, L, learning_rate=0.5, update=update, tol=1e-9, max_steps=50_000)
        assert r.converged and r.state == "converged"
        thetas.append(r.theta)
    np.testing.assert_allclose(thetas[0], thetas[1], rtol=1e-6, atol=1e-7)


def test_changing_the_update_is_an_edit_and_keeps_theta():
    P, L = blobs()
    s = Session(P, L, learning_rate=0.4)
    s.step(10)
    theta, edits = s.theta, s.edits
    s.update = "sequential"
    assert s.update == s.engine.update == "sequential" and s.edits == edits + 1
    np.testing.assert_array_equal(s.theta, theta)
    with pytest.raises(ValueError, match="update must be one of"):
        s.update = "random"


def test_there_is_one_step_loop():
    source = inspect.getsource(core.descent)
    assert source.count("while done < n") == 1
    assert "_step_fused" not in source


# -- "What's wrong with the code?" ------------------------------------------------


def slide_loop(w1, w2, b, X, Y, alpha, repeats, *, reset):
    """The slide, line by line, for two features (Python floats)."""
    m = X.shape[1]
    J = 0.0
    dw1 = 0.0
    dw2 = 0.0
    db = 0.0
    out = []
    for _ in range(repeats):  # Repeat {
        if reset:
            J = 0.0
            dw1 = 0.0
            dw2 = 0.0
            db = 0.0
        for i in range(m):  # For i = 1 to m
            x1, x2, y = float(X[0, i]), float(X[1, i]), float(Y[0, i])
            z = w1 * x1 + w2 * x2 + b
            a = 1.0 / (1.0 + math.exp(-z))
            J += -(y * math.log(a) + (1 - y) * math.log(1 - a))
            dz = a - y
            dw1 += x1 * dz
            dw2 += x2 * dz
            db += dz
        J /= m
        dw1 /= m
        dw2 /= m
        db /= m
        w1 = w1 - alpha * dw1
        w2 = w2 - alpha * dw2
        b = b - alpha * db
        out.append((J, b, w1, w2))
    return np.array(out)


@pytest.mark.parametrize("m", [3, 60])
def test_the_buggy_loop_equals_its_hand_written_version(m):
    P, L = blobs(m=m)
    X, Y = feature_map(P, LINEAR), L.reshape(1, -1)
    w, b = np.array([0.3, -0.8]), 0.2
    costs, thetas = buggy_loop(w, b, X, Y, 0.5, 40)
    hand = slide_loop(0.3, -0.8, 0.2, X, Y, 0.5, 40, reset=False)
    np.testing.assert_allclose(costs, hand[:, 0], rtol=1e-12)
    np.testing.assert_allclose(thetas[1:], hand[:, 1:], rtol=1e-11, atol=1e-13)
    np.testing.assert_array_equal(thetas[0], [b, *w])
    # The fixed loop too, and it is the engine's simultaneous update.
    costs_ok, thetas_ok = lecture_loop(w, b, X, Y, 0.5, 40)
    fixed = slide_loop(0.3, -0.8, 0.2, X, Y, 0.5, 40, reset=True)
    np.testing.assert_allclose(costs_ok, fixed[:, 0], rtol=1e-12)
    np.testing.assert_allclose(thetas_ok[1:], fixed[:, 1:], rtol=1e-11, atol=1e-13)
    s = Session(P, L, standardize=False, learning_rate=0.5, init=[b, *w], tol=0)
    s.step(40)
    _, engine_costs, engine_thetas = s.history.recent()
    np.testing.assert_allclose(engine_thetas, thetas_ok, rtol=1e-11, atol=1e-13)
    np.testing.assert_allclose(engine_costs[:-1], costs_ok, rtol=1e-11)  # J at θ before each update


def test_the_bug_leaks_the_old_gradient_divided_by_m():
    """dw_t = g_t + dw_(t−1)/m: the leak is worst on few points."""
    P, L = blobs(m=4)
    X, Y = feature_map(P, LINEAR), L.reshape(1, -1)
    loop = LectureLoop(X, Y, [0.3, -0.8], 0.2, 0.5, reset_accumulators=False)
    loop.step(1)
    prev_dw, prev_db = loop.dw.copy(), loop.db
    _, g_w, g_b = cost_and_gradients(loop.w, loop.b, X, Y)
    loop.step(1)
    np.testing.assert_allclose(loop.dw, g_w + prev_dw / 4, rtol=1e-12)
    assert loop.db == pytest.approx(g_b + prev_db / 4, rel=1e-12)
    fixed, _ = lecture_loop([0.3, -0.8], 0.2, X, Y, 0.5, 30)
    buggy, _ = buggy_loop([0.3, -0.8], 0.2, X, Y, 0.5, 30)
    assert np.max(np.abs(fixed - buggy)) > 1e-3


# -- both convergence conditions ---------------------------------------------------


def test_the_step_size_stop_triggers_early_at_tiny_alpha_while_the_gradient_stop_does_not():
    P, L = blobs()
    optimum = fit(P, L, learning_rate=1.0, tol=1e-10, max_steps=50_000).costs[-1]
    by_step = fit(P, L, learning_rate=1e-4, stop="step", tol=1e-4, max_steps=5_000)
    by_grad = fit(P, L, learning_rate=1e-4, stop="gradient", tol=1e-4, max_steps=5_000)
    assert by_step.converged and by_step.steps <= 5
    assert by_step.state == "converged" and "not at the minimum" in by_step.regime.explanation
    assert by_step.costs[-1] > optimum + 0.05  # stopped far from the minimum
    assert by_step.step_norms[-1] <= 1e-4 < by_step.grad_norms[-1]
    assert not by_grad.converged and by_grad.steps == 5_000
    assert by_grad.state == "crawling"


def test_both_numbers_every_step_and_they_differ_by_alpha():
    P, L = blobs()
    r = fit(P, L, learning_rate=0.3, max_steps=50)
    assert len(r.costs) == len(r.grad_norms) == len(r.penalties) == 51
    assert len(r.step_norms) == 50
    # ‖W^(t+1) − W^t‖ = α·‖dw‖ for the simultaneous update.
    np.testing.assert_allclose(r.step_norms, 0.3 * r.grad_norms[:-1], rtol=1e-12)
    s = Session(P, L, learning_rate=0.3)
    assert s.step_norm is None
    g = s.grad_norm
    s.step(1)
    assert s.step_norm == pytest.approx(0.3 * g, rel=1e-12)
    s.stop = "step"  # not an edit: the run goes on
    assert s.engine.stop == "step" and s.edits == 0


@pytest.mark.parametrize("stop", ["gradient", "step"])
def test_tol_zero_runs_exactly_max_steps(stop):
    P, L = blobs()
    r = fit(P, L, learning_rate=1.0, tol=0, stop=stop, max_steps=3_000)
    assert r.steps == 3_000 and len(r.costs) == 3_001 and not r.converged


# -- θ⁰ and θ typed in original units ---------------------------------------------


@pytest.mark.parametrize("standardize", [True, False])
def test_init_zeros_and_a_typed_theta_in_original_units(standardize):
    P, L = blobs()
    r = fit(P, L, init="zeros", max_steps=0, standardize=standardize)
    assert r.costs[0] == pytest.approx(math.log(2), rel=1e-15)
    # The lecture's θ = [−3, 1, 1]: x1 + x2 ≥ 3.
    r = fit(P, L, init=[-3, 1, 1], max_steps=0, standardize=standardize)
    np.testing.assert_allclose(r.theta, [-3, 1, 1], rtol=1e-12, atol=1e-12)
    J, _, _ = cost_and_gradients(np.array([[1.0], [1.0]]), -3.0, feature_map(P, LINEAR),
                                 L.reshape(1, -1))
    assert r.costs[0] == pytest.approx(J, rel=1e-12)
    # The circle: θ = [−1, 0, 0, 1, 1] on x1, x2, x1², x2².
    terms = ["x1", "x2", "x1^2", "x2^2"]
    s = Session(P, L, terms=terms, standardize=standardize)
    s.set_original_theta([-1, 0, 0, 1, 1])
    w_raw, b_raw = s.original_theta()
    np.testing.assert_allclose(np.r_[b_raw, w_raw[:, 0]], [-1, 0, 0, 1, 1], atol=1e-12)
    assert model_equation(s.terms, [-1, 0, 0, 1, 1]) == "ŷ = σ(−1 + 0·x1 + 0·x2 + 1·x1² + 1·x2²)"
    p = s.predict_proba(np.array([[0.0, 0.0], [2.0, 0.0]]))
    np.testing.assert_allclose(p, sigmoid(np.array([-1.0, 3.0])), rtol=1e-12)
    with pytest.raises(ValueError, match="needs 5 numbers"):
        s.set_original_theta([1, 2])
    with pytest.raises(ValueError, match="needs 3 numbers"):
        fit(P, L, init=[1, 2])


def test_session_init_is_where_reset_returns():
    P, L = blobs()
    s = Session(P, L, init=[-3, 1, 1], learning_rate=0.5)
    s.step(20)
    s.reset()
    w_raw, b_raw = s.original_theta()
    np.testing.assert_allclose(np.r_[b_raw, w_raw[:, 0]], [-3, 1, 1], atol=1e-12)
    s.set_terms(QUADRATIC)  # θ of the wrong length: back to randn of the seed
    assert s.iteration == 0 and len(s.theta) == 6


# -- polynomial features to degree 6 -----------------------------------------------


def test_degree_6_has_all_27_monomials_named_like_the_code():
    terms = polynomial_terms(6)
    assert len(terms) == 27 and terms == ALL_TERMS
    assert terms[:5] == QUADRATIC
    assert terms[5:9] == ("x1^3", "x1^2*x2", "x1*x2^2", "x2^3")
    assert terms[-1] == "x2^6" and "x1^3*x2^3" in terms
    assert [len(polynomial_terms(d)) for d in range(1, 7)] == [2, 5, 9, 14, 20, 27]
    assert TERM_LABELS["x1^2*x2"] == "x1²·x2" and TERM_LABELS["x1^3*x2^3"] == "x1³·x2³"
    P = np.random.default_rng(0).uniform(-2, 2, (9, 2))
    X = feature_map(P, terms)
    for row, t in zip(X, terms, strict=True):
        a, b = EXPONENTS[t]
        np.testing.assert_allclose(row, P[:, 0] ** a * P[:, 1] ** b, rtol=1e-14)
    # A term picker: any subset, given in any order, comes back in canonical order.
    assert check_terms(["x2^6", "x1", "x1^2*x2"]) == ("x1", "x1^2*x2", "x2^6")
    for bad in (0, 7, True, "6"):
        with pytest.raises(ValueError, match="degree must be a whole number"):
            polynomial_terms(bad)


def test_fit_takes_a_degree_or_any_terms():
    P, L = microchips()
    r = fit(P, L, features=3, learning_rate=1.0, max_steps=200)
    assert r.terms == polynomial_terms(3) and len(r.theta) == 10
    assert r.feature_names[:3] == ["1", "x1", "x2"] and r.feature_names[6] == "x1³"
    r = fit(P, L, features=["x1^2", "x2^2", "x1^4"], learning_rate=1.0, max_steps=200)
    assert r.terms == ("x1^2", "x2^2", "x1^4")
    assert fit(P, L, features=2, max_steps=5).terms == QUADRATIC


# -- the L2 penalty ----------------------------------------------------------------


@pytest.mark.parametrize("standardize", [True, False])
@pytest.mark.parametrize("lam", [1.0, 0.1])
def test_degree_6_with_l2_reaches_scikit_learns_optimum(standardize, lam):
    """sklearn minimizes ½‖w‖² + C·Σ L⁽ⁱ⁾; ours J = (1/m)·Σ L⁽ⁱ⁾ + λ/(2m)·‖w‖², the same
    minimum with C = 1/λ.  The penalty is on the weights in original units, so
    standardization changes the path, never the answer."""
    P, L = microchips()
    X = feature_map(P, polynomial_terms(6))
    sk = LogisticRegression(C=1 / lam, tol=1e-12, max_iter=100_000).fit(X.T, L.astype(int))
    theta_sk = np.r_[sk.intercept_, sk.coef_[0]]
    alpha = 0.9 * Session(P, L, terms=polynomial_terms(6), standardize=standardize).alpha_star()
    r = fit(P, L, features=6, l2=lam, standardize=standardize, learning_rate=alpha, tol=1e-9,
            max_steps=500_000)
    assert r.converged and r.state == "converged"
    np.testing.assert_allclose(r.theta, theta_sk, rtol=0, atol=2e-5)
    m = len(L)
    penalty = lam / (2 * m) * np.sum(r.theta[1:] ** 2)
    assert r.penalties[-1] == pytest.approx(penalty, rel=1e-9)
    data_loss = cost_and_gradients(r.theta[1:].reshape(-1, 1), r.theta[0], X, L.reshape(1, -1))[0]
    assert r.data_costs[-1] == pytest.approx(data_loss, rel=1e-9)
    assert r.costs[-1] == pytest.approx(data_loss + penalty, rel=1e-12)


def test_the_penalty_gradient_matches_finite_differences_in_engine_units():
    P, L = microchips()
    s = Session(P, L, terms=polynomial_terms(3), standardize=True, l2=2.0, seed=4)
    e = s.engine
    theta, g = s.theta, s.gradient
    f = e.evaluator()
    h = 1e-6
    for j in range(len(theta)):
        d = np.zeros_like(theta)
        d[j] = h
        numeric = (f(theta + d)[0] - f(theta - d)[0]) / (2 * h)
        assert g[j] == pytest.approx(numeric, rel=1e-6, abs=1e-8)
    assert s.penalty == pytest.approx(
        2.0 / (2 * s.m) * np.sum(s.original_theta()[0] ** 2), rel=1e-12)
    assert s.cost == pytest.approx(s.data_cost + s.penalty, rel=1e-15)
    _, _, thetas = s.history.recent()
    np.testing.assert_allclose(s.penalty_of(thetas), [s.penalty])


def test_the_penalty_follows_the_scaling_when_points_change():
    """Adding a point changes the feature scales; the penalty stays λ/(2m)·Σ w_raw²."""
    P, L = microchips()
    s = Session(P, L, terms=QUADRATIC, standardize=True, l2=1.0, learning_rate=0.5)
    s.step(30)
    s.set_points(np.vstack([P, [[3.0, -3.0]]]), np.r_[L, 1])
    w_raw, _ = s.original_theta()
    assert s.penalty == pytest.approx(1.0 / (2 * s.m) * np.sum(w_raw**2), rel=1e-10)


def test_changing_lambda_is_a_new_objective_from_the_same_theta():
    P, L = blobs()
    s = Session(P, L, learning_rate=0.5)
    s.step(10)
    theta = s.theta
    s.l2 = 3.0
    assert s.iteration == 0 and s.edits == 1 and s.edit_iteration == 0
    np.testing.assert_array_equal(s.theta, theta)
    assert s.penalty > 0 and s.cost == pytest.approx(s.data_cost + s.penalty)
    with pytest.raises(ValueError, match="l2 must be"):
        s.l2 = -1


# -- convexity and likelihood -------------------------------------------------------


def test_the_chord_never_dips_below_cross_entropy_but_does_for_squared_error():
    from core.convexity import find_nonconvex_segment, on_segment

    P, L = blobs()
    X, Y = feature_map(P, LINEAR), L.reshape(1, -1)
    assert find_nonconvex_segment(X, Y, "cross_entropy") is None
    found = find_nonconvex_segment(X, Y, "squared_error")
    assert found is not None and found["gap"] > 1e-3
    lam, J, chord = on_segment(found["u"], found["v"], X, Y, "squared_error", k=41)
    assert np.max(J - chord) == pytest.approx(found["gap"], rel=1e-9)
    assert J[0] == pytest.approx(cost_and_gradients(found["v"][1:].reshape(-1, 1),
                                                    found["v"][0], X, Y, "squared_error")[0])
    lam, J, chord = on_segment(found["u"], found["v"], X, Y, "cross_entropy")
    assert np.all(J <= chord + 1e-12)


def test_likelihood_is_the_bernoulli_slide_and_log_p_is_minus_m_j():
    from core.model import likelihood, log_likelihood

    z = np.array([-800.0, -2.0, 0.0, 3.0, 40.0])
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    a = sigmoid(z)
    np.testing.assert_allclose(likelihood(z, y), a**y * (1 - a) ** (1 - y), rtol=1e-12)
    P, L = blobs()
    s = Session(P, L)
    assert log_likelihood(s.training_z(), s.labels) == pytest.approx(-s.m * s.cost, rel=1e-12)
