"""The words of the status panel: what state the run is in, and why."""

from __future__ import annotations

import math

from core.descent import CONVERGED, DIVERGED, DIVERGING, NO_DATA, OSCILLATING

#: States whose explanation comes with the one-click "lower α" answer.
TROUBLE = (DIVERGED, DIVERGING, OSCILLATING)


def state_word(session, playing):
    """running / paused / converged / diverging / oscillating / diverged / no data."""
    state = session.engine.state
    if state in (CONVERGED, DIVERGED, DIVERGING, OSCILLATING, NO_DATA):
        return state
    return "running" if playing else "paused"


def describe(session, playing, race=None):
    """(word, headline, explanation) for the status panel and the presentation overlay."""
    s, e = session, session.engine
    word = state_word(s, playing)
    alpha, a_star = s.learning_rate, s.alpha_star()
    explanation = s.problem() or ""
    if word == CONVERGED:
        headline = f"Converged after {e.iteration:,} steps"
        explanation = (f"‖dw‖ = {e.grad_norm:.3g} ≤ ε = {s.tol:g}: the lecture's stopping test "
                       "holds, so descent stops.")
        if s.problem():  # e.g. one class only: σ saturated, which is no real answer
            explanation = s.problem() + " " + explanation
    elif word == DIVERGED:
        step, at_alpha = e.diverged_at
        headline = f"Diverged at step {step:,} with α = {at_alpha:g}"
        explanation = ("The next step would make θ or J overflow (not finite); the run stopped "
                       "on the last finite state. Lower α and resume.")
    elif word == DIVERGING:
        headline = "Diverging: J is rising"
        explanation = (f"α = {alpha:g} is too large: each step overshoots the minimum "
                       f"(guaranteed stable below α* = {a_star:.3g}).")
    elif word == OSCILLATING:
        headline = "Oscillating: J bounces without falling"
        explanation = (f"α = {alpha:g} overshoots back and forth across the valley "
                       f"(guaranteed stable below α* = {a_star:.3g}).")
    elif word == NO_DATA:
        headline = "No data"
    else:
        headline = word.capitalize()
        acc = s.accuracy()
        if not explanation and acc == 1.0 and e.iteration >= 500:
            explanation = ("Separable classes: J → 0 while w grows without bound, so ‖dw‖ ≤ ε "
                           "can take very long. An overlapping point lets descent converge.")
        if not explanation and alpha > a_star:
            explanation = (f"α = {alpha:g} is above α* = {a_star:.3g}: steps are no longer "
                           "guaranteed to lower J — watch for zig-zag and blow-up. (On points "
                           "a curve separates, J can still fall: the gradient fades as the "
                           "model grows confident.)")
    if race is not None:
        headline = "Race finished" if race.finished else f"Racing: {word}"
        explanation = race.summary()
    return word, headline, explanation


def alpha_text(alpha, a_star, standardize):
    if not math.isfinite(a_star):
        return f"α = {alpha:g}"
    scaling = "standardized" if standardize else "raw features"
    return f"α = {alpha:g}   ·   stable below α* = {a_star:.3g}  ({scaling})"


def likelihood_text(loss, m, cost):
    """P(labels) = exp(−m·J), written without underflow when it is tiny."""
    if cost is None:
        return "P(labels) = —"
    if loss != "cross_entropy":
        return "P(labels): a likelihood only for cross-entropy"
    log_p = -m * cost
    value = f"{math.exp(log_p):.3g}" if log_p > -700 else (
        f"10^{log_p / math.log(10):.0f}".replace("-", "−"))
    return f"P(labels) = exp(−m·J) = {value}"
