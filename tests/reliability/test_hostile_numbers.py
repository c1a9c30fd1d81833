"""Hostile numbers: property tests over the core model (``core.Session``).

Coordinates from 0 to ±1e300 (and subnormals), duplicated points, a single
point, one class only, all points identical, α from 1e-12 to 1e12, ε from 0
to 1, features switched mid-run, points added and deleted, steps back and
resets.  For each: no exception, no RuntimeWarning (pytest runs with warnings
as errors), θ always finite, the state word agrees with the engine (no data,
one class only, converged), predictions are finite probabilities.  Below α* the
cost never rises; "diverged" only when the next step really overflows.  The
same numbers in the live window: ``test_hostile_window.py``; the strategies:
``hostile.py``.

``LOGITLAB_HOSTILE_EXAMPLES`` multiplies the number of examples (CI: 1).
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core import Session
from core.regime import (CONVERGED, DIVERGED, DIVERGING, NO_DATA, ONE_CLASS, OSCILLATING, WORDS,
                         judge)

from .hostile import CORE_EXAMPLES, data_sets, learning_rates, operations, term_sets, tolerances
from .support import count


# -- the core ----------------------------------------------------------------------------


def check_session(s):
    e = s.engine
    state = judge(s).word  # the one judgement the window shows
    assert state in WORDS, state
    assert (state == NO_DATA) == (s.m == 0)
    assert np.all(np.isfinite(e.theta)), f"θ not finite: {e.theta}"
    if state != DIVERGED and s.m:
        assert math.isfinite(e.cost), e.cost
        assert math.isfinite(e.grad_norm), e.grad_norm
    if state == CONVERGED:
        assert e.grad_norm <= s.tol
    classes = set(np.unique(s.labels).tolist())
    if s.m and len(classes) == 1:  # converged, diverged and a bounce (α's) are said first
        assert state in (ONE_CLASS, CONVERGED, DIVERGED, DIVERGING, OSCILLATING), state
    else:
        assert state != ONE_CLASS
    it, cost = e.history.curve()
    # An edit records the new J at the same iteration (a vertical step in the curve).
    assert np.all(np.diff(it) >= 0), "cost curve iterations must not go back"
    assert len(it) <= e.history.budget + e.history.recent_size
    grid = np.array([[0.0, 0.0], [1e300, -1e300], [5e-324, 3.0], [-2.0, 1e150]])
    p = s.predict_proba(grid)
    assert np.all(np.isfinite(p)), p
    assert np.all((p >= 0) & (p <= 1)), p
    acc = s.accuracy()
    assert (acc is None) == (s.m == 0)


@settings(max_examples=CORE_EXAMPLES, deadline=None)
@given(data=data_sets(), terms=term_sets(), standardize=st.booleans(), alpha=learning_rates(),
       tol=tolerances(), ops=operations())
def test_core_session_survives_hostile_numbers(data, terms, standardize, alpha, tol, ops):
    points, labels, kind = data
    count("hostile inputs tried (core)")
    s = Session(points, labels, terms=terms, standardize=standardize, learning_rate=alpha,
                tol=tol)
    check_session(s)
    for op in ops:
        name = op[0]
        if name == "step":
            state = s.engine.state
            theta = s.engine.theta
            done = s.step(op[1])
            assert 0 <= done <= op[1]
            if done < op[1]:
                assert s.engine.state in (CONVERGED, DIVERGED, NO_DATA), (done, s.engine.state)
            if state in (DIVERGED, NO_DATA, CONVERGED):
                assert done == 0
                np.testing.assert_array_equal(s.engine.theta, theta)
        elif name == "terms":
            s.set_terms(op[1])
        elif name == "standardize":
            s.set_standardize(op[1])
        elif name == "alpha":
            s.learning_rate = op[1]
        elif name == "tol":
            s.tol = op[1]
        elif name == "add":
            s.set_points(np.vstack([s.points, [op[1]]]), np.append(s.labels, op[2]))
        elif name == "delete":
            if s.m:
                k = op[1] % s.m
                s.set_points(np.delete(s.points, k, axis=0), np.delete(s.labels, k))
        elif name == "loss":
            s.loss = op[1]
        elif name == "back":
            s.engine.step_back()
        elif name == "reset":
            s.reset(seed=s.seed + 1)
        check_session(s)


@settings(max_examples=CORE_EXAMPLES, deadline=None)
@given(data=data_sets(min_size=2), terms=term_sets(), standardize=st.booleans(),
       fraction=st.floats(1e-6, 0.99))
def test_core_state_word_below_alpha_star_is_never_diverging(data, terms, standardize, fraction):
    """Below α* = 2/L, J never rises, so the state is never diverging/oscillating/diverged."""
    points, labels, _ = data
    count("hostile inputs tried (core)")
    s = Session(points, labels, terms=terms, standardize=standardize, learning_rate=1.0)
    a_star = s.alpha_star()
    assume(0 < a_star < math.inf and not s.diverged)
    s.learning_rate = fraction * a_star
    for _ in range(4):
        s.step(100)
        assert judge(s).word not in (DIVERGING, OSCILLATING, DIVERGED), judge(s).word
    _, cost = s.engine.history.curve()
    rises = np.diff(cost) > 1e-9 * np.abs(cost[:-1]) + 1e-300
    assert not rises.any(), f"J rose below α*: {cost[1:][rises][:5]}"


@settings(max_examples=CORE_EXAMPLES // 2, deadline=None)
@given(data=data_sets(min_size=2), terms=term_sets(), alpha=learning_rates())
def test_core_diverged_means_the_next_step_overflows(data, terms, alpha):
    """'diverged' is never claimed for a run that could go on: θ is the last finite state."""
    points, labels, _ = data
    count("hostile inputs tried (core)")
    s = Session(points, labels, terms=terms, learning_rate=alpha, tol=0.0)
    for _ in range(3):
        s.step(200)
        if s.engine.state == DIVERGED:
            break
    if s.engine.state != DIVERGED:
        return
    e = s.engine
    assert np.all(np.isfinite(e.theta))
    if e.iteration == 0 and not math.isfinite(e.cost):
        return  # the features themselves overflow: nothing finite to step from
    from core.model import cost_and_gradients as propagate

    with np.errstate(all="ignore"):
        w = e.w - e.learning_rate * e.gradient[0]
        b = e.b - e.learning_rate * e.gradient[1]
        cost, dw, db = propagate(w, b, e.X, e.Y, e.loss)
        finite = (math.isfinite(cost) and math.isfinite(b) and np.all(np.isfinite(w))
                  and np.all(np.isfinite(dw)) and math.isfinite(db))
    assert not finite, "diverged although the next step is finite"
