"""CSV files of points: exact round trips, what a reader tolerates, a million rows."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.lesson import FileProblem, csv_text, parse_csv, read_csv, write_csv

from .support import finite, same_bits


def test_csv_write_read_lossless(tmp_path):
    points = np.array([[0.1, -0.0], [1e-320, -1.7976931348623157e308], [1 / 3, 2.0**60]])
    labels = np.array([1, 0, 1])
    path = tmp_path / "points.csv"
    write_csv(path, points, labels)
    assert path.read_bytes().startswith(b"x1,x2,y\n")
    got_points, got_labels = read_csv(path)
    assert same_bits(got_points, points)
    assert got_labels.dtype == np.int8 and got_labels.tolist() == [1, 0, 1]


@settings(max_examples=150)
@given(
    st.lists(st.tuples(finite, finite, st.sampled_from([0, 1])), min_size=1, max_size=40)
)
def test_csv_round_trip_is_exact(rows):
    points = np.array([r[:2] for r in rows], dtype=float)
    labels = np.array([r[2] for r in rows])
    got_points, got_labels = parse_csv(csv_text(points, labels))
    assert same_bits(got_points, points)
    assert np.array_equal(got_labels, labels)


def test_csv_text_rejects_bad_data():
    with pytest.raises(ValueError, match="0 or 1"):
        csv_text([[0, 0]], [3])
    with pytest.raises(ValueError, match="non-finite"):
        csv_text([[0, float("inf")]], [1])


def test_csv_tolerates_bom_crlf_spaces_and_blank_lines():
    text = "\ufeff x1 , x2 ,y\r\n1,2,1.0\r\n\r\n 3 , 4 , 0 \r\n\r\n\r\n"
    points, labels = parse_csv(text)
    assert points.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert labels.tolist() == [1, 0]


def test_csv_bad_line_located_in_a_big_file():
    rows = "".join(f"{i}.5,{-i}.25,{i % 2}\n" for i in range(200_000))
    text = "x1,x2,y\n" + rows + "7,8,9\n" + "1,1,1\n" * 10
    with pytest.raises(FileProblem) as info:
        parse_csv(text, path="big.csv")
    assert info.value.line == 200_002
    assert "label must be 0 or 1, got '9'" in str(info.value)


def test_million_rows_load_fast(tmp_path):
    rng = np.random.default_rng(7)
    block = rng.normal(size=(1000, 2)) * 10.0 ** rng.integers(-5, 5, size=(1000, 1))
    block_labels = rng.integers(0, 2, size=1000)
    path = tmp_path / "million.csv"
    body = csv_text(block, block_labels).split("\n", 1)[1]
    path.write_text("x1,x2,y\n" + body * 1000, encoding="utf-8")
    start = time.perf_counter()
    points, labels = read_csv(path)
    elapsed = time.perf_counter() - start
    assert points.shape == (1_000_000, 2) and labels.shape == (1_000_000,)
    assert same_bits(points[-1000:], block)
    assert np.array_equal(labels[:1000], block_labels)
    # A guard against a pathological slow path (a Python loop per row), not a benchmark:
    # ~1.5 s on an idle 2-core box; how fast it reads is the benchmark's business.
    assert elapsed < 30.0, f"1,000,000 rows took {elapsed:.2f} s"
