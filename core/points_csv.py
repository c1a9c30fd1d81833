"""LogitLab's own points table: CSV with the header ``x1,x2,y`` and labels 0/1.

The strict format the app writes (:func:`csv_text`) and reads back exactly
(:func:`read_csv`).  Any other table — other names, separators, labels,
no header — is read by :mod:`core.table`.
"""

from __future__ import annotations

import io
import math
import os
import re
import warnings

import numpy as np

from .data import validate_points
from .text_file import FileProblem, read_text
from .text_file import short as _short

CSV_HEADER = "x1,x2,y"


# ---------------------------------------------------------------------------
def parse_csv(text, path="<text>"):
    """Points and labels from CSV text; see :func:`read_csv`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise FileProblem(path, f"the file is empty; expected the header {CSV_HEADER!r}")
    newline = text.find("\n")
    header, body = (text, "") if newline < 0 else (text[:newline], text[newline + 1 :])
    if [cell.strip() for cell in header.split(",")] != CSV_HEADER.split(","):
        hint = ""
        if _looks_numeric(header):
            hint = " (this looks like a data row: add the header line first)"
        elif header.strip().startswith(("{", "[")):
            hint = " (this looks like JSON: open lessons as .logitlab.json)"
        elif ";" in header or "\t" in header:
            hint = " (separate the columns with commas)"
        raise FileProblem(
            path, f"the header must be {CSV_HEADER!r}, got {_short(header.strip())}{hint}", 1
        )
    body = body.rstrip()
    if not body:
        raise FileProblem(path, f"no data rows: the file has only the header {CSV_HEADER!r}")
    result = _parse_body_fast(body)
    if result is None:
        result = _parse_body_slow(body, path)
    return result


def _looks_numeric(line):
    try:
        [float(cell) for cell in line.split(",")]
    except ValueError:
        return False
    return True


def _parse_body_fast(body):
    """numpy's C parser on the whole body; None when anything is unusual."""
    if re.search(r"^[ \t]*$", body, flags=re.MULTILINE):
        return None  # blank lines in the middle: let the line scan skip them
    rows = body.count("\n") + 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            table = np.loadtxt(
                io.StringIO(body), delimiter=",", dtype=float, comments=None, ndmin=2
            )
    except Exception:  # noqa: BLE001 - any failure means: scan line by line
        return None
    if table.shape != (rows, 3) or not np.all(np.isfinite(table)):
        return None
    y = table[:, 2]
    if not np.all((y == 0) | (y == 1)):
        return None
    return np.ascontiguousarray(table[:, :2]), y.astype(np.int8)


def _parse_body_slow(body, path):
    """Line by line: the data, or FileProblem at the first bad line."""
    lines = body.split("\n")
    points = np.empty((len(lines), 2))
    labels = np.empty(len(lines), dtype=np.int8)
    k = 0
    for i, line in enumerate(lines):
        lineno = i + 2
        if not line.strip():
            continue
        cells = line.split(",")
        if len(cells) != 3:
            hint = ""
            if len(cells) == 1 and (";" in line or "\t" in line):
                hint = "; separate the values with commas"
            raise FileProblem(
                path,
                f"expected 3 values (x1,x2,y), got {len(cells)}{hint}",
                lineno,
            )
        points[k, 0] = _csv_number(cells[0], "x1", path, lineno)
        points[k, 1] = _csv_number(cells[1], "x2", path, lineno)
        labels[k] = _csv_label(cells[2], path, lineno)
        k += 1
    return points[:k].copy(), labels[:k].copy()


def _csv_number(cell, name, path, lineno):
    text = cell.strip()
    if not text:
        raise FileProblem(path, f"{name} is empty", lineno)
    try:
        value = float(text)
    except ValueError:
        raise FileProblem(path, f"{name} must be a number, got {_short(text)}", lineno) from None
    if not math.isfinite(value):
        raise FileProblem(path, f"{name} must be a finite number, got {_short(text)}", lineno)
    return value


def _csv_label(cell, path, lineno):
    text = cell.strip()
    try:
        value = float(text)
    except ValueError:
        value = None
    if value not in (0.0, 1.0):
        raise FileProblem(path, f"label must be 0 or 1, got {_short(text)}", lineno)
    return int(value)


def read_csv(path):
    """Read ``x1,x2,y`` rows → (points (m, 2) float, labels (m,) int8).

    The header must be ``x1,x2,y`` (spaces around names allowed); a UTF-8
    BOM, CRLF line ends and blank lines are tolerated.  Raises FileProblem.
    """
    return parse_csv(read_text(path), path=os.fspath(path))


def _header_cell(name):
    """A column name as a CSV cell: quoted when it holds a comma, a quote or a line end."""
    name = str(name)
    if any(c in name for c in ',"\n\r') or name != name.strip():
        return '"' + name.replace('"', '""') + '"'
    return name


def csv_text(points, labels, names=("x1", "x2", "y")):
    """CSV text of the data; floats as repr() so reading it back is exact.

    ``names`` are the three column names of the header (default ``x1,x2,y``,
    the format :func:`read_csv` reads; other names suit a notebook and open
    with :func:`core.table.read_table`).
    """
    points, labels = validate_points(points, labels, allow_empty=True)
    names = tuple(names)
    if len(names) != 3 or not all(str(n).strip() for n in names):
        raise ValueError(f"names must be three non-empty column names, got {names!r}")
    rows = [",".join(_header_cell(n) for n in names) + "\n"]
    rows.extend(
        f"{x1!r},{x2!r},{y}\n" for (x1, x2), y in zip(points.tolist(), labels.tolist(), strict=True)
    )
    return "".join(rows)


def write_csv(path, points, labels, names=("x1", "x2", "y")):
    """Write :func:`csv_text` to ``path`` (UTF-8, LF line ends; not atomic)."""
    text = csv_text(points, labels, names)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
