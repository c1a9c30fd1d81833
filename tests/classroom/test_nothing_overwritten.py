"""Nothing overwritten by accident: Ctrl+S writes only to the lesson the data came from.

The case from issue 14: open a saved lesson, then open (or import) a table —
the title said the lesson and Ctrl+S silently replaced its 80 points with the
table's 26.  Now the document is "untitled (from ring.csv)" and Save asks
where.  Also: Save as confirms before replacing a file the dialog did not see
(issue 16, case 4), dialogs start in Documents or the last folder used, never
the program's folder (case 5 of issue 14), and a lesson too large to open
again is never written (issue 16, case 3).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

from core.lesson import read_lesson, write_csv

from .dialogs import answer_open
from .support import ROOT, message_boxes, take_box


def keys(win, key, mods=QtCore.Qt.KeyboardModifier.ControlModifier):
    win.data_plot.setFocus()
    QTest.keyClick(win.data_plot, key, mods)


def ctrl_s(win):
    keys(win, QtCore.Qt.Key.Key_S)


class SaveDialog:
    """Stands in for QFileDialog.getSaveFileName: records each call, answers ``answer``."""

    def __init__(self, monkeypatch, answer=""):
        self.calls, self.answer = [], answer
        monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", staticmethod(self))

    def __call__(self, parent, caption, start, file_filter):
        self.calls.append(start)
        return str(self.answer), ""


@pytest.fixture
def lesson_and_ring(lesson_window, tmp_path):
    """A window on a saved 80-point lesson, and a 26-point table ring.csv beside it."""
    win = lesson_window
    c = win.controller
    rng = np.random.default_rng(5)
    points = rng.normal(size=(80, 2))
    c.replace_points(points, (points[:, 0] > 0).astype(int), "80 points")
    lesson = tmp_path / "class.logitlab.json"
    assert win.files.save_to(str(lesson))
    ring = tmp_path / "ring.csv"
    angles = np.linspace(0, 2 * np.pi, 26, endpoint=False)
    write_csv(ring, np.column_stack([np.cos(angles), np.sin(angles)]) * 2, np.arange(26) % 2)
    assert win.files.open_path(str(lesson))
    assert win.windowTitle() == "class — LogitLab"
    assert win.files.path == str(lesson)
    return win, lesson, ring


def test_opening_a_table_after_a_lesson_never_overwrites_the_lesson(
        lesson_and_ring, monkeypatch):
    """The regression of issue 14: Ctrl+S after File ▸ Open of a CSV."""
    win, lesson, ring = lesson_and_ring
    saved = lesson.read_bytes()
    assert win.files.open_path(str(ring))
    assert win.controller.session.m == 26
    assert win.windowTitle() == "untitled (from ring.csv) — LogitLab"
    assert win.files.path is None
    dialog = SaveDialog(monkeypatch, answer="")  # the user cancels the question
    ctrl_s(win)
    assert len(dialog.calls) == 1, "Save did not ask where"
    assert lesson.read_bytes() == saved
    assert len(read_lesson(lesson).points) == 80


def test_importing_a_table_after_a_lesson_never_overwrites_it(lesson_and_ring, monkeypatch):
    win, lesson, ring = lesson_and_ring
    saved = lesson.read_bytes()
    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a: (str(ring), "")))
    keys(win, QtCore.Qt.Key.Key_I)  # File ▸ Import table (Ctrl+I)
    assert win.controller.session.m == 26
    assert win.windowTitle() == "untitled (from ring.csv) — LogitLab"
    target = lesson.parent / "ring-lesson.logitlab.json"
    dialog = SaveDialog(monkeypatch, answer=target)
    ctrl_s(win)
    assert len(dialog.calls) == 1
    assert dialog.calls[0].endswith("ring.logitlab.json")  # named after the table
    assert lesson.read_bytes() == saved
    assert len(read_lesson(target).points) == 26
    # From now on the data came from the lesson just saved: Ctrl+S writes there.
    assert win.windowTitle() == "ring-lesson — LogitLab"
    win.controller.add_point(0.5, 0.5, 1)
    ctrl_s(win)
    assert len(dialog.calls) == 1
    assert len(read_lesson(target).points) == 27


def test_undo_past_the_import_returns_to_the_lesson(lesson_and_ring, monkeypatch):
    win, lesson, ring = lesson_and_ring
    assert win.files.open_path(str(ring))
    dialog = SaveDialog(monkeypatch)
    keys(win, QtCore.Qt.Key.Key_Z)  # undo the import
    assert win.controller.session.m == 80
    assert win.windowTitle() == "class — LogitLab"
    win.controller.add_point(3.0, 3.0, 1)  # an edit of the lesson
    ctrl_s(win)
    assert dialog.calls == []
    assert len(read_lesson(lesson).points) == 81
    keys(win, QtCore.Qt.Key.Key_Z)
    keys(win, QtCore.Qt.Key.Key_Z, QtCore.Qt.KeyboardModifier.ControlModifier
         | QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert win.windowTitle() == "class — LogitLab"


def test_a_preset_after_a_lesson_is_not_the_lesson(lesson_and_ring, monkeypatch):
    win, lesson, _ = lesson_and_ring
    saved = lesson.read_bytes()
    keys(win, QtCore.Qt.Key.Key_3)  # Ctrl+3: a preset
    assert win.files.path is None
    # The title names the preset now (issue 11), never the lesson it replaced.
    assert lesson.name.split(".")[0] not in win.windowTitle()
    assert "Overlapping blobs" in win.windowTitle()
    dialog = SaveDialog(monkeypatch)
    ctrl_s(win)
    assert len(dialog.calls) == 1
    assert lesson.read_bytes() == saved


def test_clearing_and_editing_a_lesson_still_saves_to_it(lesson_and_ring, monkeypatch):
    win, lesson, _ = lesson_and_ring
    dialog = SaveDialog(monkeypatch)
    win.controller.clear_points()
    win.controller.add_point(1.0, 1.0, 1)
    ctrl_s(win)
    assert dialog.calls == []
    assert read_lesson(lesson).points.tolist() == [[1.0, 1.0]]


def test_the_lesson_stays_the_document_when_old_edits_fall_off_the_undo_stack(lesson_and_ring):
    win, lesson, _ = lesson_and_ring
    c = win.controller
    for k in range(c.undo_stack.undoLimit() + 5):
        c.add_point(k * 1e-3, 0.0, k % 2)
    assert win.files.path == str(lesson)
    assert win.windowTitle() == "class — LogitLab"


# ---------------------------------------------------------------------------
# Save as: the suffix is added, and an existing file is never replaced unasked
# ---------------------------------------------------------------------------
def test_save_as_asks_before_replacing_the_file_the_suffix_names(
        qtbot, lesson_window, tmp_path, monkeypatch):
    """Issue 16, case 4: typing 'lesson' overwrote lesson.logitlab.json without asking."""
    win = lesson_window
    existing = tmp_path / "lesson.logitlab.json"
    existing.write_text("precious", encoding="utf-8")
    dialog = SaveDialog(monkeypatch, answer=tmp_path / "lesson")
    keys(win, QtCore.Qt.Key.Key_S, QtCore.Qt.KeyboardModifier.ControlModifier
         | QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert len(dialog.calls) == 1
    boxes = message_boxes(win, "replaceDialog")
    assert len(boxes) == 1
    assert "lesson.logitlab.json already exists" in boxes[0].text()
    assert boxes[0].textFormat() == QtCore.Qt.TextFormat.PlainText
    boxes[0].button(QtWidgets.QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not message_boxes(win, "replaceDialog"))
    assert existing.read_text(encoding="utf-8") == "precious"
    assert win.files.path is None

    win.files.save_as_dialog()
    box = message_boxes(win, "replaceDialog")[0]
    qtbot.mouseClick(box.button(QtWidgets.QMessageBox.StandardButton.Yes),
                     QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.files.path == str(existing))
    assert read_lesson(existing).points.shape == win.controller.session.points.shape


def test_save_as_a_new_name_adds_the_suffix_without_asking(lesson_window, tmp_path, monkeypatch):
    win = lesson_window
    SaveDialog(monkeypatch, answer=tmp_path / "new.json")
    assert win.files.save_as_dialog()
    assert not message_boxes(win)
    assert (tmp_path / "new.logitlab.json").exists()
    assert win.files.path == str(tmp_path / "new.logitlab.json")


# ---------------------------------------------------------------------------
# Where dialogs start
# ---------------------------------------------------------------------------
def test_dialogs_start_in_documents_then_in_the_last_folder(lesson_window, tmp_path, monkeypatch):
    win = lesson_window
    documents = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.DocumentsLocation)
    os.makedirs(documents, exist_ok=True)
    monkeypatch.chdir(ROOT)  # started from the program's folder, as ./scripts/run does
    opened = []
    elsewhere = tmp_path / "class data"
    elsewhere.mkdir()
    table = elsewhere / "ring.csv"
    write_csv(table, [[0.0, 1.0], [1.0, 0.0]], [0, 1])

    def ask_open(parent, caption, start, file_filter):
        opened.append(start)
        return str(table), ""

    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", staticmethod(ask_open))
    save = SaveDialog(monkeypatch)
    asked = answer_open()  # the lesson's α was changed: unsaved work
    win.findChild(QtGui.QAction, "actionOpen").trigger()
    assert len(asked.seen) == 1
    assert opened == [documents]
    for place in opened:
        assert not Path(place).resolve().is_relative_to(ROOT)
    # The next dialogs start where the last file was.
    win.findChild(QtGui.QAction, "actionExportCsv").trigger()
    win.findChild(QtGui.QAction, "actionSaveAs").trigger()
    win.findChild(QtGui.QAction, "actionExportScript").trigger()
    assert save.calls == [str(elsewhere / "ring-points.csv"), str(elsewhere / "ring.logitlab.json"),
                          str(elsewhere / "ring.py")]


def test_without_a_documents_folder_dialogs_start_at_home(lesson_window, monkeypatch):
    win = lesson_window
    monkeypatch.setattr(QtCore.QStandardPaths, "writableLocation", staticmethod(lambda kind: ""))
    assert win.files.folders.start() == os.path.expanduser("~")


# ---------------------------------------------------------------------------
# One size rule for reading and writing
# ---------------------------------------------------------------------------
def test_a_lesson_too_large_to_open_again_is_not_written(qtbot, lesson_window, tmp_path,
                                                          monkeypatch):
    """Issue 16, case 3 (the limit made small: 2.3 million points take a while)."""
    import app.export

    win = lesson_window
    monkeypatch.setattr(app.export, "MAX_FILE_BYTES", 2000)
    path = tmp_path / "big.logitlab.json"
    assert win.files.save_to(str(path)) is False
    text = take_box(qtbot, win, "fileProblemDialog")
    assert "more than the 2.0 KB LogitLab can open again" in text
    assert "export them as CSV" in text
    assert not path.exists()
    assert win.files.path is None


def test_points_too_many_to_open_again_are_not_exported(qtbot, lesson_window, tmp_path,
                                                         monkeypatch):
    import app.export

    win = lesson_window
    monkeypatch.setattr(app.export, "MAX_FILE_BYTES", 500)
    path = tmp_path / "points.csv"
    assert win.files.export_points_to(str(path)) is False
    assert "LogitLab can open again; remove points first" in take_box(qtbot, win,
                                                                       "fileProblemDialog")
    assert not path.exists()
