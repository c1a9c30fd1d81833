"""Tables read as the teacher means them: the header names the label, decimal commas
late in the file, comment lines on top, Excel's separator at the end of each line.

Each case here was once read wrongly: the label taken from the wrong column, rows
refused as "mixed decimals" in a file without a decimal point, a file refused
for its comment lines, an empty column taken as the label.
"""

from __future__ import annotations

import numpy as np
import pytest

from core.table import parse_table
from core.table_columns import choose
from core.table_dialect import SAMPLE_LINES
from core.text_file import FileProblem


# ---------------------------------------------------------------------------
# The header says which column is which
# ---------------------------------------------------------------------------
def test_a_column_named_y_is_the_label_wherever_it_is():
    table = parse_table("y,x1,x2\n0,1,2\n1,3,4\n0,5,6\n1,7,8\n", "label_first.csv")
    choice = choose(table)
    assert choice.names == ("x1", "x2", "y")
    assert choice.ambiguous is None and choice.problem is None
    points, labels = choice.points_and_labels()
    assert points.tolist() == [[1, 2], [3, 4], [5, 6], [7, 8]]
    assert labels.tolist() == [0, 1, 0, 1]


@pytest.mark.parametrize(("text", "names"), [
    ("Y,a,b\n0,1,2\n1,3,4\n", ("a", "b", "Y")),  # any case
    ("Label,a,b\nyes,1,2\nno,3,4\n", ("a", "b", "Label")),
    ("a,class,b\n1,1,2\n3,0,4\n", ("a", "b", "class")),
    ("target,a,b,notes\n1,1,2,x\n0,3,4,y\n", ("a", "b", "target")),
    ("x2,x1,z\n1,2,0\n3,4,1\n", ("x1", "x2", "z")),  # x1 and x2 by name too
    ("id,x1,x2,y\n1,5,6,1\n2,7,8,0\n3,1,1,1\n", ("x1", "x2", "y")),
    # Beside a column "x", "y" is a coordinate: the label is named, or the last column.
    ("x,y,class\n1,2,0\n3,4,1\n", ("x", "y", "class")),
    ("x,y,z\n1,2,0\n3,4,1\n", ("x", "y", "z")),
    ("a,b,c\n1,2,0\n3,4,1\n", ("a", "b", "c")),  # no names that say: the defaults
])
def test_header_names_choose_the_columns(text, names):
    assert choose(parse_table(text)).names == names


def test_the_users_picks_win_over_the_header_names():
    table = parse_table("y,x1,x2\n0,1,2\n1,3,4\n0,5,6\n")
    assert choose(table, y="x1").names == ("y", "x2", "x1")
    assert choose(table, x1="x2").names == ("x2", "x1", "y")
    assert choose(table, x2="y").names == ("x1", "y", "x2")
    assert choose(table, x1=1, x2=2, y=0).names == ("x1", "x2", "y")  # the preview's picks
    # x2 alone: x1 is another column, not the same one twice.
    assert choose(parse_table("a,b,c,d\n1,2,5,0\n3,4,6,1\n"), x2="a").names == ("b", "a", "d")


def test_the_question_about_the_positive_class_names_the_label_column():
    choice = choose(parse_table("weight,height,animal\n4,25,cat\n30,60,dog\n"))
    assert choice.ambiguous == ("the labels in 'animal' are 'cat', 'dog': which one is the "
                                "positive class (y = 1)?")
    choice = choose(parse_table("a,b,grade\n1,2,A\n3,4,B\n5,6,C\n"))
    assert choice.ambiguous == ("the label column 'grade' has 3 values ('A', 'B', 'C'): which "
                                "one is the positive class (y = 1)? The others become 0.")


# ---------------------------------------------------------------------------
# Decimal commas after the sample
# ---------------------------------------------------------------------------
def late_commas(later):
    whole = "".join(f"{i % 97};{(7 * i) % 89};{i % 2}\n" for i in range(SAMPLE_LINES + 50))
    return parse_table("Punkte A;Punkte B;bestanden\n" + whole + later, "late.csv")


def test_decimal_commas_after_whole_numbers_are_decimal_commas():
    table = late_commas("9,5;34,25;1\n,5;1,;0\n")
    assert table.decimal_comma
    assert "decimal commas" in table.describe()
    choice = choose(table)
    assert choice.bad_count == 0
    points, _ = choice.points_and_labels()
    assert points[-2:].tolist() == [[9.5, 34.25], [0.5, 1.0]]


def test_late_decimal_points_stay_points_and_both_kinds_are_still_mixed():
    assert not late_commas("9.5;34.25;1\n").decimal_comma
    table = late_commas("9.5;1;1\n9,5;1;0\n")
    assert not table.decimal_comma
    choice = choose(table)
    assert choice.bad_count == 1
    assert "decimal commas and points are mixed" in choice.bad_rows()[0][1]
    # A comma between words is not a decimal comma; a tab-separated file is read the same.
    assert not late_commas("1;2;0\n").decimal_comma
    text = "a\tb\ty\n" + "1\t2\t0\n" * (SAMPLE_LINES + 5) + "1,5\t2\t1\n"
    assert parse_table(text).decimal_comma


# ---------------------------------------------------------------------------
# Comment lines on top
# ---------------------------------------------------------------------------
def test_comment_lines_on_top_are_skipped_and_said():
    text = "# exam data 2024\n# columns: two scores and admitted\nx1,x2,y\n1,2,0\n3,4,1\n"
    table = parse_table(text, "comment_lines.csv")
    assert table.names == ["x1", "x2", "y"]
    assert table.lines.tolist() == [4, 5]  # the file's own line numbers
    assert table.describe() == ("2 rows, 3 columns, separated by commas, a header line, "
                                "2 comment lines (#) skipped")
    assert choose(table).is_points_file
    table = parse_table("\n# Created by Octave\n 34.6  78.0  0\n 30.3  43.9  1\n")
    assert table.names == ["column 1", "column 2", "column 3"]
    assert table.lines.tolist() == [3, 4]
    assert table.preview_rows == [["34.6", "78.0", "0"], ["30.3", "43.9", "1"]]
    assert "1 comment line (#) skipped" in table.describe()


def test_a_file_of_only_comments_says_so():
    with pytest.raises(FileProblem) as info:
        parse_table("# exam data 2024\n# to be filled in\n", "c.csv")
    assert "only comment lines (starting with '#')" in info.value.problem


def test_a_hash_further_down_is_a_row_like_any_other():
    table = parse_table("id,a,b,y\n#1,1,2,0\n#2,3,4,1\n#3,5,6,0\n")
    assert table.m == 3 and table.columns[0].texts == ["#1", "#2", "#3"]


# ---------------------------------------------------------------------------
# Excel's separator at the end of each line
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["a,b,y,\n1,2,0,\n3,4,1,\n5,6,0,\n",
                                  "a;b;y;\r\n1,5;2;0;\r\n3;4,5;1;\r\n5;6;0;\r\n",
                                  "a,b,y,,\n1,2,0,,\n3,4,1\n5,6,0,,\n",
                                  "1,2,0,\n3,4,1,\n5,6,0,\n"])
def test_an_empty_last_column_without_a_name_is_left_out(text):
    table = parse_table(text)
    assert len(table.columns) == 3 and table.ragged == {}
    assert "empty last column" in table.describe()
    assert all(len(row) == 3 for row in table.preview_rows)
    choice = choose(table)
    assert choice.names[2] == table.names[2]
    assert choice.problem is None and choice.bad_count == 0
    assert choice.points_and_labels()[1].tolist() == [0, 1, 0]


def test_a_named_or_partly_filled_last_column_is_kept():
    assert parse_table("a,b,y,notes\n1,2,0,\n3,4,1,\n").names == ["a", "b", "y", "notes"]
    table = parse_table("a,b,y,\n1,2,0,\n3,4,1,late\n")
    assert table.names == ["a", "b", "y", "column 4"]
    assert np.isnan(table.columns[3].numbers).all()


# ---------------------------------------------------------------------------
# Files teachers bring (a tour of 54 of them, 1 Dec 2026)
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("header,ids", [
    ("StudentID", [1001, 1002, 1003, 1004, 1005]),
    ("id", [5731, 1290, 8842, 3307, 6618]),
    ("student_id", [17, 4, 99, 23, 61]),
])
def test_an_id_column_is_no_feature(header, ids):
    """A student number became x1, unasked: the class's points lay along a line of ids."""
    rows = "".join(f"{i},{a},{b},{y}\n" for i, a, b, y in
                   zip(ids, (34.6, 30.3, 35.8, 60.2, 79.0), (78.0, 43.9, 72.9, 86.3, 75.3),
                       (0, 0, 0, 1, 1), strict=True))
    choice = choose(parse_table(f"{header},exam1,exam2,admitted\n" + rows))
    assert choice.names == ("exam1", "exam2", "admitted")


def test_a_stray_decimal_comma_makes_a_bad_row_not_a_shifted_one():
    """"60,5,86.31,1" was read as x1 = 60, x2 = 5, y = 86.31: numpy dropped the 4th cell."""
    text = "x1,x2,y\n" + "1.5,2.5,0\n3.5,4.5,1\n" * 15 + "60,5,86.31,1\n"
    table = parse_table(text)
    choice = choose(table)
    assert choice.bad_count == 1
    assert choice.bad_rows(1) == [(32, "4 values, expected 3")]
    assert sorted(v.text for v in choice.values) == ["0", "1"]


def test_lines_of_bare_separators_are_no_rows():
    """Excel and Sheets leave ";;" and ",,," below the data: they were 'bad rows'."""
    table = parse_table("x1;x2;y\n1,5;2;0\n3;4,5;1\n;;\n ; ; \n")
    assert table.m == 2 and choose(table).bad_count == 0


def test_a_yes_no_label_in_the_middle_is_the_label():
    """'student, math, Passed, reading': the last column was taken as the label and the
    file refused, with no way in the preview to pick 'Passed'."""
    text = "student,math,Passed,reading\nAnn,71,Yes,80\nBo,42,No,51\nCy,88,Yes,90\n"
    choice = choose(parse_table(text))
    assert choice.names == ("math", "reading", "Passed")
    assert choice.positive.text == "Yes" and choice.problem is None


def test_admitted_and_not_admitted_need_no_question():
    text = "a,b,result\n1,2,admitted\n3,4,not admitted\n5,6,admitted\n"
    choice = choose(parse_table(text))
    assert choice.positive.text == "admitted" and choice.ambiguous is None


@pytest.mark.parametrize("cell,hint", [("34%", "percent signs"),
                                       ('"9,648.00"', "thousands separator")])
def test_numbers_a_spreadsheet_formatted_say_how_to_save_them(cell, hint):
    text = "x1,x2,y\n" + f"{cell},2,0\n" * 4 + "1,2,1\n"
    with pytest.raises(FileProblem) as info:
        choose(parse_table(text))
    assert hint in info.value.problem, info.value.problem


def test_a_workbook_renamed_csv_is_named_as_one(tmp_path):
    from core.table import read_table

    path = tmp_path / "grades.csv"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200))
    with pytest.raises(FileProblem) as info:
        read_table(path)
    assert "Excel (.xlsx)" in info.value.problem and "save the sheet as CSV" in info.value.problem
    assert info.value.line is None


def test_one_bad_row_of_nine_is_said_in_good_english():
    text = "x1,x2,y\n" + "1,2,0\n3,4,1\n" * 4 + "5,,1\n"
    with pytest.raises(FileProblem) as info:
        choose(parse_table(text)).points_and_labels()
    assert "x2 is empty (1 of 9 rows has a missing" in info.value.problem, info.value.problem
    assert "(y)" not in info.value.problem


@pytest.mark.parametrize("title", ["Exam results 2023 - Class 10B",
                                   "Exam results, Class 10B, 2023",
                                   "Exam results 2023,,,"])
def test_a_title_line_above_the_header_is_skipped_and_said(title):
    """A title above the header was taken as the header (the real one a bad row), or
    refused with advice to "separate every row's values with spaces"."""
    text = f"{title}\nstudent,exam1,exam2,admitted\nAnn,34.6,78.0,0\nBo,60.2,86.3,1\nCy,79.0,75.3,1\n"
    table = parse_table(text)
    assert table.title == title.rstrip(",")
    assert f"the title line {title.rstrip(',')!r} skipped" in table.describe()
    choice = choose(table)
    assert choice.names == ("exam1", "exam2", "admitted") and choice.bad_count == 0
    assert table.lines.tolist() == [3, 4, 5]


def test_a_header_with_another_separator_is_no_title():
    with pytest.raises(FileProblem):
        parse_table("a,b,c\n1 2 3\n4 5 6\n")


def test_missing_marks_are_missing_cells_not_words():
    """6 of 8 x2 cells "NA", "N/A", "-", "?"…: the column was refused as "mostly words"
    and skipping bad rows did not help; "NA" in a yes/no label was a third class."""
    text = ("x1,x2,passed\n1,2,yes\n3,NA,no\n5,N/A,yes\n7,-,no\n9,?,yes\n2,,no\n4,nan,yes\n"
            "6,1.5,no\n8,2.5,NA\n")
    choice = choose(parse_table(text))
    assert choice.problem is None and choice.names == ("x1", "x2", "passed")
    assert sorted(v.text for v in choice.values) == ["no", "yes"]
    assert choice.bad_count == 7
    assert (3, "x2 is missing ('NA')") in choice.bad_rows(10)
    points, labels = choice.points_and_labels(skip_bad_rows=True)
    assert points.tolist() == [[1.0, 2.0], [6.0, 1.5]] and labels.tolist() == [1, 0]
