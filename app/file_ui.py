"""What the File menu shows: plain-text message boxes, a busy cursor, the folders dialogs start in.

File names and file text are never rich text: a CSV header such as
``<h1 style="color:red">`` shows as those characters.  Open and save dialogs
start in the last folder used (QSettings ``lastFolder``), else the user's
Documents folder — never the program's folder or the current directory.
"""

from __future__ import annotations

import os

from PySide6 import QtCore, QtWidgets


def message_box(parent, name, title, text, icon=QtWidgets.QMessageBox.Icon.Warning):
    """A message box whose text is plain (file names and file text stay text)."""
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def show_problem(parent, title, message):
    """A window-modal warning that changes nothing (shown with ``open``, not ``exec``)."""
    box = message_box(parent, "fileProblemDialog", title, message)
    box.setInformativeText("Nothing was changed: your points and settings are as they were.")
    box.open()
    return box


def ask_to_replace(parent, path, replace=None, wait=False):
    """Ask before replacing ``path``; ``replace()`` runs only on the user's yes.  With
    ``wait`` the question is answered before this returns: True for Replace."""
    box = message_box(parent, "replaceDialog", "Replace the file?",
                      f"{os.path.basename(path)} already exists in {os.path.dirname(path)}.\n"
                      "Replace it?", QtWidgets.QMessageBox.Icon.Question)
    box.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Yes
                           | QtWidgets.QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.Cancel)
    box.button(QtWidgets.QMessageBox.StandardButton.Yes).setText("Replace")
    if wait:
        box.exec()
        replace_it = box.clickedButton() is box.button(QtWidgets.QMessageBox.StandardButton.Yes)
        box.deleteLater()
        return replace_it
    box.accepted.connect(replace)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


class busy:
    """Wait cursor and a status-bar line while a file is read or written."""

    def __init__(self, window, text):
        self.window, self.text = window, text

    def __enter__(self):
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        self.window.statusBar().showMessage(self.text)
        QtWidgets.QApplication.processEvents()  # let the message paint before the work

    def __exit__(self, *exc):
        QtWidgets.QApplication.restoreOverrideCursor()


class Folders:
    """Where file dialogs start, remembered in ``settings`` (a QSettings)."""

    def __init__(self, window, settings):
        self.window, self.settings = window, settings

    def start(self):
        """The last folder used, else the user's Documents folder, else home."""
        last = self.settings.value("lastFolder", "")
        if isinstance(last, str) and last and os.path.isdir(last):
            return last
        docs = QtCore.QStandardPaths.writableLocation(
            QtCore.QStandardPaths.StandardLocation.DocumentsLocation)
        if docs and os.path.isdir(docs):
            return docs
        return os.path.expanduser("~")

    def remember(self, path):
        folder = os.path.dirname(os.path.abspath(str(path)))
        if os.path.isdir(folder):
            self.settings.setValue("lastFolder", folder)

    def ask_open(self, caption, file_filter):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, caption, self.start(),
                                                        file_filter)
        if path:
            self.remember(path)
        return path

    def ask_save(self, caption, name, file_filter):
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window, caption, os.path.join(self.start(), name), file_filter)
        if path:
            self.remember(path)
        return path
