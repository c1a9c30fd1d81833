"""Inside the model: pull halos, the graph panel, σ(z) view, squared error, likelihood."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6 import QtCore
from PySide6.QtTest import QTest

from core.model import cost_and_gradients as propagate
from core.model import sigmoid

from .conftest import preset

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
LEFT = QtCore.Qt.MouseButton.LeftButton


def click_data(qtbot, window, x, y, modifiers=QtCore.Qt.KeyboardModifier.NoModifier):
    """A real mouse click where (x, y) is drawn (pyqtgraph delivers it from the event loop)."""
    plot = window.data_plot
    qtbot.wait(20)  # let the freshly shown plot settle its geometry
    scene = plot.view_box.mapViewToScene(QtCore.QPointF(x, y))
    pos = plot.mapFromScene(scene)
    QTest.mouseMove(plot.viewport(), pos)
    QTest.mouseClick(plot.viewport(), LEFT, modifiers, pos)
    qtbot.wait(5)


def test_pull_halos_grow_with_the_error(window):
    c = window.controller
    s = preset(window, 6)  # the outlier
    s.step(300)
    window.controls.show_pull.setChecked(True)
    sizes = window.data_plot.pull.data["size"]
    a = sigmoid(s.training_z())
    err = np.abs(a - s.labels)
    assert len(sizes) == s.m
    # The most misclassified point has the biggest halo, the most confident the smallest.
    assert np.argmax(sizes) == np.argmax(err) and np.argmin(sizes) == np.argmin(err)
    window.controls.show_pull.setChecked(False)
    assert len(window.data_plot.pull.data) == 0
    c.refresh()


def test_under_squared_error_a_confident_mistake_has_a_small_halo(window):
    """The Outlier preset asks to compare the losses: with squared error dz =
    (a − y)·a(1 − a), so the far outlier, confidently wrong, pulls almost nothing. The
    halo drew |a − y| and showed it pulling hardest, the opposite of the lesson."""
    c = window.controller
    s = preset(window, 6)
    combo = window.controls.loss
    combo.setCurrentIndex(combo.findData("squared_error"))
    s.step(300)
    window.controls.show_pull.setChecked(True)
    sizes = window.data_plot.pull.data["size"]
    a = sigmoid(s.training_z())
    worst = int(np.argmax(np.abs(a - s.labels)))  # the outlier at (9, 9)
    assert abs(a[worst] - s.labels[worst]) > 0.9
    dz = np.abs((a - s.labels) * a * (1 - a))
    assert np.argmax(sizes) == np.argmax(dz) != worst
    assert sizes[worst] < np.median(sizes)
    window.controls.show_pull.setChecked(False)
    c.refresh()


def test_ctrl_click_follows_one_example_through_the_graph_with_propagates_numbers(window, qtbot):
    c = window.controller
    s = preset(window, 3)
    s.step(40)
    c.refresh()
    m = s.m
    i = 7
    click_data(qtbot, window, *s.points[i], modifiers=CTRL)
    assert s.m == m  # inspecting never adds a point
    assert window.tabs.currentWidget() is window.graph_scroll
    values = window.graph_panel.values
    X, Y = s.X[:, i:i + 1], s.Y[:, i:i + 1]
    J, dw, db = propagate(s.engine.w, s.engine.b, X, Y)
    assert values["L"] == pytest.approx(J, rel=1e-12)
    assert values["dz"] == pytest.approx(db, rel=1e-12)
    assert values["dz"] == pytest.approx(values["a"] - s.labels[i], rel=1e-12)
    assert np.allclose(values["dw"], dw[:, 0], rtol=1e-12)
    assert np.allclose(values["dw"], X[:, 0] * values["dz"], rtol=1e-12)
    text = window.graph_panel.text()
    assert "dz = dL/da · da/dz = a − y" in text and f"{values['a']:.4g}" in text
    # It updates while descent runs.
    before = values["a"]
    c.step_once()
    assert window.graph_panel.values["a"] != before


def test_sigmoid_view_places_each_point_at_the_models_z(window):
    c = window.controller
    s = preset(window, 3)
    s.step(100)
    window.tabs.setCurrentWidget(window.sigmoid_view)
    c.refresh()
    view = window.sigmoid_view
    assert np.array_equal(view.z_shown, s.training_z())
    x1, y1 = view.points[1].getData()
    assert np.allclose(y1, sigmoid(x1))
    assert len(x1) == int(np.sum(s.labels == 1))


def test_squared_error_loss_uses_its_own_gradient_and_says_why_it_is_worse(window):
    s = preset(window, 3)
    combo = window.controls.loss
    combo.setCurrentIndex(combo.findData("squared_error"))
    assert s.loss == "squared_error"
    assert "not convex" in window.controls.loss_caption.text()
    J, dw, db = propagate(s.engine.w, s.engine.b, s.X, s.Y, "squared_error")
    assert s.engine.cost == pytest.approx(J)
    A = sigmoid(s.engine.w.T @ s.X + s.engine.b)
    expected_dw = s.X @ ((A - s.Y) * A * (1 - A)).T / s.m
    assert np.allclose(dw, expected_dw, rtol=1e-12)
    assert "only for cross-entropy" in window.status.likelihood.text()
    combo.setCurrentIndex(combo.findData("cross_entropy"))
    assert "every local optimum of a convex function is global" in window.controls.loss_caption.text()


def test_likelihood_is_exp_of_minus_m_j_with_its_derivation(window):
    s = preset(window, 3)
    text = window.status.likelihood.text()
    value = float(text.split("=")[-1].replace("−", "-"))
    assert value == pytest.approx(math.exp(-s.m * s.engine.cost), rel=1e-2)
    assert "ŷ^y (1 − ŷ)^(1−y)" in window.status.likelihood.toolTip()


def test_vectorization_dialog_times_the_two_real_implementations(qtbot, window):
    from app.assemble import show_vectorization

    preset(window, 3)
    dialog = show_vectorization(window)  # it times away from the GUI thread
    qtbot.waitUntil(lambda: dialog.status == "done", timeout=60_000)
    names = [name for name, _ in dialog.results]
    assert names == ["your points", "10,000 generated points"]
    for _, r in dialog.results:
        assert r["max_difference"] < 1e-12
        assert r["loop_s"] > 0 and r["vectorized_s"] > 0
    assert dialog.results[1][1]["m"] == 10_000
    assert "speed-up" in dialog.table.text()
    dialog.close()
