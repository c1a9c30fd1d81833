"""What a user gets, measured from outside: the real window in Qt's own event loop.

Nothing here calls ``tick()``: the app's own 16 ms timer drives the frames and
the descent worker steps, exactly as when a teacher presses Play.  A frame is
a paint event of the data plot's viewport (counted by an event filter); the
steps come from what the window says (the step label, read at the start
and the end).  Each configuration runs in a fresh process, so one cannot warm
or slow another.

    python -m benchmarks.event_loop            # the table below, ~1 minute
    python -m benchmarks.event_loop --json

Scenarios (issue 10's): m points in a ring, quadratic features, ε = 0 so
descent never stops; 1280×720 normal and 1920×1080 presentation (F5); the
default pace (50 steps per frame) and the maximum; click latency at 10,000
points (press → the first paint of the data plot after which the point is
drawn); idle CPU with the window open and paused.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

#: (m, window, presentation, pace, seconds)
SCENARIOS = [
    (1_000, (1280, 720), False, "default", 4.0),
    (1_000, (1280, 720), False, "max", 4.0),
    (1_000, (1920, 1080), True, "default", 4.0),
    (1_000, (1920, 1080), True, "max", 4.0),
    (10_000, (1280, 720), False, "max", 4.0),
    (100_000, (1280, 720), False, "max", 4.0),
]


def ring(m, seed=0):
    import numpy as np

    rng = np.random.default_rng(seed)
    labels = (np.arange(m) % 2 == 0).astype(int)
    radius = np.where(labels == 1, 2.0, 1.0) + rng.normal(0, 0.25, m)
    angle = rng.uniform(0, 2 * np.pi, m)
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]), labels


def ring_window(m, size, presentation=False):
    """(app, window): the real main window, offscreen, shown at ``size`` with m ring
    points, quadratic features and ε = 0 (descent never stops by itself)."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import tempfile

    os.environ.setdefault("XDG_DATA_HOME", tempfile.mkdtemp(prefix="logitlab-bench-"))
    from PySide6 import QtCore, QtTest, QtWidgets

    QtCore.qInstallMessageHandler(lambda *a: None)
    app = QtWidgets.QApplication(["logitlab-benchmark"])
    from app import create_main_window
    from core.features import QUADRATIC

    window = create_main_window()
    c = window.controller
    window.resize(*size)
    window.show()
    QtTest.QTest.qWaitForWindowExposed(window)
    if presentation:
        window.presentation_action.trigger()
    points, labels = ring(m)
    c.replace_points(points, labels, "benchmark")
    c.set_view(None)
    c.set_terms(QUADRATIC)
    c.set_tolerance(0.0)
    c.set_learning_rate(0.5)
    return app, window


def _child(spec):
    """Run one scenario in this process; print one JSON line."""
    import numpy as np
    from PySide6 import QtCore

    from benchmarks.machine import core_speed_ms

    width, height = spec["size"]
    app, window = ring_window(spec["m"], (width, height), spec["presentation"])
    c = window.controller
    window.controls.steps_per_frame.setValue(50 if spec["pace"] == "default" else 100_000)
    for _ in range(5):
        app.processEvents()
    viewport = window.data_plot.viewport()
    paints = []

    class Counter(QtCore.QObject):
        on_paint = None  # called on each paint of the data plot (the click latency's)

        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            # A frame repaints the whole plot (the boundary and the heat map move); a
            # small region is the overlay's text repainted over it, not a frame.
            if event.type() == QtCore.QEvent.Type.Paint:
                if self.on_paint is not None:
                    self.on_paint()
                r = event.region().boundingRect()
                if r.width() * r.height() >= 0.5 * obj.width() * obj.height():
                    paints.append(time.perf_counter())
            return False

    counter = Counter()
    viewport.installEventFilter(counter)

    def shown_iteration():
        return int("".join(ch for ch in window.status.iteration.text() if ch.isdigit()) or 0)

    out = {"m": spec["m"], "size": f"{width}x{height}", "presentation": spec["presentation"],
           "pace": spec["pace"], "load_before": os.getloadavg()[0],
           "core_speed_ms": core_speed_ms()}
    if spec.get("idle"):
        # Paused, window open: the process should sleep (after a second for the
        # landscape's grid and the first paints to settle).
        t_settled = time.perf_counter() + 1.0
        while time.perf_counter() < t_settled:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        cpu0, t0 = time.process_time(), time.perf_counter()

        def read_and_quit():  # before quitting: closing the window is not idle
            out["idle_cpu_percent"] = (100 * (time.process_time() - cpu0)
                                       / (time.perf_counter() - t0))
            app.quit()

        QtCore.QTimer.singleShot(int(spec["seconds"] * 1000), read_and_quit)
        app.exec()
    elif spec.get("clicks"):
        out.update(_clicks(app, window, viewport, counter, spec["clicks"]))
    else:
        c.set_playing(True)
        QtCore.QTimer.singleShot(500, lambda: None)  # warm-up: half a second
        t_end = time.perf_counter() + 0.5
        while time.perf_counter() < t_end:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        paints.clear()
        it0, t0 = shown_iteration(), time.perf_counter()
        cpu0, child0 = time.process_time(), _descent_process_cpu(c)
        child1 = []
        QtCore.QTimer.singleShot(int(spec["seconds"] * 1000),
                                 lambda: (child1.append(_descent_process_cpu(c)), app.quit()))
        app.exec()
        t = time.perf_counter() - t0
        it1 = shown_iteration()
        gaps = np.diff(paints) * 1e3
        out.update({
            "seconds": t,
            "frames_per_s": len(paints) / t,
            "frame_gap_median_ms": float(np.median(gaps)) if len(gaps) else None,
            "frame_gap_p95_ms": float(np.percentile(gaps, 95)) if len(gaps) else None,
            "steps_per_s": (it1 - it0) / t,
            "cpu_percent": 100 * (time.process_time() - cpu0) / t,
            # The descent process (core/stepper.py) at the maximum pace, if it ran.
            "descent_process_cpu_percent": 100 * (child1[0] - child0) / t if child1 else 0.0,
        })
    out["load_after"] = os.getloadavg()[0]
    c.shutdown()
    print(json.dumps(out), flush=True)


def _descent_process_cpu(controller):
    """CPU seconds the descent process has used so far (0 when there is none)."""
    stepper = controller.worker._stepper
    if getattr(stepper, "_proc", None) is None:
        return 0.0
    try:
        with open(f"/proc/{stepper._proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _clicks(app, window, viewport, counter, clicks):
    """Press → the end of the window's first paint that painted the data plot with the
    new point in its scatter item (a pass that painted only other panels, as each
    scene's own repaint did before one paint a frame, does not show the point)."""
    import numpy as np
    from PySide6 import QtCore, QtTest

    c = window.controller
    window.controls.steps_per_frame.setValue(100_000)
    c.set_playing(True)
    vb = window.data_plot.view_box
    (x0, x1), (y0, y1) = vb.viewRange()
    rng = np.random.default_rng(1)
    latencies, problems = [], []
    for _ in range(clicks):
        t_wait = time.perf_counter() + 0.1
        while time.perf_counter() < t_wait:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
        x = rng.uniform(x0 + 0.2 * (x1 - x0), x1 - 0.2 * (x1 - x0))
        y = rng.uniform(y0 + 0.2 * (y1 - y0), y1 - 0.2 * (y1 - y0))
        scene = vb.mapViewToScene(QtCore.QPointF(x, y))
        pos = window.data_plot.mapFromScene(scene)
        m0 = c.session.m
        label = c.selected_class
        n0 = len(window.data_plot.shown_points(label)[0])
        seen = []
        plot_painted = []

        def on_plot_paint(_n0=n0, _label=label):
            if len(window.data_plot.shown_points(_label)[0]) > _n0:
                plot_painted.append(True)

        def on_paint():
            if plot_painted and not seen:
                seen.append(time.perf_counter())

        counter.on_paint = on_plot_paint
        window.painted.connect(on_paint)
        t0 = time.perf_counter()
        QtTest.QTest.mouseClick(viewport, QtCore.Qt.MouseButton.LeftButton,
                                QtCore.Qt.KeyboardModifier.NoModifier, pos)
        deadline = t0 + 1.0
        while not seen and time.perf_counter() < deadline:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        window.painted.disconnect(on_paint)
        counter.on_paint = None
        if not seen or c.session.m != m0 + 1:
            problems.append(f"click at ({x:.3g}, {y:.3g}) not shown within 1 s")
            continue
        latencies.append((seen[0] - t0) * 1e3)
        c.undo_stack.undo()
    lat = np.array(latencies) if latencies else np.array([np.nan])
    return {"clicks": clicks, "click_median_ms": float(np.median(lat)),
            "click_p95_ms": float(np.percentile(lat, 95)), "problems": problems}


def run_child(spec):
    cmd = [sys.executable, "-m", "benchmarks.event_loop", "--child", json.dumps(spec)]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=root, timeout=300)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if done.returncode or not lines:
        return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"],
                **spec}
    return json.loads(lines[-1])


def measure(quick=False):
    seconds = 2.0 if quick else None
    results = []
    for m, size, presentation, pace, secs in SCENARIOS:
        if quick and m > 10_000:
            continue
        results.append(run_child({"m": m, "size": size, "presentation": presentation,
                                  "pace": pace, "seconds": seconds or secs}))
    results.append(run_child({"m": 10_000, "size": (1280, 720), "presentation": False,
                              "pace": "max", "clicks": 10 if quick else 30}))
    results.append(run_child({"m": 1_000, "size": (1280, 720), "presentation": False,
                              "pace": "default", "idle": True, "seconds": 2.0 if quick else 3.0}))
    return results


def table(results):
    rows = ["Outside, real event loop (the app's own timer; data-plot paints counted; "
            "step label read; CPU % of one core: the app, +desc. the descent process; "
            "speed: one core's, ms for benchmarks.machine's fixed loop, lower is faster)",
            f"{'m':>9}  {'window':<16} {'pace':<8} {'frames/s':>8} {'p95 gap':>8} "
            f"{'steps/s':>9} {'CPU %':>6} {'+desc.':>6} {'load':>5} {'speed':>5}"]
    for r in results:
        if "error" in r:
            rows.append(f"  error: {r}")
            continue
        where = r["size"] + (" F5" if r["presentation"] else "")
        if "frames_per_s" in r:
            rows.append(f"{r['m']:>9,}  {where:<16} {r['pace']:<8} {r['frames_per_s']:>8.1f} "
                        f"{r['frame_gap_p95_ms']:>6.1f}ms {r['steps_per_s']:>9,.0f} "
                        f"{r['cpu_percent']:>6.0f} {r.get('descent_process_cpu_percent', 0):>6.0f} "
                        f"{r['load_before']:>5.2f} {_speed(r):>5}")
        elif "click_median_ms" in r:
            rows.append(f"   click latency, m={r['m']:,}, descent running: median "
                        f"{r['click_median_ms']:.1f} ms, p95 {r['click_p95_ms']:.1f} ms "
                        f"({len(r['problems'])} problems; load {r['load_before']:.2f}, "
                        f"speed {_speed(r)})")
        elif "idle_cpu_percent" in r:
            rows.append(f"   idle, paused, window open: {r['idle_cpu_percent']:.1f} % of a core "
                        f"(load {r['load_before']:.2f}, speed {_speed(r)})")
    return "\n".join(rows)


def _speed(r):
    return f"{r['core_speed_ms']:.0f}" if "core_speed_ms" in r else "?"


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        _child(json.loads(argv[1]))
        return 0
    results = measure(quick="--quick" in argv)
    if "--json" in argv:
        print(json.dumps(results, indent=1))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
