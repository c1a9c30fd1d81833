"""The descent worker flat out: steps keep coming whatever happens to the descent process."""

from __future__ import annotations

import os
import signal
import time

import numpy as np
import pytest

import core.stepper
from app import descent_worker
from app.descent_worker import DescentWorker
from core import Session


def _session():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(20_000, 2))  # slow enough steps that a change stays in view
    return Session(points=points, labels=(points[:, 0] + points[:, 1] > 0).astype(int),
                   learning_rate=0.5, tol=0.0)


@pytest.fixture
def flat_out():
    """(worker, session): a worker running the session flat out, as the controller wires it."""
    s = _session()
    worker = DescentWorker()

    def job(n):
        return s.step(n), False

    def absorb(steps):
        done = s.absorb(steps)
        return None if done is None else (done, False)

    worker.job, worker.remote, worker.absorb = job, s.run_state, absorb
    worker.pace = None
    yield worker, s
    worker.shutdown()


def _iteration(worker, s):
    with worker.access(changes=False):
        return s.iteration


def _steps_go_on(worker, s, more=200, timeout=30):
    start = _iteration(worker, s)
    deadline = time.monotonic() + timeout
    while _iteration(worker, s) < start + more:
        assert time.monotonic() < deadline, "descent stopped"
        time.sleep(0.01)


def _remote(worker, timeout=30):
    deadline = time.monotonic() + timeout
    while not getattr(worker._stepper, "ready", False):
        assert time.monotonic() < deadline, "the descent process never started"
        time.sleep(0.01)
    return worker._stepper


def test_when_no_process_can_be_started_descent_runs_here(flat_out, monkeypatch):
    """Out of processes or file handles: Play must still play."""
    def refuse(*args, **kwargs):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(core.stepper.subprocess, "Popen", refuse)
    worker, s = flat_out
    worker.start()
    _steps_go_on(worker, s)
    assert worker._stepper.broken and worker._thread.is_alive()


def test_a_hung_descent_process_is_ended_and_descent_goes_on_here(flat_out, monkeypatch):
    monkeypatch.setattr(core.stepper, "HANG_S", 0.5)
    worker, s = flat_out
    worker.start()
    stepper = _remote(worker)
    _steps_go_on(worker, s)
    os.kill(stepper._proc.pid, signal.SIGSTOP)
    _steps_go_on(worker, s)
    assert stepper.broken
    assert stepper._proc.wait(timeout=10) == -signal.SIGKILL


def test_a_change_while_running_is_never_overwritten_by_the_process(flat_out):
    """θ set by hand (as a click on the landscape does) is where the run goes on
    from: every recorded step follows from the one before it by θ − α·∇J(θ)
    exactly, and the step after a change from the θ set."""
    worker, s = flat_out
    worker.start()
    _remote(worker)
    _steps_go_on(worker, s)
    for k in range(8):
        with worker.access():
            s.set_theta(np.full(len(s.theta), 0.1 * k))
        _steps_go_on(worker, s, more=3)
    worker.stop()
    its, _, thetas = s.history.recent()
    gradient = s.engine.evaluator()
    followed = 0
    for k in range(len(its) - 1):
        if its[k + 1] == its[k] + 1:
            _, g = gradient(thetas[k])
            np.testing.assert_array_equal(thetas[k + 1], thetas[k] - s.learning_rate * g)
            followed += 1
    assert followed > 20
    assert np.count_nonzero(np.diff(its) == 0) >= 1, "a change recorded in the window kept"


def test_shutdown_ends_the_descent_process(flat_out):
    worker, s = flat_out
    worker.start()
    stepper = _remote(worker)
    _steps_go_on(worker, s)
    worker.shutdown()
    assert stepper._proc.poll() is not None
    assert descent_worker  # the module under test
