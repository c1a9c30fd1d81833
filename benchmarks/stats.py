"""Small statistics and timing helpers (no Qt, no project imports)."""

from __future__ import annotations

import time

import numpy as np


def summary_ms(seconds):
    """Median, 95th percentile, max and mean of durations given in seconds, in ms."""
    a = np.asarray(seconds, dtype=float) * 1e3
    if not len(a):
        return {"median_ms": None, "p95_ms": None, "max_ms": None, "mean_ms": None, "n": 0}
    return {
        "median_ms": float(np.median(a)),
        "p95_ms": float(np.percentile(a, 95)),
        "max_ms": float(a.max()),
        "mean_ms": float(a.mean()),
        "n": int(len(a)),
    }


def calibrate(fn, min_time):
    """How many calls of ``fn`` take about ``min_time`` seconds (at least 1)."""
    n = 1
    while True:
        t = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t
        if dt >= min_time / 4 or n >= 1 << 20:
            return max(1, int(n * min_time / max(dt, 1e-9)))
        n *= 4


def best_per_call(fn, number, repeats):
    """timeit-style: the minimum over ``repeats`` of (time of ``number`` calls) / number."""
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - t) / number)
    return best
