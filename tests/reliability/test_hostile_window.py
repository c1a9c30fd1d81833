"""Hostile numbers: property tests over the live window.

Coordinates from 0 to ±1e300 (and subnormals), duplicated points, a single
point, one class only, all points identical, α from 1e-12 to 1e12, ε from 0
to 1, features switched mid-run, in a fresh window per example driven through
its controller and real clicks; then every corner case through a real CSV
file, and no data at all.  For each: no exception (slots and paint included),
no RuntimeWarning (pytest runs with warnings as errors), no NaN or inf in any
plot item, the state word on screen agrees with the engine, the cost curve
still draws with the log scale on, and one class only or no data gets an
explanation.  The same numbers in the core: ``test_hostile_numbers.py``; the
strategies: ``hostile.py``.

``LOGITLAB_HOSTILE_EXAMPLES`` multiplies the number of examples (CI: 1).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6 import QtWidgets

from .conftest import stop_window
from .hostile import GUI_EXAMPLES, coordinates, data_sets, learning_rates, tolerances
from .support import (
    WarningLog,
    click,
    cost_log_drawable,
    count,
    non_finite_plot_data,
    plot_arrays_walked,
    stale_playing,
    state_problems,
)


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
