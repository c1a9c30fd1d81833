"""The stable interface of the main window (objectNames tests and stylesheets rely on),
what a fresh window shows, and the test harness's own timer guard."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6 import QtCore, QtWidgets

from app.theme import LIGHT, SYMBOL

from .driver import data_plot, find, iteration, state_text

STABLE_NAMES = {
    "dataPlot": pg.PlotWidget,
    "costPlot": pg.PlotWidget,
    "learningRate": QtWidgets.QSlider,
    "learningRateValue": QtWidgets.QDoubleSpinBox,
    "featureLinear": QtWidgets.QAbstractButton,
    "featureQuadratic": QtWidgets.QAbstractButton,
    "standardize": QtWidgets.QAbstractButton,
    "classOne": QtWidgets.QAbstractButton,
    "classZero": QtWidgets.QAbstractButton,
    "playPause": QtWidgets.QAbstractButton,
    "step": QtWidgets.QAbstractButton,
    "reset": QtWidgets.QAbstractButton,
    "stateLabel": QtWidgets.QLabel,
    "iterationLabel": QtWidgets.QLabel,
    "clear": QtWidgets.QAbstractButton,
    "presets": QtWidgets.QComboBox,
}


def test_create_main_window_needs_no_event_loop(qtbot):
    from app import create_main_window

    window = create_main_window()
    qtbot.addWidget(window)
    assert isinstance(window, QtWidgets.QMainWindow)
    assert not window.controller.timer.isActive()
    window.close()


@pytest.mark.parametrize(("name", "cls"), sorted(STABLE_NAMES.items()))
def test_stable_object_names(window, name, cls):
    matches = window.findChildren(cls, name)
    assert len(matches) == 1, f"expected one {cls.__name__} named {name!r}, found {len(matches)}"
    assert matches[0].isVisibleTo(window), f"{name} is hidden"


def test_play_pause_is_checkable_and_class_switch_is_exclusive(qtbot, window):
    play = find(window, "playPause", QtWidgets.QAbstractButton)
    assert play.isCheckable() and not play.isChecked()
    one = find(window, "classOne", QtWidgets.QAbstractButton)
    zero = find(window, "classZero", QtWidgets.QAbstractButton)
    assert one.isCheckable() and zero.isCheckable()
    assert one.isChecked() != zero.isChecked()
    zero.click()
    assert zero.isChecked() and not one.isChecked()
    zero.click()  # clicking the selected class again keeps one class selected
    assert zero.isChecked() and not one.isChecked()


def test_fresh_window_explains_itself(window):
    assert "no data" in state_text(window)
    assert iteration(window) == 0
    assert not find(window, "lowerAlpha", QtWidgets.QPushButton).isVisible()
    assert find(window, "standardize", QtWidgets.QAbstractButton).isChecked()
    explanation = find(window, "explanationLabel", QtWidgets.QLabel)
    assert explanation.isVisible() and "click" in explanation.text().lower()
    # Play does nothing without data.
    find(window, "playPause", QtWidgets.QAbstractButton).click()
    assert not window.controller.timer.isActive()
    assert not find(window, "playPause", QtWidgets.QAbstractButton).isChecked()


def test_classes_differ_in_colour_and_marker_shape(window):
    assert SYMBOL[1] != SYMBOL[0]
    assert LIGHT.class_one.lower() != LIGHT.class_zero.lower()
    one = find(window, "classOne", QtWidgets.QAbstractButton).text()
    zero = find(window, "classZero", QtWidgets.QAbstractButton).text()
    assert "1" in one and "0" in zero
    # The buttons show the marker shape the plot uses (▲ for class 1, ● for class 0).
    assert "▲" in one and "●" in zero
    symbols = {item.opts["symbol"] for item in data_plot(window).getPlotItem().items
               if isinstance(item, pg.ScatterPlotItem)}
    assert {SYMBOL[1], SYMBOL[0]} <= symbols


def test_dangling_timer_guard_sees_running_timers(_dangling_qtimers):
    """The autouse guard records started timers, so one left running fails its test."""
    timer = QtCore.QTimer()
    timer.start(10_000)
    assert [t for t, _ in _dangling_qtimers.active()] == [timer]
    timer.stop()
    assert _dangling_qtimers.active() == []
    fired = []
    QtCore.QTimer.singleShot(0, lambda: fired.append(1))
    assert _dangling_qtimers.pending_single_shots == 1
    QtWidgets.QApplication.processEvents()
    assert fired == [1] and _dangling_qtimers.pending_single_shots == 0


def test_closing_the_window_while_playing_stops_every_timer(qtbot, window, _dangling_qtimers):
    """A closed window must not keep redrawing itself 60 times a second."""
    from .driver import load_preset

    load_preset(qtbot, window, "Linear")
    play = find(window, "playPause", QtWidgets.QAbstractButton)
    qtbot.mouseClick(play, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: iteration(window) > 0, timeout=20_000)
    assert window.controller.timer.isActive()
    window.close()
    qtbot.wait(50)
    assert [t for t, _ in _dangling_qtimers.active()] == []
    assert not play.isChecked()


def test_the_compact_graph_marks_standardized_numbers(qtbot, window):
    """On a small stage the computational graph is one short box per node; it showed
    standardized x, w and b unmarked beside the equation bar's original-unit θ
    (b = 15.3 there, −16.6 in the equation)."""
    from app.inside_views import GraphPanel

    window.preset_menu.load(0)
    assert window.controller.session.standardize
    window.presentation_action.trigger()
    window.stage_keys.select("graph")
    panel = window.findChild(GraphPanel)
    qtbot.waitUntil(lambda: panel.values is not None, timeout=5_000)
    compact = panel._html("compact")
    for mark in ("x (std.) = (", "w (std.) = (", "b (std.) = "):
        assert mark in compact, compact
    window.presentation_action.trigger()
