"""Switching J's axis between linear and log keeps the view where it was.

Found by the hostile-numbers property test (seed 11): data whose J reaches 9e262,
then the log scale ticked.  pyqtgraph kept the linear range's numbers through the
switch, so the first paint read 0 … 9e262 as powers of ten and the axis listed
10²⁶² ticks: the window hung while its memory grew until the kernel killed it.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from .driver import cost_plot

# The example hypothesis found: coordinates up to 7e264 and α = 11 make J ~1e262.
HOSTILE_POINTS = np.array([
    [3.0, 3.3255141527835944e16], [7.385299673218837e188, -2.5], [-0.0, -1.967555407598491e16],
    [5e-324, -7.43599644516425e264], [-3.6393706445635257, 1.102823361978258e-148],
    [-0.05, -0.3333333333333333], [0.004, 7.0], [-9.067945939691391e249, 0.0],
    [1e-300, -1.192092896e-07], [0.15446685075768585, -4.3303941475868415],
    [-1.0, -1.825422995531146e165]])
HOSTILE_LABELS = np.array([0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0])


def y_range(window):
    return cost_plot(window).getPlotItem().vb.viewRange()[1]


def left_axis_range(window):
    return cost_plot(window).getAxis("left").range


@pytest.mark.timeout(30)  # before the fix: a hang, then the kernel's OOM killer
def test_log_scale_after_an_astronomical_cost_paints_at_once(window, qtbot):
    c = window.controller
    c.replace_points(HOSTILE_POINTS, HOSTILE_LABELS, "hostile")
    c.set_view(None)
    window.controls.feature_quadratic.click()
    c.set_learning_rate(11.0)
    assert y_range(window)[1] > 1e100, "the example no longer makes J astronomical"
    window.controls.cost_log.click()
    low, high = left_axis_range(window)  # what the axis draws, in powers of ten
    assert -400 <= low < high <= 400, f"log axis spans 10^{low:.3g} … 10^{high:.3g}"
    assert high > 262, "the astronomical J is off the top of the plot"
    window.grab()


def wheel(widget, steps):
    """Turn the mouse wheel over the middle of ``widget`` (positive: zoom in)."""
    centre = QtCore.QPointF(widget.rect().center())
    event = QtGui.QWheelEvent(centre, QtCore.QPointF(widget.mapToGlobal(centre.toPoint())),
                              QtCore.QPoint(), QtCore.QPoint(0, 120 * steps),
                              QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier,
                              QtCore.Qt.ScrollPhase.NoScrollPhase, False)
    QtWidgets.QApplication.sendEvent(widget, event)


def test_a_zoom_on_the_cost_curve_survives_the_scale_switch(window, qtbot):
    c = window.controller
    window.preset_menu.load(0)
    c.set_playing(True)
    for _ in range(5):
        c.tick()
    c.set_playing(False)
    QtWidgets.QApplication.processEvents()
    wheel(cost_plot(window).viewport(), 3)  # the teacher zooms in on the curve
    QtWidgets.QApplication.processEvents()
    low, high = y_range(window)
    assert 0 < low < high, (low, high)

    window.controls.cost_log.click()
    log_low, log_high = y_range(window)
    assert np.allclose([log_low, log_high], np.log10([low, high]), atol=1e-6), \
        "on the log scale the zoom shows other costs"

    window.controls.cost_log.click()
    assert np.allclose(y_range(window), [low, high], rtol=1e-6), "and back, it moved"
