"""The trend of J over the recent steps of a run: descending, diverging, oscillating.

Pure functions of a window of costs (oldest first), used by
:func:`core.regime.judge`; and the estimate of the steps still needed to
reach ε from the recent rate of decay of ‖dw‖, and counts of steps as the screen
says them.
"""

from __future__ import annotations

import math

import numpy as np

#: The words of a trend.
DESCENDING = "descending"
DIVERGING = "diverging"
OSCILLATING = "oscillating"
#: The estimate of the steps to ε needs this many steps since the edit.
MIN_RATE_STEPS = 10
#: How many recent costs decide between descending, diverging and oscillating.
#: 25 costs span 24 steps, a whole number of periods of a 2-, 3- or 4-cycle, so
#: the first and last costs of a zig-zag are compared in the same phase.
TREND_WINDOW = 25
#: J rising in this many of the last TREND_WINDOW steps is a bounce (α too large).
MIN_RISES = 3
#: A longer look back, for the irregular bouncing of an α far above α*.
BOUNCE_WINDOW = 120
#: How many recent ‖dw‖ the rate of decay is fitted to: few, because the rate
#: changes along a run (fast modes die first) and the newest is the best guess.
RATE_WINDOW = 20


def classify_trend(costs):
    """Trend word for a run whose last costs are ``costs`` (oldest first).

    *diverging*: the cost rose over the window and most steps went up.
    *oscillating*: it keeps changing direction without getting lower (its
    lowest value in the newer half of the window is no lower than in the
    older half, which does not depend on where a zig-zag's phase falls).
    Otherwise *descending*.
    """
    costs = np.asarray(costs, dtype=float)
    if len(costs) < 4:
        return DESCENDING
    d = np.diff(costs)
    scale = max(abs(float(costs[0])), abs(float(costs[-1])), 1e-300)
    tiny = 1e-12 * scale
    ups = int(np.count_nonzero(d > tiny))
    downs = int(np.count_nonzero(d < -tiny))
    rose = costs[-1] - costs[0] > tiny
    if rose and ups > downs:
        return DIVERGING
    moving = d[np.abs(d) > tiny]
    if len(moving) >= 4:
        flips = int(np.count_nonzero(np.sign(moving[1:]) != np.sign(moving[:-1])))
        half = len(costs) // 2
        no_lower = np.min(costs[half:]) >= np.min(costs[:half]) - tiny
        if flips >= 0.6 * (len(moving) - 1) and no_lower:
            return OSCILLATING
    return DESCENDING


def is_bouncing(costs):
    """True when J keeps changing direction and, over the whole window, does not fall.

    With α far above α* the cost jumps irregularly (no clean 2-cycle), so the
    short window can happen to end lower than it began; over a window of
    :data:`BOUNCE_WINDOW` costs the mean of its newer half is no lower than
    that of its older half.
    """
    costs = np.asarray(costs, dtype=float)
    if len(costs) < BOUNCE_WINDOW:
        return False
    d = np.diff(costs)
    tiny = 1e-12 * max(float(np.max(np.abs(costs))), 1e-300)
    moving = d[np.abs(d) > tiny]
    if len(moving) < len(d) // 2:
        return False
    flips = int(np.count_nonzero(np.sign(moving[1:]) != np.sign(moving[:-1])))
    half = len(costs) // 2
    falling = np.mean(costs[half:]) < 0.98 * np.mean(costs[:half])
    return flips >= 0.4 * (len(moving) - 1) and not falling


def _grows(costs):
    """J clearly higher in the newer half of ``costs`` than in the older half."""
    half = len(costs) // 2
    return half > 0 and np.mean(costs[half:]) > 1.25 * np.mean(costs[:half])


def trend(costs):
    """descending / diverging / oscillating for the costs of one run, oldest first.

    Below α* every step lowers J, so J rising in :data:`MIN_RISES` or more of
    the last :data:`TREND_WINDOW` steps means α is too large even where
    :func:`classify_trend` would call the window descending (an irregular
    bounce that happens to end low).  A bounce is *oscillating* unless J
    clearly grows over the last :data:`BOUNCE_WINDOW` costs or rises
    nearly every step (then *diverging*), so the word does not flicker with
    the phase of the bounce.
    """
    costs = np.asarray(costs, dtype=float)
    window = costs[-TREND_WINDOW:]
    long = costs[-BOUNCE_WINDOW:]
    word = classify_trend(window)
    if len(window) < 4:
        return word
    d = np.diff(window)
    tiny = 1e-10 * max(float(np.max(np.abs(window))), 1e-300)
    ups = int(np.count_nonzero(d > tiny))
    downs = int(np.count_nonzero(d < -tiny))
    if word == DIVERGING:
        # A rising stretch of a bounce that does not grow over the long window stays
        # "oscillating" (it flipped with "diverging" frame to frame).
        grows = _grows(long)
        return DIVERGING if grows or (ups >= 2 * downs and not is_bouncing(long)) \
            else OSCILLATING
    if word == OSCILLATING or ups >= MIN_RISES or is_bouncing(long):
        return DIVERGING if _grows(long) else OSCILLATING
    return DESCENDING


def steps_to_tol(grad_norms, now, tol):
    """Steps until a measure falling like ``grad_norms`` (oldest first) reaches ``tol``.

    The rate is the least-squares slope of log ‖dw‖ per step over the
    window: ‖dw‖ shrinks by a constant factor per step near a minimum.
    None when there is no measurable decay (or ``tol`` is 0).

    An estimate at the recent rate, to be said as one ("at this rate"), never as a bound:
    near a minimum the fast modes die first and the rate slows (Overlapping blobs at
    α = 1e-4: the recent rate says ~290,000 steps, ε takes 2.1 million), but off a
    plateau of saturated σ, or as σ′ grows towards ¼, it speeds up (the Outlier preset,
    raw quadratic features, just standardized: ~6.5 million, ε takes 2,900).
    """
    g = np.asarray(grad_norms, dtype=float)
    g = g[np.isfinite(g) & (g > 0)]
    if len(g) < MIN_RATE_STEPS or not tol > 0 or not (now and now > 0):
        return None
    if now <= tol:
        return 0.0
    t = np.arange(len(g), dtype=float)
    slope = float(np.polyfit(t, np.log(g), 1)[0])
    if not slope < -1e-15:
        return None
    # Logs taken apart: with a subnormal ε (5e-324) tol / now underflows to 0.
    return (math.log(tol) - math.log(now)) / slope


def _count(n):
    """About n steps for the screen, two significant digits in words: '~45,000',
    '~2.3 million', '~110 million', 'over 10¹⁵' — never an exponent, at most 13
    characters, so the crawl headline fits its 40."""
    v, prefix = float(f"{n:.2g}"), "~"  # round first: 999,999 reads '~1 million'
    if v >= 1e15:
        return "over 10¹⁵" if n >= 1e15 else "~10¹⁵"
    for size, name in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if v >= size:
            return f"{prefix}{v / size:.3g} {name}"
    return f"{prefix}{v:,.0f}"


def steps_text(n):
    """'1 step', '2 steps', '1,200 steps': a count of steps for the screen."""
    return f"{n:,} {'step' if n == 1 else 'steps'}"
