"""Measurements that need a fresh process: start-up time and peak memory.

Each child is ``python -c <script>`` with the parent's environment (plus
``QT_QPA_PLATFORM=offscreen``) and the repository as working directory; it
prints one JSON line, which the parent reads.  The live loop at 1,000,000
points runs in the memory child, so those points are loaded only once.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_QUIET_QT = """
from PySide6 import QtCore
QtCore.qInstallMessageHandler(
    lambda mode, ctx, msg: None if "propagateSizeHints" in msg else print(msg, file=sys.stderr))
"""

# Process start → first paint of the main window, the way app.main builds it
# (create_main_window, the first preset, 1600×900, show).  The clock starts
# in the parent just before Popen (argv[1]); the child stops it in a zero
# timer queued by the data plot's first paint event, i.e. once that paint
# (and the rest of the window's, done in the same backing-store pass) is over.
STARTUP = """
import sys, time, json
t0 = float(sys.argv[1])
""" + _QUIET_QT + """
from PySide6 import QtWidgets
app = QtWidgets.QApplication(["logitlab"])
app.setApplicationName("LogitLab-benchmark")
from app import create_main_window
window = create_main_window()

def quiet_autosave():
    autosave = getattr(window.controller, "autosave", None)
    if autosave is not None:
        autosave.timer.stop()

window.preset_menu.load_first()
quiet_autosave()
t_built = time.time() - t0
marks = {}

class FirstPaint(QtCore.QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QtCore.QEvent.Type.Paint and "paint" not in marks:
            marks["paint"] = True
            QtCore.QTimer.singleShot(0, done)
        return False

def done():
    print(json.dumps({"first_paint_s": time.time() - t0, "window_built_s": t_built}), flush=True)
    quiet_autosave()
    app.quit()

f = FirstPaint()
window.data_plot.viewport().installEventFilter(f)
window.resize(1600, 900)
window.show()
QtCore.QTimer.singleShot(30000, app.quit)
app.exec()
"""

def peak_rss_mb():
    """VmHWM: this process's own peak RSS since exec, in MiB (Linux), or None.

    ``ru_maxrss`` is not used for the verdict: Linux carries the parent's
    high-water mark into a forked-and-exec'd child, so a child of a big
    parent reports the parent's peak.  Both are reported.
    """
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def rss_mb():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return None


def ru_maxrss_mb():
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# N descent steps on 1,000 points in chunks; RSS and the history's size along the way.
STEPS = """
import sys, json
sys.path.insert(0, sys.argv[1])
total, chunk = int(sys.argv[2]), 10000
from benchmarks.core_step import session_for
from benchmarks.processes import peak_rss_mb, rss_mb, ru_maxrss_mb
session = session_for(1000, "quadratic")
engine = session.engine
start_rss = rss_mb()
marks = []
done = 0
while done < total:
    n = engine.step(min(chunk, total - done))
    if n == 0:
        raise SystemExit(f"engine stopped: {engine.state}")
    done += n
    if done * 8 // total != (done - n) * 8 // total:
        h = engine.history
        marks.append({"steps": done, "rss_mb": rss_mb(), "history_nbytes": h.nbytes(),
                      "history_len": len(h), "stride": h.stride})
print(json.dumps({"steps": done, "peak_rss_mb": peak_rss_mb(), "ru_maxrss_mb": ru_maxrss_mb(),
                  "start_rss_mb": start_rss, "marks": marks}), flush=True)
"""

# m points into the main window (replace_points) and one frame drawn: the peak
# RSS; then, in the same fresh process, the live loop at this size.
POINTS = """
import sys, json, time
sys.path.insert(0, sys.argv[1])
m, frames, max_seconds = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
from benchmarks.live import Bench, measure_frames
from benchmarks.processes import peak_rss_mb, rss_mb, ru_maxrss_mb
bench = Bench()
window_rss = rss_mb()
t = time.perf_counter()
bench.load(m)
load_s = time.perf_counter() - t
total, tick, steps = bench.frame()
out = {"m": m, "peak_rss_mb": peak_rss_mb(), "ru_maxrss_mb": ru_maxrss_mb(),
       "rss_after_mb": rss_mb(), "window_rss_mb": window_rss, "load_s": load_s,
       "first_frame_ms": total * 1e3}
if frames > 0:
    live = measure_frames(bench, frames, warmup=2, max_seconds=max_seconds or None)
    live["load_s"] = load_s
    live["process"] = "fresh (with the memory measurement)"
    out["live"] = live
    out["peak_rss_after_frames_mb"] = peak_rss_mb()
bench.close()
print(json.dumps(out), flush=True)
"""


def _env():
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(script, *args, timeout=900):
    """Run ``python -c script args``; (parsed last JSON line, parent wall seconds)."""
    t = time.time()
    proc = subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, env=_env(),
                          capture_output=True, text=True, timeout=timeout)
    wall = time.time() - t
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(lines[-1]), wall


def bench_startup(runs=5):
    """Process start → first painted main window, median of ``runs`` fresh processes."""
    first, built, walls = [], [], []
    for _ in range(runs):
        t0 = time.time()
        env = _env()
        proc = subprocess.Popen([sys.executable, "-c", STARTUP, repr(t0)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = proc.stdout.readline()
        wall = time.time() - t0
        rest, err = proc.communicate(timeout=60)
        if not line.startswith("{"):
            raise RuntimeError(f"start-up child printed {line!r}\n{err[-2000:]}")
        got = json.loads(line)
        first.append(got["first_paint_s"])
        built.append(got["window_built_s"])
        walls.append(wall)
    return {
        "runs": runs,
        "first_paint_median_s": statistics.median(first),
        "first_paint_max_s": max(first),
        "window_built_median_s": statistics.median(built),
        "parent_wall_median_s": statistics.median(walls),
        "all_s": first,
    }


def bench_memory_steps(steps=1_000_000):
    out, wall = _run(STEPS, ROOT, steps)
    out["wall_s"] = wall
    marks = out["marks"]
    quarter = next((mk for mk in marks if mk["steps"] >= steps // 4), marks[0])
    out["rss_growth_after_quarter_mb"] = marks[-1]["rss_mb"] - quarter["rss_mb"]
    out["history_bounded"] = len({mk["history_nbytes"] for mk in marks}) == 1
    return out


def bench_memory_points(m=1_000_000, frames=0, max_seconds=0):
    """Peak RSS with ``m`` points in the window after one frame; with ``frames`` > 0
    the live loop at that size too (``out["live"]``), in the same fresh process."""
    out, wall = _run(POINTS, ROOT, m, frames, max_seconds or 0, timeout=3600)
    out["wall_s"] = wall
    return out
