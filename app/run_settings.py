"""The controller's run settings: features, scaling, loss, α, ε and the pace (mixed
into app.controller.Controller).

Kept apart only for size: the same one controller, with its session, worker and
presenters (``self`` is the Controller).
"""

from __future__ import annotations

import math

from core.features import LINEAR

FRAME_MS = 16  # about 60 frames per second (62.5)
#: "Steps per frame" at its maximum means: as fast as the machine goes.
MAX_STEPS_PER_FRAME = 100_000
#: While J bounces or rises, descent slows to this many steps a second, so the class
#: sees each overshoot (at 50 steps a frame the whole bounce was over in a second).
SHOW_BOUNCE_PACE = 12.0
BOUNCING = ("oscillating", "diverging")


class RunSettings:
    """Each setting lands in the session at a step boundary (``worker.access()``);
    a change of features, scaling or loss starts a new run."""

    def _new_run(self, change):
        """A change that replaces the run: the old history and scrub position are gone
        (``worker.access()`` leaves the history view)."""
        with self.worker.access():
            change()
            self.races.restart(self.session)
        self.push_settings()
        self.refresh()
        self.edited.emit()

    def set_terms(self, terms):
        self._new_run(lambda: self.session.set_terms(terms))

    def terms_from_boxes(self):
        boxes = self.window.controls.term_boxes
        extra = tuple(t for t in ("x1^2", "x1*x2", "x2^2") if boxes[t].isChecked())
        self.set_terms(LINEAR + extra)

    def set_standardize(self, on):
        self._new_run(lambda: self.session.set_standardize(on))

    def set_loss(self, loss):
        """Cross-entropy or squared error; same θ, the cost curve starts again."""
        if loss != self.session.loss:
            self._new_run(lambda: setattr(self.session, "loss", loss))

    def set_learning_rate(self, alpha):
        if not (alpha > 0 and math.isfinite(alpha)):
            return
        with self.worker.access():
            self.session.learning_rate = alpha
        self.window.controls.set_alpha(alpha)
        if self.playing and not self.worker.running:
            self.worker.start()  # a new α after a divergence: go on
        self.refresh()
        self.edited.emit()

    def multiply_learning_rate(self, factor):
        self.set_learning_rate(min(max(self.session.learning_rate * factor, 1e-6), 1e6))

    def lower_alpha(self):
        self.set_learning_rate(self.session.learning_rate / 10)
        self.set_playing(True)

    def set_tolerance(self, tol):
        with self.worker.access():
            self.session.tol = tol
        self.refresh()
        self.edited.emit()

    def set_steps_per_frame(self, n):
        self.steps_per_frame = int(n)
        self._set_pace()
        self.edited.emit()

    def _set_pace(self):
        n = self.steps_per_frame
        pace = None if n >= MAX_STEPS_PER_FRAME else n * 1000.0 / FRAME_MS
        if self.slowed:
            pace = SHOW_BOUNCE_PACE if pace is None else min(pace, SHOW_BOUNCE_PACE)
        self.worker.pace = pace

    def _slow_for_bounce(self, word):
        """Slow down while the run bounces, back to the chosen pace once it stops."""
        slow = self.playing and self.race is None and word in BOUNCING
        if slow != self.slowed:
            self.slowed = slow
            self._set_pace()
            if slow:
                self.window.statusBar().showMessage(
                    f"Slowed to {SHOW_BOUNCE_PACE:g} steps a second to show each overshoot; "
                    "the chosen pace returns when J stops bouncing.", 8000)

    def set_cost_log(self, on):
        self.window.cost_plot.set_log(on)
        self.refresh()

    def push_settings(self):
        """Show the session's settings in the controls, without echoing signals."""
        self.window.controls.show_settings(self.session, self.steps_per_frame)
