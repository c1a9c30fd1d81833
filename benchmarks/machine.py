"""What the numbers were measured on: versions, CPUs, load, numpy's BLAS (read, never changed)."""

from __future__ import annotations

import ctypes
import os
import platform
import sys
import warnings

import numpy as np

BLAS_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
            "OPENBLAS_L2_SIZE")


def blas_info():
    info = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["name"] = blas.get("name")
        info["version"] = blas.get("version")
        info["config"] = blas.get("openblas configuration")
    except Exception as exc:  # noqa: BLE001 - information only
        info["error"] = str(exc)
    info["env"] = {k: os.environ[k] for k in BLAS_ENV if k in os.environ}
    info["threads"] = openblas_threads()
    return info


def openblas_threads():
    """Threads the loaded OpenBLAS will use (via its own C API), or None."""
    np.ones(2) @ np.ones(2)  # make sure the library is loaded
    try:
        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "openblas" in line and "/" in line}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in ("scipy_openblas_get_num_threads64_", "openblas_get_num_threads64_",
                     "openblas_get_num_threads"):
            fn = getattr(lib, name, None)
            if fn is not None:
                fn.restype = ctypes.c_int
                return int(fn())
    return None


def git_info():
    """The commit measured, and the app/ core/ files that differ from it (work in progress)."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root,
                                capture_output=True, text=True, timeout=10).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain", "--", "app", "core"], cwd=root,
                                capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit or None,
            "modified": [line[3:] for line in status.splitlines() if line.strip()]}


def core_speed_ms():
    """Milliseconds one core takes for a fixed pure-Python loop (best of five).

    Load average does not see a busy host: on the 2-core machine CI uses, with
    nothing else running, this loop took 36 ms and 61 ms a few seconds apart, and
    on 1 Dec 2026 every figure of a run was about half as good as the same code's
    an hour before, on another machine of the same kind. Taken beside each scenario, so runs can be compared."""
    import time

    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        s = 0
        for i in range(1_000_000):
            s += i
        best = min(best, time.perf_counter() - t)
    return best * 1e3


def machine_info():
    import pyqtgraph
    import PySide6

    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "numpy": np.__version__,
        "pyside6": PySide6.__version__,
        "pyqtgraph": pyqtgraph.__version__,
        "qt_platform": os.environ.get("QT_QPA_PLATFORM"),
        "blas": blas_info(),
        "loadavg_start": list(os.getloadavg()),
        "core_speed_ms_start": core_speed_ms(),
        "git": git_info(),
    }
