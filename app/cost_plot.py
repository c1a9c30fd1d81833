"""The cost curve J(w, b) per iteration."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from .theme import LIGHT, NORMAL, light_grid

#: Costs below this are drawn at it, so the log scale never meets log(0).
FLOOR = 1e-300


class CostPlot(pg.PlotWidget):
    """Passive plot of cost_history, with a marker at the current step."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("costPlot")
        self.setLabel("bottom", "iteration")
        self.setLabel("left", "J(w, b)")
        self.grid = light_grid(self)
        # "J (x0.001)" would hide the actual numbers the class reads off the axis.
        self.getAxis("left").enableAutoSIPrefix(False)
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self.setLimits(xMin=-0.5)
        self.curve = self.plot([], [])
        self.curve.setClipToView(True)
        self.curve.setDownsampling(auto=True, method="peak")
        self.marker = pg.ScatterPlotItem(size=10, symbol="o")
        self.addItem(self.marker)
        self.title = pg.TextItem(anchor=(1, 0))
        self.title.setParentItem(self.getPlotItem().vb)
        self.apply_style(LIGHT, NORMAL)

    def apply_style(self, theme, sizes):
        self.setBackground(theme.background)
        self.curve.setPen(pg.mkPen(theme.cost, width=sizes.cost_width))
        self.marker.setBrush(pg.mkBrush(theme.cost))
        self.marker.setPen(pg.mkPen(theme.foreground))
        self.marker.setSize(sizes.marker)
        font = self.font()
        font.setPointSize(sizes.font)
        for name in ("bottom", "left"):
            axis = self.getAxis(name)
            axis.setTextPen(theme.foreground)
            axis.setPen(theme.foreground)
            axis.setTickFont(font)
            axis.label.setFont(font)

    def set_log(self, on):
        self.setLogMode(y=bool(on))

    def set_curve(self, iterations, costs, marker=None):
        """The curve, and a marker at ``marker`` = (iteration, J) or at its last point."""
        costs = np.maximum(np.nan_to_num(costs, nan=FLOOR, posinf=1e300), FLOOR)
        self.curve.setData(iterations, costs)
        if marker is None and len(iterations):
            marker = (iterations[-1], costs[-1])
        if marker is None:
            self.marker.setData([], [])
            return
        y = max(float(marker[1]), FLOOR)
        if self.getPlotItem().ctrl.logYCheck.isChecked():
            y = np.log10(y)
        self.marker.setData([marker[0]], [y])
