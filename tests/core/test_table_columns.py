"""Choosing the columns of a table: features and label by name or number, label values.

``core.table_columns``: the default and explicit column picks, problems no pick
can fix, and how a label column's values become 0 and 1 (known pairs, words the
user confirms, one class against the rest).
"""

from __future__ import annotations

import pytest

from core.table import parse_table
from core.table_columns import MAX_LABEL_VALUES, choose, find_column
from core.text_file import FileProblem


# ---------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------
def test_find_column_by_name_any_case_or_number():
    table = parse_table("Exam 1,Exam 2,Admitted\n1,2,1\n3,4,0\n", "t.csv")
    assert find_column(table, "Exam 2") == 1
    assert find_column(table, "admitted") == 2
    assert find_column(table, "1") == 0
    assert find_column(table, 2) == 2  # an int is 0-based (the dialog's index)
    with pytest.raises(FileProblem) as info:
        find_column(table, "score")
    assert "no column 'score'" in info.value.problem
    assert "1 'Exam 1', 2 'Exam 2', 3 'Admitted'" in info.value.problem
    with pytest.raises(FileProblem):
        find_column(table, "4")


def test_default_columns_and_explicit_picks():
    table = parse_table("name,id,a,b,c,label\nann,1,5,6,7,1\nbob,2,8,9,1,0\ncy,3,2,2,2,1\n")
    choice = choose(table)
    assert choice.names == ("a", "b", "label")  # words and the row counter skipped
    choice = choose(table, x1="c", x2="a", y="b", positive="2")
    assert choice.names == ("c", "a", "b")
    assert choice.problem is None
    assert choice.points_and_labels()[1].tolist() == [0, 0, 1]
    assert "both 'a'" in choose(table, x1="a", x2="a").problem
    assert "feature and the label" in choose(table, x1="a", y="a").problem
    assert "holds words" in choose(table, x1="name").problem


def test_problems_that_no_pick_can_fix_are_file_problems():
    with pytest.raises(FileProblem, match="2 columns found"):
        choose(parse_table("a,b\n1,2\n"))
    with pytest.raises(FileProblem, match="none holds numbers"):
        choose(parse_table("a,b,c\nx,y,z\np,q,r\n"))


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------
def labels_of(column_text, **picks):
    rows = "".join(f"{i},{i % 3},{v}\n" for i, v in enumerate(column_text.split()))
    choice = choose(parse_table("a,b,y\n" + rows), **picks)
    return choice, choice.points_and_labels()[1].tolist()


@pytest.mark.parametrize(("values", "positive", "labels"), [
    ("0 1 1 0", "1", [0, 1, 1, 0]),
    ("-1 1 1 -1", "1", [0, 1, 1, 0]),
    ("1 2 2 1", "2", [0, 1, 1, 0]),
    ("0.0 1.0 1 0", "1", [0, 1, 1, 0]),
    ("no yes Yes NO", "yes", [0, 1, 1, 0]),
    ("FALSE TRUE TRUE FALSE", "TRUE", [0, 1, 1, 0]),
    ("n y y n", "y", [0, 1, 1, 0]),
    ("fail pass pass fail", "pass", [0, 1, 1, 0]),
])
def test_known_label_pairs_need_no_question(values, positive, labels):
    choice, got = labels_of(values)
    assert choice.ambiguous is None
    assert choice.positive.text == positive
    assert got == labels


def test_spellings_of_a_word_are_one_value():
    choice, got = labels_of("no yes Yes NO yes", positive="YES")
    assert [(v.text, v.count) for v in choice.values] == [("no", 2), ("yes", 3)]
    assert got == [0, 1, 1, 0, 1]


def test_other_words_are_a_guess_the_user_confirms():
    choice, got = labels_of("cat dog dog cat")
    assert choice.ambiguous
    assert "'cat', 'dog'" in choice.ambiguous
    assert choice.positive.text == "dog"
    assert got == [0, 1, 1, 0]
    choice, got = labels_of("cat dog dog cat", positive="cat")
    assert choice.ambiguous is None
    assert got == [1, 0, 0, 1]
    assert [(v.text, v.count) for v in choice.values] == [("cat", 2), ("dog", 2)]


def test_more_than_two_classes_one_against_the_rest():
    choice, got = labels_of("setosa virginica versicolor setosa")
    assert "3 values" in choice.ambiguous
    assert "others become 0" in choice.ambiguous
    choice, got = labels_of("setosa virginica versicolor setosa", positive="setosa")
    assert got == [1, 0, 0, 1]
    choice, got = labels_of("0 1 2 2", positive="2.0")
    assert got == [0, 0, 1, 1]


def test_positive_that_is_not_a_label_is_a_problem():
    choice, _ = choose(parse_table("a,b,y\n1,2,0\n3,4,1\n"), positive="yes"), None
    assert "'yes' is not a label in 'y'; its labels are '0', '1'" in choice.problem


def test_one_class_is_kept_as_it_is():
    assert labels_of("1 1 1")[1] == [1, 1, 1]
    assert labels_of("0 0 0")[1] == [0, 0, 0]
    assert labels_of("no no no")[1] == [0, 0, 0]


def test_a_continuous_column_is_not_a_label():
    values = " ".join(str(v / 7) for v in range(MAX_LABEL_VALUES + 1))
    choice = choose(parse_table("a,b,y\n" + "".join(
        f"{i},{i * i},{v}\n" for i, v in enumerate(values.split()))))
    assert "21 different values" in choice.problem


def test_describe_labels():
    choice, _ = labels_of("no yes yes no no")
    assert choice.describe_labels() == "no → y = 0 (3); yes → y = 1 (2)"
