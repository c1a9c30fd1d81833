"""Predict, then run: the bundled lecture driven from the keyboard and the mouse, as a
teacher and a class would (issue 15)."""

from __future__ import annotations

import pytest
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import Qt

from app.script_menu import LECTURE, StepDialog
from core import script as sc
from core.lesson import read_lesson

from .driver import find
from .test_points import real_click

ALT = Qt.KeyboardModifier.AltModifier


def trigger(window, name):
    action = window.findChild(QtGui.QAction, name)
    assert action is not None, name
    action.trigger()


def key(qtbot, window, k, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, k, modifiers)
    qtbot.wait(5)


def bar_text(window, name):
    return find(window, name, QtWidgets.QLabel).text()


def wait_verdict(qtbot, player):
    qtbot.waitUntil(lambda: player.verdict is not None, timeout=30_000)
    return player.verdict


def go_to(qtbot, window, title_start):
    player = window.script_player
    for _ in range(len(player.script)):
        if player.step.title.startswith(title_start):
            return player
        key(qtbot, window, Qt.Key.Key_N)
    raise AssertionError(f"no step {title_start!r}")


def test_the_lecture_is_presented_with_predictions_and_verdicts(qtbot, window):
    trigger(window, "actionPresentLecture")
    player = window.script_player
    assert len(player.script) >= 10
    assert sum(s.question is not None for s in player.script.steps) >= 5
    assert find(window, "scriptBar", QtWidgets.QDockWidget).isVisible()
    assert bar_text(window, "scriptStep").startswith("Step 1 / ")
    assert "σ" in bar_text(window, "scriptCaption")
    # The teacher's notes are not on the class's screen, only in their own window.
    notes = player.script.steps[0].notes
    assert notes not in bar_text(window, "scriptCaption")
    assert not window.teacher_notes.isVisible()
    key(qtbot, window, Qt.Key.Key_T)
    assert window.teacher_notes.isVisible() and notes in window.teacher_notes.text.text()
    key(qtbot, window, Qt.Key.Key_T)
    window.activateWindow()
    qtbot.wait(5)

    # Step 2: J after 200 steps — Play is held until the class has answered.
    key(qtbot, window, Qt.Key.Key_N)
    assert player.index == 1 and player.question.kind == sc.COST_AT
    assert "Predict:" in bar_text(window, "scriptQuestion")
    key(qtbot, window, Qt.Key.Key_Space)  # Play
    qtbot.waitUntil(lambda: not window.controller.playing, timeout=2_000)
    assert window.controller.session.iteration == 0
    assert "Predict first" in bar_text(window, "scriptVerdict")
    key(qtbot, window, Qt.Key.Key_V)  # Reveal without an answer does nothing
    assert player.state == "asking" and player.verdict is None
    key(qtbot, window, Qt.Key.Key_2, ALT)  # "Below"
    assert player.answer == sc.BELOW
    assert find(window, "scriptAnswer2", QtWidgets.QPushButton).isChecked()
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    assert verdict.verdict == sc.RIGHT, verdict.reason
    assert window.controller.session.iteration >= 200
    assert "After 200 steps J =" in bar_text(window, "scriptVerdict")

    # Step 3: draw the line with two real clicks; they draw, they add no point.
    key(qtbot, window, Qt.Key.Key_N)
    assert player.question.kind == sc.BOUNDARY and player.drawing.kind == "line"
    m = len(window.controller.session.points)
    real_click(qtbot, window, 0.0, 3.0)
    assert player.answer is None  # one click is not a line yet
    real_click(qtbot, window, 3.0, 0.0)
    assert len(window.controller.session.points) == m
    assert player.answer[0] == "line"
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    assert verdict.verdict == sc.RIGHT, verdict.reason
    assert "°" in verdict.reason and "✔ Right" in bar_text(window, "scriptVerdict")
    # The prediction stays drawn beside the learnt boundary; clicks add points again.
    assert len(player.drawing.curve.getData()[0]) == 2
    real_click(qtbot, window, 1.0, 1.0)
    assert len(window.controller.session.points) == m + 1

    # Step 4: the circle — the teacher skips the question; the run still shows.
    key(qtbot, window, Qt.Key.Key_N)
    assert player.drawing.kind == "circle"
    key(qtbot, window, Qt.Key.Key_K)
    verdict = wait_verdict(qtbot, player)
    assert verdict.verdict == "" and "No prediction" in verdict.reason

    # "α too large": pick Oscillate, reveal, read the verdict.
    go_to(qtbot, window, "α too large")
    key(qtbot, window, Qt.Key.Key_3, ALT)
    assert player.answer == sc.OSCILLATE
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    assert verdict.verdict == sc.RIGHT, verdict.reason
    assert "oscillat" in bar_text(window, "scriptVerdict").lower()

    # The race: pick the middle lane (the lecture's "just right").
    go_to(qtbot, window, "Race")
    key(qtbot, window, Qt.Key.Key_2, ALT)
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    assert verdict.verdict == sc.RIGHT, verdict.reason
    # Back with P, and on to the end.
    key(qtbot, window, Qt.Key.Key_P)
    assert player.step.title == "α too small" and player.verdict is None
    for _ in range(len(player.script)):
        key(qtbot, window, Qt.Key.Key_N)
    assert player.index == len(player.script) - 1
    assert player.step.title == "Maximum likelihood"


def test_steps_are_added_edited_and_saved_with_the_lesson(qtbot, window, tmp_path):
    trigger(window, "actionPresentLecture")
    player = window.script_player
    n = len(player.script)
    dialog = StepDialog(window)
    qtbot.addWidget(dialog)
    dialog.title.setText("My own step")
    dialog.caption.setPlainText("For the class")
    dialog.notes.setPlainText("For me")
    dialog.kind.setCurrentIndex(2)  # regime
    dialog.steps.setValue(30)
    step = dialog.result_step(window.controller.lesson())
    assert step.question == sc.Question("regime", steps=30)
    steps = list(player.script.steps)
    steps.insert(1, step)
    player.start(sc.Script(steps), 1)
    assert bar_text(window, "scriptCaption") == "For the class"
    path = tmp_path / "mine.logitlab.json"
    assert window.files.save_to(path)
    back = read_lesson(path)
    assert len(back.script) == n + 1
    assert back.script.steps[1].title == "My own step"
    assert back.script.steps[1].notes == "For me"
    # Open it again from File ▸ Open: the script starts at its first step.
    player.start(None)
    assert not find(window, "scriptBar", QtWidgets.QDockWidget).isVisible()
    assert window.files.open_path(str(path))
    window.files.wait_for_read()
    qtbot.waitUntil(lambda: player.script is not None, timeout=5_000)
    assert len(player.script) == n + 1 and player.index == 0


@pytest.mark.parametrize("bad_lanes", ["0.1", "x"])
def test_the_step_editor_says_what_is_wrong(qtbot, window, bad_lanes):
    dialog = StepDialog(window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(3)  # race
    dialog.lanes.setText(bad_lanes)
    dialog.accept()
    assert dialog.problem.text()
    assert not LECTURE.name.startswith("x")


@pytest.mark.parametrize("typed", ["0.1,1,10", "0.1, 1, 10", "0,1; 1; 10"])
def test_the_step_editor_reads_lanes_as_typed(qtbot, window, typed):
    """"0.1,1,10" was read as the number "0.1.1.10": "could not convert string to float"."""
    dialog = StepDialog(window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(3)  # race
    dialog.lanes.setText(typed)
    assert dialog.question().lanes == (0.1, 1.0, 10.0)


def test_the_step_editor_speaks_its_own_words(qtbot, window):
    """"What will this α do?" with N left at its default was refused as "a regime question
    needs steps ≥ 1": N defaulted to 0, and the message used the file's names."""
    dialog = StepDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.steps.text() == "until descent stops"  # what 0 means for the others
    dialog.kind.setCurrentIndex(2)  # regime
    assert dialog.steps.value() >= 1
    assert dialog.question().kind == "regime"
    dialog.steps.setValue(0)
    dialog.accept()
    problem = dialog.problem.text()
    assert "“What will this α do?”" in problem and "Steps before judging (N)" in problem
    assert "regime" not in problem
    dialog.kind.setCurrentIndex(3)  # race
    dialog.lanes.setText("0.1, fast")
    dialog.accept()
    assert dialog.problem.text().startswith("“Lanes (race)”: 'fast' is not a number")


def test_the_teachers_notes_name_the_question_in_the_editors_words(qtbot, window):
    """The notes read "Question (cost_at): …", the file's key, not a word of the app."""
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "Maximum likelihood")  # step 12: J after N steps
    assert player.step.question.kind == sc.COST_AT
    text = window.teacher_notes.text.text()
    assert "Question (After N steps, J above or below a value?)" in text, text
    assert "cost_at" not in text


def test_step_and_play_wait_for_the_prediction(qtbot, window):
    """While a question is open, neither Play nor Step (→) runs descent (issue 15)."""
    from app import script_player as sp

    window.preset_menu.load(2)
    player = window.script_player
    c = window.controller
    player.state = sp.ASKING
    before = c.session.iteration
    c.step_once()
    c.set_playing(True)
    assert c.session.iteration == before and not c.playing
    assert "Predict first" in window.statusBar().currentMessage()
    player.state = sp.IDLE
    c.step_once()
    assert c.session.iteration == before + 1


def test_a_run_that_stops_before_the_question_s_steps_says_where_it_stopped(qtbot, window):
    """Step 12 asks for J after 300 steps; descent meets ‖dw‖ ≤ ε well before. The
    verdict said "After 300 steps J = 0.36" though only ~127 steps were taken."""
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "Maximum likelihood")
    assert player.question.kind == sc.COST_AT and player.question.steps == 300
    key(qtbot, window, Qt.Key.Key_2, ALT)  # "Below"
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    s = window.controller.session
    assert s.converged and s.iteration < 300
    taken = f"{s.iteration:,} steps"
    assert f"Descent stopped after {taken}: J = {s.cost:.3g}" in verdict.reason, verdict.reason
    assert "After 300 steps" not in bar_text(window, "scriptVerdict")


def _reveal_step_6(qtbot, window):
    """Step 6 (α = 21, judged after 60 steps, slowed to show each overshoot): answered
    and revealed, a few steps in."""
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "α too large")
    key(qtbot, window, Qt.Key.Key_1, ALT)
    key(qtbot, window, Qt.Key.Key_V)
    assert player.state == "running"
    start = player._start_iteration
    qtbot.waitUntil(lambda: window.controller.session.iteration >= start + 3, timeout=10_000)
    return player, start


@pytest.mark.parametrize("leave", [Qt.Key.Key_N, Qt.Key.Key_P], ids=["N", "P"])
def test_leaving_a_step_while_it_is_revealed_judges_nothing(qtbot, window, leave):
    """N during "Running…" showed "LogitLab hit a bug" over step 7; P opened step 5's
    neighbour with a verdict of a run nobody made."""
    from tests.classroom.support import message_boxes

    player, _ = _reveal_step_6(qtbot, window)
    index = player.index
    key(qtbot, window, leave)
    qtbot.wait(200)
    assert player.index == index + (1 if leave == Qt.Key.Key_N else -1)
    assert player.verdict is None, player.verdict
    assert not message_boxes(window, "errorDialog")
    assert player.state in ("asking", "showing")


def test_a_reveal_paused_midway_waits_and_is_judged_after_its_n_steps(qtbot, window):
    """Space after 23 of 60 steps ended the reveal: "After 60 steps J = 0.454" was J
    of step 23, held flat by the interpolation."""
    player, start = _reveal_step_6(qtbot, window)
    c = window.controller
    key(qtbot, window, Qt.Key.Key_Space)  # pause
    qtbot.waitUntil(lambda: not c.playing, timeout=5_000)
    qtbot.wait(300)
    assert player.verdict is None and player.state == "running"
    assert bar_text(window, "scriptVerdict").startswith("Paused after "), \
        bar_text(window, "scriptVerdict")
    key(qtbot, window, Qt.Key.Key_Space)  # go on
    verdict = wait_verdict(qtbot, player)
    assert c.session.iteration >= start + 60, (c.session.iteration, verdict.reason)


def test_a_race_verdict_names_the_lanes_fate_as_the_race_panel_does(qtbot, window):
    """Picked α = 21: "α = 21 had not reached ε yet" beside the panel's "α = 21 still
    bouncing at step 127: cannot win"."""
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "Race")
    key(qtbot, window, Qt.Key.Key_3, ALT)  # α = 21
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    assert "α = 21 still bouncing" in verdict.reason and "cannot win" in verdict.reason, \
        verdict.reason
    assert "had not reached ε yet" not in verdict.reason


def test_a_dragged_j_line_is_the_j_the_question_asks_about(qtbot, window):
    """Dragged to 0.005, the line was judged, while the question still asked about 0.1:
    "Below" (right for 0.1) was marked wrong against a number nobody was asked."""
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "Squared error")
    assert "above or below 0.1?" in bar_text(window, "scriptQuestion")
    player.drawing.threshold.setValue(0.005)
    qtbot.wait(10)
    question = bar_text(window, "scriptQuestion")
    assert "above or below 0.005?" in question and "moved from 0.1" in question, question
    key(qtbot, window, Qt.Key.Key_1, ALT)  # "Above"
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    assert "0.005" in verdict.reason and "0.005" in bar_text(window, "scriptQuestion")


def test_after_n_steps_the_screen_shows_step_n(qtbot, window):
    """Revealed, step 2 stopped at step 238–264 (descent runs between frames): "step 255
    J = 0.01262" on the strip beside "After 200 steps J = 0.0144"."""
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "Squared error")
    key(qtbot, window, Qt.Key.Key_1, ALT)
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    frame = window.controller.refresh()
    assert frame.shown.iteration == player._start_iteration + 200, frame.shown.iteration
    its, _, _ = window.controller.session.history.joined()
    assert its[window.scrub.value()] == frame.shown.iteration, "the slider is not at the step"
    assert f"J = {frame.shown.cost:.3g}" in verdict.reason, (frame.shown.cost, verdict.reason)


def test_a_skipped_question_shows_no_prediction_and_the_runs_own_words(qtbot, window):
    """K after a drawn line left "your prediction" on the plot beside "No prediction",
    and the verdict quoted the status's "Paused — " before the run's headline."""
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "Decision boundary")
    left = Qt.MouseButton.LeftButton
    player.drawing.click(0.5, 2.0, left)
    player.drawing.click(2.5, 0.5, left)
    assert player.drawing.clicks
    key(qtbot, window, Qt.Key.Key_K)
    verdict = wait_verdict(qtbot, player)
    assert verdict.reason.startswith("No prediction. The run: ")
    assert "Paused" not in verdict.reason and "Running:" not in verdict.reason, verdict.reason
    assert player.drawing.clicks == [], "the skipped prediction is still drawn"


def test_the_verdict_quotes_the_boundary_as_the_equation_bar_does(qtbot, window):
    """The verdict said "x1 + x2 ≥ 2.9" under the bar's "x1 + 0.982·x2 ≥ 2.94"."""
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "Decision boundary")
    left = Qt.MouseButton.LeftButton
    player.drawing.click(0.0, 3.0, left)
    player.drawing.click(3.0, 0.0, left)
    key(qtbot, window, Qt.Key.Key_V)
    verdict = wait_verdict(qtbot, player)
    window.controller.refresh()
    bar = window.equations.boundary.text()
    shown = bar.split(" if ", 1)[-1].strip()
    assert shown in verdict.reason, (shown, verdict.reason)


def test_a_reveal_until_descent_stops_ends_once_the_run_bounces_for_good(qtbot, window):
    """A boundary question with no step count on a run that oscillates ran its 5,000
    steps at 12 a second: seven minutes of "Running…" in front of the class."""
    from app import script_player as sp
    from core.demonstrations import KEYS, OSCILLATE, demonstrations

    lesson = dict(zip(KEYS, demonstrations()))[OSCILLATE]
    step = sc.Step.from_lesson(lesson, title="Bouncing",
                               question=sc.Question("boundary", steps=0))
    player = window.script_player
    player.start(sc.Script([step]))
    player.drawing.click(-1.0, -1.0, Qt.MouseButton.LeftButton)
    player.drawing.click(1.0, 1.0, Qt.MouseButton.LeftButton)
    key(qtbot, window, Qt.Key.Key_V)
    c = window.controller
    c.set_playing(False)  # stepped by hand below, not at the slowed pace
    for _ in range(sp.BOUNCING_REVEAL_STEPS + 20):
        if player.state != "running":
            break
        c.step_once()
    verdict = wait_verdict(qtbot, player)
    assert c.session.iteration <= sp.BOUNCING_REVEAL_STEPS + 20, c.session.iteration
    assert verdict.reason


def test_undo_during_a_step_stops_at_the_steps_start(qtbot, window):
    """Ctrl+Z during step 4's question brought back step 3's linear data while "Draw the
    circle" stayed open.  Edits made in the step still undo; closing the script lets
    Undo go back past the lecture."""
    c = window.controller
    before = c.session.points.copy()
    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "The circle")
    circle = c.session.points.copy()
    c.add_point(0.3, 0.4, 1)
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(c.session.points) == len(circle), "the step's own edit undoes"
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert c.session.points.tolist() == circle.tolist(), "undo left the step's data"
    assert player.state == "asking" and "Undo stops" in window.statusBar().currentMessage()
    trigger(window, "actionScriptClose")
    assert c.undo_floor is None
    while c.undo_stack.canUndo():
        c.undo()
    assert c.session.points.tolist() == before.tolist()
