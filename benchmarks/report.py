"""The plain-text table of one run, each figure beside its target."""

from __future__ import annotations

from . import targets as T


def _mark(value, op, target):
    if target is None or value is None:
        return ""
    ok = value <= target if op == "<=" else value >= target
    return "PASS" if ok else "MISS"


def _g(x, digits=3):
    if x is None:
        return "—"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def table(results):
    lines = []
    add = lines.append
    mach = results["machine"]
    blas = mach["blas"]
    env = " ".join(f"{k}={v}" for k, v in blas.get("env", {}).items()) or "no BLAS variables set"
    add(f"LogitLab benchmark ({results['mode']}), {results['seconds']:.0f} s — Python "
        f"{mach['python']}, numpy {mach['numpy']}, PySide6 {mach['pyside6']}, pyqtgraph "
        f"{mach['pyqtgraph']}, {mach['cpus']} CPUs, QT_QPA_PLATFORM={mach['qt_platform']}")
    add(f"BLAS: {blas.get('name')} {blas.get('version')}, {blas.get('threads')} threads at start; "
        f"{env}")
    if results.get("blas_threads_limited_to"):
        add(f"BLAS limited to {results['blas_threads_limited_to']} thread(s) by --blas-threads")
    git = mach.get("git") or {}
    if git:
        mods = ", ".join(git.get("modified") or []) or "none"
        add(f"commit {git.get('commit')}; app/ core/ files modified since: {mods}")
    add(f"load average at start {mach['loadavg_start'][0]:.2f}, at end "
        f"{results.get('loadavg_end', [float('nan')])[0]:.2f} (other work on the machine skews "
        "every figure)")
    if "core_speed_ms_start" in mach:
        add(f"one core's speed (a fixed 1M-step Python loop, best of 5; lower is faster): "
            f"{mach['core_speed_ms_start']:.0f} ms at start, "
            f"{results.get('core_speed_ms_end', float('nan')):.0f} ms at end")

    outside = results.get("outside")
    if outside:
        from .event_loop import table as outside_table

        add("")
        add("0. " + outside_table(outside).replace("\n", "\n   "))
        for check in results.get("checks", []):
            if check["name"].startswith("outside"):
                add(f"   {check['name']}: {_g(check['value'])} {check['unit']} "
                    f"(target {check['op']} {_g(check['target'])})  {check['status']}")

    core = results.get("core_step")
    if core:
        add("")
        add(f"1. Core step: GradientDescent.step(n) vs the fused numpy floor, ms per step "
            f"(min of {core[0]['repeats']} repeats), {core[0].get('blas_threads')} BLAS threads")
        add(f"   {'m':>9}  {'features':<9} {'core':>9} {'floor':>9} {'propagate':>9} {'ratio':>7}"
            f"  {'target':<8} {'':4}  issue's floor")
        for r in core:
            tgt = T.core_ratio_target(r["m"])
            add(f"   {r['m']:>9,}  {r['features']:<9} {r['core_ms']:>9.4f} {r['floor_ms']:>9.4f} "
                f"{r['propagate_ms']:>9.4f} {r['ratio']:>6.2f}x  "
                f"{'<= ' + format(tgt, 'g') + 'x' if tgt else '':<8} "
                f"{_mark(r['ratio'], '<=', tgt):4}  {T.PEERS['floor_ms'].get(r['m'], '')} ms")

    live = results.get("live")
    if live:
        add("")
        add("2. Live loop: the real window (1600x900), quadratic features, tick() + paint per "
            f"frame, ms ({live[0].get('blas_threads')} BLAS threads once the window exists)")
        add(f"   {'m':>9}  {'frames':>6} {'median':>7} {'p95':>7} {'max':>7} {'tick':>7} "
            f"{'paint':>7} {'steps/fr':>8} {'steps/s':>9}  {'target p95':<10} "
            f"{'':4}")
        for r in live:
            tgt = T.FRAME_P95_MS.get(r["m"])
            add(f"   {r['m']:>9,}  {r['frame_n']:>6} {r['frame_median_ms']:>7.1f} "
                f"{r['frame_p95_ms']:>7.1f} {r['frame_max_ms']:>7.1f} {r['tick_median_ms']:>7.1f} "
                f"{r['paint_median_ms']:>7.1f} {r['steps_per_frame_median']:>8.0f} "
                f"{r['steps_per_s']:>9,.0f}  "
                f"{'<= ' + format(tgt, 'g'):<10} {_mark(r['frame_p95_ms'], '<=', tgt):4}")
        if any(r.get("process") for r in live):
            add("   (m=1,000,000 runs in the fresh process that measures its memory)")
        # Descent runs beside the frames, not in them: the steps the app takes a second
        # are the outside table's (0.), not this loop's frames scaled to 60 a second.
        add(f"   peer: {T.PEERS['tf_playground']}")

    click = results.get("click")
    if click:
        add("")
        add(f"3. Click latency, {click['m']:,} points, descent running: press → end of the next "
            f"frame ({click['clicks']} clicks)")
        add(f"   median {click['latency_median_ms']:.1f} ms, p95 {click['latency_p95_ms']:.1f} ms, "
            f"max {click['latency_max_ms']:.1f} ms  (target <= {T.CLICK_MS} ms)  "
            f"{_mark(click['latency_median_ms'], '<=', T.CLICK_MS)}")
        add(f"   of which press → point applied and refreshed (no paint): median "
            f"{click['handled_median_ms']:.1f} ms, p95 {click['handled_p95_ms']:.1f} ms")
        for p in click["problems"]:
            add(f"   PROBLEM: {p}")

    start = results.get("startup")
    if start:
        add("")
        add(f"4. Start-up: process start → first painted main window, median of {start['runs']}")
        add(f"   {start['first_paint_median_s']:.2f} s (max {start['first_paint_max_s']:.2f} s; "
            f"window built at {start['window_built_median_s']:.2f} s)  (target <= "
            f"{T.STARTUP_S} s)  {_mark(start['first_paint_median_s'], '<=', T.STARTUP_S)}")

    mem = results.get("memory", {})
    if mem:
        add("")
        add("5. Memory: peak RSS in a fresh process")
        s = mem.get("steps")
        if s:
            add(f"   after {s['steps']:,} steps on 1,000 points (quadratic): {s['peak_rss_mb']:.0f} MB "
                f"(target <= {T.RSS_MB:g} MB)  {_mark(s['peak_rss_mb'], '<=', T.RSS_MB)}")
            trail = ", ".join(f"{mk['steps'] // 1000:,}k: {mk['rss_mb']:.1f} MB / "
                              f"{mk['history_nbytes'] / 1024:.0f} KiB" for mk in s["marks"])
            add(f"   RSS / history.nbytes() along the run: {trail}")
            add(f"   growth from a quarter of the run to its end: "
                f"{s['rss_growth_after_quarter_mb']:.1f} MB (target <= {T.RSS_GROWTH_MB:g} MB)  "
                f"{_mark(s['rss_growth_after_quarter_mb'], '<=', T.RSS_GROWTH_MB)}; history "
                f"{'bounded' if s['history_bounded'] else 'GROWING'}")
        p = mem.get("points")
        if p:
            add(f"   {p['m']:,} points loaded into the window + one frame: {p['peak_rss_mb']:.0f} MB"
                f" peak ({p['window_rss_mb']:.0f} MB for the empty window; load "
                f"{p['load_s']:.1f} s, first frame {p['first_frame_ms']:,.0f} ms)  (no target)")
        add("   (peak = VmHWM of the child itself; ru_maxrss would include the parent's peak, "
            "which Linux carries into a child)")

    vec = results.get("vectorization")
    if vec:
        add("")
        add("6. Vectorization: core.model.propagate_loop vs propagate, linear features")
        for r in vec:
            add(f"   m={r['m']:>7,}: loop {r['loop_ms']:.2f} ms, vectorized {r['vectorized_ms']:.4f}"
                f" ms, speed-up {r['speedup']:,.0f}x (same result to {r['max_abs_diff']:.1e})")
        add(f"   peer: {T.PEERS['loop_slowdown']}")

    checks = results.get("checks", [])
    if checks:
        passed = sum(c["status"] == "PASS" for c in checks)
        missed = [c for c in checks if c["status"] == "MISS"]
        add("")
        add(f"Targets: {passed} PASS, {len(missed)} MISS")
        for c in missed:
            add(f"   MISS  {c['name']}: {_g(c['value'])} {c['unit']} (target {c['op']} "
                f"{_g(c['target'])})")
    return "\n".join(lines)
