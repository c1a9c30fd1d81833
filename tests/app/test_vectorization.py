"""The vectorization dialog (for-loop vs np.dot) times away from the GUI thread (a child
process, watched by a thread): the window stays responsive, progress grows, Cancel and
closing stop the run, results are exact.

No absolute-time assertions: a busy machine must not fail these.  Responsiveness is
shown by a QTimer on the GUI thread that keeps ticking while the timing runs.
"""

from __future__ import annotations

import contextlib
import sys
import threading

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from app.vectorization_dialog import VectorizationDialog
from app.vectorization_timing import THREAD_NAME, snapshot, time_loop
from core.model import cost_and_gradients, loop_sums, propagate_loop
from core.session import Session

from .driver import find

LEFT = QtCore.Qt.MouseButton.LeftButton
BIG = 200_000  # about 2 s of for-loop on a quiet machine
WAIT_MS = 20_000


def session_of(m, seed=0, **kwargs):
    rng = np.random.default_rng(seed)
    points = rng.standard_normal((m, 2))
    labels = (points[:, 0] + 0.5 * rng.standard_normal(m) > 0).astype(int)
    return Session(points, labels, **kwargs)


def workers():
    """The timing's threads still alive (each waits for its child process to end)."""
    return [t for t in threading.enumerate() if t.name == THREAD_NAME]


def ended(job):
    """The run's thread and its child process are both gone."""
    return not job.alive() and job.process is not None and job.process.poll() is not None


@pytest.fixture
def dialog_of(qtbot, qt_teardown):
    """Factory: a shown VectorizationDialog on ``session``, closed at teardown."""
    made = []

    def make(session):
        dialog = VectorizationDialog(session)
        qtbot.addWidget(dialog)
        made.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    yield make
    for dialog in made:
        with contextlib.suppress(RuntimeError):  # the test deleted it
            dialog.close()
    assert not workers()


class Ticker:
    """A QTimer on the GUI thread recording (run alive, progress) at every tick."""

    def __init__(self, dialog):
        self.dialog = dialog
        self.ticks = []
        self.timer = QtCore.QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self):
        job = self.dialog.job
        self.ticks.append((job is not None and job.alive(), self.dialog.progress.value()))

    def while_running(self):
        return [value for alive, value in self.ticks if alive]

    def stop(self):
        self.timer.stop()


# -- the loop in pieces is the lecture's loop --------------------------------------------


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
def test_the_loop_in_pieces_makes_exactly_the_lectures_loop(loss):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((3, 1_001))
    Y = (rng.random((1, 1_001)) < 0.5).astype(float)
    w, b = rng.standard_normal((3, 1)), 0.3
    J, dw, db = propagate_loop(w, b, X, Y, loss)
    sums = None
    for start in range(0, 1_001, 97):
        sums = loop_sums(w, b, X, Y, loss, start, min(start + 97, 1_001), sums)
    assert (sums[0] / 1_001, sums[2] / 1_001) == (J, db)
    assert np.array_equal(sums[1] / 1_001, dw)
    seen = []
    (J2, dw2, db2), seconds = time_loop(w, b, X, Y, loss, progress=seen.append)
    assert (J2, db2) == (J, db)
    assert np.array_equal(dw2, dw)
    assert sum(seen) == 1_001
    assert seconds > 0


def test_the_data_is_copied_when_the_run_starts():
    s = session_of(50)
    sets, loss = snapshot(s)
    name, w, b, X, Y = sets[0]
    assert (name, loss) == ("your points", s.loss)
    assert np.array_equal(X, s.X)
    assert not np.shares_memory(X, s.X)
    assert np.array_equal(Y, s.Y)
    assert not np.shares_memory(Y, s.Y)
    assert sets[1][0] == "10,000 generated points"


# -- in the window -------------------------------------------------------------------------


def test_the_menu_opens_it_and_a_small_run_gives_the_exact_results(qtbot, make_window):
    window = make_window(session_of(150))
    s = window.controller.session
    assert s.m == 150
    sets, loss = snapshot(s)
    action = window.findChild(QtCore.QObject, "actionVectorization")
    action.trigger()
    dialog = find(window, "vectorizationDialog", QtWidgets.QDialog)
    qtbot.waitUntil(lambda: dialog.status == "done", timeout=WAIT_MS)
    assert [name for name, _ in dialog.results] == ["your points", "10,000 generated points"]
    for (_, r), (_, w, b, X, Y) in zip(dialog.results, sets, strict=True):
        loop, vec = propagate_loop(w, b, X, Y, loss), cost_and_gradients(w, b, X, Y, loss)
        expected = max(abs(loop[0] - vec[0]), float(np.max(np.abs(loop[1] - vec[1]))),
                       abs(loop[2] - vec[2]))
        assert r["m"] == X.shape[1]
        assert r["max_difference"] == expected < 1e-12
        assert min(r["loop_s"], r["vectorized_s"], r["speedup"]) > 0
    assert "speed-up" in dialog.table.text()
    assert "Done" in dialog.message.text()
    progress = find(dialog, "vectorizationProgress", QtWidgets.QProgressBar)
    assert progress.value() == progress.maximum() == s.m + 10_000
    assert find(dialog, "vectorizationRun", QtWidgets.QPushButton).isEnabled()
    assert not find(dialog, "vectorizationCancel", QtWidgets.QPushButton).isEnabled()
    job = dialog.job
    dialog.close()
    assert ended(job)
    assert not workers()


@pytest.mark.timeout(180)
def test_at_200000_points_the_window_stays_responsive_and_progress_grows(qtbot, dialog_of):
    dialog = dialog_of(session_of(BIG))
    ticker = Ticker(dialog)
    try:
        dialog.run()
        assert dialog.status == "running"
        assert dialog.progress.maximum() == BIG + 10_000
        # The GUI thread keeps handling events while the worker is in the for-loop:
        # the timer ticks, and progress is seen growing through several values.
        qtbot.waitUntil(lambda: len(set(ticker.while_running())) >= 4, timeout=WAIT_MS)
    finally:
        ticker.stop()
    values = ticker.while_running()
    assert values == sorted(values)
    assert values[-1] > values[0]
    assert "examples through the for-loop" in dialog.progress.text()
    assert "for-loop on your points" in dialog.message.text()
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.status == "cancelled", timeout=WAIT_MS)


@pytest.mark.timeout(180)
def test_cancel_stops_the_run_and_the_dialog_stays_usable(qtbot, dialog_of):
    dialog = dialog_of(session_of(BIG))
    dialog.run()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=WAIT_MS)
    job = dialog.job
    cancel = find(dialog, "vectorizationCancel", QtWidgets.QPushButton)
    qtbot.mouseClick(cancel, LEFT)
    qtbot.waitUntil(lambda: dialog.status == "cancelled", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: ended(job), timeout=WAIT_MS)
    assert "Cancelled" in dialog.message.text()
    assert dialog.progress.value() < dialog.progress.maximum()
    assert dialog.results == []
    assert dialog.isVisible()
    # Usable again: a second run, on fewer points, goes to the end.
    run = find(dialog, "vectorizationRun", QtWidgets.QPushButton)
    assert run.isEnabled()
    assert not cancel.isEnabled()
    dialog.session = session_of(300, seed=2)
    qtbot.mouseClick(run, LEFT)
    qtbot.waitUntil(lambda: dialog.status == "done", timeout=WAIT_MS)
    assert [r["m"] for _, r in dialog.results] == [300, 10_000]


@pytest.mark.timeout(180)
def test_edits_while_it_runs_do_not_reach_the_timed_data(qtbot, dialog_of):
    s = session_of(3_000)
    dialog = dialog_of(s)
    dialog.run()
    s.set_points(np.zeros((0, 2)), np.zeros(0))  # the user deletes every point meanwhile
    qtbot.waitUntil(lambda: dialog.status == "done", timeout=WAIT_MS)
    r = dict(dialog.results)["your points"]
    assert r["m"] == 3_000
    assert r["max_difference"] < 1e-12


@pytest.mark.timeout(180)
def test_closing_while_it_runs_leaves_no_thread(qtbot, dialog_of):
    dialog = dialog_of(session_of(BIG))
    dialog.run()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=WAIT_MS)
    job = dialog.job
    dialog.close()  # ends the child process and waits for the thread
    assert ended(job)
    assert not workers()
    assert not dialog.isVisible()
    assert dialog.status == "cancelled"
    qtbot.wait(50)  # news the thread queued before it stopped is dropped quietly
    assert dialog.status == "cancelled"


@pytest.mark.timeout(180)
def test_deleting_it_with_its_parent_while_it_runs_stops_the_worker(qtbot, qt_teardown):
    parent = QtWidgets.QWidget()
    dialog = VectorizationDialog(session_of(BIG), parent)
    dialog.show()
    dialog.run()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=WAIT_MS)
    job = dialog.job
    parent.deleteLater()
    qtbot.waitUntil(lambda: ended(job), timeout=WAIT_MS)
    assert job.stop.is_set()
    assert not workers()


@pytest.mark.timeout(180)
def test_a_timing_process_that_dies_is_reported_not_waited_for(qtbot, dialog_of):
    dialog = dialog_of(session_of(BIG))
    dialog.run()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=WAIT_MS)
    job = dialog.job
    job.process.kill()  # as if the system ended it
    qtbot.waitUntil(lambda: dialog.status == "failed", timeout=WAIT_MS)
    assert "ended unexpectedly" in dialog.message.text()
    assert "exit code -9" in dialog.message.text() or sys.platform == "win32"
    qtbot.waitUntil(lambda: ended(job), timeout=WAIT_MS)
    assert find(dialog, "vectorizationRun", QtWidgets.QPushButton).isEnabled()


@pytest.mark.parametrize("zoom", [1.0, 1.52])
def test_its_results_fit_a_1024_screen_zoomed(qtbot, make_window, zoom):
    """Zoomed ×1.52 (three Ctrl+=) the dialog grew from 900 to 1,113 px once its results
    came: its right edge was off a 1024 and a 1280 screen."""
    window = make_window(session_of(150))
    window.appearance.set_zoom(zoom)
    window.findChild(QtCore.QObject, "actionVectorization").trigger()
    dialog = find(window, "vectorizationDialog", QtWidgets.QDialog)
    qtbot.waitUntil(lambda: dialog.status == "done", timeout=WAIT_MS)
    qtbot.wait(20)
    need = max(dialog.width(), dialog.sizeHint().width(), dialog.minimumSizeHint().width())
    assert need <= 1024, f"zoom {zoom}: the dialog needs {need} px"
    dialog.close()
