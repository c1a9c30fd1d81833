"""Feeds the 'inside the model' tabs: the σ(z) view and the computational graph."""

from __future__ import annotations

import numpy as np


class SigmoidPresenter:
    """Every training example at its current z on the sigmoid."""

    def __init__(self, view):
        self.view = view

    def draw(self, frame):
        z = frame.z if frame.m else np.empty(0)
        self.view.set_z(z, frame.labels)


class GraphPresenter:
    """One chosen example through x → z → a → L and back, with the frame's numbers."""

    def __init__(self, panel):
        self.panel = panel
        self.selected = None  # index of the example followed

    def draw(self, frame):
        i = self.selected
        if i is None or i >= frame.m:
            self.panel.show_example(None)
            return
        theta = frame.shown.theta
        self.panel.show_example((i, frame.X[:, i].copy(), int(frame.labels[i]),
                                 theta[1:].copy(), float(theta[0]), frame.terms,
                                 frame.standardize, frame.loss))
