"""The regime (issue 12): one judgement of the run, read since the last edit.

A scenario table — data, features, scaling, α, steps and edits → the regime
word and the one-click action — holds each case of the issue that is about
core, and hypothesis checks that iteration 0 and the moment after an edit
are never a trend.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import QUADRATIC, Session, fit, judge
from core.race import Race
from core.regime import (
    ACTIONS,
    ADD_OTHER_CLASS,
    BADLY_SCALED,
    CONVERGED,
    CRAWLING,
    DESCENDING,
    DIVERGED,
    DIVERGING,
    LOWER_ALPHA,
    MIN_TREND_STEPS,
    NO_DATA,
    ONE_CLASS,
    OSCILLATING,
    RAISE_ALPHA,
    SEPARABLE,
    SMOOTH,
    STANDARDIZE,
    TROUBLE,
    WORDS,
    Regime,
    trend,
)

LINEAR = ("x1", "x2")
EX2 = Path(__file__).resolve().parent.parent / "files" / "ex2data1.txt"


# -- data sets ---------------------------------------------------------------------


def r2(a):
    return np.round(np.asarray(a, dtype=float), 2) + 0.0


def lecture_line():
    """Points labelled 1 when x1 + x2 ≥ 3, with a margin (the first preset's recipe)."""
    rng = np.random.default_rng(1)
    pts = r2(rng.uniform(0, 4, size=(40, 2)))
    s = pts.sum(axis=1)
    while np.any(np.abs(s - 3) < 0.15):
        bad = np.abs(s - 3) < 0.15
        pts[bad] = r2(rng.uniform(0, 4, size=(int(bad.sum()), 2)))
        s = pts.sum(axis=1)
    return pts, (s >= 3).astype(float)


def outlier():
    """The line plus one class-0 point far out at (9, 9)."""
    pts, labels = lecture_line()
    return np.vstack([pts, [[9.0, 9.0]]]), np.r_[labels, 0.0]


def overlapping_blobs():
    rng = np.random.default_rng(3)
    a = rng.normal([-0.8, -0.4], 1.0, size=(40, 2))
    b = rng.normal([0.8, 0.4], 1.0, size=(40, 2))
    return r2(np.vstack([a, b])), np.r_[np.zeros(40), np.ones(40)]


def ring():
    """Class 1 in a ring, class 0 inside and outside: no conic fences it off."""
    rng = np.random.default_rng(5)
    pts = []
    for r_lo, r_hi, n in [(0.0, 0.8, 20), (1.2, 1.8, 40), (2.2, 2.8, 40)]:
        r = np.sqrt(rng.uniform(r_lo**2, r_hi**2, n))
        phi = rng.uniform(0, 2 * np.pi, n)
        pts.append(np.c_[r * np.cos(phi), r * np.sin(phi)])
    pts = r2(np.vstack(pts))
    r = np.sqrt(np.sum(pts * pts, axis=1))
    return pts, ((r >= 1) & (r <= 2)).astype(float)


def exam_scores():
    """Coursera ex2's exam scores (tests/files/ex2data1.txt), or look-alikes:
    two scores 30–100, admitted by a linear rule with logistic noise."""
    if EX2.exists():
        data = np.loadtxt(EX2, delimiter=",")
        return data[:, :2], data[:, 2]
    rng = np.random.default_rng(2)
    scores = rng.uniform(30, 100, size=(100, 2))
    z = 0.2 * scores.sum(axis=1) - 25.0
    return scores, (rng.random(100) < 1 / (1 + np.exp(-z))).astype(float)


DATA = {
    "line": lecture_line,
    "outlier": outlier,
    "blobs": overlapping_blobs,
    "ring": ring,
    "exams": exam_scores,
}


# -- the scenario table ----------------------------------------------------------


def run(script, s):
    """Apply a script of (operation, argument) to session ``s``."""
    for op, arg in script:
        if op == "step":
            s.step(arg)
        elif op == "add":  # points of one class, one click at a time
            label, pts = arg
            for p in pts:
                s.set_points(np.vstack([s.points, [p]]), np.r_[s.labels, label])
        elif op == "alpha":
            s.learning_rate = arg
        elif op == "standardize":
            s.set_standardize(arg)
        elif op == "until_converged":
            while not s.converged and s.iteration < arg and s.step(500):
                pass
        else:  # pragma: no cover
            raise ValueError(op)
    return s


#: id, data, terms, standardize, α, script, expected words, expected actions.
SCENARIOS = [
    # 1. Three class-0 clicks among the triangles at iteration 0, α = 1: no trend yet.
    ("1-clicks-at-iteration-0", "line", LINEAR, True, 1.0,
     [("add", (0, [(3.5, 3.5), (3.2, 3.0), (3.8, 2.9)]))], {SMOOTH}, {None}),
    ("1-then-play-converges", "line", LINEAR, True, 1.0,
     [("add", (0, [(3.5, 3.5), (3.2, 3.0), (3.8, 2.9)])), ("until_converged", 5000)],
     {CONVERGED}, {None}),
    ("1-clicks-mid-run", "line", LINEAR, True, 1.0,
     [("step", 40), ("add", (0, [(3.5, 3.5), (3.2, 3.0), (3.8, 2.9)])), ("step", 2)],
     {SMOOTH}, {None}),
    # 2. α = 1e-4 on overlapping blobs: crawling, with a step estimate (checked below).
    ("2-tiny-alpha-crawls", "blobs", LINEAR, True, 1e-4, [("step", 200)], {CRAWLING},
     {RAISE_ALPHA}),
    ("2-raised-alpha-is-smooth", "blobs", LINEAR, True, 1e-4,
     [("step", 200), ("alpha", 1.0), ("step", 20)], {SMOOTH}, {None}),
    # 3. Exam scores unstandardized: badly scaled from iteration 0, standardize.
    ("3-exams-raw-at-0", "exams", LINEAR, False, 0.0008, [], {BADLY_SCALED}, {STANDARDIZE}),
    ("3-exams-raw-2000-steps", "exams", LINEAR, False, 0.0008, [("step", 2000)],
     {BADLY_SCALED}, {STANDARDIZE}),
    ("3-exams-raw-alpha-0.5", "exams", LINEAR, False, 0.0008,
     [("step", 100), ("alpha", 0.5), ("step", 60)], {OSCILLATING, DIVERGING}, {STANDARDIZE}),
    ("3-exams-standardized-crawls-at-the-old-alpha", "exams", LINEAR, False, 0.0008,
     [("step", 2000), ("standardize", True), ("step", 50)], {CRAWLING}, {RAISE_ALPHA}),
    ("3-exams-standardized-then-alpha-1", "exams", LINEAR, False, 0.0008,
     [("step", 2000), ("standardize", True), ("alpha", 1.0), ("until_converged", 20_000)],
     {CONVERGED}, {None}),
    ("3-exams-standardized-from-the-start", "exams", LINEAR, True, 0.5, [("step", 30)],
     {SMOOTH}, {None}),
    # 4. α = 50: a bounce, and no "lower α" once it has converged.
    ("4-outlier-bounces", "outlier", QUADRATIC, True, 50.0, [("step", 12)],
     {OSCILLATING, DIVERGING}, {LOWER_ALPHA}),
    ("4-outlier-converges", "outlier", QUADRATIC, True, 50.0, [("until_converged", 5000)],
     {CONVERGED}, {None}),
    ("4-ring-bounces-for-good", "ring", QUADRATIC, True, 50.0, [("step", 400)],
     {OSCILLATING, DIVERGING}, {LOWER_ALPHA}),
    # The other words.
    ("no-data", None, LINEAR, True, 1.0, [("step", 10)], {NO_DATA}, {None}),
    ("one-class", "one-class", LINEAR, True, 1.0, [("step", 10)], {ONE_CLASS},
     {ADD_OTHER_CLASS}),
    ("separable", "line", LINEAR, True, 1.0, [("step", 50)], {SEPARABLE}, {None}),
    ("smooth", "blobs", LINEAR, True, 1.0, [("step", 8)], {SMOOTH}, {None}),
    ("diverged", "huge", LINEAR, False, 0.5, [("step", 100)], {DIVERGED}, {LOWER_ALPHA}),
]


def session_for(data, terms, standardize, alpha):
    if data is None:
        P, L = np.zeros((0, 2)), np.zeros(0)
    elif data == "one-class":
        P, L = lecture_line()
        P, L = P[L == 1], L[L == 1]
    elif data == "huge":
        P, L = overlapping_blobs()
        P = P * 1e200  # z overflows at the first step
    else:
        P, L = DATA[data]()
    return Session(P, L, terms=terms, standardize=standardize, learning_rate=alpha, seed=0)


@pytest.mark.parametrize(
    ("data", "terms", "standardize", "alpha", "script", "words", "actions"),
    [pytest.param(*row[1:], id=row[0]) for row in SCENARIOS],
)
def test_scenario_table(data, terms, standardize, alpha, script, words, actions):
    s = run(script, session_for(data, terms, standardize, alpha))
    r = judge(s)
    assert r.word in words, r
    assert r.action in actions, r
    assert r == s.regime()
    assert s.state == r.word
    check_text(r)


def check_text(r):
    assert r.word in WORDS
    assert r.action is None or r.action in ACTIONS
    assert 0 < len(r.headline) <= 40, r.headline
    assert len(r.explanation) <= 140, r.explanation
    assert r.trouble == (r.word in TROUBLE)


def test_crawling_says_how_many_steps_to_eps():
    s = run([("step", 200)], session_for("blobs", LINEAR, True, 1e-4))
    r = judge(s)
    assert r.word == CRAWLING
    # ‖dw‖ shrinks by a constant factor per step: the estimate is that rate's.
    g = s.history.recent_grad_norms(20)
    rate = (g[-1] / g[0]) ** (1 / 19)
    expected = np.log(s.tol / s.grad_norm) / np.log(rate)
    assert r.steps_to_tol == pytest.approx(expected, rel=0.05)
    assert 1e5 < r.steps_to_tol < 1e7
    assert r.headline.startswith("Crawling: ε is ~") and r.headline.endswith("steps away")
    # Raising α ×3 stays below α*: the action is offered, with α* in the text.
    assert 3 * s.learning_rate <= r.alpha_star
    assert "Raise α" in r.explanation


def test_the_step_estimate_is_about_right_on_a_smooth_run():
    """The newest rate is the guess: early on (fast modes still dying) it is low,
    once the slowest mode is left it is close."""
    s = session_for("blobs", LINEAR, True, 0.3)
    predicted = []
    for n in (30, 200):
        s.step(n - s.iteration)
        r = judge(s)
        assert r.word == SMOOTH and r.steps_to_tol is not None
        assert "more steps" in r.explanation
        predicted.append(s.iteration + r.steps_to_tol)
    s.step(100_000)
    assert s.converged
    assert predicted[0] < predicted[1] < s.iteration
    assert predicted[1] == pytest.approx(s.iteration, rel=0.15)


def test_badly_scaled_names_the_condition_number_and_the_standardized_alpha_star():
    s = session_for("exams", LINEAR, False, 0.0008)
    r = judge(s)
    assert r.word == BADLY_SCALED
    assert r.condition > 1e5  # ex2's raw X̃X̃ᵀ: λ_max/λ_min ≈ 2.3e5
    assert r.alpha_star == pytest.approx(s.alpha_star()) and r.alpha_star < 1e-3
    assert r.alpha_star_standardized > 1.0
    assert "Standardize" in r.explanation
    # Standardized, the same data is well conditioned and nothing is said about scale.
    s.set_standardize(True)
    r = judge(s)
    assert r.word != BADLY_SCALED and r.condition < 10 and r.alpha_star_standardized is None


def test_trouble_on_raw_features_first_offers_standardize_then_lower_alpha():
    # α = 0.5: too large raw, fine standardized → standardize.
    s = run([("step", 60)], session_for("exams", LINEAR, False, 0.5))
    r = judge(s)
    assert r.trouble and r.action == STANDARDIZE
    # α = 50: too large even standardized → lower α.
    s = run([("step", 60)], session_for("exams", LINEAR, False, 50.0))
    r = judge(s)
    assert r.trouble and r.action == LOWER_ALPHA


def test_case_4_the_bounce_then_no_lower_alpha_once_converged():
    s = session_for("outlier", QUADRATIC, True, 50.0)
    seen = []
    while not s.converged and s.iteration < 5000:
        s.step(1)
        r = judge(s)
        seen.append((r.word, r.action))
    assert (OSCILLATING, LOWER_ALPHA) in seen or (DIVERGING, LOWER_ALPHA) in seen
    assert seen[-1] == (CONVERGED, None)
    # The ring at α = 50 bounces for good: "lower α" shows at every step after the
    # first few, a demonstration that reliably fails.
    s = session_for("ring", QUADRATIC, True, 50.0)
    s.step(30)
    for _ in range(100):
        s.step(3)
        r = judge(s)
        assert r.trouble and r.action == LOWER_ALPHA, (s.iteration, r)


def test_a_bounce_does_not_flicker_to_descending():
    """Words may change between oscillating and diverging while a chaotic bounce
    builds up, but never back to a calm word."""
    s = session_for("ring", QUADRATIC, True, 50.0)
    s.step(25)
    words = set()
    for _ in range(300):
        s.step(1)
        words.add(judge(s).word)
    assert words <= {OSCILLATING, DIVERGING}, words


def test_case_9_fit_on_raw_exam_scores_at_alpha_1_is_not_silent():
    P, L = exam_scores()
    r = fit(P, L, standardize=False, learning_rate=1.0, max_steps=2000)
    assert not r.converged and not r.diverged
    assert r.state in (OSCILLATING, DIVERGING)
    assert r.regime.action == STANDARDIZE
    assert r.costs.max() > 10 * r.costs[0]


def test_converged_separable_and_step_stop_explanations():
    P, L = lecture_line()
    s = Session(P, L, learning_rate=1.0)
    s.step(100_000)
    r = judge(s)
    assert r.word == CONVERGED and "separable" in r.explanation
    P, L = overlapping_blobs()
    s = Session(P, L, learning_rate=1.0)
    s.step(100_000)
    assert judge(s).explanation.startswith("‖dw‖ = ")
    s = Session(P, L, learning_rate=1e-4, stop="step")
    s.step(10)
    r = judge(s)
    assert r.word == CONVERGED and "not at the minimum" in r.explanation


def test_a_race_lane_is_judged_on_its_own_run():
    P, L = overlapping_blobs()
    s = Session(P, L, learning_rate=1.0)
    race = Race.from_session(s, [1e-4, 1.0, 60.0])
    race.step(300)
    words = [lane.regime(s).word for lane in race.lanes]
    assert words[0] == CRAWLING
    assert words[1] == CONVERGED
    assert words[2] in (OSCILLATING, DIVERGING, DIVERGED)


def test_iteration_0_and_a_fresh_edit_are_never_a_trend_even_at_huge_alpha():
    s = session_for("ring", QUADRATIC, True, 50.0)
    assert judge(s).word == SMOOTH and judge(s).headline == "Ready: no step yet"
    s.step(60)
    assert judge(s).trouble
    s.set_points(np.vstack([s.points, [[0.1, 0.1]]]), np.r_[s.labels, 0])
    r = judge(s)
    assert r.word == SMOOTH and r.steps_since_edit == 0 and r.action is None
    for _ in range(MIN_TREND_STEPS - 1):
        s.step(1)
        assert not judge(s).trouble
    s.step(40)
    assert judge(s).trouble


def test_trend_words_on_synthetic_costs():
    k = np.arange(200)
    assert trend(np.exp(-0.05 * k)) == DESCENDING
    assert trend(np.exp(0.05 * k)) == DIVERGING
    assert trend(1 + (k % 2)) == OSCILLATING
    assert trend(1.0 + 0.001 * k) == DIVERGING  # a slow monotone rise
    chaotic = 3 + np.sin(k * 2.3) * 1.5  # bounces around a level
    assert all(trend(chaotic[: n + 1]) in (OSCILLATING, DIVERGING) for n in range(25, 200))
    assert trend([1.0, 0.9]) == DESCENDING


def test_regime_is_frozen():
    r = Regime(SMOOTH, "Descending smoothly")
    with pytest.raises(AttributeError):
        r.word = CRAWLING


# -- hypothesis: iteration 0 and a fresh edit are no trend --------------------------

EDITS = st.one_of(
    st.tuples(st.just("step"), st.integers(1, 60)),
    st.tuples(st.just("alpha"), st.floats(1e-5, 1e3)),
    st.tuples(st.just("point"), st.tuples(st.floats(-3, 3), st.floats(-3, 3), st.integers(0, 1))),
    st.tuples(st.just("standardize"), st.booleans()),
    st.tuples(st.just("terms"), st.sampled_from([LINEAR, QUADRATIC, ("x1", "x2", "x1^2")])),
    st.tuples(st.just("theta"), st.floats(-5, 5)),
    st.tuples(st.just("reset"), st.integers(0, 9)),
)


@settings(max_examples=60, deadline=None)
@given(
    data=st.sampled_from(["blobs", "ring", "line"]),
    alpha=st.floats(1e-5, 1e3),
    standardize=st.booleans(),
    edits=st.lists(EDITS, max_size=8),
)
def test_the_state_at_iteration_0_and_right_after_an_edit_is_never_a_trend(
        data, alpha, standardize, edits):
    P, L = DATA[data]()
    s = Session(P, L, standardize=standardize, learning_rate=alpha, seed=0)
    assert judge(s).word not in (DIVERGING, OSCILLATING)
    for op, arg in edits:
        if op == "step":
            s.step(arg)
            continue
        if op == "alpha":
            s.learning_rate = arg
        elif op == "point":
            x, y, label = arg
            s.set_points(np.vstack([s.points, [[x, y]]]), np.r_[s.labels, label])
        elif op == "standardize":
            s.set_standardize(arg)
        elif op == "terms":
            s.set_terms(arg)
        elif op == "theta":
            s.set_theta(np.full(len(s.terms) + 1, arg))
        elif op == "reset":
            s.reset(arg)
        r = judge(s)
        check_text(r)
        if s.iteration == s.edit_iteration:  # an edit that changed something
            assert r.word not in (DIVERGING, OSCILLATING, SEPARABLE, CRAWLING), (op, r)
            s.step(MIN_TREND_STEPS - 1)
            r = judge(s)
            assert r.word not in (DIVERGING, OSCILLATING, SEPARABLE, CRAWLING), (op, r)


def test_one_huge_jump_then_falling_is_not_smooth():
    """J 0.7 → hundreds in one step, then falling back: the run overshot; never 'smooth'."""
    points, labels = overlapping_blobs()
    s = Session(points, labels, learning_rate=16_700.0, seed=0)
    start = s.cost
    words = []
    for _ in range(12):
        s.step(1)
        words.append(judge(s).word)
    assert s.cost > 1.5 * start
    assert "smooth" not in words[4:], words
    assert judge(s).action is not None
