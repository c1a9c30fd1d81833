"""The cost curve J(w, b) per step of descent."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

from .dot import Dot
from .theme import (BLUE, LANE_PENS, LIGHT, NORMAL, ORANGE, lane_pen, light_grid, line_pen,
                    style_axes)

#: Costs below this are drawn at it, so the log scale never meets log(0).
FLOOR = 1e-300
#: On the log scale the view's y range is in powers of ten; doubles span ±308 of them.
LOG_LIMIT = 400.0


class CostPlot(pg.PlotWidget):
    """Passive plot of cost_history, with a marker at the current step."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("costPlot")
        self.setLabel("bottom", "step")
        self.setLabel("left", "J(w, b)")
        self.grid = light_grid(self)
        # "J (x0.001)" would hide the actual numbers the class reads off the axis.
        self.getAxis("left").enableAutoSIPrefix(False)
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self.setLimits(xMin=-0.5)
        self.curve = self.plot([], [])
        self.curve.setClipToView(True)
        self.curve.setDownsampling(auto=True, method="peak")
        self.marker = Dot(size=10)
        self.addItem(self.marker)
        # Race lanes: one curve each and a legend, shown only in compare mode.
        self.legend = self.getPlotItem().addLegend(offset=(-10, 10))
        self.lane_curves = []
        for k in range(len(LANE_PENS)):
            c = pg.PlotDataItem(pen=lane_pen(k, 3))
            c.setClipToView(True)
            c.setDownsampling(auto=True, method="peak")
            c.hide()
            self.addItem(c)
            self.lane_curves.append(c)
        self.legend.hide()
        self._lane_names = None
        self._range = None  # (x_top, y_low, y_high) last set, in plotted units
        self._user_range = False  # the user zoomed or panned: leave the range alone
        vb = self.getPlotItem().vb
        vb.disableAutoRange()
        vb.sigRangeChangedManually.connect(lambda *_: setattr(self, "_user_range", True))
        self.apply_style(LIGHT, NORMAL)

    def apply_style(self, theme, sizes):
        self.setBackground(theme.background)
        self.curve.setPen(line_pen(theme.cost, sizes.cost_width))
        self.marker.setBrush(pg.mkBrush(theme.cost))
        self.marker.setPen(pg.mkPen(theme.foreground))
        self.marker.setSize(sizes.marker)
        for k, curve in enumerate(self.lane_curves):
            curve.setPen(lane_pen(k, sizes.cost_width * 1.2))
        # The race's legend reads at the axes' size; its entries are made again with it.
        self.legend.opts["labelTextSize"] = f"{sizes.font}pt"
        self.legend.setLabelTextColor(theme.foreground)
        self.legend.setBrush(pg.mkBrush(theme.background))
        self.legend.clear()
        self._lane_names = None
        style_axes(self, theme, sizes)

    def add_split_curves(self):
        """Two hidden curves, data loss and penalty, and their hidden legend, for J's
        split under λ > 0 (app/cost_split.py); returns (data, penalty, legend).

        Drawn in the features slide's blue and orange, so both splits read alike.
        """
        data = pg.PlotDataItem(pen=pg.mkPen(BLUE, width=2, style=QtCore.Qt.PenStyle.DashLine))
        penalty = pg.PlotDataItem(pen=pg.mkPen(ORANGE, width=2, style=QtCore.Qt.PenStyle.DotLine))
        for item in (data, penalty):
            item.setClipToView(True)
            item.setDownsampling(auto=True, method="peak")
            item.hide()
            self.addItem(item)
        legend = pg.LegendItem(offset=(-10, 10), labelTextColor="#202020",
                               brush=pg.mkBrush(255, 255, 255, 200))
        legend.setParentItem(self.getPlotItem().vb)
        legend.addItem(data, "data loss")
        legend.addItem(penalty, "penalty λ/(2m)·Σw²")
        legend.hide()
        return data, penalty, legend

    def set_log(self, on):
        """Switch J's axis between linear and log, carrying the view's y range across.

        pyqtgraph keeps the range's numbers through the switch (its auto-range comes
        later), so the first paint read a linear 0 … 9e262 as powers of ten and the
        axis listed 10²⁶² ticks: a hang that ate memory.  The range is converted before
        anything paints (a zoom the user made stays where it was), and on the log
        scale it is bounded to ±400 decades.
        """
        on = bool(on)
        vb = self.getPlotItem().vb
        was_log = self.getPlotItem().ctrl.logYCheck.isChecked()
        (x0, x1), (lo, hi) = vb.viewRange()
        self.setLogMode(y=on)
        vb.disableAutoRange()  # setLogMode asks for pyqtgraph's; _fit_range fits instead
        if on:
            self.setLimits(yMin=-LOG_LIMIT, yMax=LOG_LIMIT)
        else:
            self.setLimits(yMin=None, yMax=None)
        if on != was_log:
            lo, hi = _log_range(lo, hi) if on else _linear_range(lo, hi)
            vb.setRange(xRange=(x0, x1), yRange=(lo, hi), padding=0)
        self._range = None

    def fit_curves(self, curves):
        """Fit the range to several (iterations, costs) curves, e.g. a race's lanes."""
        curves = [(it, c) for it, c in curves if len(it)]
        if curves:
            last = max(curves, key=lambda ic: ic[0][-1])[0]
            costs = np.maximum(np.concatenate([c for _, c in curves]), FLOOR)
            self._fit_range(last, costs)

    def _fit_range(self, iterations, costs):
        """Range in coarse steps, changed only when the curve outgrows it.

        pyqtgraph's auto-range moved the axes every frame, so the axes, grid and
        curve were redrawn twice a frame; a range that changes rarely costs nothing.
        """
        vb = self.getPlotItem().vb
        if vb.state["autoRange"][0]:  # the "A" button: back to fitting the curve
            vb.disableAutoRange()
            self._user_range = False
            self._range = None
        if not len(iterations) or self._user_range:
            return
        log = self.getPlotItem().ctrl.logYCheck.isChecked()
        x_max = float(iterations[-1])
        x_top = 10.0 if x_max <= 10 else 2.0 ** np.ceil(np.log2(x_max * 1.05))
        ys = np.log10(costs) if log else costs
        lo, hi = float(np.min(ys)), float(np.max(ys))
        if not log:
            lo = min(lo, 0.0)
        span = max(hi - lo, 1e-12)
        pad = 0.05 * span
        wanted = (x_top, lo - pad, hi + pad)
        current = self._range if isinstance(self._range, tuple) else None
        if (current is None or x_top != current[0] or lo < current[1] or hi > current[2]
                or (current[2] - current[1]) > 4 * (span + 2 * pad)):
            self._range = wanted
            vb.setRange(xRange=(0, x_top), yRange=(wanted[1], wanted[2]), padding=0)

    def set_lanes(self, lanes):
        """Race lanes as [(name, iterations, costs)], or [] for the single run."""
        names = [name for name, _, _ in lanes]
        if names != self._lane_names:
            self._lane_names = names
            self.legend.clear()
            for k, curve in enumerate(self.lane_curves):
                curve.setVisible(k < len(lanes))
                if k < len(lanes):
                    self.legend.addItem(curve, names[k])
            self.legend.setVisible(bool(lanes))
            self.curve.setVisible(not lanes)
            self.marker.setVisible(not lanes)
        if not lanes:
            return
        fitted = []
        for curve, (_, it, cost) in zip(self.lane_curves, lanes):
            curve.setData(it, np.maximum(cost, FLOOR))
            fitted.append((it, cost))
        self.fit_curves(fitted)

    def set_curve(self, iterations, costs, marker=None):
        """The curve, and a marker at ``marker`` = (iteration, J) or at its last point."""
        costs = np.maximum(np.nan_to_num(costs, nan=FLOOR, posinf=1e300), FLOOR)
        self.curve.setData(iterations, costs)
        if self.curve.isVisible():
            self._fit_range(iterations, costs)
        if marker is None and len(iterations):
            marker = (iterations[-1], costs[-1])
        if marker is None:
            self.marker.setData([], [])
            return
        y = max(float(np.nan_to_num(marker[1], nan=FLOOR, posinf=1e300, neginf=FLOOR)), FLOOR)
        if self.getPlotItem().ctrl.logYCheck.isChecked():
            y = np.log10(y)
        self.marker.setData([marker[0]], [y])


def _log_range(lo, hi):
    """A linear y range as powers of ten (a start at or below 0 shows three decades)."""
    top = float(np.log10(max(hi, FLOOR * 10)))
    bottom = float(np.log10(lo)) if lo > FLOOR else top - 3.0
    return max(min(bottom, top - 1e-9), -LOG_LIMIT), min(top, LOG_LIMIT)


def _linear_range(lo, hi):
    """A range in powers of ten as a linear one."""
    lo, hi = np.clip([lo, hi], -300.0, 300.0)
    return float(10.0 ** lo), float(10.0 ** hi)
