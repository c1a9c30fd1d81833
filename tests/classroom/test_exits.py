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
  started with a file, and a clean exit deletes only its own autosave.

``python -m app`` itself on SIGTERM, and the descent process ending with the
app: ``test_exits_descent_process.py``; the app in a child process and the
helpers: ``exit_apps.py``; the fixtures ``env``, ``folder`` and ``apps``:
``conftest.py``.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest

from app import autosave
from core.lesson import read_lesson

from .exit_apps import (
    POINTS,
    clean_stderr,
    dialogs,
    edited_app,
    files_in,
    has_points,
    lesson_file,
    start,
)

pytestmark = pytest.mark.timeout(240)


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



def test_a_file_the_desktop_opens_and_cannot_read_is_said_in_the_window(apps, env, tmp_path):
    """Double-clicked, a file LogitLab cannot read showed nothing: the one-line refusal
    went to a terminal nobody had.  The desktop entry's command opens the window and
    says it there; the command line keeps its one line and status 2."""
    from app.resources import RESOURCES

    bad = tmp_path / "grades.csv"
    bad.write_bytes(b"PK\x03\x04" + bytes(64))
    exec_line = next(line for line in (RESOURCES / "logitlab.desktop").read_text().splitlines()
                     if line.startswith("Exec="))
    args = [a for a in exec_line[len("Exec="):].split()[1:] if a != "%f"]
    app = start(apps, env, *args, bad)
    app.wait_for("ready")
    shown = app.wait_for("dialog fileProblemDialog:")
    assert "grades.csv" in shown and "Excel (.xlsx)" in shown, shown
    assert app.info()["points"], "the window opens on its first preset"
    app.send("quit")
    assert app.exit_status() == 0
    clean_stderr(app)
