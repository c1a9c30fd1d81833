"""Real processes: closing and ending LogitLab loses nothing (issue 16, cases 1, 2 and 8).

Each test starts the app as ``logitlab`` runs it (``app.main.main`` under
``app_driver.py``, offscreen, HOME and XDG folders in tmp_path), edits
through the driver, and ends it as a person or the system would:

* File ▸ Quit (Ctrl+Q) with unsaved points asks; Cancel keeps it running,
  Save writes the lesson, Close without saving exits 0 and leaves nothing;
* Ctrl+C (SIGINT), SIGTERM and SIGHUP autosave now and exit with status
  128 + the signal — no traceback, no "LogitLab hit a bug" — and the next
  start is offered every point; also while the mouse moves (the old
  KeyboardInterrupt in mouseMoveEvent), while the close question is open and
  while the restore list is open;
* a session killed with SIGKILL is offered at the next start even when it is
  started with a file, and a clean exit deletes only its own autosave;
* ``python -m app`` itself (no driver) ends cleanly on SIGTERM.
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from app import autosave
from core.lesson import Lesson, read_lesson, write_lesson

from .support import ROOT

DRIVER = Path(__file__).with_name("app_driver.py")
POINTS = [(0.25, 0.5, 1), (-1.5, 0.75, 0), (2.0, -0.125, 1)]

pytestmark = pytest.mark.timeout(240)


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


@pytest.fixture
def env(env_for_subprocess):
    env = dict(env_for_subprocess)
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


@pytest.fixture
def folder(env):
    # Not in Qt's test mode there: AppDataLocation is $XDG_DATA_HOME/<org>/<app>.
    return Path(env["XDG_DATA_HOME"]) / "LogitLab" / "LogitLab" / "autosave"


@pytest.fixture
def apps():
    started = []
    yield started
    for app in started:
        app.end()


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


# -- closing -------------------------------------------------------------------------------


def test_quit_asks_cancel_keeps_running_close_without_saving_leaves_nothing(apps, env,
                                                                            folder):
    app, info = edited_app(apps, env)
    app.send("answer unsavedChangesDialog Cancel")
    app.send("quit")
    asked = app.wait_for("dialog unsavedChangesDialog:")
    assert "Not saved yet: the points." in asked
    assert app.proc.poll() is None
    assert app.info()["points"] == info["points"], "Cancel must keep everything"
    app.send("answer unsavedChangesDialog Close without saving")
    app.send("quit")
    assert app.exit_status() == 0
    assert app.wait_for("bye") == "bye 0"
    assert len(dialogs(app, "unsavedChangesDialog")) == 2
    clean_stderr(app)
    assert files_in(folder) == [], "Close without saving leaves no autosave, no lock"


def test_quit_save_writes_the_lesson_it_came_from(apps, env, folder, tmp_path):
    path = lesson_file(tmp_path)
    app, info = edited_app(apps, env, path)
    assert info["title"].startswith("lesson")
    app.send("answer unsavedChangesDialog Save")
    app.send("quit")
    assert "Save the changes to “lesson”" in app.wait_for("dialog unsavedChangesDialog:")
    assert app.exit_status() == 0
    clean_stderr(app)
    saved = read_lesson(path)
    assert len(saved.points) == 6 + len(POINTS)
    assert has_points(saved.points)
    assert files_in(folder) == []


def test_quit_with_nothing_unsaved_asks_nothing(apps, env, folder, tmp_path):
    app = start(apps, env, lesson_file(tmp_path))
    app.wait_for("ready")
    assert app.info()["unsaved"] == []
    app.send("quit")
    assert app.exit_status() == 0
    assert dialogs(app, "unsavedChangesDialog") == []
    assert files_in(folder) == []


# -- signals -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_session_and_exits_cleanly(apps, env, folder, name):
    app, info = edited_app(apps, env)
    signum = getattr(signal, name)
    app.proc.send_signal(signum)
    assert app.exit_status() == 128 + signum
    assert app.wait_for("bye") == f"bye {128 + signum}"
    text = clean_stderr(app)
    if name != "SIGHUP":
        assert f"logitlab: {name}: closing; unsaved work is autosaved" in text
    found = autosave.restorable(folder)
    assert len(found) == 1, "the session must be offered at the next start"
    assert Path(info["autosave"]) == found[0].path
    assert found[0].lesson.points.tolist() == info["points"]
    assert has_points(found[0].lesson.points)
    assert not autosave.lock_path_of(found[0].path).exists()


def test_ctrl_c_while_the_mouse_moves_exits_cleanly(apps, env, folder):
    app, info = edited_app(apps, env)
    app.send("wiggle")
    time.sleep(0.5)
    app.proc.send_signal(signal.SIGINT)
    assert app.exit_status() == 128 + signal.SIGINT
    clean_stderr(app)
    assert dialogs(app, "errorDialog") == []
    (found,) = autosave.restorable(folder)
    assert found.lesson.points.tolist() == info["points"]


def test_a_signal_while_the_close_question_is_open(apps, env, folder):
    app, info = edited_app(apps, env)
    app.send("quit")  # and nobody answers
    app.wait_for("dialog unsavedChangesDialog:")
    app.proc.send_signal(signal.SIGTERM)
    assert app.exit_status() == 128 + signal.SIGTERM
    clean_stderr(app)
    (found,) = autosave.restorable(folder)
    assert found.lesson.points.tolist() == info["points"]


def test_killed_sessions_are_offered_with_a_file_given_and_only_the_chosen_one_goes(
        apps, env, folder, tmp_path):
    # Two sessions end badly: one killed outright, one by SIGTERM.
    killed, killed_info = edited_app(apps, env)
    killed.info()  # the debounced autosave may still be pending: wait for it on disk
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (
            Path(killed_info["autosave"]).exists()
            and has_points(read_lesson(killed_info["autosave"]).points)):
        time.sleep(0.05)
    killed.proc.kill()
    killed.exit_status()
    other = [(5.0, 5.0, 1), (-5.0, -5.0, 0)]
    termed = start(apps, env)
    termed.send("answer restoreDialog Not now")  # it is offered the killed one: not now
    termed.wait_for("pressed Not now")
    termed.info_count = len(termed.info()["points"])
    termed.add_points(other)
    termed.proc.send_signal(signal.SIGTERM)
    assert termed.exit_status() == 128 + signal.SIGTERM
    assert len(autosave.orphans(folder)) == 2

    # The next start, with a file: the list shows both, newest first; restore the older.
    path = lesson_file(tmp_path, seed=3, name="today")
    app = start(apps, env, path)
    app.send("restore 1")
    listed = app.wait_for("dialog restoreDialog:")
    assert listed.count(" points (") == 2, listed
    app.wait_for("pressed Restore")
    # A command may still run inside the list's event loop, before the restore: wait.
    info = app.until(lambda info: info["unsaved"])
    assert has_points(info["points"]), "the killed session's points are back"
    assert info["unsaved"] == ["the points"]
    (left,) = autosave.orphans(folder)
    assert has_points(read_lesson(left).points, other), "the other session waits its turn"
    # This one closes cleanly: only its own autosave goes.
    app.send("answer unsavedChangesDialog Close without saving")
    app.send("quit")
    assert app.exit_status() == 0
    clean_stderr(app)
    assert autosave.orphans(folder) == [left]
    assert files_in(folder) == [left.name]
    assert len(read_lesson(path).points) == 6, "the file given was not written"


def test_a_signal_while_the_restore_list_is_open(apps, env, folder):
    first, info = edited_app(apps, env)
    first.proc.send_signal(signal.SIGTERM)
    assert first.exit_status() == 128 + signal.SIGTERM
    (orphan,) = autosave.orphans(folder)
    before = orphan.read_bytes()
    app = start(apps, env)
    app.wait_for("dialog restoreDialog:")
    app.proc.send_signal(signal.SIGTERM)
    assert app.exit_status() == 128 + signal.SIGTERM
    clean_stderr(app)
    assert autosave.orphans(folder) == [orphan]
    assert orphan.read_bytes() == before
    assert files_in(folder) == [orphan.name], "nothing else left"


def test_python_m_app_ends_cleanly_on_sigterm(apps, env, folder, tmp_path):
    """No driver: the module the desktop entry's script runs, an opened lesson, SIGTERM."""
    path = lesson_file(tmp_path)
    app = start(apps, env, path, driver=False)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(folder.glob("session-*.lock")):
        assert app.proc.poll() is None, app.stderr
        time.sleep(0.05)
    time.sleep(0.3)
    app.proc.send_signal(signal.SIGTERM)
    assert app.exit_status() == 128 + signal.SIGTERM
    text = clean_stderr(app)
    assert "logitlab: SIGTERM: closing; nothing was unsaved" in text
    assert autosave.orphans(folder) == []
    assert files_in(folder) == [], "nothing unsaved: nothing to offer, nothing left"


# -- the descent process -------------------------------------------------------------------


def _stepper_pid(app):
    deadline = time.monotonic() + 60
    while True:
        app.lines = [line for line in app.lines if not line.startswith("stepper ")]
        app.send("stepper")
        pid = int(app.wait_for("stepper ").split()[1])
        if pid:
            return pid
        assert time.monotonic() < deadline, "the descent process never started"
        time.sleep(0.1)


def _gone(pid, timeout=20):
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


@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT"])
def test_the_descent_process_never_outlives_the_app(apps, env, folder, how):
    """Flat out, descent runs in a process of its own: however the app ends (even
    killed outright), that process ends too, and Ctrl+C is the app's to answer."""
    app, _ = edited_app(apps, env)
    app.send("flatout")
    pid = _stepper_pid(app)
    app.proc.send_signal(getattr(signal, how))
    status = app.exit_status()
    assert status == (-signal.SIGKILL if how == "SIGKILL" else 128 + getattr(signal, how))
    assert _gone(pid), "the descent process was left running"
    if how != "SIGKILL":
        clean_stderr(app)
