"""The class's prediction drawn on the plots: a line or a circle on the data plot, J's
threshold on the cost plot.

While a boundary question is open, :class:`PredictionDrawing` takes the data plot's
clicks away from the point editor (a click draws, it does not add a point) and gives
them back when the question closes.  Signals: ``changed`` (the drawing changed).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

from .theme import passive_scatter

LEFT = QtCore.Qt.MouseButton.LeftButton
#: Violet: neither class's colour nor the boundary's, and readable on every theme.
COLOUR = "#8e44ad"


class PredictionDrawing(QtCore.QObject):
    """The predicted line (two clicks) or circle (centre, then a point on it)."""

    changed = QtCore.Signal()

    def __init__(self, data_plot, cost_plot, point_editor):
        super().__init__(data_plot)
        self.plot, self.cost_plot, self.editor = data_plot, cost_plot, point_editor
        self.view_box = data_plot.getViewBox()
        self.shape = None  # "line" or "circle" while capturing
        self.clicks = []
        pen = pg.mkPen(COLOUR, width=4, style=QtCore.Qt.PenStyle.DashLine)
        self.curve = pg.PlotDataItem(pen=pen)
        self.curve.setZValue(30)
        # Passive: a click on a mark is the plot's (add, delete), as on any marker.
        self.marks = passive_scatter(size=14, brush=pg.mkBrush(COLOUR),
                                     pen=pg.mkPen("w", width=1.5), symbol="s")
        self.marks.setZValue(31)
        self.label = pg.TextItem("", color=COLOUR, anchor=(0, 1))
        self.label.setZValue(32)
        for item in (self.curve, self.marks, self.label):
            data_plot.addItem(item, ignoreBounds=True)
        self.threshold = pg.InfiniteLine(angle=0, movable=False,
                                         pen=pg.mkPen(COLOUR, width=3,
                                                      style=QtCore.Qt.PenStyle.DashLine),
                                         label="J = {value:.3g}",
                                         labelOpts={"color": COLOUR, "position": 0.15})
        self.at_step = pg.InfiniteLine(angle=90, movable=False,
                                       pen=pg.mkPen(COLOUR, width=2,
                                                    style=QtCore.Qt.PenStyle.DotLine))
        for item in (self.threshold, self.at_step):
            item.setVisible(False)
            item.setZValue(30)
            cost_plot.addItem(item, ignoreBounds=True)
        self.threshold.sigPositionChanged.connect(lambda *_: self.changed.emit())
        self._saved_grab = None

    # -- capturing the data plot's clicks -----------------------------------------------
    def capture(self, shape):
        """Clicks on the data plot draw ``shape`` ("line"/"circle") instead of adding points."""
        self.release()
        self.shape = shape
        self.clicks = []
        self._draw()
        self.view_box.clicked.disconnect(self.editor.click)
        self.view_box.clicked.connect(self.click)
        # A press on a point must not start dragging it either.
        self._saved_grab = self.view_box.grab_test
        self.view_box.grab_test = lambda x, y: False

    def release(self):
        """Give the clicks back to the point editor (the drawing stays)."""
        if self.shape is None:
            return
        self.shape = None
        self.view_box.clicked.disconnect(self.click)
        self.view_box.clicked.connect(self.editor.click)
        self.view_box.grab_test = self._saved_grab

    @property
    def capturing(self):
        return self.shape is not None

    def click(self, x, y, button, modifiers=None):
        if button != LEFT or not (math.isfinite(x) and math.isfinite(y)):
            return
        if len(self.clicks) >= 2:
            self.clicks = []
        self.clicks.append((x, y))
        self._draw()
        self.changed.emit()

    # -- the answer --------------------------------------------------------------------
    @property
    def complete(self):
        return len(self.clicks) == 2 and self.clicks[0] != self.clicks[1]

    def answer(self):
        """("line", p1, p2) or ("circle", centre, radius), or None before two clicks."""
        if not self.complete:
            return None
        (x0, y0), (x1, y1) = self.clicks
        if self.kind == "circle":
            return ("circle", (x0, y0), math.hypot(x1 - x0, y1 - y0))
        return ("line", (x0, y0), (x1, y1))

    @property
    def kind(self):
        return self._kind if self.shape is None else self.shape

    _kind = "line"

    def show(self, shape, clicks):
        """Draw a prediction given in data coordinates (e.g. after a reveal)."""
        self._kind = shape
        self.clicks = list(clicks)
        self._draw()

    def clear(self):
        self.release()
        self.clicks = []
        self._draw()
        self.show_threshold(None)

    def _draw(self):
        if self.shape is not None:
            self._kind = self.shape
        pts = np.array(self.clicks, dtype=float).reshape(-1, 2)
        self.marks.setData(pts[:, 0], pts[:, 1]) if len(pts) else self.marks.setData([], [])
        if not self.complete:
            self.curve.setData([], [])
            self.label.setText("")
            return
        (x0, y0), (x1, y1) = pts
        if self._kind == "circle":
            r = math.hypot(x1 - x0, y1 - y0)
            t = np.linspace(0, 2 * np.pi, 181)
            self.curve.setData(x0 + r * np.cos(t), y0 + r * np.sin(t))
            self.label.setPos(x0 + r * 0.72, y0 + r * 0.72)
        else:
            # The whole line across the view, not only the segment between the clicks.
            (vx0, vx1), (vy0, vy1) = self.plot.getViewBox().viewRange()
            span = 4 * max(vx1 - vx0, vy1 - vy0)
            d = np.array([x1 - x0, y1 - y0]) / math.hypot(x1 - x0, y1 - y0)
            self.curve.setData([x0 - span * d[0], x0 + span * d[0]],
                               [y0 - span * d[1], y0 + span * d[1]])
            self.label.setPos(x1, y1)
        self.label.setText("your prediction")

    # -- the cost plot -----------------------------------------------------------------
    def show_threshold(self, value, steps=None, movable=False):
        """J = ``value`` as a dashed line (draggable while the class decides), or hide it."""
        visible = value is not None
        self.threshold.setVisible(visible)
        self.at_step.setVisible(visible and steps is not None)
        if visible:
            self.threshold.setMovable(movable)
            self.threshold.setValue(value)
        if steps is not None:
            self.at_step.setValue(steps)

    def threshold_value(self):
        return float(self.threshold.value())
