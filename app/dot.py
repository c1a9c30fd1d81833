"""One marker of a fixed size in pixels at one data point (the step shown, θ now)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets


class Dot(QtWidgets.QGraphicsEllipseItem):
    """A round marker that moves every frame, drawn and bounded by Qt alone.

    It answers the calls a one-point ``pg.ScatterPlotItem`` answered (setData,
    getData, setBrush, setPen, setSize), but that item recomputed its pixel
    padding in Python at each of the scene's many bounds queries: ~0.5 ms of
    every frame for a single dot.  It takes no clicks: they go to the ViewBox.
    """

    def __init__(self, size=10, pen=None, brush=None):
        super().__init__()
        self.setFlag(QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self._xy = None
        self.setSize(size)
        if pen is not None:
            self.setPen(pen)
        if brush is not None:
            self.setBrush(brush)
        self.setVisible(False)

    def setSize(self, size):  # noqa: N802 - pyqtgraph's names
        r = float(size) / 2
        self.setRect(QtCore.QRectF(-r, -r, 2 * r, 2 * r))

    def setPen(self, *args, **kwargs):  # noqa: N802
        pen = pg.mkPen(*args, **kwargs)
        pen.setCosmetic(True)
        super().setPen(pen)

    def setBrush(self, *args, **kwargs):  # noqa: N802
        super().setBrush(pg.mkBrush(*args, **kwargs))

    def setData(self, x, y):  # noqa: N802
        """At (x[0], y[0]); hidden for empty lists or a point that is not finite."""
        if len(x) and np.isfinite(x[0]) and np.isfinite(y[0]):
            self._xy = (float(x[0]), float(y[0]))
            self.setPos(*self._xy)
            self.setVisible(True)
        else:
            self._xy = None
            self.setVisible(False)

    def getData(self):  # noqa: N802
        if self._xy is None:
            return np.empty(0), np.empty(0)
        return np.array([self._xy[0]]), np.array([self._xy[1]])

    def dataBounds(self, ax, frac=1.0, orthoRange=None):  # noqa: N802, N803
        """For the ViewBox's auto-range: the point itself."""
        if self._xy is None:
            return None, None
        return self._xy[ax], self._xy[ax]
