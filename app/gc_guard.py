"""Python's cyclic garbage collector, run from the GUI thread only.

Qt objects must be freed on the GUI thread.  Left automatic, a collection can
start in whatever thread allocates: in the descent worker it could run a Qt
destructor there, and one that started inside pyqtgraph's signal disconnect
deadlocked the test suite (issue 16).  pyqtgraph's own
``util.garbage_collector.GarbageCollector`` does the same; this one is
parented, so it stops with the window.
"""

from __future__ import annotations

import gc

from PySide6 import QtCore

INTERVAL_MS = 1000


class GarbageCollector(QtCore.QObject):
    """Disables automatic collection and does what it would have done, once a second."""

    def __init__(self, parent):
        super().__init__(parent)
        gc.disable()
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def stop(self):
        self.timer.stop()

    @staticmethod
    def collect():
        """The generation Python would collect now, by its own thresholds."""
        threshold = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > threshold[generation]:
                gc.collect(generation)
                break
