"""Tables that arrive without a file dialog: pasted (Ctrl+V on the plot) or dropped.

Signals: none; both hand their table to :class:`app.files.FileActions`.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets


def install_paste(files, menu):
    """Ctrl+V on the data plot pastes a table copied from a spreadsheet.

    Only there (and in the File menu): in a number box Ctrl+V still pastes a number.
    """
    action = QtGui.QAction("&Paste table", files.window)
    action.setObjectName("actionPasteTable")
    action.setShortcut(QtGui.QKeySequence.StandardKey.Paste)
    action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setStatusTip("Paste a table copied from a spreadsheet (Ctrl+V on the plot)")
    action.triggered.connect(lambda: files.paste_table())
    menu.addAction(action)
    files.window.data_plot.addAction(action)
    return action


def clipboard_text():
    return QtWidgets.QApplication.clipboard().text()


class DropFilter(QtCore.QObject):
    """Files dropped anywhere on the window are opened (the first one)."""

    def __init__(self, files):
        super().__init__(files.window)
        self.files = files

    @staticmethod
    def paths(event):
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def eventFilter(self, watched, event):
        kind = event.type()
        if kind in (QtCore.QEvent.Type.DragEnter, QtCore.QEvent.Type.DragMove):
            if self.paths(event):
                event.acceptProposedAction()
                return True
        elif kind == QtCore.QEvent.Type.Drop:
            paths = self.paths(event)
            if paths:
                event.acceptProposedAction()
                # After the drop handler returns: a dialog may open, the drag must end first.
                QtCore.QTimer.singleShot(0, self.files.window,
                                         lambda p=paths[0]: self.files.open_interactively(p))
                return True
        return False


def install_drop(files):
    """Accept file drops on the window and on every child that takes drops itself."""
    drop = DropFilter(files)
    window = files.window
    window.setAcceptDrops(True)
    window.installEventFilter(drop)
    # The plots' viewports and the text boxes take drops themselves and would swallow
    # a file (a QLineEdit pastes its URL): they hand file drags to the filter first.
    for widget in window.findChildren(QtWidgets.QWidget):
        if widget.acceptDrops():
            widget.installEventFilter(drop)
    return drop
