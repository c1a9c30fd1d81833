"""Core step time against a fused numpy floor, and the lecture's loop against ``propagate``.

No Qt here: the smoke test runs these functions at a tiny size.
"""

from __future__ import annotations

import time

import numpy as np

from core import Session
from core.features import LINEAR, QUADRATIC
from core.model import cost_and_gradients, propagate_loop

from .data import blobs
from .machine import openblas_threads
from .stats import best_per_call, calibrate

FEATURES = {"linear": LINEAR, "quadratic": QUADRATIC}
ALPHA = 0.5


def session_for(m, features="quadratic", seed=0):
    """A Session on ``m`` blob points that never stops by itself (ε = 0)."""
    points, labels = blobs(m, seed)
    return Session(points, labels, terms=FEATURES[features], learning_rate=ALPHA, tol=0.0)


def floor_steps(w, b, X, Y, alpha, n):
    """The minimal fused vectorized step, ``n`` times: the floor for one step.

    No cost, no stopping test, no history: only what a step must compute.
    """
    m = X.shape[1]
    for _ in range(n):
        Z = w.T @ X + b
        A = 1 / (1 + np.exp(-Z))
        dZ = A - Y
        dw = X @ dZ.T / m
        db = dZ.sum() / m
        w -= alpha * dw
        b -= alpha * db
    return w, b


def bench_core_step(m, features="quadratic", repeats=5, min_time=0.2, seed=0):
    """Seconds per step of ``GradientDescent.step(n)`` and of the floor, min of repeats.

    The two are timed alternately, repeat by repeat, so both see the same
    machine load.  ``propagate_ms`` is one bare ``core.model.propagate`` call,
    to tell the engine's own overhead from the model's.
    """
    session = session_for(m, features, seed)
    engine = session.engine
    X, Y = engine.X, engine.Y
    w0, b0 = engine.w.copy(), float(engine.b)

    def one_floor():
        floor_steps(w0.copy(), b0, X, Y, ALPHA, 1)

    engine.step(3)  # warm up caches and the BLAS threads
    floor_steps(w0.copy(), b0, X, Y, ALPHA, 3)
    n = max(3, calibrate(lambda: engine.step(1), min_time))
    n_floor = max(3, calibrate(one_floor, min_time))
    core_best = floor_best = float("inf")
    for _ in range(repeats):
        start = engine.iteration
        t = time.perf_counter()
        done = engine.step(n)
        dt = time.perf_counter() - t
        if done != n or engine.iteration - start != n:
            raise RuntimeError(f"engine stopped after {done} of {n} steps (state {engine.state})")
        core_best = min(core_best, dt / n)
        w = w0.copy()
        t = time.perf_counter()
        floor_steps(w, b0, X, Y, ALPHA, n_floor)
        floor_best = min(floor_best, (time.perf_counter() - t) / n_floor)
    w, b = engine.w, engine.b
    prop = best_per_call(lambda: cost_and_gradients(w, b, X, Y), max(1, n // 2), repeats)
    return {
        "m": int(m),
        "features": features,
        "n_x": int(X.shape[0]),
        "steps_timed": int(n),
        "repeats": int(repeats),
        "core_ms": core_best * 1e3,
        "floor_ms": floor_best * 1e3,
        "propagate_ms": prop * 1e3,
        "ratio": core_best / floor_best,
        "blas_threads": openblas_threads(),
    }


def bench_vectorization(m, repeats=3, seed=0):
    """``propagate_loop`` (the lecture's for-loop) against ``propagate``, linear features."""
    session = session_for(m, "linear", seed)
    e = session.engine
    w, b, X, Y = e.w, e.b, e.X, e.Y
    loop = best_per_call(lambda: propagate_loop(w, b, X, Y), 1, repeats)
    number = max(1, calibrate(lambda: cost_and_gradients(w, b, X, Y), 0.1))
    vec = best_per_call(lambda: cost_and_gradients(w, b, X, Y), number, max(repeats, 3))
    c1, dw1, db1 = propagate_loop(w, b, X, Y)
    c2, dw2, db2 = cost_and_gradients(w, b, X, Y)
    diff = max(abs(c1 - c2), float(np.max(np.abs(dw1 - dw2))), abs(db1 - db2))
    return {
        "m": int(m),
        "features": "linear",
        "loop_ms": loop * 1e3,
        "vectorized_ms": vec * 1e3,
        "speedup": loop / vec,
        "max_abs_diff": diff,
    }
