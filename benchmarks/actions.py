"""What each user action costs the GUI thread, while descent runs (issue 16: ≤ 16 ms at
1,000 points, ≤ 100 ms at 100,000).

Each action is triggered as a user would (its button, check box, menu action or
key) on the real window with descent playing; the figure is the GUI thread's
CPU time (``time.thread_time``: what the action and the frame that shows it
take from the thread that paints, whatever the other processes on the machine
do) from the action to the end of the next paint.  One fresh process per size.

    python -m benchmarks.actions          # 1,000 and 100,000 points
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

TARGET_MS = {1_000: 16.0, 100_000: 100.0}
#: Each action is measured this many times; the table gives the median and the worst.
ROUNDS = 5


def _child(m):
    from PySide6 import QtCore

    from benchmarks.event_loop import ring_window

    app, window = ring_window(m, (1280, 720))
    c = window.controller
    ctl = window.controls

    def settle(seconds=0.3):
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)

    actions = [
        ("Linear", lambda: ctl.feature_linear.click()),
        ("Quadratic", lambda: ctl.feature_quadratic.click()),
        ("term x1·x2 off", lambda: ctl.term_boxes["x1*x2"].click()),
        ("term x1·x2 on", lambda: ctl.term_boxes["x1*x2"].click()),
        ("Standardize off", lambda: ctl.standardize.click()),
        ("Standardize on", lambda: ctl.standardize.click()),
        ("α × 3 (PageUp)", lambda: c.multiply_learning_rate(3.0)),
        ("α ÷ 3 (PageDown)", lambda: c.multiply_learning_rate(1 / 3.0)),
        ("Reset (R)", lambda: ctl.reset.click()),
        ("add a point", lambda: c.add_point(0.1, 0.2, 1)),
        ("undo (Ctrl+Z)", lambda: c.undo_stack.undo()),
        ("redo", lambda: c.undo_stack.redo()),
        ("presentation on (F5)", lambda: window.presentation_action.trigger()),
        ("presentation off (F5)", lambda: window.presentation_action.trigger()),
        ("landscape tab", lambda: window.tabs.setCurrentWidget(window.landscape)),
        ("σ(z) tab", lambda: window.tabs.setCurrentWidget(window.sigmoid_view)),
        ("pause", lambda: c.set_playing(False)),
        ("play", lambda: c.set_playing(True)),
    ]
    painted = []
    window.painted.connect(lambda: painted.append(time.perf_counter()))
    c.set_playing(True)
    settle(0.5)
    cpu = {name: [] for name, _ in actions}
    wall = {name: [] for name, _ in actions}
    for _ in range(ROUNDS):  # each action is undone by the next, so the list repeats
        for name, do in actions:
            settle(0.25)
            n0 = len(painted)
            cpu0, t0 = time.thread_time(), time.perf_counter()
            do()
            deadline = t0 + 5.0
            while len(painted) == n0 and time.perf_counter() < deadline:
                app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
            cpu[name].append((time.thread_time() - cpu0) * 1e3)
            wall[name].append((time.perf_counter() - t0) * 1e3)
    out = [{"action": name, "gui_cpu_ms": statistics.median(cpu[name]),
            "gui_cpu_max_ms": max(cpu[name]), "wall_ms": statistics.median(wall[name])}
           for name, _ in actions]
    c.shutdown()
    from benchmarks.machine import core_speed_ms

    print(json.dumps({"m": m, "load": os.getloadavg()[0], "core_speed_ms": core_speed_ms(),
                      "actions": out}), flush=True)


def measure(sizes=(1_000, 100_000)):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    results = []
    for m in sizes:
        done = subprocess.run([sys.executable, "-m", "benchmarks.actions", "--child", str(m)],
                              capture_output=True, text=True, cwd=root, timeout=600)
        lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
        results.append(json.loads(lines[-1]) if lines else
                       {"m": m, "error": (done.stderr.strip().splitlines() or ["?"])[-1]})
    return results


def table(results):
    rows = ["GUI-thread CPU per action, descent running (action → end of the paint that "
            f"shows it; median of {ROUNDS})"]
    for r in results:
        if "error" in r:
            rows.append(f"  m={r['m']:,}: error {r['error']}")
            continue
        target = TARGET_MS.get(r["m"])
        speed = r.get("core_speed_ms")
        speed = "" if speed is None else f"; one core's speed {speed:.0f} ms (benchmarks.machine)"
        rows.append(f"  m={r['m']:,} (target ≤ {target:g} ms; load {r['load']:.2f}{speed})")
        for a in r["actions"]:
            mark = "" if target is None else ("PASS" if a["gui_cpu_ms"] <= target else "MISS")
            rows.append(f"    {a['action']:<24} {a['gui_cpu_ms']:7.1f} ms CPU "
                        f"(worst {a.get('gui_cpu_max_ms', a['gui_cpu_ms']):5.1f}) "
                        f"{a['wall_ms']:7.1f} ms wall  {mark}")
    return "\n".join(rows)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        _child(int(argv[1]))
        return 0
    sizes = tuple(int(a) for a in argv if a.isdigit()) or (1_000, 100_000)
    results = measure(sizes)
    print(json.dumps(results, indent=1) if "--json" in argv else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
