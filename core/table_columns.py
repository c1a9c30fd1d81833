"""From a table to training data: which columns are x1, x2 and y, and which label is 1.

:func:`choose` is pure: given a :class:`~core.table.Table` and the user's
picks (each may be None for the default) it returns a :class:`Choice` that
says what the data would be — the label values found and which one is the
positive class, the rows with missing or non-numeric cells and why — without
deciding anything the user has not agreed to.  The defaults:

* **y** is the column the header names so (``y``, or ``label``, ``class``,
  ``target``; any case), else the last column;
* **x1, x2** are the columns headed ``x1`` and ``x2``, else the first two
  numeric columns other than y (skipping a row counter 1, 2, 3, … such as an
  id column);
* **the positive class** is the larger of two numbers (1 of 0/1, 1 of −1/1),
  the yes-word of a known pair (yes/no, true/false, y/n, pos/neg, …); two
  other words or more than two values are *ambiguous*: the guess is made
  but the user (or ``--positive``) should say.  Every other value becomes 0.

Bad rows are skipped only with consent: ``choice.points_and_labels()``
raises :class:`BadRows` (a FileProblem naming the first bad line and how to
fix it) unless ``skip_bad_rows=True``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .table import Table, is_missing
from .table_guess import (  # noqa: F401 - MAX_LABEL_VALUES is part of this API
    MAX_LABEL_VALUES,
    LabelValue,
    default_label,
    guess_positive,
    is_float,
    is_identifier,
    label_values,
)
from .text_file import FileProblem
from .text_file import short as _short

#: A number written with a thousands separator: 9,648.00, 1.234,5, 12 345.
THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:([,.\u00a0 ])\d{3})+(?:(?!\1)[.,]\d+)?")
POINTS_HEADER = ("x1", "x2", "y")
#: Header names (lower case) that say a column is the label, the surest first.  "y"
#: beside a column "x" is a coordinate, not the label.
LABEL_NAMES = ("y", "label", "class", "target")

__all__ = ["BadRows", "Choice", "LabelValue", "choose", "find_column"]


class BadRows(FileProblem):
    """Rows with missing or non-numeric cells, not skipped (no consent).

    ``reason`` is the first bad row's problem (on ``line``), ``count`` of
    ``total`` rows are bad; ``how`` ends the message: how to skip them.
    """

    def __init__(self, path, reason, count, total, line, how="skip such rows"):
        self.reason, self.count, self.total, self.how = reason, count, total, how
        rows = "rows has" if count == 1 else "rows have"  # "1 of 9 rows has"
        super().__init__(path, f"{reason} ({count:,} of {total:,} {rows} a missing or "
                               f"non-numeric cell: fix the file, or {how})", line)

    def with_how(self, how):
        """The same problem, told how to skip the rows here (e.g. a command-line option)."""
        return BadRows(self.path, self.reason, self.count, self.total, self.line, how)

    def __reduce__(self):
        return (type(self), (self.path, self.reason, self.count, self.total, self.line,
                             self.how))


def find_column(table, ref):
    """Index of the column named ``ref`` (exact, then any case) or numbered ``ref`` (1-based).

    ``ref`` may be an int (0-based index).  Raises FileProblem naming the columns.
    """
    names = table.names
    if isinstance(ref, (int, np.integer)) and not isinstance(ref, bool):
        if 0 <= ref < len(names):
            return int(ref)
    else:
        text = str(ref).strip()
        if text in names:
            return names.index(text)
        lower = [n.lower() for n in names]
        if text.lower() in lower:
            return lower.index(text.lower())
        if text.isdigit() and 1 <= int(text) <= len(names):
            return int(text) - 1
    listed = ", ".join(f"{i + 1} {n!r}" for i, n in enumerate(names))
    raise FileProblem(table.path, f"no column {_short(ref)}; the columns are {listed} "
                                  "(name one by its header name or its number)")


@dataclass(eq=False)
class Choice:
    """What the table gives with these columns: see the module docstring."""

    table: Table
    x1: int
    x2: int
    y: int
    values: list  # [LabelValue] found in the label column
    positive: LabelValue | None
    ambiguous: str | None  # why the positive class is only a guess
    problem: str | None  # why these picks cannot give data (the user must change one)
    bad: np.ndarray  # (m,) bool: rows with a missing or non-numeric cell

    @property
    def names(self):
        """The chosen columns' names (x1, x2, y)."""
        names = self.table.names
        return names[self.x1], names[self.x2], names[self.y]

    @property
    def bad_count(self):
        return int(np.count_nonzero(self.bad))

    @property
    def is_points_file(self):
        """LogitLab's own ``x1,x2,y`` table, clean, labels 0/1: nothing to ask."""
        t = self.table
        return (t.header and tuple(t.names) == POINTS_HEADER
                and (self.x1, self.x2, self.y) == (0, 1, 2) and self.problem is None
                and self.bad_count == 0
                and all(v.number in (0.0, 1.0) for v in self.values))

    def reason(self, row):
        """Why row ``row`` is bad, e.g. "x2 is empty"."""
        t = self.table
        if row in t.ragged:
            return f"{t.ragged[row]} values, expected {len(t.columns)}"
        reasons = []
        for j, role in ((self.x1, ""), (self.x2, ""), (self.y, "" if t.columns[self.y].name
                                                          == "y" else " (y)")):  # not "y (y)"
            col = t.columns[j]
            code = int(col.codes[row])
            if code < 0 or (j == self.y and not col.is_numeric and col.texts[code]
                            and not is_missing(col.texts[code])):
                continue
            text = col.texts[code]
            if not text:
                reasons.append(f"{col.name}{role} is empty")
            elif is_float(text):
                reasons.append(f"{col.name}{role} is not a finite number: {_short(text)}")
            elif is_missing(text):
                reasons.append(f"{col.name}{role} is missing ({_short(text)})")
            elif "," in text and is_float(text.replace(",", ".")):
                reasons.append(f"{col.name}{role} is not a number: {_short(text)} (decimal "
                               "commas and points are mixed: use one kind throughout)")
            else:
                reasons.append(f"{col.name}{role} is not a number: {_short(text)}")
        return "; ".join(dict.fromkeys(reasons))

    def bad_rows(self, limit=10):
        """[(file line, reason)] of the first ``limit`` bad rows."""
        rows = np.flatnonzero(self.bad)[:limit]
        return [(int(self.table.lines[r]), self.reason(int(r))) for r in rows]

    def points_and_labels(self, skip_bad_rows=False):
        """(points (k, 2) float, labels (k,) int8) of the good rows.

        Raises :class:`BadRows` when there are bad rows and ``skip_bad_rows``
        is False, FileProblem when the picks have a problem or nothing is left.
        """
        t = self.table
        if self.problem:
            raise FileProblem(t.path, self.problem)
        if self.bad_count and not skip_bad_rows:
            line, why = self.bad_rows(1)[0]
            raise BadRows(t.path, why, self.bad_count, t.m, line)
        good = ~self.bad
        points = np.column_stack([t.columns[self.x1].numbers[good],
                                  t.columns[self.x2].numbers[good]])
        return points, self._labels()[good]

    def _labels(self):
        col = self.table.columns[self.y]
        v = self.positive
        if v is None:
            return np.zeros(self.table.m, dtype=np.int8)
        if v.codes:
            return np.isin(col.codes, v.codes).astype(np.int8)
        return ((col.codes < 0) & (col.numbers == v.number)).astype(np.int8)

    def describe_labels(self):
        """"'admitted': 1 → y = 1 (60 rows); 0 → y = 0 (40 rows)"."""
        parts = []
        for v in self.values:
            y = 1 if v == self.positive else 0
            parts.append(f"{v.text} → y = {y} ({v.count:,})")
        return "; ".join(parts)


def _not_numbers(table, column):
    """"'x2' holds no numbers ('abc' on line 2)": why a column is not numeric."""
    if column.number_count == 0 and column.word_count == 0:
        return f"{column.name!r} is empty"
    row = next((int(r) for r in np.flatnonzero(column.codes >= 0)
                if column.texts[column.codes[r]]), None)
    what = "no numbers" if column.number_count == 0 else "mostly words"
    if row is None:
        return f"{column.name!r} holds {what}"
    text = column.texts[column.codes[row]]
    if is_float(text):
        what = "no finite numbers" if column.number_count == 0 else "mostly non-finite numbers"
    hint = ""
    if "," in text and is_float(text.replace(",", ".")):
        hint = (" — a decimal comma in a comma-separated file: use decimal points, or "
                "separate the columns with semicolons")
    elif text.rstrip().endswith("%") and is_float(text.rstrip()[:-1].strip().replace(",", ".")):
        hint = " — percent signs: save the column as plain numbers (34, not 34%)"
    elif THOUSANDS.fullmatch(text.strip()):
        hint = (" — a thousands separator: save the numbers without it (9648.5, not "
                "9,648.50 or 9.648,50)")
    return f"{column.name!r} holds {what} ({_short(text)} on line {table.lines[row]}){hint}"


def _match_value(values, wanted):
    wanted = str(wanted).strip()
    for same in (lambda v: v.text == wanted, lambda v: v.text.lower() == wanted.lower()):
        for v in values:
            if same(v):
                return v
    if is_float(wanted):
        for v in values:
            if v.number is not None and v.number == float(wanted):
                return v
    return None


def _named_columns(table):
    """{"y": j, "x1": j, "x2": j} of the columns whose header names say their role."""
    if not table.header:
        return {}
    lower = [n.strip().lower() for n in table.names]
    named = {}
    for name in LABEL_NAMES:
        if name in lower and not (name == "y" and "x" in lower):
            named["y"] = lower.index(name)
            break
    # A feature named so but not numeric is left to the defaults (whose message says why).
    named.update({role: lower.index(role) for role in ("x1", "x2")
                  if role in lower and table.columns[lower.index(role)].is_numeric})
    return named


def choose(table, x1=None, x2=None, y=None, positive=None):
    """The :class:`Choice` of these columns (names, 1-based numbers or 0-based ints).

    Raises FileProblem when the table cannot give training data whatever the
    picks (fewer than three columns, fewer than two numeric ones) or a column
    named does not exist.
    """
    cols = table.columns
    if len(cols) < 3:
        raise FileProblem(table.path, f"{len(cols)} columns found ({', '.join(table.names)}); "
                                      "a table needs two feature columns and a label column")
    numeric = [j for j, c in enumerate(cols) if c.is_numeric]
    if len(numeric) < 2:
        got = f"only {_short(table.names[numeric[0]])}" if numeric else "none"
        raise FileProblem(table.path, f"two columns of numbers are needed for x1 and x2; "
                                      f"{got} holds numbers")
    # The user's picks first; then the columns the header names; then the defaults.
    x1, x2, y = (None if ref is None else find_column(table, ref) for ref in (x1, x2, y))
    for role, j in _named_columns(table).items():
        picks = {"x1": x1, "x2": x2, "y": y}
        if picks[role] is None and j not in picks.values():
            x1, x2, y = (j if r == role else picks[r] for r in ("x1", "x2", "y"))
    if y is None:
        y = default_label(table, numeric, (x1, x2))
    features = [j for j in numeric if j != y]
    if x1 is None or x2 is None:
        # A row counter (1, 2, 3, … or 0, 1, 2, …) is not a feature: skip it by default.
        counters = [j for j in features
                    if is_identifier(cols[j], table.names[j] if table.header else "")]
        if len(features) - len(counters) >= 2:
            features = [j for j in features if j not in counters]
    if len(features) < 2 and (x1 is None or x2 is None):
        others = [_not_numbers(table, c) for j, c in enumerate(cols)
                  if j != y and not c.is_numeric]
        raise FileProblem(table.path, f"x1 and x2 need two columns of numbers besides the label "
                                      f"{table.names[y]!r}; " + "; ".join(others[:2]))
    if x1 is None:
        rest = [j for j in features if j != x2]
        x1 = rest[0] if rest else next(j for j in numeric if j != x2)
    if x2 is None:
        rest = [j for j in features if j != x1]
        x2 = rest[0] if rest else next(j for j in numeric if j != x1)

    names = table.names
    problem = None
    if x1 == x2:
        problem = f"x1 and x2 are both {names[x1]!r}: pick two different feature columns"
    elif y in (x1, x2):
        problem = (f"{names[y]!r} is a feature and the label: pick another label column "
                   "(or other features)")
    else:
        for j in (x1, x2):
            if not cols[j].is_numeric:
                problem = (f"column {names[j]!r} holds words, not numbers: pick numeric "
                           "columns for x1 and x2")
    bad = np.zeros(table.m, dtype=bool)
    if table.ragged:
        bad[list(table.ragged)] = True
    for j in (x1, x2):
        bad |= cols[j].codes >= 0
    label = cols[y]
    if label.is_numeric:
        bad |= label.codes >= 0
    elif label.texts:
        empty = [k for k, t in enumerate(label.texts) if not t or is_missing(t)]
        bad |= np.isin(label.codes, empty)  # "NA" is no class: a missing label
    values = label_values(label, ~bad)
    guess, ambiguous = guess_positive(values, names[y])
    if problem is None and len(values) > MAX_LABEL_VALUES:
        problem = (f"the label column {names[y]!r} has {len(values):,} different values, not a "
                   "few classes: pick the column that holds the classes (0/1, yes/no, …)")
        ambiguous = None
    if positive is not None and problem is None:
        match = _match_value(values, positive)
        if match is None:
            shown = ", ".join(repr(v.text) for v in values[:8])
            problem = f"{_short(positive)} is not a label in {names[y]!r}; its labels are {shown}"
        else:
            guess, ambiguous = match, None
    if problem is None and not (~bad).any():
        problem = "every row has a missing or non-numeric cell in the chosen columns"
    return Choice(table, x1, x2, y, values, guess, ambiguous, problem, bad)
