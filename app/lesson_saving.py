"""File ▸ Save lesson and Save lesson as: a mixin of :class:`app.files.FileActions`.

Writing is atomic (QSaveFile) and never produces a lesson LogitLab would refuse to
read; a lesson of many points is written on a worker thread; saves land in the
order they were made; a save to the lesson's own file keeps its title and
description (:mod:`app.document` remembers them with the data's source).
"""

from __future__ import annotations

import os
import threading

from PySide6 import QtCore, QtWidgets

from core.lesson import LESSON_SUFFIX, lesson_to_json

from .document import Source
from .export import save_text
from .file_ui import ask_to_replace, busy, show_problem

BACKGROUND_POINTS = 20_000  # larger lessons are saved off the GUI thread (~0.2 s per 1e5)
LESSON_FILTER = "LogitLab lessons (*.logitlab.json);;All files (*)"


def lesson_stem(path):
    """"week3.5" for …/week3.5.logitlab.json (and for week3.5.csv): the name a lesson is
    called by, with only the suffix removed (not everything after the first dot)."""
    base = os.path.basename(str(path))
    return base[: -len(LESSON_SUFFIX)] if base.endswith(LESSON_SUFFIX) else \
        os.path.splitext(base)[0]


class SaveSignals(QtCore.QObject):
    """``saved(path, problem)`` from a background save ('' when it worked)."""

    saved = QtCore.Signal(str, str)


class SaveActions:
    """The saving half of the File menu (uses the window, controller, document,
    folders and ``signals`` of :class:`app.files.FileActions`)."""

    def save_to(self, path):
        """Save the lesson atomically; a failure is reported and the old file stays whole.

        A lesson of many points is formatted and written on a worker thread (the
        window stays live; the result arrives in ``saved``); True then means started.
        Saves land in the order they were made: a save waits for one still being
        written (a small save finished first, and the big one's older points then
        replaced it while the window said "saved").
        """
        path = str(path)
        self.wait_for_save()
        meta = self._lesson_meta(path)
        lesson = self.controller.lesson(**meta)
        player = getattr(self.window, "script_player", None)
        if player is not None:  # the steps of a lesson script are saved with it
            lesson.script = player.script
        self._save_marker = self.document.marker()
        self._save_meta = meta
        if len(lesson.points) > BACKGROUND_POINTS:
            self.window.statusBar().showMessage(f"Saving {os.path.basename(path)}…")
            self._saver = threading.Thread(target=self._save_in_background, args=(path, lesson),
                                           name="save", daemon=True)
            self._saver.start()
            return True
        try:
            with busy(self.window, f"Saving {os.path.basename(path)}…"):
                save_text(path, lesson_to_json(lesson), readable=True)
        except OSError as exc:
            self._saved(path, str(exc))
            return False
        self._saved(path, "")
        return True

    def _save_in_background(self, path, lesson):
        try:
            save_text(path, lesson_to_json(lesson), readable=True)
        except OSError as exc:
            self.signals.saved.emit(str(path), str(exc))  # queued to the GUI thread
        else:
            self.signals.saved.emit(str(path), "")

    def _saved(self, path, problem):
        if problem:
            self.last_problem = problem
            show_problem(self.window, "Cannot save the lesson", problem)
            return
        marker, self._save_marker = self._save_marker, None
        meta, self._save_meta = self._save_meta, {}
        self.document.mark(Source("lesson", path, **meta), marker)
        self._remember(path)
        self.window.statusBar().showMessage(f"Saved {os.path.basename(path)}", 5000)

    def wait_for_save(self, timeout=60.0):
        """Block until a background save has finished and reported (a clean exit, another
        save, tests)."""
        saver, self._saver = self._saver, None
        if saver is not None:
            saver.join(timeout)
            QtWidgets.QApplication.processEvents()

    def _lesson_meta(self, path):
        """The title and description a save to ``path`` writes: those of the lesson the
        data came from, kept by a save to its own file (a hand-written "Admissions,
        week 3" is not renamed "week3"); a new file is titled with its name."""
        source = self.document.source
        same = self.path is not None and os.path.abspath(self.path) == os.path.abspath(path)
        title = source.title if same and source.title else lesson_stem(path)
        return {"title": title, "description": self.lesson_description()}

    def lesson_description(self):
        """The description of the lesson the data came from ('' for anything else)."""
        return self.document.source.description if self.path is not None else ""

    def save(self, wait=False):
        """Ctrl+S: to the lesson the data came from; anything else asks where.

        ``wait``: a caller that needs the answer now (the close question's Save) gets
        the replace question answered before this returns; else it is asked after."""
        path = self.path
        return self.save_to(path) if path else self.save_as_dialog(wait)

    def save_as_dialog(self, wait=False):
        path = self.folders.ask_save("Save lesson", self._suggested_name(LESSON_SUFFIX),
                                  LESSON_FILTER)
        if not path:
            return False
        return self.save_as(path, wait)

    def save_as(self, path, wait=False):
        """Save to ``path`` + the lesson suffix; asks before replacing a file the dialog
        did not see (it checked the name without the suffix). False if not saved (yet)."""
        path = str(path)
        if path.endswith(LESSON_SUFFIX):
            return self.save_to(path)
        path = path.removesuffix(".json") + LESSON_SUFFIX
        if not os.path.exists(path):
            return self.save_to(path)
        if wait:  # closing: "Replace" went on with a close that had already given up
            return ask_to_replace(self.window, path, wait=True) and self.save_to(path)
        ask_to_replace(self.window, path, lambda p=path: self.save_to(p))
        return False
