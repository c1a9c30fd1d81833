"""What the window says during a learning-rate race, driven as a teacher would: Ctrl+3
or Ctrl+5, tick Race (α/10, α, 10α), Space.  Every number of the readout is one lane's
at its own step, named as that lane's; each lane's fate is said; a paused race says so."""

from __future__ import annotations

from PySide6 import QtWidgets
from PySide6.QtCore import Qt

from app import status_text
from core.regime import sig3

from .driver import find

CTRL = Qt.KeyboardModifier.ControlModifier


def text(window, name):
    return find(window, name, QtWidgets.QLabel).text()


def preset_key(qtbot, window, digit):
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{digit}"), CTRL)
    qtbot.wait(5)


def start_race(qtbot, window):
    window.controls.race_group.setChecked(True)  # the race starts running
    race = window.controller.race
    assert race is not None and window.controller.playing
    assert [lane.learning_rate for lane in race.lanes] == [0.1, 1.0, 10.0]
    return race


def test_a_finished_race_reads_the_winners_numbers_at_its_own_step(qtbot, window):
    preset_key(qtbot, window, 3)
    c = window.controller
    assert c.session.learning_rate == 1.0
    race = start_race(qtbot, window)
    qtbot.waitUntil(lambda: not c.playing, timeout=60_000)
    assert race.finished and text(window, "stateLabel") == "Race finished"
    win = race.winner()
    assert win.learning_rate == 10.0 and win.converged_at == 21
    assert race.iteration == 2_084  # the race's clock: the slowest lane's step
    e = win.engine
    assert text(window, "iterationLabel") == "Winner α = 10: step 21"
    assert text(window, "costLabel") == f"J = {e.cost:.6g}"
    assert text(window, "gradNormLabel").startswith(f"‖dw‖ = {sig3(e.grad_norm)} ")
    m = c.session.m
    assert text(window, "likelihoodLabel") == status_text.likelihood_text("cross_entropy", m,
                                                                          e.cost)
    assert text(window, "alphaStarLabel").startswith("Lane α = 10   ·   stable below α*")
    assert "α = 1 " not in text(window, "alphaStarLabel")  # not the single run's α
    assert text(window, "raceResult") == (
        "α = 10 reached ‖dw‖ ≤ ε first, in 21 steps; α = 0.1 converged at step 2,084; "
        "α = 1 converged at step 205.")


def test_the_ring_race_says_the_large_alpha_bounces_and_ends(qtbot, window):
    preset_key(qtbot, window, 5)
    c = window.controller
    race = start_race(qtbot, window)
    qtbot.waitUntil(lambda: not c.playing, timeout=60_000)  # it ends by itself
    assert race.finished and text(window, "stateLabel") == "Race finished"
    assert window.controls.race_start.text() == "Replay race"
    result = text(window, "raceResult")
    assert result.startswith("α = 1 reached ‖dw‖ ≤ ε first, in 76 steps;"), result
    assert f"α = 10 still bouncing at step {race.iteration:,}: cannot win." in result, result
    assert text(window, "explanationLabel") == result


def test_a_paused_race_says_it_is_paused(qtbot, window):
    preset_key(qtbot, window, 3)
    c = window.controller
    race = start_race(qtbot, window)
    qtbot.waitUntil(lambda: race.iteration > 5, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.wait(5)
    assert not c.playing and not race.finished
    state = text(window, "stateLabel")
    assert state == f"Race paused at step {race.iteration:,}", state
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.wait(5)
    if c.playing:
        assert text(window, "stateLabel").startswith("Racing: step ")


def test_a_race_question_once_revealed_says_the_race_is_paused(qtbot, window):
    from core import script as sc

    from .test_script_player import key, trigger, wait_verdict

    trigger(window, "actionPresentLecture")
    player = window.script_player
    question = sc.Question("race", lanes=(0.1, 1.0, 10.0), steps=10)  # before anyone wins
    player.start(sc.Script([sc.Step(title="Race", preset="3_blobs", question=question)]), 0)
    key(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    key(qtbot, window, Qt.Key.Key_V)
    wait_verdict(qtbot, player)
    c = window.controller
    race = c.race
    assert race is not None and not c.playing and not race.finished
    assert race.iteration >= 10
    state = text(window, "stateLabel")
    assert state == f"Race paused at step {race.iteration:,}", state


def test_the_lectures_race_question_ends_with_every_lanes_fate(qtbot, window):
    from .test_script_player import go_to, key, trigger, wait_verdict

    trigger(window, "actionPresentLecture")
    player = go_to(qtbot, window, "Race")
    key(qtbot, window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    key(qtbot, window, Qt.Key.Key_V)
    assert wait_verdict(qtbot, player).verdict == "right"
    race = window.controller.race
    assert text(window, "stateLabel") == "Race finished"
    assert text(window, "raceResult") == (
        f"α = 1.6 reached ‖dw‖ ≤ ε first, in 127 steps; α = 0.00064 still crawling at step "
        f"{race.iteration:,}: cannot win; α = 21 still bouncing at step {race.iteration:,}: "
        "cannot win.")


def test_lanes_of_one_fate_are_named_together_and_fit_the_stage_at_1024(qtbot, window):
    """Found by a loaded CI run: on the converged circle, F5, the race companion, all
    three lanes were "separable: no minimum", said lane by lane in four lines where the
    stage at 1024×768 had room for three."""
    from .test_layout import clipped_texts, converged, settle

    window.resize(1024, 768)
    settle(qtbot, window)
    converged(window)
    window.appearance.set_presentation(True)
    settle(qtbot, window)
    window.stage_keys.select("race")
    c = window.controller
    with c.worker.access():
        c.race.step(800)
    c.refresh()
    settle(qtbot, window)
    summary = window.status.explanation.text()
    assert summary == "α = 0.1, 1 and 10 separable: no minimum.", summary
    assert not clipped_texts(window)
    window.appearance.set_presentation(False)


def _visual_lines(label):
    """The lines ``label`` shows: its text word-wrapped to its width, as Qt lays it out."""
    from PySide6 import QtGui

    lines = []
    for paragraph in label.text().split("\n"):
        layout = QtGui.QTextLayout(paragraph, label.font())
        option = QtGui.QTextOption()
        option.setWrapMode(QtGui.QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(label.contentsRect().width())
            lines.append(paragraph[line.textStart():line.textStart() + line.textLength()])
        layout.endLayout()
    return [line.strip() for line in lines]


def test_the_strip_breaks_its_lane_list_between_lanes_at_1024(qtbot, window):
    """F5 at 1024×768: the strip over the data wrapped a lane's words, "… α" at the end
    of one line and "1: J = 0.36" at the start of the next."""
    from .test_layout import race, settle

    window.resize(1024, 768)
    settle(qtbot, window)
    race(window)
    window.appearance.set_presentation(True)
    settle(qtbot, window)
    lines = _visual_lines(window.overlay)[1:]  # the headline, then the lanes
    assert len(lines) >= 2, f"the lanes fit one line here, the test shows nothing: {lines}"
    for line in lines:
        assert line.startswith("α") and not line.endswith("α"), lines
    window.appearance.set_presentation(False)


def test_the_history_slider_is_greyed_while_a_race_has_no_single_run_to_scrub(qtbot, window):
    """A race left "History: live" with the handle at the left end: the single run it
    waits for has one entry, nothing a class could scrub."""
    preset_key(qtbot, window, 3)
    window.controller.set_playing(False)
    window.controller.reset_same()
    assert not window.scrub.isEnabled(), "no step yet: nothing to scrub"
    start_race(qtbot, window)
    qtbot.waitUntil(lambda: window.controller.race.iteration > 5, timeout=10_000)
    window.controller.refresh()
    assert not window.scrub.isEnabled()
    window.controls.race_group.setChecked(False)
    window.controller.step_once()
    window.controller.step_once()
    window.controller.refresh()
    assert window.scrub.isEnabled(), "a run with steps can be scrubbed"
