"""The issue's targets, and the PASS / MISS of one run's results against them."""

from __future__ import annotations

FRAME_P95_MS = {100: 16.7, 1_000: 16.7, 10_000: 16.7, 100_000: 33.0, 1_000_000: 100.0}
CORE_RATIO = {1_000: 2.0}  # m >= 1e4: 1.3
CORE_RATIO_LARGE = 1.3
CLICK_MS = 16.7
STARTUP_S = 1.5
RSS_MB = 300.0
RSS_GROWTH_MB = 5.0  # "no growth over a long run": RSS from a quarter of the run to its end

#: What the issue quotes for the peers and the floor, printed beside the figures.
PEERS = {
    "tf_playground": "TensorFlow Playground: 60 epochs/s at 60 fps on <= 500 points; 7-9 ms/epoch uncapped",
    "floor_ms": {1_000: 0.009, 10_000: 0.03, 100_000: 0.6, 1_000_000: 10.0},
    "loop_slowdown": "the lecture's per-example loop: 35-175x slower than the vectorized step",
}


def core_ratio_target(m):
    return CORE_RATIO.get(m, CORE_RATIO_LARGE if m >= 10_000 else None)


def _check(name, value, op, target, unit):
    if value is None or target is None:
        status = "n/a" if target is None else "MISS"
    elif op == "<=":
        status = "PASS" if value <= target else "MISS"
    else:
        status = "PASS" if value >= target else "MISS"
    return {"name": name, "value": value, "op": op, "target": target, "unit": unit,
            "status": status}


#: Issue 10's targets, measured from outside in the real event loop.
OUTSIDE_FPS = {1_000: 58.0, 10_000: 55.0, 100_000: 30.0}
OUTSIDE_GAP_P95_MS = 20.0
OUTSIDE_STEPS_AT_MAX = {1_000: 30_000, 10_000: 5_000}
OUTSIDE_CLICK_P95_MS = 20.0


def _outside_checks(rows):
    out = []
    for r in rows:
        if "frames_per_s" in r:
            where = f"{r['size']}{' F5' if r['presentation'] else ''}, m={r['m']:,}, {r['pace']}"
            fps = OUTSIDE_FPS.get(r["m"])
            if fps is not None:
                out.append(_check(f"outside frames/s, {where}", r["frames_per_s"], ">=", fps,
                                  "fps"))
            if r["m"] == 1_000:
                out.append(_check(f"outside p95 frame gap, {where}", r["frame_gap_p95_ms"], "<=",
                                  OUTSIDE_GAP_P95_MS, "ms"))
            if r["pace"] == "max" and r["m"] in OUTSIDE_STEPS_AT_MAX:
                out.append(_check(f"outside steps/s, {where}", r["steps_per_s"], ">=",
                                  OUTSIDE_STEPS_AT_MAX[r["m"]], "steps/s"))
        elif "click_p95_ms" in r:
            out.append(_check(f"outside click latency p95, m={r['m']:,}", r["click_p95_ms"], "<=",
                              OUTSIDE_CLICK_P95_MS, "ms"))
    return out


def evaluate(results):
    """A list of checks {name, value, op, target, unit, status} for whatever was measured."""
    out = _outside_checks(results.get("outside", []))
    for r in results.get("core_step", []):
        target = core_ratio_target(r["m"])
        if target is not None:
            out.append(_check(f"core step / floor, m={r['m']:,} {r['features']}", r["ratio"], "<=",
                              target, "x"))
    for r in results.get("live", []):
        target = FRAME_P95_MS.get(r["m"])
        if target is not None:
            out.append(_check(f"frame p95, m={r['m']:,}", r["frame_p95_ms"], "<=", target, "ms"))
    click = results.get("click")
    if click:
        out.append(_check(f"click latency median, m={click['m']:,}", click["latency_median_ms"],
                          "<=", CLICK_MS, "ms"))
        out.append(_check("clicks that added their point", click["clicks"] - len(click["problems"]),
                          ">=", click["clicks"], "clicks"))
    start = results.get("startup")
    if start:
        out.append(_check("start-up to first paint (median)", start["first_paint_median_s"], "<=",
                          STARTUP_S, "s"))
    mem = results.get("memory", {})
    steps = mem.get("steps")
    if steps:
        out.append(_check(f"peak RSS after {steps['steps']:,} steps", steps["peak_rss_mb"], "<=",
                          RSS_MB, "MB"))
        out.append(_check("RSS growth, quarter → end of the run", steps["rss_growth_after_quarter_mb"],
                          "<=", RSS_GROWTH_MB, "MB"))
    points = mem.get("points")
    if points:
        out.append(_check(f"peak RSS with {points['m']:,} points loaded", points["peak_rss_mb"],
                          "<=", None, "MB"))
    return out
