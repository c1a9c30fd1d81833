"""J = data loss + penalty on the main cost plot, when the L2 penalty λ > 0."""

from __future__ import annotations

import numpy as np

from .cost_plot import FLOOR  # its log scale never meets log(0)


class CostSplitPresenter:
    """Feeds the cost plot's split curves (CostPlot.add_split_curves) and shows them
    only while λ > 0 in a single run (not in a race)."""

    def __init__(self, data, penalty, legend):
        self.data, self.penalty, self.legend = data, penalty, legend
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
