"""Where a live-loop frame's time goes: ``python -m benchmarks.profile_frames [m ...]``.

cProfile over ``frames`` frames (tick + paint, as ``live.Bench.frame``) of the
real window with m blob points and quadratic features; prints the functions
with the most own time and the most cumulative time.  cProfile's overhead
inflates Python-heavy code; read the ranking, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time

from .live import Bench


def profile(bench, m, frames, top=25, warmup=5):
    bench.load(m)
    for _ in range(warmup):
        bench.frame()
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    for _ in range(frames):
        bench.frame()
    prof.disable()
    wall = time.perf_counter() - t
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return wall / frames, out.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_frames")
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    bench = Bench()
    try:
        for m in args.sizes:
            per_frame, text = profile(bench, m, args.frames, args.top)
            print(f"===== m={m:,}: {per_frame * 1e3:.1f} ms per frame under cProfile =====")
            print(text)
    finally:
        bench.close()


if __name__ == "__main__":
    main()
