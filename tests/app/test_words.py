"""Texts of the window that must be true: the status bar at start-up with the first
preset loaded, the 1-D tab at the minimum, the status of a run at rest with ε = 0."""

from __future__ import annotations


def test_the_status_bar_does_not_say_the_plot_is_empty_once_a_preset_is_loaded(window):
    window.preset_menu.load_first()  # what main() does at start-up
    assert window.controller.session.m > 0
    message = window.statusBar().currentMessage()
    assert "pick a preset" not in message and "add points" not in message
    assert "Shift+click" in message  # still the hint of how to add a point


def test_the_1d_tab_at_the_minimum_says_dj_dw_is_0_once(window):
    view = window.one_d
    window.tabs.setCurrentWidget(view)
    view.presets[0.5].click()
    view.step.click()
    caption = view.caption.text()
    assert "= 0 = 0" not in caption
    assert "dJ/dw = 2(w − 2) = 0: at the minimum" in caption
    view.reset.click()
    assert "dJ/dw = 2(w − 2) = 8 > 0: w moves left" in view.caption.text()


def test_a_run_at_rest_with_eps_0_is_not_descending_smoothly(window):
    c = window.controller
    window.preset_menu.load(4)  # Ring
    c.set_tolerance(0.0)
    c.set_learning_rate(0.9 * c.session.alpha_star())
    with c.worker.access():
        c.session.step(20_000)
    c.refresh()
    state = window.status.state.text()
    assert "descending smoothly" not in state
    assert "at the minimum" in state


def test_the_start_up_hint_fits_beside_the_scaling_note_at_1024x768(window):
    window.preset_menu.load_first()
    window.resize(1024, 768)
    bar = window.statusBar()
    message = bar.currentMessage()
    room = bar.width() - window.equations.scaling.sizeHint().width() - 24
    assert bar.fontMetrics().horizontalAdvance(message) <= room, (message, room)


def test_the_first_headline_a_class_sees_reads_ready(window):
    """At every start the status said "Paused: ready: no step yet"; a pause within the
    first steps said "Paused: starting"."""
    c = window.controller
    window.preset_menu.load_first()
    assert window.status.state.text() == "Ready: no step yet"
    assert window.overlay.text() == "" or window.overlay.text().startswith("Ready: no step yet")
    c.step_once()
    c.step_once()
    assert window.status.state.text() == "Paused after 2 steps"
    c.add_point(0.5, 0.5, 1)
    assert window.status.state.text() == "Ready: no step since the edit"
    c.step_once()
    assert window.status.state.text() == "Paused 1 step after the edit"
