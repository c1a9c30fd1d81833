"""Lesson files (.logitlab.json), CSV files, the presets and the bad-file corpus."""

from __future__ import annotations

import builtins
import importlib.util
import json
import os
import pickle
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import text_file
from core.features import TERMS
from core.fit import fit
from core.lesson import (
    MAX_FILE_BYTES,
    FileProblem,
    Lesson,
    csv_text,
    lesson_from_json,
    lesson_to_json,
    parse_csv,
    read_csv,
    read_lesson,
    write_csv,
    write_lesson,
)

ROOT = Path(__file__).resolve().parents[2]
PRESETS = ROOT / "resources" / "presets"
BAD = ROOT / "tests" / "files" / "bad"
EXPECTED = json.loads((BAD / "EXPECTED.json").read_text(encoding="utf-8"))


def same_bits(a, b):
    """Equal to the last bit, -0.0 and 0.0 told apart."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


def reader_for(name):
    return read_csv if name.endswith(".csv") else read_lesson


def full_lesson():
    return Lesson(
        points=np.array([[0.1, -2.5], [1e-300, 3.0e12], [-0.0, 0.3333333333333333]]),
        labels=np.array([1, 0, 1]),
        terms=("x1", "x2", "x1^2", "x1*x2", "x2^2"),
        standardize=False,
        loss="squared_error",
        learning_rate=0.123456789,
        tol=0.0,
        steps_per_frame=7,
        seed=12345,
        view=(-1.5, 2.25, -0.1, 1e-3),
        theta=np.array([0.1, -0.2, 1 / 3, 2.0**-40, 5e300, -7.0]),
        iteration=987654321,
        title="Circle: x1² + x2² ≥ 1",
        description='Quotes " and \\ backslashes,\nnew lines and ünïcödé.',
    )


def assert_same_lesson(a, b):
    assert same_bits(a.points, b.points)
    assert a.labels.dtype == b.labels.dtype == np.int8
    assert np.array_equal(a.labels, b.labels)
    for field in (
        "terms",
        "standardize",
        "loss",
        "steps_per_frame",
        "seed",
        "iteration",
        "title",
        "description",
    ):
        assert getattr(a, field) == getattr(b, field), field
    for field in ("learning_rate", "tol"):
        assert same_bits(getattr(a, field), getattr(b, field)), field
    assert (a.view is None) == (b.view is None)
    if a.view is not None:
        assert same_bits(a.view, b.view)
    assert (a.theta is None) == (b.theta is None)
    if a.theta is not None:
        assert same_bits(a.theta, b.theta)


# ---------------------------------------------------------------------------
# FileProblem
# ---------------------------------------------------------------------------
def test_file_problem_message_with_and_without_line():
    exc = FileProblem("/some/where/points.csv", "label must be 0 or 1, got 'cat'", 7)
    assert str(exc) == "points.csv, line 7: label must be 0 or 1, got 'cat'"
    assert exc.path == "/some/where/points.csv"
    assert exc.line == 7
    assert exc.problem == "label must be 0 or 1, got 'cat'"
    assert isinstance(exc, ValueError)
    plain = FileProblem(Path("a/lesson.logitlab.json"), "file not found")
    assert str(plain) == "lesson.logitlab.json: file not found"
    assert plain.line is None
    again = pickle.loads(pickle.dumps(exc))
    assert (again.path, again.line, again.problem) == (exc.path, exc.line, exc.problem)


# ---------------------------------------------------------------------------
# Lesson round trips
# ---------------------------------------------------------------------------
def test_lesson_round_trip_every_field(tmp_path):
    original = full_lesson()
    path = tmp_path / "all.logitlab.json"
    write_lesson(path, original)
    assert_same_lesson(original, read_lesson(path))
    assert_same_lesson(original, lesson_from_json(lesson_to_json(original)))
    # The text is stable: saving what was read gives the same bytes.
    assert lesson_to_json(read_lesson(path)) == path.read_text(encoding="utf-8")


def test_lesson_json_is_readable_and_tagged():
    text = lesson_to_json(full_lesson())
    data = json.loads(text)
    assert data["format"] == "logitlab-lesson"
    assert data["version"] == 1
    assert data["features"] == {"terms": list(TERMS), "standardize": False}
    assert data["view"] == {"x": [-1.5, 2.25], "y": [-0.1, 1e-3]}
    assert "Circle: x1² + x2² ≥ 1" in text  # UTF-8, not \u escapes
    assert text.count("\n") > 10  # indented, one point per line
    assert "NaN" not in text and "Infinity" not in text


def test_defaults_for_missing_optional_keys_and_extra_keys_ignored():
    text = json.dumps(
        {
            "format": "logitlab-lesson",
            "version": 1,
            "points": [[1, 2], [3, 4]],
            "labels": [0, 1],
            "made_by": "a future LogitLab",
            "features": {"terms": ["x1"], "colour": "red"},
        }
    )
    got = lesson_from_json(text)
    assert got.terms == ("x1",)
    assert got.standardize is True
    assert got.loss == "cross_entropy"
    assert got.learning_rate == 0.5
    assert got.tol == 1e-4
    assert got.steps_per_frame == 50
    assert got.seed == 0
    assert got.view is None and got.theta is None
    assert got.iteration == 0
    assert got.title == "" and got.description == ""
    assert got.points.dtype == float and got.points.shape == (2, 2)


def test_empty_data_set_round_trips():
    empty = Lesson(np.zeros((0, 2)), np.zeros(0))
    again = lesson_from_json(lesson_to_json(empty))
    assert again.points.shape == (0, 2) and again.labels.shape == (0,)


def test_terms_in_another_order_reorder_theta():
    text = json.dumps(
        {
            "format": "logitlab-lesson",
            "version": 1,
            "points": [[1, 2]],
            "labels": [1],
            "features": {"terms": ["x2^2", "x1"]},
            "theta": [0.5, 2.0, 3.0],
        }
    )
    got = lesson_from_json(text)
    assert got.terms == ("x1", "x2^2")
    assert got.theta.tolist() == [0.5, 3.0, 2.0]


def test_nan_line_is_found_outside_strings():
    text = (
        '{"format": "logitlab-lesson", "version": 1,\n'
        '"description": "NaN and Infinity are words here",\n'
        '"points": [[1, 2]], "labels": [1],\n'
        '"theta": [0, 1,\n NaN]}'
    )
    with pytest.raises(FileProblem) as info:
        lesson_from_json(text, path="x.logitlab.json")
    assert info.value.line == 5
    assert "theta[2] is NaN" in info.value.problem


def test_lesson_constructor_checks_values():
    with pytest.raises(ValueError, match="learning_rate"):
        Lesson([[0, 0]], [1], learning_rate=float("nan"))
    with pytest.raises(ValueError, match="theta has 2 values"):
        Lesson([[0, 0]], [1], theta=[1, 2])
    with pytest.raises(ValueError, match="unknown feature term"):
        Lesson([[0, 0]], [1], terms=("x3",))
    with pytest.raises(ValueError, match="0 or 1"):
        Lesson([[0, 0]], [2])
    with pytest.raises(TypeError):
        lesson_to_json({"points": []})


finite = st.floats(allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-300, max_value=1e300, allow_nan=False)


@st.composite
def lessons(draw):
    m = draw(st.integers(0, 20))
    points = draw(st.lists(st.tuples(finite, finite), min_size=m, max_size=m))
    labels = draw(st.lists(st.sampled_from([0, 1]), min_size=m, max_size=m))
    terms = tuple(draw(st.lists(st.sampled_from(TERMS), min_size=1, max_size=5, unique=True)))
    theta = draw(
        st.none() | st.lists(finite, min_size=len(terms) + 1, max_size=len(terms) + 1)
    )
    view = draw(st.none() | st.tuples(finite, finite, finite, finite))
    if view is not None:
        x0, x1, y0, y1 = view
        if not (x0 < x1 and y0 < y1):
            view = None
    return Lesson(
        points=np.array(points, dtype=float).reshape(m, 2),
        labels=np.array(labels, dtype=int),
        terms=terms,
        standardize=draw(st.booleans()),
        loss=draw(st.sampled_from(["cross_entropy", "squared_error"])),
        learning_rate=draw(positive),
        tol=draw(st.floats(min_value=0, max_value=1e300)),
        steps_per_frame=draw(st.integers(1, 10**6)),
        seed=draw(st.integers(0, 2**63 - 1)),
        view=view,
        theta=theta,
        iteration=draw(st.integers(0, 2**40)),
        title=draw(st.text(max_size=30)),
        description=draw(st.text(max_size=60)),
    )


@settings(max_examples=150)
@given(lessons())
def test_lesson_round_trip_is_exact(original):
    assert_same_lesson(original, lesson_from_json(lesson_to_json(original)))


def test_lesson_session_round_trip():
    rng = np.random.default_rng(0)
    points = rng.normal(size=(30, 2))
    labels = (points[:, 0] ** 2 + points[:, 1] > 0.5).astype(int)
    base = Lesson(points, labels, terms=TERMS, learning_rate=1.0, seed=3)
    session = base.to_session()
    session.step(37)
    saved = Lesson.from_session(session, view=(-3, 3, -3, 3), title="mid-run")
    assert saved.iteration == 37
    restored = lesson_from_json(lesson_to_json(saved)).to_session()
    assert restored.engine.iteration == 37
    assert same_bits(restored.engine.theta, session.engine.theta)
    grid = rng.uniform(-3, 3, size=(50, 2))
    assert np.allclose(restored.predict_proba(grid), session.predict_proba(grid))
    # Descent goes on identically from the restored state.
    session.step(5)
    restored.step(5)
    assert same_bits(restored.engine.theta, session.engine.theta)


# ---------------------------------------------------------------------------
# CSV round trips and tolerance
# ---------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------
# Presets
# ---------------------------------------------------------------------------
PRESET_FILES = sorted(PRESETS.glob("*.logitlab.json"))


def load_make_presets():
    spec = importlib.util.spec_from_file_location("make_presets", PRESETS / "make_presets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_presets_are_numbered_in_the_documented_order():
    names = [p.name for p in PRESET_FILES]
    assert len(names) >= 4
    assert [n.split("_", 1)[0] for n in names] == [str(i) for i in range(1, len(names) + 1)]
    titles = [read_lesson(p).title for p in PRESET_FILES]
    assert titles[:4] == [
        "Linear: x1 + x2 ≥ 3",
        "Circle: x1² + x2² ≥ 1",
        "Overlapping blobs",
        "XOR",
    ]


@pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.name)
def test_preset_loads_and_is_a_good_lesson(path):
    lesson = read_lesson(path)
    m = len(lesson.points)
    assert 30 <= m <= 150
    assert set(lesson.labels.tolist()) == {0, 1}
    assert lesson.title and 20 <= len(lesson.description) <= 300
    assert lesson.standardize is True
    assert lesson.theta is None and lesson.iteration == 0
    assert np.array_equal(np.round(lesson.points, 2), lesson.points)  # short decimals
    x0, x1, y0, y1 = lesson.view
    assert np.all((lesson.points[:, 0] > x0) & (lesson.points[:, 0] < x1))
    assert np.all((lesson.points[:, 1] > y0) & (lesson.points[:, 1] < y1))
    session = lesson.to_session()
    assert session.regime().word not in ("no data", "one class")
    assert lesson.learning_rate < session.alpha_star()
    # The file is exactly what the writer produces (so it was generated).
    assert lesson_to_json(lesson) == path.read_text(encoding="utf-8")


def test_preset_rules_and_lecture_thetas():
    by_title = {read_lesson(p).title: read_lesson(p) for p in PRESET_FILES}
    linear = by_title["Linear: x1 + x2 ≥ 3"]
    assert linear.terms == ("x1", "x2")
    assert np.array_equal(linear.labels, (linear.points.sum(axis=1) >= 3).astype(int))
    assert np.all((linear.points >= 0) & (linear.points <= 4))
    circle = by_title["Circle: x1² + x2² ≥ 1"]
    assert circle.terms == ("x1", "x2", "x1^2", "x2^2")
    r2 = np.sum(circle.points**2, axis=1)
    assert np.array_equal(circle.labels, (r2 >= 1).astype(int))
    assert np.all(np.abs(circle.points) <= 2)
    # The lecture's θ classifies every point (z ≥ 0 ⇔ y = 1).
    z_lin = -3 + linear.points @ [1, 1]
    assert np.array_equal(z_lin >= 0, linear.labels == 1)
    z_circle = -1 + circle.points**2 @ [1, 1]
    assert np.array_equal(z_circle >= 0, circle.labels == 1)
    assert by_title["XOR"].terms == TERMS
    assert by_title["Overlapping blobs"].terms == ("x1", "x2")


def test_presets_are_reproducible_from_the_script():
    module = load_make_presets()
    assert len(module.PRESETS) == len(PRESET_FILES)
    for number, (spec, path) in enumerate(zip(module.PRESETS, PRESET_FILES), start=1):
        assert path.name == f"{number}_{spec['name']}.logitlab.json"
        points, labels = spec["make"]()
        lesson = read_lesson(path)
        assert same_bits(lesson.points, points)
        assert np.array_equal(lesson.labels, labels)
        assert lesson.learning_rate == spec["learning_rate"]


@pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: p.name)
def test_preset_learning_rate_descends(path):
    lesson = read_lesson(path)
    result = fit(
        lesson.points,
        lesson.labels,
        features=lesson.terms,
        learning_rate=lesson.learning_rate,
        max_steps=1000,
    )
    assert not result.diverged
    assert np.all(np.diff(result.costs) <= 1e-12)


# ---------------------------------------------------------------------------
# The committed corpus of bad files
# ---------------------------------------------------------------------------
BAD_CASES = sorted(name for name, e in EXPECTED.items() if not e.get("ok"))
GOOD_CASES = sorted(name for name, e in EXPECTED.items() if e.get("ok"))


def test_corpus_is_complete_and_listed():
    on_disk = {p.name for p in BAD.iterdir()} - {"EXPECTED.json", "README.md"}
    assert on_disk == set(EXPECTED)
    assert len(BAD_CASES) >= 30
    assert {"bom.csv", "crlf.csv", "bom.logitlab.json", "crlf.logitlab.json"} <= set(GOOD_CASES)
    for name in BAD_CASES:
        assert (BAD / name).stat().st_size < 20_000, name


@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_file_is_refused_with_a_clear_message(name):
    expected = EXPECTED[name]
    with pytest.raises(FileProblem) as info:
        reader_for(name)(BAD / name)
    exc = info.value
    assert expected["message"] in exc.problem
    assert exc.line == expected["line"]
    assert str(exc).startswith(name)
    assert exc.path == str(BAD / name)


@pytest.mark.parametrize("name", GOOD_CASES)
def test_tolerated_file_loads(name):
    result = reader_for(name)(BAD / name)
    points = result[0] if isinstance(result, tuple) else result.points
    assert len(points) == EXPECTED[name]["rows"]
    assert points.tolist()[0] == [0.5, 1.0]


# ---------------------------------------------------------------------------
# Files that cannot be made in git: made at run time
# ---------------------------------------------------------------------------
READERS = [read_csv, read_lesson]


@pytest.mark.parametrize("reader", READERS)
def test_missing_file(reader, tmp_path):
    with pytest.raises(FileProblem, match="file not found"):
        reader(tmp_path / "nope.csv")


@pytest.mark.parametrize("reader", READERS)
def test_directory(reader, tmp_path):
    folder = tmp_path / "lesson.logitlab.json"
    folder.mkdir()
    with pytest.raises(FileProblem, match="folder, not a file"):
        reader(folder)


@pytest.mark.parametrize("reader", READERS)
def test_broken_symlink(reader, tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "gone.csv")
    with pytest.raises(FileProblem, match="broken symbolic link") as info:
        reader(link)
    assert "gone.csv" in info.value.problem


@pytest.mark.parametrize("reader", READERS)
def test_symlink_loop(reader, tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(FileProblem, match="cannot open the file"):
        reader(tmp_path / "a.csv")


@pytest.mark.parametrize("reader", READERS)
def test_fifo_does_not_hang(reader, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        reader(fifo)


@pytest.mark.parametrize("reader", READERS)
def test_no_read_permission_simulated(reader, tmp_path, monkeypatch):
    # Tests run as root, where chmod 000 does not stop reading: make open refuse.
    path = tmp_path / "secret.csv"
    path.write_text("x1,x2,y\n1,2,1\n", encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(text_file, "open", refusing_open, raising=False)
    with pytest.raises(FileProblem, match="no permission to read"):
        reader(path)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="running as root: chmod 000 does not block reading (see the simulated test)",
)
@pytest.mark.parametrize("reader", READERS)
def test_no_read_permission_real(reader, tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("x1,x2,y\n1,2,1\n", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(FileProblem, match="no permission"):
            reader(path)
    finally:
        path.chmod(0o600)


def bytes_read_by_this_thread():
    """What this thread has read through read() so far (Linux), or None."""
    try:
        with open("/proc/thread-self/io", encoding="ascii") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return int(fields["rchar"])
    except (OSError, KeyError, ValueError):
        return None


@pytest.mark.parametrize("reader", READERS)
def test_too_large_file_is_refused_without_reading(reader, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no disk used, no time spent
    before = bytes_read_by_this_thread()
    with pytest.raises(FileProblem) as info:
        reader(path)
    after = bytes_read_by_this_thread()
    if before is not None and after is not None:
        # Counted in bytes, not timed: a busy machine cannot fail it.
        assert after - before < 1024 * 1024, f"read {after - before:,} bytes of it"
    problem = info.value.problem
    assert "too large" in problem
    assert "200.0 MB" in problem and "100.0 MB" in problem
    assert MAX_FILE_BYTES == 100 * 1024 * 1024


def test_file_at_the_cap_is_read(tmp_path):
    # Exactly MAX_FILE_BYTES is allowed; the content decides (here: a NUL).
    path = tmp_path / "cap.csv"
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES)
    with pytest.raises(FileProblem, match="binary data"):
        read_csv(path)


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.logitlab.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(FileProblem, match="nested too deeply|expected a JSON object"):
        read_lesson(path)


def test_integer_with_too_many_digits():
    text = '{"format": "logitlab-lesson", "version": 1, "seed": ' + "9" * 5000 + "}"
    with pytest.raises(FileProblem):
        lesson_from_json(text)


def test_garbage_never_escapes_as_another_exception(tmp_path):
    rng = np.random.default_rng(1)
    for i in range(200):
        data = rng.integers(1, 256, size=int(rng.integers(0, 300)), dtype=np.uint8).tobytes()
        for suffix, reader in ((".csv", read_csv), (".logitlab.json", read_lesson)):
            path = tmp_path / f"g{i}{suffix}"
            path.write_bytes(data)
            with pytest.raises(FileProblem):
                reader(path)


def test_degree_six_terms_and_the_lectures_variants_round_trip(tmp_path):
    """Polynomial terms up to degree 6, λ, the sequential form and the step-size stop are
    saved and read back (autosave must be able to hold every session the app makes)."""
    from core.features import polynomial_terms
    from core.session import Session

    points = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, -1.0], [-1.0, 0.5]])
    s = Session(points, np.array([0, 1, 1, 0]), terms=polynomial_terms(6), seed=3)
    s.l2, s.update, s.stop = 0.25, "sequential", "step"
    s.step(7)
    lesson = Lesson.from_session(s)
    path = tmp_path / "six.logitlab.json"
    write_lesson(path, lesson)
    back = read_lesson(path)
    assert back.terms == polynomial_terms(6) and len(back.terms) == 27
    assert (back.l2, back.update, back.stop) == (0.25, "sequential", "step")
    restored = back.to_session()
    assert (restored.l2, restored.update, restored.stop) == (0.25, "sequential", "step")
    assert restored.iteration == 7
    np.testing.assert_array_equal(restored.theta, s.theta)
    assert restored.cost == s.cost
