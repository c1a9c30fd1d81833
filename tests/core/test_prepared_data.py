"""A big edit's features built ahead, on another thread (``Session.prepare_points``):
the session that adopts them must be the one ``set_points`` alone would give, bit for
bit, and a preparation made for other settings must never be used."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from core import Session
from core.features import LINEAR, QUADRATIC


def ring(m, seed=0):
    rng = np.random.default_rng(seed)
    r = rng.uniform(0.0, 2.0, m)
    t = rng.uniform(0.0, 2 * np.pi, m)
    return np.column_stack([r * np.cos(t), r * np.sin(t)]), (r > 1).astype(int)


def state(s):
    e = s.engine
    return {"points": s.points, "labels": s.labels, "X": s.X, "theta": e.theta,
            "cost": e.cost, "grad": e.grad_norm, "iteration": e.iteration,
            "alpha*": s.alpha_star(), "cond": s.condition_number(),
            **{f"history {k}": a for k, a in zip(("iterations", "costs", "thetas"),
                                                 e.history.joined())}}


def twins(**settings):
    points, labels = ring(300)
    a, b = (Session(points, labels, **settings) for _ in range(2))
    for s in (a, b):
        s.step(40)
    return a, b


def assert_same(a, b):
    sa, sb = state(a), state(b)
    for key in sa:
        np.testing.assert_array_equal(sa[key], sb[key], err_msg=key)


@pytest.mark.parametrize("settings", [
    {"terms": QUADRATIC}, {"terms": LINEAR, "standardize": False},
    {"terms": QUADRATIC, "loss": "squared_error"}, {"terms": QUADRATIC, "l2": 0.1}])
def test_a_prepared_edit_gives_the_session_set_points_gives(settings):
    a, b = twins(**settings)
    points, labels = ring(500, seed=1)
    prepare = a.prepare_points(points, labels)
    box = []
    worker = threading.Thread(target=lambda: box.append(prepare()))
    worker.start()
    worker.join()
    a.set_points(points, labels, prepared=box[0])
    b.set_points(points, labels)
    assert_same(a, b)
    a.step(25)
    b.step(25)
    assert_same(a, b)


@pytest.mark.parametrize("change", [
    lambda s: s.set_terms(LINEAR), lambda s: s.set_standardize(False),
    lambda s: setattr(s, "loss", "squared_error"), lambda s: setattr(s, "l2", 0.5)])
def test_a_preparation_for_other_settings_is_not_used(change):
    a, b = twins(terms=QUADRATIC)
    points, labels = ring(400, seed=2)
    prepared = a.prepare_points(points, labels)()
    for s in (a, b):
        change(s)
    a.set_points(points, labels, prepared=prepared)
    b.set_points(points, labels)
    assert_same(a, b)


def test_invalid_points_fail_in_the_preparation_as_in_set_points():
    s = Session(*ring(50))
    bad = np.array([[0.0, np.nan]])
    with pytest.raises(ValueError, match="non-finite"):
        s.prepare_points(bad, [1])()
    with pytest.raises(ValueError, match="non-finite"):
        s.set_points(bad, [1])
    assert s.m == 50
