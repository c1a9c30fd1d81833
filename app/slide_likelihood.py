"""Slide "Maximum likelihood": per point p(y|x) = ŷ^y (1 − ŷ)^(1−y) (Bernoulli), and
log P(labels) = Σ log p = −m·J, live."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtWidgets

from core.model import cross_entropy_from_z, likelihood, log_likelihood, sigmoid

from .lecture_common import MONO, TOP_LEFT, Throttle, label, num, set_text, small_plot
from .theme import LIGHT

ROWS = 10  # points listed
MAX_BARS = 2000
INTRO = ("ŷ = σ(wᵀx + b) = p(y = 1 | x), so <b>p(y | x) = ŷ<sup>y</sup> (1 − ŷ)<sup>1−y</sup></b>: "
         "ŷ for a class 1 point, 1 − ŷ for a class 0 point (a Bernoulli distribution). "
         "log p(y|x) = y log ŷ + (1 − y) log(1 − ŷ) = −L(ŷ, y), so for the whole training set "
         "log P(labels) = Σ log p(y⁽ⁱ⁾|x⁽ⁱ⁾) = −Σ L = −m·J: minimizing J maximizes the "
         "likelihood.")


def likelihood_numbers(z, y):
    """Per point ŷ, p(y|x), log p; and log P, J (cross-entropy) — from z, exact at the tails."""
    with np.errstate(over="ignore", invalid="ignore"):
        z = np.nan_to_num(z, nan=0.0)
        p = likelihood(z, y)
        logp = -cross_entropy_from_z(z, y)
        log_P = log_likelihood(z, y)
    m = len(z)
    J = -log_P / m if m else None
    return sigmoid(z), p, logp, log_P, J


class LikelihoodSlide(QtWidgets.QWidget):
    """Passive: the identity with live numbers, a table of the first points, p per point."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slideLikelihood")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(label("likelihoodIntro", INTRO, rich=True))
        self.total = label("likelihoodTotal", rich=True)
        layout.addWidget(self.total)
        body = QtWidgets.QHBoxLayout()
        self.table = label("likelihoodTable", rich=True)
        self.table.setAlignment(TOP_LEFT)
        body.addWidget(self.table, 1)
        self.plot = small_plot("likelihoodBars", "point i", "p(y⁽ⁱ⁾ | x⁽ⁱ⁾)")
        self.plot.setYRange(0, 1.05, padding=0)
        self.bars = {}
        for lab, colour in ((1, LIGHT.class_one), (0, LIGHT.class_zero)):
            item = pg.BarGraphItem(x=[], height=[], width=0.8, brush=pg.mkBrush(colour), pen=None)
            self.plot.addItem(item)
            self.bars[lab] = item
        body.addWidget(self.plot, 1)
        layout.addLayout(body, 1)



class LikelihoodPresenter:
    """Computes p(y|x) per point at the θ shown and checks log P = −m·J."""

    def __init__(self, view):
        self.view = view
        self._text = Throttle()
        self.values = None  # (log P, J, m) on show, for tests
        self._bars = None  # how many bars the x range was set for

    def draw(self, f):
        if not self._text(f):
            return
        v = self.view
        if f.m == 0:
            set_text(v.total, "No points yet: P(labels) needs labels.")
            set_text(v.table, "")
            for item in v.bars.values():
                item.setOpts(x=[], height=[])
            return
        y = f.labels.astype(float)
        a, p, logp, log_P, J = likelihood_numbers(f.z, y)
        m = f.m
        self.values = (log_P, J, m)
        P = math.exp(log_P) if log_P > -745 else 0.0
        P_text = num(P) if P > 0 else f"e<sup>{num(log_P)}</sup> (below the smallest double)"
        text = (f"log P(labels) = Σ log p(y⁽ⁱ⁾|x⁽ⁱ⁾) = <b>{num(log_P, 6)}</b> = −m·J = "
                f"−{m:,} × {num(J, 6)}<br>P(labels) = e<sup>−m·J</sup> = <b>{P_text}</b>")
        if f.loss != "cross_entropy":
            text += (f"<br>(J here is the cross-entropy at the θ shown; the run minimizes "
                     f"squared error, J = {num(f.shown.cost)}, which is not −log P / m.)")
        elif f.l2 > 0:
            text += (f"<br>(J here is the data loss; the run's J adds the penalty λ/(2m)·Σw² "
                     f"= {num(f.shown.penalty)}.)")
        set_text(v.total, text)
        rows = min(ROWS, m)
        head = ("<tr><th>i</th><th>x1</th><th>x2</th><th>y</th><th>ŷ</th>"
                "<th>p(y|x) = ŷ<sup>y</sup> (1−ŷ)<sup>1−y</sup></th><th>log p</th></tr>")
        body = "".join(
            f"<tr><td>{i + 1}</td><td>{num(f.points[i, 0], 3)}</td>"
            f"<td>{num(f.points[i, 1], 3)}</td><td>{int(y[i])}</td><td>{num(a[i], 3)}</td>"
            f"<td>{'ŷ' if y[i] == 1 else '1 − ŷ'} = <b>{num(p[i], 3)}</b></td>"
            f"<td>{num(logp[i], 3)}</td></tr>" for i in range(rows))
        more = f"<p>… and {m - rows:,} more points.</p>" if m > rows else ""
        set_text(v.table, f"<table cellpadding=3 style='font-family:{MONO}'>{head}{body}"
                          f"</table>{more}")
        n = min(m, MAX_BARS)
        idx = np.arange(n)
        for lab, item in v.bars.items():
            sel = f.labels[:n] == lab
            item.setOpts(x=idx[sel] + 1, height=p[:n][sel], width=0.8)
        if n != self._bars:
            self._bars = n
            v.plot.setXRange(0.4, n + 0.6, padding=0)
