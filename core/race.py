"""Several learning rates raced in lock-step from the same initial θ."""

from __future__ import annotations

from dataclasses import dataclass

from .descent import GradientDescent
from .regime import _g, judge_lane, steps_text, tiny_steps_stopped


@dataclass
class Lane:
    learning_rate: float
    engine: GradientDescent
    converged_at: int | None = None  # step at which the stopping test first held

    @property
    def diverged(self):
        return self.engine.diverged_at is not None

    @property
    def finished(self):
        return self.converged_at is not None or self.diverged

    @property
    def stalled(self):
        """Stopped by the step-size test only because α is tiny: ‖dw‖ is far above ε,
        so this lane is not at the minimum and did not win anything."""
        return self.converged_at is not None and tiny_steps_stopped(self.engine)

    def regime(self, session):
        """This lane's :class:`core.regime.Regime` on ``session``'s data and features."""
        return judge_lane(session, self.engine)


class Race:
    """Lanes share X, Y and θ₀ exactly; ``step`` advances every unfinished lane.

    ``options`` go to every lane's :class:`core.descent.GradientDescent`
    (``update``, ``stop``, ``l2``, ``feature_scale``); :meth:`from_session`
    takes them all from a session.
    """

    @classmethod
    def from_session(cls, session, learning_rates, theta0=None):
        """A race on ``session``'s features and settings, from its θ₀ (or ``theta0``)."""
        theta0 = session.initial_theta() if theta0 is None else theta0
        return cls(session.X, session.Y, theta0, learning_rates, tol=session.tol,
                   loss=session.loss, update=session.update, stop=session.stop,
                   l2=session.l2, feature_scale=session.scaler.scale[:, 0])

    def __init__(self, X, Y, theta0, learning_rates, *, tol=1e-4, loss="cross_entropy",
                 **options):
        if not 2 <= len(learning_rates) <= 4:
            raise ValueError("race two to four learning rates")
        self.theta0 = theta0.copy()
        self.lanes = []
        for alpha in learning_rates:
            if not alpha > 0:
                raise ValueError(f"learning rates must be positive, got {alpha!r}")
            engine = GradientDescent(X, Y, theta0[1:].copy(), float(theta0[0]),
                                     learning_rate=alpha, tol=tol, loss=loss, **options)
            lane = Lane(float(alpha), engine)
            if engine.converged:
                lane.converged_at = 0
            self.lanes.append(lane)

    @property
    def iteration(self):
        return max(lane.engine.iteration for lane in self.lanes)

    @property
    def finished(self):
        return all(lane.finished for lane in self.lanes)

    def step(self, n=1, time_budget=None):
        """Advance every unfinished lane by up to n steps (lock-step).

        ``time_budget`` (seconds) is shared: each lane gets an equal slice of it,
        and all lanes advance by the same number of steps, the slowest lane's.
        """
        lanes = [lane for lane in self.lanes if not lane.finished]
        if time_budget is not None and lanes:
            start = lanes[0].engine.iteration
            lanes[0].engine.step(n, time_budget / len(lanes))
            n = max(1, lanes[0].engine.iteration - start)
            if lanes[0].engine.converged and lanes[0].converged_at is None:
                lanes[0].converged_at = lanes[0].engine.iteration
            lanes = lanes[1:]
        for lane in lanes:
            lane.engine.step(n)
            if lane.engine.converged and lane.converged_at is None:
                lane.converged_at = lane.engine.iteration

    def winner(self):
        """The lane whose stopping test held in the fewest steps (‖dw‖ ≤ ε, or the
        step-size test), or None; a lane :attr:`Lane.stalled` by a tiny α never wins."""
        done = [lane for lane in self.lanes if lane.converged_at is not None and not lane.stalled]
        return min(done, key=lambda lane: lane.converged_at) if done else None

    def summary(self):
        """One sentence for the screen, naming the test that stopped each lane it speaks of."""
        parts = []
        win = self.winner()
        if win is not None:
            steps = steps_text(win.converged_at)
            if win.engine.stop == "step":
                parts.append(f"α = {win.learning_rate:g} stopped first, in {steps}: "
                             "its step ‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε")
            else:
                parts.append(f"α = {win.learning_rate:g} reached ‖dw‖ ≤ ε first, in {steps}")
        for lane in self.lanes:
            if lane.stalled:
                e = lane.engine
                parts.append(f"α = {lane.learning_rate:g} stopped at step {lane.converged_at:,} "
                             f"because its step {_g(e.step_norm)} ≤ ε, but ‖dw‖ = "
                             f"{_g(e.grad_norm)}: α is tiny, not at the minimum")
            if lane.diverged:
                parts.append(f"α = {lane.learning_rate:g} diverged at step {lane.engine.diverged_at[0]:,}")
        if not parts:
            return f"Racing… step {self.iteration:,}"
        return "; ".join(parts) + "."
