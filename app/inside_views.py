"""Inside the model: the σ(z) view and one example through the computational graph."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from core.features import TERM_LABELS
from core.model import cost_and_gradients, sigmoid

from .theme import LIGHT, SYMBOL, light_grid

Z_RANGE_MIN, Z_RANGE_MAX = 6.0, 30.0
SAMPLE_POINTS = 3000  # examples drawn on the σ(z) view at most


class SigmoidView(pg.PlotWidget):
    """σ(z) with every training point placed at its current z⁽ⁱ⁾."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sigmoidPlot")
        self.setBackground("#ffffff")
        self.setLabel("bottom", "z = wᵀx + b")
        self.setLabel("left", "a = σ(z) = ŷ")
        light_grid(self)
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self.curve = self.plot(pen=pg.mkPen("#6a3d9a", width=3))
        self.addItem(pg.InfiniteLine(pos=0.5, angle=0, pen=pg.mkPen("#888888", style=QtCore.Qt.PenStyle.DashLine)))
        self.addItem(pg.InfiniteLine(pos=0.0, angle=90, pen=pg.mkPen("#888888", style=QtCore.Qt.PenStyle.DashLine)))
        self.points = {}
        for label, colour in ((1, LIGHT.class_one), (0, LIGHT.class_zero)):
            item = pg.ScatterPlotItem(symbol=SYMBOL[label], size=11, brush=pg.mkBrush(colour),
                                      pen=pg.mkPen("#202020"))
            self.addItem(item)
            self.points[label] = item
        self.z_shown = np.empty(0)  # the z values drawn, for tests and tooltips
        self._sample = None  # (m, indices) when there are too many examples to draw
        self.z_limit = Z_RANGE_MIN

    def set_z(self, z, labels):
        """Place the examples; points beyond the range sit on its edge.

        Beyond SAMPLE_POINTS examples a fixed random sample of them is shown: the
        picture is the same and a frame stays cheap with 10^5 points.
        """
        z = np.nan_to_num(np.asarray(z, dtype=float), nan=0.0, posinf=1e300, neginf=-1e300)
        if len(z) > SAMPLE_POINTS:
            if self._sample is None or self._sample[0] != len(z):
                rng = np.random.default_rng(0)
                self._sample = (len(z), np.sort(rng.choice(len(z), SAMPLE_POINTS, replace=False)))
            z, labels = z[self._sample[1]], labels[self._sample[1]]
        self.z_shown = z
        if len(z):
            limit = float(np.clip(np.percentile(np.abs(z), 95) * 1.2, Z_RANGE_MIN, Z_RANGE_MAX))
        else:
            limit = Z_RANGE_MIN
        if abs(limit - self.z_limit) > 0.25 * self.z_limit or self.curve.xData is None:
            self.z_limit = limit
            grid = np.linspace(-limit, limit, 400)
            self.curve.setData(grid, sigmoid(grid))
            self.setRange(xRange=(-limit, limit), yRange=(-0.05, 1.05), padding=0)
        shown = np.clip(z, -self.z_limit, self.z_limit)
        for label, item in self.points.items():
            sel = labels == label
            item.setData(shown[sel], sigmoid(shown[sel]))


class GraphPanel(QtWidgets.QLabel):
    """The lecture's computational graph for one chosen example, with live numbers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("graphPanel")
        self.setWordWrap(True)
        self.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft)
        self.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.setMargin(8)
        self.values = None  # the numbers on show, for tests
        self.show_example(None)

    def show_example(self, example):
        """``example`` = (index, x (n_x,), y, w (n_x,), b, terms, standardized, loss) or None."""
        if example is None:
            self.values = None
            self.setText("<p><b>Ctrl+click a point</b> (or Alt+click) to follow one example "
                         "through the computational graph.</p>"
                         "<p>x → z = wᵀx + b → a = σ(z) → L(a, y), and backwards "
                         "dz = a − y, dw<sub>j</sub> = x<sub>j</sub>·dz, db = dz.</p>")
            return
        index, x, y, w, b, terms, standardized, loss = example
        X = x.reshape(-1, 1)
        Y = np.array([[float(y)]])
        L, dw, db = cost_and_gradients(w.reshape(-1, 1), b, X, Y, loss)
        z = float(w @ x + b)
        a = float(sigmoid(z))
        dz = db  # for one example db = dz
        self.values = {"z": z, "a": a, "L": L, "dz": dz, "dw": dw[:, 0].copy(), "db": db}
        names = [TERM_LABELS[t] for t in terms]
        scale = " (standardized)" if standardized else ""
        xs = "<br>".join(f"x<sub>{j + 1}</sub> = {html.escape(n)}{scale} = {v:.4g}"
                         for j, (n, v) in enumerate(zip(names, x)))
        ws = "<br>".join(f"w<sub>{j + 1}</sub> = {v:.4g}" for j, v in enumerate(w))
        dws = "<br>".join(f"dw<sub>{j + 1}</sub> = x<sub>{j + 1}</sub>·dz = {v:.4g}"
                          for j, v in enumerate(dw[:, 0]))
        if loss == "cross_entropy":
            loss_text = "L = −(y log a + (1−y) log(1−a))"
            dz_text = "dz = dL/da · da/dz = a − y"
        else:
            loss_text = "L = ½(a − y)²"
            dz_text = "dz = (a − y)·a·(1 − a)"
        box = ("<td style='border:2px solid #6a3d9a; padding:6px; background:#f4effa'>{}</td>")
        arrow = "<td style='padding:4px; font-size:18pt'>{}</td>"
        fwd = "".join([
            box.format(f"<b>x</b> (example {index + 1}, y = {int(y)})<br>{xs}"),
            arrow.format("→"),
            box.format(f"<b>z = wᵀx + b</b><br>{ws}<br>b = {b:.4g}<br><b>z = {z:.4g}</b>"),
            arrow.format("→"),
            box.format(f"<b>a = σ(z)</b><br><b>a = {a:.4g}</b>"),
            arrow.format("→"),
            box.format(f"<b>L(a, y)</b><br>{loss_text}<br><b>L = {L:.4g}</b>"),
        ])
        back = "".join([
            box.format(f"<b>dw</b><br>{dws}<br><b>db = dz = {db:.4g}</b>"),
            arrow.format("←"),
            box.format(f"<b>dz</b><br>{dz_text}<br><b>dz = {dz:.4g}</b>"),
        ])
        self.setText(f"<table cellspacing='4'><tr>{fwd}</tr></table>"
                     f"<p><b>Backward pass</b> (chain rule):</p>"
                     f"<table cellspacing='4'><tr>{back}</tr></table>"
                     "<p>Descent averages these over all m examples: dw = X·dZᵀ/m, "
                     "db = Σdz/m.</p>")
