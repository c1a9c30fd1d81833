"""Numbers typed by a person, read the same under any locale: '0.5', '0,5', '1e-4', '1,000.5'.

Qt's spin boxes read the system locale only: under de_DE.UTF-8 '0.5' is not a
number (the dot groups thousands) and under the C locale '1,05' is not either.
A class mixes both, so every number field reads both.  A lone ',' or '.' is
the decimal mark; with both, the last one is the decimal mark and the other
groups digits; several of the same groups digits ('1.000.000').
"""

from __future__ import annotations

import math
import re

_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?")
#: What a number may look like half-typed ('-', '1e', '1e-', '.'): not an error yet.
_PARTIAL = re.compile(r"[+-]?[\d.,]*(e[+-]?\d*)?")


def normalize(text):
    """``text`` with a '.' decimal mark and no grouping, or None when it cannot be a number."""
    t = text.strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")
    t = t.replace("E", "e")
    mantissa, sep, exponent = t.partition("e")
    commas, dots = mantissa.count(","), mantissa.count(".")
    if commas and dots:
        decimal = "," if mantissa.rfind(",") > mantissa.rfind(".") else "."
        group = "." if decimal == "," else ","
        if mantissa.count(decimal) > 1 or mantissa.rfind(group) > mantissa.rfind(decimal):
            return None
        mantissa = mantissa.replace(group, "").replace(decimal, ".")
    elif commas > 1 or dots > 1:
        mantissa = mantissa.replace(",", "").replace(".", "")  # 1,000,000 or 1.000.000
    else:
        mantissa = mantissa.replace(",", ".")
    return mantissa + sep + exponent


def parse_number(text):
    """The float a person meant by ``text``, or None ('' and 'abc' mean nothing)."""
    t = normalize(text)
    if t is None or not _NUMBER.fullmatch(t):
        return None
    value = float(t)
    return value if math.isfinite(value) else None


def is_partial(text):
    """``text`` could still become a number by typing more (e.g. '1e-', '-', '0,')."""
    t = text.strip().replace("\u2212", "-").replace("E", "e")
    return bool(_PARTIAL.fullmatch(t))
