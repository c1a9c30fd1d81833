"""Placing, deleting, moving and clearing points on the data plot, with undo."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import Qt

from .driver import (
    all_points_shown,
    data_plot,
    data_to_viewport,
    find,
    iteration,
    load_preset,
    pixel_size,
    points_shown,
)

LEFT, RIGHT = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton
NO_MODS = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def view_box(window):
    return data_plot(window).getPlotItem().getViewBox()


def click_data(window, x, y, button=LEFT, modifiers=NO_MODS):
    """A click as the view box reports it, in data coordinates."""
    view_box(window).clicked.emit(float(x), float(y), button, modifiers)


def real_click(qtbot, window, x, y, button=LEFT, modifiers=NO_MODS):
    """A real mouse click on the plot's viewport where (x, y) is drawn."""
    pos = data_to_viewport(window, x, y)
    qtbot.mouseClick(data_plot(window).viewport(), button, modifiers, pos=pos)
    qtbot.wait(1)
    return pos


def assert_near_in_pixels(window, got, want, pixels=1.0):
    sx, sy = pixel_size(window)
    dx, dy = abs(got[0] - want[0]) / sx, abs(got[1] - want[1]) / sy
    assert dx <= pixels and dy <= pixels, f"point {got} is ({dx:.2f}, {dy:.2f}) px from {want}"


def fixed_view(qtbot, window, x=(-3.0, 3.0), y=(-3.0, 3.0)):
    """Show a known data rectangle and let the aspect lock settle."""
    view_box(window).setRange(xRange=x, yRange=y, padding=0)
    return settled_range(qtbot, window)


def settled_range(qtbot, window):
    """The view range once pyqtgraph has finished re-laying out the axes.

    New tick labels change the axis width a few events later, and the aspect
    lock then widens the range once; a click must not change it after that.
    """
    last = None
    for _ in range(40):
        qtbot.wait(25)
        now = view_box(window).viewRange()
        if now == last:
            return now
        last = now
    raise AssertionError("the view range never settled")


def test_click_adds_point_of_selected_class_at_data_coordinates(qtbot, window):
    fixed_view(qtbot, window)
    click_data(window, 1.25, -0.5)
    shown = points_shown(window)
    assert shown[0].shape == (0, 2)
    np.testing.assert_allclose(shown[1], [[1.25, -0.5]])
    find(window, "classZero", QtWidgets.QPushButton).click()
    click_data(window, -2.0, 2.5)
    shown = points_shown(window)
    np.testing.assert_allclose(shown[0], [[-2.0, 2.5]])
    np.testing.assert_allclose(shown[1], [[1.25, -0.5]])


def test_real_mouse_click_lands_within_a_pixel(qtbot, window):
    range_before = fixed_view(qtbot, window)
    targets = [(0.0, 0.0), (1.7, -2.2), (-2.5, 1.3)]
    for x, y in targets:
        real_click(qtbot, window, x, y)
    shown = points_shown(window)[1]
    assert len(shown) == len(targets)
    for got, want in zip(shown, targets):
        assert_near_in_pixels(window, got, want)
    # Clicking must not rescale or pan the view.
    np.testing.assert_allclose(view_box(window).viewRange(), range_before)


def test_real_shift_click_adds_other_class(qtbot, window):
    fixed_view(qtbot, window)
    real_click(qtbot, window, 0.5, 0.5)
    real_click(qtbot, window, -1.0, -1.0, modifiers=SHIFT)
    shown = points_shown(window)
    assert len(shown[1]) == 1 and len(shown[0]) == 1
    assert_near_in_pixels(window, shown[0][0], (-1.0, -1.0))
    # With class 0 selected, Shift+click adds class 1.
    find(window, "classZero", QtWidgets.QPushButton).click()
    click_data(window, 2.0, 2.0, modifiers=SHIFT)
    shown = points_shown(window)
    assert len(shown[1]) == 2 and len(shown[0]) == 1
    np.testing.assert_allclose(shown[1][-1], [2.0, 2.0])


def test_clicks_after_the_mouse_hovered_over_a_marker_add_and_delete(qtbot, window,
                                                                     monkeypatch):
    """A mouse that has just hovered over a point: its left click adds, Shift adds the
    other class, a right click deletes. The click goes straight to the plot (it said,
    while hovered, that it takes every click): no search of the items under the
    cursor delays the frame that shows the point."""
    from pyqtgraph import GraphicsScene

    fixed_view(qtbot, window)
    real_click(qtbot, window, 0.0, 0.0)
    searches = []
    search = GraphicsScene.itemsNearEvent

    def counted(scene, event, *args, **kwargs):
        searches.append(type(event).__name__)
        return search(scene, event, *args, **kwargs)

    monkeypatch.setattr(GraphicsScene, "itemsNearEvent", counted)
    viewport = data_plot(window).viewport()
    over = data_to_viewport(window, 0.0, 0.0)
    # From a pixel away (Qt sends no move to where the cursor already is; pyqtgraph
    # drops moves closer than 10 ms), then onto the marker.
    qtbot.mouseMove(viewport, over + QtCore.QPoint(1, 1))
    qtbot.wait(25)
    qtbot.mouseMove(viewport, over)
    qtbot.wait(25)
    hover = data_plot(window).scene().lastHoverEvent
    assert hover is not None and hover.clickItems().get(LEFT) is view_box(window)
    searches.clear()
    real_click(qtbot, window, 0.0, 0.0)
    assert "MouseClickEvent" not in searches
    real_click(qtbot, window, 0.0, 0.0, modifiers=SHIFT)
    shown = points_shown(window)
    assert len(shown[1]) == 2 and len(shown[0]) == 1
    real_click(qtbot, window, 0.0, 0.0, button=RIGHT)
    assert sum(len(v) for v in points_shown(window).values()) == 2


def test_a_click_on_the_axes_adds_no_point(qtbot, window):
    """pyqtgraph passes a click on an axis to its plot: it added a point outside the
    view, counted in "accuracy … of m" but drawn nowhere."""
    fixed_view(qtbot, window)
    plot = data_plot(window)
    real_click(qtbot, window, 0.0, 0.0)
    for name in ("left", "bottom"):
        axis = plot.getPlotItem().getAxis(name)
        middle = axis.mapToScene(axis.boundingRect().center())
        qtbot.mouseClick(plot.viewport(), LEFT, NO_MODS, pos=plot.mapFromScene(middle))
        qtbot.mouseClick(plot.viewport(), LEFT, SHIFT, pos=plot.mapFromScene(middle))
        assert window.controller.session.m == 1, f"a click on the {name} axis added a point"
    assert sum(len(v) for v in points_shown(window).values()) == 1


def test_keys_one_and_zero_switch_class(qtbot, window):
    fixed_view(qtbot, window)
    one = find(window, "classOne", QtWidgets.QPushButton)
    zero = find(window, "classZero", QtWidgets.QPushButton)
    assert one.isChecked() and not zero.isChecked()
    qtbot.keyClick(window, Qt.Key.Key_0)
    assert zero.isChecked() and not one.isChecked()
    click_data(window, 0.0, 1.0)
    qtbot.keyClick(window, Qt.Key.Key_1)
    assert one.isChecked() and not zero.isChecked()
    click_data(window, 0.0, -1.0)
    shown = points_shown(window)
    np.testing.assert_allclose(shown[0], [[0.0, 1.0]])
    np.testing.assert_allclose(shown[1], [[0.0, -1.0]])


def test_right_click_near_point_deletes_only_that_point(qtbot, window):
    fixed_view(qtbot, window)
    for x, y in [(0.0, 0.0), (1.0, 1.0), (-1.0, 2.0)]:
        click_data(window, x, y)
    sx, sy = pixel_size(window)
    # A right click three pixels off the point still hits it.
    click_data(window, 1.0 + 3 * sx, 1.0 - 2 * sy, RIGHT)
    np.testing.assert_allclose(all_points_shown(window), [[0.0, 0.0], [-1.0, 2.0]])
    # A right click on empty space deletes nothing (and adds nothing).
    click_data(window, 2.5, -2.5, RIGHT)
    assert len(all_points_shown(window)) == 2
    # And with a real right click on the viewport.
    real_click(qtbot, window, -1.0, 2.0, RIGHT)
    np.testing.assert_allclose(all_points_shown(window), [[0.0, 0.0]])


def test_drag_moves_point_with_view_box_signals_and_undo_restores_it(qtbot, window):
    fixed_view(qtbot, window)
    click_data(window, 0.0, 0.0)
    click_data(window, 1.0, 1.0)
    vb = view_box(window)
    vb.dragStarted.emit(1.0, 1.0)
    vb.dragged.emit(1.5, 0.5)
    np.testing.assert_allclose(all_points_shown(window)[1], [1.5, 0.5])  # follows the mouse
    vb.dragged.emit(2.0, -1.0)
    vb.dragFinished.emit(2.0, -1.0)
    np.testing.assert_allclose(all_points_shown(window), [[0.0, 0.0], [2.0, -1.0]])
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    np.testing.assert_allclose(all_points_shown(window), [[0.0, 0.0], [1.0, 1.0]])


def test_real_mouse_drag_moves_point_not_view(qtbot, window):
    range_before = fixed_view(qtbot, window)
    click_data(window, -1.0, -1.0)
    viewport = data_plot(window).viewport()
    start = data_to_viewport(window, -1.0, -1.0)
    end = data_to_viewport(window, 1.5, 2.0)
    qtbot.mousePress(viewport, LEFT, NO_MODS, start)
    for t in np.linspace(0.0, 1.0, 6)[1:]:
        p = QtCore.QPoint(round(start.x() + t * (end.x() - start.x())),
                          round(start.y() + t * (end.y() - start.y())))
        qtbot.wait(25)  # pyqtgraph rate-limits mouse moves
        qtbot.mouseMove(viewport, p)
    qtbot.wait(25)
    qtbot.mouseRelease(viewport, LEFT, NO_MODS, end)
    qtbot.wait(1)
    shown = all_points_shown(window)
    assert len(shown) == 1, "a drag must move the point, not add one"
    assert_near_in_pixels(window, shown[0], (1.5, 2.0))
    np.testing.assert_allclose(view_box(window).viewRange(), range_before)


def test_clear_then_undo_redo(qtbot, window):
    load_preset(qtbot, window, "Linear")
    before = all_points_shown(window)
    assert len(before) == 40
    qtbot.mouseClick(find(window, "clear", QtWidgets.QPushButton), LEFT)
    assert len(all_points_shown(window)) == 0
    assert "no data" in find(window, "stateLabel", QtWidgets.QLabel).text().lower()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    np.testing.assert_allclose(np.sort(all_points_shown(window), axis=0), np.sort(before, axis=0))
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(all_points_shown(window)) == 0


def test_undo_redo_point_edits_in_order(qtbot, window):
    fixed_view(qtbot, window)
    ctrl = Qt.KeyboardModifier.ControlModifier
    click_data(window, 0.0, 0.0)
    click_data(window, 1.0, 0.0, modifiers=SHIFT)
    click_data(window, 0.0, 0.0, RIGHT)
    np.testing.assert_allclose(all_points_shown(window), [[1.0, 0.0]])
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)  # undo the delete
    assert len(all_points_shown(window)) == 2
    qtbot.keyClick(window, Qt.Key.Key_Z, ctrl)  # undo the class 0 point
    np.testing.assert_allclose(points_shown(window)[1], [[0.0, 0.0]])
    assert len(points_shown(window)[0]) == 0
    qtbot.keyClick(window, Qt.Key.Key_Y, ctrl)  # redo it
    np.testing.assert_allclose(points_shown(window)[0], [[1.0, 0.0]])


@pytest.mark.parametrize("button", [LEFT, RIGHT])
def test_clicking_never_changes_view_range(qtbot, window, button):
    load_preset(qtbot, window, "Circle")
    before = settled_range(qtbot, window)
    for x, y in [(0.0, 0.0), (2.0, 2.0), (-2.0, 1.0), (1.0, 0.0)]:
        real_click(qtbot, window, x, y, button)
    np.testing.assert_allclose(view_box(window).viewRange(), before)


def test_clicks_while_running_take_effect_at_once(qtbot, window, controller):
    load_preset(qtbot, window, "Overlapping")
    find(window, "tolerance", QtWidgets.QDoubleSpinBox).setValue(0.0)  # runs until paused
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    assert play.isChecked()
    n = len(all_points_shown(window))
    click_data(window, 0.1, 0.2)
    assert len(all_points_shown(window)) == n + 1
    assert play.isChecked(), "adding a point must not stop the run"
    qtbot.mouseClick(play, LEFT)
    assert not play.isChecked()


def test_view_does_not_jump_while_descent_runs(qtbot, window):
    """The equations under the plot change length every frame; when they rewrap, the
    plot must not resize (its aspect-locked view would rescale and the picture jump)."""
    load_preset(qtbot, window, "Circle")
    qtbot.mouseClick(find(window, "featureQuadratic", QtWidgets.QPushButton), LEFT)
    before = settled_range(qtbot, window)
    ranges, heights = set(), set()

    def on_frame(_seconds):
        ranges.add(tuple(map(tuple, view_box(window).viewRange())))
        heights.add(data_plot(window).height())

    window.controller.frameDrawn.connect(on_frame)
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: iteration(window) >= 3000, timeout=20_000)
    qtbot.mouseClick(play, LEFT)
    qtbot.wait(20)
    ranges.add(tuple(map(tuple, view_box(window).viewRange())))
    assert len(heights) == 1, f"the data plot changed height while running: {sorted(heights)}"
    assert ranges == {tuple(map(tuple, before))}


def test_dragging_a_point_while_running_moves_it_and_descent_goes_on(qtbot, window):
    load_preset(qtbot, window, "Overlapping")
    find(window, "stepsPerFrame", QtWidgets.QSpinBox).setValue(1)
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: iteration(window) >= 5, timeout=20_000)
    x, y = all_points_shown(window)[0]
    vb = view_box(window)
    vb.dragStarted.emit(float(x), float(y))
    for t in np.linspace(0, 1, 5)[1:]:
        vb.dragged.emit(float(x + t), float(y - t))
        qtbot.wait(20)
    vb.dragFinished.emit(float(x + 1), float(y - 1))
    shown = all_points_shown(window)
    assert len(shown) == 80
    assert np.any(np.all(np.isclose(shown, [x + 1, y - 1]), axis=1))
    assert not np.any(np.all(np.isclose(shown, [x, y]), axis=1))
    at = iteration(window)
    assert play.isChecked()
    qtbot.waitUntil(lambda: iteration(window) > at, timeout=20_000)
    qtbot.mouseClick(play, LEFT)
