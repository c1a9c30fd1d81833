"""Hostile numbers: property tests over the core model and the live window.

Coordinates from 0 to ±1e300 (and subnormals), duplicated points, a single
point, one class only, all points identical, α from 1e-12 to 1e12, ε from 0
to 1, features switched mid-run.  For each: no exception, no RuntimeWarning
(pytest runs with warnings as errors), no NaN or inf in any plot item, the
state word on screen agrees with the engine, the cost curve still draws with
the log scale on, and one class only or no data gets an explanation.

``LOGITLAB_HOSTILE_EXAMPLES`` multiplies the number of examples (CI: 1).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6 import QtWidgets

from core import Session
from core.regime import (CONVERGED, DIVERGED, DIVERGING, NO_DATA, ONE_CLASS, OSCILLATING, WORDS,
                         judge)
from core.features import LINEAR, QUADRATIC, TERMS

from .conftest import stop_window
from .support import (
    WarningLog,
    click,
    cost_log_drawable,
    count,
    env_number,
    non_finite_plot_data,
    plot_arrays_walked,
    stale_playing,
    state_problems,
)

SCALE = env_number("LOGITLAB_HOSTILE_EXAMPLES", 1)
CORE_EXAMPLES = max(1, round(250 * SCALE))
GUI_EXAMPLES = max(1, round(30 * SCALE))

SPECIAL = [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, -1e-300, 1e-150,
           1.0, -1.0, 1e150, -1e150, 1e300, -1e300, 3.0, -2.5]


def coordinates():
    return st.one_of(
        st.sampled_from(SPECIAL),
        st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False, allow_subnormal=True),
        st.floats(-10, 10, allow_nan=False),
        # log-uniform magnitudes, so 1e-300 … 1e300 are all as likely as 1 … 10
        st.builds(lambda s, e, f: s * f * 10.0**e, st.sampled_from([-1.0, 1.0]),
                  st.integers(-300, 299), st.floats(1, 9.99)),
    )


@st.composite
def data_sets(draw, min_size=0, max_size=12):
    """(points (m, 2), labels (m,), kind): every hostile shape of training set."""
    kind = draw(st.sampled_from(["random", "duplicated", "single", "one class", "identical",
                                 "empty", "random"]))
    if kind == "empty":
        return np.zeros((0, 2)), np.zeros(0, dtype=int), kind
    m = 1 if kind == "single" else draw(st.integers(max(min_size, 2), max_size))
    if kind == "identical":
        xy = [draw(coordinates()), draw(coordinates())]
        points = np.array([xy] * m, dtype=float)
    else:
        points = np.array([[draw(coordinates()), draw(coordinates())] for _ in range(m)])
    if kind == "duplicated":
        idx = draw(st.lists(st.integers(0, m - 1), min_size=m, max_size=m))
        points = points[idx]
    if kind == "one class":
        labels = np.full(m, draw(st.sampled_from([0, 1])))
    else:
        labels = np.array(draw(st.lists(st.sampled_from([0, 1]), min_size=m, max_size=m)))
    return points, labels, kind


def learning_rates():
    """α log-uniform over 1e-12 … 1e12, plus the ends."""
    return st.one_of(
        st.sampled_from([1e-12, 1e-6, 1e-4, 0.5, 100.0, 1e6, 1e12]),
        st.builds(lambda e, f: min(max(f * 10.0**e, 1e-12), 1e12), st.integers(-12, 11),
                  st.floats(1, 9.99)),
    )


def tolerances():
    return st.one_of(
        st.sampled_from([0.0, 1.0, 1e-4, 5e-324]),
        st.floats(0, 1, allow_nan=False, allow_subnormal=True),
        st.builds(lambda e: 10.0**e, st.integers(-16, 0)),
    )


def term_sets():
    return st.one_of(
        st.sampled_from([LINEAR, QUADRATIC, ("x1", "x2", "x1^2", "x2^2")]),
        st.sets(st.sampled_from(TERMS), min_size=1).map(
            lambda s: tuple(t for t in TERMS if t in s)),
    )


def operations():
    return st.lists(st.one_of(
        st.tuples(st.just("step"), st.integers(1, 300)),
        st.tuples(st.just("terms"), term_sets()),
        st.tuples(st.just("standardize"), st.booleans()),
        st.tuples(st.just("alpha"), learning_rates()),
        st.tuples(st.just("tol"), tolerances()),
        st.tuples(st.just("add"), st.tuples(coordinates(), coordinates()), st.sampled_from([0, 1])),
        st.tuples(st.just("delete"), st.integers(0, 100)),
        st.tuples(st.just("loss"), st.sampled_from(["cross_entropy", "squared_error"])),
        st.tuples(st.just("back")),
        st.tuples(st.just("reset")),
    ), min_size=1, max_size=8)


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
    if s.m and len(classes) == 1:  # converged and diverged are said before one class
        assert state in (ONE_CLASS, CONVERGED, DIVERGED), state
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


# -- the live window -----------------------------------------------------------------------


def settle():
    QtWidgets.QApplication.processEvents()


def check_window(window, where, log):
    settle()
    warned = log.take()
    assert not warned, f"{where}: warnings: {warned}"
    raised = log.exceptions()  # reported here, with the example that raised it
    assert not raised, f"{where}: exception in a slot or paint:\n" + "\n".join(raised)
    bad = non_finite_plot_data(window)
    assert not bad, f"{where}: non-finite data in plot items: {bad}"
    # Descent runs on in its worker: hold it for one frame, and judge the state that
    # frame shows (the window is checked against core at the same step).
    c = window.controller
    with c.worker.access(changes=False):
        c.refresh()
        problems = state_problems(window)
    assert not problems, f"{where}: {problems}"


def gui_operations():
    return st.lists(st.one_of(
        st.tuples(st.just("play"), st.integers(1, 6)),
        st.tuples(st.just("feature"), st.sampled_from(["featureLinear", "featureQuadratic",
                                                       "termX1Sq", "termX1X2", "termX2Sq"])),
        st.tuples(st.just("standardize")),
        st.tuples(st.just("alpha"), learning_rates()),
        st.tuples(st.just("tol"), tolerances()),
        st.tuples(st.just("add"), st.tuples(coordinates(), coordinates()), st.sampled_from([0, 1])),
        st.tuples(st.just("undo")),
        st.tuples(st.just("step")),
        st.tuples(st.just("back")),
        st.tuples(st.just("tab"), st.integers(0, 3)),
        st.tuples(st.just("scrub"), st.floats(0, 1)),
        st.tuples(st.just("lower alpha")),
    ), min_size=2, max_size=10)


@settings(max_examples=GUI_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=data_sets(), alpha=learning_rates(), tol=tolerances(), quadratic=st.booleans(),
       ops=gui_operations())
def test_live_window_survives_hostile_numbers(qtbot, excepthook, data, alpha, tol, quadratic,
                                              ops):
    # A fresh window per example (as a fresh start of the app): examples are independent,
    # so what hypothesis reports as the failing case really is one.
    from app import create_main_window

    window = create_main_window()
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    try:
        with WarningLog(excepthook) as log:
            run_hostile_example(window, log, data, alpha, tol, quadratic, ops)
    finally:
        stop_window(window)
        window.deleteLater()


def run_hostile_example(window, log, data, alpha, tol, quadratic, ops):
    points, labels, kind = data
    count("hostile inputs tried (live window)")
    c = window.controller
    controls = window.controls
    # Loaded as a CSV import loads them: undoable, then the view fits the points.
    c.replace_points(points, labels, f"hostile {kind}")
    c.set_view(None)
    click(controls.feature_quadratic if quadratic else controls.feature_linear)
    c.set_learning_rate(alpha)
    controls.tolerance.setValue(tol)
    if not controls.cost_log.isChecked():
        click(controls.cost_log)
    check_window(window, f"after loading {kind} data", log)
    for op in ops:
        name = op[0]
        if name == "play":
            c.set_playing(True)
            for _ in range(op[1]):
                c.tick()
                assert not stale_playing(window), stale_playing(window)
        elif name == "feature":
            c.set_playing(True)  # switched mid-run
            c.tick()
            click(window.findChild(QtWidgets.QAbstractButton, op[1]))
            c.tick()
        elif name == "standardize":
            click(controls.standardize)
        elif name == "alpha":
            c.set_learning_rate(op[1])
        elif name == "tol":
            controls.tolerance.setValue(op[1])
        elif name == "add":
            c.add_point(*op[1], op[2])
        elif name == "undo":
            c.undo_stack.undo()  # (undoing the load gives the empty window)
        elif name == "step":
            click(controls.step)
        elif name == "back":
            c.step_back()
        elif name == "tab":
            window.tabs.setCurrentIndex(op[1])
        elif name == "scrub":
            window.scrub.setValue(round(op[1] * window.scrub.maximum()))
        elif name == "lower alpha" and window.status.lower_alpha.isVisible():
            click(window.status.lower_alpha)
        check_window(window, f"{kind} data, after {op!r}", log)
    c.set_playing(False)
    assert controls.cost_log.isChecked()
    problems = cost_log_drawable(window)
    assert not problems, problems
    assert plot_arrays_walked(window) >= 8, "the plot walk looked at too few items"


# -- deterministic corner cases, through the file route and the real buttons ----------------

CORNERS = {
    "a single point": ([[1.0, 2.0]], [1]),
    "one class only": ([[0.0, 0.0], [1.0, 1.0], [2.0, -1.0]], [0, 0, 0]),
    "all identical": ([[3.0, 3.0]] * 6, [0, 1, 0, 1, 0, 1]),
    "duplicated": ([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [1.0, 1.0]], [0, 1, 0, 1]),
    "at ±1e300": ([[1e300, 1e300], [-1e300, -1e300], [1e300, -1e300], [-1e300, 1e300]],
                  [1, 0, 1, 0]),
    "subnormal": ([[5e-324, 0.0], [0.0, 5e-324], [-5e-324, 0.0], [0.0, -5e-324]], [1, 0, 1, 0]),
    "1e-300 and 1e300 together": ([[1e-300, 1e300], [1e300, 1e-300], [0.0, 0.0], [1.0, -1.0]],
                                  [1, 0, 0, 1]),
}


@pytest.mark.parametrize("alpha", [1e-12, 0.5, 1e12])
@pytest.mark.parametrize("case", list(CORNERS))
def test_corner_cases_through_a_csv_file(window, excepthook, tmp_path, case, alpha):
    """Opened as a CSV, then played, features switched mid-run, log scale on."""
    with WarningLog(excepthook) as log:
        run_corner_case(window, tmp_path, case, alpha, log)


def run_corner_case(window, tmp_path, case, alpha, log):
    from core.lesson import write_csv

    count("hostile inputs tried (live window)")
    points, labels = CORNERS[case]
    path = tmp_path / "hostile.csv"
    write_csv(path, np.array(points, dtype=float), np.array(labels))
    c = window.controller
    assert window.files.open_path(str(path)), window.files.last_problem
    np.testing.assert_array_equal(c.session.points, points)
    c.set_learning_rate(alpha)
    click(window.controls.cost_log)
    check_window(window, f"{case}: opened", log)
    for button in ("featureQuadratic", "termX1X2", "featureLinear", "standardize"):
        c.set_playing(True)
        for _ in range(4):
            c.tick()
            check_window(window, f"{case}: playing", log)
        click(window.findChild(QtWidgets.QAbstractButton, button))
        check_window(window, f"{case}: after {button} mid-run", log)
    assert not cost_log_drawable(window)
    if len(set(labels)) == 1:
        assert "only class" in window.status.explanation.text().lower()


def test_empty_data_explains_itself(window, excepthook):
    count("hostile inputs tried (live window)")
    c = window.controller
    with WarningLog(excepthook) as log:
        click(window.controls.clear)
        click(window.controls.play_pause)
        c.tick()
        check_window(window, "no points", log)
    assert "no data" in window.status.state.text().lower()
    assert "no points" in window.status.explanation.text().lower()
    assert not c.playing, "Play with no data must not run"
