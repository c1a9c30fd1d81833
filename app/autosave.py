"""Nothing lost: every edit is autosaved, and a crash is followed by an offer to restore.

Each running instance writes its own ``session-<pid>.logitlab.json`` in the
user's app-data folder (so two instances never overwrite each other), a
moment after the last edit, atomically.  A clean exit removes the file; a
file left by a process that is gone means a crash or a kill, and the next
start offers it back.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from core.lesson import FileProblem, lesson_to_json, read_lesson

from .export import save_text

DEBOUNCE_MS = 700
PATTERN = re.compile(r"session-(\d+)\.logitlab\.json$")


def autosave_folder():
    base = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".logitlab") / "autosave"


def _alive(pid):
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def orphans(folder=None):
    """Autosaves of instances that are no longer running, newest first."""
    folder = Path(folder or autosave_folder())
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        m = PATTERN.search(path.name)
        if m and not _alive(int(m.group(1))):
            found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


class Autosave(QtCore.QObject):
    """Signals: ``failed(str)`` when an autosave could not be written."""

    failed = QtCore.Signal(str)

    def __init__(self, controller, folder=None):
        super().__init__(controller)
        self.controller = controller
        self.folder = Path(folder or autosave_folder())
        self.path = self.folder / f"session-{os.getpid()}.logitlab.json"
        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.write_now)
        self.last_error = None
        self.writes = 0

    def schedule(self):
        self.timer.start()

    def write_now(self):
        self.timer.stop()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            save_text(self.path, lesson_to_json(self.controller.lesson(title="Autosave")))
        except OSError as exc:
            message = f"Autosave failed: {exc}. Your points are still here; save the lesson elsewhere."
            if message != self.last_error:
                self.last_error = message
                self.failed.emit(message)
            return False
        self.last_error = None
        self.writes += 1
        return True

    def discard(self):
        """A clean exit: nothing to restore next time."""
        self.timer.stop()
        try:
            self.path.unlink()
        except OSError:
            pass


def offer_restore(window, folder=None, ask=True):
    """After a crash, offer the newest orphaned autosave; True if it was restored."""
    found = orphans(folder)
    if not found:
        return False
    newest = found[0]
    try:
        lesson = read_lesson(newest)
    except FileProblem:
        return False
    if ask:
        answer = QtWidgets.QMessageBox.question(
            window, "Restore the last session?",
            f"LogitLab did not close properly last time.\n\nRestore the last session "
            f"with its {len(lesson.points)} points?",
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.Yes)
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            return False
    window.controller.load_lesson(lesson, undo_text="Restore last session")
    window.controller.undo_stack.clear()
    for path in found:
        try:
            path.unlink()
        except OSError:
            pass
    window.controller.autosave.write_now()
    return True
