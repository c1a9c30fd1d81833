"""``python -m benchmarks [--quick] [--json]``: LogitLab's performance figures, offscreen."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

#: How much of everything each mode measures.
MODES = {
    "full": {
        "core_sizes": (1_000, 10_000, 100_000, 1_000_000),
        "core_repeats": 10,
        "core_min_time": 0.1,
        "live_sizes": (100, 1_000, 10_000, 100_000),  # in this process
        "live_big": 1_000_000,  # in the fresh process that measures its memory
        "frames": 200,
        "warmup": 10,
        "live_max_seconds": {},  # always the full 200 frames
        "clicks": 30,
        "click_frames_between": 3,
        "startup_runs": 5,
        "memory_steps": 1_000_000,
        "memory_points": 1_000_000,
        "vector_sizes": (1_000, 10_000),
        "vector_repeats": 3,
    },
    "quick": {
        "core_sizes": (1_000, 10_000, 100_000, 1_000_000),
        "core_repeats": 5,
        "core_min_time": 0.02,
        "live_sizes": (100, 1_000, 10_000, 100_000),
        "live_big": 1_000_000,
        "frames": 200,
        "warmup": 3,
        # 200 frames, or this many seconds per size if frames are slower than 15 ms.
        "live_max_seconds": {100: 3, 1_000: 3, 10_000: 3, 100_000: 3, 1_000_000: 2},
        "clicks": 10,
        "click_frames_between": 1,
        "startup_runs": 3,
        "memory_steps": 100_000,
        "memory_points": 1_000_000,
        "vector_sizes": (1_000, 10_000),
        "vector_repeats": 1,
    },
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(mode="full", only=None):
    """Run every measurement of ``mode``; the results as one JSON-able dict."""
    cfg = MODES[mode]
    want = set(only or ("outside", "core", "live", "click", "startup", "memory",
                        "vectorization"))
    started = time.perf_counter()
    from .machine import machine_info
    from .targets import evaluate

    results = {"benchmark": "logitlab", "mode": mode,
               "when": datetime.datetime.now().isoformat(timespec="seconds"),
               "machine": machine_info()}

    if "outside" in want:
        # First, on a machine that has not yet been warmed by the other parts.
        from .event_loop import measure

        log("outside, real event loop: one fresh process per scenario")
        results["outside"] = measure(quick=(mode == "quick"))

    if "vectorization" in want or "core" in want:
        from .core_step import bench_core_step, bench_vectorization

    if "vectorization" in want:
        results["vectorization"] = []
        for m in cfg["vector_sizes"]:
            log(f"vectorization m={m:,}")
            results["vectorization"].append(bench_vectorization(m, cfg["vector_repeats"]))

    if "core" in want:
        results["core_step"] = []
        for m in cfg["core_sizes"]:
            for features in ("linear", "quadratic"):
                log(f"core step m={m:,} {features}")
                results["core_step"].append(
                    bench_core_step(m, features, cfg["core_repeats"], cfg["core_min_time"]))

    caps = cfg["live_max_seconds"]
    if want & {"live", "click"}:
        from .live import Bench, bench_click, bench_live

        bench = Bench()
        try:
            if "live" in want:
                results["live"] = []
                for m in cfg["live_sizes"]:
                    log(f"live loop m={m:,}")
                    results["live"].append(bench_live(bench, m, cfg["frames"], cfg["warmup"],
                                                      caps.get(m)))
            if "click" in want:
                log("click latency m=10,000")
                results["click"] = bench_click(bench, 10_000, cfg["clicks"],
                                               frames_between=cfg["click_frames_between"])
        finally:
            bench.close()

    from .processes import bench_memory_points, bench_memory_steps, bench_startup

    if "startup" in want:
        log("start-up")
        results["startup"] = bench_startup(cfg["startup_runs"])

    if "memory" in want:
        log(f"memory: {cfg['memory_steps']:,} steps")
        results.setdefault("memory", {})["steps"] = bench_memory_steps(cfg["memory_steps"])

    if want & {"live", "memory"}:
        big = cfg["live_big"]
        frames = cfg["frames"] if "live" in want else 0
        log(f"memory{' and live loop' if frames else ''}: {big:,} points (fresh process)")
        points = bench_memory_points(big, frames, caps.get(big))
        live = points.pop("live", None)
        if live is not None:
            results["live"].append(live)
        if "memory" in want:
            results.setdefault("memory", {})["points"] = points

    results["loadavg_end"] = list(os.getloadavg())
    from .machine import core_speed_ms

    results["core_speed_ms_end"] = core_speed_ms()
    results["checks"] = evaluate(results)
    results["seconds"] = time.perf_counter() - started
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="LogitLab performance: what a user gets in the real event loop, then "
                    "core step, tick-driven frame breakdown, click latency, start-up, memory and "
                    "vectorization, each beside its target (offscreen).")
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute)")
    parser.add_argument("--json", action="store_true", help="print one JSON object, no table")
    parser.add_argument("--only", nargs="+", metavar="PART",
                        choices=("outside", "core", "live", "click", "startup", "memory",
                                 "vectorization"),
                        help="measure only these parts")
    parser.add_argument("--blas-threads", type=int, metavar="N", default=1,
                        help="limit BLAS to N threads (threadpoolctl) for the whole run; "
                             "default 1, as the app runs (app/assemble.py); 0 leaves it alone")
    parser.add_argument("--save", metavar="FILE", help="also write the JSON object to FILE")
    parser.add_argument("--report", metavar="FILE",
                        help="measure nothing: print the table of a saved JSON result")
    args = parser.parse_args(argv)
    if args.report:
        with open(args.report) as f:
            results = json.load(f)
    else:
        if args.blas_threads:
            import numpy  # noqa: F401 - load its BLAS first, or there is nothing to limit
            from threadpoolctl import threadpool_limits

            threadpool_limits(args.blas_threads, user_api="blas")
        results = run("quick" if args.quick else "full", args.only)
        results["blas_threads_limited_to"] = args.blas_threads
    if args.save:
        with open(args.save, "w") as f:
            json.dump(results, f, indent=1)
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        from .report import table

        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
