"""The app in a child process, for the exit tests (``test_exits*.py``).

``App`` runs ``app.main.main`` under ``app_driver.py`` (or ``python -m app``
itself), offscreen, in the environment of the ``env`` fixture (HOME and XDG
folders in tmp_path; ``conftest.py``), and collects its stdout lines in a
thread.  The helpers start apps, edit them through the driver and look at what
they leave behind.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from core.lesson import Lesson, write_lesson

from .support import ROOT

DRIVER = Path(__file__).with_name("app_driver.py")
POINTS = [(0.25, 0.5, 1), (-1.5, 0.75, 0), (2.0, -0.125, 1)]


class App:
    """The app in a child process; its stdout lines collected by a thread."""

    def __init__(self, env, *args, driver=True):
        command = [sys.executable, str(DRIVER), *map(str, args)] if driver else \
            [sys.executable, "-m", "app", *map(str, args)]
        self.proc = subprocess.Popen(command, env=env, cwd=str(ROOT), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     bufsize=1)
        self.lines = []
        self.cond = threading.Condition()
        self.stderr = ""
        self._out = threading.Thread(target=self._read, daemon=True)
        self._out.start()
        self._err = threading.Thread(target=self._read_err, daemon=True)
        self._err.start()

    def _read(self):
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def _read_err(self):
        self.stderr = self.proc.stderr.read()

    def send(self, command):
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()

    def wait_for(self, prefix, timeout=60):
        """The first line starting with ``prefix`` (seen now or later)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for line in self.lines:
                    if line.startswith(prefix):
                        return line
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    self.end()
                    raise AssertionError(f"no {prefix!r} line: {self.lines[-8:]}\n{self.stderr}")
                self.cond.wait(min(left, 0.2))

    def info(self):
        with self.cond:
            self.lines = [line for line in self.lines if not line.startswith("info ")]
        self.send("info")
        return json.loads(self.wait_for("info ")[5:])

    def until(self, predicate, timeout=30):
        """The first ``info`` that satisfies ``predicate`` (asked again and again)."""
        deadline = time.monotonic() + timeout
        while True:
            info = self.info()
            if predicate(info):
                return info
            assert time.monotonic() < deadline, f"never true; last info: {info}"
            time.sleep(0.05)

    def add_points(self, points=POINTS):
        for x, y, label in points:
            self.send(f"add {x} {y} {label}")
        self.wait_for(f"added {self.info_count + len(points)}")

    info_count = 0

    def exit_status(self, timeout=60):
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.end()
            raise AssertionError(f"still running: {self.lines[-8:]}") from None
        self._err.join(timeout=10)
        return status

    def end(self):
        """Killed if still running; pipes closed (the fixture calls it for every app)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self._out.join(timeout=10)
        self._err.join(timeout=10)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            with contextlib.suppress(OSError):  # stdin's last flush into a process that is gone
                pipe.close()


def start(apps, env, *args, driver=True):
    app = App(env, *args, driver=driver)
    apps.append(app)
    return app


def clean_stderr(app):
    text = app.stderr
    assert "Traceback" not in text, text
    assert "KeyboardInterrupt" not in text, text
    assert "hit a bug" not in text, text
    return text


def dialogs(app, name):
    return [line for line in app.lines if line.startswith(f"dialog {name}:")]


def lesson_file(tmp_path, m=6, seed=0, name="lesson"):
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(m, 2))
    path = tmp_path / f"{name}.logitlab.json"
    write_lesson(path, Lesson(points=points, labels=(points[:, 0] > 0).astype(int),
                              title=name))
    return path


def edited_app(apps, env, *args):
    """The app started, ready, with POINTS added (unsaved); returns (app, info)."""
    app = start(apps, env, *args)
    app.wait_for("ready")
    app.info_count = len(app.info()["points"])
    app.add_points()
    info = app.info()
    assert info["unsaved"] == ["the points"]
    return app, info


def files_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def has_points(points, wanted=POINTS):
    return all([x, y] in np.asarray(points).tolist() for x, y, _ in wanted)


def stepper_pid(app):
    deadline = time.monotonic() + 60
    while True:
        app.lines = [line for line in app.lines if not line.startswith("stepper ")]
        app.send("stepper")
        pid = int(app.wait_for("stepper ").split()[1])
        if pid:
            return pid
        assert time.monotonic() < deadline, "the descent process never started"
        time.sleep(0.1)


def gone(pid, timeout=20):
    """True once process ``pid`` has exited (or is a zombie nobody waits for)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.05)
    return False
