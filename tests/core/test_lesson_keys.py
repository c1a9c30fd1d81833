"""A hand-edited lesson's misspelt key is refused, naming the key meant; every file
LogitLab writes (or ever wrote) still opens.

Ignored, ``"alpha": 0.1`` was dropped for the default α = 0.5 and ``"steps"`` in
a version-1 file lost the lesson script, without a word.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from core.lesson import FileProblem, Lesson, lesson_from_json, lesson_to_json, read_lesson
from core.script import Question, Script, Step

ROOT = Path(__file__).resolve().parents[2]


def _text(**over):
    data = {"format": "logitlab-lesson", "version": 1, "points": [[0, 1], [2, 3]],
            "labels": [0, 1], "learning_rate": 0.5}
    drop = over.pop("_drop", ())
    data.update(over)
    for key in drop:
        del data[key]
    return json.dumps(data)


def _problem(text):
    with pytest.raises(FileProblem) as info:
        lesson_from_json(text, "week3.logitlab.json")
    assert info.value.line is None
    return info.value.problem


@pytest.mark.parametrize(("key", "meant"), [
    ("alpha", "learning_rate"), ("learningrate", "learning_rate"),
    ("Learning-Rate", "learning_rate"), ("learning_rat", "learning_rate"),
    ("lambda", "l2"), ("tolerance", "tol"), ("stepsperframe", "steps_per_frame"),
    ("Title", "title"), ("labels ", "labels"),
])
def test_a_misspelt_key_is_refused_naming_the_key_meant(key, meant):
    text = _text(**{key: 0.1}, _drop=("learning_rate",) if meant == "learning_rate" else ())
    assert _problem(text) == f"unknown key {key!r} (did you mean {meant!r}?)"


def test_a_key_like_none_lists_the_keys_and_features_are_checked_too():
    problem = _problem(_text(made_by="someone"))
    assert problem.startswith("unknown key 'made_by'; the keys are format, version, title,")
    assert _problem(_text(features={"terms": ["x1"], "standardise": False})) == \
        "unknown key 'features.standardise' (did you mean 'standardize'?)"
    assert _problem(_text(features={"terms": ["x1"], "colour": "red"})) == \
        "unknown key 'features.colour'; the keys of 'features' are terms, standardize"


def test_steps_in_a_version_1_file_are_refused_not_lost():
    assert _problem(_text(steps=[{"title": "Look"}])) == (
        "'steps' (a lesson script) needs \"version\": 2; this file says version 1, which has "
        "no steps")
    assert lesson_from_json(_text(version=2, steps=[{"title": "Look"}])).script is not None


def test_a_misspelt_setting_in_a_script_step_names_the_step():
    text = _text(version=2, steps=[{"title": "a"}, {"settings": {"alpha": 2.5}}])
    assert _problem(text) == "steps[1].settings: unknown key 'alpha' (did you mean " \
                             "'learning_rate'?)"


# ---------------------------------------------------------------------------
# Every file LogitLab writes still opens
# ---------------------------------------------------------------------------
def _every_option():
    points = np.array([[0.5, 1.0], [2.0, 2.5], [3.0, 0.25]])
    steps = [Step(title="σ", panel="sigmoid"),
             Step(preset="1_linear", settings={"learning_rate": 2.5, "terms": ("x1", "x2"),
                                               "standardize": False, "l2": 0.1, "view": None,
                                               "theta": None, "loss": "squared_error",
                                               "tol": 0.0, "steps_per_frame": 3, "seed": 1,
                                               "iteration": 0, "update": "sequential",
                                               "stop": "step"},
                  question=Question("regime", steps=60)),
             Step(points=points, labels=np.array([0, 1, 1]))]
    return Lesson(points, np.array([0, 1, 1]), terms=("x1", "x2", "x1^2"), standardize=False,
                  loss="squared_error", learning_rate=0.25, tol=0.0, steps_per_frame=7,
                  seed=3, view=(-1.0, 4.0, -1.0, 3.0), theta=np.array([0.1, 0.2, 0.3, 0.4]),
                  iteration=12, l2=0.01, update="sequential", stop="step", title="t",
                  description="d", script=Script(steps))


def test_a_lesson_with_every_option_written_by_the_app_reads_back_the_same():
    lesson = _every_option()
    text = lesson_to_json(lesson)
    assert lesson_to_json(lesson_from_json(text)) == text
    plain = Lesson(lesson.points, lesson.labels, l2=0.01)
    assert lesson_to_json(lesson_from_json(lesson_to_json(plain))) == lesson_to_json(plain)


def _committed_lessons():
    """Every lesson file in the repository's history that was not a deliberately bad one."""
    out = subprocess.run(["git", "log", "--all", "--format=", "--name-only", "--diff-filter=AM",
                          "--", "*.logitlab.json"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout: no history to read")
    names = sorted(set(out.stdout.split()))
    bad = json.loads((ROOT / "tests/files/bad/EXPECTED.json").read_text(encoding="utf-8"))
    return [n for n in names
            if not (n.startswith("tests/files/bad/") and "message" in bad.get(Path(n).name, {}))]


def test_every_lesson_file_the_app_has_written_still_opens():
    names = _committed_lessons()
    assert any(n.startswith("resources/presets/") for n in names)
    opened = 0
    for name in names:
        # Each version of the file in git's history, not only today's.
        revs = subprocess.run(["git", "log", "--all", "--format=%H", "--", name], cwd=ROOT,
                              capture_output=True, text=True).stdout.split()
        for rev in revs:
            shown = subprocess.run(["git", "show", f"{rev}:{name}"], cwd=ROOT,
                                   capture_output=True, text=True)
            if shown.returncode == 0:
                lesson_from_json(shown.stdout, f"{rev[:8]}:{name}")
                opened += 1
    assert opened >= len(names)
    for path in sorted((ROOT / "resources").rglob("*.logitlab.json")):
        read_lesson(path)
