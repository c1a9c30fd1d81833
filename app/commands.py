"""Undoable point edits (QUndoStack commands).

Small edits store only what changed, so a 10,000-point lesson can have a
long undo history; whole-set replacements (clear, preset, import) store both
sets; a lesson opened (a file, a preset, a restore) stores both lessons, so its
undo puts back the setup too.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QUndoCommand


class _PointCommand(QUndoCommand):
    def __init__(self, controller, text):
        super().__init__(text)
        self.controller = controller

    def _data(self):
        return self.controller.points, self.controller.labels  # a big edit's too


class AddPoint(_PointCommand):
    def __init__(self, controller, x, y, label):
        super().__init__(controller, f"Add class {label} point")
        self.point, self.label = (x, y), label

    def redo(self):
        points, labels = self._data()
        self.controller.apply_points(np.vstack([points, [self.point]]),
                                     np.append(labels, self.label))

    def undo(self):
        points, labels = self._data()
        self.controller.apply_points(points[:-1], labels[:-1])


class DeletePoint(_PointCommand):
    def __init__(self, controller, index):
        super().__init__(controller, "Delete point")
        points, labels = self._data()
        self.index = index
        self.point, self.label = points[index].copy(), int(labels[index])

    def redo(self):
        points, labels = self._data()
        self.controller.apply_points(np.delete(points, self.index, axis=0),
                                     np.delete(labels, self.index))

    def undo(self):
        points, labels = self._data()
        self.controller.apply_points(np.insert(points, self.index, self.point, axis=0),
                                     np.insert(labels, self.index, self.label))


class MovePoint(_PointCommand):
    def __init__(self, controller, index, old, new):
        super().__init__(controller, "Move point")
        self.index, self.old, self.new = index, tuple(old), tuple(new)

    def _move_to(self, xy):
        points, labels = self._data()
        points = points.copy()
        points[self.index] = xy
        self.controller.apply_points(points, labels)

    def redo(self):
        self._move_to(self.new)

    def undo(self):
        self._move_to(self.old)


class ReplacePoints(_PointCommand):
    def __init__(self, controller, points, labels, text):
        super().__init__(controller, text)
        self.old = tuple(a.copy() for a in self._data())
        self.new = (np.asarray(points, dtype=float).copy(), np.asarray(labels).copy())

    def redo(self):
        self.controller.apply_points(*self.new)

    def undo(self):
        self.controller.apply_points(*self.old)


class OpenLesson(ReplacePoints):
    """A lesson opened: its points, setup (features, α, ε, loss, λ, …), θ and view.

    Undo puts back all of what was on screen before (``before``, a Lesson of the
    session then), not just the points: undoing "Open week3" left week3's α and
    features on the old points.  ``before`` None (a state no lesson can hold):
    undo puts back the points only."""

    def __init__(self, controller, lesson, before, text):
        super().__init__(controller, lesson.points, lesson.labels, text)
        self.lesson, self.before = lesson, before

    def redo(self):
        self.controller.apply_lesson(self.lesson)

    def undo(self):
        if self.before is None:
            super().undo()
        else:
            self.controller.apply_lesson(self.before)
