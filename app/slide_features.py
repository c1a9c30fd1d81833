"""Slide "Non-linear decision boundaries": polynomial features up to degree 6 with a term
picker, and the L2 penalty λ with J split into the data loss and the penalty."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from core.features import ALL_TERMS, EXPONENTS, MAX_DEGREE, TERM_LABELS, polynomial_terms

from .lecture_common import MiniDataPlot, Throttle, label, num, number_box, set_text, small_plot
from .theme import BLUE, ORANGE, PURPLE

INTRO = ("hθ(x) = g(θ0 + θ1x1 + θ2x2 + θ3x1² + θ4x1²x2 + θ5x1²x2² + θ6x1³x2 + …): every "
         "monomial of x1, x2 up to degree 6 (27 terms). A high degree on few points bends the "
         "boundary around single points; the L2 penalty J = cross-entropy + λ/(2m)·Σ w_j² "
         "(weights in original units, bias not penalized) keeps it smooth.")


class FeaturesSlide(QtWidgets.QWidget):
    """Passive: the degree picker, the 27 term boxes, λ, the boundary and the split cost."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slideFeatures")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(label("featuresIntro", INTRO))
        body = QtWidgets.QHBoxLayout()
        left = QtWidgets.QVBoxLayout()
        row = QtWidgets.QHBoxLayout()
        row.addWidget(label("featuresDegreeLabel", "Polynomial degree", wrap=False))
        self.degree = QtWidgets.QComboBox()
        self.degree.setObjectName("featuresDegree")
        for d in range(1, MAX_DEGREE + 1):
            self.degree.addItem(f"{d}  ({len(polynomial_terms(d))} terms)", d)
        self.degree.addItem("your own terms", 0)
        row.addWidget(self.degree)
        row.addStretch(1)
        left.addLayout(row)
        terms_box = QtWidgets.QGroupBox("Terms")
        terms_box.setObjectName("featuresTermsBox")
        grid = QtWidgets.QGridLayout(terms_box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.term_boxes = {}
        for term in ALL_TERMS:
            a, b = EXPONENTS[term]
            box = QtWidgets.QCheckBox(TERM_LABELS[term])
            box.setObjectName("featuresTerm_" + term.replace("^", "").replace("*", "_"))
            grid.addWidget(box, a + b - 1, b)
            self.term_boxes[term] = box
        left.addWidget(terms_box)
        lrow = QtWidgets.QHBoxLayout()
        lrow.addWidget(label("featuresLambdaLabel", "L2 penalty λ =", wrap=False))
        self.l2 = number_box("featuresLambda", 0.0, 1e4,
                             tip="λ of λ/(2m)·Σ w_j² (0: no penalty). Type 1 or 0,1")
        lrow.addWidget(self.l2)
        lrow.addStretch(1)
        left.addLayout(lrow)
        self.split = label("featuresSplit")
        left.addWidget(self.split)
        left.addStretch(1)
        body.addLayout(left, 0)
        # The data over J, in one column beside the terms: side by side, each had a
        # third of a 1024-px window, and J's long ticks (0.596781 at α = 1e-4) left its
        # curve 100 px and cut its legend.
        plots = QtWidgets.QVBoxLayout()
        self.plot = MiniDataPlot("featuresPlot")
        self.plot.add_boundary("run", pg.mkPen("#111111", width=3))
        plots.addWidget(self.plot, 1)
        self.cost_plot = small_plot("featuresCosts", "step", "J")
        self.cost_plot.legend()
        self.curves = {
            "J": self.cost_plot.plot(pen=pg.mkPen(PURPLE, width=3), name="J"),
            "data": self.cost_plot.plot(pen=pg.mkPen(BLUE, width=2,
                                                     style=QtCore.Qt.PenStyle.DashLine),
                                        name="data loss"),
            "penalty": self.cost_plot.plot(pen=pg.mkPen(ORANGE, width=2,
                                                        style=QtCore.Qt.PenStyle.DotLine),
                                           name="penalty λ/(2m)·Σw²"),
        }
        for c in self.curves.values():
            c.setClipToView(True)
            c.setDownsampling(auto=True, method="peak")
        plots.addWidget(self.cost_plot, 1)
        body.addLayout(plots, 1)
        layout.addLayout(body, 1)

    def checked_terms(self):
        return tuple(t for t, box in self.term_boxes.items() if box.isChecked())


class FeaturesPresenter:
    """Shows the terms and λ in use, the boundary at the θ shown and its J = data loss +
    penalty (the step shown: the live one, the one scrubbed to, a race's leading lane)."""

    def __init__(self, view):
        self.view = view
        self._text = Throttle()
        self._terms = None

    def draw(self, f):
        v = self.view
        if f.terms != self._terms:
            self._terms = f.terms
            widgets = (v.degree, *v.term_boxes.values())
            blockers = [QtCore.QSignalBlocker(w) for w in widgets]
            for term, box in v.term_boxes.items():
                box.setChecked(term in f.terms)
            degree = next((d for d in range(1, MAX_DEGREE + 1)
                           if polynomial_terms(d) == f.terms), 0)
            v.degree.setCurrentIndex(v.degree.findData(degree))
            for blocker in blockers:
                blocker.unblock()
        if v.l2.value() != f.l2 and not v.l2.hasFocus():
            with QtCore.QSignalBlocker(v.l2):
                v.l2.setValue(f.l2)
        it, cost = f.curve
        v.curves["J"].setData(it, cost)
        pen = f.penalty_curve
        if pen is not None and len(pen) == len(cost):
            v.curves["data"].setData(it, cost - pen)
            v.curves["penalty"].setData(it, pen)
        else:
            v.curves["data"].setData([], [])
            v.curves["penalty"].setData([], [])
        if not self._text(f):
            return
        v.plot.set_points(f.points, f.labels)
        v.plot.set_boundary("run", f.terms, f.shown.theta_raw if f.m else None)
        shown = f.shown
        if f.m == 0 or shown.cost is None:
            text = "No points yet."
        elif shown.other_data:  # its J and today's m (the penalty's) are of other points
            text = (f"J = {num(shown.cost)} at step {shown.iteration:,}, on the points as "
                    "they were before the edit: its split needs the data of that time.")
        elif f.l2 > 0:
            text = (f"J = {num(shown.cost)} = data loss {num(shown.data_cost)} + penalty "
                    f"{num(shown.penalty)}  (λ = {num(f.l2)}, m = {f.m:,}, "
                    f"{len(f.terms)} weights)")
        else:
            text = (f"J = {num(shown.cost)}: no penalty (λ = 0). {len(f.terms)} weights on "
                    f"{f.m:,} points.")
        set_text(v.split, text)
