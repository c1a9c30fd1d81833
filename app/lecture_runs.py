"""The side-by-side runs of the slides, recorded step by step as far as the main run
has gone, and how much of a frame they may spend doing it."""

from __future__ import annotations

import math
import time

import numpy as np

#: The side-by-side runs follow the main run's step, up to this many steps.
DEMO_MAX_STEPS = 20_000
#: Seconds a slide may spend catching up in one frame: a timer frame, an action's frame.
ANIMATING_BUDGET_S = 0.003
ACTION_BUDGET_S = 0.3
#: m × (n_x + 1) beyond which one step of a side-by-side run costs more than a frame's
#: budget: such runs catch up in the frames that answer an action, not while playing.
LARGE_WORK = 100_000


def heavy(frame):
    """A side-by-side step costs more than an animation frame can spare."""
    return frame.animating and frame.m * (len(frame.terms) + 1) > LARGE_WORK


class RecordedRun:
    """θ_k and J_k of a run from θ⁰, recorded as far as asked (``extend_to``).

    ``advance(n, seconds)`` takes up to n more steps (fewer when ``seconds`` run out)
    and returns (thetas (k, p), costs (k,)) of the steps taken; ``stopped()`` says the
    run cannot go on (it diverged).
    """

    def __init__(self, theta0, cost0, advance, stopped, cap=DEMO_MAX_STEPS):
        p = len(theta0)
        self.thetas = np.empty((cap + 1, p))
        self.costs = np.empty(cap + 1)
        self.thetas[0] = theta0
        self.costs[0] = cost0
        self.n = 1  # recorded: θ⁰ … θ_{n−1}
        self.cap = cap
        self.advance = advance
        self._stopped = stopped
        self.stopped = not math.isfinite(cost0)  # diverged: nothing more to record

    @property
    def steps(self):
        return self.n - 1

    def extend_to(self, k, budget_s):
        """Record up to step ``k`` (capped) within ``budget_s`` seconds; True when there."""
        k = min(k, self.cap)
        deadline = time.perf_counter() + budget_s
        while self.n <= k and not self.stopped:
            left = deadline - time.perf_counter()
            if left <= 0:
                break
            thetas, costs = self.advance(min(k + 1 - self.n, 256), left)
            got = len(costs)
            self.thetas[self.n:self.n + got] = thetas
            self.costs[self.n:self.n + got] = costs
            self.n += got
            self.stopped = self._stopped()
        return self.n > k or self.stopped


def engine_run(engine, cap=DEMO_MAX_STEPS):
    """A :class:`RecordedRun` of a core GradientDescent (made with tol = 0)."""

    def advance(n, seconds):
        done = engine.step(n, time_budget=seconds)
        if not done:
            return np.empty((0, len(engine.theta))), np.empty(0)
        _, costs, thetas = engine.history.recent()
        return thetas[-done:].copy(), costs[-done:].copy()

    cost0 = engine.cost if engine.cost is not None else math.nan
    return RecordedRun(engine.theta, cost0, advance, lambda: engine.diverged_at is not None,
                       cap)


def same_key(new, old):
    """Cache keys equal: arrays by identity (the session replaces them, never edits them),
    everything else by value."""
    if old is None or len(new) != len(old):
        return False
    return all(a is b or (not isinstance(a, np.ndarray) and a == b)
               for a, b in zip(new, old, strict=True))


def budget(frame):
    return ANIMATING_BUDGET_S if frame.animating else ACTION_BUDGET_S
