"""Which dialect a table is written in: separator, decimal comma, header line.

Decided from the first ``SAMPLE_LINES`` non-blank lines after any comment
lines (``#`` …) at the top: the separator that splits them into the same
number (≥ 2) of cells, most of them numbers; a decimal comma only where the
separator is not a comma and no cell has a decimal point (when the sample has
no decimal mark at all, the rest of the file decides: :func:`decimal_comma_below`);
a header when the first row has words where the rows below have numbers.  A
file whose lines cannot be split gets a FileProblem that says how to write them.
"""

from __future__ import annotations

import csv
import re
from collections import Counter

from .text_file import FileProblem

#: Separator → how a message names it, in the order ties are broken.
SEPARATORS = {"\t": "tabs", ";": "semicolons", ",": "commas", "|": "vertical bars",
              " ": "spaces"}
SAMPLE_LINES = 200  # lines that decide the dialect and the header
_DECIMAL_COMMA = re.compile(r"^[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?$")
_DECIMAL_POINT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$")
# Anywhere in the text: a comma between digits; a point after a digit or before one.
_ANY_DECIMAL_COMMA = re.compile(r"\d,\d")
_ANY_DECIMAL_POINT = re.compile(r"\.(?:(?<=\d\.)|(?<![\w.]\.)(?=\d))")

__all__ = ["SAMPLE_LINES", "SEPARATORS", "decimal_comma_below", "dialect", "has_header",
           "is_missing", "is_number", "leading_comments", "sample_lines", "split", "title_line",
           "with_names"]


def split(line, sep):
    if sep == " ":
        return [cell.strip('"') for cell in line.split()]
    return [cell.strip() for cell in next(csv.reader([line], delimiter=sep,
                                                     skipinitialspace=True))]


def is_number(cell, decimal_comma=False):
    if decimal_comma:
        cell = cell.replace(",", ".")
    try:
        float(cell)
    except ValueError:
        return False
    return True


def leading_comments(text):
    """(offset, line count, comment lines) of the blank and ``#`` lines on top.

    Octave's text files and numpy's ``savetxt(header=…)`` start so; the table
    starts at ``offset`` (line ``line count + 1``).  ``#`` lines further down
    are rows like any other: an id such as ``#12`` may start one.
    """
    pos, lineno, comments = 0, 0, 0
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if line and not line.startswith("#"):
            break
        comments += bool(line)
        lineno, pos = lineno + 1, end + 1
    return pos, lineno, comments


def sample_lines(text, pos=0, lineno=0):
    """[(line number, line)] of the first SAMPLE_LINES non-blank lines from ``pos``
    (the start of line ``lineno + 1``)."""
    out = []
    while len(out) < SAMPLE_LINES and pos <= len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        lineno += 1
        line = text[pos:end]
        if line.strip():
            out.append((lineno, line))
        pos = end + 1
    return out


def _decimal_comma(rows):
    """True or False; None when no cell has a decimal mark (whole numbers only)."""
    cells = [c for row in rows for c in row]
    commas = sum(1 for c in cells if _DECIMAL_COMMA.match(c))
    points = sum(1 for c in cells if _DECIMAL_POINT.match(c))
    if commas == points == 0:
        return None
    return commas > 0 and points == 0


def decimal_comma_below(text, pos):
    """Whether the text from ``pos`` has decimal commas and no decimal points.

    For a file whose sample holds only whole numbers (``17;72;0`` for 250
    lines, then ``9,5;34,25;1``); one pass of C searches, no splitting.
    """
    if text.find(",", pos) < 0 or _ANY_DECIMAL_COMMA.search(text, pos) is None:
        return False
    return text.find(".", pos) < 0 or _ANY_DECIMAL_POINT.search(text, pos) is None


def dialect(sample, path):
    """(separator, width, decimal comma, split rows) that fit the sample best.

    The decimal comma is None when the sample cannot tell (no decimal mark in it)
    and the separator is not a comma.
    """
    best = None
    for rank, sep in enumerate(SEPARATORS):
        rows = [split(line, sep) for _, line in sample]
        width, count = Counter(len(r) for r in rows).most_common(1)[0]
        if width < 2 or count < 0.6 * len(rows):
            continue
        if len(rows[0]) != width and not all(is_number(c) for c in rows[0]):
            continue  # a header split differently from the rows: not this separator
        comma = sep != "," and _decimal_comma(rows[1:] or rows)
        body = [c for r in (rows[1:] or rows) for c in r]
        numeric = sum(is_number(c, comma) for c in body) / max(len(body), 1)
        score = (round(numeric, 3), count / len(rows), -rank)
        if best is None or score > best[0]:
            best = (score, sep, width, comma, rows)
    if best is not None:
        return best[1:]
    first_line, first = sample[0]
    for sep, words in SEPARATORS.items():
        cells = split(first, sep)
        if len(cells) >= 2 and len(sample) > 1:
            line, below = next(((n, len(split(text, sep))) for n, text in sample[1:]
                                if len(split(text, sep)) != len(cells)), sample[1])
            if below == 1:
                problem = (f"line {first_line} has {len(cells)} cells separated by {words}, but "
                           f"the rows below do not: separate every row's values with {words}")
            else:
                problem = (f"{below} values where line {first_line} has {len(cells)}: every row "
                           "needs one value per column")
            raise FileProblem(path, problem, line)
    raise FileProblem(
        path,
        "found only one column: a table needs two feature columns and a label column, "
        "separated by commas, semicolons, tabs or spaces, one row per line "
        "(e.g. '34.6,78.0,1')",
        first_line,
    )


def has_header(rows, comma):
    first, body = rows[0], rows[1:]
    if not body:
        return all(c and not is_number(c, comma) for c in first)
    for j, cell in enumerate(first):
        if not cell or is_number(cell, comma):
            continue
        column = [r[j] for r in body if j < len(r) and r[j]]
        if column and sum(is_number(c, comma) for c in column) >= 0.5 * len(column):
            return True
    return all(c and not is_number(c, comma) for c in first) and any(
        is_number(c, comma) for r in body for c in r)


def with_names(first, width, header):
    if not header:
        return [f"column {j + 1}" for j in range(width)]
    names = []
    for j in range(width):
        name = first[j].strip() if j < len(first) else ""
        name = name or f"column {j + 1}"
        if name in names:
            name = f"{name} ({j + 1})"
        names.append(name)
    return names


#: What spreadsheets and statistics packages write for a missing value (lower case).
MISSING = frozenset({"na", "n/a", "n.a.", "nan", "-", "--", "?", ".", "null", "none", "missing",
                     "#n/a", "#na"})


def is_missing(text):
    """True for a cell that says its value is missing ("NA", "N/A", "-", "?", …)."""
    return text.strip().lower() in MISSING


def title_line(sample, path):
    """The first line's text when it is a title above the table ("Exam results 2023 -
    Class 10B"): words only, split unlike every line below it, which agree on a
    separator.  Such a title was read as the header, or refused with advice to
    "separate every row's values with spaces"."""
    if len(sample) < 3:
        return ""
    first = sample[0][1]
    try:
        sep, width, _, rows = dialect(sample[1:], path)
    except FileProblem:
        return ""
    cells = [c for c in split(first, sep) if c]
    if any(len(r) != width for r in rows):  # the rows below must agree, every one
        return ""
    if sum(is_number(c) for c in cells) * 2 >= len(cells):  # a (ragged) row of numbers
        return ""
    # Split unlike the rows, or one cell and empty ones ("Exam results 2023,,") above
    # a header line of words.
    below_is_header = all(c and not is_number(c) for c in rows[0])
    if len(split(first, sep)) == width:
        return first.strip().strip(sep).strip() if len(cells) == 1 and below_is_header else ""
    if any(len([c for c in split(first, other) if c]) == width for other in SEPARATORS):
        return ""  # a header written with another separator: said, not skipped
    return first.strip()
