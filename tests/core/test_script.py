"""Lesson scripts: the record, its file (version 2), and the verdicts of predictions."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from core.demonstrations import EXPECTED, KEYS, demonstrations
from core.lesson import FileProblem, Lesson, lesson_from_json, lesson_to_json, read_lesson
from core.regime import judge
from core.script import (
    ABOVE,
    BELOW,
    CLOSE,
    RIGHT,
    WRONG,
    Question,
    Script,
    Step,
    regime_answer,
    score_circle,
    score_cost_at,
    score_line,
    score_race,
    score_regime,
)

PRESETS = "resources/presets/"


def _script_lesson():
    circle = read_lesson(PRESETS + "2_circle.logitlab.json")
    steps = [
        Step(title="σ", caption="The sigmoid", notes="Say: σ(0) = 0.5", panel="sigmoid"),
        Step.from_lesson(circle, title="Circle", caption="Draw it", notes="x1² + x2² ≥ 1",
                         question=Question("boundary", prompt="Where?")),
        Step(preset="1_linear", settings={"learning_rate": 2.5, "terms": ("x1", "x2")},
             question=Question("regime", steps=60)),
        Step(question=Question("race", lanes=(0.1, 1.0, 10.0))),
        Step(question=Question("cost_at", steps=100, threshold=0.25)),
    ]
    return Lesson(circle.points, circle.labels, terms=circle.terms, title="script",
                  script=Script(steps))


def test_a_script_round_trips_through_its_file(tmp_path):
    lesson = _script_lesson()
    text = lesson_to_json(lesson)
    assert json.loads(text)["version"] == 2
    back = lesson_from_json(text)
    assert len(back.script) == 5
    for a, b in zip(lesson.script.steps, back.script.steps):
        assert (a.title, a.caption, a.notes, a.panel, a.preset) == \
               (b.title, b.caption, b.notes, b.panel, b.preset)
        assert a.question == b.question
        assert a.settings.keys() == b.settings.keys()
        if a.points is not None:
            np.testing.assert_array_equal(a.points, b.points)
            np.testing.assert_array_equal(a.labels, b.labels)
    assert back.script.steps[2].settings == {"terms": ("x1", "x2"), "learning_rate": 2.5}
    # Written again, byte for byte the same.
    assert lesson_to_json(back) == text


def test_a_plain_lesson_stays_version_1_and_old_files_open():
    lesson = read_lesson(PRESETS + "1_linear.logitlab.json")
    assert lesson.script is None
    assert json.loads(lesson_to_json(lesson))["version"] == 1
    # Steps in a version-1 file would be lost: refused, saying the version they need.
    data = json.loads(lesson_to_json(lesson))
    data["steps"] = []
    with pytest.raises(FileProblem, match="'steps' \\(a lesson script\\) needs \"version\": 2"):
        lesson_from_json(json.dumps(data))


@pytest.mark.parametrize(("step", "message"), [
    ({"question": {"kind": "guess"}}, "steps[1].question: question kind must be one of"),
    ({"question": {"kind": "regime"}}, "steps[1].question: a regime question needs steps ≥ 1"),
    ({"question": {"kind": "cost_at", "steps": 5}}, "needs a threshold"),
    ({"data": {"points": [[0, 0]], "labels": [2]}}, "steps[1].data: labels[0] must be 0 or 1"),
    ({"settings": {"learning_rate": -1}}, "steps[1].settings:"),
    ({"panel": "slides"}, "steps[1]: panel must be one of"),
    ({"caption": 3}, "steps[1].caption must be text"),
    ("a step", "steps[1] must be an object"),
    # A misspelt key would vanish from the lesson in silence: refused, with the near one.
    ({"captoin": "Look"}, "unknown key 'steps[1].captoin' (did you mean 'caption'?)"),
    ({"question": {"kind": "regime", "steps": 5, "promt": "What now?"}},
     "unknown key 'steps[1].question.promt' (did you mean 'prompt'?)"),
    ({"data": {"points": [[0, 0]], "labels": [1], "colour": "red"}},
     "unknown key 'steps[1].data.colour'; the keys of 'steps[1].data' are points, labels"),
])
def test_a_bad_step_gets_one_line_naming_it(step, message):
    data = json.loads(lesson_to_json(_script_lesson()))
    data["steps"][1] = step
    with pytest.raises(FileProblem) as info:
        lesson_from_json(json.dumps(data), path="lesson.logitlab.json")
    text = str(info.value)
    assert message in text
    assert "\n" not in text


def test_a_step_lays_its_data_and_settings_over_the_base():
    base = read_lesson(PRESETS + "1_linear.logitlab.json")
    step = Step(settings={"learning_rate": 3.0}, title="fast")
    lesson = step.resolve(base)
    np.testing.assert_array_equal(lesson.points, base.points)
    assert lesson.learning_rate == 3.0 and lesson.title == "fast"
    assert lesson.theta is None and lesson.iteration == 0  # the class predicts an unrun model


# -- verdicts --------------------------------------------------------------------------


def test_a_line_is_scored_by_angle_and_offset():
    points = np.array([[0.0, 0.0], [3.0, 3.0], [0.0, 3.0], [3.0, 0.0]])
    theta = np.array([-3.0, 1.0, 1.0])  # x1 + x2 = 3, the lecture's boundary
    right = score_line((0.0, 3.0), (3.0, 0.0), theta, points)
    assert right.verdict == RIGHT and right.details["angle"] < 1e-6
    assert "x1 + x2 ≥ 3" in right.reason
    close = score_line((0.0, 4.4), (4.4, 0.0), theta, points)  # parallel, 0.99 off
    assert close.verdict == CLOSE
    wrong = score_line((0.0, 0.0), (3.0, 3.0), theta, points)  # perpendicular
    assert wrong.verdict == WRONG and wrong.details["angle"] == pytest.approx(90)


def test_a_circle_is_scored_against_the_learnt_curve():
    terms = ("x1", "x2", "x1^2", "x2^2")
    theta = np.array([-1.0, 0.0, 0.0, 1.0, 1.0])  # x1² + x2² = 1
    view = (-2.0, 2.0, -2.0, 2.0)
    assert score_circle((0, 0), 1.0, theta, terms, view).verdict == RIGHT
    assert score_circle((0.3, 0), 1.3, theta, terms, view).verdict == CLOSE
    assert score_circle((1.5, 1.5), 0.2, theta, terms, view).verdict == WRONG


@pytest.mark.parametrize("key", KEYS)
def test_the_regime_verdict_is_the_regime_the_run_shows(key):
    lesson = demonstrations()[KEYS.index(key)]
    session = lesson.to_session()
    session.step(EXPECTED[key].steps)
    regime = judge(session)
    assert regime_answer(regime.word) == key
    verdict = score_regime(key, regime.word, regime.headline, regime.explanation)
    assert verdict.verdict == RIGHT
    assert regime.word in verdict.reason.lower()


def test_a_regime_one_notch_off_is_close():
    assert score_regime("oscillate", "diverging").verdict == CLOSE
    v = score_regime("crawl", "diverging", "Diverging", "α is too large")
    assert v.verdict == WRONG and "diverging" in v.reason


def test_the_race_winner_reached_epsilon_first():
    lanes = [(0.1, None, False), (1.0, 120, False), (10.0, None, True)]
    assert score_race(1, lanes).verdict == RIGHT
    v = score_race(2, lanes)
    assert v.verdict == WRONG and "diverged" in v.reason and "α = 1 won" in v.reason


def test_cost_at_above_or_below():
    assert score_cost_at(BELOW, 0.3, 0.1, 100).verdict == RIGHT
    assert score_cost_at(ABOVE, 0.3, 0.1, 100).verdict == WRONG
    assert score_cost_at(ABOVE, 0.3, 0.29, 100).verdict == CLOSE
    assert score_cost_at(ABOVE, 0.3, float("nan"), 100).verdict == RIGHT  # diverged


def test_the_lecture_scripts_update_step_states_the_lecture_s_forms():
    """Step 9 runs the sequential update; its caption must give the lecture's correct
    form (temp0 for b, temp1 for w1) and say that b goes first, as core's sequential
    update does (it read 'temp0 = w − α·dw … updating w first', the other way round)."""
    lesson = read_lesson(os.path.join(os.path.dirname(PRESETS.rstrip("/")), "lectures",
                                      "lecture.logitlab.json"))
    step = next(s for s in lesson.script.steps if s.settings.get("update") == "sequential")
    assert "temp0 = b − α·db, temp1 = w1 − α·dw1" in step.caption
    assert "runs the incorrect form: b first" in step.caption
