"""The words the window shows about a run must be true at every step (review of the
regime's words: a run at rest at ε = 0, the race under the step-size test, singular
X̃X̃ᵀ, counts of one step)."""

from __future__ import annotations

import numpy as np
import pytest

from core import QUADRATIC, Session
from core.lesson import read_lesson
from core.race import Race
from core.regime import BADLY_SCALED, CONVERGED, SMOOTH, judge

from .support import ROOT, check_text

PRESETS = ROOT / "resources" / "presets"


def preset_session(name, **options):
    lesson = read_lesson(PRESETS / name)
    return Session(lesson.points, lesson.labels, terms=lesson.terms, seed=lesson.seed,
                   **options)


def test_at_the_minimum_with_eps_0_is_not_descending_smoothly():
    """ε = 0 never stops descent: at the minimum J no longer changes, and the window
    must say so instead of "descending smoothly" forever."""
    s = preset_session("5_ring.logitlab.json", tol=0.0)
    s.learning_rate = 0.9 * s.alpha_star()
    s.step(20_000)
    assert not s.converged and s.diverged_at is None
    assert np.all(np.diff(s.recent_costs(6)) == 0)  # J no longer changes at all
    r = judge(s)
    check_text(r)
    assert r.word == SMOOTH  # still running: nothing stops it
    assert "escending" not in r.headline
    assert r.headline == "At the minimum, J no longer changes"
    assert "minimum to machine precision" in r.explanation
    assert "ε = 0 never stops descent" in r.explanation


def test_a_descending_run_at_eps_0_still_descends():
    s = preset_session("5_ring.logitlab.json", tol=0.0)
    s.learning_rate = 0.9 * s.alpha_star()
    s.step(50)
    r = judge(s)
    assert r.word == SMOOTH and r.headline == "Descending smoothly"


def test_the_race_under_the_step_test_does_not_call_a_tiny_alpha_converged():
    """α = 1e-4 stops at step 1 under ‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε with ‖dw‖ = 0.41: not a win, and
    not "reached ‖dw‖ ≤ ε"."""
    s = preset_session("3_blobs.logitlab.json", tol=1e-4, stop="step")
    race = Race.from_session(s, [1e-4, 1.0])
    race.step(50)
    slow, fast = race.lanes
    assert slow.converged_at == 1 and slow.engine.grad_norm > 0.1
    text = race.summary()
    assert "reached ‖dw‖ ≤ ε" not in text and "1 steps" not in text
    assert "α = 0.0001 stopped at step 1" in text
    assert "α is tiny, not at the minimum" in text
    assert slow.stalled and race.winner() is None
    # α = 1 stops by the step test near the minimum: it wins, and the test is named.
    while not fast.finished:
        race.step(500)
    assert race.winner() is fast and not fast.stalled
    text = race.summary()
    assert f"α = 1 stopped first, in {fast.converged_at:,} steps: its step ‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε" in text
    assert "reached ‖dw‖ ≤ ε" not in text


def test_the_race_under_the_gradient_test_still_says_reached():
    s = preset_session("3_blobs.logitlab.json", tol=1e-4)
    race = Race.from_session(s, [0.1, 1.0])
    while race.winner() is None:
        race.step(500)
    assert "α = 1 reached ‖dw‖ ≤ ε first, in " in race.summary()


def test_a_singular_matrix_is_not_badly_scaled_and_inf_is_never_shown():
    """Two points (any two) or collinear points make X̃X̃ᵀ singular whatever the
    scaling: Standardize would change nothing, so it is not 'badly scaled'."""
    cases = [
        (np.array([[-1.0, 0.5], [1.0, -0.5]]), np.array([0.0, 1.0])),
        (np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]]),
         np.array([0.0, 0.0, 1.0, 1.0])),
    ]
    for points, labels in cases:
        s = Session(points, labels, standardize=False, learning_rate=0.1)
        for _ in range(2):
            r = judge(s)
            check_text(r)
            assert r.word != BADLY_SCALED, (points, r)
            assert "inf" not in r.headline + r.explanation
            s.step(30)


def test_badly_scaled_beyond_float_precision_says_so_without_inf():
    """Raw X̃X̃ᵀ singular in floating point only because of the scales (standardized
    it is fine): badly scaled, with the condition number said as a bound."""
    rng = np.random.default_rng(0)
    points = np.c_[rng.uniform(0, 1e9, 30), rng.uniform(0, 1, 30)]
    labels = (points[:, 1] > 0.5).astype(float)
    s = Session(points, labels, standardize=False, learning_rate=1e-20)
    r = judge(s)
    check_text(r)
    assert r.word == BADLY_SCALED
    assert "inf" not in r.explanation and "> 10¹⁶" in r.explanation


def test_one_step_is_singular():
    s = preset_session("3_blobs.logitlab.json", learning_rate=1e-6, stop="step")
    s.step(1)
    r = judge(s)
    assert r.word == CONVERGED
    assert "1 steps" not in r.headline and "after 1 step" in r.headline
    # The step test's trap: stopped, not converged to anything.
    assert r.headline == "Stopped after 1 step: α is tiny"
    from core.regime import steps_text

    assert steps_text(1) == "1 step" and steps_text(2) == "2 steps"
    assert steps_text(1200) == "1,200 steps" and steps_text(0) == "0 steps"


def test_the_crawl_estimate_is_said_as_the_recent_rates_never_as_a_bound():
    """The steps to ε are the recent rate's. It was said as a lower bound ('≥'), since
    near a minimum the rate only slows (Overlapping blobs at α = 1e-3: the rate says
    ~29,000, ε takes ~210,000); but off a plateau it speeds up: the Outlier preset with
    raw quadratic features, standardized after 200 steps, read 'ε is ≥ 6.5 million steps
    away' and reached ε 2,900 steps later."""
    s = preset_session("3_blobs.logitlab.json", tol=1e-4, learning_rate=1e-3)
    s.step(1000)
    r = judge(s)
    check_text(r)
    assert r.word == "crawling"
    assert r.headline.startswith("Crawling: ε is ~") and "≥" not in r.headline
    assert "at this rate" in r.explanation and "≥" not in r.explanation
    said = float(r.headline.split("~")[1].split(" steps")[0].replace(",", ""))
    assert said == pytest.approx(r.steps_to_tol, rel=0.05)

    outlier = read_lesson(PRESETS / "6_outlier.logitlab.json")
    s = Session(outlier.points, outlier.labels, terms=QUADRATIC, standardize=False,
                learning_rate=3.0, seed=outlier.seed)
    s.step(200)
    s.set_standardize(True)
    s.step(100)
    r = judge(s)
    assert "≥" not in r.headline + r.explanation
    assert r.word != "crawling", r.headline  # α = 3 > α* = 1.92: the rate is no guide
    start = s.iteration
    s.step(20_000)
    assert s.converged and s.iteration - start < 5_000  # what "≥ 6.5 million" denied


def test_one_class_with_alpha_far_too_large_says_alpha_not_j_falls_forever():
    """One class, raw coordinates ~1,000 (α* ~1e-6): J bounced between 14 and 137 under
    "Only class 1, so J falls forever", and the only remedy offered was a point."""
    rng = np.random.default_rng(0)
    s = Session(1000 * rng.normal(size=(10, 2)), np.ones(10), standardize=False,
                learning_rate=1e-3)
    s.step(100)
    r = judge(s)
    check_text(r)
    assert r.trouble and r.action in ("lower_alpha", "standardize"), r.headline
    assert "falls forever" not in r.explanation
    s.learning_rate = 1e-8  # below α*: now the one class is the story
    s.step(100)
    r = judge(s)
    assert r.word == "one class" and "falls forever" in r.explanation


def test_a_run_coming_back_down_from_an_overshoot_is_not_called_diverging():
    """Coordinates ~1e6, raw quadratic terms: step 1 overshoots to J ≈ 5e18, then J falls
    every step and descent converges at step 178. The window said "Diverging: J is
    above its start" all the way down."""
    P = np.array([[2.13e6, 0.89e6], [0.16e6, 0.18e6], [1.65e6, 1.74e6]])
    s = Session(P, np.array([1, 0, 1]), terms=QUADRATIC, standardize=False,
                learning_rate=1e-4)
    s.step(100)
    r = judge(s)
    check_text(r)
    assert "Diverging" not in r.headline and "rising" not in r.headline
    assert r.headline.startswith("Overshot") or not r.trouble, r.headline
    s.step(1000)
    assert s.converged


def test_a_bounce_keeps_one_word_from_frame_to_frame():
    """The Ring with linear features at α = 2·α*: J bounces around 1.5× its start, and the
    headline flipped "Oscillating" / "Overshot" at every frame (58 times in 60 frames),
    as J's newest value crossed the line; a bounce's rising stretch also flipped it to
    "Diverging". It is said once now: far above only if the whole window is."""
    ring = read_lesson(PRESETS / "5_ring.logitlab.json")
    s = Session(ring.points, ring.labels, terms=("x1", "x2"), seed=ring.seed)
    s.learning_rate = 2 * s.alpha_star()
    said = []
    for _ in range(60):
        s.step(50)  # a frame
        said.append(judge(s).headline.split(":")[0])
    flips = sum(1 for a, b, c in zip(said, said[1:], said[2:]) if a == c != b)
    assert flips == 0, said
    assert set(said[2:]) <= {"Oscillating", "Overshot", "Diverging"}
