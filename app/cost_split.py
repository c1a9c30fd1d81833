"""J = data loss + penalty on the main cost plot, when the L2 penalty λ > 0."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

from .lecture_common import BLUE, ORANGE

FLOOR = 1e-300  # as the cost plot: its log scale never meets log(0)


class CostSplitPresenter:
    """Adds two curves (data loss, penalty) and their legend to a cost PlotWidget and
    shows them only while λ > 0 in a single run (not in a race)."""

    def __init__(self, cost_plot):
        self.plot = cost_plot
        self.data = pg.PlotDataItem(pen=pg.mkPen(BLUE, width=2, style=QtCore.Qt.PenStyle.DashLine))
        self.penalty = pg.PlotDataItem(pen=pg.mkPen(ORANGE, width=2,
                                                    style=QtCore.Qt.PenStyle.DotLine))
        for item in (self.data, self.penalty):
            item.setClipToView(True)
            item.setDownsampling(auto=True, method="peak")
            item.hide()
            cost_plot.addItem(item)
        self.legend = pg.LegendItem(offset=(-10, 10), labelTextColor="#202020",
                                    brush=pg.mkBrush(255, 255, 255, 200))
        self.legend.setParentItem(cost_plot.getPlotItem().vb)
        self.legend.addItem(self.data, "data loss")
        self.legend.addItem(self.penalty, "penalty λ/(2m)·Σw²")
        self.legend.hide()
        self.shown = False

    def draw(self, f):
        pen = f.penalty_curve
        it, cost = f.curve
        show = pen is not None and not f.lanes and len(pen) == len(cost) and len(cost) > 0
        if show != self.shown:
            self.shown = show
            for item in (self.data, self.penalty, self.legend):
                item.setVisible(show)
        if not show:
            return
        with np.errstate(over="ignore", invalid="ignore"):
            self.data.setData(it, np.maximum(np.nan_to_num(cost - pen, nan=FLOOR), FLOOR))
            self.penalty.setData(it, np.maximum(np.nan_to_num(pen, nan=FLOOR), FLOOR))
