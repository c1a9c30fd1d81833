"""Slide "Correct form / Incorrect form": the simultaneous and the sequential update,
run side by side from the same θ⁰ on the user's data, with each form's code and the
numbers of the current step."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from core.descent import GradientDescent

from .lecture_common import (
    Throttle,
    code_html,
    label,
    num,
    param_names,
    set_text,
    signed,
    small_plot,
)
from .lecture_runs import DEMO_MAX_STEPS, budget, engine_run, heavy, same_key
from .theme import GREEN, RED

SHOWN_PARAMS = 3  # b, w1, w2: the code shows this many lines, then "…"
INTRO = ("Both runs start from the same θ⁰ (the run's start) on your points and take the "
         "main run's number of steps (Play, Step or the history slider drive them). "
         "Correct: every ∂J is taken at the old θ, then all of θ is assigned. "
         "Incorrect: b is updated first, and the new b is used for w1's derivative, and so on.")


class FormsSlide(QtWidgets.QWidget):
    """Passive: the two forms' code, their paths in (b, w1) and their cost curves;
    ``simultaneous`` / ``sequential`` choose the main run's form."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slideForms")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(label("formsIntro", INTRO))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(label("formsMainLabel", "The main run uses:", wrap=False))
        self.simultaneous = QtWidgets.QRadioButton("the correct form (simultaneous)")
        self.simultaneous.setObjectName("formsSimultaneous")
        self.sequential = QtWidgets.QRadioButton("the incorrect form (sequential)")
        self.sequential.setObjectName("formsSequential")
        group = QtWidgets.QButtonGroup(self)
        group.addButton(self.simultaneous)
        group.addButton(self.sequential)
        self.simultaneous.setChecked(True)
        row.addWidget(self.simultaneous)
        row.addWidget(self.sequential)
        row.addStretch(1)
        layout.addLayout(row)
        codes = QtWidgets.QHBoxLayout()
        self.code = {}
        for key, title, name in (("simultaneous", "Correct form (simultaneous)", "formsCorrect"),
                                 ("sequential", "Incorrect form (sequential)", "formsIncorrect")):
            box = QtWidgets.QGroupBox(title)
            box.setObjectName(name + "Box")
            bl = QtWidgets.QVBoxLayout(box)
            self.code[key] = label(name + "Code", rich=True)
            bl.addWidget(self.code[key])
            codes.addWidget(box, 1)
        layout.addLayout(codes)
        plots = QtWidgets.QHBoxLayout()
        self.paths_plot = small_plot("formsPaths", "b", "w1")
        self.cost_plot = small_plot("formsCosts", "step", "J(w, b)")
        self.cost_plot.legend()
        self.paths, self.costs, self.dots, self.ends = {}, {}, {}, {}
        styles = {"simultaneous": (GREEN, QtCore.Qt.PenStyle.SolidLine, "correct"),
                  "sequential": (RED, QtCore.Qt.PenStyle.DashLine, "incorrect")}
        for key, (colour, dash, name) in styles.items():
            pen = pg.mkPen(colour, width=3, style=dash)
            self.paths[key] = self.paths_plot.plot(pen=pen)
            self.ends[key] = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(colour), pen=None)
            self.paths_plot.addItem(self.ends[key])
            curve = self.cost_plot.plot(pen=pen, name=name)
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            self.costs[key] = curve
            self.dots[key] = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(colour), pen=None)
            self.cost_plot.addItem(self.dots[key])
        self.start = pg.ScatterPlotItem(size=16, symbol="star", brush=pg.mkBrush("#202020"))
        self.paths_plot.addItem(self.start)
        self.gap_plot = small_plot("formsGap", "step", "‖θ(correct) − θ(incorrect)‖")
        self.gap = self.gap_plot.plot(pen=pg.mkPen(RED, width=3))
        self.gap.setClipToView(True)
        self.gap.setDownsampling(auto=True, method="peak")
        plots.addWidget(self.paths_plot, 1)
        plots.addWidget(self.cost_plot, 1)
        plots.addWidget(self.gap_plot, 1)
        layout.addLayout(plots, 1)
        self.summary = label("formsSummary")
        layout.addWidget(self.summary)


def _update_lines(kind, theta, alpha, evaluate, names):
    """The code of one step of ``kind`` from θ with its numbers, as (text, colour, bold) lines."""
    p = len(theta)
    shown = min(p, SHOWN_PARAMS)
    width = max(len(n) for n in names[:shown])
    lines = []
    if kind == "simultaneous":
        _, g = evaluate(theta)
        lines.append(("# every ∂J at the old θ", "#777777", False))
        for j in range(shown):
            n = names[j].ljust(width)
            new = theta[j] - alpha * g[j]
            lines.append((f"temp{j} = {n} − α·∂J/∂{names[j]} = {num(theta[j])} − "
                          f"{num(alpha)}·{signed(g[j])} = {num(new)}", None, False))
        for j in range(shown):
            lines.append((f"{names[j].ljust(width)} = temp{j}", None, False))
    else:
        t = theta.copy()
        for j in range(p):
            _, g = evaluate(t)
            if j < shown:
                if j == 0:
                    where = "# ∂J at the old (b, w…)"
                else:
                    new = ", ".join(n + "′" for n in names[:j])
                    where = f"# ∂J at the NEW {new}"
                lines.append((where, RED if j else "#777777", j > 0))
                n = names[j].ljust(width)
                lines.append((f"{n} = {n} − α·∂J/∂{names[j]} = {num(t[j])} − "
                              f"{num(alpha)}·{signed(g[j])} = {num(t[j] - alpha * g[j])}",
                              None, False))
            t[j] -= alpha * g[j]
    if p > shown:
        lines.append((f"… and likewise {names[shown]} … {names[-1]}", "#777777", False))
    return lines


class FormsPresenter:
    """Runs both forms from θ⁰ with core's GradientDescent, as far as the main run's step,
    and draws them; the runs restart when the data, features, α, loss, λ or θ⁰ change."""

    def __init__(self, view):
        self.view = view
        self.runs = None  # {"simultaneous": RecordedRun, "sequential": RecordedRun}
        self.engines = None
        self._key = None
        self._text = Throttle()
        self.behind = False  # the runs have not reached the main run's step yet

    def _ensure_runs(self, f):
        key = (f.X, f.Y, f.terms, f.loss, f.learning_rate, f.l2, f.theta0.tobytes())
        if same_key(key, self._key):
            return
        self._key = key
        self.runs, self.engines = {}, {}
        for kind in ("simultaneous", "sequential"):
            engine = GradientDescent(f.X, f.Y, f.theta0[1:], f.theta0[0],
                                     learning_rate=f.learning_rate, tol=0.0, loss=f.loss,
                                     update=kind, l2=f.l2, feature_scale=f.scaler.scale[:, 0])
            self.engines[kind] = engine
            self.runs[kind] = engine_run(engine)

    def draw(self, f):
        v = self.view
        self.behind = False
        with QtCore.QSignalBlocker(v.simultaneous), QtCore.QSignalBlocker(v.sequential):
            (v.sequential if f.update == "sequential" else v.simultaneous).setChecked(True)
        if f.m == 0 or len(np.unique(f.labels)) < 2:
            for key in v.paths:
                v.paths[key].setData([], [])
                v.costs[key].setData([], [])
                v.ends[key].setData([], [])
                v.dots[key].setData([], [])
            v.start.setData([], [])
            v.gap.setData([], [])
            for key in v.code:
                set_text(v.code[key], "")
            set_text(v.summary, "Add points of both classes to run the two forms.")
            return
        self._ensure_runs(f)
        k = f.shown.iteration
        if not heavy(f):
            # The sequential form costs n_x + 1 evaluations a step: it goes first, and the
            # simultaneous one follows to the same step, so both show the same step.
            slow, fast = self.runs["sequential"], self.runs["simultaneous"]
            slow.extend_to(k, 0.8 * budget(f))
            fast.extend_to(k if slow.stopped else slow.steps, 0.2 * budget(f))
        target = min(k, DEMO_MAX_STEPS)
        self.behind = any(run.steps < target and not run.stopped for run in self.runs.values())
        j = 1 if len(f.theta0) > 1 else 0
        for kind, run in self.runs.items():
            kk = min(k, run.steps)
            th = run.thetas[:kk + 1]
            v.paths[kind].setData(th[:, 0], th[:, j])
            v.ends[kind].setData([th[-1, 0]], [th[-1, j]])
            it = np.arange(kk + 1)
            costs = run.costs[:kk + 1]
            v.costs[kind].setData(it, costs)
            v.dots[kind].setData([kk], [costs[-1]])
        v.start.setData([f.theta0[0]], [f.theta0[j]])
        a, b = self.runs["simultaneous"], self.runs["sequential"]
        n = min(k, a.steps, b.steps) + 1
        with np.errstate(over="ignore", invalid="ignore"):
            v.gap.setData(np.arange(n), np.linalg.norm(a.thetas[:n] - b.thetas[:n], axis=1))
        if self._text(f):
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                self._write(f, k)  # a diverging run's numbers are inf and NaN: shown as such

    def _write(self, f, k):
        v = self.view
        names = param_names(f.terms)
        parts = []
        for kind, run in self.runs.items():
            kk = min(k, run.steps)
            engine = self.engines[kind]
            theta = run.thetas[kk]
            lines = [(f"# step {kk:,} → {kk + 1:,},  α = {num(f.learning_rate)}", "#777777",
                      False)]
            lines += _update_lines(kind, theta, f.learning_rate, engine.evaluator(), names)
            set_text(v.code[kind], code_html(lines))
            parts.append((kind, kk, run))
        (_, k1, r1), (_, k2, r2) = parts
        # Compared at one step: while one form catches up (or after one diverged) the
        # code boxes are at their own steps, but "J … and J …" must be at the same one.
        kc = min(k1, k2)
        gap = float(np.linalg.norm(r1.thetas[kc] - r2.thetas[kc]))
        text = (f"Step {kc:,} of both, from the same θ⁰: J = {num(r1.costs[kc])} "
                f"(correct) and {num(r2.costs[kc])} (incorrect); the two θ are "
                f"{num(gap, 3)} apart.")
        for kind, kk, run in parts:
            if run.stopped and kk < k:
                text += f" The {'correct' if kind == 'simultaneous' else 'incorrect'} form " \
                        f"diverged at step {run.steps + 1:,}."
        if k > r1.cap:
            text += f" (The side-by-side runs stop at step {r1.cap:,}.)"
        elif min(k1, k2) < k and not (r1.stopped or r2.stopped):
            text += f" (Catching up with step {k:,}…)"
        set_text(v.summary, text)
