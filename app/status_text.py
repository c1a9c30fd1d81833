"""The words of the status panel, from core's one judgement of the run (core.regime).

The regime decides the word, the headline, the sentence of cause and remedy
and the one-click action; this module only adds what the window knows and
core does not: whether the animation is playing, and a race in progress.
"""

from __future__ import annotations

import math

from core import regime as R

#: The one-click answers, as the button says them.
ACTION_TEXT = {
    R.LOWER_ALPHA: "Lower α ÷10 and resume",
    R.RAISE_ALPHA: "Raise α ×3",
    R.STANDARDIZE: "Standardize the features",
    R.ADD_OTHER_CLASS: "Add points of the other class",
}


#: Words that say by themselves that descent is not moving.
PAUSED_ANYWAY = (R.NO_DATA, R.CONVERGED, R.DIVERGED)


def describe(session, playing, race=None):
    """(word, style, headline, explanation, action) for the status panel and the overlay.

    ``style`` is the stylesheet's state: the regime word, with a smooth run
    shown as *running* or *paused*.
    """
    judged = R.judge(session)
    word, headline, explanation, action = (judged.word, judged.headline, judged.explanation,
                                           judged.action)
    style = word
    if word == R.SMOOTH:
        style = "running" if playing else "paused"
        steps = judged.steps_since_edit  # 0: "Ready: …"; fewer than a trend: "Starting"
        if playing:
            now = "starting" if steps == 0 else f"{headline[0].lower()}{headline[1:]}"
            headline = f"Running: {now}"
        elif 0 < steps < R.MIN_TREND_STEPS:
            counted = R.steps_text(steps)
            headline = (f"Paused after {counted}" if steps == session.iteration
                        else f"Paused {counted} after the edit")
        elif steps > 0:
            # "Ready: no step yet" stays as it is: it read "Paused: ready: no step yet"
            # at every start.
            headline = f"Paused: {headline[0].lower()}{headline[1:]}"
    elif not playing and word not in PAUSED_ANYWAY and session.iteration > 0:
        headline = f"Paused — {headline}"  # the trend is true, and the class must know it waits
    if race is not None:
        style = "racing"
        if race.finished:
            headline = "Race finished"
        elif playing:
            headline = f"Racing: step {race.iteration:,}"
        else:  # Space, Step, or a script's question answered: the lanes wait
            headline = f"Race paused at step {race.iteration:,}"
        explanation = race.summary()
        action = None
    return word, style, headline, explanation, action


def alpha_text(alpha, a_star, standardize, lane=False):
    """α of the run shown and α* of the data; ``lane``: α is a race lane's."""
    own = f"Lane α = {alpha:g}" if lane else f"α = {alpha:g}"
    if not math.isfinite(a_star):
        return own
    scaling = "standardized" if standardize else "raw features"
    return f"{own}   ·   stable below α* = {a_star:.3g}  ({scaling})"


#: Beyond |log₁₀ P| of a million the digits say nothing a class can use.
ABSURD_EXPONENT = 1e6


def likelihood_text(loss, m, data_loss, penalized=False):
    """P(labels) = exp(−m·J) of the data loss J (without any L2 penalty: the lecture's
    likelihood), always short: a tiny P as "= 2.75 × 10^−1,235", an absurd one as
    "≈ 0  (log₁₀ P < −10⁶)".  ``penalized``: λ > 0, so the formula names J − penalty."""
    if data_loss is None or math.isnan(data_loss):
        return "P(labels) = —"
    if loss != "cross_entropy":
        return "P(labels): a likelihood only for cross-entropy"
    formula = "exp(−m·(J − penalty))" if penalized else "exp(−m·J)"
    return f"P(labels) = {formula} {probability_text(-m * data_loss)}"


def probability_text(log_p):
    """The value of P from its natural log, with its sign of relation ("= 2.75 × 10^−1,235",
    "≈ 0 …" when even the power of ten would be a wall of digits): at most 22 characters,
    never false."""
    if log_p > -700:  # exp stays a normal double: three digits of it
        return f"= {R.sig3(math.exp(log_p))}"
    log10_p = log_p / math.log(10)  # −inf for an infinite J
    if not log10_p >= -ABSURD_EXPONENT:
        return "≈ 0  (log₁₀ P < −10⁶)"
    exponent = math.floor(log10_p)
    mantissa = round(10 ** (log10_p - exponent), 2)
    if mantissa >= 10:  # 9.996 rounds up to 10.0: one more power of ten
        mantissa, exponent = 1.0, exponent + 1
    return f"= {mantissa:.3g} × 10^{exponent:,}".replace("-", "−")
