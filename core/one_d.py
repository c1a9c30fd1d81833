"""The lecture's one-dimensional picture: J(w) = (w − 2)², dJ/dw = 2(w − 2).

w ← w − α·dJ/dw  =  2 + (1 − 2α)(w − 2): each step multiplies w − 2
to the minimum by (1 − 2α), hence the slide's regimes: α < 0.5 creeps,
α = 0.5 lands in one step, 0.5 < α < 1 oscillates in, α = 1 bounces
forever, α > 1 diverges.
"""

from __future__ import annotations

import math

MINIMUM = 2.0


def J(w):
    return (w - MINIMUM) ** 2


def dJ(w):
    return 2.0 * (w - MINIMUM)


def iterates(w0, alpha, n):
    """[w⁰, w¹, …, wⁿ] (stops early once a value is no longer finite)."""
    ws = [float(w0)]
    for _ in range(n):
        w = ws[-1] - alpha * dJ(ws[-1])
        if not math.isfinite(w) or abs(w) > 1e150:
            break
        ws.append(w)
    return ws


def regime(alpha):
    """What the slide says α does."""
    if alpha <= 0:
        return "α must be positive"
    if alpha < 0.5:
        return "α < 0.5: creeps towards w = 2 from one side"
    if alpha == 0.5:
        return "α = 0.5: lands on w = 2 in one step"
    if alpha < 1:
        return "0.5 < α < 1: overshoots and oscillates in"
    if alpha == 1:
        return "α = 1: bounces between the same two points forever"
    return "α > 1: each step overshoots further — diverges"
