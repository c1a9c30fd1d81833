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
import threading
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from core.lesson import FileProblem, lesson_to_json, read_lesson

from .export import save_text

DEBOUNCE_MS = 700
#: Above this many points the JSON is formatted off the GUI thread (~0.24 s per 1e5 points).
BACKGROUND_POINTS = 20_000
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
        self._lock = threading.Lock()
        self._pending = None  # the newest snapshot waiting for the worker
        self._worker = None

    def schedule(self):
        self.timer.start()

    def write_now(self):
        """Write the current lesson; large ones are formatted and written on a worker
        thread, so the window never waits for them. True unless it failed at once."""
        self.timer.stop()
        lesson = self.controller.lesson(title="Autosave")  # a snapshot, on the GUI thread
        if len(lesson.points) <= BACKGROUND_POINTS:
            return self._write(lesson)
        with self._lock:
            self._pending = lesson
            if self._worker is not None and self._worker.is_alive():
                return True  # the running worker picks the newest snapshot up
            self._worker = threading.Thread(target=self._drain, name="autosave", daemon=True)
            self._worker.start()
        return True

    def _drain(self):
        while True:
            with self._lock:
                lesson, self._pending = self._pending, None
            if lesson is None:
                return
            self._write(lesson)

    def _write(self, lesson):
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            save_text(self.path, lesson_to_json(lesson))
        except OSError as exc:
            message = (f"Autosave failed: {exc}. Your points are still here; "
                       "save the lesson elsewhere.")
            if message != self.last_error:
                self.last_error = message
                self.failed.emit(message)  # queued to the GUI thread when on the worker
            return False
        self.last_error = None
        self.writes += 1
        return True

    def wait(self, timeout=30.0):
        """Let a background write finish (a clean exit, tests)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def discard(self):
        """A clean exit: nothing to restore next time."""
        self.timer.stop()
        self.wait()
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
    # Only the restored file goes: another killed instance's points are offered next time.
    try:
        newest.unlink()
    except OSError:
        pass
    window.controller.autosave.write_now()
    return True
