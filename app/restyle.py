"""Restyling only what is on screen, and laying the window out once per change of mode.

Presentation mode (F5) changes type sizes, pens and which panels show.  Done the plain
way (a new stylesheet on the whole window, every plot restyled, widgets shown one by
one) a toggle cost 120–220 ms of the GUI thread while descent ran: the stylesheet
re-polished all 474 widgets, 246 of them on the hidden lecture slides (50–65 ms); each
label shown laid the window out again and resized the plots (up to 10 times a
toggle, ~2 ms each); plots that were not even visible were restyled.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6 import QtCore


class WhenShown(QtCore.QObject):
    """Restyles a widget when it is visible: now, or when it is next shown.

    ``want(widget, kind, restyle)`` replaces any restyle of that kind still waiting
    for the widget; ``flush()`` runs those of the widgets visible now.  Wanting first
    and flushing after the widgets are shown or hidden means a widget being shown gets
    the new style once (Qt sends the Show event before its first paint, and before the
    layout request its new fonts post), and a widget being hidden gets none.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pending = {}  # widget → {kind: restyle}
        self._watched = []  # keeps the wrappers (and so their hash) alive

    def want(self, widget, kind, restyle):
        if widget not in self._watched:
            widget.installEventFilter(self)
            self._watched.append(widget)
        self.pending.setdefault(widget, {})[kind] = restyle

    def flush(self):
        for widget in [w for w in self.pending if w.isVisible()]:
            self._run(widget)

    def _run(self, widget):
        for restyle in self.pending.pop(widget, {}).values():
            restyle()

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QtCore.QEvent.Type.Show and obj in self.pending:
            self._run(obj)
        return False


@contextmanager
def one_layout_pass(widgets):
    """Hold the layouts of ``widgets`` (outermost first) while the body shows, hides
    and restyles their contents, then lay them out once, outermost first.

    Showing a widget lays out every visible ancestor with a layout at once, so eight
    labels shown one after another resized the plots under them eight times.
    """
    layouts = [w.layout() for w in widgets if w.layout() is not None and w.layout().isEnabled()]
    for layout in layouts:
        layout.setEnabled(False)
    try:
        yield
    finally:
        for layout in layouts:
            layout.setEnabled(True)
            layout.invalidate()
        for layout in layouts:
            layout.activate()
        # What the pass left to the event loop (a splitter's new minimum, a plot's axes
        # grown for bigger tick labels) is laid out now too: else each came one frame
        # later, and the plots were laid out and painted again.
        for _ in range(3):
            QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
