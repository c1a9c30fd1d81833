"""The learning-rate laboratory, driven as a teacher would."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore
from PySide6.QtTest import QTest

from core import alpha_star

from .conftest import preset


def finish_landscape(window):
    c = window.controller
    window.tabs.setCurrentWidget(window.landscape)
    for _ in range(80):
        c.landscape.frame(c.last_frame, budget=1.0)
        if c.landscape.shown is not None and c.landscape.pending is None:
            break


def test_alpha_star_is_marked_on_the_slider_and_moves_with_standardize(window):
    s = preset(window, 3)  # overlapping blobs
    bar = window.controls.stability
    assert bar.alpha_star == pytest.approx(alpha_star(s.X))
    assert f"α* = {bar.alpha_star:.3g}" in window.status.alpha_star.text()
    standardized = bar.alpha_star
    window.controls.standardize.setChecked(False)
    assert bar.alpha_star == pytest.approx(alpha_star(window.controller.session.X))
    assert bar.alpha_star != pytest.approx(standardized, rel=0.05)  # the lesson about scaling
    assert "8m / λ_max" in bar.toolTip()
    # The marker sits where the slider's handle would be for α = α*.
    window.controller.set_learning_rate(bar.alpha_star)
    slider = window.controls.learning_rate
    handle_x = slider.style().sliderPositionFromValue(
        slider.minimum(), slider.maximum(), slider.value(), slider.width())
    assert abs(bar.x_of(bar.alpha_star) - handle_x) < 25


def test_alpha_star_updates_when_points_change(window):
    c = window.controller
    preset(window, 3)
    before = window.controls.stability.alpha_star
    c.add_point(30.0, 30.0, 1)  # a far point changes the spread of the features
    assert window.controls.stability.alpha_star != pytest.approx(before)


def test_landscape_shows_path_current_point_and_minimum(window):
    c = window.controller
    preset(window, 3)
    c.session.step(150)
    c.refresh()
    finish_landscape(window)
    view = window.landscape
    assert view.plot.objectName() == "landscapePlot"
    x, y = view.path.getData()
    _, _, thetas = c.session.engine.history.recent()
    # The path drawn is the recorded history, in the chosen coordinates (w1, w2).
    assert np.array_equal(x, thetas[-300:, 1]) and np.array_equal(y, thetas[-300:, 2])
    cx, cy = view.current.getData()
    assert (cx[0], cy[0]) == (c.session.engine.theta[1], c.session.engine.theta[2])
    mx, my = view.minimum.getData()
    assert len(mx) == 1
    image = view.image.image
    assert image is not None and np.all(np.isfinite(image))


def test_picker_chooses_any_two_parameters_including_the_bias(window):
    c = window.controller
    preset(window, 3)
    window.tabs.setCurrentWidget(window.landscape)
    window.landscape.pick_x.setCurrentIndex(0)  # b
    assert (c.landscape.i, c.landscape.j) == (0, 2)
    assert window.landscape.plot.getAxis("bottom").labelText == "b"
    window.landscape.pick_y.setCurrentIndex(0)  # same as x: the axes swap, never equal
    assert c.landscape.i != c.landscape.j


def test_clicking_the_landscape_moves_theta_and_descent_continues(window, qtbot):
    c = window.controller
    preset(window, 3)
    finish_landscape(window)
    vb = window.landscape.view_box
    (a0, a1), (b0, b1) = vb.viewRange()
    target = ((a0 + a1) / 2, b0 + 0.25 * (b1 - b0))
    scene = vb.mapViewToScene(QtCore.QPointF(*target))
    pos = window.landscape.plot.mapFromScene(scene)
    QTest.mouseClick(window.landscape.plot.viewport(), QtCore.Qt.MouseButton.LeftButton,
                     QtCore.Qt.KeyboardModifier.NoModifier, pos)
    qtbot.wait(1)
    theta = c.session.engine.theta
    px = vb.viewPixelSize()
    assert abs(theta[1] - target[0]) < 2 * abs(px[0]) and abs(theta[2] - target[1]) < 2 * abs(px[1])
    it = c.session.engine.iteration
    window.controls.step.click()
    assert c.session.engine.iteration == it + 1


def test_large_alpha_zig_zags_on_the_landscape(window):
    c = window.controller
    preset(window, 5)  # the ring, quadratic features
    c.set_learning_rate(50.0)
    c.reset_same()
    c.session.step(200)
    c.refresh()
    assert window.status.state.property("state") in ("oscillating", "diverging")
    assert window.status.lower_alpha.isVisibleTo(window)
    finish_landscape(window)
    x, _ = window.landscape.path.getData()
    # A zig-zag: the path changes direction along w1 most of the time.
    turns = np.count_nonzero(np.diff(np.sign(np.diff(x))) != 0)
    assert turns > 0.3 * len(x)


def test_race_shares_theta0_draws_every_lane_and_names_the_winner(window, qtbot):
    c = window.controller
    preset(window, 3)
    for box, rate in zip(window.controls.race_rates, (0.01, 0.1, 1.0, 0.0)):
        box.setValue(rate)
    window.controls.steps_per_frame.setValue(500)
    window.controls.race_group.setChecked(True)
    race = c.race
    assert c.playing, "Start race starts it"
    assert [lane.learning_rate for lane in race.lanes] == [0.01, 0.1, 1.0]
    theta0 = c.session.initial_theta()
    assert np.array_equal(race.theta0, theta0)
    # Every lane's recorded path starts at the same θ⁰, bit for bit.
    assert all(np.array_equal(lane.engine.history.long()[2][0], theta0) for lane in race.lanes)
    # The main status shows the race while it runs: its step, not the waiting run's 0.
    qtbot.waitUntil(lambda: "Racing" in window.status.state.text()
                    and window.status.iteration.text() != "Step 0", timeout=5_000)
    qtbot.waitUntil(lambda: race.winner() is not None, timeout=20_000)
    c.set_playing(False)
    assert race.winner().learning_rate == 1.0
    assert "α = 1 reached ‖dw‖ ≤ ε first" in window.controls.race_result.text()
    boundaries = window.data_plot.lane_boundaries
    curves = window.cost_plot.lane_curves
    shown = [b for b in boundaries if b.isVisible()]
    assert len(shown) == 3 and all(len(b.getData()[0]) for b in shown)
    assert len([cv for cv in curves if cv.isVisible()]) == 3
    assert len(window.cost_plot.legend.items) == 3
    window.controls.race_group.setChecked(False)
    assert not any(b.isVisible() for b in boundaries)


def test_one_d_tab_steps_and_plays_with_the_slides_semantics(window, qtbot):
    view = window.one_d
    window.tabs.setCurrentWidget(view)
    view.presets[0.5].click()
    view.step.click()
    assert window.controller.one_d.ws == [6.0, 2.0]
    assert "one step" in view.caption.text()
    view.presets[1.0].click()
    view.play.setChecked(True)
    qtbot.waitUntil(lambda: len(window.controller.one_d.ws) >= 4, timeout=20_000)
    view.play.setChecked(False)
    ws = window.controller.one_d.ws
    assert ws[0] == ws[2] and ws[1] == ws[3]  # α = 1 bounces forever
    x, _ = view.steps.getData()
    assert list(x) == ws


def test_scrubbing_history_moves_boundary_and_marker_then_play_returns_live(window):
    c = window.controller
    preset(window, 3)
    c.session.step(300)
    c.refresh()
    live_model = window.equations.model.text()
    scrub = window.scrub
    scrub.setValue(1)
    it, cost, thetas = c.session.engine.history.joined()
    assert c.scrubbing[0] == it[1]
    assert window.equations.model.text() != live_model
    mx, my = window.cost_plot.marker.getData()
    assert mx[0] == it[1] and my[0] == pytest.approx(cost[1])
    assert f"{it[1]:,}" in window.scrub_label.text()
    c.set_playing(True)
    assert c.scrubbing is None
    c.set_playing(False)
    assert window.equations.model.text() == live_model


def test_landscape_is_computed_off_the_gui_thread_and_drawn_while_paused(window, qtbot):
    """The grid comes from a background thread; a paused window still shows it."""
    c = window.controller
    preset(window, 3)
    window.tabs.setCurrentWidget(window.one_d)
    c.session.step(20)
    window.tabs.setCurrentWidget(window.landscape)  # one refresh, then nothing else
    qtbot.waitUntil(lambda: window.landscape.image.image is not None
                    and c.landscape.pending is None, timeout=20_000)
    assert c.landscape.shown is not None
    assert np.isfinite(window.landscape.image.image).all()


def test_every_view_follows_the_scrubbed_step(window, qtbot):
    """Issue 12, case 6: at 'Viewing step 0' the landscape marker, the status, the
    overlay and the equations all show step 0, not the live step."""
    c = window.controller
    preset(window, 3)
    c.session.step(200)
    window.tabs.setCurrentWidget(window.landscape)
    c.refresh()
    live_equation = window.equations.model.text()
    window.scrub.setValue(0)
    it, cost, thetas = c.session.history.joined()
    assert c.scrubbing[0] == it[0] == 0
    cx, cy = window.landscape.current.getData()
    assert (cx[0], cy[0]) == (thetas[0][c.landscape.i], thetas[0][c.landscape.j])
    assert window.status.iteration.text() == "Step 0"
    assert f"{cost[0]:.6g}" in window.status.cost.text()
    assert "Viewing step 0" in window.status.state.text()
    assert window.equations.model.text() != live_equation
    window.presentation_action.trigger()
    assert "step 0 " in window.overlay.text()
    window.presentation_action.trigger()


def test_clear_empties_every_view(window, qtbot):
    """Issue 12, case 8: after Clear no old cost point, landscape or equation remains."""
    c = window.controller
    preset(window, 3)
    c.session.step(50)
    window.tabs.setCurrentWidget(window.landscape)
    c.refresh()
    qtbot.waitUntil(lambda: window.landscape.image.image is not None, timeout=5_000)
    window.controls.clear.click()
    x, _ = window.cost_plot.curve.getData()
    assert x is None or len(x) == 0
    mx, _ = window.cost_plot.marker.getData()
    assert len(mx) == 0
    assert window.landscape.image.image is None
    assert len(window.landscape.current.getData()[0]) == 0
    assert "no points" in window.equations.model.text()
    assert "no data" in window.status.state.text().lower()


def test_scrubbing_while_playing_pauses_on_the_step_chosen(window, qtbot):
    """The first move of the slider while descent runs shows that step (it used to snap
    back to the live end, because the pause drew a live frame first)."""
    c = window.controller
    preset(window, 3)
    window.controls.tolerance.setValue(0.0)
    c.set_playing(True)
    qtbot.waitUntil(lambda: c.session.iteration > 300, timeout=20_000)
    window.scrub.setValue(3)
    assert not c.playing
    assert c.scrubbing is not None
    assert window.scrub.value() == 3
    assert "Viewing step" in window.scrub_label.text()


def test_one_d_keeps_diverging_iterates_in_view(window):
    """Issue 12, case 7: at α = 1.05 the iterates leave (−3, 7); the axes follow them."""
    view = window.one_d
    window.tabs.setCurrentWidget(view)
    view.presets[1.05].click()
    for _ in range(15):
        view.step.click()
    ws = window.controller.one_d.ws
    assert abs(ws[-1] - 2) > 15  # w¹⁵ is far out (−14.7 on the other side)
    (x0, x1), (y0, y1) = view.plot.getPlotItem().getViewBox().viewRange()
    from core import one_d

    for w in ws:
        assert x0 <= w <= x1 and y0 <= one_d.J(w) <= y1, (w, (x0, x1), (y0, y1))
    px, _ = view.parabola.getData()
    assert px.min() <= min(ws) and px.max() >= max(ws)
