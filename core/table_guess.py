"""Guesses about a table's columns that the user may overrule: which value of the label
is the positive class, which column is an identifier, which one is the label.

Used by :func:`core.table_columns.choose`; each guess is one a teacher's own files
got wrong once (the comments say which).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .table import number_text

#: More distinct values than this: not a label column (a score, an id, ...).
MAX_LABEL_VALUES = 20
#: Known pairs (lower case): the positive word of each, and its negative partner.
PAIRS = {"yes": "no", "y": "n", "true": "false", "t": "f", "positive": "negative",
         "pos": "neg", "+": "-", "pass": "fail", "passed": "failed", "on": "off",
         "ja": "nein", "wahr": "falsch", "oui": "non", "vrai": "faux", "si": "no", "sí": "no"}
#: How a label word is negated: "not admitted", "non-smoker", "no_risk".
NEGATIONS = ("not ", "not_", "not-", "non-", "non ", "non_", "non", "no ", "no_", "no-")
#: Header names (lower case, spaces, "_", "-" and "." removed) of an identifier column.
ID_NAMES = {"id", "index", "idx", "no", "nr", "row", "rownumber", "#", "number", "num", "key"}


@dataclass(frozen=True)
class LabelValue:
    """A value of the label column: as shown, how often, and how to find it."""

    text: str
    count: int
    number: float | None = None  # a number cell's value
    codes: tuple = ()  # text cells: their indices in Column.texts ('Yes', 'yes', 'YES')


def is_float(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def label_values(column, usable):
    """[LabelValue] of a label column over the rows ``usable`` (bool (m,))."""
    values = []
    numbers = column.numbers[usable & (column.codes < 0)]
    uniq, counts = np.unique(numbers, return_counts=True)
    values += [LabelValue(number_text(v), int(c), number=float(v))
               for v, c in zip(uniq.tolist(), counts.tolist(), strict=True)]
    if not column.is_numeric and column.texts:
        codes = column.codes[usable & (column.codes >= 0)]
        counts = np.bincount(codes, minlength=len(column.texts)).tolist()
        # 'Yes', 'yes' and 'YES' are one value, shown as its most common spelling.
        groups = {}
        for k, (t, c) in enumerate(zip(column.texts, counts, strict=True)):
            if c and t:
                groups.setdefault(t.casefold(), []).append((c, t, k))
        for key in sorted(groups):
            spellings = sorted(groups[key], key=lambda e: (-e[0], e[2]))
            values.append(LabelValue(spellings[0][1], sum(e[0] for e in spellings),
                                     codes=tuple(sorted(e[2] for e in spellings))))
    return values


def guess_positive(values, name):
    """(positive LabelValue or None, why the guess is ambiguous or None).

    ``name`` is the label column's, for the question.
    """
    if not values:
        return None, None
    numbers = [v for v in values if v.number is not None]
    words = {v.text.lower(): v for v in values if v.number is None}
    if len(values) == 1:
        v = values[0]
        if (v.number is not None and v.number <= 0) or v.text.lower() in PAIRS.values():
            return None, None  # one class, and it is the negative one
        return v, None
    if len(values) == 2:
        if len(numbers) == 2:
            return max(numbers, key=lambda v: v.number), None
        for yes, no in PAIRS.items():
            if set(words) == {yes, no}:
                return words[yes], None
        if len(words) == 2:  # "admitted" / "not admitted": the one not negated
            a, b = sorted(words, key=len)
            if b in {f"{neg}{a}" for neg in NEGATIONS}:
                return words[a], None
    known = [words[w] for w in PAIRS if w in words]
    guess = (known[0] if known else max(numbers, key=lambda v: v.number) if numbers
             else values[-1])
    shown = ", ".join(repr(v.text) for v in values[:6]) + (", …" if len(values) > 6 else "")
    if len(values) == 2:
        why = f"the labels in {name!r} are {shown}: which one is the positive class (y = 1)?"
    else:
        why = (f"the label column {name!r} has {len(values)} values ({shown}): which one is "
               "the positive class (y = 1)? The others become 0.")
    return guess, why


def is_identifier(column, name=""):
    """True for an identifier: a column counting up by one from any start (0, 1, 2, …;
    1001, 1002, …) or headed like one ("id", "StudentID", "student_id", "No.").  A
    student number taken as x1 drew the class's points along a line of ids."""
    if _is_id_name(name):
        return True
    v = column.numbers
    if not (len(v) >= 3 and column.number_count == len(v) and float(v[0]).is_integer()):
        return False
    with np.errstate(over="ignore", invalid="ignore"):  # 1.8e308 − 0 is no counter
        return bool(np.all(np.diff(v) == 1.0))


def _is_id_name(name):
    plain = re.sub(r"[\s_\-.]", "", name.strip().lower())
    return (plain in ID_NAMES or bool(re.search(r"(?:^|[\s_\-.])id$", name.strip().lower()))
            or bool(re.search(r"[a-z](?:ID|Id)$", name.strip())))


def default_label(table, numeric, features):
    """The label column nobody named: from the last column back, the first with two
    values (then with a few) that leaves two columns of numbers for x1 and x2, else the
    last column.  "student, math, Passed, reading" took 'reading' and was refused,
    with no way in the preview to pick 'Passed'."""
    cols = table.columns
    candidates = [j for j in reversed(range(len(cols))) if j not in features]
    usable = [j for j in candidates if sum(1 for k in numeric if k != j) >= 2]
    for most in (2, MAX_LABEL_VALUES):
        for j in usable:
            if _at_most_values(cols[j], most):
                return j
    return candidates[0]


def _at_most_values(column, most):
    """True when the column holds at most ``most`` different values (a sample first:
    a column of measurements is rejected without sorting all of it)."""
    numbers = column.numbers[column.codes < 0] if len(column.codes) else column.numbers
    numbers = numbers[np.isfinite(numbers)]
    words = {t.casefold() for t in column.texts if t}
    if len(words) > most or len(np.unique(numbers[:1000])) + len(words) > most:
        return False
    return len(np.unique(numbers)) + len(words) <= most
