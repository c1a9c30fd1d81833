"""The model and its decision boundary written as the lecture writes them."""

from __future__ import annotations

import math

from .features import TERM_LABELS


def _num(v, digits=3):
    """A number for the screen: 3 significant digits, a real minus sign."""
    if v == 0 or not math.isfinite(v):
        text = "0" if v == 0 else ("∞" if v > 0 else "−∞")
    elif 1e-3 <= abs(v) < 1e5:
        text = f"{v:.{digits}g}"
    else:
        mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


def linear_form(terms, theta, *, digits=3):
    """'−3.02 + 1.01·x1 + 0.99·x2' for θ = [b, w...] (bias first)."""
    parts = [_num(theta[0], digits)]
    for term, wj in zip(terms, theta[1:]):
        sign = "−" if wj < 0 else "+"
        parts.append(f" {sign} {_num(abs(wj), digits)}·{TERM_LABELS[term]}")
    return "".join(parts)


def model_equation(terms, theta, *, digits=3):
    """ŷ = σ(−3.02 + 1.01·x1 + 0.99·x2)."""
    return f"ŷ = σ({linear_form(terms, theta, digits=digits)})"


def boundary_equation(terms, theta, *, digits=3):
    """The set where ŷ ≥ 0.5, normalised like the slide: 'x1 + 0.98·x2 ≥ 2.99'.

    Every weight is divided by the largest |w_j| (a positive number, so ≥ is
    kept) and the bias moved to the right-hand side.
    """
    w = list(theta[1:])
    big = max((abs(v) for v in w if math.isfinite(v)), default=0.0)
    if big == 0:
        return "ŷ ≥ 0.5 everywhere" if theta[0] >= 0 else "ŷ < 0.5 everywhere"
    parts = []
    for term, wj in zip(terms, w):
        c = wj / big
        if abs(c) < 10 ** -digits:
            continue
        coeff = "" if abs(abs(c) - 1) < 0.5 * 10 ** (1 - digits) else f"{_num(abs(c), digits)}·"
        sign = "−" if c < 0 else "+"
        if not parts:
            parts.append(("−" if c < 0 else "") + coeff + TERM_LABELS[term])
        else:
            parts.append(f" {sign} {coeff}{TERM_LABELS[term]}")
    rhs = -theta[0] / big
    return f"{''.join(parts)} ≥ {_num(rhs, digits)}"
