"""Slide "until convergence": the lecture's two stopping tests, ‖dw‖ ≤ ε and
‖W^{t+1} − W^t‖₂ ≤ ε, both numbers at the step shown (live, or the one scrubbed to), and
the step-size trap at a tiny α."""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from core.descent import GradientDescent

from .lecture_common import Throttle, button, label, num, number_box, set_text, small_plot
from .theme import BLUE, GREEN, PURPLE, RED

INTRO = ("The lecture gives two convergence conditions: the gradient test ‖dw‖ ≤ ε (dw with db) "
         "and the step test ‖Wᵗ⁺¹ − Wᵗ‖₂ ≤ ε. For the simultaneous update Wᵗ⁺¹ − Wᵗ = −α·dw, "
         "so ‖Wᵗ⁺¹ − Wᵗ‖ = α·‖dw‖: the step test is the gradient test with ε/α in place of ε.")
TRAP_STEPS = 20_000  # the gradient test's run in the trap demonstration, at most
TRAP_BUDGET_S = 1.0


def trap(X, Y, theta0, alpha, tol, *, loss="cross_entropy", l2=0.0, feature_scale=None,
         good_alpha=None):
    """Both tests from θ⁰ at a tiny α, and the minimum for comparison.

    Returns a dict: ``step`` (steps, J, ‖dw‖ where the step test stopped), ``gradient``
    (steps, J, ‖dw‖, converged of the gradient test's run, at most TRAP_STEPS) and
    ``best`` (J reached with ``good_alpha``, or None).
    """
    opts = dict(loss=loss, l2=l2, feature_scale=feature_scale)
    out = {}
    deadline = time.perf_counter() + TRAP_BUDGET_S
    for stop in ("step", "gradient"):
        e = GradientDescent(X, Y, theta0[1:], theta0[0], learning_rate=alpha, tol=tol,
                            stop=stop, **opts)
        while e.iteration < TRAP_STEPS and not e.converged and e.diverged_at is None:
            e.step(min(2000, TRAP_STEPS - e.iteration))
            if time.perf_counter() > deadline:
                break
        out[stop] = {"steps": e.iteration, "J": e.cost, "grad_norm": e.grad_norm,
                     "converged": e.converged, "curve": e.history.curve()}
    out["best"] = None
    if good_alpha and math.isfinite(good_alpha):
        e = GradientDescent(X, Y, theta0[1:], theta0[0], learning_rate=good_alpha, tol=tol,
                            **opts)
        while e.iteration < TRAP_STEPS and not e.converged and e.diverged_at is None:
            e.step(2000)
            if time.perf_counter() > deadline + TRAP_BUDGET_S:
                break
        if e.diverged_at is None:
            out["best"] = {"alpha": good_alpha, "J": e.cost, "steps": e.iteration,
                           "converged": e.converged, "curve": e.history.curve()}
    return out


def trap_text(result, alpha, tol):
    s, g, best = result["step"], result["gradient"], result["best"]
    ratio = s["grad_norm"] / tol if tol > 0 else math.inf
    text = (f"At α = {num(alpha)} the step test stops after {s['steps']:,} "
            f"step{'s' if s['steps'] != 1 else ''} with J = {num(s['J'])}, although "
            f"‖dw‖ = {num(s['grad_norm'])} is {num(ratio, 3)} × ε there. ")
    if g["converged"]:
        text += f"The gradient test runs on to step {g['steps']:,} (J = {num(g['J'])}). "
    else:
        text += (f"The gradient test does not stop: after {g['steps']:,} steps J = "
                 f"{num(g['J'])} and ‖dw‖ = {num(g['grad_norm'])}. ")
    if best is not None:
        how = "stops" if best["converged"] else "is still going"
        text += (f"For comparison, α = {num(best['alpha'], 3)} with the gradient test {how} "
                 f"after {best['steps']:,} steps at J = {num(best['J'])}.")
    return text


class StopSlide(QtWidgets.QWidget):
    """Passive. Signals go out through its controls: ``gradient`` / ``step`` (the test),
    ``epsilon``, ``trap_alpha``, ``trap_run`` (compute the trap here) and ``trap_main``
    (show it on the main run)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slideStop")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(label("stopIntro", INTRO))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(label("stopWhenLabel", "Stop when", wrap=False))
        self.gradient = QtWidgets.QRadioButton("‖dw‖ ≤ ε")
        self.gradient.setObjectName("stopGradient")
        self.step = QtWidgets.QRadioButton("‖Wᵗ⁺¹ − Wᵗ‖₂ ≤ ε")
        self.step.setObjectName("stopStep")
        group = QtWidgets.QButtonGroup(self)
        group.addButton(self.gradient)
        group.addButton(self.step)
        self.gradient.setChecked(True)
        row.addWidget(self.gradient)
        row.addWidget(self.step)
        row.addSpacing(12)
        row.addWidget(label("stopEpsilonLabel", "ε =", wrap=False))
        self.epsilon = number_box("stopEpsilon", 0.0, 1.0, tip="ε of the test in use")
        row.addWidget(self.epsilon)
        row.addStretch(1)
        layout.addLayout(row)
        self.grad_norm = label("stopGradNorm", rich=True)
        self.step_norm = label("stopStepNorm", rich=True)
        self.relation = label("stopRelation")
        for w in (self.grad_norm, self.step_norm, self.relation):
            layout.addWidget(w)
        trap_box = QtWidgets.QGroupBox("The step-size trap")
        trap_box.setObjectName("stopTrapBox")
        tl = QtWidgets.QVBoxLayout(trap_box)
        trow = QtWidgets.QHBoxLayout()
        trow.addWidget(label("stopTrapAlphaLabel", "A tiny α =", wrap=False))
        self.trap_alpha = number_box("stopTrapAlpha", 1e-8, 10.0, 1e-4)
        trow.addWidget(self.trap_alpha)
        self.trap_run = button("Run both tests from θ⁰", "stopTrapRun",
                               "Two runs from θ⁰ at this α: one stopped by each test")
        self.trap_main = button("Show it on the main run", "stopTrapMain",
                                "The main run from θ⁰ at this α with the step test: "
                                "watch it stop at once")
        trow.addWidget(self.trap_run)
        trow.addWidget(self.trap_main)
        trow.addStretch(1)
        tl.addLayout(trow)
        self.trap_result = label("stopTrapResult")
        tl.addWidget(self.trap_result)
        self.trap_plot = small_plot("stopTrapPlot", "step", "J")
        self.trap_plot.setLogMode(x=True, y=False)
        self.trap_plot.legend()
        self.trap_curves = {
            "step": self.trap_plot.plot(pen=pg.mkPen(RED, width=3), symbol="o", symbolSize=7,
                                        symbolBrush=RED, name="tiny α, step test"),
            "gradient": self.trap_plot.plot(pen=pg.mkPen(BLUE, width=2), name="tiny α, ‖dw‖ test"),
            "best": self.trap_plot.plot(pen=pg.mkPen(PURPLE, width=2), name="larger α, ‖dw‖ test"),
        }
        self.trap_plot.hide()  # until the trap has been run
        tl.addWidget(self.trap_plot, 1)
        layout.addWidget(trap_box, 1)


class StopPresenter:
    """Both numbers of the step shown, which test holds, and the trap on demand."""

    def __init__(self, view):
        self.view = view
        self.last = None
        self._text = Throttle()
        view.trap_run.clicked.connect(self.run_trap)

    def draw(self, f):
        self.last = f
        v = self.view
        with QtCore.QSignalBlocker(v.gradient), QtCore.QSignalBlocker(v.step), \
                QtCore.QSignalBlocker(v.epsilon):
            (v.step if f.stop == "step" else v.gradient).setChecked(True)
            if v.epsilon.value() != f.tol and not v.epsilon.hasFocus():
                v.epsilon.setValue(f.tol)
        if not self._text(f):
            return
        eps = f.tol
        active = {"gradient": f.stop == "gradient", "step": f.stop == "step"}
        shown = f.shown
        # A step looked back at (the history slider) may not have both numbers recorded.
        unknown = shown.scrubbed and f.m > 0
        for key, lab, value, name in (("gradient", v.grad_norm, shown.grad_norm, "‖dw‖"),
                                      ("step", v.step_norm, shown.step_norm, "‖Wᵗ⁺¹ − Wᵗ‖₂")):
            set_text(lab, _measure(name, value, eps, active[key],
                                   unknown and (key == "gradient" or shown.iteration > 0)))
        alpha = f.learning_rate
        if f.m == 0:
            rel = "No points yet."
        else:
            rel = (f"α = {num(alpha)}: ‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε = {num(eps)} holds once ‖dw‖ ≤ ε/α = "
                   f"{num(eps / alpha if alpha else math.inf)}")
            if f.update == "sequential":
                rel += " (about: the sequential update takes each ∂J at a different θ)"
            rel += "."
            if eps / alpha > 10 * eps and eps > 0:
                rel += (" With α < 1 that is a weaker test than ‖dw‖ ≤ ε: the step test can "
                        "stop while the gradient is still large.")
        set_text(v.relation, rel)

    def run_trap(self):
        f = self.last
        v = self.view
        if f is None or f.m == 0 or len(np.unique(f.labels)) < 2:
            set_text(v.trap_result, "Add points of both classes first.")
            return
        alpha = v.trap_alpha.value()
        eps = f.tol if f.tol > 0 else 1e-4
        good = 0.5 * f.alpha_star if math.isfinite(f.alpha_star) and f.alpha_star > 0 else None
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            result = trap(f.X, f.Y, f.theta0, alpha, eps, loss=f.loss, l2=f.l2,
                          feature_scale=f.scaler.scale[:, 0], good_alpha=good)
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self.result = result
        set_text(v.trap_result, trap_text(result, alpha, eps))
        v.trap_plot.setLabel("bottom", "step + 1 (log scale)")
        v.trap_plot.show()
        for key, curve in v.trap_curves.items():
            run = result.get(key)
            if run is None:
                curve.setData([], [])
            else:
                it, cost = run["curve"]
                curve.setData(it + 1.0, cost)
        v.trap_plot.enableAutoRange()
        return result


def _measure(name, value, eps, active, unrecorded=False):
    """``unrecorded``: a None value is a number the history did not keep, not a step
    not taken yet."""
    if value is None:
        body = f"{name} = —"
        verdict = ("(not recorded for this step)" if unrecorded
                   else "(no step yet)" if name != "‖dw‖" else "")
    else:
        holds = value <= eps
        sign = "≤" if holds else ">"
        colour = GREEN if holds else RED
        verdict = (f"<span style='color:{colour}'><b>{sign} ε</b></span>"
                   + (" — converged" if holds and active else ""))
        body = f"{name} = <b>{num(value)}</b>"
    tag = "  ◀ the test in use" if active else ""
    return f"{body} {verdict}{tag}"
