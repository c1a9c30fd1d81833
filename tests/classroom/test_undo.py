"""Undo/redo for every point edit: add, delete, move, clear, preset load, CSV import.

Undo puts back exactly the points before the edit (bit for bit, in order, with
their labels, and on screen); redo applies the edit again.  Both through the
undo stack and through Ctrl+Z / Ctrl+Shift+Z pressed in the window.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore
from PySide6.QtTest import QTest

from core.lesson import write_csv

from .support import points_and_labels, same_data, shown_points

Qt = QtCore.Qt


# Mouse gestures arrive as the data plot's view box signals (data coordinates).
def _click(win, x, y, button=Qt.MouseButton.LeftButton, modifiers=Qt.KeyboardModifier.NoModifier):
    win.data_plot.view_box.clicked.emit(float(x), float(y), button, modifiers)


def _drag(win, path):
    vb = win.data_plot.view_box
    vb.dragStarted.emit(*map(float, path[0]))
    for x, y in path[1:]:
        vb.dragged.emit(float(x), float(y))
    vb.dragFinished.emit(*map(float, path[-1]))


def _add(qtbot, win, tmp_path):
    _click(win, 0.123456789, -0.75)


def _add_other_class(qtbot, win, tmp_path):
    _click(win, 1.5, 1.25, modifiers=Qt.KeyboardModifier.ShiftModifier)


def _delete(qtbot, win, tmp_path):
    x, y = win.controller.session.points[3]
    _click(win, x, y, button=Qt.MouseButton.RightButton)


def _move(qtbot, win, tmp_path):
    x, y = win.controller.session.points[5]
    _drag(win, [(x, y), (x + 0.3, y - 0.1), (x + 0.6, y - 0.2)])


def _clear(qtbot, win, tmp_path):
    win.controls.clear.click()


def _preset(qtbot, win, tmp_path):
    win.preset_menu.load(3)


def _csv(qtbot, win, tmp_path):
    path = tmp_path / "class.csv"
    write_csv(path, np.array([[0.5, 0.25], [-1.0, 2.0], [3.0, -0.125]]), np.array([1, 0, 1]))
    assert win.files.open_path(str(path))


EDITS = {"add": _add, "add_other_class": _add_other_class, "delete": _delete, "move": _move,
         "clear": _clear, "preset": _preset, "csv_import": _csv}


def _on_screen(win):
    shown = shown_points(win)
    p, lab = points_and_labels(win)
    for label in (0, 1):
        assert np.array_equal(np.sort(shown[label], axis=0), np.sort(p[lab == label], axis=0))


def _undo_keys(qtbot, win):
    QTest.keyClick(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo_keys(qtbot, win):
    QTest.keyClick(win, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


@pytest.mark.parametrize("how", ["stack", "keys"])
@pytest.mark.parametrize("edit", EDITS)
def test_undo_restores_and_redo_reapplies(qtbot, window, tmp_path, edit, how):
    win = window
    c = win.controller
    win.preset_menu.load(0)
    c.undo_stack.clear()
    before = points_and_labels(win)
    EDITS[edit](qtbot, win, tmp_path)
    after = points_and_labels(win)
    assert not same_data(before, after), "the edit changed nothing"
    assert c.undo_stack.count() == 1, "one edit must be one undo step"
    assert c.undo_stack.canUndo()

    if how == "stack":
        undo, redo = c.undo_stack.undo, c.undo_stack.redo
    else:
        def undo():
            _undo_keys(qtbot, win)

        def redo():
            _redo_keys(qtbot, win)

    undo()
    assert same_data(points_and_labels(win), before), "undo did not restore the points"
    _on_screen(win)
    redo()
    assert same_data(points_and_labels(win), after), "redo did not re-apply the edit"
    _on_screen(win)
    undo()
    assert same_data(points_and_labels(win), before)


def test_a_drag_is_one_undo_step_back_to_where_it_started(window):
    win = window
    c = win.controller
    win.preset_menu.load(0)
    c.undo_stack.clear()
    before = points_and_labels(win)
    x, y = c.session.points[2]
    _drag(win, [(x, y)] + [(x + 0.05 * k, y + 0.02 * k) for k in range(1, 20)]
          + [(x + 1.0, y + 0.4)])
    assert c.undo_stack.count() == 1
    assert tuple(c.session.points[2]) == (x + 1.0, y + 0.4)
    c.undo_stack.undo()
    assert same_data(points_and_labels(win), before)


def test_many_edits_undo_all_the_way_back_and_redo_all_the_way(qtbot, window):
    win = window
    c = win.controller
    win.preset_menu.load(0)
    c.undo_stack.clear()
    states = [points_and_labels(win)]
    rng = np.random.default_rng(7)
    for k in range(12):
        if k % 4 == 3:
            x, y = c.session.points[int(rng.integers(0, c.session.m))]
            _click(win, x, y, button=Qt.MouseButton.RightButton)
        else:
            x, y = rng.normal(size=2) * 3
            _click(win, x, y, modifiers=Qt.KeyboardModifier.ShiftModifier if k % 2
                   else Qt.KeyboardModifier.NoModifier)
        states.append(points_and_labels(win))
    for state in reversed(states[:-1]):
        _undo_keys(qtbot, win)
        assert same_data(points_and_labels(win), state)
    assert not c.undo_stack.canUndo()
    for state in states[1:]:
        _redo_keys(qtbot, win)
        assert same_data(points_and_labels(win), state)
