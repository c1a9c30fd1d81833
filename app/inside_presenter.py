"""Feeds the 'inside the model' views: pull halos, σ(z) view, computational graph."""

from __future__ import annotations

import numpy as np

MAX_HALOS = 20_000  # per-point sizes cost Python work; beyond this the halos are skipped


class InsidePresenter:
    def __init__(self, window):
        self.window = window
        self.selected = None  # index of the example followed through the graph

    def select(self, index):
        self.selected = index

    def points_changed(self, m):
        if self.selected is not None and self.selected >= m:
            self.selected = None

    def draw(self, session):
        w = self.window
        plot = w.data_plot
        show_pull = w.controls.show_pull.isChecked()
        e = session.engine
        tab = w.tabs.currentWidget()
        if show_pull and 0 < session.m <= MAX_HALOS:
            z = session.training_z()
            a = 1.0 / (1.0 + np.exp(-np.clip(z, -700, 700)))
            pull = np.abs(a - session.labels)  # the lecture's |dz| for cross-entropy
            plot.set_pull(session.points, pull)
        else:
            plot.set_pull(None, None)
        if self.selected is not None and self.selected < session.m:
            plot.set_selected(session.points[self.selected])
        else:
            plot.set_selected(None)
        if tab is w.sigmoid_view:
            z = session.training_z() if session.m else np.empty(0)
            w.sigmoid_view.set_z(z, session.labels)
        elif tab is w.graph_scroll:
            if self.selected is None or self.selected >= session.m:
                w.graph_panel.show_example(None)
            else:
                i = self.selected
                w.graph_panel.show_example((i, session.X[:, i].copy(), int(session.labels[i]),
                                            e.w[:, 0].copy(), e.b, session.terms,
                                            session.standardize, session.loss))
