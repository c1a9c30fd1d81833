"""Descent in its own process (core.stepper): the very same run, bit for bit."""

from __future__ import annotations

import time

import numpy as np
import pytest

from core.descent import GradientDescent
from core.stepper import Stepper


def _engine(m=60, seed=0, **kw):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(3, m))
    Y = (X[0] + 0.5 * X[1] ** 2 + rng.normal(0, 0.3, m) > 0.4).astype(float).reshape(1, -1)
    return GradientDescent(X, Y, np.zeros(3), 0.0, **kw)


@pytest.fixture
def stepper():
    s = Stepper()
    deadline = time.monotonic() + 30
    while not s.poll_ready():
        assert time.monotonic() < deadline, "the descent process did not start"
        time.sleep(0.01)
    yield s
    s.close()


def _same_run(a, b):
    assert a.iteration == b.iteration
    np.testing.assert_array_equal(a.theta, b.theta)
    assert a.cost == b.cost and a.grad_norm == b.grad_norm
    np.testing.assert_array_equal(a.gradient[0], b.gradient[0])
    assert a.step_norm == b.step_norm and a.diverged_at == b.diverged_at
    for x, y in zip(a.history.joined(), b.history.joined()):
        np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(a.history.recent_grad_norms(600), b.history.recent_grad_norms(600))


def _follow(stepper, here, there, blocks):
    """Take blocks in the child from ``there``'s state; step ``here`` as many times."""
    stepper.restart(there.X, there.Y, there.run_state())
    for _ in range(blocks):
        steps = stepper.next_block(0.002)
        assert steps is not None and not stepper.broken
        there.absorb(steps)
        assert here.step(steps["done"]) == steps["done"]
        _same_run(here, there)
        if steps["done"] == 0:
            break


@pytest.mark.parametrize("settings", [
    {},  # cross-entropy, fused
    {"loss": "squared_error"},
    {"l2": 2.0, "feature_scale": [1.0, 2.0, 0.5]},
    {"update": "sequential"},
    {"stop": "step", "tol": 1e-3},
    {"tol": 0.05},  # converges within the blocks
    {"learning_rate": 1e6},  # overflows to a divergence
])
def test_the_child_takes_exactly_the_steps_the_app_would(stepper, settings):
    """The cost curve, θ, ‖dw‖, Step back and the stopping test must not depend on
    where the steps were computed: the class sees one run."""
    settings = {"learning_rate": 0.7, "tol": 0.0, **settings}
    _follow(stepper, _engine(**settings), _engine(**settings), blocks=12)


def test_a_change_mid_run_starts_from_the_new_state_and_drops_the_old_blocks(stepper):
    """A click or a new α while descent runs: the next block is computed from the
    edited run, never from where the child had got to."""
    here, there = _engine(learning_rate=0.5, tol=0.0), _engine(learning_rate=0.5, tol=0.0)
    _follow(stepper, here, there, blocks=3)
    for engine in (here, there):
        engine.learning_rate = 2.0
        X = np.hstack([engine.X, [[0.3], [-1.0], [2.0]]])
        engine.set_data(X, np.hstack([engine.Y, [[1.0]]]))
    _follow(stepper, here, there, blocks=3)


def test_a_dead_child_is_reported_not_waited_for(stepper):
    engine = _engine(tol=0.0)
    stepper.restart(engine.X, engine.Y, engine.run_state())
    assert stepper.next_block(0.002) is not None
    stepper._proc.kill()
    # Blocks it had sent before it died may still be read; then it is reported.
    blocks = [stepper.next_block(0.002) for _ in range(Stepper.IN_FLIGHT + 1)]
    assert blocks[-1] is None
    assert stepper.broken


def test_closing_ends_the_child(stepper):
    stepper.close()
    assert stepper._proc.poll() is not None


def test_a_block_that_does_not_continue_the_run_is_refused(stepper):
    """Whatever path changed the run (θ, α, the points), a block computed from the
    old run must not overwrite it."""
    engine = _engine(tol=0.0)
    stepper.restart(engine.X, engine.Y, engine.run_state())
    steps = stepper.next_block(0.002)
    engine.learning_rate = 0.3
    before = engine.theta
    assert engine.absorb(steps) is None
    np.testing.assert_array_equal(engine.theta, before)
    assert engine.iteration == 0
    engine.learning_rate = 0.1  # as the child had it
    engine.set_data(engine.X.copy(), engine.Y)  # equal points, but new ones
    assert engine.absorb(steps) is None
