"""Gradient descent on its own thread, off the paint path.

The GUI thread paints; this thread steps (or, flat out, stores the steps of
the descent process).  Each frame then draws the newest state, so the number
of descent steps a second no longer shrinks to what is left of a 16 ms frame
after painting (issue 10).

The session, its history and the undo stack stay one object here, read by
Step, Step back, scrubbing, races and saving exactly as before.  At the
maximum pace the steps themselves are taken in a child process
(:mod:`core.stepper`, the same computation bit for bit) and this thread only
stores each block: in this process every step held Python's interpreter
lock, which painting needs too, so descent got what a frame's painting left
over (18,000–26,000 steps/s at 1,000 points, varying run to run).  At a set
pace, in a race, or when the child cannot run, the steps are taken here,
and two rules keep them off the frame:

* **The GUI goes first.**  While a frame is being built and painted
  (``frame_started`` … ``frame_painted``) and while the GUI thread changes
  the session (``access``), the worker finishes the step it is in and waits.
  It steps in the rest of each frame.
* **One lock, short batches.**  ``lock`` guards the session; the worker holds
  it for one small batch of steps at a time (≈ 0.5 ms, BATCH_S), so a click, a drag or
  a new α reaches the engine at a step boundary, in order, none lost, and
  the frame that shows it is drawn at once.

``pace`` is the steps a second the user asked for (steps per frame × 60), or
None for as fast as the machine goes.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time

from core.stepper import Stepper

#: How long one locked batch of steps may last.
BATCH_S = 0.0005
#: The longest the worker waits for a frame that never reports it was painted
#: (a hidden or minimised window paints nothing).
FRAME_HOLD_MAX_S = 0.012
#: How long the descent process steps before it sends a block.
REMOTE_BLOCK_S = 0.002
#: The GUI thread gets the GIL back within this when its timer fires (CPython's
#: default of 5 ms would cost a third of a frame).
SWITCH_INTERVAL_S = 0.0005


class _NoStepper:
    """Stands for a descent process the system could not start: the steps stay here."""

    broken = True
    ready = False

    def kill(self):
        pass

    def close(self):
        pass


def _start_stepper():
    """The descent process, or a _NoStepper when the system cannot start one (no
    more processes or open files)."""
    try:
        return Stepper()
    except (OSError, ValueError, subprocess.SubprocessError):
        return _NoStepper()


class DescentWorker:
    """Runs ``job(n) -> (steps_done, finished)`` in batches while ``running``, or
    flat out (``pace`` None) stores the blocks of the descent process for the
    runs ``remote()`` gives it.

    ``job`` is set by the controller (the single run or a race) and called
    with ``lock`` held.  When it reports ``finished`` (converged, diverged, no
    data, race over) the worker stops by itself and sets ``stopped_by_itself``;
    the controller's next frame notices and shows it.
    """

    def __init__(self):
        self.lock = threading.RLock()  # re-entrant: a GUI action may call another
        self.before_change = None  # GUI thread: called before a change of the session
        self.job = None
        self.pace = None  # steps per second, None = no limit
        self.version = 0  # bumped after every batch that changed the state
        self.steps = 0  # steps taken since the worker started (for measurements)
        self.stopped_by_itself = False
        self._running = threading.Event()
        self._free = threading.Event()  # set while the GUI thread leaves the interpreter to us
        self._free.set()
        self._holds = 0  # GUI-thread accesses in progress (only the GUI thread changes it)
        self._frame_since = None  # perf_counter() of the frame being drawn, or None
        self._quit = False
        self._per_step = 2e-5  # running estimate of one step's time, for batch sizes
        # The descent process: ``remote()`` (lock held) gives (X, Y, run_state) of a run
        # it may take, or None; ``absorb(steps)`` stores a block -> (steps_done, finished),
        # or None when the block does not continue the session's run.
        self.remote = None
        self.absorb = None
        self._stepper = None  # started the first time remote() gives a run
        self._changes = 0  # the GUI's changes to the session so far
        self._synced = None  # the value of _changes the descent process's copy has
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
        self._thread = threading.Thread(target=self._loop, name="descent", daemon=True)
        self._thread.start()

    # -- GUI thread ------------------------------------------------------------
    @property
    def running(self):
        return self._running.is_set()

    def start(self):
        self.stopped_by_itself = False
        self._running.set()

    def stop(self):
        """Stop stepping; returns once the worker is outside its batch."""
        self._running.clear()
        with self.access():
            pass

    def shutdown(self):
        self._quit = True
        self._running.set()
        self._free.set()
        self._thread.join(timeout=2.0)
        if self._stepper is not None:
            if self._thread.is_alive():  # still inside a read: end the child, leave the pipes
                self._stepper.kill()
            else:
                self._stepper.close()

    @property
    def holding(self):
        """True while the GUI thread holds the session (inside ``access``)."""
        return self._holds > 0

    @contextlib.contextmanager
    def access(self, changes=True):
        """Hold the session for the GUI thread: ``with worker.access(): session.…``.

        ``changes=False`` for a read (a frame): the state's version stays.  A change
        that is not part of another first calls ``before_change`` (the controller
        lands an edit still being prepared, so changes land in the order made)."""
        if changes and self._holds == 0 and self.before_change is not None:
            self.before_change()
        self._holds += 1
        self._free.clear()
        try:
            with self.lock:
                try:
                    yield
                finally:  # a change that raised half-way is a change too
                    if changes:
                        self.version += 1
                        self._changes += 1
        finally:
            self._holds -= 1
            self._update_free()

    def frame_started(self):
        self._frame_since = time.perf_counter()
        self._free.clear()

    def frame_painted(self):
        self._frame_since = None
        self._update_free()

    def _update_free(self):
        if self._holds == 0 and self._frame_since is None:
            self._free.set()

    # -- worker thread ---------------------------------------------------------
    def _wait_for_gui(self):
        """Wait while the GUI paints or holds the session (never longer than a frame)."""
        while not self._free.is_set() and not self._quit:
            since = self._frame_since
            if self._holds == 0 and since is not None and (
                    time.perf_counter() - since > FRAME_HOLD_MAX_S):
                self._frame_since = None  # that frame was never painted
                return
            self._free.wait(0.002)

    def _loop(self):
        tokens = 0.0
        last = time.perf_counter()
        while True:
            self._running.wait()
            if self._quit:
                return
            if self.pace is None and self.remote is not None and self._remote_batch() is not None:
                continue
            self._wait_for_gui()
            now = time.perf_counter()
            pace = self.pace
            if pace is None:
                n = 1 << 30
                tokens = 0.0
            else:
                # Token bucket: steps accrue at ``pace`` a second; a pause of up to
                # a frame is made up, a longer one is not.
                tokens = min(tokens + (now - last) * pace, max(1.0, pace / 60))
                if tokens < 1.0:
                    last = now
                    time.sleep(min((1.0 - tokens) / pace, 0.004))
                    continue
                n = int(tokens)
            last = now
            done = self._batch(n)
            tokens = max(tokens - done, 0.0)
            # Leave the GIL for a moment: a GUI thread waiting for it gets it now.
            time.sleep(0)

    def _batch(self, n):
        """Up to ``n`` steps, for at most BATCH_S, ending early when the GUI wants in."""
        with self.lock:
            job = self.job
            if job is None or not self._running.is_set():
                return 0
            start = time.perf_counter()
            done = 0
            finished = False
            while done < n:
                k = max(1, min(n - done, int(0.2 * BATCH_S / self._per_step)))
                t0 = time.perf_counter()
                got, finished = job(k)
                if got:
                    dt = (time.perf_counter() - t0) / got
                    self._per_step = 0.8 * self._per_step + 0.2 * dt
                done += got
                if finished or got == 0 or not self._free.is_set():
                    break
                if time.perf_counter() - start > BATCH_S:
                    break
            if finished or done == 0:
                # Said under the lock, so no frame can show "converged" or "diverged"
                # while the worker still counts as running.
                self.stopped_by_itself = True
                self._running.clear()
            if done or finished:
                self.steps += done
                self.version += 1
                self._synced = None  # stepped here: the descent process's copy is behind
            return done

    def _remote_batch(self):
        """One block of steps from the descent process; None when it cannot take this run."""
        stepper = self._stepper
        if stepper is not None and (stepper.broken or not stepper.poll_ready()):
            return None  # steps go on here while the child starts, or for good if it failed
        with self.lock:
            if self.job is None or not self._running.is_set():
                return 0
            if self._synced != self._changes or stepper is None:
                run = self.remote()
                if run is None:
                    return None
                if stepper is None:  # the first run the descent process may take: start it
                    self._stepper = _start_stepper()
                    return None
                stepper.restart(*run)
                self._synced = self._changes
            changes = self._changes
        # Waits outside the GIL and the lock; a block is read between frames, never
        # while the GUI paints or holds the session.
        steps = stepper.next_block(REMOTE_BLOCK_S, before_read=self._wait_for_gui,
                                   cancelled=lambda: self._quit or not self._running.is_set())
        if steps is None:
            return None if stepper.broken else 0
        with self.lock:
            if self._changes != changes or not self._running.is_set():
                self._synced = None  # taken from a state the GUI has changed since: dropped
                return 0
            taken = self.absorb(steps)
            if taken is None:  # the run changed by a path that bypassed access()
                self._synced = None
                return 0
            done, finished = taken
            if finished or done == 0:
                self.stopped_by_itself = True
                self._running.clear()
            self.steps += done
            self.version += 1
            return done
