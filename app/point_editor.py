"""Mouse gestures on the data plot, turned into undoable point edits."""

from __future__ import annotations

import math

import numpy as np
from PySide6 import QtCore

from . import commands

GRAB_RADIUS_PX = 8  # how near a click must be to a point to hit it
LEFT, RIGHT = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton
SHIFT = QtCore.Qt.KeyboardModifier.ShiftModifier
INSPECT = QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.AltModifier


class PointEditor:
    """Click adds, Shift+click adds the other class, right-click deletes, drag moves,
    Ctrl/Alt+click follows a point through the computational graph."""

    def __init__(self, controller, data_plot):
        self.controller = controller
        self.plot = data_plot
        self.drag = None  # (index, original xy) while a point is dragged

    def connect(self, view_box):
        view_box.clicked.connect(self.click)
        view_box.grab_test = lambda x, y: self.nearest_point(x, y) is not None
        view_box.dragStarted.connect(self.drag_start)
        view_box.dragged.connect(self.drag_to)
        view_box.dragFinished.connect(self.drag_finish)

    def nearest_point(self, x, y, radius_px=GRAB_RADIUS_PX):
        """Index of the point within ``radius_px`` screen pixels of (x, y), or None."""
        pts = self.controller.points
        if not len(pts):
            return None
        sx, sy = self.plot.pixel_size()
        d2 = ((pts[:, 0] - x) / sx) ** 2 + ((pts[:, 1] - y) / sy) ** 2
        i = int(np.argmin(d2))
        return i if d2[i] <= radius_px**2 else None

    def click(self, x, y, button, modifiers):
        if not (math.isfinite(x) and math.isfinite(y)):
            return
        c = self.controller
        if button == RIGHT:
            i = self.nearest_point(x, y)
            if i is not None:
                c.delete_point(i)
        elif button == LEFT and modifiers & INSPECT:
            c.inspect_point(self.nearest_point(x, y))
        elif button == LEFT:
            label = c.selected_class
            if modifiers & SHIFT:
                label = 1 - label
            c.add_point(x, y, label)

    def drag_start(self, x, y):
        i = self.nearest_point(x, y)
        self.drag = None if i is None else (i, self.controller.points[i].copy())

    def drag_to(self, x, y):
        """Move live (no undo entry yet): descent keeps running on the moving point."""
        if self.drag is None or not (math.isfinite(x) and math.isfinite(y)):
            return
        c = self.controller
        points = c.points.copy()
        points[self.drag[0]] = (x, y)
        c.apply_points(points, c.labels)

    def drag_finish(self, x, y):
        if self.drag is None:
            return
        i, old = self.drag
        self.drag = None
        c = self.controller
        new = c.points[i].copy()
        if math.isfinite(x) and math.isfinite(y):
            new = np.array([x, y])
        c.undo_stack.push(commands.MovePoint(c, i, old, new))
