"""Any delimited table: dialects, headers, bad rows, the course's ex2 data.

Choosing the columns and reading the label values: test_table_columns.py.

The committed tables are in tests/files/tables (EXPECTED.json says what each
must give; regenerate with tests/files/make_tables.py); the course's own
``ex2data1.txt`` is in tests/files.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.fit import fit
from core.lesson import Lesson, csv_text, read_document, write_lesson
from core.table import Cancelled, parse_table, read_table
from core.table_columns import BadRows, choose
from core.text_file import FileProblem

FILES = Path(__file__).resolve().parents[1] / "files"
TABLES = FILES / "tables"
EX2 = FILES / "ex2data1.txt"
EXPECTED = json.loads((TABLES / "EXPECTED.json").read_text(encoding="utf-8"))
GOOD = sorted(n for n, e in EXPECTED.items() if "rows" in e)
BAD = sorted(n for n, e in EXPECTED.items() if "message" in e)


def open_table(path, **picks):
    """(Choice, points, labels) as the command line opens it (bad rows skipped)."""
    choice = choose(read_table(path), **picks)
    points, labels = choice.points_and_labels(skip_bad_rows=True)
    return choice, points, labels


def same_bits(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


# ---------------------------------------------------------------------------
# The course's data: Coursera ML ex2, ex2data1.txt
# ---------------------------------------------------------------------------
def ex2():
    _, points, labels = open_table(EX2)
    return points, labels


def test_ex2data1_reads_as_the_course_describes_it():
    table = read_table(EX2)
    assert table.describe() == "100 rows, 3 columns, separated by commas, no header line"
    choice = choose(table)
    assert choice.names == ("column 1", "column 2", "column 3")
    assert choice.positive.text == "1"
    assert choice.ambiguous is None
    points, labels = choice.points_and_labels()
    assert points.shape == (100, 2)
    assert int(labels.sum()) == 60
    assert points[0].tolist() == [34.62365962451697, 78.0246928153624]
    assert points[-1].tolist() == [74.77589300092767, 89.52981289513276]
    # numpy's own reading of the file agrees to the last bit.
    raw = np.loadtxt(EX2, delimiter=",")
    assert same_bits(points, raw[:, :2])
    assert np.array_equal(labels, raw[:, 2])


def test_ex2data1_reaches_the_optimum_the_course_publishes():
    """ex2: J(θ) = 0.203, θ = [−25.161, 0.206, 0.201], train accuracy 89.0 %."""
    points, labels = ex2()
    result = fit(points, labels, learning_rate=1.0, max_steps=50_000, tol=1e-7)
    assert result.converged
    assert not result.diverged
    assert result.costs[0] > 0.5
    assert result.costs[-1] == pytest.approx(0.2035, abs=5e-5)
    assert result.theta == pytest.approx([-25.16, 0.206, 0.201], abs=5e-3)
    assert np.allclose(result.theta, [-25.161, 0.2062, 0.2015], rtol=2e-3)
    accuracy = np.mean((result.predict_proba(points) >= 0.5) == labels)
    assert accuracy == 0.89
    # The course's check: a student with scores 45 and 85 is admitted with p ≈ 0.776.
    assert result.predict_proba([[45, 85]])[0] == pytest.approx(0.776, abs=2e-3)


@pytest.mark.parametrize("name", ["ex2_excel_de.csv", "ex2_excel_unicode.txt", "ex2_spaces.txt",
                                  "ex2_with_id.tsv"])
def test_spreadsheet_exports_of_ex2_give_the_same_data(name):
    args = EXPECTED[name].get("args", {})
    choice, points, labels = open_table(TABLES / name, **args)
    want_points, want_labels = ex2()
    assert same_bits(points, want_points)
    assert np.array_equal(labels, want_labels)
    assert list(choice.names) == EXPECTED[name]["names"]


# ---------------------------------------------------------------------------
# The corpus: good tables open, bad ones are refused with a message that helps
# ---------------------------------------------------------------------------
def test_corpus_is_listed():
    on_disk = {p.name for p in TABLES.iterdir()} - {"EXPECTED.json"}
    assert on_disk == set(EXPECTED)
    assert len(BAD) >= 20
    assert len(GOOD) >= 10
    stages = {EXPECTED[n]["stage"] for n in BAD}
    assert stages == {"read", "columns", "choice", "rows"}


@pytest.mark.parametrize("name", GOOD)
def test_good_table_opens(name):
    want = EXPECTED[name]
    choice, points, labels = open_table(TABLES / name, **want.get("args", {}))
    assert list(choice.names) == want["names"]
    assert len(points) == want["rows"]
    assert len(labels) == want["rows"]
    assert int(labels.sum()) == want["positives"]
    assert choice.problem is None
    assert (choice.ambiguous is not None) == want.get("ambiguous", False)
    assert choice.bad_count == want.get("bad_rows", 0)
    assert choice.is_points_file == want.get("direct", False)
    assert np.all(np.isfinite(points))
    if not want.get("bad_rows"):
        choice.points_and_labels()  # no consent needed


@pytest.mark.parametrize("name", BAD)
def test_bad_table_says_what_is_wrong_and_how_to_fix_it(name):
    want = EXPECTED[name]
    path = TABLES / name
    with pytest.raises(FileProblem) as info:
        open_as_the_app_does(path)
    exc = info.value
    stage = {"BadRows": "rows"}.get(type(exc).__name__, want["stage"])
    assert stage == want["stage"]
    assert want["message"] in exc.problem
    assert exc.line == want["line"]
    assert str(exc).startswith(name)
    assert isinstance(exc, BadRows) == (want["stage"] == "rows")


def open_as_the_app_does(path):
    """Read, choose the default columns, take the points (no consent to skip rows)."""
    choice = choose(read_table(path))
    if choice.problem:
        raise FileProblem(str(path), choice.problem)
    return choice.points_and_labels()


def test_bad_rows_are_counted_listed_and_skipped_only_with_consent():
    choice = choose(read_table(TABLES / "some_bad_rows.csv"))
    assert choice.bad_count == 3
    assert choice.bad_rows() == [(3, "x is empty"), (4, "y is not a number: 'abc'"),
                                 (6, "label (y) is missing ('NA')")]
    assert choice.bad_rows(limit=1) == [(3, "x is empty")]
    with pytest.raises(BadRows) as info:
        choice.points_and_labels()
    assert info.value.line == 3
    assert "3 of 6 rows have a missing or non-numeric cell" in info.value.problem
    assert "skip" in info.value.problem
    points, labels = choice.points_and_labels(skip_bad_rows=True)
    assert points.tolist() == [[1, 2], [5, 6], [9, 10]]
    assert labels.tolist() == [1, 0, 1]


# ---------------------------------------------------------------------------
# Dialects
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "separator"), [
    ("a,b,c\n1.5,2,1\n3,4.25,0\n", ","),
    ("a;b;c\n1,5;2;1\n3;4,25;0\n", ";"),
    ("a\tb\tc\n1,5\t2\t1\n3\t4,25\t0\n", "\t"),
    ("a|b|c\n1.5|2|1\n3|4.25|0\n", "|"),
    ("a b c\n1.5  2 1\n 3\t4.25 0\n", " "),
    ("\ufeffa,b,c\r\n1.5,2,1\r\n\r\n3,4.25,0\r\n\r\n", ","),
    ("a , b , c\n 1.5 , 2 , 1\n3 ,4.25, 0\n", ","),
    ('"a";"b";"c"\n"1,5";"2";"1"\n3;"4,25";0\n', ";"),
    ("a,b,c\r1.5,2,1\r3,4.25,0", ","),
])
def test_dialects_give_the_same_table(text, separator):
    table = parse_table(text, "t.csv")
    assert table.separator == separator
    assert table.header
    assert table.names == ["a", "b", "c"]
    choice = choose(table)
    points, labels = choice.points_and_labels()
    assert points.tolist() == [[1.5, 2.0], [3.0, 4.25]]
    assert labels.tolist() == [1, 0]


def test_decimal_comma_only_where_unambiguous():
    assert parse_table("1,5;2;1\n3;4,5;0\n").decimal_comma
    assert parse_table("1,5\t2\t1\n3\t4,5\t0\n").decimal_comma
    # Commas that separate are never decimal commas.
    table = parse_table("1,5,1\n3,4,0\n")
    assert table.separator == ","
    assert not table.decimal_comma
    assert len(table.columns) == 3
    # Points and commas mixed: neither is guessed; the comma cells are bad.
    table = parse_table("a;b;c\n1.5;2;1\n2,5;3;0\n")
    assert not table.decimal_comma
    assert "mixed" in choose(table).bad_rows()[0][1]


def test_line_numbers_count_blank_lines_and_the_header():
    table = parse_table("\n\na,b,c\n\n1,2,1\n\n\n3,x,0\n", "t.csv")
    assert table.lines.tolist() == [5, 8]
    assert choose(table).bad_rows() == [(8, "b is not a number: 'x'")]


def test_header_detection():
    assert not parse_table("1,2,1\n3,4,0\n").header
    assert parse_table("x,y,label\n1,2,1\n").header
    assert parse_table("x,2019,label\n1,2,1\n").header  # a year as a column name
    assert not parse_table("1,2,yes\n3,4,no\n").header  # words only in the label column
    assert parse_table("1,2,3\n").names == ["column 1", "column 2", "column 3"]
    # Empty and repeated names are made unique.
    assert parse_table("a,,a\n1,2,1\n").names == ["a", "column 2", "a (3)"]


def test_a_header_only_file_and_a_single_row():
    with pytest.raises(FileProblem, match="no data rows"):
        parse_table("a,b,c\n")
    table = parse_table("1,2,1")
    assert table.m == 1
    assert table.lines.tolist() == [1]


def test_preview_rows_keep_the_cells_as_written():
    table = parse_table("a;b;c\n1,5;2;yes\n3;;no\n" + "5;6;yes\n" * 100)
    assert table.preview_rows[:2] == [["1,5", "2", "yes"], ["3", "", "no"]]
    assert len(table.preview_rows) == 50


def test_cells_keep_their_text_and_numbers_are_exact():
    table = parse_table("a,b,c\n0.1,-0.0,1\n1e-320,2.5,0\nabc,,1\n")
    a, b, _ = table.columns
    assert same_bits(a.numbers[:2], [0.1, 1e-320])
    assert np.isnan(a.numbers[2])
    assert same_bits(b.numbers[:2], [-0.0, 2.5])
    assert a.text(2) == "abc"
    assert b.text(2) == ""
    assert a.text(0) == "0.1"


# ---------------------------------------------------------------------------
# Files: lessons and tables, what the app writes, garbage
# ---------------------------------------------------------------------------
def test_read_document_tells_lessons_from_tables(tmp_path):
    lesson = Lesson([[1.0, 2.0]], [1], title="t")
    write_lesson(tmp_path / "a.logitlab.json", lesson)
    (tmp_path / "lesson.csv").write_text((tmp_path / "a.logitlab.json").read_text("utf-8"),
                                        encoding="utf-8")
    for name in ("a.logitlab.json", "lesson.csv"):
        got = read_document(tmp_path / name)
        assert isinstance(got, Lesson)
        assert got.points.tolist() == [[1.0, 2.0]]
    assert read_document(EX2).m == 100
    # A .json name is a lesson, whatever it holds.
    (tmp_path / "x.json").write_text("34.6,78.0,0\n", encoding="utf-8")
    with pytest.raises(FileProblem, match="not valid JSON"):
        read_document(tmp_path / "x.json")


def test_points_exported_with_column_names_open_with_those_names():
    points = np.array([[0.1, -2.5], [1e-300, 3.0e12], [1 / 3, 2.0]])
    text = csv_text(points, [1, 0, 1], names=("exam 1", "exam, 2", 'say "yes"'))
    assert text.splitlines()[0] == 'exam 1,"exam, 2","say ""yes"""'
    choice = choose(parse_table(text))
    assert choice.names == ("exam 1", "exam, 2", 'say "yes"')
    got, labels = choice.points_and_labels()
    assert same_bits(got, points)
    assert labels.tolist() == [1, 0, 1]
    with pytest.raises(ValueError, match="three non-empty column names"):
        csv_text(points, [1, 0, 1], names=("a", "b"))


finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.tuples(finite, finite, st.sampled_from([0, 1])), min_size=1,
                     max_size=30),
       separator=st.sampled_from([",", ";", "\t", " ", "|"]), header=st.booleans(),
       words=st.booleans(), crlf=st.booleans())
def test_any_dialect_round_trips_exactly(rows, separator, header, words, crlf):
    names = ["first", "second", "class"]
    lines = [separator.join(names)] if header else []
    for a, b, y in rows:
        label = ("yes" if y else "no") if words else str(y)
        lines.append(separator.join([repr(a), repr(b), label]))
    text = ("\r\n" if crlf else "\n").join(lines)
    table = parse_table(text)
    assert table.header == header
    choice = choose(table)
    points, labels = choice.points_and_labels()
    assert same_bits(points, [r[:2] for r in rows])
    if len({r[2] for r in rows}) == 2 or words or rows[0][2] == 1:
        assert labels.tolist() == [r[2] for r in rows]


def test_garbage_never_escapes_as_another_exception(tmp_path):
    rng = np.random.default_rng(3)
    for i in range(300):
        data = rng.integers(1, 256, size=int(rng.integers(0, 400)), dtype=np.uint8).tobytes()
        if i % 3 == 0:  # text-like garbage: digits, separators, quotes, words
            data = bytes(rng.choice(list(b'0123456789.,;\t -+e"\nab'), size=len(data)))
        path = tmp_path / f"g{i}.csv"
        path.write_bytes(data)
        try:
            choice = choose(read_document(path))
            choice.points_and_labels(skip_bad_rows=bool(i % 2))
        except FileProblem:
            pass


# ---------------------------------------------------------------------------
# Large files: fast, with progress and cancel
# ---------------------------------------------------------------------------
def test_a_million_rows_read_fast_with_progress(tmp_path):
    rng = np.random.default_rng(7)
    block = rng.normal(size=(1000, 2)) * 10.0 ** rng.integers(-5, 5, size=(1000, 1))
    block_labels = rng.integers(0, 2, size=1000)
    body = csv_text(block, block_labels, names=("score a", "score b", "passed")).split("\n", 1)
    path = tmp_path / "million.csv"
    path.write_text(body[0] + "\n" + body[1] * 1000, encoding="utf-8")
    seen = []
    start = time.perf_counter()
    table = read_table(path, progress=seen.append)
    elapsed = time.perf_counter() - start
    points, labels = choose(table).points_and_labels()
    assert points.shape == (1_000_000, 2)
    assert same_bits(points[-1000:], block)
    assert np.array_equal(labels[:1000], block_labels)
    assert table.lines[-1] == 1_000_001
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert len(seen) > 10
    # A guard against a pathological slow path, not a benchmark (~2 s on an idle 2-core box).
    assert elapsed < 30.0, f"1,000,000 rows took {elapsed:.2f} s"


def test_word_labels_and_bad_cells_take_the_careful_path_still_quickly(tmp_path):
    rows = "".join(f"{i * 0.5},{i % 7},{'yes' if i % 3 else 'no'}\n" for i in range(200_000))
    path = tmp_path / "words.csv"
    path.write_text("a,b,ok\n" + rows + "1,,yes\n", encoding="utf-8")
    start = time.perf_counter()
    choice = choose(read_table(path))
    elapsed = time.perf_counter() - start
    assert choice.bad_rows() == [(200_002, "b is empty")]
    points, labels = choice.points_and_labels(skip_bad_rows=True)
    assert len(points) == 200_000
    assert int(labels.sum()) == sum(1 for i in range(200_000) if i % 3)
    assert elapsed < 30.0, f"200,000 rows with word labels took {elapsed:.2f} s"


def test_cancel_stops_a_read(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("a,b,c\n" + "1.5,2.5,1\n" * 400_000, encoding="utf-8")
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        read_table(path, cancel=cancel)
    with pytest.raises(Cancelled):
        read_document(path, cancel=lambda: True)
