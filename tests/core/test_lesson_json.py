"""Lesson files (.logitlab.json): round trips, the Lesson record's checks and the presets."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.features import TERMS
from core.fit import fit
from core.lesson import (
    FileProblem,
    Lesson,
    lesson_from_json,
    lesson_to_json,
    read_lesson,
    write_lesson,
)

from .support import ROOT, finite, same_bits

PRESETS = ROOT / "resources" / "presets"


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


def test_defaults_for_missing_optional_keys():
    # (Unknown keys are refused: tests/core/test_lesson_keys.py.)
    text = json.dumps(
        {
            "format": "logitlab-lesson",
            "version": 1,
            "points": [[1, 2], [3, 4]],
            "labels": [0, 1],
            "features": {"terms": ["x1"]},
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
