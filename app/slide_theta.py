"""Slide "Decision boundary": type θ (bias first, original units) and see the boundary,
the "Predict y = 1 if …" inequality and J before any learning; descent starts there."""

from __future__ import annotations

import math
import re

import numpy as np
import pyqtgraph as pg
from PySide6 import QtWidgets

from core.equations import boundary_equation, model_equation
from core.features import TERM_LABELS
from core.model import cost_many

from .lecture_common import MiniDataPlot, Throttle, button, label, num, set_text
from .lecture_runs import same_key
from .theme import PURPLE

#: The slides' two examples: (button text, objectName, terms, θ).
SLIDE_EXAMPLES = (
    ("Slide: θ = [−3, 1, 1] with x1, x2", "thetaSlideLinear", ("x1", "x2"), [-3, 1, 1]),
    ("Slide: θ = [−1, 0, 0, 1, 1] with x1, x2, x1², x2²", "thetaSlideCircle",
     ("x1", "x2", "x1^2", "x2^2"), [-1, 0, 0, 1, 1]),
)
INTRO = ("Type θ, bias first, in the original units of the features in use: the boundary, "
         "the rule and J show at once, before any learning. “Start descent from this θ” "
         "(or Enter) puts the run there.")


def parse_theta(text):
    """[b, w1, …] from '[-3, 1, 1]', '-3 1 1', '-3; 1,5; 2' (';' allows decimal commas)."""
    t = text.strip().strip("[]()").strip().replace("\u2212", "-")
    if not t:
        raise ValueError("Type the numbers of θ, bias first, e.g. [-3, 1, 1].")
    decimal_comma = ";" in t
    parts = re.split(r"\s*;\s*" if decimal_comma else r"\s*,\s*|\s+", t)
    values = []
    for p in parts:
        if not p:
            continue
        try:
            v = float(p.replace(",", ".") if decimal_comma else p)
        except ValueError:
            v = math.nan
        if not math.isfinite(v):
            raise ValueError(f"“{p}” is not a number.")
        values.append(v)
    return np.array(values, dtype=float)


def theta_cost(theta_raw, f):
    """J at θ (original units) on the frame's data: the data loss plus the L2 penalty."""
    w, b = f.scaler.from_original(theta_raw[1:].reshape(-1, 1), theta_raw[0])
    with np.errstate(over="ignore", invalid="ignore"):
        J = float(cost_many(w.T, [b], f.X, f.Y, f.loss)[0])
        if f.l2:
            J += f.l2 / (2 * f.m) * float(np.sum(theta_raw[1:] ** 2))
        z = w[:, 0] @ f.X + b
    accuracy = float(np.mean((z >= 0) == (f.labels == 1)))
    return J, accuracy


class ThetaSlide(QtWidgets.QWidget):
    """Passive: the θ field, the slide's examples, the rule, J and a small data plot."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slideTheta")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(label("thetaIntro", INTRO))
        body = QtWidgets.QHBoxLayout()
        left = QtWidgets.QVBoxLayout()
        self.terms = label("thetaTerms")
        left.addWidget(self.terms)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(label("thetaInputLabel", "θ =", wrap=False))
        self.input = QtWidgets.QLineEdit()
        self.input.setObjectName("thetaInput")
        self.input.setPlaceholderText("[-3, 1, 1]")
        self.input.setToolTip("Bias first, then one weight per feature, in original units")
        row.addWidget(self.input, 1)
        left.addLayout(row)
        buttons = QtWidgets.QHBoxLayout()
        self.apply = button("Start descent from this θ", "thetaApply",
                            "The run jumps to this θ and descends from there")
        self.from_run = button("θ of the run now", "thetaFromRun",
                               "Copy the run's current θ (original units) into the field")
        buttons.addWidget(self.apply)
        buttons.addWidget(self.from_run)
        buttons.addStretch(1)
        left.addLayout(buttons)
        self.examples = {}
        for text, name, terms, theta in SLIDE_EXAMPLES:
            b = button(text, name, "Use the slide's features and type its θ")
            self.examples[name] = (b, terms, theta)
            left.addWidget(b)
        self.problem = label("thetaProblem")
        self.rule = label("thetaRule")
        self.model = label("thetaModel")
        self.cost = label("thetaCost")
        for w in (self.problem, self.rule, self.model, self.cost):
            left.addWidget(w)
        left.addStretch(1)
        body.addLayout(left, 1)
        self.plot = MiniDataPlot("thetaPlot")
        self.plot.add_boundary("run", pg.mkPen("#9a9a9a", width=2))
        self.plot.add_boundary("typed", pg.mkPen(PURPLE, width=5))
        body.addWidget(self.plot, 1)
        layout.addLayout(body, 1)
        self.legend = label("thetaLegend", "Thick purple: the boundary of the θ typed. "
                                           "Thin grey: the run's boundary now.")
        layout.addWidget(self.legend)


class ThetaPresenter:
    """Reads the θ typed against the features in use and previews it on the frame's data."""

    def __init__(self, view):
        self.view = view
        self.last = None
        self.typed = None  # the θ parsed, or None
        self._previewed = None  # what the preview was computed for
        self._text = Throttle()
        view.input.textChanged.connect(lambda _: self.preview())

    def draw(self, f):
        self.last = f
        if not self._text(f):  # while playing: ten times a second
            return
        v = self.view
        names = ["b"] + [f"w{j + 1} ({TERM_LABELS[t]})" for j, t in enumerate(f.terms)]
        set_text(v.terms, f"Features in use: θ = [{', '.join(names)}], {len(names)} numbers.")
        v.plot.set_points(f.points, f.labels)
        v.plot.set_boundary("run", f.terms, f.shown.theta_raw if f.m else None)
        self.preview()

    def preview(self):
        """The rule, the model and J of the θ typed, without changing the run."""
        f, v = self.last, self.view
        if f is None:
            return
        key = (v.input.text(), f.X, f.Y, f.terms, f.loss, f.l2)
        if same_key(key, self._previewed):
            return  # the same θ on the same data: J is what it was
        self._previewed = key
        self.typed = None
        text = v.input.text()
        problem = ""
        if not text.strip():
            problem = "Type θ above, or pick one of the slide's examples."
        else:
            try:
                theta = parse_theta(text)
            except ValueError as exc:
                problem = str(exc)
            else:
                need = len(f.terms) + 1
                if len(theta) != need:
                    problem = (f"θ needs {need} numbers for these features (bias first); "
                               f"you typed {len(theta)}.")
                else:
                    self.typed = theta
        v.apply.setEnabled(self.typed is not None and f.m > 0)
        set_text(v.problem, problem)
        v.problem.setVisible(bool(problem))
        if self.typed is None:
            for lab in (v.rule, v.model, v.cost):
                set_text(lab, "")
            v.plot.set_boundary("typed", f.terms, None)
            return
        th = self.typed
        set_text(v.rule, "Predict y = 1 if  " + boundary_equation(f.terms, th))
        set_text(v.model, model_equation(f.terms, th))
        if f.m:
            J, acc = theta_cost(th, f)
            set_text(v.cost, f"J at this θ = {num(J)} before any learning; "
                             f"{acc:.0%} of the {f.m:,} points on their correct side.")
        else:
            set_text(v.cost, "No points: J needs data.")
        v.plot.set_boundary("typed", f.terms, th)
