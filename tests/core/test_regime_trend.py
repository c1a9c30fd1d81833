"""The regime (issue 12): iteration 0 and the moment after an edit are never a trend.

The trend words on synthetic costs, hypothesis over edits (a fresh edit and the
steps right after it never read as a trend), a huge jump that is never
"smooth".  The scenario table and the named cases are in test_regime.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core import QUADRATIC, Session, judge
from core.regime import (
    CRAWLING,
    DESCENDING,
    DIVERGING,
    MIN_TREND_STEPS,
    OSCILLATING,
    SEPARABLE,
    SMOOTH,
    Regime,
    trend,
)

from .support import DATA, LINEAR, check_text, overlapping_blobs, session_for


def test_iteration_0_and_a_fresh_edit_are_never_a_trend_even_at_huge_alpha():
    s = session_for("ring", QUADRATIC, True, 50.0)
    assert judge(s).word == SMOOTH and judge(s).headline == "Ready: no step yet"
    s.step(60)
    assert judge(s).trouble
    s.set_points(np.vstack([s.points, [[0.1, 0.1]]]), np.r_[s.labels, 0])
    r = judge(s)
    assert r.word == SMOOTH and r.steps_since_edit == 0 and r.action is None
    for _ in range(MIN_TREND_STEPS - 1):
        s.step(1)
        assert not judge(s).trouble
    s.step(40)
    assert judge(s).trouble


def test_trend_words_on_synthetic_costs():
    k = np.arange(200)
    assert trend(np.exp(-0.05 * k)) == DESCENDING
    assert trend(np.exp(0.05 * k)) == DIVERGING
    assert trend(1 + (k % 2)) == OSCILLATING
    assert trend(1.0 + 0.001 * k) == DIVERGING  # a slow monotone rise
    chaotic = 3 + np.sin(k * 2.3) * 1.5  # bounces around a level
    assert all(trend(chaotic[: n + 1]) in (OSCILLATING, DIVERGING) for n in range(25, 200))
    assert trend([1.0, 0.9]) == DESCENDING


def test_regime_is_frozen():
    r = Regime(SMOOTH, "Descending smoothly")
    with pytest.raises(AttributeError):
        r.word = CRAWLING


# -- hypothesis: iteration 0 and a fresh edit are no trend --------------------------

EDITS = st.one_of(
    st.tuples(st.just("step"), st.integers(1, 60)),
    st.tuples(st.just("alpha"), st.floats(1e-5, 1e3)),
    st.tuples(st.just("point"), st.tuples(st.floats(-3, 3), st.floats(-3, 3), st.integers(0, 1))),
    st.tuples(st.just("standardize"), st.booleans()),
    st.tuples(st.just("terms"), st.sampled_from([LINEAR, QUADRATIC, ("x1", "x2", "x1^2")])),
    st.tuples(st.just("theta"), st.floats(-5, 5)),
    st.tuples(st.just("reset"), st.integers(0, 9)),
)


@settings(max_examples=60, deadline=None)
@given(
    data=st.sampled_from(["blobs", "ring", "line"]),
    alpha=st.floats(1e-5, 1e3),
    standardize=st.booleans(),
    edits=st.lists(EDITS, max_size=8),
)
# Found by a loaded CI run: ~1.06e8 steps to ε read "~1.1e+02 million" (42 characters).
@example(data="blobs", alpha=15.0, standardize=False,
         edits=[("step", 3), ("alpha", 1e-05), ("step", 6), ("alpha", 1e-05)])
def test_the_state_at_iteration_0_and_right_after_an_edit_is_never_a_trend(
        data, alpha, standardize, edits):
    P, L = DATA[data]()
    s = Session(P, L, standardize=standardize, learning_rate=alpha, seed=0)
    assert judge(s).word not in (DIVERGING, OSCILLATING)
    for op, arg in edits:
        if op == "step":
            s.step(arg)
            continue
        if op == "alpha":
            s.learning_rate = arg
        elif op == "point":
            x, y, label = arg
            s.set_points(np.vstack([s.points, [[x, y]]]), np.r_[s.labels, label])
        elif op == "standardize":
            s.set_standardize(arg)
        elif op == "terms":
            s.set_terms(arg)
        elif op == "theta":
            s.set_theta(np.full(len(s.terms) + 1, arg))
        elif op == "reset":
            s.reset(arg)
        r = judge(s)
        check_text(r)
        if s.iteration == s.edit_iteration:  # an edit that changed something
            assert r.word not in (DIVERGING, OSCILLATING, SEPARABLE, CRAWLING), (op, r)
            s.step(MIN_TREND_STEPS - 1)
            r = judge(s)
            assert r.word not in (DIVERGING, OSCILLATING, SEPARABLE, CRAWLING), (op, r)


def test_one_huge_jump_then_falling_is_not_smooth():
    """J 0.7 → hundreds in one step, then falling back: the run overshot; never 'smooth'."""
    points, labels = overlapping_blobs()
    s = Session(points, labels, learning_rate=16_700.0, seed=0)
    start = s.cost
    words = []
    for _ in range(12):
        s.step(1)
        words.append(judge(s).word)
    assert s.cost > 1.5 * start
    assert "smooth" not in words[4:], words
    assert judge(s).action is not None
