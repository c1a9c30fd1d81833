"""The controller's point edits and lecture settings (mixed into app.controller.Controller).

Kept apart only for size: they are the same one controller, with its session,
worker, undo stack and presenters (``self`` is the Controller).
"""

from __future__ import annotations

import threading

import numpy as np
from PySide6 import QtCore

from . import commands

#: From this many points on, an edit's features are built on a thread of its own.
BIG_EDIT = 200_000


class PointEdits:
    """Clicks and drags become undoable commands; ``apply_points`` is the one way the
    data change."""

    def _init_edits(self):
        # Big edits: the newest waiting, the one being prepared, the status message
        # shown meanwhile, the number of the last edit and of the last that landed.
        self._pending = self._preparing = self._applying = None
        self._edit_token = self._landed_token = 0
        self._landing = False
        self.pointsPrepared.connect(self._points_prepared,
                                    QtCore.Qt.ConnectionType.QueuedConnection)

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
        if len(self.points):
            self.undo_stack.push(commands.ReplacePoints(self, np.zeros((0, 2)), np.zeros(0),
                                                        "Clear points"))

    def replace_points(self, points, labels, text):
        self.undo_stack.push(commands.ReplacePoints(self, points, labels, text))

    # The data as the user left them: a big edit still being prepared included.
    @property
    def points(self):
        return self.session.points if self._pending is None else self._pending[0]

    @property
    def labels(self):
        return self.session.labels if self._pending is None else self._pending[1]

    @property
    def edits_pending(self):
        """True while a big edit is being prepared or waits to be."""
        return self._pending is not None or self._preparing is not None

    def apply_points(self, points, labels):
        """Called by the undo commands and drags: the only way the data changes.

        A big edit (a click, an undo, a drag among hundreds of thousands of points)
        is prepared on a thread: its features, scaling and objective took 0.2–1 s of
        the GUI thread at two million points.  Frames go on showing the run as it is
        until the new data land at a step boundary.  Each edit is made from the
        newest data (:attr:`points`), so none is lost; one preparation runs at a
        time, and edits made meanwhile wait as one (the newest), prepared next: a
        drag moves in steps, and memory holds two copies of the data, not one per
        mouse move.  Any other change of the session first lands them
        (``worker.before_change``), so changes land in the order they were made.
        Inside a compound change (the caller holds the session, e.g. opening a
        lesson) an edit lands at once."""
        self._edit_token += 1
        if max(len(points), self.session.m) < BIG_EDIT or self.worker.holding:
            self._pending = None  # made from it: this edit holds the ones waiting
            self._land_points(points, labels, self._edit_token)
            return
        self._pending = (points, labels, self._edit_token)
        if self._preparing is None:
            self._start_preparing()

    def _start_preparing(self):
        points, labels, token = self._pending
        prepare, box = self.session.prepare_points(points, labels), []
        density = self.model.density_job()  # the data plot's image of them, if dense

        def run():
            try:
                prepared = prepare()
                box.append(prepared)
                if density is not None:
                    box.append(density(prepared.points, prepared.labels))
            except Exception as exc:  # noqa: BLE001 - set_points raises it on the GUI thread
                box.append(exc)
            try:
                self.pointsPrepared.emit(token)
            except RuntimeError:  # the window closed meanwhile
                pass

        thread = threading.Thread(target=run, name="big edit", daemon=True)
        self._preparing = (token, thread, box, points, labels)
        thread.start()
        self._applying = f"Applying the edit to {len(points):,} points…"
        self.window.statusBar().showMessage(self._applying)

    def finish_edits(self):
        """Land the edits still being prepared or waiting, now (before a save, a close
        or another change of the session)."""
        if self._landing:
            return
        if self._preparing is not None:
            self._preparing[1].join()
            self._points_prepared(self._preparing[0], go_on=False)
        if self._pending is not None:
            points, labels, token = self._pending
            self._pending = None
            self._land_points(points, labels, token)

    def _points_prepared(self, token, go_on=True):
        prep = self._preparing
        if prep is None or prep[0] != token:  # landed already (finish_edits)
            return
        self._preparing = None
        _, _, box, points, labels = prep
        if self._pending is not None and self._pending[2] == token:
            self._pending = None
        if token > self._landed_token:  # not overtaken by an edit that landed at once
            prepared = box[0] if box and not isinstance(box[0], Exception) else None
            if prepared is not None and len(box) > 1:
                self.model.offer_density(box[1])
            self._land_points(points, labels, token, prepared)
        if self._pending is not None and go_on:
            self._start_preparing()
        self._done_applying()

    def _done_applying(self):
        """Take "Applying the edit…" down once nothing waits (and only that message)."""
        if self._pending is None and self._preparing is None and self._applying:
            bar = self.window.statusBar()
            if bar.currentMessage() == self._applying:
                bar.clearMessage()
            self._applying = None

    def _land_points(self, points, labels, token, prepared=None):
        self._landed_token = token
        self._landing = True  # the edits still waiting are newer: they land after this
        try:
            with self.worker.access():
                self.session.set_points(points, labels, prepared=prepared)
                self.races.restart(self.session)
        finally:
            self._landing = False
        self._done_applying()
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
        self.push_settings()  # the column's "Stop:" names the test in use
        self.refresh()
        self.edited.emit()

    def set_l2(self, lam):
        """λ of the L2 penalty on the weights (original units); same θ, a new cost curve."""
        if lam != self.session.l2:
            self._new_run(lambda: setattr(self.session, "l2", lam))

    def set_original_theta(self, theta):
        """Jump to a typed θ (bias first, original units); descent goes on from there."""
        with self.worker.access():
            self.session.set_original_theta(theta)
        self.refresh()
        self.edited.emit()
