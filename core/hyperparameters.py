"""α, ε, λ, the loss, the update form and the stopping test of a live run.

A mixin of :class:`core.session.Session`, so ``session.learning_rate = 2``
stays one attribute of the session; the host supplies ``engine``,
``_new_engine(theta)`` and ``_edited()``.

Which change is an *edit* (the trend of J starts again) is decided here: α,
λ, the loss and the update form change the run descent makes, while ε and
the stopping test only change when it stops.
"""

from __future__ import annotations

from .checks import check_l2, check_learning_rate, check_loss, check_stop, check_tol, check_update


class Hyperparameters:
    """The settings of descent, each checked and passed on to the engine."""

    @property
    def learning_rate(self):
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        value = check_learning_rate(value)
        changed = value != self._learning_rate
        self._learning_rate = value
        self.engine.learning_rate = value
        if self.engine.diverged_at is not None:
            # A new α is the user's answer to a divergence: let them go on.
            self.engine.set_theta(self.engine.theta)
        if changed:
            self._edited()

    @property
    def tol(self):
        return self._tol

    @tol.setter
    def tol(self, value):
        value = check_tol(value)
        self._tol = value
        self.engine.tol = value

    @property
    def l2(self):
        """λ of the L2 penalty λ/(2m)·Σ w_j² on the weights in original units (0: none)."""
        return self._l2

    @l2.setter
    def l2(self, value):
        value = check_l2(value)
        if value == self._l2:
            return
        self._l2 = value
        self._new_objective()

    @property
    def update(self):
        """"simultaneous" (the correct form) or "sequential" (the slide's incorrect form)."""
        return self._update

    @update.setter
    def update(self, value):
        value = check_update(value)
        if value == self._update:
            return
        self._update = value
        self.engine.update = value
        self._edited()

    @property
    def stop(self):
        """The stopping test: "gradient" (‖dw‖ ≤ ε) or "step" (‖W^{t+1} − W^t‖₂ ≤ ε)."""
        return self._stop

    @stop.setter
    def stop(self, value):
        self._stop = check_stop(value)
        self.engine.stop = self._stop

    @property
    def loss(self):
        return self._loss

    @loss.setter
    def loss(self, value):
        value = check_loss(value)
        if value == self._loss:
            return
        self._loss = value
        self._new_objective()

    def _new_objective(self):
        # Same θ, new objective: the cost curve starts again from here.
        self.engine = self._new_engine(self.engine.theta)
        self._edited()
