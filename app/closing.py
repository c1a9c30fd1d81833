"""Closing the window: nothing unsaved goes without a question, nothing goes at all without one.

**What counts as unsaved** (what a teacher would be sorry to lose):

* the points: the undo stack is not at its clean index.  It is set clean when
  the data on screen are a file's — a lesson opened or saved, a table
  imported (:class:`app.document.Document` says when, ``stored``), at start
  and when a preset replaces data that had nothing unsaved (a preset is not
  the teacher's work).  A restored session is unsaved until it is saved.
* the lesson's setup: features, standardization, loss, α and ε (and any other
  setting the lesson file holds, see ``SETUP``), compared with their values at
  that same moment.  θ, the iteration count, the view, the seed and the pace
  are the run, not the lesson: playing and resetting are not edits.

**Who closes decides who is asked.**

* The user — the window's ×, Ctrl+Q, File ▸ Quit: with unsaved work a
  question (``unsavedChangesDialog``): *Save* (a lesson saves to its file; an
  untitled one asks where, and cancelling that dialog cancels the close),
  *Close without saving* (the autosave is deleted too: the teacher said so),
  *Cancel* (the window stays open).
* Nobody — Ctrl+C, SIGTERM or SIGHUP (:mod:`app.main`), a close from code, the
  desktop session ending: no question can be answered, so nothing is thrown
  away either.  Unsaved work is autosaved now and its file kept for the next
  start to offer (:meth:`app.autosave.Autosave.keep`); with nothing unsaved the
  autosave is deleted, as on any clean exit.

The × arrives as a spontaneous close event (from the window system); a close
from code does not.  Ctrl+Q and File ▸ Quit call :meth:`Closing.quit`.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6 import QtCore, QtWidgets

from core.lesson import Lesson

Qt = QtCore.Qt
Button = QtWidgets.QMessageBox.StandardButton

#: The lesson's setup, compared with its value when it was last opened or saved: the
#: session's settings a lesson file holds (a setting it cannot hold is not lost by a close).
SETUP = tuple((name, words) for name, words in (
    ("terms", "the features"), ("standardize", "standardization"), ("loss", "the loss"),
    ("learning_rate", "α"), ("tol", "ε"), ("update", "the update"),
    ("stop", "the stopping test"), ("l2", "λ")) if name in {f.name for f in fields(Lesson)})


class Closing(QtCore.QObject):
    """Decides what a close does.  ``window.on_close`` is :meth:`on_close`."""

    def __init__(self, window, controller):
        super().__init__(window)
        self.window, self.controller = window, controller
        self.stack = controller.undo_stack
        self.closed = False  # the session has ended (the window may already be gone)
        self.signal = None  # the signal number that ended it, if one did
        self.question = None  # the unsaved-changes box while it is open
        self._by_user = False
        self._baseline = self._setup()
        self.stack.cleanChanged.connect(self._clean_changed)
        self.stack.indexChanged.connect(self._index_changed)
        window.installEventFilter(self)

    # -- what is unsaved ----------------------------------------------------------------
    def _setup(self):
        s = self.controller.session
        return {name: getattr(s, name, None) for name, _ in SETUP}

    def mark_saved(self):
        """The data and setup on screen are now a file's (or need no file)."""
        self.stack.setClean()
        self._baseline = self._setup()

    def stored(self, source, marker):
        """The document recorded that the data at ``marker`` came from ``source``."""
        if source is None or source.kind == "paste":
            return  # a paste lives only in the clipboard: it is unsaved work
        if marker is self.files.document.marker():
            self.mark_saved()
        # else edits came after the data a background save wrote: still unsaved

    def _clean_changed(self, clean):
        try:
            if clean and self.stack.count() == 0:
                self._baseline = self._setup()  # a clear: a new start (a preset, a file)
        except RuntimeError:  # the stack is being destroyed with the window
            pass

    def _index_changed(self, index):
        """A preset loaded onto data with nothing unsaved leaves nothing unsaved."""
        try:
            stack = self.stack
            if index < 1 or index != stack.count() or stack.cleanIndex() != index - 1:
                return
            if stack.command(index - 1).text().startswith("Load preset"):
                self.mark_saved()
        except RuntimeError:  # the stack is being destroyed with the window
            pass

    def unsaved(self):
        """What would be lost, in words (empty: nothing)."""
        out = []
        if not self.stack.isClean():
            out.append("the points")
        setup = self._setup()
        out += [words for name, words in SETUP if setup[name] != self._baseline[name]]
        return out

    @property
    def files(self):
        return self.window.files

    def document_name(self):
        """The lesson's name as the restore list and the question show it."""
        source = self.files.document.source
        if source is None:
            return "untitled"
        if source.kind == "lesson":
            return source.title or source.name
        return f"untitled (from {source.name})"

    def session_title(self):
        """What the restore list calls this session: the window's title without the
        app's name ("monday", "Preset 3 · Overlapping blobs"), else "untitled"."""
        title = self.window.windowTitle()
        tail = " — LogitLab"
        return title[: -len(tail)] if title.endswith(tail) else self.document_name()

    # -- who closes ---------------------------------------------------------------------
    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if obj is self.window and event.type() == QtCore.QEvent.Type.Close:
            # The window system's close (the ×, Alt+F4) is spontaneous; code's is not.
            self._by_user = self._by_user or event.spontaneous()
        return False

    def quit(self):
        """Ctrl+Q and File ▸ Quit: the user closes."""
        self._by_user = True
        self.window.close()
        self._by_user = False

    def end_by_signal(self, signum):
        """Ctrl+C, SIGTERM, SIGHUP: keep unsaved work for the next start and close."""
        if self.closed:
            return
        self.signal = signum
        if self.question is not None:
            self.question.done(0)  # on_close goes on: nobody is there to answer
            return
        self.window.close()
        if not self.closed:  # the close was refused (a close already running): end here
            self.finish(keep=bool(self.unsaved()), force=True)

    # -- the close ------------------------------------------------------------------------
    def on_close(self):
        """The window is asked to close; False keeps it open (the user chose Cancel)."""
        by_user, self._by_user = self._by_user, False
        if self.closed:
            return True
        if by_user and self.signal is None and self.unsaved():
            answer = self.ask()
            if self.signal is None:
                if answer == Button.Cancel:
                    return False
                if answer == Button.Save and not self.save():
                    return False
                if answer == Button.Discard:
                    self.finish(keep=False)
                    return True
        self.finish(keep=bool(self.unsaved()), force=self.signal is not None)
        return True

    def ask(self, opening=None):
        """Save / Close without saving / Cancel, with what would be lost in words.

        ``opening``: the name of a file about to replace the data on screen and become
        the saved state; then the choices are Save / Open without saving / Cancel."""
        what = self.unsaved()
        name = self.document_name()
        untitled = self.files.path is None
        before = "closing" if opening is None else f"opening {opening}"
        box = QtWidgets.QMessageBox(self.window)
        box.setObjectName("unsavedChangesDialog" if opening is None else "unsavedBeforeOpenDialog")
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle("Save changes?")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Save the changes to “{name}” before {before}?" if not untitled else
                    f"Save this lesson before {before}?")
        where = ("Save asks where to save the lesson. " if untitled else
                 f"Save writes them to {self.files.path}. ")
        if opening is None:
            rest = ("Close without saving throws them away; they are not offered again at "
                    "the next start. Cancel keeps the window open.")
        else:
            rest = (f"Open without saving shows {opening} instead (Edit ▸ Undo brings all "
                    "this back until you close). Cancel opens nothing.")
        box.setInformativeText(f"Not saved yet: {_join(what)}.\n\n{where}{rest}")
        box.setStandardButtons(Button.Save | Button.Discard | Button.Cancel)
        box.button(Button.Save).setText("Save…" if untitled else "Save")
        box.button(Button.Discard).setText("Close without saving" if opening is None else
                                           "Open without saving")
        box.setDefaultButton(Button.Save)
        box.setEscapeButton(Button.Cancel)
        self.question = box
        try:
            box.exec()
            clicked = box.clickedButton()
            answer = box.standardButton(clicked) if clicked is not None else Button.Cancel
        finally:
            self.question = None
            box.deleteLater()
        return answer if answer in (Button.Save, Button.Discard) else Button.Cancel

    def may_open(self, name):
        """A file called ``name`` is about to replace the data and be their saved state:
        unsaved work is asked about first (else a close right after deleted it without a
        question).  True to go on: nothing unsaved, saved, or "Open without saving"."""
        if self.closed or not self.unsaved():
            return True
        answer = self.ask(opening=name)
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    def save(self):
        """Save through File ▸ Save lesson; True once everything is in a file."""
        started = self.files.save(wait=True)
        if started:
            self.files.wait_for_save()  # a large lesson is written by a worker thread
        return bool(started) and not self.unsaved()

    def finish(self, keep, force=False):
        """End the session: stop descent, then keep (unsaved work) or delete the autosave."""
        if self.closed:
            return
        self.closed = True
        c = self.controller
        c.shutdown()
        self.files.wait_for_save()
        if keep:
            c.autosave.keep(force=force)
        else:
            c.autosave.discard()

    def exit_status(self, status):
        """The process's exit status: 128 + the signal's number after a signal."""
        return 128 + self.signal if self.signal is not None else status


def _join(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
