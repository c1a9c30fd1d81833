"""Opening a lesson or importing a table over unsaved work asks first (issue 16, case 1).

An opened file's data are its saved state, so a close right after asks nothing and
deletes the autosave.  Before, opening a file over clicked-in points replaced them
with no question: the teacher's points were then gone at the next close (a review,
2026-12-01).  Now the question is Save / Open without saving / Cancel; a paste
(itself unsaved work, undone by Undo) asks nothing.
"""

from __future__ import annotations

import numpy as np
import pytest

from core.lesson import Lesson, read_lesson, write_lesson

from .dialogs import Button, answer
from .support import points_and_labels, same_data

QUESTION = "unsavedBeforeOpenDialog"


@pytest.fixture
def lesson_file(tmp_path):
    rng = np.random.default_rng(4)
    points = rng.normal(size=(12, 2))
    path = tmp_path / "monday.logitlab.json"
    write_lesson(path, Lesson(points=points, labels=(points[:, 0] > 0).astype(int),
                              learning_rate=0.3, title="Monday"))
    return path


@pytest.fixture
def table_file(tmp_path):
    path = tmp_path / "grades.csv"
    path.write_text("exam1,exam2,admitted\n1,2,yes\n3,1,no\n2,2,yes\n0,1,no\n",
                    encoding="utf-8")
    return path


def clicked_in(window):
    """The first preset (nothing unsaved), then two clicks (unsaved)."""
    window.preset_menu.load_first()
    window.controller.add_point(0.5, 0.5, 1)
    window.controller.add_point(-0.5, 0.25, 0)
    assert window.closing.unsaved() == ["the points"]
    return points_and_labels(window)


def test_cancel_opens_nothing_and_keeps_the_work_unsaved(window, lesson_file):
    before = clicked_in(window)
    pending = answer(QUESTION, Button.Cancel)
    assert window.files.open_path(lesson_file) is False
    assert len(pending.seen) == 1
    text = pending.seen[0]
    assert "Save this lesson before opening monday.logitlab.json?" in text
    assert "Not saved yet: the points." in text
    assert "Cancel opens nothing" in text
    assert same_data(points_and_labels(window), before)
    assert window.closing.unsaved() == ["the points"]


def test_open_without_saving_opens_and_undo_brings_the_points_back(window, lesson_file):
    before = clicked_in(window)
    pending = answer(QUESTION, "Open without saving")
    assert window.files.open_path(lesson_file)
    assert len(pending.seen) == 1
    assert window.controller.session.m == 12
    assert window.closing.unsaved() == []
    window.controller.undo_stack.undo()
    assert same_data(points_and_labels(window), before)


def test_save_asks_where_writes_the_work_then_opens(window, lesson_file, tmp_path,
                                                   monkeypatch):
    from app.file_ui import Folders

    before = clicked_in(window)
    kept = tmp_path / "mine.logitlab.json"
    monkeypatch.setattr(Folders, "ask_save", lambda self, *a: str(kept))
    pending = answer(QUESTION, Button.Save)
    assert window.files.open_path(lesson_file)
    assert len(pending.seen) == 1
    assert same_data((read_lesson(kept).points, read_lesson(kept).labels), before)
    assert window.controller.session.m == 12
    assert window.files.path == str(lesson_file)


def test_cancelling_where_to_save_opens_nothing(window, lesson_file, monkeypatch):
    from app.file_ui import Folders

    before = clicked_in(window)
    monkeypatch.setattr(Folders, "ask_save", lambda self, *a: "")
    pending = answer(QUESTION, Button.Save)
    assert window.files.open_path(lesson_file) is False
    assert len(pending.seen) == 1
    assert same_data(points_and_labels(window), before)
    assert window.closing.unsaved() == ["the points"]


def test_importing_a_table_over_unsaved_work_asks_too(window, table_file):
    before = clicked_in(window)
    pending = answer(QUESTION, Button.Cancel)
    window.files.open_path(table_file, picks={"positive": "yes"})
    if window.files.preview is not None:  # a table other than x1,x2,y: its preview first
        window.files.preview.accept()
    assert len(pending.seen) == 1 and "before opening grades.csv" in pending.seen[0]
    assert same_data(points_and_labels(window), before)


def test_nothing_unsaved_or_a_paste_asks_nothing(window, lesson_file):
    window.preset_menu.load_first()
    pending = answer(QUESTION, Button.Cancel)
    assert window.files.open_path(lesson_file)  # nothing unsaved
    window.controller.add_point(0.5, 0.5, 1)
    window.files.paste_table("x1,x2,y\n1,2,1\n3,1,0\n")  # unsaved work stays unsaved
    pending.stop()
    assert pending.seen == []
    assert window.controller.session.m == 2
    assert window.closing.unsaved() == ["the points"]


def test_undo_of_an_open_puts_back_the_setup_as_well_as_the_points(window, lesson_file):
    """Undo of "Open monday" gave the old points back under Monday's α and features."""
    window.preset_menu.load_first()
    c, controls = window.controller, window.controls
    controls.feature_quadratic.click()
    c.set_learning_rate(0.05)
    before = points_and_labels(window), c.session.terms, c.session.learning_rate
    pending = answer(QUESTION, "Open without saving")
    assert window.files.open_path(lesson_file)
    assert len(pending.seen) == 1
    assert c.session.learning_rate == 0.3 and c.session.m == 12
    c.undo_stack.undo()
    assert same_data(points_and_labels(window), before[0])
    assert (c.session.terms, c.session.learning_rate) == before[1:]
    assert controls.feature_quadratic.isChecked()
    assert float(controls.learning_rate_value.text()) == 0.05
    c.undo_stack.redo()
    assert c.session.learning_rate == 0.3 and c.session.m == 12
    assert controls.feature_linear.isChecked()
