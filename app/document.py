"""What the data on screen came from: a lesson file, a table, a paste, or nothing.

Ctrl+S writes only to the lesson the current data came from.  The answer is
read from the undo stack, so it follows every way the data change: a file
opened or imported pushes a command that is recorded here with its source; a
save records the current command; edits keep the source; a preset (another
whole-set replacement) or undoing past the open ends it.

Signals: ``changed()`` when the source (and so the window title) changes;
``stored(source, marker)`` whenever :meth:`Document.mark` records one (the
close question uses it to know when the data are a file's: app/closing.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6 import QtCore

from .commands import ReplacePoints

#: The state before the first command on the stack (after a clear).
BASE = "base"


@dataclass(frozen=True)
class Source:
    """Where data came from: ``kind`` is "lesson", "table" or "paste"."""

    kind: str
    path: str = ""
    title: str = ""  # a lesson's own title
    description: str = ""  # and its description (a save to its file keeps both)
    names: tuple = ("x1", "x2", "y")  # a table's chosen columns

    @property
    def name(self):
        return os.path.basename(self.path) if self.path else "pasted table"

    def window_title(self):
        if self.kind == "lesson":
            return f"{self.title or self.name} — LogitLab"
        return f"untitled (from {self.name}) — LogitLab"


def _replaces_data(command):
    """A whole-set replacement that starts another document (a preset, an import)."""
    return isinstance(command, ReplacePoints) and not command.text().startswith("Clear")


class Document(QtCore.QObject):
    """Tracks the :class:`Source` of the current data through the undo stack."""

    changed = QtCore.Signal()
    #: ``stored(source, marker)``: :meth:`mark` recorded that the data at ``marker``
    #: came from ``source`` (a lesson opened or saved, a table imported, a paste).
    stored = QtCore.Signal(object, object)

    def __init__(self, window, undo_stack):
        super().__init__(window)
        self.window, self.stack = window, undo_stack
        self.base_title = window.windowTitle()
        self._records = {}  # command (or BASE) → Source of the data from it on
        self._current = None
        self._commands = []  # the stack as last seen
        undo_stack.indexChanged.connect(self._update)

    @property
    def source(self):
        """The :class:`Source` of the data shown now (None: a preset, clicks, …)."""
        return self._current

    @property
    def lesson_path(self):
        """The lesson file Ctrl+S writes to, or None (then Save asks where)."""
        s = self._current
        return s.path if s is not None and s.kind == "lesson" else None

    def marker(self):
        """The undo-stack position of the data now (what :meth:`mark` records)."""
        i = self.stack.index()
        return self.stack.command(i - 1) if i > 0 else BASE

    def mark(self, source, marker=None):
        """The data at ``marker`` (default: now) came from ``source``."""
        key = self.marker() if marker is None else marker
        self._records[key] = source
        self._update()
        self.stored.emit(source, key)

    def _update(self, *_):
        try:
            count = self.stack.count()
        except RuntimeError:  # the stack is being destroyed with the window
            return
        commands = [self.stack.command(i) for i in range(count)]
        present = set(map(id, commands))
        self._follow_trim(commands)
        cleared = count == 0 and bool(self._commands)
        self._commands = commands
        if cleared:
            # A clear: what is on screen now is the base of the new history.
            self._records = {BASE: self._current} if self._current is not None else {}
        else:
            self._records = {k: v for k, v in self._records.items()
                             if k is BASE or id(k) in present}
        current = self._records.get(BASE)
        for command in reversed(commands[: self.stack.index()]):
            if command in self._records:
                current = self._records[command]
                break
            if _replaces_data(command):
                current = None
                break
        if current != self._current:
            self._current = current
            self.window.setWindowTitle(self.base_title if current is None
                                       else current.window_title())
            self.changed.emit()

    def _follow_trim(self, commands):
        """The undo limit dropped the oldest commands: the base is now the state after them."""
        prev = self._commands
        if not commands or not prev or commands[0] is prev[0]:
            return
        cut = next((i for i, c in enumerate(prev) if c is commands[0]), None)
        if cut is None:
            return
        for command in reversed(prev[:cut]):
            if command in self._records:
                self._records[BASE] = self._records[command]
                return
            if _replaces_data(command):
                self._records.pop(BASE, None)
                return
