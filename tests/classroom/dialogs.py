"""Answering modal dialogs (``exec``) from a test: a timer finds the dialog, then acts on it.

A dialog shown with ``exec()`` runs its own event loop, so the test cannot
click it after the call that opened it returns; :func:`answer` starts a timer
first, and that timer does the clicking inside the dialog's loop.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

Button = QtWidgets.QMessageBox.StandardButton


class Answer:
    """A pending answer: ``seen`` holds the text of each dialog it answered."""

    def __init__(self, find, act, times=1):
        self.find, self.act, self.left = find, act, times
        self.seen = []
        self.timer = QtCore.QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self):
        widget = self.find()
        if widget is None or not widget.isVisible():
            return
        self.seen.append(text_of(widget))
        self.left -= 1
        if self.left <= 0:
            self.timer.stop()
        self.act(widget)

    def stop(self):
        self.timer.stop()


def text_of(widget):
    if isinstance(widget, QtWidgets.QMessageBox):
        return "\n".join(t for t in (widget.windowTitle(), widget.text(),
                                     widget.informativeText()) if t)
    return widget.windowTitle()


def modal(name):
    """A finder: the visible top-level widget called ``name``, if any."""
    def find():
        for w in QtWidgets.QApplication.topLevelWidgets():
            if w.objectName() == name and w.isVisible():
                return w
        return None
    return find


def click(button):
    """An action on a QMessageBox: click its standard ``button`` (or the one with that text)."""
    def act(box):
        if isinstance(button, str):
            target = next(b for b in box.buttons() if b.text() == button)
        else:
            target = box.button(button)
        target.click()
    return act


def answer(name, button, times=1):
    """Answer the next ``times`` message boxes called ``name`` with ``button``."""
    return Answer(modal(name), click(button), times)


def answer_close(button, times=1):
    """Answer the unsaved-changes question."""
    return answer("unsavedChangesDialog", button, times)


def answer_open(button="Open without saving", times=1):
    """Answer the question a file opened over unsaved work asks first (app/closing.py)."""
    return answer("unsavedBeforeOpenDialog", button, times)


class WindowSystemClose(QtGui.QCloseEvent):
    """The window's × as the window system sends it (a spontaneous close event).

    Qt's public API can only send non-spontaneous events; the app reads
    ``spontaneous()`` from Python, which sees this override."""

    def spontaneous(self):
        return True


def press_window_x(window):
    """Send the ×'s close event; True if the window accepted it (then hide it, as Qt does)."""
    event = WindowSystemClose()
    QtWidgets.QApplication.sendEvent(window, event)
    if event.isAccepted():
        window.hide()
    return event.isAccepted()
