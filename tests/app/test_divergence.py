"""A too-large α is an explained event: the state says so, one click lowers α, no NaN is drawn."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtGui, QtWidgets
from PySide6.QtCore import Qt

from .driver import (
    find,
    iteration,
    load_preset,
    non_finite_plot_data,
    plot_item_count,
    state_text,
)

LEFT = Qt.MouseButton.LeftButton
TROUBLE = ("diverging", "oscillating", "diverged")


def watch_frames(window, pause_on_trouble=True):
    """Check every drawn frame for non-finite plot data; press Pause on a divergence.

    Pausing from the frame handler is what a watching teacher does, and it
    keeps the state word on screen (a zig-zag may later calm down again).
    """
    seen = {"frames": 0, "bad": [], "states": [], "trouble": False}
    play = find(window, "playPause", QtWidgets.QPushButton)

    def on_frame(_seconds):
        seen["frames"] += 1
        seen["bad"].extend(non_finite_plot_data(window))
        text = state_text(window)
        seen["states"].append(text)
        if any(word in text for word in TROUBLE):
            if pause_on_trouble and not seen["trouble"] and play.isChecked():
                play.click()  # once: the test then lowers α and lets it run on
            seen["trouble"] = True

    window.controller.frameDrawn.connect(on_frame)
    return seen


def test_alpha_fifty_on_raw_ring_says_diverging_and_lower_alpha_recovers(qtbot, window):
    load_preset(qtbot, window, "Ring")
    standardize = find(window, "standardize", QtWidgets.QCheckBox)
    standardize.click()
    assert not standardize.isChecked()
    qtbot.mouseClick(find(window, "featureQuadratic", QtWidgets.QPushButton), LEFT)
    field = find(window, "learningRateValue", QtWidgets.QDoubleSpinBox)
    field.setValue(50.0)
    find(window, "stepsPerFrame", QtWidgets.QSpinBox).setValue(1)
    lower = find(window, "lowerAlpha", QtWidgets.QPushButton)
    explanation = find(window, "explanationLabel", QtWidgets.QLabel)
    # Before a step nothing has gone wrong: the window warns, it does not cry "diverging".
    assert not lower.isVisible()
    assert "above α*" in explanation.text()
    assert not any(word in state_text(window) for word in TROUBLE)

    seen = watch_frames(window)
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: seen["trouble"] and not play.isChecked(), timeout=10_000)

    text = state_text(window)
    assert any(word in text for word in TROUBLE), text
    assert explanation.isVisible()
    assert "α" in explanation.text() and "50" in explanation.text()
    assert lower.isVisible()
    assert seen["bad"] == []
    assert non_finite_plot_data(window) == []
    assert plot_item_count(window) >= 5  # two scatters, heatmap, boundary, cost curve …

    at = iteration(window)
    qtbot.mouseClick(lower, LEFT)
    assert field.value() == pytest.approx(5.0)
    assert window.controller.session.learning_rate == pytest.approx(5.0)
    assert play.isChecked(), "lowering α resumes the run"
    # (the worker may already have taken a step or two by the time the frame is drawn)
    assert iteration(window) >= at, "lowering α continues from the current parameters"
    qtbot.waitUntil(lambda: iteration(window) > at + 5, timeout=20_000)
    qtbot.mouseClick(play, LEFT)
    assert non_finite_plot_data(window) == []


def test_huge_alpha_keeps_every_plot_finite_while_it_runs(qtbot, window):
    """α = 100 (the slider's top) on raw quadratic features, several seconds of frames."""
    load_preset(qtbot, window, "Overlapping")
    find(window, "standardize", QtWidgets.QCheckBox).click()
    qtbot.mouseClick(find(window, "featureQuadratic", QtWidgets.QPushButton), LEFT)
    slider = find(window, "learningRate", QtWidgets.QSlider)
    slider.setValue(slider.maximum())
    seen = watch_frames(window, pause_on_trouble=False)
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: seen["frames"] >= 30 or not play.isChecked(), timeout=10_000)
    if play.isChecked():
        qtbot.mouseClick(play, LEFT)
    assert seen["bad"] == []
    assert iteration(window) > 0
    # Log scale on the cost plot must not bring NaN or inf either.
    find(window, "costLogScale", QtWidgets.QCheckBox).click()
    assert non_finite_plot_data(window) == []


def test_non_finite_step_pauses_as_diverged_with_step_and_alpha(qtbot, make_window):
    """Coordinates near 1e100 make x1² ≈ 1e200, so one step at α = 1e6 overflows."""
    from core import Session
    from core.features import QUADRATIC

    points = np.array([[1, 1], [2, 2], [-1, -2], [-2, 1], [0.5, -1]], float) * 1e100
    labels = np.array([1, 1, 0, 0, 1])
    session = Session(points, labels, terms=QUADRATIC, standardize=False, learning_rate=1e6)
    window = make_window(session)
    window.controller.set_view(None)
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: "diverged" in state_text(window), timeout=20_000)
    assert not play.isChecked(), "the run pauses on the last finite state"
    text = state_text(window)
    explanation = find(window, "explanationLabel", QtWidgets.QLabel).text()
    assert "step 1" in text and "1e+06" in explanation, (text, explanation)
    assert iteration(window) == 0
    lower = find(window, "lowerAlpha", QtWidgets.QPushButton)
    assert lower.isVisible()
    assert non_finite_plot_data(window) == []
    cost_label = find(window, "costLabel", QtWidgets.QLabel).text()
    assert "nan" not in cost_label.lower() and "inf" not in cost_label.lower()
    qtbot.mouseClick(lower, LEFT)
    assert window.controller.session.learning_rate == pytest.approx(1e5)
    qtbot.waitUntil(lambda: not play.isChecked(), timeout=20_000)
    assert non_finite_plot_data(window) == []


@pytest.mark.parametrize(("index", "word"), [(1, "crawling"), (2, "running"), (3, "oscillating"),
                                              (4, "overshot")])
def test_learning_rate_demonstrations_show_their_regime(qtbot, window, index, word):
    """Presets ▸ Learning-rate demonstrations: each shows its regime, whatever the machine."""
    from core.demonstrations import EXPECTED, TITLES

    action = window.findChild(QtGui.QAction, f"actionDemonstration{index}")
    assert action is not None
    action.trigger()
    key = list(TITLES)[index - 1]
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    steps = EXPECTED[key].first + 5
    qtbot.waitUntil(lambda: iteration(window) >= steps or not play.isChecked(), timeout=20_000)
    qtbot.waitUntil(lambda: word in state_text(window) or "converged" in state_text(window),
                    timeout=5_000)
    assert word in state_text(window) or (word == "running" and "converged" in state_text(window))
    if play.isChecked():
        qtbot.mouseClick(play, LEFT)
