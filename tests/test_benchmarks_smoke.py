"""The benchmark must not rot: its core-step and vectorization parts run at a tiny size.

No timing assertions: only that each returns its keys with positive numbers.
"""

import math

from benchmarks.core_step import bench_core_step, bench_vectorization


def _positive(result, keys):
    for key in keys:
        value = result[key]
        assert isinstance(value, (int, float)), (key, value)
        assert math.isfinite(value) and value > 0, (key, value)


def test_core_step_benchmark_runs_at_m_200():
    for features in ("linear", "quadratic"):
        r = bench_core_step(200, features, repeats=2, min_time=0.01)
        assert r["m"] == 200 and r["features"] == features
        assert r["n_x"] == (2 if features == "linear" else 5)
        _positive(r, ("steps_timed", "repeats", "core_ms", "floor_ms", "propagate_ms", "ratio"))


def test_vectorization_benchmark_runs_at_m_200():
    r = bench_vectorization(200, repeats=1)
    assert r["m"] == 200 and r["features"] == "linear"
    _positive(r, ("loop_ms", "vectorized_ms", "speedup"))
    # Same numbers from the loop and the vectorized step.
    assert r["max_abs_diff"] < 1e-9


def test_targets_evaluate_a_minimal_result():
    from benchmarks.targets import evaluate

    checks = evaluate({"core_step": [bench_core_step(200, "linear", repeats=1, min_time=0.005)
                                     | {"m": 1_000}]})
    assert len(checks) == 1 and checks[0]["status"] in ("PASS", "MISS")


def test_outside_benchmark_counts_painted_frames_and_steps_in_the_real_event_loop():
    """One short scenario in a child process: the app's own timer paints, the worker steps."""
    from benchmarks.event_loop import run_child, table
    from benchmarks.targets import evaluate

    r = run_child({"m": 300, "size": (1280, 720), "presentation": False, "pace": "max",
                   "seconds": 0.7})
    assert "error" not in r, r
    assert r["frames_per_s"] > 0 and r["steps_per_s"] > 0 and r["frame_gap_p95_ms"] > 0
    # Each row says how fast one core was while it ran (a busy host hides from load).
    assert r["core_speed_ms"] > 0
    row = table([r]).splitlines()[-1]
    assert "1280x720" in row and row.split()[-1] == f"{r['core_speed_ms']:.0f}"
    assert evaluate({"outside": [r]}) == []  # m=300 has no target: nothing invented


def test_click_latency_is_timed_to_the_repaint_that_shows_the_point():
    """A few clicks in a child process: each is shown (its point painted in the data
    plot) and timed; a click the plot never showed would be reported as a problem."""
    from benchmarks.event_loop import run_child, table

    r = run_child({"m": 300, "size": (1280, 720), "presentation": False, "pace": "max",
                   "clicks": 3})
    assert "error" not in r, r
    assert r["problems"] == []
    _positive(r, ("click_median_ms", "click_p95_ms"))
    assert "click latency" in table([r])
