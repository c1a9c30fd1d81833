"""The controller's point edits and lecture settings (mixed into app.controller.Controller).

Kept apart only for size: they are the same one controller, with its session,
worker, undo stack and presenters (``self`` is the Controller).
"""

from __future__ import annotations

import numpy as np

from . import commands


class PointEdits:
    """Clicks and drags become undoable commands; ``apply_points`` is the one way the
    data change."""

    @property
    def selected_class(self):
        return 1 if self.window.controls.class_one.isChecked() else 0

    def select_class(self, label):
        c = self.window.controls
        (c.class_one if label == 1 else c.class_zero).setChecked(True)

    def inspect_point(self, index):
        """Follow example ``index`` through the computational graph (None: stop)."""
        self.graph.selected = self.model.selected = index
        if index is not None:
            self.window.tabs.setCurrentWidget(self.window.graph_scroll)
        self.refresh()

    def set_show_pull(self, on):
        self.model.show_pull = bool(on)
        self.refresh()

    def add_point(self, x, y, label):
        self.undo_stack.push(commands.AddPoint(self, float(x), float(y), int(label)))

    def delete_point(self, index):
        self.undo_stack.push(commands.DeletePoint(self, index))

    def clear_points(self):
        if self.session.m:
            self.undo_stack.push(commands.ReplacePoints(self, np.zeros((0, 2)), np.zeros(0),
                                                        "Clear points"))

    def replace_points(self, points, labels, text):
        self.undo_stack.push(commands.ReplacePoints(self, points, labels, text))

    def apply_points(self, points, labels):
        """Called by the undo commands and drags: the only way the data changes."""
        with self.worker.access():
            self.session.set_points(points, labels)
            self.races.restart(self.session)
        m = len(points)
        if self.graph.selected is not None and self.graph.selected >= m:
            self.graph.selected = self.model.selected = None
        self.refresh()  # the frame that shows the edit, now
        self.edited.emit()



class LectureSettings:
    """The one-click answers of the regime and the lecture's variants (issue 13)."""

    def take_action(self, action):
        """The status panel's one-click answer to the regime (core.regime.ACTIONS)."""
        if action == "lower_alpha":
            self.lower_alpha()
        elif action == "raise_alpha":
            self.multiply_learning_rate(3.0)
        elif action == "standardize":
            self.window.controls.standardize.setChecked(True)
        elif action == "add_other_class":
            missing = 0 if set(self.session.labels.tolist()) == {1} else 1
            self.select_class(missing)
            self.window.statusBar().showMessage(
                f"Click on the plot to add class {missing} points.", 5000)

    def set_update(self, mode):
        """"simultaneous" (the lecture's correct form) or "sequential" (its incorrect form)."""
        if mode != self.session.update:
            self._new_run(lambda: setattr(self.session, "update", mode))

    def set_stop(self, mode):
        """The stopping test: "gradient" (‖dw‖ ≤ ε) or "step" (‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε)."""
        with self.worker.access():
            self.session.stop = mode
        self.refresh()
        self.edited.emit()

    def set_l2(self, lam):
        """λ of the L2 penalty on the weights (original units); same θ, a new cost curve."""
        if lam != self.session.l2:
            self._new_run(lambda: setattr(self.session, "l2", lam))

    def set_original_theta(self, theta):
        """Jump to a typed θ (bias first, original units); descent goes on from there."""
        with self.worker.access():
            self.scrubbing = None
            self.session.set_original_theta(theta)
        self.refresh()
        self.edited.emit()
