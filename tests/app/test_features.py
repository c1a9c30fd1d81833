"""Presets, feature switches and the standardize toggle, as a user meets them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtWidgets
from PySide6.QtCore import Qt

from .driver import all_points_shown, combo_items, data_plot, find, iteration, load_preset

PRESET_DIR = Path(__file__).resolve().parents[2] / "resources" / "presets"
PRESETS = [json.loads(p.read_text(encoding="utf-8"))
           for p in sorted(PRESET_DIR.glob("*.logitlab.json"))]
LABEL = {"x1": "x1", "x2": "x2", "x1^2": "x1²", "x1*x2": "x1·x2", "x2^2": "x2²"}
LEFT = Qt.MouseButton.LeftButton


def model_text(window):
    return find(window, "modelEquation", QtWidgets.QLabel).text()


def terms_in_equation(window):
    """Which feature terms the model equation ŷ = σ(b + w1·x1 + …) names."""
    text = model_text(window)
    assert text.startswith("ŷ = σ("), text
    return set(re.findall(r"·(x1·x2|x1²|x2²|x1|x2)", text))


def boundary_data(window):
    x, y = data_plot(window).boundary.getData()
    return np.asarray(x), np.asarray(y)


def test_every_preset_loads_from_the_combo(qtbot, window):
    combo = find(window, "presets", QtWidgets.QComboBox)
    titles = combo_items(combo)[1:]
    assert titles == [p["title"] for p in PRESETS]
    for required in ("Linear", "Circle", "Overlapping", "XOR"):
        assert any(t.startswith(required) for t in titles), titles
    for preset in PRESETS:
        load_preset(qtbot, window, preset["title"])
        assert combo.currentIndex() == 0, "the combo goes back to its prompt after loading"
        shown = all_points_shown(window)
        assert len(shown) == len(preset["points"])
        np.testing.assert_allclose(np.sort(shown, axis=0),
                                   np.sort(np.asarray(preset["points"], float), axis=0))
        terms = preset["features"]["terms"]
        assert terms_in_equation(window) == {LABEL[t] for t in terms}
        assert find(window, "standardize", QtWidgets.QCheckBox).isChecked() == \
            preset["features"]["standardize"]
        value = find(window, "learningRateValue", QtWidgets.QDoubleSpinBox).value()
        assert value == pytest.approx(preset["learning_rate"])
        assert iteration(window) == 0
        (x0, x1), (y0, y1) = data_plot(window).getPlotItem().getViewBox().viewRange()
        vx, vy = preset["view"]["x"], preset["view"]["y"]
        # The aspect lock may widen one axis, never cut the preset's view.
        assert x0 <= vx[0] + 1e-9 and x1 >= vx[1] - 1e-9
        assert y0 <= vy[0] + 1e-9 and y1 >= vy[1] - 1e-9


def test_linear_preset_has_forty_points_of_both_classes(qtbot, window):
    load_preset(qtbot, window, "Linear")
    from .driver import points_shown

    shown = points_shown(window)
    assert len(shown[0]) + len(shown[1]) == 40
    assert len(shown[0]) > 0 and len(shown[1]) > 0
    # The lecture's labelling: class 1 exactly where x1 + x2 >= 3.
    assert np.all(shown[1].sum(axis=1) >= 3)
    assert np.all(shown[0].sum(axis=1) < 3)


def test_feature_buttons_switch_the_model(qtbot, window):
    load_preset(qtbot, window, "Circle")
    linear = find(window, "featureLinear", QtWidgets.QPushButton)
    quadratic = find(window, "featureQuadratic", QtWidgets.QPushButton)
    qtbot.mouseClick(quadratic, LEFT)
    assert quadratic.isChecked() and not linear.isChecked()
    assert terms_in_equation(window) == {"x1", "x2", "x1²", "x1·x2", "x2²"}
    for name in ("termX1Sq", "termX1X2", "termX2Sq"):
        assert find(window, name, QtWidgets.QCheckBox).isChecked()

    qtbot.mouseClick(linear, LEFT)
    assert linear.isChecked() and not quadratic.isChecked()
    assert terms_in_equation(window) == {"x1", "x2"}
    assert "²" not in model_text(window)
    for name in ("termX1Sq", "termX1X2", "termX2Sq"):
        assert not find(window, name, QtWidgets.QCheckBox).isChecked()

    # Keyboard: Q and L do the same.
    qtbot.keyClick(window, Qt.Key.Key_Q)
    assert quadratic.isChecked() and "x1²" in model_text(window)
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert linear.isChecked() and "x1²" not in model_text(window)


def test_term_checkboxes_give_the_lecture_variant_without_x1x2(qtbot, window):
    load_preset(qtbot, window, "Linear")
    qtbot.mouseClick(find(window, "featureQuadratic", QtWidgets.QPushButton), LEFT)
    find(window, "termX1X2", QtWidgets.QCheckBox).click()
    assert terms_in_equation(window) == {"x1", "x2", "x1²", "x2²"}
    # A custom set is neither of the two one-click sets.
    assert not find(window, "featureQuadratic", QtWidgets.QPushButton).isChecked()
    assert not find(window, "featureLinear", QtWidgets.QPushButton).isChecked()
    find(window, "termX2Sq", QtWidgets.QCheckBox).click()
    assert terms_in_equation(window) == {"x1", "x2", "x1²"}
    find(window, "termX1Sq", QtWidgets.QCheckBox).click()
    assert terms_in_equation(window) == {"x1", "x2"}
    assert find(window, "featureLinear", QtWidgets.QPushButton).isChecked()


def test_changing_features_starts_descent_again(qtbot, window):
    load_preset(qtbot, window, "Circle")
    for _ in range(5):
        qtbot.mouseClick(find(window, "step", QtWidgets.QPushButton), LEFT)
    assert iteration(window) == 5
    qtbot.mouseClick(find(window, "featureQuadratic", QtWidgets.QPushButton), LEFT)
    assert iteration(window) == 0


def test_standardize_is_on_by_default_and_says_so(window):
    box = find(window, "standardize", QtWidgets.QCheckBox)
    assert box.isChecked()
    assert "standardized" in find(window, "scalingNote", QtWidgets.QLabel).text().lower()


def test_standardize_toggle_changes_note_but_not_the_boundary(qtbot, window):
    load_preset(qtbot, window, "Circle")
    for _ in range(30):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    note = find(window, "scalingNote", QtWidgets.QLabel)
    box = find(window, "standardize", QtWidgets.QCheckBox)
    on_note = note.text()
    x_on, y_on = boundary_data(window)
    assert len(x_on) > 10, "a circle preset after 30 steps has a boundary on screen"
    equation_on = model_text(window)

    box.click()
    assert not box.isChecked()
    assert note.text() != on_note
    assert "standardized" not in note.text().lower() or "not" in note.text().lower()
    x_off, y_off = boundary_data(window)
    assert x_off.shape == x_on.shape
    np.testing.assert_allclose(x_off, x_on, atol=1e-6)
    np.testing.assert_allclose(y_off, y_on, atol=1e-6)
    assert model_text(window) == equation_on

    box.click()
    assert note.text() == on_note
    np.testing.assert_allclose(boundary_data(window)[0], x_on, atol=1e-6)
