"""The live model: editing points, features and scaling never makes the boundary jump."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core import LINEAR, QUADRATIC, Session, alpha_star, feature_map, sigmoid
from core.descent import CONVERGED, NO_DATA


def blobs(seed=0, m=40, offset=(0.0, 0.0)):
    rng = np.random.default_rng(seed)
    half = m // 2
    P = np.vstack([rng.normal(0, 1, (half, 2)), rng.normal(1.5, 1, (m - half, 2))])
    return P + np.asarray(offset), np.r_[np.zeros(half), np.ones(m - half)]


PROBE = np.array([(x, y) for x in np.linspace(-4, 6, 11) for y in np.linspace(-5, 5, 11)])


def init_theta(seed, n_x):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((n_x, 1))
    b = float(rng.standard_normal())
    return np.r_[b, w[:, 0]]


@pytest.mark.parametrize("terms", [LINEAR, QUADRATIC], ids=["linear", "quadratic"])
@pytest.mark.parametrize("standardize", [True, False], ids=["std", "raw"])
def test_adding_points_keeps_the_model_in_original_units(terms, standardize):
    P, L = blobs(offset=(1.0, 0.5))
    s = Session(P, L, terms=terms, standardize=standardize, learning_rate=0.2, seed=1)
    s.step(40)
    before = s.predict_proba(PROBE)
    z_before = s.z_of(PROBE)
    it = s.engine.iteration
    # A far-away point changes the means and scales a lot.
    s.set_points(np.vstack([P, [[5.0, -4.0]]]), np.r_[L, 1])
    assert s.m == len(P) + 1
    np.testing.assert_allclose(s.z_of(PROBE), z_before, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(s.predict_proba(PROBE), before, rtol=1e-9, atol=1e-12)
    # Descent simply continues: no restart.
    assert s.engine.iteration == it
    assert s.step(5) == 5
    # training_z (scaled, as descent sees it) agrees with z in original units.
    np.testing.assert_allclose(s.training_z(), s.z_of(s.points), rtol=1e-9, atol=1e-9)


def original_path(s):
    """The recorded path θ⁰, θ¹, ... as models in original units: rows [b, w]."""
    _, _, thetas = s.engine.history.recent()
    rows = []
    for t in thetas:
        w_raw, b_raw = s.scaler.to_original(t[1:].reshape(-1, 1), t[0])
        rows.append(np.r_[b_raw, w_raw[:, 0]])
    return np.array(rows)


@pytest.mark.parametrize("terms", [LINEAR, QUADRATIC], ids=["linear", "quadratic"])
def test_step_back_after_adding_a_point_returns_to_the_models_shown_before(terms):
    P, L = blobs(offset=(1.0, 0.5))
    s = Session(P, L, terms=terms, standardize=True, learning_rate=0.3, seed=1)
    shown = []
    for _ in range(6):
        shown.append(s.predict_proba(PROBE))
        s.step(1)
    shown.append(s.predict_proba(PROBE))
    path = original_path(s)
    s.set_points(np.vstack([P, [[6.0, -5.0], [-3.0, 4.0]]]), np.r_[L, 1, 0])
    # The recorded path is the same sequence of models (what the scrubber and
    # the landscape path show), now in the new scaled coordinates.
    np.testing.assert_allclose(original_path(s)[: len(path)], path, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(s.predict_proba(PROBE), shown[-1], rtol=1e-9, atol=1e-12)
    # Step back walks back through the boundaries that were on screen.
    seen = set()
    while s.engine.iteration > 0:
        assert s.engine.step_back()
        k = s.engine.iteration
        np.testing.assert_allclose(s.predict_proba(PROBE), shown[k], rtol=1e-9, atol=1e-12)
        seen.add(k)
    assert seen == set(range(7))  # (the first press lands on the model as it is now)


def test_removing_points_keeps_the_model_too():
    P, L = blobs()
    s = Session(P, L, seed=2)
    s.step(30)
    before = s.predict_proba(PROBE)
    s.set_points(P[5:-5], L[5:-5])
    np.testing.assert_allclose(s.predict_proba(PROBE), before, rtol=1e-9, atol=1e-12)


def test_from_no_points_to_points_and_back():
    s = Session(seed=4)
    assert s.m == 0
    assert s.engine.state == NO_DATA
    assert s.accuracy() is None
    assert s.step(10) == 0
    np.testing.assert_array_equal(s.engine.theta, init_theta(4, 2))
    P, L = blobs()
    s.set_points(P[:1], L[:1])
    assert s.engine.state != NO_DATA
    np.testing.assert_array_equal(s.engine.theta, init_theta(4, 2))
    assert np.all(np.isfinite(s.predict_proba(PROBE)))
    s.set_points(P, L)
    s.step(10)
    s.set_points(np.zeros((0, 2)), [])
    assert s.engine.state == NO_DATA and s.m == 0
    assert np.all(np.isfinite(s.predict_proba(PROBE)))


def test_bad_points_are_refused_and_change_nothing():
    P, L = blobs()
    s = Session(P, L)
    theta = s.engine.theta.copy()
    with pytest.raises(ValueError, match="labels must be 0 or 1"):
        s.set_points(P, np.r_[L[:-1], 2])
    with pytest.raises(ValueError, match="non-finite"):
        s.set_points(np.vstack([P[:-1], [[np.nan, 0]]]), L)
    assert s.m == len(P)
    np.testing.assert_array_equal(s.engine.theta, theta)


def test_set_terms_restarts_from_randn_of_the_seed():
    P, L = blobs()
    s = Session(P, L, seed=7)
    np.testing.assert_array_equal(s.engine.theta, init_theta(7, 2))
    s.step(25)
    s.set_terms(QUADRATIC)
    assert s.terms == QUADRATIC
    assert s.engine.iteration == 0
    np.testing.assert_array_equal(s.engine.theta, init_theta(7, 5))
    # Same seed, same start, in any session.
    other = Session(P[:10], L[:10], terms=QUADRATIC, seed=7)
    np.testing.assert_array_equal(other.engine.theta, s.engine.theta)
    assert not np.array_equal(Session(P, L, terms=QUADRATIC, seed=8).engine.theta, s.engine.theta)
    # Terms are put in canonical order; asking for the current ones keeps the run.
    s.step(5)
    s.set_terms(["x2^2", "x1*x2", "x1^2", "x2", "x1"])
    assert s.engine.iteration == 5
    with pytest.raises(ValueError, match="unknown feature term"):
        s.set_terms(["x3"])


def test_reset_with_a_new_seed():
    P, L = blobs()
    s = Session(P, L, seed=1)
    s.step(10)
    s.reset()
    np.testing.assert_array_equal(s.engine.theta, init_theta(1, 2))
    assert s.engine.iteration == 0
    s.reset(seed=9)
    assert s.seed == 9
    np.testing.assert_array_equal(s.engine.theta, init_theta(9, 2))


@pytest.mark.parametrize("terms", [LINEAR, QUADRATIC], ids=["linear", "quadratic"])
def test_set_standardize_keeps_the_predictions(terms):
    P, L = blobs(offset=(4.0, -3.0))
    s = Session(P, L, terms=terms, standardize=True, seed=3)
    s.step(50)
    before = s.predict_proba(PROBE)
    s.set_standardize(False)
    assert not s.standardize and s.scaler.is_identity
    np.testing.assert_allclose(s.predict_proba(PROBE), before, rtol=1e-9, atol=1e-12)
    s.step(1)
    after_one = s.predict_proba(PROBE)
    s.set_standardize(True)
    assert s.standardize and not s.scaler.is_identity
    np.testing.assert_allclose(s.predict_proba(PROBE), after_one, rtol=1e-9, atol=1e-12)


def test_alpha_star_follows_the_features():
    P, L = blobs(offset=(3.0, 3.0))
    s = Session(P, L, standardize=True)
    assert s.alpha_star() == alpha_star(s.X)
    s.set_points(P * 3, L)
    assert s.alpha_star() == alpha_star(s.X)
    s.set_standardize(False)
    assert s.alpha_star() == pytest.approx(alpha_star(feature_map(P * 3, LINEAR)), rel=1e-12, abs=0)
    s.set_terms(QUADRATIC)
    assert s.alpha_star() == pytest.approx(alpha_star(feature_map(P * 3, QUADRATIC)), rel=1e-12, abs=0)


def test_accuracy_counts_points_on_the_right_side():
    P = np.array([[0.0, 0.0], [2.0, 2.0], [1.0, 1.0], [3.0, 3.0]])
    L = np.array([0, 1, 1, 0])
    s = Session(P, L, standardize=False)
    s.engine.set_theta([-3.0, 1.0, 1.0])  # the slide's boundary x1 + x2 = 3
    # z = -3, 1, -1, 3: the first two right, the last two wrong.
    assert s.accuracy() == 0.5
    np.testing.assert_allclose(s.predict_proba(P), sigmoid(np.array([-3.0, 1.0, -1.0, 3.0])))
    # On the boundary (z = 0, σ = 0.5) a point counts as class 1.
    s.set_points(np.array([[1.5, 1.5]]), [1])
    s.engine.set_theta([-3.0, 1.0, 1.0])
    assert s.accuracy() == 1.0


def test_accuracy_after_training_on_separable_data():
    rng = np.random.default_rng(0)
    P = np.vstack([rng.normal(-2, 0.5, (20, 2)), rng.normal(2, 0.5, (20, 2))])
    L = np.r_[np.zeros(20), np.ones(20)]
    s = Session(P, L, standardize=True, learning_rate=1.0)
    s.step(2000)
    assert s.accuracy() == 1.0


def test_settings_are_validated():
    P, L = blobs(m=6)
    for bad in (0, -1, math.nan, math.inf):
        with pytest.raises(ValueError, match="learning rate"):
            Session(P, L, learning_rate=bad)
    with pytest.raises(ValueError, match="ε"):
        Session(P, L, tol=-1)
    with pytest.raises(ValueError, match="unknown loss"):
        Session(P, L, loss="hinge")
    s = Session(P, L)
    with pytest.raises(ValueError, match="learning rate"):
        s.learning_rate = 0
    with pytest.raises(ValueError, match="ε"):
        s.tol = math.nan
    with pytest.raises(ValueError, match="unknown loss"):
        s.loss = "hinge"
    assert s.learning_rate == 0.5 and s.tol == 1e-4 and s.loss == "cross_entropy"


def test_switching_loss_keeps_theta():
    P, L = blobs()
    s = Session(P, L, seed=2)
    s.step(20)
    theta = s.engine.theta.copy()
    s.loss = "squared_error"
    np.testing.assert_array_equal(s.engine.theta, theta)
    a = sigmoid(theta[1:] @ s.X + theta[0])
    assert s.engine.cost == pytest.approx(float(np.mean(0.5 * (a - L) ** 2)), rel=1e-12, abs=0)
    s.step(20000)
    assert s.engine.state == CONVERGED


def test_the_run_is_read_through_the_session():
    P, L = blobs()
    s = Session(P, L, learning_rate=0.3, seed=2)
    s.step(7)
    e = s.engine
    assert s.iteration == e.iteration == 7
    assert s.cost == e.cost and s.grad_norm == e.grad_norm
    np.testing.assert_array_equal(s.theta, e.theta)
    dw, db = e.gradient
    np.testing.assert_array_equal(s.gradient, np.r_[db, dw[:, 0]])
    assert math.isclose(float(np.linalg.norm(s.gradient)), s.grad_norm, rel_tol=1e-12)
    assert s.converged is False and s.diverged is False and s.diverged_at is None
    assert s.history is e.history
    np.testing.assert_array_equal(s.recent_costs(3), e.history.recent_costs(3))
    theta = s.theta
    s.step(1)
    assert s.step_back() and s.iteration == 7
    np.testing.assert_allclose(s.theta, theta)
    with pytest.raises(ValueError, match="3 numbers"):
        s.set_theta([1.0, 2.0])
    s.set_theta([-3.0, 1.0, 1.0])
    np.testing.assert_array_equal(s.theta, [-3.0, 1.0, 1.0])


def test_every_edit_that_restarts_the_trend_is_counted_with_its_iteration():
    P, L = blobs()
    s = Session(P, L, learning_rate=0.3, seed=2)
    assert (s.edits, s.edit_iteration) == (0, 0)
    s.step(5)
    s.set_points(np.vstack([P, [[0.5, 0.5]]]), np.r_[L, 0])
    assert (s.edits, s.edit_iteration) == (1, 5)
    s.step(3)
    s.learning_rate = 0.1
    assert (s.edits, s.edit_iteration) == (2, 8)
    s.learning_rate = 0.1  # no change, no edit
    s.tol = 1e-3  # the stopping test is not the trend
    assert s.edits == 2
    s.set_theta(s.theta)
    assert (s.edits, s.edit_iteration) == (3, 8)
    s.loss = "squared_error"  # a new objective from the same θ: iteration 0
    assert (s.edits, s.edit_iteration) == (4, 0)
    s.step(2)
    s.set_standardize(False)
    assert (s.edits, s.edit_iteration) == (5, 0)  # a new engine on new features
    s.set_terms(QUADRATIC)
    assert (s.edits, s.edit_iteration) == (6, 0)
    s.step(4)
    s.reset()
    assert (s.edits, s.edit_iteration) == (7, 0)
    s.step(4)
    s.restore(s.theta, iteration=40)
    assert (s.edits, s.edit_iteration, s.iteration, len(s.history)) == (8, 40, 40, 1)
