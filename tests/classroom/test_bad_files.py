"""Hostile files: a clear message naming the file, the line and the problem; nothing changes.

The corpus is tests/files/bad (EXPECTED.json gives each file's message and
line; for a ``.csv`` its ``"app"`` entry says what the app does: it reads any
table, so some open at once, some in the preview, the rest are refused).  In
the GUI, ``open_path`` refuses a bad file, a dialog says why (as plain text),
and the session (points, labels, θ, settings, undo history, title) is exactly
as it was.  On the command line, ``python -m app FILE`` prints one line on
stderr and exits 2, never a traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6 import QtCore
from PySide6.QtTest import QTest

from .dialogs import answer_open
from .support import (
    BAD,
    EXPECTED,
    WINDOW_SIZE,
    close_message_boxes,
    diff,
    message_boxes,
    prepare_session,
    snapshot,
    take_box,
)


def _app(name):
    """What opening ``name`` in the app gives: {"message", "line"}, {"direct"} or {"preview"}."""
    want = EXPECTED[name]
    if "app" in want:
        return want["app"]
    return {"direct": want["rows"]} if want.get("ok") else want


REFUSED = sorted(n for n in EXPECTED if "message" in _app(n))
OPENED = sorted(n for n in EXPECTED if "direct" in _app(n))
PREVIEWED = sorted(n for n in EXPECTED if "preview" in _app(n))
HUGE_BYTES = 300 * 1024 * 1024  # a sparse file: "hundreds of MB" without the disk


def _expect_refused(qtbot, win, path, message, line):
    before = snapshot(win)
    assert win.files.open_path(str(path)) is False
    text = take_box(qtbot, win, "fileProblemDialog")
    name = os.path.basename(str(path))
    assert message in text, f"dialog does not say {message!r}:\n{text}"
    assert name in text, f"dialog does not name the file {name!r}:\n{text}"
    if line is not None:
        assert f"line {line}" in text, f"dialog does not give line {line}:\n{text}"
    else:
        assert f"{name}, line" not in text, f"dialog gives a line where none applies:\n{text}"
    assert "Traceback" not in text
    after = snapshot(win)
    assert after == before, f"the session changed: {diff(before, after)}"


@pytest.fixture(scope="module")
def refusing_window(qapp, tmp_path_factory):
    """One window for the whole corpus (a window costs ~0.3 s; 70 files).

    Sharing is sound here: every test snapshots the session before and checks it
    after, and a refused file must change nothing.  Its autosave and recent files
    live in a private folder.
    """
    from app import create_main_window

    folder = tmp_path_factory.mktemp("refusing_window")
    win = create_main_window()
    win.controller.autosave.folder = folder / "autosave"
    win.controller.autosave.path = folder / "autosave" / "session.logitlab.json"
    win.files.settings = QtCore.QSettings(str(folder / "settings.ini"),
                                          QtCore.QSettings.Format.IniFormat)
    win.resize(*WINDOW_SIZE)
    win.show()
    QTest.qWaitForWindowExposed(win)
    win.activateWindow()
    prepare_session(win)
    yield win
    close_message_boxes(win)
    win.controller.autosave.timer.stop()
    win.close()
    win.deleteLater()
    QTest.qWait(1)


@pytest.mark.parametrize("name", REFUSED)
def test_bad_file_is_refused_with_its_message_and_line(qtbot, refusing_window, name):
    want = _app(name)
    _expect_refused(qtbot, refusing_window, BAD / name, want["message"], want["line"])


@pytest.mark.parametrize("name", OPENED)
def test_quirky_but_good_file_opens(qtbot, lesson_window, name):
    win = lesson_window
    asked = answer_open()  # the lesson's α was changed: unsaved work
    assert win.files.open_path(str(BAD / name)) is True
    assert len(asked.seen) == 1
    assert not message_boxes(win)
    assert win.files.preview is None
    assert win.controller.session.m == _app(name)["direct"]
    assert set(np.unique(win.controller.session.labels)) <= {0, 1}


@pytest.mark.parametrize("name", PREVIEWED)
def test_other_tables_wait_in_the_preview_and_change_nothing_until_opened(
        qtbot, refusing_window, name):
    """A table that is not LogitLab's own x1,x2,y opens in the preview; Cancel keeps all."""
    win = refusing_window
    before = snapshot(win)
    assert win.files.open_path(str(BAD / name)) is True
    dialog = win.files.preview
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.table.m == _app(name)["preview"]
    assert dialog.choice is None or dialog.choice.bad_count == _app(name).get("bad", 0)
    assert snapshot(win) == before, "the session changed before the user said Open"
    dialog.reject()
    qtbot.waitUntil(lambda: win.files.preview is None)
    after = snapshot(win)
    assert after == before, f"the session changed: {diff(before, after)}"


def _runtime_cases(tmp_path):
    """Files git cannot hold: made here.  name → (path, message)."""
    missing = tmp_path / "gone.logitlab.json"
    folder = tmp_path / "a_folder.logitlab.json"
    folder.mkdir()
    huge = tmp_path / "huge.csv"
    with open(huge, "wb") as f:
        f.truncate(HUGE_BYTES)
    link = tmp_path / "dangling.csv"
    link.symlink_to(tmp_path / "nowhere.csv")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    return {
        "missing": (missing, "file not found"),
        "folder": (folder, "this is a folder, not a file"),
        "huge": (huge, "file is too large"),
        "dangling_link": (link, "broken symbolic link"),
        "fifo": (fifo, "not a regular file"),
    }


@pytest.mark.parametrize("case", ["missing", "folder", "huge", "dangling_link", "fifo"])
def test_unreadable_files_are_refused(qtbot, refusing_window, tmp_path, case):
    path, message = _runtime_cases(tmp_path)[case]
    _expect_refused(qtbot, refusing_window, path, message, None)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_file_without_read_permission_is_refused(qtbot, lesson_window, tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("x1,x2,y\n1,2,1\n", encoding="utf-8")
    path.chmod(0)
    _expect_refused(qtbot, lesson_window, path, "no permission", None)


def test_a_refused_file_leaves_the_app_usable(qtbot, lesson_window):
    """After the dialog, the next good file opens and edits work."""
    win = lesson_window
    assert not win.files.open_path(str(BAD / "not_json.logitlab.json"))
    take_box(qtbot, win, "fileProblemDialog")
    asked = answer_open()
    assert win.files.open_path(str(BAD / "crlf.csv"))
    assert len(asked.seen) == 1
    m = win.controller.session.m
    win.controller.add_point(0.25, 0.5, 1)
    assert win.controller.session.m == m + 1


# -- the command line ---------------------------------------------------------------------

#: Representative files (JSON syntax, values, versions, tables that cannot be read).
CLI_FILES = [
    "not_json.logitlab.json",
    "truncated.logitlab.json",
    "nan_in_points.logitlab.json",
    "infinity_in_theta.logitlab.json",
    "version_3.logitlab.json",
    "bad_step.logitlab.json",
    "wrong_format.logitlab.json",
    "theta_wrong_length.logitlab.json",
    "garbage.csv",
    "empty.csv",
    "inf.csv",
    "one_column.csv",
    "decimal_comma.csv",
]


def _start(args, env):
    return subprocess.Popen([sys.executable, "-m", "app", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=str(BAD.parents[2]))


def test_command_line_refuses_bad_files_with_one_line_and_status_2(tmp_path, env_for_subprocess):
    runtime = _runtime_cases(tmp_path)
    cases = [(name, [str(BAD / name)], _app(name)["message"], _app(name)["line"])
             for name in CLI_FILES]
    for key in ("missing", "folder", "huge"):
        path, message = runtime[key]
        cases.append((key, [str(path)], message, None))
    # Bad arguments are bad input too: one line, status 2.
    cases += [
        ("size", [str(BAD / "crlf.csv"), "--size", "10x10", "--export-png", "x.png"],
         "outside 100x100", None),
        ("steps", [str(BAD / "crlf.csv"), "--steps", "-3", "--export-png", "x.png"],
         "steps must be", None),
        ("no_file", ["--export-png", str(tmp_path / "x.png")], "need a lesson or a table", None),
    ]
    # Each start costs about a second of imports: run them side by side.
    procs = [(name, _start(args, env_for_subprocess), message, line)
             for name, args, message, line in cases]
    problems = []
    for name, proc, message, line in procs:
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            problems.append(f"{name}: did not exit within 60 s")
            continue
        lines = err.splitlines()
        if proc.returncode != 2:
            problems.append(f"{name}: exit status {proc.returncode}, stderr {err!r}")
        if "Traceback" in err:
            problems.append(f"{name}: a traceback on stderr:\n{err}")
        if len(lines) != 1:
            problems.append(f"{name}: {len(lines)} lines on stderr: {err!r}")
            continue
        if not lines[0].startswith("logitlab: ") or message not in lines[0]:
            problems.append(f"{name}: stderr {lines[0]!r} does not say {message!r}")
        if line is not None and f"line {line}" not in lines[0]:
            problems.append(f"{name}: stderr {lines[0]!r} does not give line {line}")
        if out:
            problems.append(f"{name}: unexpected stdout {out!r}")
    assert not problems, "\n".join(problems)
