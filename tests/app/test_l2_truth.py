"""With an L2 penalty λ > 0 what the window says about the run stays true.

* α* counts the penalty's curvature: α = 0.9·α* as the label reads it converges (it used
  to say "stable below α* = 6.45" and then "Diverged at step 222").
* P(labels) is the lecture's likelihood, exp(−m·data loss), not exp(−m·J) with the penalty.
* P(labels) stays a short text whatever J is (a diverged run made it 336 characters).
* The landscape is the J descent minimises: its ★ sits at the run's minimum.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import Qt

from app.status_text import likelihood_text
from core.model import cost_and_gradients

from .driver import find, load_preset, settle, state_text
from .test_layout import clipped_texts
from .test_lecture import open_slide

LEFT = Qt.MouseButton.LeftButton


def set_lambda(qtbot, window, value):
    """λ on the lecture's features slide, typed as a teacher does."""
    panel = open_slide(qtbot, window, 6)
    find(panel, "featuresLambda", QtWidgets.QDoubleSpinBox).setValue(value)
    assert window.controller.session.l2 == value


def alpha_star_shown(window):
    text = find(window, "alphaStarLabel", QtWidgets.QLabel).text()
    match = re.search(r"α\* = ([0-9.e+−-]+)", text)
    assert match, text
    return float(match.group(1).replace("−", "-"))


def play_until_stopped(qtbot, window, steps=400):
    """Play until the run converges or diverges (or ``steps`` pass), then pause."""
    play = find(window, "playPause", QtWidgets.QPushButton)
    c = window.controller
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: c.session.converged or c.session.diverged
                    or c.session.iteration >= steps, timeout=30_000)
    if play.isChecked():
        qtbot.mouseClick(play, LEFT)
    settle(qtbot, window)


def likelihood_value(window):
    text = find(window, "likelihoodLabel", QtWidgets.QLabel).text()
    return text, float(text.split("=")[-1].replace("−", "-"))  # as a person reads it


def test_alpha_below_the_alpha_star_shown_with_lambda_does_not_diverge(qtbot, window):
    load_preset(qtbot, window, "Overlapping")
    set_lambda(qtbot, window, 100.0)
    a_star = alpha_star_shown(window)
    assert a_star == pytest.approx(window.controller.session.alpha_star(), rel=1e-2)
    find(window, "learningRateValue", QtWidgets.QDoubleSpinBox).setValue(0.9 * a_star)
    play_until_stopped(qtbot, window)
    state = state_text(window)
    assert "diverg" not in state and "oscillat" not in state, state
    assert "converged" in state, state
    costs = window.cost_plot.curve.yData
    assert np.all(np.diff(costs) <= 1e-12 * (1 + costs[1:])), "J rose below α*"


def test_likelihood_with_lambda_is_the_data_loss_one(qtbot, window):
    load_preset(qtbot, window, "Overlapping")
    set_lambda(qtbot, window, 5.0)
    step = find(window, "step", QtWidgets.QPushButton)
    for _ in range(10):
        qtbot.mouseClick(step, LEFT)
    s = window.controller.session
    text, value = likelihood_value(window)
    assert s.penalty > 0
    assert value == pytest.approx(math.exp(-s.m * s.data_cost), rel=1e-2, abs=0), text
    assert value != pytest.approx(math.exp(-s.m * s.cost), rel=1e-1, abs=0)
    assert "penalty" in text  # the formula says which J it is
    # A step scrubbed back to: its own θ, its own data loss.
    scrub = find(window, "historyScrub", QtWidgets.QSlider)
    scrub.setValue(scrub.maximum() // 3)
    settle(qtbot, window)
    shown = window.controller.last_frame.shown
    assert shown.scrubbed
    theta = shown.theta
    data, _, _ = cost_and_gradients(theta[1:].reshape(-1, 1), theta[0], s.X, s.Y)
    text, value = likelihood_value(window)
    assert value == pytest.approx(math.exp(-s.m * data), rel=1e-2, abs=0), text


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)], ids=["1280x720", "1024x768"])
def test_a_diverged_run_with_lambda_keeps_the_status_panel_readable(qtbot, window, size):
    window.resize(*size)
    settle(qtbot, window)
    load_preset(qtbot, window, "Overlapping")
    set_lambda(qtbot, window, 100.0)
    window.lecture.hide()
    find(window, "learningRateValue", QtWidgets.QDoubleSpinBox).setValue(
        5 * window.controller.session.alpha_star())
    play_until_stopped(qtbot, window, steps=5000)
    assert "diverged" in state_text(window)
    text = find(window, "likelihoodLabel", QtWidgets.QLabel).text()
    assert len(text) <= 50, text
    assert clipped_texts(window) == []


@pytest.mark.parametrize("cost, shown", [
    (0.3, "= 9.36e−14"),  # the real minus, as every number of the panel
    (12.3456, "= 6.88 × 10^−537"),
    (1000.0, "= 3.56 × 10^−43,430"),
    (1e9, "≈ 0  (log₁₀ P < −10⁶)"),
    (1e300, "≈ 0  (log₁₀ P < −10⁶)"),
    (math.inf, "≈ 0  (log₁₀ P < −10⁶)"),
])
def test_likelihood_text_is_short_and_true(cost, shown):
    text = likelihood_text("cross_entropy", 100, cost)
    assert text == f"P(labels) = exp(−m·J) {shown}"
    assert len(text) <= 50
    if "×" in shown:  # mantissa × 10^k is P: log₁₀ P = −m·J / ln 10
        mantissa, exponent = shown[2:].split(" × 10^")
        log10 = math.log10(float(mantissa)) + int(exponent.replace("−", "-").replace(",", ""))
        assert log10 == pytest.approx(-100 * cost / math.log(10), abs=3e-3)


def test_the_landscape_with_lambda_has_its_star_at_the_runs_minimum(qtbot, window):
    load_preset(qtbot, window, "Overlapping")
    set_lambda(qtbot, window, 50.0)
    window.lecture.hide()
    play_until_stopped(qtbot, window, steps=5000)
    assert "converged" in state_text(window)
    window.tabs.setCurrentWidget(window.landscape)
    c = window.controller
    presenter = c.landscape
    theta = c.session.theta
    held = np.ones(len(theta), dtype=bool)
    held[[presenter.i, presenter.j]] = False

    def drawn_at_theta():
        settle(qtbot, window, rounds=1)
        grid = presenter.shown
        return grid is not None and np.allclose(grid.theta[held], theta[held])

    qtbot.waitUntil(drawn_at_theta, timeout=20_000)
    grid = presenter.shown
    star_a, star_b = (v[0] for v in window.landscape.minimum.getData())
    da = grid.a_values[1] - grid.a_values[0]
    db = grid.b_values[1] - grid.b_values[0]
    # The run converged (‖dw‖ ≤ ε) on J + penalty: the slice's lowest grid point is next to it.
    assert abs(star_a - theta[presenter.i]) <= 1.5 * da
    assert abs(star_b - theta[presenter.j]) <= 1.5 * db
    assert "penalty" in find(window, "landscapeNote", QtWidgets.QLabel).text()
