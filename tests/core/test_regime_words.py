"""The words the window shows about a run must be true at every step (review of the
regime's words: a run at rest at ε = 0, the race under the step-size test, singular
X̃X̃ᵀ, counts of one step)."""

from __future__ import annotations

import numpy as np

from core import Session
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


def test_the_crawl_estimate_is_said_as_the_lower_bound_it_is():
    """The recent rate of ‖dw‖ only slows (fast modes die first), so the steps it
    gives are a lower bound: Overlapping blobs at α = 1e-3 reads '≥ 29,000 steps',
    and ε takes ~210,000; '~29,000' would be a lie by 7×."""
    s = preset_session("3_blobs.logitlab.json", tol=1e-4, learning_rate=1e-3)
    s.step(1000)
    r = judge(s)
    check_text(r)
    assert r.word == "crawling"
    assert r.headline.startswith("Crawling: ε is ≥ ") and "~" not in r.headline
    said = float(r.headline.split("≥ ")[1].split(" steps")[0].replace(",", ""))
    assert said <= r.steps_to_tol
    start = s.iteration
    while not s.converged:
        s.step(100_000)
    assert s.iteration - start >= said


def test_a_lower_bound_count_is_rounded_down_and_fits_the_headline():
    from core.regime import _count

    for n in (1.0, 9.99, 12_345.0, 289_999.0, 999_999.0, 2.34e6, 1.06e8, 9.99e14, 3e15):
        far = _count(n, at_least=True)
        assert len(f"Crawling: ε is {far} steps away") <= 40, far
        assert "~" not in far and "e" not in far.replace("over", ""), far
        if n < 1e15:
            number = far.removeprefix("≥ ").replace(",", "").split(" ")
            scale = {"million": 1e6, "billion": 1e9, "trillion": 1e12}.get(number[-1], 1)
            shown = float(number[0]) * scale
            assert shown <= n and shown >= 0.9 * n - 1, (n, far)
