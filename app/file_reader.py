"""Reading a large file on a worker thread, with a progress dialog and Cancel.

The GUI thread stays live (the animation keeps playing) while
:func:`core.lesson.read_document` parses millions of rows; the result comes
back through a queued signal.

Signals: ``progress(int)`` (per cent) and ``done(object)``: a Lesson, a Table, a
FileProblem or Cancelled.
"""

from __future__ import annotations

import os
import threading

from PySide6 import QtCore, QtWidgets

from core.lesson import read_document
from core.text_file import Cancelled, FileProblem


class FileReader(QtCore.QObject):
    """Reads ``path`` on a thread; a window-modal progress dialog can cancel it."""

    done = QtCore.Signal(object)
    progress = QtCore.Signal(int)

    def __init__(self, path, parent):
        super().__init__(parent)
        self.path = str(path)
        self._cancel = threading.Event()
        self._thread = None
        self._percent = -1
        self.dialog = QtWidgets.QProgressDialog(
            f"Reading {os.path.basename(self.path)}…", "Cancel", 0, 100, parent)
        self.dialog.setObjectName("readProgress")
        self.dialog.setWindowTitle("Opening a file")
        self.dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self.progress.connect(self.dialog.setValue)
        self.done.connect(self._finished)

    def start(self):
        self.dialog.setValue(0)
        self.dialog.show()
        self._thread = threading.Thread(target=self._run, name="read", daemon=True)
        self._thread.start()

    def cancel(self):
        self._cancel.set()

    def wait(self, timeout=60.0):
        """Block until the thread ends and its result is delivered (tests, a clean exit)."""
        if self._thread is not None:
            self._thread.join(timeout)
        QtWidgets.QApplication.processEvents()

    def _report(self, fraction):
        percent = int(100 * fraction)
        if percent != self._percent:
            self._percent = percent
            self.progress.emit(percent)  # queued to the GUI thread

    def _run(self):
        try:
            result = read_document(self.path, progress=self._report, cancel=self._cancel.is_set)
        except (FileProblem, Cancelled) as exc:
            result = exc
        except MemoryError:
            result = FileProblem(self.path, "not enough memory to read this file")
        except Exception as exc:  # noqa: BLE001 - a reader bug must not kill the thread silently
            result = FileProblem(self.path, f"cannot read the file ({type(exc).__name__}: {exc})")
        self.done.emit(result)

    def _finished(self, _result):
        self.dialog.hide()
        self.dialog.deleteLater()
