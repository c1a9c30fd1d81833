"""Sessions left behind, every one offered back (issue 16).

* A session is a random id, not the process id, locked while it runs with a
  lock the kernel drops when the process ends: a new process with the pid of
  an old one (a container, a reboot) never takes the old autosave as its own,
  and a clean exit deletes only its own.
* The next start lists every restorable session, newest first; one that
  cannot be read is named with its problem and never hides older good ones.
  Restore brings back the chosen one only, as unsaved work; Not now keeps
  them all; Delete… removes the chosen one.  A file given on the command
  line does not stop the offer.
* A real ``python -m app`` killed with SIGKILL leaves its autosave behind, and
  it restores every point.

This session's own autosave and failed saves: test_autosave.py.
"""

from __future__ import annotations

import os
import re
import signal
import time
import uuid
from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from app import autosave, restore
from core.lesson import Lesson, lesson_to_json, read_lesson, write_lesson

from .dialogs import Answer, Button, answer, answer_close, modal
from .support import points_and_labels, same_data


def _lesson(m=37, seed=3, title="Crash test"):
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(m, 2)) * 1.7 + 0.1
    labels = (points[:, 0] + 0.5 * points[:, 1] + rng.normal(scale=0.4, size=m) > 0).astype(int)
    return Lesson(points=points, labels=labels, learning_rate=0.9, seed=11, title=title)


def _left_behind(folder, lesson, age=0.0, sid=None, locked_by_pid=None):
    """An autosave as a session that ended badly leaves it ``age`` seconds ago."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"session-{sid or uuid.uuid4().hex}.logitlab.json"
    path.write_text(lesson if isinstance(lesson, str) else lesson_to_json(lesson),
                    encoding="utf-8")
    if locked_by_pid is not None:  # the note a dead session's lock file still holds
        autosave.lock_path_of(path).write_text(
            f"LogitLab pid {locked_by_pid} on {os.uname().nodename} since long ago\n")
    t = time.time() - age
    os.utime(path, (t, t))
    return path


def _held_session(folder, lesson):
    """A session running now (in another window, another process): locked."""
    path = _left_behind(folder, lesson)
    lock = autosave.SessionLock(autosave.lock_path_of(path))
    assert lock.acquire()
    return path, lock


# -- sessions: random ids, locks, other sessions' files --------------------------------


def test_a_session_is_a_random_id_locked_while_it_runs(qtbot, make_window):
    a, b = make_window(), make_window()
    ids = [w.controller.autosave.session_id for w in (a, b)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert ids[0] != ids[1]
    assert str(os.getpid()) not in a.controller.autosave.path.name
    a.controller.add_point(0.0, 0.0, 1)
    assert a.controller.autosave.write_now()
    lock = autosave.lock_path_of(a.controller.autosave.path)
    assert autosave.is_held(lock), "a running session's lock is held"
    assert autosave.orphans(a.controller.autosave.folder) == [], "a running session is not offered"
    # Its lock dies with it: a window deleted without closing (as a crash would).
    a.controller.shutdown()
    a.controller.autosave.lock.release(delete=False)
    autosave._HELD.discard(ids[0])
    assert not autosave.is_held(lock)
    assert autosave.orphans(a.controller.autosave.folder) == [a.controller.autosave.path]


def test_same_pid_in_a_new_container_never_takes_the_old_autosave_as_its_own(
        qtbot, make_window, monkeypatch):
    """The old process had this very pid (a container restarted, a reboot): its files stay
    another session's, offered back, never overwritten or deleted by this one."""
    folder = autosave.autosave_folder()
    old_pid = 4242
    monkeypatch.setattr(os, "getpid", lambda: old_pid)
    old = _left_behind(folder, _lesson(31, seed=1), age=60, locked_by_pid=old_pid)
    legacy = _left_behind(folder, _lesson(17, seed=2), age=120,
                          sid=str(old_pid))  # an older version's session-<pid> file
    before = {p: p.read_bytes() for p in (old, legacy)}

    win = make_window()
    ours = win.controller.autosave
    assert ours.folder == folder
    assert ours.path not in (old, legacy)
    assert autosave.orphans(folder) == [old, legacy], "both are offered, newest first"
    win.preset_menu.load_first()
    win.controller.add_point(1.0, 2.0, 1)
    assert ours.write_now()
    assert {p: p.read_bytes() for p in (old, legacy)} == before, "the old files were touched"
    assert autosave.orphans(folder) == [old, legacy]
    pending = answer_close(Button.Discard)
    win.closing.quit()
    assert len(pending.seen) == 1
    assert not ours.path.exists()
    assert {p: p.read_bytes() for p in (old, legacy)} == before, "a clean exit took them"


def test_a_clean_exit_deletes_only_its_own_autosave(qtbot, window):
    folder = autosave.autosave_folder()
    orphan = _left_behind(folder, _lesson(9), age=30)
    running, lock = _held_session(folder, _lesson(11, seed=4))
    try:
        window.preset_menu.load_first()
        window.controller.add_point(0.5, 0.5, 1)
        own = window.controller.autosave.path
        assert window.controller.autosave.write_now()
        pending = answer_close(Button.Discard)
        window.closing.quit()
        assert len(pending.seen) == 1
        assert not own.exists()
        assert orphan.exists()
        assert running.exists()
        assert autosave.lock_path_of(running).exists()
    finally:
        lock.release()


# -- the next start: every restorable session, newest first --------------------------------


@pytest.fixture
def three_left(tmp_path):
    """An older good session, a newer unreadable one, the newest good one; and one
    running in another window, plus a file that is no session."""
    folder = autosave.autosave_folder()
    oldest = _left_behind(folder, _lesson(37, seed=3, title="Monday"), age=3 * 86400)
    broken = _left_behind(folder, '{"format": "logitlab-lesson", "points": [[1, 2', age=3600)
    newest = _left_behind(folder, _lesson(5, seed=6, title="untitled"), age=60)
    running, lock = _held_session(folder, _lesson(8, seed=7))
    (folder / "notes.txt").write_text("not an autosave", encoding="utf-8")
    yield folder, (newest, broken, oldest)
    lock.release()


def test_every_restorable_session_is_listed_newest_first(qtbot, three_left):
    folder, (newest, broken, oldest) = three_left
    found = autosave.restorable(folder)
    assert [f.path for f in found] == [newest, broken, oldest]
    assert [f.readable for f in found] == [True, False, True]
    assert broken.name in found[1].problem
    dialog = restore.RestoreDialog(found)
    try:
        rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert len(rows) == 3
        assert "5 points" in rows[0]
        assert "untitled" in rows[0]
        assert "cannot be restored" in rows[1]
        assert broken.name in rows[1]
        assert "37 points" in rows[2]
        assert "Monday" in rows[2]
        assert rows[0].startswith("today")
        assert not rows[2].startswith(("today", "yesterday"))
        assert dialog.list.currentRow() == 0
        assert dialog.restore_button.isEnabled()
        dialog.list.setCurrentRow(1)
        assert not dialog.restore_button.isEnabled(), "an unreadable one cannot be restored"
        assert dialog.delete_button.isEnabled()
        dialog.list.setCurrentRow(2)
        assert dialog.restore_button.isEnabled()
    finally:
        dialog.deleteLater()


def test_an_unreadable_newest_session_never_hides_an_older_good_one(qtbot, window, tmp_path):
    folder = autosave.autosave_folder()
    good = _left_behind(folder, _lesson(21, seed=9), age=600)
    expected = read_lesson_points(good)
    _left_behind(folder, "this is no lesson", age=5)
    assert autosave.offer_restore(window, ask=False) is True
    assert same_data(points_and_labels(window), expected)


def read_lesson_points(path):
    lesson = read_lesson(path)
    return lesson.points, lesson.labels


def _pick(row, button="restoreButton"):
    def act(dialog):
        dialog.list.setCurrentRow(row)
        dialog.findChild(QtWidgets.QPushButton, button).click()
    return Answer(modal("restoreDialog"), act)


def test_restore_brings_back_the_chosen_session_only(qtbot, window, three_left):
    folder, (newest, broken, oldest) = three_left
    expected = read_lesson_points(oldest)
    window.preset_menu.load_first()
    pending = _pick(2)
    assert autosave.offer_restore(window) is True
    assert len(pending.seen) == 1
    assert same_data(points_and_labels(window), expected)
    assert not oldest.exists()
    assert not autosave.lock_path_of(oldest).exists()
    assert newest.exists(), "the others stay for the next start"
    assert broken.exists(), "the others stay for the next start"
    # Written as this session's autosave before the old file went.
    own = read_lesson(window.controller.autosave.path)
    assert same_data((own.points, own.labels), expected)
    # Unsaved work, where the history starts.
    assert window.closing.unsaved() == ["the points"]
    assert not window.controller.undo_stack.canUndo()
    assert [f.path for f in autosave.restorable(folder)] == [newest, broken]


def test_not_now_keeps_every_session(qtbot, window, three_left):
    folder, paths = three_left
    before = {p: p.read_bytes() for p in paths}
    window.preset_menu.load_first()
    shown = points_and_labels(window)
    pending = _pick(0, "notNowButton")
    assert autosave.offer_restore(window) is False
    assert len(pending.seen) == 1
    assert {p: p.read_bytes() for p in paths} == before
    assert same_data(points_and_labels(window), shown)


def test_delete_removes_the_chosen_session_after_a_question(qtbot, window, three_left):
    folder, (newest, broken, oldest) = three_left
    confirm = answer("deleteSessionDialog", "Delete")
    picked = _pick(1, "deleteButton")  # the unreadable one

    def then_not_now():
        if not broken.exists():
            timer.stop()
            QtWidgets.QApplication.activeModalWidget().reject()

    timer = QtCore.QTimer()
    timer.timeout.connect(then_not_now)
    timer.start(10)
    assert autosave.offer_restore(window) is False
    timer.stop()
    assert len(picked.seen) == 1
    assert len(confirm.seen) == 1
    assert "cannot be restored afterwards" in confirm.seen[0]
    assert not broken.exists()
    assert newest.exists()
    assert oldest.exists()


def test_sigkilled_app_loses_no_point_and_is_offered_only_real_work(qtbot, make_window, tmp_path,
                                                                   apps, env, folder):
    """A killed start offered its lesson back as "this work was never saved", though the
    file held it (every preset at start, too).  Only an edit makes a restorable session;
    a SIGKILL then loses none of it: the lock dies with the process."""
    from .exit_apps import POINTS, has_points, start

    lesson = _lesson(41, seed=5)
    lesson_path = tmp_path / "before the crash.logitlab.json"
    write_lesson(lesson_path, lesson)
    app = start(apps, env, lesson_path)
    info = app.info()
    path = Path(info["autosave"])
    assert path.is_relative_to(folder) and info["unsaved"] == []
    time.sleep(autosave.DEBOUNCE_MS / 1000 + 0.5)
    app.info()  # the event loop has run past the autosave's moment
    assert not path.exists(), "an opened lesson nobody changed was autosaved"

    app.info_count = len(info["points"])
    app.add_points()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (
            path.exists() and has_points(read_lesson(path).points)):
        time.sleep(0.05)
    assert autosave.orphans(folder) == [], "the running app's session is not offered"
    app.proc.send_signal(signal.SIGKILL)
    app.proc.wait(timeout=30)
    assert app.proc.returncode == -signal.SIGKILL

    assert autosave.orphans(folder) == [path], "the lock died with the process"
    win = make_window()
    win.preset_menu.load(0)
    assert autosave.offer_restore(win, folder, ask=False) is True
    points, labels = points_and_labels(win)
    assert has_points(points.tolist(), POINTS)
    assert same_data((points[:41], labels[:41]), (lesson.points, lesson.labels))
    assert win.controller.session.learning_rate == lesson.learning_rate
    assert not path.exists()


def _chooser(seen, pick=0):
    def choose(window, found):
        seen.append([restore.describe(f) for f in found])
        return found[pick]
    return choose


def test_next_start_offers_the_killed_session_and_restores_it(run_main, monkeypatch, tmp_path):
    """``python -m app`` with no file, after a crash: asked, answered Restore, all back."""
    lesson = _lesson(29, seed=8)
    seen = []
    monkeypatch.setattr(restore, "_ask", _chooser(seen))
    QtCore.QCoreApplication.setOrganizationName("LogitLab")  # where main() will look
    QtCore.QCoreApplication.setApplicationName("LogitLab")
    folder = autosave.autosave_folder()
    assert folder.is_relative_to(tmp_path)
    orphan = _left_behind(folder, lesson, age=10)
    status, (win,) = run_main([])
    assert status == 0
    assert len(seen) == 1
    assert "29 points" in seen[0][0]
    assert same_data(points_and_labels(win), (lesson.points, lesson.labels))
    assert not orphan.exists()
    assert win.closing.unsaved() == ["the points"]


def test_restore_is_offered_when_a_file_is_given_too(run_main, monkeypatch, tmp_path):
    lost = _lesson(13, seed=12, title="lost")
    given = _lesson(7, seed=13, title="given")
    path = tmp_path / "given.logitlab.json"
    write_lesson(path, given)
    seen = []
    QtCore.QCoreApplication.setOrganizationName("LogitLab")
    QtCore.QCoreApplication.setApplicationName("LogitLab")
    folder = autosave.autosave_folder()
    older = _left_behind(folder, _lesson(3, seed=14), age=7200)
    orphan = _left_behind(folder, lost, age=10)

    # Not now: the file given is what shows, the sessions wait for the next start.
    monkeypatch.setattr(restore, "_ask", lambda window, found: seen.append(found) and None)
    status, (win,) = run_main([str(path)])
    assert status == 0
    assert [f.path for f in seen[0]] == [orphan, older]
    assert same_data(points_and_labels(win), (given.points, given.labels))
    assert win.files.path == str(path)
    assert win.closing.unsaved() == []
    assert orphan.exists()
    assert older.exists()

    # Restore: the session replaces it on screen (the file stays as it was on disk).
    monkeypatch.setattr(restore, "_ask", _chooser(seen))
    status, wins = run_main([str(path)])
    win = wins[-1]
    assert status == 0
    assert same_data(points_and_labels(win), (lost.points, lost.labels))
    assert win.closing.unsaved() == ["the points"]
    assert win.files.path is None, "Ctrl+S must not write the restored session over the file"
    assert not orphan.exists()
    assert older.exists()
    assert same_data(read_lesson_points(path), (given.points, given.labels))


def test_the_restore_list_names_a_session_as_its_window_did(qtbot, make_window, tmp_path):
    win = make_window()
    path = tmp_path / "Monday's ring.logitlab.json"
    write_lesson(path, _lesson(12, seed=21, title="Monday's ring"))
    assert win.files.open_path(path)
    win.controller.add_point(0.0, 1.0, 1)
    win.close()  # kept for the next start
    (found,) = autosave.restorable(win.controller.autosave.folder)
    assert "Monday's ring: 13 points" in restore.describe(found)


def test_the_list_says_how_many_are_left_and_names_the_degree(qtbot, window, tmp_path):
    """After two deletions the header still said "did not close normally 4 times"; a
    degree-6 session (27 terms) was described as "quadratic"; rows were cut at 640 px."""
    from core.features import polynomial_terms

    folder = tmp_path / "sessions"
    long_title = "Week 3 · admissions data with the teacher's extra features, " * 2
    six = _lesson(20, seed=1, title="Degree six")
    six = Lesson(points=six.points, labels=six.labels, terms=polynomial_terms(6),
                 title="Degree six")
    for k, lesson in enumerate((six, _lesson(10, seed=2, title=long_title),
                                _lesson(11, seed=3), _lesson(12, seed=4))):
        _left_behind(folder, lesson, age=10 * k)
    dialog = restore.RestoreDialog(autosave.restorable(folder), window)
    qtbot.addWidget(dialog)
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "Degree six: 20 points" in rows[0] and ", degree 6," in rows[0], rows[0]
    assert ", linear," in rows[1]
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.list.viewport()
    metrics = dialog.list.fontMetrics()
    for i in range(dialog.list.count()):
        rect = dialog.list.visualItemRect(dialog.list.item(i))
        need = metrics.boundingRect(0, 0, view.width() - 8, 10_000,
                                    int(QtCore.Qt.TextFlag.TextWordWrap), rows[i]).height()
        assert rect.right() <= view.width() and rect.height() >= need, (
            f"row {i} is cut: {rect.getRect()} in {view.width()} px, needs {need} px high")
    confirm = answer("deleteSessionDialog", "Delete", times=2)
    for _ in range(2):
        dialog.list.setCurrentRow(0)
        dialog.delete_button.click()
    assert len(confirm.seen) == 2
    header = dialog.findChild(QtWidgets.QLabel, "restoreText").text()
    assert "did not close normally 2 times" in header, header
    dialog.reject()
