"""Nothing lost while the class goes on: this session's autosave and saves that fail (issue 16).

* An edit is autosaved a moment later, holding every point.  Closing with
  Close without saving (or with nothing unsaved) deletes this session's files;
  a close from code keeps unsaved work for the next start.  An autosave is
  never larger than the app reads back.
* A failed save is reported and leaves the previous file byte for byte whole;
  a failed autosave is reported once and keeps the points.

Sessions left behind (ids, locks) and how they are offered back:
test_autosave_restore.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6 import QtCore

from app import autosave
from core.lesson import read_lesson

from .dialogs import Button, answer_close
from .support import message_boxes, points_and_labels, same_data, take_box

Qt = QtCore.Qt


def _found_data(found):
    return found.lesson.points, found.lesson.labels


# -- this session's autosave ------------------------------------------------------------


def test_an_edit_is_autosaved_and_only_close_without_saving_removes_it(qtbot, window,
                                                                       tmp_path):
    win = window
    c = win.controller
    path = Path(c.autosave.path)
    assert path.is_relative_to(tmp_path), f"autosave outside the test's HOME: {path}"
    assert not path.exists()
    # "Within a second" is the debounce delay the app asks for; when the timer then
    # fires is up to the machine's load, so the wait is only a hang guard.
    assert c.autosave.timer.isSingleShot()
    assert c.autosave.timer.interval() <= 1000
    # A preset is nothing a kill could lose (the close asks nothing either): no autosave.
    # Each start's preset was offered back after a kill as "this work was never saved".
    win.preset_menu.load(2)
    assert not win.closing.unsaved()
    qtbot.wait(c.autosave.timer.interval() + 300)
    assert not path.exists(), "a preset nobody changed was autosaved"

    # A click adds a point: the autosave follows within a second.
    win.data_plot.view_box.clicked.emit(0.3125, -1.0625, Qt.MouseButton.LeftButton,
                                        Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: path.exists() and len(read_lesson(path).points) == c.session.m,
                    timeout=10_000)
    saved = read_lesson(path)
    assert same_data((saved.points, saved.labels), points_and_labels(win))
    assert [0.3125, -1.0625] in saved.points.tolist()

    pending = answer_close(Button.Discard)
    win.closing.quit()
    assert len(pending.seen) == 1
    assert not path.exists(), "Close without saving must leave nothing to restore"
    assert not autosave.lock_path_of(path).exists()


def test_a_close_from_code_keeps_the_session_for_the_next_start(qtbot, make_window):
    win = make_window()
    win.preset_menu.load_first()
    win.controller.add_point(0.25, 0.75, 0)
    expected = points_and_labels(win)
    path = win.controller.autosave.path
    win.close()  # no write yet (the debounce timer was pending): written now
    assert autosave.orphans(path.parent) == [path]
    found = autosave.restorable(path.parent)
    assert same_data(_found_data(found[0]), expected)
    nxt = make_window()
    assert autosave.offer_restore(nxt, ask=False)
    assert same_data(points_and_labels(nxt), expected)
    assert not path.exists()


def test_an_autosave_is_never_larger_than_the_app_reads_back(qtbot, window, monkeypatch):
    from app import export

    window.preset_menu.load(2)
    monkeypatch.setattr(export, "MAX_FILE_BYTES", 200)
    assert window.controller.autosave.write_now() is False
    text = take_box(qtbot, window, "autosaveFailedDialog")
    assert "more than" in text
    assert "can open again" in text
    assert not window.controller.autosave.path.exists()


# -- atomic saves -----------------------------------------------------------------------------


@pytest.fixture
def saved_once(window, tmp_path):
    """A window whose lesson is already saved at ``path``; returns (window, path, bytes)."""
    win = window
    win.preset_menu.load(1)
    path = tmp_path / "lesson.logitlab.json"
    assert win.files.save_to(str(path))
    data = path.read_bytes()
    # The class goes on: more points and steps, then a save that fails.
    win.controller.add_point(2.5, 2.5, 0)
    win.controller.session.step(20)
    return win, path, data


def _failed_save(qtbot, win, path, data):
    before = points_and_labels(win)
    assert win.files.save_to(str(path)) is False
    text = take_box(qtbot, win, "fileProblemDialog")
    assert "Cannot save" in text
    assert "cannot write" in text
    assert path.name in text
    assert path.read_bytes() == data, "the previous file was damaged"
    leftovers = sorted(p.name for p in path.parent.iterdir() if p.name != path.name)
    assert not [n for n in leftovers if n.startswith(path.name)], f"temporary files: {leftovers}"
    assert same_data(points_and_labels(win), before)


def test_failed_commit_leaves_the_old_file_whole(qtbot, saved_once, monkeypatch):
    win, path, data = saved_once
    monkeypatch.setattr(QtCore.QSaveFile, "commit", lambda self: False)
    _failed_save(qtbot, win, path, data)
    monkeypatch.undo()
    # Once the disk is back, saving works and writes the new state.
    assert win.files.save_to(str(path))
    assert len(read_lesson(path).points) == win.controller.session.m


def test_short_write_leaves_the_old_file_whole(qtbot, saved_once, monkeypatch):
    win, path, data = saved_once
    original = QtCore.QSaveFile.write

    def short_write(self, payload):
        return original(self, bytes(payload)[: len(payload) // 2])

    monkeypatch.setattr(QtCore.QSaveFile, "write", short_write)
    _failed_save(qtbot, win, path, data)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder_leaves_the_old_file_whole(qtbot, saved_once):
    win, path, data = saved_once
    path.parent.chmod(0o555)
    try:
        _failed_save(qtbot, win, path, data)
    finally:
        path.parent.chmod(0o755)


def test_save_into_a_missing_folder_is_refused(qtbot, window, tmp_path):
    win = window
    win.preset_menu.load(1)
    target = tmp_path / "no such folder" / "lesson.logitlab.json"
    assert win.files.save_to(str(target)) is False
    text = take_box(qtbot, win, "fileProblemDialog")
    assert "cannot write" in text
    assert "lesson.logitlab.json" in text
    assert not target.parent.exists()
    assert win.files.path is None
    assert not message_boxes(win)


def test_failed_autosave_is_reported_once_and_keeps_the_points(qtbot, window, monkeypatch):
    win = window
    c = win.controller
    monkeypatch.setattr(QtCore.QSaveFile, "commit", lambda self: False)
    win.preset_menu.load(1)
    before = points_and_labels(win)
    assert c.autosave.write_now() is False
    text = take_box(qtbot, win, "autosaveFailedDialog")
    assert "Autosave failed" in text
    assert "still here" in text
    assert c.autosave.write_now() is False  # the same failure again: no second dialog
    qtbot.wait(50)
    assert not message_boxes(win, "autosaveFailedDialog")
    assert same_data(points_and_labels(win), before)
