"""Nothing lost: every edit is autosaved; after a crash or a kill the next start offers it back.

Each window is a *session* with its own id, a random UUID — never the process id: a new
process in a container, a sandbox or after a reboot often gets the pid of an old one,
and used to take that one's autosave as its own. Its files in the user's app-data folder
(``autosave_folder()``):

* ``session-<id>.logitlab.json``: the lesson, written a moment after the last edit,
  atomically (QSaveFile), never larger than LogitLab reads back;
* ``session-<id>.lock``: locked with ``fcntl.flock`` while the session runs. The kernel
  drops that lock when the process ends, however it ends (SIGKILL, a crash, a power
  cut), so "nobody holds the lock" is exactly "restorable": no pid, host name or file
  age is guessed. (Without fcntl, QLockFile.)

A clean exit deletes only its own two files. A close nobody answered (a signal, a close
from code) keeps the lesson when it holds unsaved work (:meth:`Autosave.keep`), so the
next start offers it. The next start lists every restorable session, newest first
(:func:`restorable`); one that cannot be read is named with its problem and skipped,
never hiding older good ones (the dialog: :mod:`app.restore`). Files of older versions,
``session-<pid>.logitlab.json``, have no lock and are offered too.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import threading
import time
import uuid
import weakref
from dataclasses import dataclass
from pathlib import Path

from PySide6 import QtCore

from core.lesson import FileProblem, Lesson, lesson_to_json, read_lesson

from .export import save_text

try:
    import fcntl
except ImportError:  # Windows: QLockFile below
    fcntl = None

DEBOUNCE_MS = 700
#: Above this many points the JSON is formatted off the GUI thread (~0.24 s per 1e5 points:
#: at 10,000 an autosave on the GUI thread was a 10–20 ms dropped frame).
BACKGROUND_POINTS = 2_000
SUFFIX = ".logitlab.json"
#: A session's lesson: a 32-digit hex id, or an older version's process id.
PATTERN = re.compile(r"^session-([0-9a-f]{32}|\d+)\.logitlab\.json$")

#: Session ids whose lock this process holds (never probed: on NFS a probe's
#: close could drop our own lock, as POSIX record locks are per process).
_HELD = set()


def autosave_folder():
    base = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".logitlab") / "autosave"


def lock_path_of(path):
    """``session-<id>.lock`` beside ``session-<id>.logitlab.json``."""
    path = Path(path)
    return path.with_name(path.name[: -len(SUFFIX)] + ".lock")


def session_id_of(path):
    m = PATTERN.match(Path(path).name)
    return m.group(1) if m else None


# -- the lock ----------------------------------------------------------------------------


class SessionLock:
    """An exclusive lock on a file that lives exactly as long as it is held by a live process."""

    def __init__(self, path):
        self.path = Path(path)
        self._fd = None
        self._qlock = None
        self._finalizer = None

    @property
    def held(self):
        return self._fd is not None or self._qlock is not None

    def acquire(self):
        """Take the lock without waiting; False if another holder has it."""
        if self.held:
            return True
        if fcntl is None:
            lock = QtCore.QLockFile(str(self.path))
            lock.setStaleLockTime(0)  # a long session's lock is never "too old"
            if not lock.tryLock(0):
                return False
            self._qlock = lock
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        # A window deleted without closing must not leave the descriptor (and the lock) open.
        self._finalizer = weakref.finalize(self, os.close, fd)
        try:  # for a person looking into the folder; the lock itself is what counts
            note = f"LogitLab pid {os.getpid()} on {socket.gethostname()} since {time.ctime()}\n"
            os.ftruncate(fd, 0)
            os.write(fd, note.encode())
        except OSError:
            pass
        return True

    def release(self, delete=True):
        """Let go of the lock (deleting its file first, so no one sees it unlocked)."""
        if delete and self.held:
            with contextlib.suppress(OSError):
                self.path.unlink()
        if self._qlock is not None:
            self._qlock.unlock()
            self._qlock = None
        if self._fd is not None:
            self._finalizer()  # closes the descriptor: the kernel drops the lock
            self._fd = self._finalizer = None

    def vanished(self):
        """The lock file was deleted under us (someone emptied the folder)."""
        return self.held and not self.path.exists()


def is_held(lock_path):
    """True while a live process holds ``lock_path`` (a missing file is not held)."""
    lock_path = Path(lock_path)
    if fcntl is None:
        if not lock_path.exists():
            return False
        probe = QtCore.QLockFile(str(lock_path))
        probe.setStaleLockTime(0)
        if probe.tryLock(0):
            probe.unlock()
            return False
        return True
    fd = None
    for flags in (os.O_RDWR, os.O_RDONLY):  # flock works on a read-only descriptor too
        try:
            fd = os.open(lock_path, flags | getattr(os, "O_CLOEXEC", 0))
            break
        except FileNotFoundError:
            return False
        except OSError:
            continue
    if fd is None:
        return False  # unreadable: offer the lesson; restoring it says what is wrong
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also drops the probe's own lock
    return False


# -- finding restorable sessions ---------------------------------------------------------


@dataclass
class Found:
    """A restorable autosave: ``lesson`` when it could be read, else ``problem``."""

    path: Path
    modified: float  # seconds since the epoch (the last autosave)
    lesson: Lesson | None = None
    problem: str | None = None

    @property
    def readable(self):
        return self.lesson is not None


def _candidates(folder):
    folder = Path(folder or autosave_folder())
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        sid = session_id_of(path)
        if sid is None or sid in _HELD or is_held(lock_path_of(path)):
            continue
        try:
            modified = path.stat().st_mtime
        except OSError:  # deleted meanwhile (its session ended cleanly)
            continue
        found.append((modified, path))
    found.sort(key=lambda item: (item[0], item[1].name), reverse=True)
    return found


def orphans(folder=None):
    """Paths of the autosaves no live session holds, newest first."""
    return [path for _, path in _candidates(folder)]


def restorable(folder=None):
    """Every autosave no live session holds, newest first, each read (:class:`Found`).

    One that cannot be read carries its ``problem`` instead of a lesson; it
    is listed in its place and the older ones still follow."""
    out = []
    for modified, path in _candidates(folder):
        try:
            out.append(Found(path, modified, lesson=read_lesson(path)))
        except FileProblem as exc:
            out.append(Found(path, modified, problem=str(exc)))
        except OSError as exc:  # read_lesson promises FileProblem; be safe all the same
            out.append(Found(path, modified, problem=f"{path.name}: {exc}"))
    return out


def claim(path):
    """Hold ``path``'s lock while it is restored (None if another window took it)."""
    lock = SessionLock(lock_path_of(path))
    try:
        return lock if lock.acquire() else None
    except OSError:
        return None


def remove(path, lock=None):
    """Delete a restored or discarded autosave and its lock file."""
    with contextlib.suppress(OSError):
        Path(path).unlink()
    if lock is not None:
        lock.release(delete=True)
    else:
        with contextlib.suppress(OSError):
            lock_path_of(path).unlink()


# -- this session's autosave -------------------------------------------------------------


class Autosave(QtCore.QObject):
    """This window's autosave.  Signals: ``failed(str)`` when a write failed.

    ``title``: a callable naming the data for the restore list, ``description`` one
    giving the opened lesson's description (both set by assemble)."""

    failed = QtCore.Signal(str)

    def __init__(self, controller, folder=None, session_id=None):
        super().__init__(controller)
        self.controller = controller
        self.folder = Path(folder or autosave_folder())
        self.session_id = session_id or uuid.uuid4().hex
        self.path = self.folder / f"session-{self.session_id}{SUFFIX}"
        self.lock = SessionLock(lock_path_of(self.path))
        self.title = lambda: "Autosave"
        self.description = lambda: ""  # the opened lesson's (set by assemble)
        # Whether there is work a file does not hold (set by assemble: the close question's
        # test).  The preset loaded at start was autosaved, so every killed start was later
        # offered back as "this work was never saved": 40 points nobody had placed.
        self.needed = lambda: True
        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._timed_write)
        self.last_error = None
        self.writes = 0
        self.stale = False  # an edit since the last snapshot written (or being written)
        self.ended = False  # discarded or kept: the session is over, nothing more is written
        self._lock = threading.Lock()
        self._pending = None  # the newest snapshot waiting for the worker
        self._worker = None
        self._busy = False  # the worker is writing (or about to)
        self._kept = False  # keep() ended the session: its lesson stays

    def schedule(self):
        if self.ended:
            return
        self.stale = True
        self.timer.start()

    def _take_lock(self):
        """Hold this session's lock before its lesson exists (else it looks restorable)."""
        if self.lock.vanished():
            self.lock.release(delete=False)
        if not self.lock.held:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self.lock.acquire():
                raise OSError(f"{self.lock.path} is locked by another process")
            _HELD.add(self.session_id)

    def _timed_write(self):  # not while a big edit is prepared: look again in a moment
        if getattr(self.controller, "edits_pending", False):
            self.timer.start()
        elif self.needed():
            self.write_now()
        else:  # back to what a file (or a preset) holds: nothing to offer after a kill
            self.stale = False
            with self._lock:
                self._pending = None
                writing = self._busy
            if not writing:  # else the write under way is the newest state; it stays
                with contextlib.suppress(OSError):
                    self.path.unlink()

    def write_now(self):
        """Write the current lesson; large ones are formatted and written on a worker
        thread, so the window never waits for them. True unless it failed at once."""
        self.timer.stop()
        if self.ended:
            return False
        try:
            self._take_lock()
        except OSError as exc:
            return self._failed(exc)
        # A snapshot, on the GUI thread.
        lesson = self.controller.lesson(title=self.title(), description=self.description())
        self.stale = False
        if len(lesson.points) <= BACKGROUND_POINTS:
            return self._write(lesson)
        with self._lock:
            self._pending = lesson
            if self._busy:
                return True  # the running worker picks the newest snapshot up
            self._busy = True
            self._worker = threading.Thread(target=self._drain, name="autosave", daemon=True)
            self._worker.start()
        return True

    def _drain(self):
        while True:
            with self._lock:
                lesson, self._pending = self._pending, None
                if lesson is None:
                    self._busy = False
                    if self.ended and not self._kept:
                        remove(self.path, self.lock)  # discarded while this was writing
                    return
            self._write(lesson)

    def _write(self, lesson):
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Never a file the next start would refuse to read (the lesson size limit).
            save_text(self.path, lesson_to_json(lesson), readable=True)
        except OSError as exc:
            self.stale = True
            return self._failed(exc)
        self.last_error = None
        self.writes += 1
        return True

    def _failed(self, exc):
        message = (f"Autosave failed: {exc}. Your points are still here; "
                   "save the lesson elsewhere.")
        if message != self.last_error:
            self.last_error = message
            self.failed.emit(message)  # queued to the GUI thread when on the worker
        return False

    def wait(self, timeout=30.0):
        """Let a background write finish (an exit that keeps the autosave, tests)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def discard(self):
        """A clean exit, or everything saved: delete this session's files, nothing else.

        Does not wait for a background write: that write deletes them when it ends."""
        self.timer.stop()
        with self._lock:
            self.ended = True
            self._pending = None
            writing = self._busy
        with contextlib.suppress(OSError):
            self.path.unlink()
        if not writing:
            self.lock.release(delete=True)
        _HELD.discard(self.session_id)

    def keep(self, force=False):
        """An exit nobody could answer, with unsaved work: write what is not written
        yet (everything when ``force``), wait for it and let go of the lock, so the
        next start offers the session.  True if the file holds the latest state."""
        self.timer.stop()
        if self.ended:
            return False
        ok = True
        if force or self.stale or not self.path.exists():
            ok = self.write_now()
        self.wait(timeout=None)
        with self._lock:
            self.ended = self._kept = True
        ok = ok and self.last_error is None and self.path.exists()
        self.lock.release(delete=True)
        _HELD.discard(self.session_id)
        return ok


def offer_restore(window, folder=None, ask=True):
    """At start, offer the sessions a crash or a kill left; True if one was restored.

    ``ask``: True shows the list (:class:`app.restore.RestoreDialog`); False
    restores the newest readable one; a callable ``ask(window, found)`` gets
    the list (:class:`Found`, newest first) and returns the one to restore or None."""
    from .restore import offer

    return offer(window, folder, ask)
