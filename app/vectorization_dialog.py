"""The lecture's vectorization slide, measured: the for-loop against np.dot.

The for-loop is slow on purpose (about 5 s at 500,000 points), so the timing runs
away from the GUI (``app.vectorization_timing``): a progress bar counts the examples
the loop has done, Cancel stops it at once, and closing the dialog stops it too.
"""

from __future__ import annotations

import functools
import threading

from PySide6 import QtCore, QtWidgets

from .vectorization_timing import TimingJob, snapshot

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


class _Relay(QtCore.QObject):
    """Carries the timing's news from the job's thread to the GUI thread (queued).

    Every signal starts with the number of the run it is about, so news from a run
    already cancelled is recognised and dropped.
    """

    progress = QtCore.Signal(int, int, str)  # run, examples done by the loop, what runs
    row = QtCore.Signal(int, str, object)  # run, data set, its results
    ended = QtCore.Signal(int, str)  # run, "done", "cancelled" or an error message


def _teller(relay, number, stop):
    """What the job's thread calls with each message: emit it on ``relay``."""

    def tell(message):
        kind, *args = message
        try:
            if kind == "progress":
                relay.progress.emit(number, *args)
            elif kind == "row":
                relay.row.emit(number, *args)
            else:
                relay.ended.emit(number, args[0] if kind == "error" else kind)
        except RuntimeError:  # the dialog and its relay are gone
            stop.set()

    return tell


def _stop_job(holder, *_):
    """Stop the run in ``holder`` and wait for it (the dialog or the app is going away)."""
    job = holder[0]
    if job is not None:
        job.cancel(wait=True)


class VectorizationDialog(QtWidgets.QDialog):
    """Times one epoch both ways on the current data and on 10,000 generated points."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("vectorizationDialog")
        self.setWindowTitle("Vectorization: for-loop vs np.dot")
        self.session = session
        self.results = []
        self.status = "idle"  # then "running", "done", "cancelled" or "failed"
        self.job = None
        self._holder = [None]  # the running job, for the stops below
        self._runs = 0  # the number of the current run: news of older ones is dropped
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
        self.message = QtWidgets.QLabel("Press “Time one epoch” to measure.")
        self.message.setObjectName("vectorizationMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("vectorizationProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        layout.addWidget(self.progress)
        self.table = QtWidgets.QLabel("")
        self.table.setObjectName("vectorizationResults")
        self.table.setTextFormat(QtCore.Qt.TextFormat.RichText)
        layout.addWidget(self.table)
        buttons = QtWidgets.QHBoxLayout()
        self.run_button = QtWidgets.QPushButton("Time one epoch")
        self.run_button.setObjectName("vectorizationRun")
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QtWidgets.QPushButton("Cancel")
        self.cancel_button.setObjectName("vectorizationCancel")
        self.cancel_button.setToolTip("Stop the measurement (the dialog stays open)")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.run_button, 1)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.relay = _Relay()
        queued = QtCore.Qt.ConnectionType.QueuedConnection
        self.relay.progress.connect(self._on_progress, queued)
        self.relay.row.connect(self._on_row, queued)
        self.relay.ended.connect(self._on_ended, queued)
        # Whichever way the dialog goes, its worker goes too: closed (done() below),
        # deleted with its parent, or the application quitting.
        self.destroyed.connect(functools.partial(_stop_job, self._holder))
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(functools.partial(_stop_job, self._holder))
        self.resize(900, 520)

    # -- actions ------------------------------------------------------------
    def run(self):
        """Start timing away from the GUI; returns at once (see :attr:`status`)."""
        if self.running:
            return self.results
        sets, loss = snapshot(self.session)
        self._runs += 1
        stop = threading.Event()
        self.job = TimingJob(sets, loss, _teller(self.relay, self._runs, stop), stop)
        self._holder[0] = self.job
        self.results = []
        self.status = "running"
        self.progress.setRange(0, self.job.total)
        self._on_progress(self._runs, 0, f"the for-loop on {sets[0][0]}")
        self._show_table()
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.job.start()
        return self.results

    def cancel(self):
        """Stop the run; the dialog stays open and can measure again."""
        if not self.running:
            return
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.message.setText("Stopping…")

    def done(self, result):
        # Closing (the close box, Esc, close()) stops the run and waits for its thread
        # (at once if the run has finished).
        if self.job is not None:
            self.job.cancel(wait=True)
        if self.running:
            self._on_ended(self._runs, "cancelled")
        super().done(result)

    @property
    def running(self):
        return self.status == "running"

    # -- news from the worker -----------------------------------------------
    def _current(self, number):
        return number == self._runs and self.running

    def _on_progress(self, number, done, what):
        if not self._current(number) or self.job.stop.is_set():
            return
        total = self.job.total
        self.progress.setValue(done)
        self.progress.setFormat(f"{done:,} of {total:,} examples through the for-loop")
        self.message.setText(f"Timing {what}…")

    def _on_row(self, number, name, row):
        if self._current(number):
            self.results.append((name, row))
            self._show_table()

    def _on_ended(self, number, how):
        if not self._current(number):
            return
        self._holder[0] = None  # nothing left to stop (and no data kept for it)
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if how == "done":
            self.status = "done"
            self.progress.setValue(self.progress.maximum())
            self.message.setText("Done: one epoch timed both ways. Both give the same J, dw "
                                 "and db (last column).")
        elif how == "cancelled":
            self.status = "cancelled"
            self.message.setText("Cancelled. Press “Time one epoch” to measure again.")
        else:
            self.status = "failed"
            self.message.setText(f"The measurement failed: {how}")

    def _show_table(self):
        if not self.results:
            self.table.setText("")
            return
        # Headers and names on two lines: zoomed ×1.5 the one-line table made the dialog
        # 1,113 px wide, past a 1024 or a 1280 screen's edge.
        rows = "".join(
            f"<tr><td>{name}<br>m = {r['m']:,}</td><td align=right>{r['loop_s'] * 1e3:.2f} ms</td>"
            f"<td align=right>{r['vectorized_s'] * 1e3:.3f} ms</td>"
            f"<td align=right><b>{r['speedup']:.0f}×</b></td>"
            f"<td align=right>{r['max_difference']:.1e}</td></tr>"
            for name, r in self.results)
        self.table.setText(
            "<table cellpadding=4><tr><th>data</th><th>for-loop</th><th>vectorized</th>"
            "<th>speed-up</th><th>largest difference<br>in J, dw, db</th></tr>"
            f"{rows}</table>")
