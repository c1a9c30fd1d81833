"""Gradient descent in its own process, for runs at the maximum pace.

In the app's process every descent step shares Python's interpreter lock
with the painting of the window, so at full speed descent only got what a
frame's painting left over, and less again for every handover of the lock.
Here a child process takes the steps on its own core and sends them back in
blocks; the app stores a block with :meth:`core.history.History.extend`.

The steps are the very same computation: the child runs
:meth:`core.descent.GradientDescent.step` on an engine rebuilt from the app's
``run_state`` (same X, Y, θ, α, …), so every J, θ and ‖dw‖ is equal bit for
bit to taking the steps in the app (tested).

Protocol (pickles over the child's stdin/stdout, one request answered by one
reply, in order)::

    ("step", generation, n, seconds, data, state) -> ("steps", generation, steps)

``data`` is (X, Y) or None (the child's X and Y are still right); ``state``
is a ``run_state`` or None (go on from the child's own last step).  A new
generation starts whenever the app's run changed under the child (a click,
a new α): replies of older generations are read and dropped.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import subprocess
import sys
import time

import numpy as np

#: Floats one reply may carry (iteration, J, ‖dw‖ and θ per step): the replies
#: in flight stay within one pipe buffer (64 KiB).
REPLY_FLOATS = 1800
#: A child that sends nothing for this long is taken for hung (a block is 2 ms of
#: steps; on a machine loaded to the hilt the lower-priority child may still lag).
HANG_S = 10.0
#: How much lower the child's CPU priority is than the app's.
CHILD_NICENESS = 10


class _Recorder:
    """The child engine's history: it keeps the steps of one request for the reply."""

    def __init__(self):
        self.rows = []

    def append(self, iteration, cost, theta, grad_norm):
        self.rows.append((iteration, cost, theta, grad_norm))

    def take(self):
        rows, self.rows = self.rows, []
        if not rows:
            return (np.empty(0, dtype=np.int64), np.empty(0), np.empty((0, 0)), np.empty(0))
        its, costs, thetas, grads = zip(*rows)
        return (np.array(its, dtype=np.int64), np.array(costs), np.stack(thetas),
                np.array(grads))


def serve(inp=None, out=None):
    """The child's loop: answer step requests until the app closes the pipe."""
    try:
        _serve(inp, out)
    except BrokenPipeError:  # the app is gone while a block was on its way: nothing to say
        os._exit(0)  # (not even at exit, when flushing stdout would fail again)


def _serve(inp, out):
    from .descent import GradientDescent

    inp = inp or sys.stdin.buffer
    out = out or sys.stdout.buffer
    # The window goes first: on two cores the app's painting, its contour thread and
    # this process want three; a nicer child waits, not the frame.
    os.nice(CHILD_NICENESS)
    _write(out, ("ready",))
    X = Y = engine = None
    recorder = _Recorder()
    while True:
        head = inp.read(8)
        if len(head) < 8:
            return  # the app closed the pipe (or is gone)
        request = pickle.loads(inp.read(int.from_bytes(head, "little")))
        _, generation, n, seconds, data, state = request
        if data is not None:
            X, Y = data
        if state is not None:
            engine = GradientDescent.from_run_state(X, Y, state, recorder)
        start = engine.run_key()
        done = engine.step(n, seconds)
        its, costs, thetas, grads = recorder.take()
        _write(out, ("steps", generation, {
            "start": start, "done": done, "iterations": its, "costs": costs, "thetas": thetas,
            "grad_norms": grads, "theta": engine._theta, "iteration": engine.iteration,
            "current": engine._current, "step_norm": engine.step_norm,
            "diverged_at": engine.diverged_at,
        }))


def _write(out, message):
    """One message: its length (8 bytes), then its pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(len(data).to_bytes(8, "little") + data)
    out.flush()


class Stepper:
    """The app's end: one child process, requests kept in flight, stale replies dropped.

    Used from one thread only (the descent worker).  A child that cannot start,
    dies, or sends nothing for HANG_S makes it ``broken`` (a hung child is
    killed); the caller then steps in its own process as before.
    """

    #: Requests the child may work through while the app paints a frame and reads nothing.
    IN_FLIGHT = 4

    def __init__(self):
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        # -I: never code from the current folder; the project root given explicitly.
        # SIGINT ignored first thing: Ctrl+C in the terminal reaches the whole process
        # group, and it is the app's to handle.  Same session as the app, so the
        # lower priority below is relative to the app (autogroups are per session).
        code = ("import signal, sys; signal.signal(signal.SIGINT, signal.SIG_IGN); "
                f"sys.path.insert(0, {root!r}); from core.stepper import serve; serve()")
        self._proc = subprocess.Popen([sys.executable, "-I", "-c", code], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE)
        self._out = self._proc.stdout.fileno()
        self.ready = False
        self.broken = False
        self.generation = 0
        self._in_flight = []  # generations of the requests not yet answered
        self._data = None  # (X, Y) the child has
        self._state = None  # run_state for the next request, when the run changed

    def poll_ready(self):
        """True once the child has started (never blocks)."""
        if not self.ready and not self.broken:
            try:
                if self._readable(0):
                    self.ready = self._read() == ("ready",)
                    self.broken = not self.ready
            except (OSError, EOFError, pickle.UnpicklingError, ValueError):
                self.broken = True
        return self.ready

    def _readable(self, timeout):
        readable, _, _ = select.select([self._out], [], [], timeout)
        return bool(readable)

    def _read(self):
        """One message from the child (read straight from the pipe, so select() above
        sees exactly what is left: nothing waits in a buffer of ours)."""
        head = self._read_exact(8)
        return pickle.loads(self._read_exact(int.from_bytes(head, "little")))

    def _read_exact(self, n):
        parts = []
        while n:
            part = os.read(self._out, n)
            if not part:
                raise EOFError("the descent process ended")
            parts.append(part)
            n -= len(part)
        return b"".join(parts)

    def restart(self, X, Y, state):
        """The app's run changed: the next block starts from ``state`` on X, Y."""
        self.generation += 1
        self._state = (X, Y, state)

    def next_block(self, seconds, before_read=lambda: None, cancelled=lambda: False):
        """The next block of steps of the current generation (blocks until it comes),
        or None: when ``cancelled()`` turns true while waiting, or the child failed
        (then ``broken``).

        ``before_read`` is called once a block is there and before it is read (the
        worker waits there for a frame being painted: reading takes the GIL)."""
        try:
            while True:
                self._fill(seconds)
                waited = time.monotonic()
                while not self._readable(0.05):
                    if self._proc.poll() is not None:
                        raise EOFError("the descent process ended")
                    if cancelled():
                        return None
                    if time.monotonic() - waited > HANG_S:
                        self._proc.kill()
                        raise EOFError("the descent process stopped answering")
                before_read()
                _, generation, steps = self._read()
                self._in_flight.pop(0)
                if generation == self.generation:
                    return steps
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, IndexError):
            self.broken = True
            return None

    def _fill(self, seconds):
        if self._state is not None:
            # A request carrying X and Y can be large: first take every reply the child
            # may be blocked writing, so neither end waits on a full pipe.
            while self._in_flight:
                self._read()
                self._in_flight.pop(0)
            X, Y, state = self._state
            data = None if self._data is not None and self._data[0] is X and self._data[1] is Y \
                else (X, Y)
            self._data = (X, Y)
            n = max(1, REPLY_FLOATS // (len(state["theta"]) + 3))
            self._send(("step", self.generation, n, seconds, data, state))
            self._state = None
        while len(self._in_flight) < self.IN_FLIGHT:
            self._send(("step", self.generation, self._n, seconds, None, None))

    def _send(self, request):
        if request[5] is not None:
            self._n = request[2]
        _write(self._proc.stdin, request)
        self._in_flight.append(request[1])

    def kill(self):
        """End the child now, pipes left open (another thread may still be reading)."""
        self._proc.kill()

    def close(self):
        """End the child: both pipes closed (it exits on end of input, or on a broken
        pipe if it was writing replies nobody will read); killed if it does not."""
        for pipe in (self._proc.stdout, self._proc.stdin):
            with contextlib.suppress(OSError):
                pipe.close()
        try:
            self._proc.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
