"""Tables read as the teacher means them, from the command line and in the preview.

The label column named ``y`` but first, decimal commas only after line 200,
comment lines on top, a separator at the end of every line: each opens with the
right columns (exit status 0), and the one question left (which label is the
positive class) names the label column in a sentence of its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6 import QtWidgets

from app.table_dialog import TableDialog
from core.table import read_table

FILES = Path(__file__).resolve().parents[1] / "files"
TABLES = FILES / "tables"


def _run(args, env):
    return subprocess.Popen([sys.executable, "-m", "app", *map(str, args)], env=env,
                            cwd=str(FILES.parents[1]), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _costs(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_tables_open_from_the_command_line_as_meant(tmp_path, env_for_subprocess):
    # Each gives the same run as the same rows written as LogitLab's own x1,x2,y.
    same = {"label_first.csv": "0,1,2\n1,3,4\n0,5,6\n1,7,8\n",
            "comment_lines.csv": "1,2,0\n3,4,1\n5,6,0\n7,8,1\n",
            "trailing_separator.csv": "1.5,2,0\n3,4.5,1\n5,6,0\n"}
    plain = {}
    for name, rows in same.items():
        if name == "label_first.csv":  # y,x1,x2 → x1,x2,y
            rows = "".join(f"{a},{b},{y}\n" for y, a, b in
                           (line.split(",") for line in rows.split()))
        plain[name] = tmp_path / f"plain_{name}"
        plain[name].write_text("x1,x2,y\n" + rows, encoding="utf-8")
    runs = {f"{name}:{kind}": [path, "--steps", "40", "--export-csv",
                               tmp_path / f"{kind}_{name}.costs.csv"]
            for name in same for kind, path in (("file", TABLES / name),
                                                ("plain", plain[name]))}
    runs["late_decimal_comma.csv"] = [TABLES / "late_decimal_comma.csv", "--steps", "3",
                                      "--export-csv", tmp_path / "late.costs.csv"]
    procs = {key: _run(args, env_for_subprocess) for key, args in runs.items()}
    for key, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, out, err) == (0, "", ""), key
    for name in same:
        assert _costs(tmp_path / f"file_{name}.costs.csv") == \
            _costs(tmp_path / f"plain_{name}.costs.csv"), name


def test_the_positive_class_question_is_one_line_naming_the_label_column(
        tmp_path, env_for_subprocess):
    proc = _run([TABLES / "three_species.csv", "--export-png", tmp_path / "x.png"],
                env_for_subprocess)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and out == ""
    assert err == ("logitlab: three_species.csv: the label column 'species' has 3 values "
                   "('setosa', 'versicolor', 'virginica'): which one is the positive class "
                   "(y = 1)? The others become 0. Name it with --positive VALUE, e.g. "
                   "--positive virginica, or pick another label column with --y COL\n")


def test_the_preview_picks_the_named_columns_and_says_what_it_skipped(qtbot):
    dialog = TableDialog(read_table(TABLES / "label_first.csv"))
    qtbot.addWidget(dialog)
    assert [box.currentText() for box in (dialog.x1, dialog.x2, dialog.y)] == \
        ["2: x1 (numbers)", "3: x2 (numbers)", "1: y (numbers)"]
    assert dialog.open_button.isEnabled()
    assert dialog.points_and_labels()[1].tolist() == [0, 1, 0, 1]

    dialog = TableDialog(read_table(TABLES / "comment_lines.csv"))
    qtbot.addWidget(dialog)
    summary = dialog.findChild(QtWidgets.QLabel, "tableSummary").text()
    assert summary == ("comment_lines.csv: 4 rows, 3 columns, separated by commas, a header "
                       "line, 2 comment lines (#) skipped")
    assert dialog.open_button.isEnabled()

    dialog = TableDialog(read_table(TABLES / "trailing_separator.csv"))
    qtbot.addWidget(dialog)
    assert dialog.y.count() == 3 and dialog.y.currentText() == "3: y (numbers)"
    assert "an empty last column left out" in \
        dialog.findChild(QtWidgets.QLabel, "tableSummary").text()
    assert dialog.open_button.isEnabled()


def test_a_score_as_the_label_is_said_in_one_line_and_offers_no_classes(qtbot, tmp_path):
    """A label column of scores (1,999 values): the preview listed every value, 44,840
    characters drawn over the column picks, and offered 1,999 positive classes "(1 rows)"."""
    import numpy as np

    rng = np.random.default_rng(0)
    rows = "".join(f"{a:.4f},{b:.4f},{c:.9f}\n" for a, b, c in rng.random((1999, 3)))
    path = tmp_path / "scores.csv"
    path.write_text("exam1,exam2,score\n" + rows, encoding="utf-8")
    dialog = TableDialog(read_table(path))
    qtbot.addWidget(dialog)
    labels = dialog.findChild(QtWidgets.QLabel, "tableLabels").text()
    assert labels == "Labels: 1,999 different values"
    assert dialog.positive.count() == 0 and not dialog.positive.isEnabled()
    problem = dialog.findChild(QtWidgets.QLabel, "tableProblem")
    assert "1,999 different values, not a few classes" in problem.text()
    assert not dialog.open_button.isEnabled()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1024 and dialog.height() <= 700, dialog.size()
    below = dialog.findChild(QtWidgets.QScrollArea, "tableBelow")
    inner = below.widget()
    need = inner.heightForWidth(inner.width())
    assert need <= below.viewport().height(), f"the problem opens cut: {need} px in " \
                                               f"{below.viewport().height()}"
    lines = problem.heightForWidth(problem.width()) / problem.fontMetrics().lineSpacing()
    assert lines <= 3.5, f"the problem takes {lines:.0f} lines of a {dialog.width()} px dialog"
    # Back to a class column: its classes are offered again, a count in the singular.
    path.write_text("exam1,exam2,y\n1,2,0\n3,4,1\n5,6,1\n", encoding="utf-8")
    dialog = TableDialog(read_table(path))
    qtbot.addWidget(dialog)
    assert dialog.positive.isEnabled()
    assert [dialog.positive.itemText(i) for i in range(2)] == ["0  (1 row)", "1  (2 rows)"]


def test_the_previews_cells_are_whole_in_the_windows_type(qtbot, window, tmp_path):
    """Sized before the window's sheet reached the dialog, cells read "34.6…" and
    "Stude…" beside empty room."""
    path = tmp_path / "exams.csv"
    path.write_text("StudentName,exam1,exam2,admitted\n"
                    "Annabelle Fitzgerald,34.62365962451697,78.0246928153624,0\n"
                    "Bo,30.28671076822607,43.89499752400101,1\n", encoding="utf-8")
    window.appearance.set_zoom(1.3)
    dialog = TableDialog(read_table(path), parent=window)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.findChild(QtWidgets.QTableWidget, "tablePreview")
    cut = [(view.horizontalHeaderItem(j).text(), view.columnWidth(j), view.sizeHintForColumn(j))
           for j in range(view.columnCount()) if view.columnWidth(j) < view.sizeHintForColumn(j)]
    assert not cut, f"cells cut (column, width, needed): {cut}"
    dialog.close()
