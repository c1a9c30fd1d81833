"""Edits among very many points are prepared on a thread (app/controller_edits.py).

At two million points a click held the GUI thread 0.2–1 s (features, scaling,
objective).  Now the window keeps painting the run while the new data are
prepared, and the edit lands at a step boundary.  What a user must never see:
an edit lost or applied out of order, a save without the edit just made, a
lesson opened on half its data.  The threshold is lowered here so a few hundred
points count as "very many", and a gate holds the preparation for as long as a
test needs it.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

import app.controller_edits
import core.session
from core.features import LINEAR, QUADRATIC

from .driver import all_points_shown, data_plot, data_to_viewport, iteration

M = 200


def ring(m, seed=0):
    rng = np.random.default_rng(seed)
    r = rng.uniform(0.0, 2.0, m)
    t = rng.uniform(0.0, 2 * np.pi, m)
    return np.column_stack([r * np.cos(t), r * np.sin(t)]), (r > 1).astype(int)


@pytest.fixture
def gate(monkeypatch):
    """Closed: a big edit's preparation waits on the thread until the test opens it."""
    gate = threading.Event()
    original = core.session.PreparedData

    class Gated(original):
        def __init__(self, *args, evaluator=False, **kwargs):
            if evaluator:  # the thread's preparation, not set_points' own
                assert gate.wait(20), "the gate was never opened"
            super().__init__(*args, evaluator=evaluator, **kwargs)

    monkeypatch.setattr(core.session, "PreparedData", Gated)
    monkeypatch.setattr(app.controller_edits, "BIG_EDIT", 50)
    yield gate
    gate.set()


@pytest.fixture
def big(qtbot, window, gate):
    """The window with M points (more than BIG_EDIT), quadratic features, playing."""
    c = window.controller
    points, labels = ring(M)
    gate.set()
    c.replace_points(points, labels, "ring")
    c.finish_edits()
    c.set_terms(QUADRATIC)
    c.set_tolerance(0.0)  # a run that never stops by itself, however slow the machine
    c.set_view((-3, 3, -3, 3))
    gate.clear()
    return window


def open_soon(gate, seconds=0.3):
    threading.Timer(seconds, gate.set).start()


def status_message(window):
    return window.statusBar().currentMessage()


def test_a_click_returns_at_once_and_descent_goes_on_until_its_data_land(qtbot, big, gate):
    c = big.controller
    c.set_playing(True)
    qtbot.mouseClick(data_plot(big).viewport(), Qt.MouseButton.LeftButton,
                     pos=data_to_viewport(big, 0.5, 0.25))
    assert c.session.m == M, "the click waited for its features on the GUI thread"
    assert len(c.points) == M + 1, "the edit is not the data the window works from"
    assert status_message(big) == f"Applying the edit to {M + 1:,} points…"
    before = iteration(big)
    qtbot.waitUntil(lambda: iteration(big) > before + 5, timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: c.session.m == M + 1, timeout=5000)
    shown = all_points_shown(big)
    assert len(shown) == M + 1
    assert np.any(np.all(np.abs(shown - [0.5, 0.25]) < 0.05, axis=1)), "the new point is not drawn"
    assert status_message(big) == ""
    c.set_playing(False)


def test_edits_made_while_one_is_prepared_all_land_in_order(qtbot, big, gate):
    c = big.controller
    points, labels = c.session.points.copy(), c.session.labels.copy()
    c.add_point(0.1, 0.2, 1)
    c.add_point(-0.3, 0.4, 0)
    c.delete_point(0)
    c.undo_stack.undo()  # the delete
    c.add_point(0.7, -0.7, 1)
    assert c.session.m == M, "an edit landed before its features were prepared"
    want = np.vstack([points, [[0.1, 0.2], [-0.3, 0.4], [0.7, -0.7]]])
    np.testing.assert_array_equal(c.points, want)
    open_soon(gate)
    c.set_terms(LINEAR)  # another change: lands after the edits, not before
    np.testing.assert_array_equal(c.session.points, want)
    np.testing.assert_array_equal(c.session.labels, np.append(labels, [1, 0, 1]))
    assert c.session.terms == LINEAR
    qtbot.wait(50)  # the superseded preparations' late replies change nothing
    np.testing.assert_array_equal(c.session.points, want)
    while c.undo_stack.canUndo() and c.undo_stack.undoText() != "ring":
        c.undo_stack.undo()
    c.finish_edits()
    np.testing.assert_array_equal(c.session.points, points)


def test_a_save_while_an_edit_is_prepared_holds_the_edit(qtbot, big, gate):
    c = big.controller
    c.add_point(1.25, -0.5, 0)
    open_soon(gate)
    lesson = c.lesson()
    assert len(lesson.points) == M + 1
    np.testing.assert_array_equal(lesson.points[-1], [1.25, -0.5])
    assert lesson.labels[-1] == 0


def test_a_drag_among_many_points_moves_the_point_once_it_lands(qtbot, big, gate):
    c = big.controller
    editor = c.editor
    x, y = c.session.points[7]
    editor.drag_start(x, y)
    for k in range(1, 6):
        editor.drag_to(x + 0.05 * k, y)
    editor.drag_finish(x + 0.25, y)
    gate.set()
    c.finish_edits()
    np.testing.assert_allclose(c.session.points[7], [x + 0.25, y])
    assert c.undo_stack.undoText() == "Move point"
    c.undo_stack.undo()
    c.finish_edits()
    np.testing.assert_allclose(c.session.points[7], [x, y])


def test_a_lesson_opened_among_many_points_starts_on_all_its_data(qtbot, big, gate):
    c = big.controller
    lesson = c.lesson()
    lesson.points, lesson.labels = ring(3 * M, seed=5)
    c.load_lesson(lesson)  # a compound change: its points land at once, no waiting
    assert c.session.m == 3 * M
    assert c.session.engine.iteration == 0
    assert not status_message(big)


def test_closing_while_an_edit_is_prepared_lands_it_first(qtbot, big, gate):
    """A signal's autosave is written after the controller shuts down: the edit made
    just before must be in it."""
    c = big.controller
    c.add_point(0.0, 0.0, 1)
    open_soon(gate)
    c.shutdown()
    assert c.session.m == M + 1
    np.testing.assert_array_equal(c.lesson().points[-1], [0.0, 0.0])


def test_a_drag_moves_while_it_is_prepared_with_one_preparation_at_a_time(qtbot, big, gate):
    c = big.controller
    editor = c.editor
    x, y = c.session.points[3]
    editor.drag_start(x, y)
    for k in range(1, 6):
        editor.drag_to(x + 0.1 * k, y)
        qtbot.wait(5)
    preparing = [t for t in threading.enumerate() if t.name == "big edit"]
    assert len(preparing) == 1, f"{len(preparing)} preparations at once (memory: one each)"
    gate.set()
    # The first move lands, then the newest is prepared and lands: the point moves
    # before the mouse is released.
    qtbot.waitUntil(lambda: c.session.points[3][0] == x + 0.5, timeout=5000)
    assert status_message(big) == ""
    editor.drag_finish(x + 0.5, y)
    c.finish_edits()
    assert c.undo_stack.undoText() == "Move point"


def test_an_edit_that_lands_at_once_overtakes_one_being_prepared(qtbot, window, gate):
    """Few points, a big import prepared, then Undo at once: the undo lands (few points
    again), the import's late preparation is ignored, and nothing says "Applying"."""
    c = window.controller
    few, few_labels = ring(10, seed=3)
    gate.set()
    c.replace_points(few, few_labels, "few")
    gate.clear()
    c.replace_points(*ring(M, seed=4), "import")
    assert status_message(window) == f"Applying the edit to {M:,} points…"
    c.undo_stack.undo()
    np.testing.assert_array_equal(c.session.points, few)
    gate.set()
    qtbot.waitUntil(lambda: c._preparing is None, timeout=5000)
    qtbot.wait(20)
    np.testing.assert_array_equal(c.session.points, few)
    assert status_message(window) == ""
    c.undo_stack.redo()
    c.finish_edits()
    assert c.session.m == M


def test_clear_and_play_right_after_a_big_import_act_on_it(qtbot, window, gate):
    c = window.controller
    c.set_tolerance(0.0)  # never converges by itself: Play stays down however slow the machine
    c.replace_points(*ring(M, seed=6), "import")  # into the empty window, prepared
    assert c.session.m == 0
    open_soon(gate)
    c.set_playing(True)
    assert c.playing and c.session.m == M, "Play was refused: the import had not landed"
    c.set_playing(False)
    gate.clear()
    c.undo_stack.undo()
    c.replace_points(*ring(M, seed=7), "import again")
    c.clear_points()
    open_soon(gate)
    c.finish_edits()
    assert c.session.m == 0, "Clear did nothing while the import was being prepared"


def test_the_density_image_of_a_big_edit_is_counted_on_its_thread(qtbot, big, gate, monkeypatch):
    """Beyond DENSE_POINTS the data plot draws a density image; its counts (130 ms at
    two million points) are made on the edit's thread, and give the same image."""
    import app.data_plot

    c = big.controller
    plot = data_plot(big)
    monkeypatch.setattr(app.data_plot, "DENSE_POINTS", 100)
    counted_on = []
    original = app.data_plot._class_counts

    def spy(*args):
        counted_on.append(threading.current_thread().name)
        return original(*args)

    monkeypatch.setattr(app.data_plot, "_class_counts", spy)
    gate.set()
    c.add_point(0.5, 0.5, 1)
    c.finish_edits()
    assert plot.density.isVisible()
    assert counted_on == ["big edit"], f"counted on {counted_on}"
    image = plot.density.image.copy()
    plot._draw_density()  # the same view and points, counted here
    assert counted_on[-1] == "MainThread"
    np.testing.assert_array_equal(plot.density.image, image)


def test_an_autosave_due_while_an_edit_is_prepared_waits_for_it(qtbot, big, gate):
    """The autosave's timer must not land the edit on the GUI thread (a drag at two
    million points held the window 0.2-0.4 s); the edit, once landed, is autosaved."""
    from core.lesson import read_lesson

    c = big.controller
    saver = c.autosave
    saver.timer.setInterval(1)
    writes = saver.writes
    c.add_point(-1.0, 1.5, 1)
    saver.schedule()
    qtbot.wait(50)
    assert c.session.m == M, "the autosave landed the edit on the GUI thread"
    assert saver.writes == writes
    gate.set()
    qtbot.waitUntil(lambda: saver.writes > writes, timeout=5000)
    saver.wait(timeout=10)
    lesson = read_lesson(str(saver.path))
    assert len(lesson.points) == M + 1


def test_an_autosave_due_while_an_overtaken_preparation_runs_is_still_written(
        qtbot, window, gate):
    """A big import prepared, Undo and a click landing at once (few points): the
    import's preparation, still running, lands nothing and asks for nothing; the
    autosave due meanwhile must still come, holding the click."""
    from core.lesson import read_lesson

    c = window.controller
    saver = c.autosave
    few, few_labels = ring(10, seed=8)
    gate.set()
    c.replace_points(few, few_labels, "few")
    gate.clear()
    saver.timer.setInterval(1)
    c.replace_points(*ring(M, seed=9), "import")
    c.undo_stack.undo()
    c.add_point(0.25, 0.75, 1)  # lands at once: 11 points
    assert c.session.m == 11
    qtbot.wait(50)  # the autosave came due while the import's preparation ran
    gate.set()
    qtbot.waitUntil(lambda: not c.edits_pending, timeout=5000)
    qtbot.waitUntil(lambda: not saver.stale, timeout=5000)
    saver.wait(timeout=10)
    assert len(read_lesson(str(saver.path)).points) == 11
