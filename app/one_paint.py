"""Paint a frame's plots in one pass of the window, not one pass per plot.

When a pyqtgraph scene processes its dirty items, Qt's QGraphicsScene dispatches the
window's UpdateRequest there and then (``dispatchPendingUpdateRequests``), so a
frame that changes three plots was painted in three passes through the backing
store, each repainting the widgets dirty by then and flushing to the screen.
Holding those requests while the scenes process, then sending one, paints the
same dirty regions once.
"""

from __future__ import annotations

from PySide6 import QtCore

_UPDATE_REQUEST = QtCore.QEvent.Type.UpdateRequest


class OnePaint(QtCore.QObject):
    """Installed on the window; ``paint(views)`` processes every scene, then paints once."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._holding = False
        self._held = False
        window.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        # Swallowed, Qt's repaint manager keeps its dirty regions and its "request
        # sent" mark, so later updates add to them and post nothing: the request
        # sent in paint() paints everything at once.
        if self._holding and event.type() == _UPDATE_REQUEST:  # installed on the window only
            self._held = True
            return True
        return False

    def paint(self, views):
        app = QtCore.QCoreApplication
        self._holding, self._held = True, False
        try:
            for view in views:
                app.sendPostedEvents(view.scene(), QtCore.QEvent.Type.MetaCall.value)
        finally:
            self._holding = False
        if self._held:
            # Sent, not posted: the request held above left none in the queue.
            app.sendEvent(self.window, QtCore.QEvent(_UPDATE_REQUEST))
        else:
            app.sendPostedEvents(self.window, _UPDATE_REQUEST.value)
