"""At start: the sessions a crash or a kill left, listed newest first, one restored on request.

Every restorable autosave (:func:`app.autosave.restorable`) is a row: when it
was last saved, what it holds and where it came from.  One that cannot be
read is a row too, named with its problem, that cannot be restored — the
older good ones still follow it.  *Restore* loads the chosen one (and only
it leaves the folder), *Delete…* removes the chosen one for good after a
question, *Not now* keeps them all for the next start.
"""

from __future__ import annotations

import time

from PySide6 import QtCore, QtWidgets

from core.features import EXPONENTS

from . import autosave

Qt = QtCore.Qt


def when(seconds):
    """'today 14:03', 'yesterday 09:12' or 'Mon 12 May 2025 14:03'."""
    then = time.localtime(seconds)
    today = time.localtime()
    days = (time.mktime(today[:3] + (0, 0, 0) + today[6:]) -
            time.mktime(then[:3] + (0, 0, 0) + then[6:])) / 86400
    clock = time.strftime("%H:%M", then)
    if round(days) == 0:
        return f"today {clock}"
    if round(days) == 1:
        return f"yesterday {clock}"
    return time.strftime("%a %d %b %Y %H:%M", then)


def describe(found):
    """One row of the list, in words."""
    stamp = when(found.modified)
    if not found.readable:
        return f"{stamp} — cannot be restored: {found.problem}"
    lesson = found.lesson
    m = len(lesson.points)
    ones = int(lesson.labels.sum()) if m else 0
    # Named by degree: a degree-6 session (27 terms) was called "quadratic".
    degree = max((sum(EXPONENTS.get(t, (1, 1))) for t in lesson.terms), default=1)
    features = {1: "linear", 2: "quadratic"}.get(degree, f"degree {degree}")
    origin = lesson.title if lesson.title and lesson.title != "Autosave" else "untitled"
    return (f"{stamp} — {origin}: {m:,} points ({ones:,} of class 1), {features}, "
            f"α = {lesson.learning_rate:g}")


class RestoreDialog(QtWidgets.QDialog):
    """The list of restorable sessions.  ``chosen``: the Found to restore after Restore."""

    def __init__(self, found, parent=None):
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore unsaved work?")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.found = list(found)
        self.chosen = None
        good = sum(1 for f in self.found if f.readable)
        text = self.header = QtWidgets.QLabel(self._header_text())
        text.setObjectName("restoreText")
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setWordWrap(True)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("restoreList")
        # A row longer than the screen is wide wraps, never cut: an unreadable session's
        # reason and long titles ran off the right edge.
        self.list.setWordWrap(True)
        self.list.setResizeMode(QtWidgets.QListView.ResizeMode.Adjust)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for f in self.found:
            item = QtWidgets.QListWidgetItem(describe(f))
            item.setToolTip(str(f.path))
            if not f.readable:
                item.setForeground(self.palette().color(self.palette().ColorRole.PlaceholderText))
            self.list.addItem(item)
        note = QtWidgets.QLabel(
            "Restore brings the chosen session back as unsaved work; save it to keep it. "
            "Not now keeps every session here and asks again at the next start."
            + ("" if good == len(self.found) else
               " A session that cannot be restored is shown with the reason."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox()
        self.restore_button = buttons.addButton("Restore",
                                                QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restoreButton")
        self.delete_button = buttons.addButton("Delete…",
                                               QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button.setObjectName("deleteButton")
        later = buttons.addButton("Not now", QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("notNowButton")
        self.restore_button.clicked.connect(self._restore)
        self.delete_button.clicked.connect(self._delete)
        later.clicked.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._selected)
        self.list.itemDoubleClicked.connect(lambda _item: self._restore())
        first_good = next((i for i, f in enumerate(self.found) if f.readable), 0)
        self.list.setCurrentRow(first_good)
        self._selected(first_good)
        self.restore_button.setDefault(True)
        # As wide as its longest row, up to the screen: at 640 px an unreadable session's
        # reason and long titles were cut at the right.
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        rows = self.list.sizeHintForColumn(0) + 2 * self.list.frameWidth() + 40
        self.resize(min(max(640, rows), screen.width() - 40), 160 + 28 * min(len(self.found), 10))

    def _header_text(self):
        n = len(self.found)
        return ("LogitLab did not close normally, so this work was never saved:" if n == 1 else
                f"LogitLab did not close normally {n} times, so this work was never saved "
                "(newest first):")

    def current(self):
        row = self.list.currentRow()
        return self.found[row] if 0 <= row < len(self.found) else None

    def _selected(self, _row):
        f = self.current()
        self.restore_button.setEnabled(f is not None and f.readable)
        self.delete_button.setEnabled(f is not None)

    def _restore(self):
        f = self.current()
        if f is not None and f.readable:
            self.chosen = f
            self.accept()

    def _delete(self):
        f = self.current()
        if f is None:
            return
        what = (f"its {len(f.lesson.points):,} points" if f.readable else "this file")
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, "Delete this session?",
                                    f"Delete the session of {when(f.modified)} for good? "
                                    f"{what[0].upper() + what[1:]} cannot be restored afterwards.",
                                    parent=self)
        box.setObjectName("deleteSessionDialog")
        box.setTextFormat(Qt.TextFormat.PlainText)
        delete = box.addButton("Delete", QtWidgets.QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return
        lock = autosave.claim(f.path)
        if lock is None:  # another window is restoring it right now
            return
        autosave.remove(f.path, lock)
        row = self.found.index(f)
        self.found.pop(row)
        self.list.takeItem(row)
        self.header.setText(self._header_text())  # it said "4 times" with two left
        if not self.found:
            self.reject()
        self._selected(self.list.currentRow())


def _ask(window, found):
    dialog = RestoreDialog(found, window)
    try:
        dialog.exec()
        return dialog.chosen
    finally:
        dialog.deleteLater()


def offer(window, folder=None, ask=True):
    """List the restorable sessions and restore the chosen one; True if one was."""
    found = autosave.restorable(folder)
    if not found:
        return False
    if ask is True:
        chosen = _ask(window, found)
    elif ask is False:
        chosen = next((f for f in found if f.readable), None)
    else:
        chosen = ask(window, found)
    if chosen is None:
        return False
    return restore(window, chosen)


def restore(window, found):
    """Load ``found`` as unsaved work, autosave it as this session, then delete its file."""
    lock = autosave.claim(found.path)
    if lock is None or not found.path.exists():
        if lock is not None:
            lock.release(delete=False)
        window.statusBar().showMessage("That session was restored by another LogitLab window.",
                                       8000)
        return False
    c = window.controller
    c.load_lesson(found.lesson, undo_text="Restore unsaved session")
    # The restored state is where the history starts, and it is unsaved work.
    c.undo_stack.clear()
    c.undo_stack.resetClean()
    # Ours first, then the old file goes: there is no moment with no copy on disk.
    c.autosave.write_now()
    c.autosave.wait()
    if c.autosave.last_error is None:
        autosave.remove(found.path, lock)
    else:
        lock.release(delete=False)
    window.statusBar().showMessage(
        f"Restored the session of {when(found.modified)}: {len(found.lesson.points):,} points "
        "(not saved yet)", 8000)
    return True
