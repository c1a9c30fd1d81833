"""The run of a live session, read-only: where descent is and how it got there.

A mixin of :class:`core.session.Session` over its ``engine``.  The app reads
these instead of ``session.engine`` because a session replaces its engine on
many edits (λ, the loss, the terms, a reset), and because θ and its gradient
are given here as one vector, bias first, like the slides' W.
"""

from __future__ import annotations

import numpy as np

from .regime import judge


class RunView:
    """Iteration, J, θ, the gradient, the engine's facts, the history and the regime."""

    @property
    def iteration(self):
        """Number of updates since θ⁰ (or since the last restart)."""
        return self.engine.iteration

    @property
    def cost(self):
        """J at the current θ, or None without data."""
        return self.engine.cost

    @property
    def grad_norm(self):
        """‖dw‖ with db included (the stopping test's number), or None without data."""
        return self.engine.grad_norm

    @property
    def theta(self):
        """θ = [b, w1, ..., wn], shape (n_x + 1,), bias first, on the features descent
        runs on (standardized when :attr:`standardize`); a copy.
        :meth:`original_theta` gives the same model in x1, x2 units."""
        return self.engine.theta

    @property
    def gradient(self):
        """[db, dw1, ..., dwn] at the current θ, shape (n_x + 1,), ordered like
        :attr:`theta`; None without data."""
        g = self.engine.gradient
        if g is None:
            return None
        dw, db = g
        return np.concatenate([[db], dw[:, 0]])

    @property
    def step_norm(self):
        """‖W^{t+1} − W^t‖₂ of the last step (engine coordinates), None before a step."""
        return self.engine.step_norm

    @property
    def converged(self):
        """True once the stopping test holds (‖dw‖ ≤ ε)."""
        return bool(self.engine.converged)

    @property
    def diverged(self):
        """True when the last step made θ or J non-finite; descent stopped there."""
        return self.engine.diverged_at is not None

    @property
    def diverged_at(self):
        """(iteration, α) of the step that went non-finite, or None."""
        return self.engine.diverged_at

    # -- J split when λ > 0 ---------------------------------------------------
    @property
    def data_cost(self):
        """J without the L2 penalty (the cross-entropy or squared error); None without data."""
        return self.engine.data_cost

    @property
    def penalty(self):
        """λ/(2m)·Σ w_j² at the current θ (0 when λ = 0)."""
        return self.engine.penalty

    def penalty_of(self, thetas):
        """The L2 penalty of recorded θ rows (k, n_x + 1) → (k,): J − penalty is the
        data loss, so the cost plot can draw both from ``history``."""
        return self.engine.penalty_of(thetas)

    # -- the record and the judgement of it -------------------------------------
    @property
    def history(self):
        """The run's :class:`core.history.History` (costs and θ path, bounded)."""
        return self.engine.history

    def recent_costs(self, k):
        """The last ``k`` costs J (fewer if the run is shorter), oldest first."""
        return self.engine.history.recent_costs(k)

    def regime(self, **options):
        """The run's :class:`core.regime.Regime` (see :func:`core.regime.judge`)."""
        return judge(self, **options)

    @property
    def state(self):
        """The regime's word (see :mod:`core.regime`)."""
        return judge(self).word
