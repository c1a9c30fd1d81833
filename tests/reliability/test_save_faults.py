"""Faults while saving: disk full, a read-only folder, a write the kernel refuses.

Each case: the previous file is intact (byte for byte), no temporary file is
left, and the user is told (``fileProblemDialog``, ``autosaveFailedDialog`` or a
status-bar message).
Saves killed mid-way (SIGKILL) and two instances autosaving at once:
test_save_kills.py.

* Disk full: QSaveFile.write patched to write half and report it, and a real
  one: RLIMIT_FSIZE lowered for the moment of the save (SIGXFSZ ignored), so
  the kernel refuses the writes with EFBIG exactly as a full disk refuses them.
* Read-only target: a path whose parent is a file (a real OS error, as root
  cannot chmod its way out), QSaveFile.open and .commit patched to fail, and
  an autosave folder that cannot be created.
* A write the kernel refuses names the cause (bug save-error-says-unknown:
  it read 'Unknown error'; fixed in e70a82a).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from core.lesson import read_lesson

from .support import count


def visible_boxes(window, name):
    return [b for b in window.findChildren(QtWidgets.QMessageBox, name) if b.isVisible()]


def files_in(folder):
    return sorted(p.name for p in Path(folder).iterdir())


@pytest.fixture
def saved(window, tmp_path):
    """The window with the first preset loaded and saved once: (path, its bytes)."""
    window.preset_menu.load(0)
    path = tmp_path / "lessons" / "class.logitlab.json"
    path.parent.mkdir()
    assert window.files.save_to(str(path)), window.files.last_problem
    window.controller.add_point(0.5, 0.5, 1)  # an edit the failing save would hold
    return path, path.read_bytes()


def assert_told(window, name, path=None):
    boxes = visible_boxes(window, name)
    assert boxes, f"no {name} shown"
    if path is not None:
        assert os.path.basename(path) in boxes[-1].text(), boxes[-1].text()
    count("save faults reported to the user")
    return boxes[-1]


def assert_intact(path, before, folder_before):
    assert path.read_bytes() == before, "the previous lesson file changed"
    assert read_lesson(path) is not None
    assert files_in(path.parent) == folder_before, "a temporary file was left behind"


# -- disk full ---------------------------------------------------------------------------


def test_disk_full_lesson_save_keeps_the_old_file(window, saved, monkeypatch, excepthook):
    path, before = saved
    folder = files_in(path.parent)
    points = window.controller.session.points.copy()
    original = QtCore.QSaveFile.write

    def short_write(self, data):  # the device takes half, then is full
        data = bytes(data)
        return original(self, data[: len(data) // 2])

    monkeypatch.setattr(QtCore.QSaveFile, "write", short_write)
    assert not window.files.save_to(str(path))
    assert_intact(path, before, folder)
    assert_told(window, "fileProblemDialog", path)
    np.testing.assert_array_equal(window.controller.session.points, points)
    monkeypatch.undo()  # space again: the next save works and holds the edit
    assert window.files.save_to(str(path))
    assert len(read_lesson(path).points) == len(points)


def test_disk_full_for_real_efbig(window, saved, excepthook):
    """The kernel refuses the write (RLIMIT_FSIZE), as a full disk does (ENOSPC)."""
    import resource

    path, before = saved
    folder = files_in(path.parent)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = len(before) // 3
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
        ok = window.files.save_to(str(path))
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)
    assert not ok
    assert_intact(path, before, folder)
    box = assert_told(window, "fileProblemDialog", path)
    print(f"\nEFBIG save told the user: {box.text()!r}")


def test_disk_full_autosave(window, monkeypatch, excepthook):
    c = window.controller
    window.preset_menu.load(0)
    assert c.autosave.write_now()
    autosave = c.autosave.path
    before = autosave.read_bytes()
    folder = files_in(autosave.parent)
    original = QtCore.QSaveFile.write
    monkeypatch.setattr(QtCore.QSaveFile, "write",
                        lambda self, data: original(self, bytes(data)[:10]))
    for x in (0.1, 0.2, 0.3):  # three edits, three failed autosaves: told once
        c.add_point(x, x, 1)
        assert not c.autosave.write_now()
    assert autosave.read_bytes() == before
    assert files_in(autosave.parent) == folder
    assert len(visible_boxes(window, "autosaveFailedDialog")) == 1
    assert "Autosave failed" in window.statusBar().currentMessage()
    count("save faults reported to the user")
    monkeypatch.undo()
    c.add_point(0.4, 0.4, 0)
    assert c.autosave.write_now()
    assert len(read_lesson(autosave).points) == c.session.m


# -- read-only targets -------------------------------------------------------------------


def test_save_into_a_folder_that_is_a_file(window, tmp_path, excepthook):
    window.preset_menu.load(0)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    target = blocker / "lesson.logitlab.json"
    assert not window.files.save_to(str(target))
    assert blocker.read_text() == "a file where the folder should be"
    assert_told(window, "fileProblemDialog", target)


@pytest.mark.parametrize("fails", ["open", "commit"])
def test_read_only_target_keeps_the_old_file(window, saved, monkeypatch, excepthook, fails):
    """QSaveFile.open fails (EACCES on the folder) or commit fails (the rename)."""
    path, before = saved
    folder = files_in(path.parent)
    if fails == "open":
        monkeypatch.setattr(QtCore.QSaveFile, "open", lambda self, mode: False)
    else:
        original = QtCore.QSaveFile.commit

        def commit(self):  # the final rename fails; QSaveFile removes its temporary file
            self.cancelWriting()
            return original(self)

        monkeypatch.setattr(QtCore.QSaveFile, "commit", commit)
    assert not window.files.save_to(str(path))
    assert_intact(path, before, folder)
    assert_told(window, "fileProblemDialog", path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_chmod_read_only_folder(window, saved, excepthook):
    path, before = saved
    folder = files_in(path.parent)
    path.parent.chmod(0o555)
    try:
        assert not window.files.save_to(str(path))
    finally:
        path.parent.chmod(0o755)
    assert_intact(path, before, folder)
    assert_told(window, "fileProblemDialog", path)


def test_autosave_folder_cannot_be_created(window, excepthook):
    c = window.controller
    folder = c.autosave.folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    if folder.exists():
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()
    folder.write_text("a file where the autosave folder should be")
    c.add_point(1.0, 1.0, 1)
    assert not c.autosave.write_now()
    assert_told(window, "autosaveFailedDialog")
    assert "Autosave failed" in window.statusBar().currentMessage()
    assert c.session.m == 1, "the points must stay in the window"


def test_a_refused_write_names_the_problem(window, saved, excepthook):
    import errno
    import resource

    path, _ = saved
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, hard))
        assert not window.files.save_to(str(path))
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)
    text = visible_boxes(window, "fileProblemDialog")[-1].text()
    assert "Unknown error" not in text, text
    assert os.strerror(errno.EFBIG).lower() in text.lower() or "full" in text.lower(), text
