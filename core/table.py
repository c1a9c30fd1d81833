"""Any delimited table a teacher has: read it into columns, whatever its dialect.

``.csv``, ``.tsv`` or ``.txt``; separated by commas, semicolons, tabs,
vertical bars or spaces; with or without a header line; quoted fields; a
decimal comma where it cannot be confused with the separator (``1,5;2,5;1``).
The dialect is guessed from the first lines: the separator that splits them
into the same number (≥ 2) of cells, most of them numbers.  Comment lines
(``#`` …) at the top are skipped and an empty last column without a name (a
separator at the end of every line) is left out; :meth:`Table.describe` says so.

:func:`read_table` returns a :class:`Table` of :class:`Column` objects; which
columns become x1, x2 and y, and which label is the positive class, is
decided by :mod:`core.table_columns`.  Cells that are not finite numbers are
kept (as text), so a caller can list the bad rows and skip them only with the
user's consent.  Large files are parsed in blocks by numpy's C reader, with a
``progress(fraction)`` callback and a ``cancel()`` check between blocks.

Pure Python and numpy; raises only :class:`~core.text_file.FileProblem`
(and :class:`~core.text_file.Cancelled`).
"""

from __future__ import annotations

import csv
import io
import os
import warnings
from dataclasses import dataclass, field

import numpy as np

from .table_dialect import (
    SEPARATORS,
    decimal_comma_below,
    dialect,
    has_header,
    is_number,
    leading_comments,
    is_missing,
    sample_lines,
    title_line,
    with_names,
)
from .text_file import Cancelled, FileProblem, decode, read_bytes
from .text_file import short as _short

PREVIEW_ROWS = 50  # rows kept as text for a preview
BLOCK_CHARS = 1 << 20  # characters parsed per block (progress and cancel between blocks)

__all__ = ["Cancelled", "Column", "FileProblem", "Table", "parse_table", "read_table"]


@dataclass(eq=False)
class Column:
    """One column of a table.

    ``numbers`` (m,) holds each cell as a float, NaN where the cell is not a
    finite number; such cells keep their text: ``codes`` (m,) int32 is -1
    for a number, else an index into ``texts`` (distinct texts, ``''`` for
    an empty cell).
    """

    name: str
    numbers: np.ndarray
    codes: np.ndarray
    texts: list

    @property
    def number_count(self):
        return int(np.count_nonzero(self.codes < 0))

    @property
    def word_count(self):
        """Cells holding text other than a number (empty cells and the marks spreadsheets
        write for a missing value, "NA", "N/A", "-", "?", not counted: a column of
        numbers with more NAs than numbers was refused as "mostly words")."""
        if not self.texts:
            return 0
        counts = np.bincount(self.codes[self.codes >= 0], minlength=len(self.texts))
        return int(sum(c for t, c in zip(self.texts, counts, strict=True)
                       if t != "" and not is_missing(t)))

    @property
    def is_numeric(self):
        """Numbers in most of its non-empty cells (the rest are bad cells)."""
        return self.number_count > 0 and self.number_count >= self.word_count

    def text(self, row):
        """The cell as the user wrote it (numbers as Python writes them)."""
        code = int(self.codes[row])
        return self.texts[code] if code >= 0 else number_text(self.numbers[row])


@dataclass(eq=False)
class Table:
    """Columns of equal length m, the file line of each row and the dialect found."""

    path: str
    columns: list
    lines: np.ndarray  # (m,) 1-based line of each row in the file
    header: bool
    separator: str
    decimal_comma: bool = False
    encoding: str = "UTF-8"
    ragged: dict = field(default_factory=dict)  # row → number of cells, when not n_columns
    preview_rows: list = field(default_factory=list)  # the first rows, cell texts
    comments: int = 0  # '#' lines skipped at the top
    empty_dropped: int = 0  # empty columns without a name dropped at the end
    title: str = ""  # a title line above the header, skipped ("Exam results 2023")

    @property
    def m(self):
        return len(self.lines)

    @property
    def names(self):
        return [c.name for c in self.columns]

    @property
    def name(self):
        return os.path.basename(self.path) or self.path

    def describe(self):
        """'100 rows, 3 columns, separated by commas, no header line'."""
        rows = "row" if self.m == 1 else "rows"
        parts = [f"{self.m:,} {rows}", f"{len(self.columns)} columns",
                 f"separated by {SEPARATORS[self.separator]}",
                 "a header line" if self.header else "no header line"]
        if self.decimal_comma:
            parts.append("decimal commas")
        if self.comments:
            lines = "line" if self.comments == 1 else "lines"
            parts.append(f"{self.comments} comment {lines} (#) skipped")
        if self.title:
            parts.append(f"the title line {self.title!r} skipped")
        if self.empty_dropped:
            what = "an empty last column" if self.empty_dropped == 1 else (
                f"{self.empty_dropped} empty last columns")
            parts.append(f"{what} left out")
        if self.encoding != "UTF-8":
            parts.append(f"encoding {self.encoding}")
        return ", ".join(parts)


def number_text(value):
    """1.0 → '1', 0.25 → '0.25', nan → 'nan' (as a user would write it)."""
    value = float(value)
    if value == value and abs(value) < 1e15 and value == int(value):
        return str(int(value))
    return repr(value)


def read_table(path, progress=None, cancel=None):
    """Read a delimited text file into a :class:`Table`.

    ``progress(fraction)`` is called as the file is read and parsed;
    ``cancel()`` returning True stops with :class:`Cancelled`.  A file that
    is not UTF-8 is read as Windows-1252 (a spreadsheet's export).
    """
    def reading(f):
        if progress is not None:
            progress(0.3 * f)

    def parsing(f):
        if progress is not None:
            progress(0.3 + 0.7 * f)

    raw = read_bytes(path, reading, cancel)
    text, encoding = decode(raw, os.fspath(path), fallback="cp1252")
    del raw
    return parse_table(text, os.fspath(path), parsing, cancel, encoding)


# -- the body -------------------------------------------------------------------------
class _ColumnBuilder:
    """Collects a column block by block: numbers, and texts of the other cells."""

    def __init__(self):
        self.numbers, self.codes, self.texts, self.index = [], [], [], {}

    def add_numbers(self, values, texts=None):
        values = np.asarray(values, dtype=float)
        codes = np.full(len(values), -1, dtype=np.int32)
        bad = ~np.isfinite(values)
        if bad.any():
            for i in np.flatnonzero(bad):
                text = number_text(values[i]) if texts is None else str(texts[i])
                codes[i] = self._code(text)
            values = np.where(bad, np.nan, values)
        self.numbers.append(values)
        self.codes.append(codes)

    def add_cells(self, cells, decimal_comma):
        arr = np.asarray(cells, dtype=str)
        parse = np.char.replace(arr, ",", ".") if decimal_comma else arr
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                values = parse.astype(float)
        except ValueError:
            pass
        else:
            self.add_numbers(values, cells)
            return
        words, inverse = np.unique(arr, return_inverse=True)
        if len(words) > len(arr) // 2:
            # Mostly distinct cells, a few not numbers: float() on each (it raises rarely).
            values = np.empty(len(cells))
            for i, cell in enumerate(parse.tolist()):
                try:
                    values[i] = float(cell)
                except ValueError:
                    values[i] = np.nan
            self.add_numbers(values, cells)
            return
        # A column of a few distinct words (labels): each distinct text parsed once.
        word_values = np.empty(len(words))
        word_codes = np.full(len(words), -1, dtype=np.int32)
        for k, word in enumerate(words.tolist()):
            try:
                word_values[k] = float(word.replace(",", ".") if decimal_comma else word)
            except ValueError:
                word_values[k] = np.nan
            if not np.isfinite(word_values[k]):
                word_values[k] = np.nan
                word_codes[k] = self._code(word)
        inverse = inverse.reshape(-1)
        self.numbers.append(word_values[inverse])
        self.codes.append(word_codes[inverse])

    def _code(self, text):
        code = self.index.get(text)
        if code is None:
            code = self.index[text] = len(self.texts)
            self.texts.append(text)
        return code

    def column(self, name):
        numbers = np.concatenate(self.numbers) if self.numbers else np.empty(0)
        codes = np.concatenate(self.codes) if self.codes else np.empty(0, dtype=np.int32)
        return Column(name, numbers, codes, self.texts)


def _offset_after_line(text, n):
    """Where line n + 1 starts (len(text) when the text has fewer lines)."""
    pos = 0
    for _ in range(n):
        end = text.find("\n", pos)
        if end < 0:
            return len(text)
        pos = end + 1
    return pos


def _blocks(text, start):
    """(first line number offset, block text) of about BLOCK_CHARS each, whole lines."""
    pos = start
    while pos < len(text):
        end = text.find("\n", pos + BLOCK_CHARS)
        end = len(text) if end < 0 else end + 1
        yield pos, text[pos:end]
        pos = end


def _load(block, sep, columns, dtype):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.loadtxt(io.StringIO(block), delimiter=None if sep == " " else sep, dtype=dtype,
                          comments=None, ndmin=2, usecols=columns)


def _fast_block(block, sep, width, decimal_comma, numeric):
    """numpy's C parser on a block of plain lines: [a float array per numeric column, a
    str array per other column], or None when anything is unusual (then line by line)."""
    if '"' in block:
        return None
    n = block.count("\n") + (not block.endswith("\n"))
    # numpy drops the cells past ``usecols``: "60,5,86.31,1" (a stray decimal comma) was
    # read as x1 = 60, x2 = 5, y = 86.31.  Line by line, such a row is a bad row.
    if sep != " " and block.count(sep) != n * (width - 1):
        return None
    numbers = [j for j in range(width) if numeric[j]]
    words = [j for j in range(width) if not numeric[j]]
    out = [None] * width
    try:
        if numbers:
            table = _load(block.replace(",", ".") if decimal_comma else block, sep, numbers,
                          float)
            if table.shape != (n, len(numbers)):  # e.g. a blank line skipped
                return None
            for k, j in enumerate(numbers):
                out[j] = table[:, k]
        if words:
            table = _load(block, sep, words, str)
            if table.shape != (n, len(words)):
                return None
            for k, j in enumerate(words):
                out[j] = np.char.strip(table[:, k])
    except Exception:  # noqa: BLE001 - any failure means: split line by line
        return None
    return out


def _slow_block(block, sep, width):
    """(row cells, their line offsets, ragged {row: cells}) of a block, blank lines skipped."""
    lines = block.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # Blank lines, and lines of bare separators (";;", ",,,": Excel and Sheets leave
    # them below the data), are no rows.
    keep = [i for i, line in enumerate(lines) if line.strip(sep + " \t")]
    if sep == " ":
        rows = [[c.strip('"') for c in lines[i].split()] for i in keep]
    else:
        reader = csv.reader((lines[i] for i in keep), delimiter=sep, skipinitialspace=True)
        rows = [[c.strip() for c in row] for row in reader]
    ragged = {}
    for k, row in enumerate(rows):
        if len(row) != width:
            ragged[k] = len(row)
            rows[k] = (row + [""] * width)[:width]
    return rows, keep, ragged


def parse_table(text, path="<text>", progress=None, cancel=None, encoding="UTF-8"):
    """A :class:`Table` from the text of a delimited file (see :func:`read_table`)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    top, top_lines, comments = leading_comments(text)
    sample = sample_lines(text, top, top_lines)
    title = title_line(sample, path)
    if title:  # the table starts below it
        top, top_lines = _offset_after_line(text, sample[0][0]), sample[0][0]
        sample = sample_lines(text, top, top_lines)
    if not sample:
        if comments:
            raise FileProblem(path, "the file has only comment lines (starting with '#'); a "
                                    "table needs rows of numbers such as '34.6,78.0,1'")
        raise FileProblem(path, "the file is empty; a table needs rows of numbers such as "
                                "'34.6,78.0,1' (two features and a label)")
    if sample[0][1].lstrip().startswith(("{", "[")):
        raise FileProblem(path, "this looks like JSON, not a table: lessons are opened as "
                                ".logitlab.json files", sample[0][0])
    sep, width, decimal_comma, rows = dialect(sample, path)
    if decimal_comma is None:  # whole numbers in the sample: the rest of the file says
        decimal_comma = decimal_comma_below(text, _offset_after_line(text, sample[-1][0]))
    first_line = sample[0][0]
    header = has_header(rows, decimal_comma)
    # The body starts after the header line; its rows are numbered from there.
    lineno = first_line if header else first_line - 1
    start = _offset_after_line(text, lineno)
    body = rows[header:]
    names = with_names(rows[0], width, header)
    numeric_sample = [all(is_number(r[j], decimal_comma) for r in body
                          if j < len(r) and r[j]) for j in range(width)]

    builders = [_ColumnBuilder() for _ in range(width)]
    lines, ragged = [], {}
    m = 0
    for pos, block in _blocks(text, start):
        if cancel is not None and cancel():
            raise Cancelled(path)
        columns = _fast_block(block, sep, width, decimal_comma, numeric_sample)
        if columns is not None:
            for b, column in zip(builders, columns, strict=True):
                if column.dtype.kind == "f":
                    b.add_numbers(column)
                else:
                    b.add_cells(column, decimal_comma)
            k = len(columns[0])
            lines.append(lineno + 1 + np.arange(k))
            m += k
        else:
            cells, keep, block_ragged = _slow_block(block, sep, width)
            for j, b in enumerate(builders):
                b.add_cells([row[j] for row in cells], decimal_comma)
            lines.append(lineno + 1 + np.asarray(keep, dtype=np.int64))
            ragged.update({m + k: n for k, n in block_ragged.items()})
            m += len(cells)
        lineno += block.count("\n")
        if progress is not None:
            progress(min(1.0, (pos + len(block)) / max(len(text), 1)))
    line_array = np.concatenate(lines) if lines else np.empty(0, dtype=np.int64)
    if m == 0:
        raise FileProblem(path, "no data rows: the file has only the header line "
                                f"{_short(sample[0][1].strip())}")
    columns = [b.column(name) for b, name in zip(builders, names, strict=True)]
    # A separator at the end of every line (Excel's 'a;b;y;') makes an empty last
    # column without a name: nothing is in it, so it is left out.
    keep = width
    while keep > 1 and names[keep - 1] == f"column {keep}" and _empty(columns[keep - 1]):
        keep -= 1
    if keep < width:
        columns, names = columns[:keep], names[:keep]
        ragged = {r: n for r, n in ragged.items() if not keep <= n <= width}
        width, dropped = keep, width - keep
    else:
        dropped = 0
    if len(ragged) > m / 2:
        row = min(ragged)
        raise FileProblem(
            path,
            f"{ragged[row]} values where the {'header' if header else 'first row'} has "
            f"{width} ({', '.join(names)}): every row needs one value per column",
            int(line_array[row]),
        )
    preview = [r + [""] * (width - len(r)) if len(r) < width else r[:width]
               for r in body[:PREVIEW_ROWS]]
    return Table(path=path, columns=columns, lines=line_array, header=header, separator=sep,
                 decimal_comma=decimal_comma, encoding=encoding, ragged=ragged,
                 preview_rows=preview, comments=comments, empty_dropped=dropped,
                 title=title)


def _empty(column):
    """True when every cell of the column is empty."""
    return column.number_count == 0 and all(t == "" for t in column.texts)
