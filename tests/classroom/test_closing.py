"""Closing with unsaved work asks Save / Close without saving / Cancel (issue 16, case 1).

The window's ×, Ctrl+Q and File ▸ Quit each ask when something would be
lost (the points since the lesson was opened or saved, or its setup: the
features, standardization, loss, α, ε), and only then:

* Cancel keeps the window open, with its points and its autosave;
* Save writes the lesson it came from, or asks where for an untitled one
  (cancelling that dialog, or a save that fails, keeps the window open);
* Close without saving closes and deletes the autosave.

Nothing to lose: no question.  A close from code (nobody to answer) asks
nothing and keeps the unsaved work for the next start.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from app import autosave
from app.file_ui import Folders
from core.lesson import Lesson, read_lesson, write_lesson

from .dialogs import Button, answer_close, press_window_x
from .support import message_boxes, points_and_labels, same_data

Qt = QtCore.Qt


@pytest.fixture
def lesson_file(tmp_path):
    rng = np.random.default_rng(4)
    points = rng.normal(size=(12, 2))
    lesson = Lesson(points=points, labels=(points[:, 0] > 0).astype(int), learning_rate=0.3,
                    title="Monday")
    path = tmp_path / "monday.logitlab.json"
    write_lesson(path, lesson)
    return path


def quit_(window):
    """File ▸ Quit, the menu entry Ctrl+Q also triggers."""
    action = next(a for a in window.actions() if a.objectName() == "actionQuit")
    action.trigger()


def edited(window):
    """The window with its first preset (nothing unsaved) and then two clicks (unsaved)."""
    window.preset_menu.load_first()
    assert not window.closing.unsaved()
    window.controller.add_point(0.5, 0.5, 1)
    window.controller.add_point(-0.5, 0.25, 0)
    assert window.closing.unsaved() == ["the points"]
    return window


def flush_autosave(window):
    c = window.controller
    assert c.autosave.write_now()
    c.autosave.wait()
    return c.autosave.path


def test_nothing_unsaved_closes_without_a_question(qtbot, window):
    window.preset_menu.load_first()
    path = flush_autosave(window)
    pending = answer_close(Button.Cancel)
    quit_(window)
    pending.stop()
    assert pending.seen == []
    assert not window.isVisible()
    assert window.closing.closed
    assert not path.exists()
    assert not autosave.lock_path_of(path).exists()


def test_quit_asks_and_cancel_keeps_the_window_and_the_work(qtbot, window):
    edited(window)
    path = flush_autosave(window)
    before = points_and_labels(window)
    pending = answer_close(Button.Cancel)
    quit_(window)
    assert len(pending.seen) == 1
    text = pending.seen[0]
    assert "Save this lesson before closing?" in text
    assert "Not saved yet: the points." in text
    assert "Save asks where" in text
    assert "Cancel keeps the window open" in text
    assert window.isVisible()
    assert not window.closing.closed
    assert same_data(points_and_labels(window), before)
    assert path.exists()
    assert autosave.is_held(autosave.lock_path_of(path))
    # Still a working window: the next edit is autosaved as before.
    window.controller.add_point(1.0, 1.0, 1)
    assert window.controller.autosave.timer.isActive()


def test_close_without_saving_closes_and_deletes_the_autosave(qtbot, window):
    edited(window)
    path = flush_autosave(window)
    pending = answer_close(Button.Discard)
    quit_(window)
    assert len(pending.seen) == 1
    assert "they are not offered again at the next start" in pending.seen[0]
    assert not window.isVisible()
    assert window.closing.closed
    assert not path.exists()
    assert not autosave.lock_path_of(path).exists()
    assert autosave.orphans(path.parent) == []


def test_save_writes_the_opened_lesson_then_closes(qtbot, window, lesson_file):
    assert window.files.open_path(lesson_file)
    window.controller.undo_stack.clear()
    assert not window.closing.unsaved(), "an opened lesson is not unsaved work"
    window.controller.add_point(2.0, 2.0, 1)
    path = flush_autosave(window)
    pending = answer_close(Button.Save)
    quit_(window)
    text = pending.seen[0]
    assert "Save the changes to “Monday” before closing?" in text
    assert f"Save writes them to {lesson_file}" in text
    assert not window.isVisible()
    assert window.closing.closed
    saved = read_lesson(lesson_file)
    assert len(saved.points) == 13
    assert [2.0, 2.0] in saved.points.tolist()
    assert not path.exists()


def test_save_of_an_untitled_lesson_asks_where(qtbot, window, tmp_path, monkeypatch):
    edited(window)
    target = tmp_path / "kept.logitlab.json"
    asked = []

    def ask_save(self, caption, name, file_filter):
        asked.append(name)
        return str(target)

    monkeypatch.setattr(Folders, "ask_save", ask_save)
    pending = answer_close(Button.Save)
    quit_(window)
    assert "Save this lesson before closing?" in pending.seen[0]
    assert asked == ["lesson.logitlab.json"]
    assert not window.isVisible()
    assert same_data((read_lesson(target).points, read_lesson(target).labels),
                     points_and_labels(window))


@pytest.mark.parametrize("replace", [True, False])
def test_save_over_an_existing_lesson_while_closing_asks_then_closes(qtbot, window, tmp_path,
                                                                    monkeypatch, replace):
    """Typed "week3" where week3.logitlab.json exists: the replace question opened after
    the close had already given up, so Replace saved and the window stayed open."""
    from .dialogs import answer

    edited(window)
    target = tmp_path / "week3.logitlab.json"
    write_lesson(target, Lesson(points=np.array([[0.0, 0.0], [1.0, 1.0]]),
                                labels=np.array([0.0, 1.0])))
    monkeypatch.setattr(Folders, "ask_save", lambda *a: str(tmp_path / "week3"))
    pending = answer_close(Button.Save)
    replaced = answer("replaceDialog", "Replace" if replace else Button.Cancel)
    quit_(window)
    assert len(pending.seen) == 1 and len(replaced.seen) == 1, replaced.seen
    assert "week3.logitlab.json already exists" in replaced.seen[0]
    saved = read_lesson(target)
    if replace:
        assert not window.isVisible() and window.closing.closed
        assert same_data((saved.points, saved.labels), points_and_labels(window))
    else:  # not replaced: nothing is lost, the window stays
        assert window.isVisible() and not window.closing.closed
        assert len(saved.points) == 2
        assert window.closing.unsaved() == ["the points"]


def test_a_cancelled_save_dialog_cancels_the_close(qtbot, window, monkeypatch):
    edited(window)
    monkeypatch.setattr(Folders, "ask_save", lambda *a: "")
    pending = answer_close(Button.Save)
    quit_(window)
    assert len(pending.seen) == 1
    assert window.isVisible()
    assert not window.closing.closed
    assert window.closing.unsaved() == ["the points"]


def test_a_failed_save_keeps_the_window_open_and_says_why(qtbot, window, tmp_path,
                                                          monkeypatch):
    edited(window)
    target = tmp_path / "no such folder" / "lesson.logitlab.json"
    monkeypatch.setattr(Folders, "ask_save", lambda *a: str(target))
    pending = answer_close(Button.Save)
    quit_(window)
    assert len(pending.seen) == 1
    assert window.isVisible()
    assert not window.closing.closed
    assert message_boxes(window, "fileProblemDialog")
    assert window.closing.unsaved() == ["the points"]


def test_the_window_x_asks_too(qtbot, window):
    edited(window)
    pending = answer_close(Button.Cancel)
    assert press_window_x(window) is False, "Cancel must refuse the close event"
    assert len(pending.seen) == 1
    assert window.isVisible()
    assert not window.closing.closed
    pending = answer_close(Button.Discard)
    assert press_window_x(window) is True
    assert len(pending.seen) == 1
    assert window.closing.closed


def test_ctrl_q_asks(qtbot, window):
    edited(window)
    window.activateWindow()
    window.data_plot.setFocus()
    pending = answer_close(Button.Cancel)
    qtbot.keyClick(window.data_plot, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(pending.seen) == 1, timeout=5000)
    assert window.isVisible()


def test_a_close_from_code_asks_nothing_and_keeps_the_work_for_the_next_start(qtbot, window):
    edited(window)
    expected = points_and_labels(window)
    path = window.controller.autosave.path
    pending = answer_close(Button.Cancel)
    window.close()
    pending.stop()
    assert pending.seen == [], "nobody is there to answer a close from code"
    assert window.closing.closed
    assert autosave.orphans(path.parent) == [path], "the next start must offer it"
    kept = read_lesson(path)
    assert same_data((kept.points, kept.labels), expected)


def test_a_changed_setup_counts_and_the_question_names_it(qtbot, window):
    window.preset_menu.load_first()
    c = window.controller
    c.set_learning_rate(c.session.learning_rate * 3)
    c.set_standardize(not c.session.standardize)
    assert window.closing.unsaved() == ["standardization", "α"]
    pending = answer_close(Button.Cancel)
    quit_(window)
    assert "Not saved yet: standardization and α." in pending.seen[0]
    # Playing, stepping and a new random start are the run, not the lesson.
    c.set_standardize(not c.session.standardize)
    c.multiply_learning_rate(1 / 3)
    c.session.step(30)
    c.reset_new()
    assert window.closing.unsaved() in ([], ["α"])  # α × 3 ÷ 3 may not round-trip exactly


def test_what_is_not_unsaved_work(qtbot, window, lesson_file, tmp_path):
    c = window.controller
    closing = window.closing
    window.preset_menu.load(1)  # a preset onto nothing unsaved
    assert closing.unsaved() == []
    assert window.files.open_path(lesson_file)  # a lesson opened
    assert closing.unsaved() == []
    c.add_point(3.0, 3.0, 1)
    assert closing.unsaved() == ["the points"]
    c.undo_stack.undo()  # back to the file's points
    assert closing.unsaved() == []
    table = tmp_path / "marks.csv"
    table.write_text("x1,x2,y\n1,2,1\n2,1,0\n3,3,1\n0,0,0\n", encoding="utf-8")
    assert window.files.open_path(table)  # LogitLab's own table: loaded at once
    assert c.session.m == 4
    assert closing.unsaved() == [], "an imported table is still in its file"
    window.preset_menu.load(2)  # a preset onto nothing unsaved
    assert closing.unsaved() == []


def test_what_is_unsaved_work(qtbot, window):
    c = window.controller
    closing = window.closing
    window.preset_menu.load_first()
    c.add_point(3.0, 3.0, 1)
    window.preset_menu.load(2)  # a preset onto unsaved clicks: they are one Ctrl+Z away
    assert closing.unsaved() == ["the points"]
    window.preset_menu.load_first()
    c.undo_stack.clear()
    assert closing.unsaved() == []
    assert window.files.paste_table("x1,x2,y\n1,2,1\n2,1,0\n3,3,1\n0,0,0\n")
    assert closing.unsaved() == ["the points"], "a paste lives only in the clipboard"
    c.undo_stack.clear()  # (the next start, say) and then Clear points
    window.preset_menu.load_first()
    c.undo_stack.clear()
    c.clear_points()
    assert closing.unsaved() == ["the points"]


def test_saving_makes_it_saved(qtbot, window, tmp_path):
    edited(window)
    c = window.controller
    c.set_learning_rate(0.123)
    assert window.closing.unsaved() == ["the points", "α"]
    path = tmp_path / "saved.logitlab.json"
    assert window.files.save_to(str(path))
    assert window.closing.unsaved() == []
    c.add_point(0.1, 0.1, 0)
    assert window.closing.unsaved() == ["the points"]
    assert window.files.save()  # Ctrl+S: to the same file
    assert window.closing.unsaved() == []
    pending = answer_close(Button.Cancel)
    quit_(window)
    pending.stop()
    assert pending.seen == []
    assert window.closing.closed


@pytest.mark.timeout(300)
def test_save_on_close_waits_for_a_large_lesson_written_in_the_background(qtbot, window,
                                                                         tmp_path):
    from app import lesson_saving as files

    m = files.BACKGROUND_POINTS + 500
    rng = np.random.default_rng(9)
    points = rng.normal(size=(m, 2))
    lesson_path = tmp_path / "big.logitlab.json"
    write_lesson(lesson_path, Lesson(points=points, labels=(points[:, 1] > 0).astype(int)))
    assert window.files.open_path(lesson_path)
    window.files.wait_for_read()
    window.controller.undo_stack.clear()
    window.controller.add_point(9.0, 9.0, 1)
    pending = answer_close(Button.Save)
    quit_(window)
    assert len(pending.seen) == 1
    assert window.closing.closed
    assert len(read_lesson(lesson_path).points) == m + 1


def test_a_keyboard_interrupt_that_slips_through_ends_the_session_not_a_bug_dialog(
        qtbot, window, app_state, monkeypatch):
    """Belt and braces for issue 16 case 8: the handlers of app.main mean Python never
    raises KeyboardInterrupt in a Qt event; if one reaches the hook anyway, it is Ctrl+C."""
    import signal

    from app.main import install_excepthook

    edited(window)
    exits = []
    monkeypatch.setattr(QtWidgets.QApplication, "exit", staticmethod(exits.append))
    hook = install_excepthook(window)
    hook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert message_boxes(window, "errorDialog") == []
    assert window.closing.closed
    assert window.closing.signal == signal.SIGINT
    assert exits == [128 + signal.SIGINT]
    assert autosave.orphans(window.controller.autosave.folder) == [
        window.controller.autosave.path], "the unsaved points are kept for the next start"
