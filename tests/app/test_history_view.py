"""The history view (the slider under the cost curve), driven as a teacher would: step
the run, drag the slider back, then do something else, and read what the window says.

What it says about the run must be true at every step: the step viewed with its own
numbers (J, ‖dw‖, the step's length, the penalty), and after any change of the run the
live run again, never a step that no longer exists.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtGui, QtWidgets

from app import frame
from core import Session
from core.regime import sig3

from .driver import find, load_preset
from .test_lecture import open_slide, text


def press_step(window, n):
    for _ in range(n):
        window.controls.step.click()


def step_back(window):
    act = next(a for a in window.actions() if a.objectName() == "actionStepBack")
    assert isinstance(act, QtGui.QAction)
    act.trigger()


def readout(window):
    st = window.status
    return {"state": st.state.text(), "iteration": st.iteration.text(), "J": st.cost.text(),
            "dw": st.grad_norm.text(), "P": st.likelihood.text()}


def view_step_28_of_30(qtbot, window):
    load_preset(qtbot, window, "Overlapping blobs")
    press_step(window, 30)
    window.scrub.setValue(window.scrub.maximum() - 2)  # drag the slider back to step 28
    assert window.status.state.text() == "Viewing step 28 of 30"
    assert window.scrub_label.text() == "Viewing step 28"


def assert_live(window):
    """The window shows the live run: its numbers, the slider at its live end."""
    s = window.controller.session
    st = window.status
    assert not st.state.text().startswith("Viewing"), st.state.text()
    assert window.scrub_label.text() == "History: live"
    assert window.scrub.value() == window.scrub.maximum()
    assert st.iteration.text() == f"Step {s.iteration:,}"
    if s.m == 0:
        assert st.cost.text() == "J = —"
        assert st.likelihood.text().endswith("—"), st.likelihood.text()
    else:
        assert st.cost.text() == f"J = {s.cost:.6g}"
        assert st.grad_norm.text().startswith(f"‖dw‖ = {sig3(s.grad_norm)} ")


def test_stepping_back_past_the_step_viewed_shows_the_live_run(qtbot, window):
    load_preset(qtbot, window, "Overlapping blobs")
    press_step(window, 24)
    at_24 = readout(window)
    press_step(window, 6)
    window.scrub.setValue(window.scrub.maximum() - 2)
    assert window.status.state.text() == "Viewing step 28 of 30"
    for _ in range(6):
        step_back(window)
    assert_live(window)
    now = readout(window)
    for key in ("iteration", "J", "dw", "P"):  # what it said when the run was at step 24
        assert now[key] == at_24[key], (key, now[key], at_24[key])


def _add_point(window):
    window.controller.add_point(0.0, 0.0, 1)


ACTIONS = {
    "step": lambda window: window.controls.step.click(),
    "step back": step_back,  # step 28 is still in the history: the run changed all the same
    "add a point": _add_point,
    "clear": lambda window: window.controls.clear.click(),
    "new α": lambda window: window.controls.learning_rate_value.setValue(0.05),
    "landscape click": lambda window: window.landscape.view_box.clicked.emit(0.5, -0.5),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_any_change_of_the_run_leaves_the_history_view(qtbot, window, action):
    view_step_28_of_30(qtbot, window)
    ACTIONS[action](window)
    assert window.controller.last_frame.shown.scrubbed is False
    assert_live(window)


def test_clear_while_viewing_a_step_says_no_data(qtbot, window):
    view_step_28_of_30(qtbot, window)
    window.controls.clear.click()
    st = window.status
    assert "Viewing" not in st.state.text()
    assert st.cost.text() == "J = —"
    assert st.likelihood.text() == "P(labels) = —"
    assert window.controller.session.regime().word == "no data"


def test_a_pause_keeps_the_step_viewed(qtbot, window):
    """Dragging the slider while the run plays pauses it and shows that step."""
    c = window.controller
    load_preset(qtbot, window, "Overlapping blobs")
    press_step(window, 30)
    c.set_playing(True)
    window.scrub.setValue(3)
    assert not c.playing
    assert window.status.state.text().startswith("Viewing step 3 of ")
    assert window.scrub.value() == 3


def test_the_step_viewed_shows_its_own_gradient_and_step_length(qtbot, window):
    load_preset(qtbot, window, "Overlapping blobs")
    panel = open_slide(qtbot, window, 3)  # the stopping tests: ‖dw‖ and ‖Wᵗ⁺¹ − Wᵗ‖
    press_step(window, 3)
    at_3 = (readout(window), text(panel, "stopGradNorm"), text(panel, "stopStepNorm"))
    press_step(window, 27)
    window.scrub.setValue(3)  # entries 0 … 30: the fourth is step 3
    assert window.status.state.text() == "Viewing step 3 of 30"
    now = (readout(window), text(panel, "stopGradNorm"), text(panel, "stopStepNorm"))
    for key in ("iteration", "J", "dw", "P"):
        assert now[0][key] == at_3[0][key], (key, now[0][key], at_3[0][key])
    assert now[1] == at_3[1]
    assert now[2] == at_3[2]
    # Step 0 had no step before it: the slide says so, and invents nothing.
    window.scrub.setValue(0)
    assert "no step yet" in text(panel, "stopStepNorm") or "not recorded" in text(
        panel, "stopStepNorm")


def test_the_step_viewed_shows_its_own_data_loss_and_penalty(qtbot, window):
    load_preset(qtbot, window, "Overlapping blobs")
    panel = open_slide(qtbot, window, 6)
    find(panel, "featuresLambda", QtWidgets.QDoubleSpinBox).setValue(1.0)
    press_step(window, 3)
    split_at_3 = text(panel, "featuresSplit")
    panel = open_slide(qtbot, window, 8)
    likelihood_at_3 = text(panel, "likelihoodTotal")
    assert "penalty" in likelihood_at_3
    press_step(window, 20)
    window.scrub.setValue(3)
    assert window.status.state.text() == "Viewing step 3 of 23"
    assert text(panel, "likelihoodTotal") == likelihood_at_3
    panel = open_slide(qtbot, window, 6)
    assert text(panel, "featuresSplit") == split_at_3


def test_a_race_shows_the_gradient_of_the_lane_whose_J_it_shows(qtbot, window):
    c = window.controller
    load_preset(qtbot, window, "Overlapping blobs")
    window.controls.race_group.setChecked(True)  # the race starts running
    window.controls.play_pause.click()  # pause it
    assert c.race is not None and not c.playing
    press_step(window, 25)
    st = window.status
    lanes = [lane for lane in c.race.lanes if st.cost.text() == f"J = {lane.engine.cost:.6g}"]
    assert lanes, st.cost.text()
    assert any(st.grad_norm.text().startswith(f"‖dw‖ = {sig3(lane.engine.grad_norm)} ")
               for lane in lanes), st.grad_norm.text()


def test_a_frame_never_shows_an_entry_the_history_does_not_hold():
    rng = np.random.default_rng(0)
    pts = rng.normal(size=(40, 2))
    s = Session(pts, (pts[:, 0] > 0).astype(float), learning_rate=0.5)
    s.step(30)
    it, cost, thetas = s.history.joined()
    entry = (int(it[28]), float(cost[28]), thetas[28].copy())
    f = frame.take(s, version=0, playing=False, scrubbed=entry)
    assert f.shown.scrubbed and f.shown.iteration == 28
    assert f.grad_norm == pytest.approx(s.history.recent_grad_norms(64)[28])
    for _ in range(6):
        s.step_back()
    f = frame.take(s, version=1, playing=False, scrubbed=entry)
    assert not f.shown.scrubbed and f.shown.iteration == 24
    assert not f.headline.startswith("Viewing")
    s.step(4)  # step 28 again: still shown only as the same entry
    s.set_points(np.zeros((0, 2)), np.zeros(0))
    f = frame.take(s, version=2, playing=False, scrubbed=entry)
    assert not f.shown.scrubbed and f.m == 0


def test_a_step_before_the_points_were_edited_is_not_joined_to_todays_points(qtbot, window):
    """Its J was computed on the points of that time: P(labels) = exp(−m·J) with
    today's m would be a number no data ever had."""
    load_preset(qtbot, window, "Overlapping blobs")
    press_step(window, 10)
    at_10 = readout(window)
    press_step(window, 10)
    _add_point(window)  # a student calls out one more point
    press_step(window, 5)
    window.scrub.setValue(10)  # the slider back to step 10, before the edit
    assert window.status.state.text() == "Viewing step 10 of 25"
    now = readout(window)
    assert now["J"] == at_10["J"], "the step's own J, as recorded then"
    assert now["P"] == "P(labels) = —", now["P"]
    assert "before the points were edited" in window.status.explanation.text()

    window.scrub.setValue(window.scrub.maximum() - 1)  # step 24: after the edit
    assert window.status.state.text() == "Viewing step 24 of 25"
    assert readout(window)["P"].startswith("P(labels) = exp(−m·J) = "), readout(window)["P"]
    assert "edited" not in window.status.explanation.text()
