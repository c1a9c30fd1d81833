"""The cost landscape panel: J over two parameters with the descent path on it (the
passive view; app.landscape_presenter feeds it)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from .dot import Dot
from .flow_layout import CurrentTextCombo, FlowLayout, LeastHeightForWidth
from .theme import (
    LANE_PENS, LIGHT, NORMAL, PLOT_MIN_HEIGHT, AxisTitles, lane_pen, passive_scatter, style_axes,
)

BANDS = 14  # filled-contour bands of log J
NOTE = "★ lowest J of this slice · click: move θ there"
STANDARDIZED = ", standardized"
NOTE_TIP = ("J over the two chosen parameters, every other parameter held at its current value.\n"
            "White: the last 300 steps of descent, the arrow its direction, the dot θ now.")


class LandscapeClickBox(pg.ViewBox):
    """Reports left clicks in parameter coordinates: ``clicked(a, b)``."""

    clicked = QtCore.Signal(float, float)

    def __init__(self):
        super().__init__(enableMenu=False)

    def mouseClickEvent(self, ev):
        if ev.button() == QtCore.Qt.MouseButton.LeftButton:
            p = self.mapSceneToView(ev.scenePos())
            ev.accept()
            self.clicked.emit(p.x(), p.y())


class LandscapeView(LeastHeightForWidth, QtWidgets.QWidget):
    """Passive: a parameter picker over a plot of filled contours, path and minimum.

    Signal: ``gridReady()``, emitted (from any thread) when a grid computed in the
    background is done, so a paused window draws it too."""

    gridReady = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 0)
        layout.setSpacing(2)
        # The pickers wrap under each other in a column too narrow for one row, never
        # cut to "w1 · x".
        row = FlowLayout(spacing=4)
        over = QtWidgets.QLabel("J over")
        over.setObjectName("landscapeOver")
        row.addWidget(over)
        self.pick_x = CurrentTextCombo()
        self.pick_x.setObjectName("landscapeX")
        self.pick_y = CurrentTextCombo()
        self.pick_y.setObjectName("landscapeY")
        row.addWidget(self.pick_x)
        and_label = QtWidgets.QLabel("and")
        and_label.setObjectName("landscapeAnd")
        row.addWidget(and_label)
        row.addWidget(self.pick_y)
        self.pickers = QtWidgets.QWidget()
        self.pickers.setObjectName("landscapePickers")
        self.pickers.setLayout(row)
        layout.addWidget(self.pickers)
        self.note = QtWidgets.QLabel(NOTE)
        self.note.setToolTip(NOTE_TIP)
        self.note.setObjectName("landscapeNote")
        self.note.setWordWrap(True)

        self.view_box = LandscapeClickBox()
        self.plot = pg.PlotWidget(viewBox=self.view_box)
        self.plot.setObjectName("landscapePlot")
        self.plot.setToolTip(NOTE_TIP)
        self.plot.getAxis("left").enableAutoSIPrefix(False)
        self.plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        self.plot.axis_titles = AxisTitles(self.plot)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.isolines = pg.PlotCurveItem(connect="pairs")
        self.plot.addItem(self.isolines)
        self.path = pg.PlotCurveItem()
        self.plot.addItem(self.path)
        self.path_dots = passive_scatter(symbol="o", size=4, pen=None)
        self.plot.addItem(self.path_dots)
        self.lane_paths = []
        for k in range(len(LANE_PENS)):
            item = pg.PlotDataItem(pen=lane_pen(k, 2.5))
            item.hide()
            self.plot.addItem(item)
            self.lane_paths.append(item)
        self.arrow = pg.ArrowItem(angle=0, headLen=16, tipAngle=35, brush="w")
        self.plot.addItem(self.arrow)
        self.current = Dot(size=13)
        self.plot.addItem(self.current)
        self.minimum = passive_scatter(symbol="star", size=18)
        self.plot.addItem(self.minimum)
        lut = pg.colormap.get("viridis").getLookupTable(nPts=BANDS)
        # Repeat each colour so the image shows bands (filled contours), not a smooth ramp.
        self.image.setLookupTable(np.repeat(lut, 256 // BANDS + 1, axis=0)[:256])
        self.apply_style(LIGHT, NORMAL)

    def set_compact(self, on):
        """Presentation: the plot alone (its axes name the two parameters)."""
        self.pickers.setVisible(not on)
        self.note.setVisible(not on)

    def apply_style(self, theme, sizes):
        self.plot.setBackground(theme.background)
        self.isolines.setPen(pg.mkPen((255, 255, 255, 110), width=1))
        self.path.setPen(pg.mkPen("#ffffff", width=sizes.cost_width * 0.8))
        self.path_dots.setBrush(pg.mkBrush("#ffffff"))
        self.current.setBrush(pg.mkBrush("#D55E00"))
        self.current.setPen(pg.mkPen("#ffffff", width=2))
        self.minimum.setBrush(pg.mkBrush("#ffffff"))
        self.minimum.setPen(pg.mkPen("#000000"))
        self.minimum.setSize(sizes.marker * 1.6)
        self.current.setSize(sizes.marker * 1.2)
        self.path_dots.setSize(max(4, sizes.marker * 0.4))
        self.arrow.setStyle(headLen=sizes.marker * 1.5)
        for k, item in enumerate(self.lane_paths):
            item.setPen(lane_pen(k, sizes.cost_width))
        style_axes(self.plot, theme, sizes)

    def clear(self):
        """No data: no landscape, no path."""
        self.image.clear()
        for item in (self.isolines, self.path):
            item.setData([], [])
        for item in (self.path_dots, self.current, self.minimum):
            item.setData([], [])
        self.arrow.hide()
        for item in self.lane_paths:
            item.hide()

    def set_parameter_names(self, names, i, j):
        # "w1 (x1)": "standardized" is on the axis below and in the status bar (in the
        # pickers it took two rows at 1280×720 and left the plot a 60-pixel strip).
        for combo, k in ((self.pick_x, i), (self.pick_y, j)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([name.replace(STANDARDIZED, "") for name in names])
            combo.setCurrentIndex(k)
            combo.blockSignals(False)
        # "w1 (x1, standardized)" where it fits, else "w1": the picker has the rest.
        for axis, name in (("bottom", names[i]), ("left", names[j])):
            self.plot.axis_titles.set(axis, name, name.split(" (")[0])
