"""Play, Step, Reset and the learning-rate controls, driven by mouse and keyboard."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import Qt

from .driver import data_plot, data_to_viewport, find, iteration, load_preset, state_text

LEFT = Qt.MouseButton.LeftButton


def button(window, name):
    return find(window, name, QtWidgets.QPushButton)


def alpha_field(window):
    return find(window, "learningRateValue", QtWidgets.QDoubleSpinBox)


def alpha_slider(window):
    return find(window, "learningRate", QtWidgets.QSlider)


def shown_cost(window):
    text = find(window, "costLabel", QtWidgets.QLabel).text()
    match = re.search(r"J = ([-+0-9.e]+)", text.replace("−", "-"))
    assert match, f"no J in {text!r}"
    return float(match.group(1))


def seed_text(window):
    return find(window, "seedLabel", QtWidgets.QLabel).text()


def test_play_until_converged_on_overlapping_blobs(qtbot, window):
    load_preset(qtbot, window, "Overlapping")
    # Fewer steps per frame, so the count can be watched climbing frame by frame.
    spf = find(window, "stepsPerFrame", QtWidgets.QSpinBox)
    spf.setValue(5)
    readings = []
    window.controller.frameDrawn.connect(lambda _s: readings.append(iteration(window)))
    play = button(window, "playPause")
    assert state_text(window) == "ready: no step yet"
    qtbot.mouseClick(play, LEFT)
    assert play.isChecked()
    assert "running" in state_text(window)
    qtbot.waitUntil(lambda: "converged" in state_text(window), timeout=20_000)
    assert not play.isChecked(), "Play pops back up when descent has converged"
    assert not window.controller.timer.isActive()
    assert len(readings) >= 5
    assert readings == sorted(readings) and readings[-1] > readings[0]
    n = iteration(window)
    assert n == readings[-1] > 0
    grad = find(window, "gradNormLabel", QtWidgets.QLabel).text()
    assert "ε" in grad
    accuracy = find(window, "accuracyLabel", QtWidgets.QLabel).text()
    assert "%" in accuracy
    # Converged stays converged: Play does nothing more, the count holds.
    qtbot.mouseClick(play, LEFT)
    qtbot.wait(100)
    assert iteration(window) == n
    assert "converged" in state_text(window)


def test_step_button_and_right_arrow_take_exactly_one_step(qtbot, window):
    load_preset(qtbot, window, "Linear")
    assert iteration(window) == 0
    j0 = shown_cost(window)
    qtbot.mouseClick(button(window, "step"), LEFT)
    assert iteration(window) == 1
    qtbot.mouseClick(button(window, "step"), LEFT)
    assert iteration(window) == 2
    assert shown_cost(window) < j0, "with α = 1 on the linear preset J falls"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert iteration(window) == 3
    assert "paused" in state_text(window)


def test_space_toggles_play(qtbot, window):
    load_preset(qtbot, window, "Linear")
    play = button(window, "playPause")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert play.isChecked()
    assert "paused" not in state_text(window)  # running (this preset soon says "separable")
    start = iteration(window)
    qtbot.waitUntil(lambda: iteration(window) > start + 50, timeout=20_000)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not play.isChecked()
    assert "paused" in state_text(window)
    stopped = iteration(window)
    qtbot.wait(100)
    assert iteration(window) == stopped, "paused means no more steps"


def test_reset_same_init_gives_same_first_cost(qtbot, window):
    load_preset(qtbot, window, "Circle")
    j0 = shown_cost(window)
    seed = seed_text(window)
    for _ in range(20):
        qtbot.mouseClick(button(window, "step"), LEFT)
    assert iteration(window) == 20
    assert shown_cost(window) != j0
    qtbot.mouseClick(button(window, "resetSame"), LEFT)
    assert iteration(window) == 0
    assert shown_cost(window) == j0
    assert seed_text(window) == seed


def test_reset_draws_a_new_init_and_shows_its_seed(qtbot, window):
    load_preset(qtbot, window, "Circle")
    seed = seed_text(window)
    assert re.search(r"randn.*seed \d+", seed), seed
    j0 = shown_cost(window)
    for _ in range(3):
        qtbot.mouseClick(button(window, "step"), LEFT)
    # A new seed is random: allow for the 1-in-10,000 chance of drawing the same one.
    for _ in range(3):
        qtbot.mouseClick(button(window, "reset"), LEFT)
        if seed_text(window) != seed:
            break
    assert seed_text(window) != seed
    assert iteration(window) == 0
    assert shown_cost(window) != j0
    # The shown seed really is the init: Reset-same returns to the same cost.
    j_new = shown_cost(window)
    qtbot.mouseClick(button(window, "step"), LEFT)
    qtbot.mouseClick(button(window, "resetSame"), LEFT)
    assert shown_cost(window) == j_new


def test_slider_and_field_stay_in_sync_on_a_log_scale(qtbot, window):
    slider, field = alpha_slider(window), alpha_field(window)
    controller = window.controller
    # The slider spans 1e-4 … 100 on a log scale.
    slider.setValue(slider.minimum())
    assert field.value() == pytest.approx(1e-4, rel=1e-3)
    slider.setValue(slider.maximum())
    assert field.value() == pytest.approx(100.0)
    assert controller.session.learning_rate == pytest.approx(100.0)
    # Two decades above the bottom: 0.01.
    slider.setValue((slider.minimum() + slider.maximum()) // 2 - 100)
    assert field.value() == pytest.approx(0.01, rel=1e-3)
    # Typing in the field moves the slider to the same α.
    field.setValue(0.5)
    assert controller.session.learning_rate == pytest.approx(0.5)
    lo, hi = slider.minimum(), slider.maximum()
    fraction = (slider.value() - lo) / (hi - lo)
    assert fraction == pytest.approx((math.log10(0.5) + 4) / 6, abs=0.01)
    field.setValue(3.0)
    assert slider.value() > (lo + hi) / 2
    assert controller.session.learning_rate == pytest.approx(3.0)
    # Keyboard on the slider: Home goes to the bottom of the range.
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Home)
    assert field.value() == pytest.approx(1e-4, rel=1e-3)


def test_typing_alpha_in_the_field(qtbot, window):
    field = alpha_field(window)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "0.25")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.controller.session.learning_rate == pytest.approx(0.25)
    assert alpha_slider(window).value() == round(math.log10(0.25) * 100)


def test_page_up_and_down_multiply_alpha_by_three(qtbot, window):
    load_preset(qtbot, window, "Linear")
    field = alpha_field(window)
    start = field.value()
    assert start == pytest.approx(1.0)
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert field.value() == pytest.approx(3.0)
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert field.value() == pytest.approx(9.0)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert field.value() == pytest.approx(1 / 3, abs=1e-6)
    assert window.controller.session.learning_rate == pytest.approx(1 / 3)
    assert alpha_slider(window).value() == round(math.log10(1 / 3) * 100)


def test_changing_alpha_while_running_continues(qtbot, window):
    load_preset(qtbot, window, "Linear")
    qtbot.mouseClick(button(window, "playPause"), LEFT)
    qtbot.waitUntil(lambda: iteration(window) > 100, timeout=20_000)
    alpha_field(window).setValue(0.1)
    before = iteration(window)
    assert before > 100, "a new α must not restart the run"
    qtbot.waitUntil(lambda: iteration(window) > before + 50, timeout=20_000)
    assert button(window, "playPause").isChecked()
    qtbot.mouseClick(button(window, "playPause"), LEFT)


def test_steps_per_frame_reaches_a_thousand(window):
    spf = find(window, "stepsPerFrame", QtWidgets.QSpinBox)
    assert spf.minimum() == 1
    assert spf.maximum() >= 1000
    spf.setValue(1000)
    assert window.controller.steps_per_frame == 1000


def test_clear_while_running_stops_and_undo_brings_points_back(qtbot, window):
    load_preset(qtbot, window, "Linear")
    play = button(window, "playPause")
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: iteration(window) > 10, timeout=20_000)
    qtbot.mouseClick(button(window, "clear"), LEFT)
    qtbot.waitUntil(lambda: not play.isChecked(), timeout=20_000)
    assert "no data" in state_text(window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "no data" not in state_text(window)
    qtbot.mouseClick(play, LEFT)
    assert play.isChecked(), "after undo the run can go on"
    qtbot.mouseClick(play, LEFT)


def test_switching_features_while_running_restarts_and_keeps_running(qtbot, window):
    load_preset(qtbot, window, "Circle")
    play = button(window, "playPause")
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: iteration(window) > 500, timeout=10_000)
    qtbot.mouseClick(button(window, "featureQuadratic"), LEFT)
    assert iteration(window) < 100, "new features start descent again"
    assert play.isChecked()
    qtbot.waitUntil(lambda: iteration(window) > 100, timeout=10_000)
    qtbot.mouseClick(play, LEFT)


def test_r_and_shift_r_reset_from_the_keyboard(qtbot, window):
    load_preset(qtbot, window, "Circle")
    j0 = shown_cost(window)
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ShiftModifier)
    assert iteration(window) == 0 and shown_cost(window) == j0
    seed = seed_text(window)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_R)
        if seed_text(window) != seed:
            break
    assert seed_text(window) != seed and iteration(window) == 0


def test_at_the_maximum_pace_a_click_lands_in_the_run_the_descent_process_takes(
        qtbot, window, monkeypatch):
    """Flat out, the steps are taken in the descent process (core.stepper).  A point
    clicked in meanwhile is in the very next step: the shown J is the cost of the
    shown θ on the points with the click, and the run goes on from there."""
    from core.model import cost_and_gradients

    c = window.controller
    s = c.session
    blocks = []
    absorb = s.absorb
    monkeypatch.setattr(s, "absorb", lambda steps: blocks.append(steps["done"]) or absorb(steps))
    load_preset(qtbot, window, "Linear")
    c.set_tolerance(0.0)  # descent never stops by itself
    spf = find(window, "stepsPerFrame", QtWidgets.QSpinBox)
    spf.setValue(spf.maximum())
    qtbot.mouseClick(button(window, "playPause"), LEFT)
    qtbot.waitUntil(lambda: sum(blocks) > 2000, timeout=30_000)
    m = s.m
    qtbot.mouseClick(data_plot(window).viewport(), LEFT, pos=data_to_viewport(window, 0.5, 0.5))
    assert s.m == m + 1
    n_blocks = len(blocks)
    qtbot.waitUntil(lambda: len(blocks) > n_blocks + 3, timeout=30_000)
    qtbot.mouseClick(button(window, "playPause"), LEFT)
    with c.worker.access(changes=False):
        theta = s.theta
        cost, _, _ = cost_and_gradients(theta[1:].reshape(-1, 1), theta[0], s.X, s.Y)
        assert s.cost == pytest.approx(cost, rel=1e-12)
        it, costs, thetas = s.history.joined()
    assert it[-1] == s.iteration and costs[-1] == s.cost
    np.testing.assert_array_equal(thetas[-1], theta)
    # (An edit that rescales θ records the same iteration again, with the new J.)
    assert np.all(np.diff(it) >= 0), "one cost curve, never back in time"
    assert s.m == m + 1
    qtbot.keyClick(window, Qt.Key.Key_Left)  # Step back
    assert s.iteration == it[-1] - 1
