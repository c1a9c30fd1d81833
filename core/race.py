"""Several learning rates raced in lock-step from the same initial θ."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import regime as R
from .descent import GradientDescent
from .regime import _g, judge_lane, steps_text, tiny_steps_stopped

#: A lane still running in one of these regimes, once another lane has won, is not
#: waited for: it bounces or climbs at an α too large for the valley, or ε is more
#: than core.regime.CRAWL_STEPS steps away.  Every lane has then a fate, and the
#: race is over (:attr:`Race.ended_at`).
HOPELESS = (R.OSCILLATING, R.DIVERGING, R.CRAWLING)

#: How the race summary names a running lane's regime.
RUNNING_WORDS = {R.OSCILLATING: "bouncing", R.DIVERGING: "diverging", R.CRAWLING: "crawling",
                 R.SMOOTH: "descending", R.SEPARABLE: "separable: no minimum",
                 R.BADLY_SCALED: "badly scaled", R.ONE_CLASS: "one class: no minimum"}


@dataclass
class Lane:
    learning_rate: float
    engine: GradientDescent
    converged_at: int | None = None  # step at which the stopping test first held
    _judged: tuple = field(default=(None, None, None), repr=False, compare=False)

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
        """This lane's :class:`core.regime.Regime` on ``session``'s data and features
        (judged once per step of the lane)."""
        session_id, iteration, judged = self._judged
        if session_id != id(session) or iteration != self.engine.iteration:
            judged = judge_lane(session, self.engine)
            self._judged = (id(session), self.engine.iteration, judged)
        return judged


class Race:
    """Lanes share X, Y and θ⁰ exactly; ``step`` advances every unfinished lane.

    ``options`` go to every lane's :class:`core.descent.GradientDescent`
    (``update``, ``stop``, ``l2``, ``feature_scale``); :meth:`from_session`
    takes them all from a session, and keeps it: its lanes' regimes are then
    judged (:meth:`fates`) and the race ends once a lane has won and every lane
    still running is :data:`HOPELESS` (:attr:`ended_at`), not never.
    """

    @classmethod
    def from_session(cls, session, learning_rates, theta0=None):
        """A race on ``session``'s features and settings, from its θ⁰ (or ``theta0``)."""
        theta0 = session.initial_theta() if theta0 is None else theta0
        race = cls(session.X, session.Y, theta0, learning_rates, tol=session.tol,
                   loss=session.loss, update=session.update, stop=session.stop,
                   l2=session.l2, feature_scale=session.scaler.scale[:, 0])
        race.session = session
        return race

    def __init__(self, X, Y, theta0, learning_rates, *, tol=1e-4, loss="cross_entropy",
                 **options):
        if not 2 <= len(learning_rates) <= 4:
            raise ValueError("race two to four learning rates")
        self.theta0 = theta0.copy()
        self.session = None  # the session whose data the lanes run on (from_session)
        #: The race step at which it was called: a lane had won and every lane still
        #: running was HOPELESS (None: not called so; see :attr:`finished`).
        self.ended_at = None
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
        """Every lane converged or diverged, or the race was called (:attr:`ended_at`)."""
        return self.ended_at is not None or all(lane.finished for lane in self.lanes)

    def running(self):
        """The lanes still stepping."""
        return [] if self.finished else [lane for lane in self.lanes if not lane.finished]

    def regime(self, lane):
        """``lane``'s :class:`core.regime.Regime`, or None without a session."""
        return None if self.session is None else lane.regime(self.session)

    def _call(self):
        """End the race once a lane has won and no lane still running can do better than
        bounce, climb or crawl (a later convergence could not win anyway)."""
        if self.ended_at is not None or self.session is None or self.winner() is None:
            return
        running = [lane for lane in self.lanes if not lane.finished]
        if running and all(self.regime(lane).word in HOPELESS for lane in running):
            self.ended_at = self.iteration

    def step(self, n=1, time_budget=None):
        """Advance every unfinished lane by up to n steps (lock-step).

        ``time_budget`` (seconds) is shared: each lane gets an equal slice of it,
        and all lanes advance by the same number of steps, the slowest lane's.
        """
        lanes = self.running()
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
        self._call()

    def winner(self):
        """The lane whose stopping test held in the fewest steps (‖dw‖ ≤ ε, or the
        step-size test), or None; a lane :attr:`Lane.stalled` by a tiny α never wins."""
        done = [lane for lane in self.lanes if lane.converged_at is not None and not lane.stalled]
        return min(done, key=lambda lane: lane.converged_at) if done else None

    def fate(self, lane):
        """What became of ``lane`` so far, in a few words: "converged at step 205",
        "diverged at step 3", "bouncing", "still bouncing at step 791: cannot win"…"""
        e = lane.engine
        if lane.stalled:
            return (f"stopped at step {lane.converged_at:,} because its step {_g(e.step_norm)} "
                    f"≤ ε, but ‖dw‖ = {_g(e.grad_norm)}: α is tiny, not at the minimum")
        if lane.diverged:
            return f"diverged at step {e.diverged_at[0]:,}"
        if lane.converged_at is not None:
            test = "stopped" if e.stop == "step" else "converged"
            return f"{test} at step {lane.converged_at:,}"
        judged = self.regime(lane)
        if judged is None:
            word = "running"
        elif e.iteration == 0:
            word = "not started"
        elif judged.word == R.SMOOTH and judged.headline.startswith("At the minimum"):
            word = "at the minimum (ε = 0 never stops it)" if not e.tol > 0 else "at the minimum"
        else:
            word = RUNNING_WORDS.get(judged.word, judged.word)
        if self.ended_at is not None:
            return f"still {word} at step {e.iteration:,}: cannot win"
        return word

    def summary(self):
        """One sentence for the screen: the winner, naming the test that stopped it, then
        every other lane's :meth:`fate`, lanes that share one named together ("α = 0.1,
        1 and 10 separable: no minimum"): said lane by lane, three separable lanes took
        four lines where the presentation stage at 1024×768 has room for three."""
        parts = []
        win = self.winner()
        if win is not None:
            steps = steps_text(win.converged_at)
            if win.engine.stop == "step":
                parts.append(f"α = {win.learning_rate:g} stopped first, in {steps}: "
                             "its step ‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε")
            else:
                parts.append(f"α = {win.learning_rate:g} reached ‖dw‖ ≤ ε first, in {steps}")
        fates = {}  # fate → the α of the lanes it is, in lane order
        for lane in self.lanes:
            if lane is not win:
                fates.setdefault(self.fate(lane), []).append(f"{lane.learning_rate:g}")
        for fate, alphas in fates.items():
            names = alphas[0] if len(alphas) == 1 else f"{', '.join(alphas[:-1])} and {alphas[-1]}"
            parts.append(f"α = {names} {fate}")
        return "; ".join(parts) + "."
