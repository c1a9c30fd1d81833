"""Compare mode: several learning rates raced from the same θ₀, drawn on every plot."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from core.decision_boundary import decision_boundary
from core.race import Race

from .landscape_view import LANE_PENS


class RacePresenter:
    """Owns the race's plot items (created once, shown only in compare mode)."""

    def __init__(self, window):
        self.window = window
        self.race = None
        self.boundaries = []
        self.curves = []
        cost_item = window.cost_plot.getPlotItem()
        self.legend = cost_item.addLegend(offset=(-10, 10))
        for colour, style in LANE_PENS:
            pen = pg.mkPen(colour, width=3, style=style)
            b = pg.PlotCurveItem(connect="pairs", pen=pen)
            b.setZValue(6)
            b.hide()
            window.data_plot.addItem(b)
            self.boundaries.append(b)
            c = pg.PlotDataItem(pen=pen)
            c.setClipToView(True)
            c.setDownsampling(auto=True, method="peak")
            c.hide()
            window.cost_plot.addItem(c)
            self.curves.append(c)
        self.legend.hide()

    @property
    def active(self):
        return self.race is not None

    def rates(self):
        return [box.value() for box in self.window.controls.race_rates if box.value() > 0]

    def start(self, session):
        """A new race from the session's θ₀ (the seed's init) on its current data."""
        rates = self.rates()
        if session.m == 0 or not 2 <= len(rates) <= 4:
            self.stop()
            return ("Give two to four positive learning rates." if session.m
                    else "Add points first.")
        theta0 = session.initial_theta()
        self.race = Race(session.X, session.Y, theta0, rates, tol=session.tol, loss=session.loss)
        self.legend.clear()
        for lane, curve, boundary in zip(self.race.lanes, self.curves, self.boundaries):
            curve.show()
            boundary.show()
            self.legend.addItem(curve, f"α = {lane.learning_rate:g}")
        for curve, boundary in zip(self.curves[len(self.race.lanes):],
                                   self.boundaries[len(self.race.lanes):]):
            curve.hide()
            boundary.hide()
        self.legend.show()
        self.window.cost_plot.curve.hide()
        return self.race.summary()

    def stop(self):
        self.race = None
        for item in self.curves + self.boundaries:
            item.hide()
        self.legend.hide()
        self.window.cost_plot.curve.show()

    def engines(self):
        return [] if self.race is None else [lane.engine for lane in self.race.lanes]

    def draw(self, session, grid):
        if self.race is None:
            return
        fitted = []
        for lane, curve, boundary in zip(self.race.lanes, self.curves, self.boundaries):
            it, cost = lane.engine.history.curve()
            curve.setData(it, np.maximum(cost, 1e-300))
            fitted.append((it, cost))
            if grid is not None:
                w_raw, b_raw = session.scaler.to_original(lane.engine.w, lane.engine.b)
                boundary.setData(*decision_boundary(grid.z(w_raw, b_raw), grid.xs, grid.ys))
        self.window.cost_plot.fit_curves(fitted)
        self.window.controls.race_result.setText(self.race.summary())
