"""The lecture's vectorization slide, measured: the for-loop against np.dot."""

from __future__ import annotations

import time

import numpy as np
from PySide6 import QtCore, QtWidgets

from core.model import cost_and_gradients, propagate_loop

LOOP_CODE = """J = 0; dw = zeros(n_x); db = 0
for i in range(m):
    z = b
    for j in range(n_x):
        z += w[j] * x[j, i]
    a = sigmoid(z)
    J += -(y[i]*log(a) + (1-y[i])*log(1-a))
    dz = a - y[i]
    for j in range(n_x):
        dw[j] += x[j, i] * dz
    db += dz
J /= m; dw /= m; db /= m"""

VECTOR_CODE = """Z = np.dot(w.T, X) + b
A = sigmoid(Z)
J = -np.sum(Y*np.log(A) + (1-Y)*np.log(1-A)) / m
dZ = A - Y
dw = np.dot(X, dZ.T) / m
db = np.sum(dZ) / m"""


def time_both(w, b, X, Y, loss="cross_entropy", repeats=3):
    """Seconds per epoch of each implementation, and the largest gradient difference."""
    start = time.perf_counter()
    loop = propagate_loop(w, b, X, Y, loss)
    t_loop = time.perf_counter() - start
    vec = cost_and_gradients(w, b, X, Y, loss)
    t_vec = min(_timed(cost_and_gradients, w, b, X, Y, loss) for _ in range(max(repeats, 1) * 10))
    diff = max(abs(loop[0] - vec[0]), float(np.max(np.abs(loop[1] - vec[1]))),
               abs(loop[2] - vec[2]))
    return {"m": X.shape[1], "loop_s": t_loop, "vectorized_s": t_vec,
            "speedup": t_loop / max(t_vec, 1e-12), "max_difference": diff}


def _timed(f, *args):
    start = time.perf_counter()
    f(*args)
    return time.perf_counter() - start


class VectorizationDialog(QtWidgets.QDialog):
    """Times one epoch both ways on the current data and on 10,000 generated points."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("vectorizationDialog")
        self.setWindowTitle("Vectorization: for-loop vs np.dot")
        self.session = session
        self.results = []
        layout = QtWidgets.QVBoxLayout(self)
        codes = QtWidgets.QHBoxLayout()
        for title, code in (("The lecture's for-loop", LOOP_CODE), ("Vectorized", VECTOR_CODE)):
            box = QtWidgets.QGroupBox(title)
            bl = QtWidgets.QVBoxLayout(box)
            text = QtWidgets.QPlainTextEdit(code)
            text.setReadOnly(True)
            text.setStyleSheet("font-family: monospace;")
            bl.addWidget(text)
            codes.addWidget(box)
        layout.addLayout(codes)
        self.table = QtWidgets.QLabel("Press “Time one epoch” to measure.")
        self.table.setObjectName("vectorizationResults")
        self.table.setTextFormat(QtCore.Qt.TextFormat.RichText)
        layout.addWidget(self.table)
        self.run_button = QtWidgets.QPushButton("Time one epoch")
        self.run_button.setObjectName("vectorizationRun")
        self.run_button.clicked.connect(self.run)
        layout.addWidget(self.run_button)
        self.resize(900, 520)

    def data_sets(self):
        s = self.session
        theta = s.theta
        w, b = theta[1:].reshape(-1, 1), float(theta[0])
        sets = []
        if s.m:
            sets.append(("your points", w, b, s.X, s.Y))
        rng = np.random.default_rng(0)
        n_x = max(len(s.terms), 1)
        X = rng.standard_normal((n_x, 10_000))
        Y = (rng.random((1, 10_000)) < 0.5).astype(float)
        sets.append(("10,000 generated points", w, b, X, Y))
        return sets

    def run(self):
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            self.results = [(name, time_both(w, b, X, Y, self.session.loss))
                            for name, w, b, X, Y in self.data_sets()]
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        rows = "".join(
            f"<tr><td>{name} (m = {r['m']:,})</td><td align=right>{r['loop_s'] * 1e3:.2f} ms</td>"
            f"<td align=right>{r['vectorized_s'] * 1e3:.3f} ms</td>"
            f"<td align=right><b>{r['speedup']:.0f}×</b></td>"
            f"<td align=right>{r['max_difference']:.1e}</td></tr>"
            for name, r in self.results)
        self.table.setText(
            "<table cellpadding=4><tr><th>data</th><th>for-loop</th><th>vectorized</th>"
            f"<th>speed-up</th><th>largest difference in J, dw, db</th></tr>{rows}</table>")
        return self.results
