"""Bring your own data: any table a teacher has opens in two clicks.

Driven as a person would: File ▸ Open (the file dialog answered by the test),
the preview's pickers and its Open button, Ctrl+V on the plot, a file dropped
on the window, and the command line.  The course's ``ex2data1.txt`` and a
spreadsheet export of it reach the optimum the course publishes: J = 0.2035,
θ ≈ [−25.16, 0.206, 0.201], 89 % training accuracy.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

from core.lesson import write_csv
from core.table import read_table
from core.table_columns import choose

from .dialogs import answer_open
from .support import message_boxes, snapshot, take_box

FILES = Path(__file__).resolve().parents[1] / "files"
EX2 = FILES / "ex2data1.txt"
TABLES = FILES / "tables"


def ex2_points():
    return choose(read_table(EX2)).points_and_labels()


def answer_open_dialog(monkeypatch, path):
    """The next File ▸ Open dialog returns ``path``; returns the list of its calls."""
    calls = []

    def dialog(parent, caption, folder, file_filter):
        calls.append(folder)
        return str(path), ""

    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", staticmethod(dialog))
    return calls


def trigger(win, name):
    action = win.findChild(QtGui.QAction, name)
    assert action is not None, name
    action.trigger()


def preview(qtbot, win):
    qtbot.waitUntil(lambda: win.files.preview is not None and win.files.preview.isVisible())
    return win.files.preview


def click_open(qtbot, win, dialog):
    assert dialog.open_button.isEnabled(), dialog.problem.text()
    qtbot.mouseClick(dialog.open_button, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.files.preview is None)


def descend_to_the_optimum(win, alpha=1.0):
    c = win.controller
    c.set_standardize(True)
    c.set_learning_rate(alpha)
    c.set_tolerance(1e-7)
    with c.worker.access():
        c.session.step(50_000)
    c.refresh()
    s = c.session
    w_raw, b_raw = s.original_theta()
    return s, np.concatenate([[b_raw], w_raw.ravel()])


# ---------------------------------------------------------------------------
# The course's data, opened from the File menu
# ---------------------------------------------------------------------------
def test_ex2data1_opens_from_the_file_menu_and_reaches_the_courses_optimum(
        qtbot, lesson_window, monkeypatch):
    win = lesson_window
    answer_open_dialog(monkeypatch, EX2)
    trigger(win, "actionOpen")
    dialog = preview(qtbot, win)
    summary = dialog.findChild(QtWidgets.QLabel, "tableSummary").text()
    assert "100 rows, 3 columns, separated by commas, no header line" in summary
    assert dialog.x1.currentText().startswith("1: column 1")
    assert dialog.x2.currentText().startswith("2: column 2")
    assert dialog.y.currentText().startswith("3: column 3")
    assert dialog.positive.currentData() == "1"
    assert "0 → y = 0 (40); 1 → y = 1 (60)" in dialog.labels.text()
    assert not dialog.skip.isVisible()
    assert dialog.findChild(QtWidgets.QTableWidget, "tablePreview").item(0, 0).text() == \
        "34.62365962451697"
    asked = answer_open()  # the lesson's α was changed: unsaved work
    click_open(qtbot, win, dialog)
    assert len(asked.seen) == 1

    points, labels = ex2_points()
    s = win.controller.session
    assert np.array_equal(s.points, points)
    assert np.array_equal(s.labels, labels)
    assert win.windowTitle() == "untitled (from ex2data1.txt) — LogitLab"
    assert "Opened ex2data1.txt: 100 points" in win.statusBar().currentMessage()
    assert win.files.recent()[0] == str(EX2)

    s, theta = descend_to_the_optimum(win)
    assert s.cost == pytest.approx(0.2035, abs=5e-5)
    assert theta == pytest.approx([-25.16, 0.206, 0.201], abs=5e-3)
    p = 1 / (1 + np.exp(-(theta[0] + s.points @ theta[1:])))
    assert np.mean((p >= 0.5) == s.labels) == 0.89


def test_a_spreadsheet_export_dropped_on_the_window_gives_the_same_data(qtbot, window):
    """Excel (German): BOM, CRLF, semicolons, decimal commas, "Exam 1", yes/no."""
    win = window
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(TABLES / "ex2_excel_de.csv"))])
    target = win.data_plot.viewport()  # it takes drops itself: the window still gets the file
    pos = QtCore.QPoint(50, 50)
    enter = QtGui.QDragEnterEvent(pos, QtCore.Qt.DropAction.CopyAction, mime,
                                  QtCore.Qt.MouseButton.LeftButton,
                                  QtCore.Qt.KeyboardModifier.NoModifier)
    QtWidgets.QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QtGui.QDropEvent(QtCore.QPointF(pos), QtCore.Qt.DropAction.CopyAction, mime,
                            QtCore.Qt.MouseButton.LeftButton,
                            QtCore.Qt.KeyboardModifier.NoModifier)
    QtWidgets.QApplication.sendEvent(target, drop)
    assert drop.isAccepted()
    dialog = preview(qtbot, win)
    assert [dialog.x1.currentData(), dialog.x2.currentData(), dialog.y.currentData()] == [0, 1, 2]
    assert dialog.x1.currentText() == "1: Exam 1 (numbers)"
    assert "separated by semicolons, a header line, decimal commas" in \
        dialog.findChild(QtWidgets.QLabel, "tableSummary").text()
    assert dialog.positive.currentData() == "yes"
    assert "no → y = 0 (40); yes → y = 1 (60)" in dialog.labels.text()
    click_open(qtbot, win, dialog)
    points, labels = ex2_points()
    assert np.array_equal(win.controller.session.points, points)
    assert np.array_equal(win.controller.session.labels, labels)
    assert win.windowTitle() == "untitled (from ex2_excel_de.csv) — LogitLab"
    _, theta = descend_to_the_optimum(win)
    assert theta == pytest.approx([-25.16, 0.206, 0.201], abs=5e-3)


def test_excels_unicode_text_opens_from_the_file_menu(qtbot, window, monkeypatch):
    """Excel's "Save as Unicode Text" writes UTF-16 with a BOM, tab-separated; it was
    refused ("the file is UTF-16 text; save it as UTF-8")."""
    win = window
    answer_open_dialog(monkeypatch, TABLES / "ex2_excel_unicode.txt")
    trigger(win, "actionOpen")
    dialog = preview(qtbot, win)
    summary = dialog.findChild(QtWidgets.QLabel, "tableSummary").text()
    assert "separated by tabs, a header line" in summary and "encoding UTF-16" in summary
    assert dialog.x1.currentText() == "1: Exam 1 (numbers)"
    click_open(qtbot, win, dialog)
    points, labels = ex2_points()
    assert np.array_equal(win.controller.session.points, points)
    assert np.array_equal(win.controller.session.labels, labels)


def test_more_columns_pick_two_features(qtbot, window):
    win = window
    assert win.files.open_path(str(TABLES / "ex2_with_id.tsv"))
    dialog = preview(qtbot, win)
    # The id column is skipped; the next numbers are age and exam1.
    assert dialog.x1.currentText() == "2: age (numbers)"
    assert dialog.x2.currentText() == "3: exam1 (numbers)"
    dialog.x1.setCurrentIndex(2)
    dialog.x2.setCurrentIndex(3)
    assert dialog.x1.currentText() == "3: exam1 (numbers)"
    click_open(qtbot, win, dialog)
    points, labels = ex2_points()
    assert np.array_equal(win.controller.session.points, points)
    # Exported points keep the chosen columns' names.
    out = win.files.folders.start() + "/ex2.csv"
    assert win.files.export_points_to(out)
    assert Path(out).read_text(encoding="utf-8").splitlines()[0] == "exam1,exam2,admitted"


def test_the_same_column_twice_is_refused_in_the_preview(qtbot, window):
    win = window
    assert win.files.open_path(str(EX2))
    dialog = preview(qtbot, win)
    dialog.x2.setCurrentIndex(0)
    assert not dialog.open_button.isEnabled()
    assert dialog.problem.isVisible()
    assert "pick two different feature columns" in dialog.problem.text()
    dialog.x2.setCurrentIndex(1)
    assert dialog.open_button.isEnabled()
    assert not dialog.problem.isVisible()
    dialog.reject()


# ---------------------------------------------------------------------------
# Labels and bad rows
# ---------------------------------------------------------------------------
def test_the_user_picks_the_positive_class(qtbot, window):
    win = window
    assert win.files.open_path(str(TABLES / "cats_and_dogs.csv"))
    dialog = preview(qtbot, win)
    assert "Which label is the positive class? Pick it above" in dialog.labels.text()
    assert [dialog.positive.itemData(i) for i in range(dialog.positive.count())] == \
        ["cat", "dog"]
    dialog.positive.setCurrentIndex(0)
    assert "cat → y = 1 (2); dog → y = 0 (1)" in dialog.labels.text()
    click_open(qtbot, win, dialog)
    assert win.controller.session.labels.tolist() == [1, 0, 1]


def test_bad_rows_are_listed_and_skipped_only_when_the_user_ticks(qtbot, lesson_window):
    win = lesson_window
    before = snapshot(win)
    assert win.files.open_path(str(TABLES / "some_bad_rows.csv"))
    dialog = preview(qtbot, win)
    text = dialog.bad_rows.text()
    assert text.startswith("3 of 6 rows have a missing or non-numeric cell")
    assert "line 3: x is empty" in text
    assert "line 4: y is not a number: 'abc'" in text
    assert dialog.skip.isVisible()
    assert dialog.skip.text() == "Skip these 3 rows"
    assert not dialog.open_button.isEnabled()
    dialog.skip.click()
    assert dialog.open_button.isEnabled()
    dialog.skip.click()
    assert not dialog.open_button.isEnabled()
    dialog.reject()
    qtbot.waitUntil(lambda: win.files.preview is None)
    assert snapshot(win) == before

    assert win.files.open_path(str(TABLES / "some_bad_rows.csv"))
    dialog = preview(qtbot, win)
    dialog.skip.click()
    asked = answer_open()  # the lesson's α was changed: unsaved work
    click_open(qtbot, win, dialog)
    assert len(asked.seen) == 1
    assert win.controller.session.points.tolist() == [[1, 2], [5, 6], [9, 10]]
    assert "3 bad rows skipped" in win.statusBar().currentMessage()


def test_file_text_is_shown_as_plain_text(qtbot, window, tmp_path):
    """Issue 16, case 11: a header <h1 style="color:red"> is text, never markup."""
    win = window
    html = '<h1 style="color:red">BIG</h1>'
    path = tmp_path / "html.csv"
    path.write_text(f"{html},b\n1,2\n", encoding="utf-8")
    assert not win.files.open_path(str(path))
    boxes = message_boxes(win, "fileProblemDialog")
    assert len(boxes) == 1
    assert boxes[0].textFormat() == QtCore.Qt.TextFormat.PlainText
    assert html in boxes[0].text()
    take_box(qtbot, win, "fileProblemDialog")
    # In the preview too: column names and labels from the file are plain text.
    path.write_text(f"{html},b,<b>label</b>\n1,2,<i>yes</i>\n3,4,no\n", encoding="utf-8")
    assert win.files.open_path(str(path))
    dialog = preview(qtbot, win)
    for label in dialog.findChildren(QtWidgets.QLabel):
        if label.objectName().startswith("table"):
            assert label.textFormat() == QtCore.Qt.TextFormat.PlainText, label.objectName()
    assert "<i>yes</i>" in dialog.labels.text()
    assert html in dialog.x1.currentText()
    dialog.reject()


# ---------------------------------------------------------------------------
# Paste
# ---------------------------------------------------------------------------
SPREADSHEET_COPY = "exam 1\texam 2\tadmitted\n34,6\t78,0\tja\n30,3\t43,9\tnein\n60,2\t86,3\tja\n"


def test_ctrl_v_on_the_plot_pastes_a_table_from_a_spreadsheet(qtbot, window):
    win = window
    QtWidgets.QApplication.clipboard().setText(SPREADSHEET_COPY)
    win.data_plot.setFocus()
    QTest.keyClick(win.data_plot, QtCore.Qt.Key.Key_V, QtCore.Qt.KeyboardModifier.ControlModifier)
    dialog = preview(qtbot, win)
    assert dialog.windowTitle() == "Paste a table"
    assert dialog.positive.currentData() == "ja"
    click_open(qtbot, win, dialog)
    assert win.controller.session.points.tolist() == [[34.6, 78.0], [30.3, 43.9], [60.2, 86.3]]
    assert win.controller.session.labels.tolist() == [1, 0, 1]
    assert win.windowTitle() == "untitled (from pasted table) — LogitLab"
    assert win.controller.undo_stack.undoText() == "Import pasted table"


def test_ctrl_v_in_a_number_box_still_pastes_a_number(qtbot, window):
    win = window
    QtWidgets.QApplication.clipboard().setText(SPREADSHEET_COPY)
    box = win.controls.tolerance
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    QTest.keyClick(box, QtCore.Qt.Key.Key_V, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)
    assert win.files.preview is None


def test_pasting_nothing_or_garbage_says_so(qtbot, window):
    win = window
    before = snapshot(win)
    assert not win.files.paste_table("")
    assert "Nothing to paste" in win.statusBar().currentMessage()
    assert not win.files.paste_table("just one line of words")
    assert "pasted table" in take_box(qtbot, win, "fileProblemDialog")
    assert snapshot(win) == before


# ---------------------------------------------------------------------------
# Large files: progress and Cancel
# ---------------------------------------------------------------------------
def big_table(tmp_path, rows=300_000):
    path = tmp_path / "big.csv"
    path.write_text("a,b,label\n" + "1.5,2.5,yes\n3.5,-1.25,no\n" * (rows // 2),
                    encoding="utf-8")
    return path


def test_a_large_file_is_read_with_progress_and_can_be_cancelled(qtbot, lesson_window, tmp_path):
    win = lesson_window
    path = big_table(tmp_path)
    win.files.background_bytes = 1024 * 1024  # 3.6 MB is "large" here: a shorter test
    before = snapshot(win)
    assert win.files.open_path(str(path))
    reader = win.files.reader
    assert reader is not None
    progress = win.findChild(QtWidgets.QProgressDialog, "readProgress")
    assert progress is not None
    assert progress.isVisible()
    assert progress.labelText() == "Reading big.csv…"
    cancel = progress.findChild(QtWidgets.QPushButton)
    qtbot.mouseClick(cancel, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.files.reader is None, timeout=30_000)
    assert "Opening big.csv cancelled" in win.statusBar().currentMessage()
    assert win.files.preview is None
    assert snapshot(win) == before


def test_a_large_file_read_in_the_background_opens_in_the_preview(qtbot, window, tmp_path):
    win = window
    path = big_table(tmp_path)
    win.files.background_bytes = 1024 * 1024
    seen = []
    assert win.files.open_path(str(path))
    win.files.reader.progress.connect(seen.append)
    qtbot.waitUntil(lambda: win.files.preview is not None, timeout=60_000)
    dialog = win.files.preview
    assert dialog.table.m == 300_000
    click_open(qtbot, win, dialog)
    # So many points are prepared on a thread (app/controller_edits.py) and land soon.
    assert len(win.controller.points) == 300_000
    qtbot.waitUntil(lambda: win.controller.session.m == 300_000, timeout=30_000)
    assert len(seen) >= 3
    assert seen == sorted(seen)


# ---------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------
def test_starting_with_a_table_previews_it(qtbot, run_main):
    status, windows = run_main([str(TABLES / "cats_and_dogs.csv"), "--positive", "cat"])
    assert status == 0
    win = windows[0]
    dialog = preview(qtbot, win)
    assert dialog.positive.currentData() == "cat"
    click_open(qtbot, win, dialog)
    assert win.controller.session.labels.tolist() == [1, 0, 1]
    assert win.controller.undo_stack.count() == 1  # the import: undoable
    assert win.files.path is None


def test_starting_with_our_own_points_opens_them_at_once(run_main, tmp_path):
    path = tmp_path / "ring.csv"
    write_csv(path, [[0.5, 1.0], [2.0, 2.5]], [0, 1])
    status, windows = run_main([str(path)])
    win = windows[0]
    assert status == 0
    assert win.files.preview is None
    assert win.controller.session.points.tolist() == [[0.5, 1.0], [2.0, 2.5]]
    assert win.windowTitle() == "untitled (from ring.csv) — LogitLab"
    assert win.controller.undo_stack.count() == 0
    assert win.files.path is None


def test_a_file_the_user_opens_is_read_off_the_gui_thread_from_a_megabyte(
        qtbot, window, tmp_path, monkeypatch):
    win = window
    path = big_table(tmp_path, rows=100_000)  # 1.2 MB
    answer_open_dialog(monkeypatch, path)
    trigger(win, "actionOpen")
    assert win.files.reader is not None
    qtbot.waitUntil(lambda: win.files.preview is not None, timeout=60_000)
    win.files.preview.reject()
