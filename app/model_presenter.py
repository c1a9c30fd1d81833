"""Feeds the data plot and the equation bar: points, heatmap, boundary, halos, equations."""

from __future__ import annotations

import math
import time
from contextlib import contextmanager

import numpy as np

from core.decision_boundary import ProbabilityGrid, decision_boundary
from core.equations import boundary_equation, model_equation
from core.model import dz_of, sigmoid

GRID_CELLS = 140  # heatmap cells along the longer side of the view
MAX_HALOS = 20_000  # per-point sizes cost Python work; beyond this the halos are skipped
#: While playing, the equations are rewritten at most this often (a new text is a
#: relayout of the bar; nobody reads digits that change 60 times a second).
TEXT_INTERVAL_S = 0.1
SCALING_NOTE = {
    True: "Features standardized: descent runs on (feature − mean) / std; equations shown in "
          "original units.",
    False: "Raw features (not standardized).",
}


class ModelPresenter:
    """Draws a frame on ``data_plot`` and ``equations``; caches the grid's features
    until the view or the features change."""

    def __init__(self, data_plot, equations):
        self.plot = data_plot
        self.equations = equations
        self.grid = None
        self._points = None  # the arrays last drawn (frames share them until an edit)
        self.show_pull = False
        self.selected = None  # index of the example followed through the graph
        self._text_at = 0.0
        self._held = 0
        self._waiting = None  # the frame whose model waits for the hold to end

    @contextmanager
    def held(self):
        """Model draws wait until the block ends, then the last one is made once.

        While the window is laid out again (F5) the view range changes several times
        (the frame that fills the overlay, the plot's resize, its new range): each drew
        the heatmap and boundary, 3–4 times a toggle, for a view only the last one shows."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._waiting is not None:
                waiting, self._waiting = self._waiting, None
                self.draw_model(waiting)

    def grid_for_view(self, terms):
        (x0, x1), (y0, y1) = self.plot.view_rect()
        width, height = x1 - x0, y1 - y0
        if not (width > 0 and height > 0 and math.isfinite(width) and math.isfinite(height)):
            return None
        if width >= height:
            shape = (max(2, round(GRID_CELLS * height / width)), GRID_CELLS)
        else:
            shape = (GRID_CELLS, max(2, round(GRID_CELLS * width / height)))
        if self.grid is None or not self.grid.matches((x0, x1), (y0, y1), shape, terms):
            self.grid = ProbabilityGrid((x0, x1), (y0, y1), shape, terms)
        return self.grid

    def draw(self, frame):
        self.draw_points(frame)
        self.draw_model(frame)
        self.draw_inside(frame)

    def density_job(self):
        """The data plot's density counts, to compute on a big edit's thread."""
        return self.plot.density_job()

    def offer_density(self, counts):
        self.plot.offer_density(counts)

    def draw_points(self, frame):
        if self._points is not frame.points:
            self._points = frame.points
            self.plot.set_points(frame.points, frame.labels)

    def draw_model(self, frame):
        if self._held:
            self._waiting = frame
            return
        grid = self.grid_for_view(frame.terms)
        theta_raw = frame.shown.theta_raw
        _set_text(self.equations.scaling, SCALING_NOTE[frame.standardize])
        if frame.m == 0:
            self._draw_empty(grid)
            return
        if grid is not None:
            z = grid.z(theta_raw[1:].reshape(-1, 1), theta_raw[0])
            self.plot.set_probabilities(sigmoid(z), grid.x_range, grid.y_range)
            if frame.lanes:
                self.plot.set_boundary([], [])
                self.plot.set_lane_boundaries([
                    decision_boundary(grid.z(lane.theta_raw[1:].reshape(-1, 1),
                                             lane.theta_raw[0]), grid.xs, grid.ys)
                    for lane in frame.lanes])
            else:
                self.plot.set_boundary(*decision_boundary(z, grid.xs, grid.ys))
                self.plot.set_lane_boundaries([])
        now = time.perf_counter()
        if frame.animating and now - self._text_at < TEXT_INTERVAL_S:
            return
        self._text_at = now
        eq = self.equations
        _set_text(eq.model, model_equation(frame.terms, theta_raw))
        _set_text(eq.boundary, "Predict y = 1 if  " + boundary_equation(frame.terms, theta_raw))

    def _draw_empty(self, grid):
        """No points: no model to show (the old boundary would be a lie)."""
        if grid is not None:
            self.plot.set_probabilities(np.full(grid.shape, 0.5), grid.x_range, grid.y_range)
        self.plot.set_boundary([], [])
        self.plot.set_lane_boundaries([])
        _set_text(self.equations.model, "ŷ = σ(wᵀx + b): no points yet, so nothing to learn.")
        _set_text(self.equations.boundary, "Click on the plot to add points.")

    def draw_inside(self, frame):
        """Pull halos |dz| (the loss's) and the ring round the followed example."""
        if self.show_pull and 0 < frame.m <= MAX_HALOS:
            # |dz| for the loss in use: under squared error a confident mistake barely
            # pulls (the Outlier preset's comparison), where |a − y| said it pulled most.
            self.plot.set_pull(frame.points, np.abs(dz_of(frame.a, frame.labels, frame.loss)))
        else:
            self.plot.set_pull(None, None)
        if self.selected is not None and self.selected < frame.m:
            self.plot.set_selected(frame.points[self.selected])
        else:
            self.plot.set_selected(None)


def _set_text(label, text):
    # Same text, no relayout (and no repaint).
    if label.text() != text:
        label.setText(text)
