"""Slide "What's wrong with the code?": the lecture's loop with the accumulators set to 0
once, before Repeat, running next to the fixed loop, with the fix highlighted."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from core.loops import LectureLoop
from core.model import cost_and_gradients

from .lecture_common import Throttle, code_html, label, num, set_text, small_plot
from .lecture_runs import DEMO_MAX_STEPS, budget, heavy, same_key
from .theme import GREEN, RED

INTRO = ("The lecture's loop as written, on your points from the run's θ⁰, one Repeat per step "
         "of the main run. Left: J = 0; dw = 0; db = 0 stands before Repeat, so the sums are "
         "never reset: dw_t = (true gradient) + dw_(t−1)/m. Right: the fix.")


def _names(n_x):
    """('dw1; dw2', 'x1⁽ⁱ⁾·dz⁽ⁱ⁾' lines) for n_x weights, shortened beyond two."""
    if n_x <= 2:
        return [f"dw{j + 1}" for j in range(n_x)]
    return ["dw1", f"… dw{n_x}"]


def loop_code(n_x, fixed):
    """The slide's loop as (text, colour, bold) lines; the init line where it stands."""
    dws = _names(n_x)
    zero = "J = 0; " + "; ".join(f"{d} = 0" for d in dws) + "; db = 0"
    ws = ", ".join(f"w{j + 1}" for j in range(min(n_x, 2))) + (", …" if n_x > 2 else "")
    acc = "; ".join(f"{d} += x{d[-1]}⁽ⁱ⁾·dz⁽ⁱ⁾" if not d.startswith("…") else "…" for d in dws)
    div = "J /= m; " + "; ".join(f"{d} /= m" for d in dws if not d.startswith("…")) + \
        ("; …" if n_x > 2 else "") + "; db /= m"
    upd = "; ".join(f"w{j + 1} −= α·dw{j + 1}" for j in range(min(n_x, 2))) + \
        ("; …" if n_x > 2 else "") + "; b −= α·db"
    lines = []
    if not fixed:
        lines.append((zero + "    ← once only: the bug", RED, True))
    lines += [(f"{ws}, b ← random", None, False), ("Repeat {", None, False)]
    if fixed:
        lines.append(("    " + zero + "    ← the fix", GREEN, True))
    lines += [
        ("    For i = 1 to m", None, False),
        ("        z⁽ⁱ⁾ = wᵀx⁽ⁱ⁾ + b;  a⁽ⁱ⁾ = σ(z⁽ⁱ⁾)", None, False),
        ("        J += L(a⁽ⁱ⁾, y⁽ⁱ⁾);  dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾", None, False),
        (f"        {acc};  db += dz⁽ⁱ⁾", None, False),
        (f"    {div}", None, False),
        (f"    {upd}", None, False),
        ("}", None, False),
    ]
    return lines


class LoopSlide(QtWidgets.QWidget):
    """Passive: both loops' code with their accumulators, J as each loop computes it and
    the gap between them."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slideLoop")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(label("loopIntro", INTRO))
        codes = QtWidgets.QHBoxLayout()
        self.code, self.numbers = {}, {}
        for key, title, name in ((False, "What's wrong with the code?", "loopBuggy"),
                                 (True, "Fixed: reset inside Repeat", "loopFixed")):
            box = QtWidgets.QGroupBox(title)
            box.setObjectName(name + "Box")
            bl = QtWidgets.QVBoxLayout(box)
            self.code[key] = label(name + "Code", rich=True)
            self.numbers[key] = label(name + "Numbers", rich=True)
            bl.addWidget(self.code[key])
            bl.addWidget(self.numbers[key])
            bl.addStretch(1)
            codes.addWidget(box, 1)
        layout.addLayout(codes)
        plots = QtWidgets.QHBoxLayout()
        self.cost_plot = small_plot("loopCosts", "Repeat", "J as the loop computes it")
        self.cost_plot.legend()
        self.gap_plot = small_plot("loopGap", "Repeat", "J (bug) − J (fixed)")
        self.curves = {
            False: self.cost_plot.plot(pen=pg.mkPen(RED, width=3), name="bug: never reset"),
            True: self.cost_plot.plot(pen=pg.mkPen(GREEN, width=3,
                                                   style=QtCore.Qt.PenStyle.DashLine),
                                      name="fixed"),
        }
        self.gap = self.gap_plot.plot(pen=pg.mkPen(RED, width=3))
        for c in (*self.curves.values(), self.gap):
            c.setClipToView(True)
            c.setDownsampling(auto=True, method="peak")
        plots.addWidget(self.cost_plot, 1)
        plots.addWidget(self.gap_plot, 1)
        layout.addLayout(plots, 1)
        self.summary = label("loopSummary")
        layout.addWidget(self.summary)


class _Recorded:
    """One LectureLoop and what it computed in every Repeat (J, dw, db, θ after)."""

    def __init__(self, X, Y, theta0, alpha, reset, cap=DEMO_MAX_STEPS):
        self.loop = LectureLoop(X, Y, theta0[1:], theta0[0], alpha, reset_accumulators=reset)
        p = len(theta0)
        self.J = np.empty(cap)
        self.grads = np.empty((cap, p))  # [db, dw1, …] after Repeat t (t = 1 … cap)
        self.thetas = np.empty((cap + 1, p))
        self.thetas[0] = theta0
        self.n = 0
        self.cap = cap

    def extend_to(self, k, budget_s):
        import time

        k = min(k, self.cap)
        deadline = time.perf_counter() + budget_s
        loop = self.loop
        while self.n < k:
            loop.step(1)
            self.J[self.n] = loop.J
            self.grads[self.n, 0] = loop.db
            self.grads[self.n, 1:] = loop.dw[:, 0]
            self.thetas[self.n + 1] = loop.theta
            self.n += 1
            if time.perf_counter() > deadline:
                break


class LoopPresenter:
    """Runs both loops from θ⁰ as far as the main run's step and draws them."""

    def __init__(self, view):
        self.view = view
        self.loops = None
        self._key = None
        self._text = Throttle()
        self.behind = False  # the loops have not reached the main run's step yet

    def _ensure(self, f):
        key = (f.X, f.Y, f.learning_rate, f.theta0.tobytes())
        if same_key(key, self._key):
            return
        self._key = key
        with np.errstate(over="ignore", invalid="ignore"):
            self.loops = {reset: _Recorded(f.X, f.Y, f.theta0, f.learning_rate, reset)
                          for reset in (False, True)}

    def draw(self, f):
        v = self.view
        self.behind = False
        if f.m == 0 or len(np.unique(f.labels)) < 2:
            for c in (*v.curves.values(), v.gap):
                c.setData([], [])
            set_text(v.summary, "Add points of both classes to run the two loops.")
            return
        self._ensure(f)
        k = f.shown.iteration
        bug, fix = self.loops[False], self.loops[True]
        if not heavy(f):
            with np.errstate(over="ignore", invalid="ignore"):
                bug.extend_to(k, budget(f) / 2)
                fix.extend_to(bug.n, budget(f) / 2)  # both loops at the same Repeat
        n = min(bug.n, fix.n)
        self.behind = n < min(k, DEMO_MAX_STEPS)
        it = np.arange(n)
        for reset, rec in self.loops.items():
            v.curves[reset].setData(it, rec.J[:n])
        with np.errstate(over="ignore", invalid="ignore"):
            v.gap.setData(it, self.loops[False].J[:n] - self.loops[True].J[:n])
        if self._text(f):
            self._write(f, n, k)

    def _write(self, f, n, k):
        v = self.view
        n_x = len(f.terms)
        m = f.m
        for reset, rec in self.loops.items():
            set_text(v.code[reset], code_html(loop_code(n_x, fixed=reset)))
            if n == 0:
                set_text(v.numbers[reset], "Before the first Repeat: J = 0, dw = 0, db = 0.")
                continue
            g = rec.grads[n - 1]
            parts = [f"After Repeat {n:,}: J = <b>{num(rec.J[n - 1])}</b>", f"db = {num(g[0])}"]
            parts += [f"dw{j} = {num(g[j])}" for j in range(1, min(3, len(g)))]
            text = ", ".join(parts)
            if not reset:
                theta = rec.thetas[n - 1]
                with np.errstate(over="ignore", invalid="ignore"):
                    _, dw, db = cost_and_gradients(theta[1:].reshape(-1, 1), theta[0], f.X, f.Y)
                text += (f"<br>The true ∂J/∂w1 there is {num(dw[0, 0])}: "
                         f"<span style='color:{RED}'>the leak dw1/m from the Repeats before "
                         f"is {num(g[1] - dw[0, 0])}</span>.")
            set_text(v.numbers[reset], text)
        if n:
            bug, fix = self.loops[False].J[n - 1], self.loops[True].J[n - 1]
            text = (f"Repeat {n:,}: the buggy loop says J = {num(bug)}, the fixed one "
                    f"J = {num(fix)} ({num(bug - fix, 3)} apart). Every Repeat keeps 1/m = "
                    f"1/{m:,} of the last sums: few points show it most.")
        else:
            text = "Press Play or Step: each step of the main run is one Repeat of both loops."
        if k > DEMO_MAX_STEPS:
            text += f" (The loops stop at Repeat {DEMO_MAX_STEPS:,}.)"
        elif n < k:
            text += f" (Catching up with Repeat {k:,}…)"
        set_text(v.summary, text)
