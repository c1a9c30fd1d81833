"""Draws the model on the data plot: heatmap, decision boundary and the equations."""

from __future__ import annotations

import math

import numpy as np

from core.decision_boundary import ProbabilityGrid, decision_boundary
from core.equations import boundary_equation, model_equation
from core.model import sigmoid

GRID_CELLS = 140  # heatmap cells along the longer side of the view


class ModelPainter:
    """Keeps the grid's features cached until the view or the features change."""

    def __init__(self, window):
        self.window = window
        self.grid = None

    def grid_for_view(self, terms):
        (x0, x1), (y0, y1) = self.window.data_plot.view_rect()
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

    def draw(self, session, theta=None, show_boundary=True):
        """Draw the session's model, or the engine-space ``theta`` (e.g. while scrubbing)."""
        grid = self.grid_for_view(session.terms)
        if grid is None:
            return None
        if theta is not None:
            w_raw, b_raw = session.scaler.to_original(theta[1:].reshape(-1, 1), theta[0])
        else:
            w_raw, b_raw = session.original_theta()
        z = grid.z(w_raw, b_raw)
        plot = self.window.data_plot
        plot.set_probabilities(sigmoid(z), grid.x_range, grid.y_range)
        if show_boundary:
            plot.set_boundary(*decision_boundary(z, grid.xs, grid.ys))
        else:
            plot.set_boundary([], [])
        eq = self.window.equations
        theta_raw = np.concatenate([[b_raw], w_raw[:, 0]])
        eq.model.setText(model_equation(session.terms, theta_raw))
        eq.boundary.setText("Predict y = 1 if  " + boundary_equation(session.terms, theta_raw))
        return grid
