"""Slide "Vectorizing logistic regression": every array of one epoch with its shape for
the current n_x and m, and the numbers of its first few columns, live."""

from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from core.features import TERM_LABELS
from core.model import sigmoid

from .lecture_common import MONO, TOP_LEFT, Throttle, esc, label, num, set_text
from .theme import PURPLE

COLUMNS = 4  # examples shown
ROWS = 4  # features shown
INTRO = ("One epoch of the vectorized loop on your points, at the θ on screen. X holds one "
         "example per column; b is one number that numpy broadcasts to [b, b, …, b]. "
         "The first columns are shown; the shapes are the real ones.")


def _row(values, more):
    cells = ", ".join(num(v, 3) for v in values)
    return f"[{cells}{', …' if more else ''}]"


def _matrix(M, rows=ROWS, cols=COLUMNS):
    """A (r, c) array as '[[a, b, …], [c, d, …], ⋮]' lines (HTML); a column vector
    (c = 1) on one line, '[[a], [b], …]', so it does not take a line per entry."""
    r, c = M.shape
    more = f"{r - rows} more row{'s' if r - rows > 1 else ''}"
    if c == 1:
        cells = ", ".join(f"[{num(v, 3)}]" for v in M[:rows, 0])
        return f"[{cells}{', … ' + more if r > rows else ''}]"
    lines = [_row(M[i, :cols], c > cols) for i in range(min(r, rows))]
    text = "[" + ",<br>&nbsp;".join(lines)
    if r > rows:
        text += f",<br>&nbsp;⋮ {more}"
    return text + "]"


def shapes_html(X, Y, w, b, terms, standardized):
    """The table of the slide for features X (n_x, m), labels Y (1, m) and θ = (w, b)."""
    n_x, m = X.shape
    cols = min(COLUMNS, m)
    with np.errstate(over="ignore", invalid="ignore"):
        Z = w.T @ X + b
        A = sigmoid(np.nan_to_num(Z))
        dZ = A - Y
        dw = X @ dZ.T / m
        db = float(np.sum(dZ)) / m
    feats = ", ".join(TERM_LABELS[t] for t in terms[:6]) + (", …" if n_x > 6 else "")
    scaled = " (standardized: what descent runs on)" if standardized else ""
    rows = [
        ("X", f"({n_x}, {m})", "(n_x, m): one column per example, rows " + esc(feats) + scaled,
         _matrix(X)),
        ("Y", f"(1, {m})", "(1, m): the labels", _matrix(Y)),
        ("w", f"({n_x}, 1)", "(n_x, 1) = np.random.randn(n_x, 1) at the start", _matrix(w, cols=1)),
        ("b", "()", "a number", num(b)),
        ("Z = np.dot(w.T, X) + b", f"(1, {m})",
         f"w.T (1, {n_x}) · X ({n_x}, {m}) → (1, {m}); + b broadcast to [b, b, …, b] (1, {m})",
         _matrix(Z)),
        ("A = σ(Z)", f"(1, {m})", "element by element", _matrix(A)),
        ("dZ = A − Y", f"(1, {m})", "dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾", _matrix(dZ)),
        ("dw = np.dot(X, dZ.T) / m", f"({n_x}, 1)",
         f"X ({n_x}, {m}) · dZ.T ({m}, 1) → ({n_x}, 1)", _matrix(dw, cols=1)),
        ("db = np.sum(dZ) / m", "()", "a number", num(db)),
    ]
    head = ("<tr><th align=left>code</th><th align=left>shape</th><th align=left>why</th>"
            f"<th align=left>first {cols} column{'s' if cols != 1 else ''}</th></tr>")
    mono = f"<span style=\"font-family:{MONO}\">"
    body = "".join(
        f"<tr><td>{mono}<span style='color:{PURPLE}'><b>{esc(code)}</b></span></span></td>"
        f"<td>{mono}<b>{shape}</b></span></td><td>{why}</td>"
        f"<td>{mono}{values}</span></td></tr>"
        for code, shape, why, values in rows)
    return f"<table cellspacing=0 cellpadding=5 border=0>{head}{body}</table>"


class ShapesSlide(QtWidgets.QWidget):
    """Passive: the headline n_x, m and the table of arrays."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("slideShapes")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(label("shapesIntro", INTRO))
        self.headline = label("shapesHeadline")
        layout.addWidget(self.headline)
        self.table = label("shapesTable", rich=True)
        self.table.setAlignment(TOP_LEFT)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("shapesScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(self.table)
        layout.addWidget(scroll, 1)



class ShapesPresenter:
    """Computes Z, A, dZ, dw, db at the θ shown (at most ten times a second while playing)."""

    def __init__(self, view):
        self.view = view
        self._text = Throttle()

    def draw(self, f):
        if not self._text(f):
            return
        v = self.view
        n_x = len(f.terms)
        if f.m == 0:
            set_text(v.headline, f"n_x = {n_x} features, m = 0 examples: add points.")
            set_text(v.table, "")
            return
        set_text(v.headline, f"n_x = {n_x} feature{'s' if n_x != 1 else ''}, m = {f.m:,} "
                             f"examples, step {f.shown.iteration:,}")
        theta = f.shown.theta
        set_text(v.table, shapes_html(f.X, f.Y, theta[1:].reshape(-1, 1), float(theta[0]),
                                      f.terms, f.standardize))
