"""Timing one epoch both ways, the lecture's for-loop and np.dot, away from the GUI.

Qt-free.  The for-loop is slow on purpose (seconds at 500,000 points) and is pure
Python: on a thread of the app's own process it would hold Python's lock (the GIL)
most of the time, and every bit of Python or numpy the GUI thread runs meanwhile
would wait for it (measured: GUI work of half a millisecond took up to a third of a
second).  So :class:`TimingJob` runs
the timing in a child process; a thread of the app waits for its news (waiting
holds no lock) and passes it on.  Cancel ends the child at once.

The loop goes through the examples in pieces of about :data:`PIECE_S` seconds and
reports progress between them.  The pieces make the very same additions in the same
order as one call (``core.model.loop_sums``), so the loop's result, and the
difference reported, are exactly those of ``core.model.propagate_loop``.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from core.model import cost_and_gradients, loop_sums

#: Seconds of for-loop per piece (progress is counted between pieces).
PIECE_S = 0.02
#: Seconds between two progress reports, at most.
REPORT_S = 0.1
#: The vectorized epoch is timed up to ``repeats * 10`` times, but past this many
#: seconds (after at least 3 calls) no more: its fastest call is what is reported.
VECTOR_BUDGET_S = 0.5
#: How long stopping waits for the child process and the thread to end.
JOIN_S = 5.0
#: The name of the thread that waits for the child process's news.
THREAD_NAME = "vectorization-timing"


def time_loop(w, b, X, Y, loss="cross_entropy", progress=None):
    """The lecture's for-loop, timed: ``((J, dw, db), seconds)``.

    It runs in pieces of about :data:`PIECE_S` seconds; after each,
    ``progress(examples_in_that_piece)`` is called.  Only the loop itself is timed.
    """
    m = X.shape[1]
    sums, done, piece, seconds = None, 0, 64, 0.0
    while done < m:
        end = min(done + piece, m)
        start = time.perf_counter()
        sums = loop_sums(w, b, X, Y, loss, done, end, sums)
        took = time.perf_counter() - start
        seconds += took
        if progress is not None:
            progress(end - done)
        # The next piece: about PIECE_S seconds long, growing at most twofold.
        piece = max(16, min(2 * piece, int((end - done) * PIECE_S / max(took, 1e-6))))
        done = end
    J, dw, db = sums
    return (J / m, dw / m, db / m), seconds


def time_vectorized(w, b, X, Y, loss="cross_entropy", repeats=3):
    """The vectorized epoch: ``((J, dw, db), fastest seconds of several calls)``."""
    result = cost_and_gradients(w, b, X, Y, loss)
    best, calls, spent = float("inf"), 0, 0.0
    while calls < max(repeats, 1) * 10 and (calls < 3 or spent < VECTOR_BUDGET_S):
        start = time.perf_counter()
        cost_and_gradients(w, b, X, Y, loss)
        took = time.perf_counter() - start
        best, calls, spent = min(best, took), calls + 1, spent + took
    return result, best


def compare(m, loop, t_loop, vec, t_vec):
    """The row of the results table for one data set."""
    diff = max(abs(loop[0] - vec[0]), float(np.max(np.abs(loop[1] - vec[1]))),
               abs(loop[2] - vec[2]))
    return {"m": m, "loop_s": t_loop, "vectorized_s": t_vec,
            "speedup": t_loop / max(t_vec, 1e-12), "max_difference": diff}


def snapshot(session):
    """The data sets to time, copied: edits to the window while the timing runs
    cannot reach them.  ``([(name, w, b, X, Y), ...], loss)``."""
    theta = np.array(session.theta, dtype=float)
    w, b = theta[1:].reshape(-1, 1).copy(), float(theta[0])
    sets = []
    if session.m:
        sets.append(("your points", w, b, np.array(session.X, dtype=float),
                     np.array(session.Y, dtype=float)))
    rng = np.random.default_rng(0)
    n_x = max(len(session.terms), 1)
    X = rng.standard_normal((n_x, 10_000))
    Y = (rng.random((1, 10_000)) < 0.5).astype(float)
    sets.append(("10,000 generated points", w, b, X, Y))
    return sets, session.loss


def measure(sets, loss, send):
    """Time every data set, telling ``send`` the news: ``("progress", examples done,
    what runs)``, ``("row", name, results)`` per data set, then ``("done",)``."""
    done, told = 0, 0.0
    for name, w, b, X, Y in sets:
        what = f"the for-loop on {name}"
        send(("progress", done, what))

        def progress(n, what=what):
            nonlocal done, told
            done += n
            now = time.perf_counter()
            if now - told >= REPORT_S:
                told = now
                send(("progress", done, what))

        loop, t_loop = time_loop(w, b, X, Y, loss, progress)
        send(("progress", done, f"np.dot on {name}"))
        vec, t_vec = time_vectorized(w, b, X, Y, loss)
        send(("row", name, compare(X.shape[1], loop, t_loop, vec, t_vec)))
    send(("done",))


#: What the child process runs (``python -c``: nothing of the app's main module is
#: imported again, whatever script started the app).
CHILD_CODE = "from app.vectorization_timing import child_main; child_main()"


def child_main():
    """The child process: read ``(sets, loss)`` pickled on stdin, :func:`measure`,
    write the news pickled on stdout."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print goes to stderr, not into the news

    def send(message):
        pickle.dump(message, out)
        out.flush()

    try:
        sets, loss = pickle.load(sys.stdin.buffer)
        measure(sets, loss, send)
    except (OSError, EOFError, KeyboardInterrupt):
        pass  # the app went away or cancelled: nobody is listening
    except Exception as error:  # noqa: BLE001 - told to the app, not lost
        with contextlib.suppress(OSError):
            send(("error", f"{type(error).__name__}: {error}"))


def _child_environment():
    """The app's environment, with the folder holding ``app`` and ``core`` importable."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


class TimingJob:
    """One timing run: a child process measures, a thread of the app relays.

    ``tell(message)`` is called on that thread with each message of :func:`measure`,
    then with ``("cancelled",)`` or ``("error", text)`` if it ends that way.  Setting
    the ``threading.Event`` ``stop`` and ending the process (:meth:`cancel`) stops
    the run.
    """

    def __init__(self, sets, loss, tell, stop=None):
        self.sets, self.loss, self.tell = sets, loss, tell
        #: Examples the for-loop goes through, over every data set.
        self.total = sum(X.shape[1] for _, _, _, X, _ in sets)
        self.stop = threading.Event() if stop is None else stop
        self.process = None
        self.thread = threading.Thread(target=self._work, name=THREAD_NAME, daemon=True)

    def start(self):
        self.thread.start()

    def alive(self):
        """Whether the run goes on (the thread waits for the process before it ends)."""
        return self.thread.is_alive()

    def cancel(self, wait=False):
        """Stop: the child process is ended at once; with ``wait``, return once the
        thread and the process are gone."""
        self.stop.set()
        self._end_process()
        if wait and threading.current_thread() is not self.thread:
            self.thread.join(JOIN_S)

    def _end_process(self):
        process = self.process
        if process is not None and process.poll() is None:
            with contextlib.suppress(OSError):
                process.terminate()

    def _work(self):
        try:
            process = subprocess.Popen([sys.executable, "-c", CHILD_CODE],
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       env=_child_environment())
        except OSError as error:
            self.tell(("error", f"the timing process did not start: {error}"))
            return
        self.process = process
        try:
            if self.stop.is_set():  # cancelled while it started
                raise EOFError
            pickle.dump((self.sets, self.loss), process.stdin, pickle.HIGHEST_PROTOCOL)
            process.stdin.close()
            self.sets = None  # the child has its copy: free ours
            while True:  # until the news ends; ending the process ends the reading
                message = pickle.load(process.stdout)
                self.tell(message)
                if message[0] in ("done", "error"):
                    break
        except (OSError, EOFError, pickle.UnpicklingError) as error:
            if self.stop.is_set():
                self.tell(("cancelled",))
            else:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(JOIN_S)
                self.tell(("error", f"the timing process ended unexpectedly "
                                    f"({type(error).__name__}, exit code {process.returncode})"))
        except Exception as error:  # noqa: BLE001 - shown in the dialog, not lost
            self.tell(("error", f"{type(error).__name__}: {error}"))
        finally:
            self._end_process()
            try:
                process.wait(JOIN_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(JOIN_S)
            for pipe in (process.stdin, process.stdout):
                with contextlib.suppress(OSError):
                    pipe.close()
