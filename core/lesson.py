"""LogitLab's files: lessons (``.logitlab.json``) and point tables (``.csv``).

Pure Python and numpy, so a notebook can read and write the same files as
the app.  Reading never raises anything but :class:`FileProblem` for a bad
file, and the message says what is wrong (and on which line, when a line
makes sense) in words a student can act on.

A lesson is the whole state worth saving: the points, the feature terms,
the settings of descent, the view and, optionally, where descent had got to
(θ and the iteration).  θ is stored exactly as the engine holds it, i.e. on
the *standardized* features when ``standardize`` is on; the file therefore
re-creates the same boundary only together with the same points.

Writing here only produces text (:func:`lesson_to_json`, :func:`csv_text`);
:func:`write_lesson` and :func:`write_csv` are plain conveniences.  The app
saves atomically with its own ``QSaveFile``.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import stat
import warnings
from dataclasses import dataclass

import numpy as np

from .checks import check_learning_rate, check_loss, check_tol, real, whole
from .data import validate_points
from .features import LINEAR, TERMS
from .model import LOSSES

FORMAT = "logitlab-lesson"
VERSION = 1
SUPPORTED_VERSIONS = (1,)
LESSON_SUFFIX = ".logitlab.json"
CSV_HEADER = "x1,x2,y"
#: Files larger than this are refused before reading (100 MiB).
MAX_FILE_BYTES = 100 * 1024 * 1024


# ---------------------------------------------------------------------------
# The one exception readers raise
# ---------------------------------------------------------------------------
class FileProblem(ValueError):
    """A file that cannot be read, with a message for the user.

    ``str(exc)`` reads ``"points.csv, line 7: label must be 0 or 1, got 'cat'"``
    (without the line part when ``line`` is None).
    """

    def __init__(self, path, problem, line=None):
        self.path = path if isinstance(path, str) else os.fsdecode(path)
        self.line = None if line is None else int(line)
        self.problem = str(problem)
        super().__init__(self._message())

    @property
    def name(self):
        """The file name shown to the user (no folders)."""
        return os.path.basename(self.path) or self.path

    def _message(self):
        where = self.name if self.line is None else f"{self.name}, line {self.line}"
        return f"{where}: {self.problem}"

    def __str__(self):
        return self._message()

    def __reduce__(self):
        return (type(self), (self.path, self.problem, self.line))


def _size_text(n):
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _read_text(path):
    """The UTF-8 text of ``path`` (BOM removed) or FileProblem."""
    try:
        path = os.fspath(path)
    except TypeError:
        raise FileProblem(str(path), "not a file path") from None
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            raise FileProblem(
                path, f"broken symbolic link: it points to {target!r}, which does not exist"
            ) from None
        raise FileProblem(path, "file not found") from None
    except PermissionError:
        raise FileProblem(path, "no permission to open the file") from None
    except (OSError, ValueError) as exc:
        raise FileProblem(path, f"cannot open the file ({_os_reason(exc)})") from None
    if stat.S_ISDIR(st.st_mode):
        raise FileProblem(path, "this is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise FileProblem(path, "not a regular file (a device, pipe or socket)")
    if st.st_size > MAX_FILE_BYTES:
        raise FileProblem(
            path,
            f"file is too large: {_size_text(st.st_size)} ({st.st_size} bytes), "
            f"the limit is {_size_text(MAX_FILE_BYTES)}",
        )
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise FileProblem(path, "no permission to read the file") from None
    except IsADirectoryError:
        raise FileProblem(path, "this is a folder, not a file") from None
    except (OSError, ValueError) as exc:
        raise FileProblem(path, f"cannot read the file ({_os_reason(exc)})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise FileProblem(
            path, f"file is too large: more than the limit of {_size_text(MAX_FILE_BYTES)}"
        )
    return _decode(raw, path)


def _os_reason(exc):
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _decode(raw, path):
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(path, "the file is UTF-16 text; save it as UTF-8")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise FileProblem(path, "binary data (a NUL byte): this is not a text file", line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FileProblem(
            path,
            f"not UTF-8 text: undecodable byte 0x{raw[exc.start]:02x}; save the file as UTF-8",
            line,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def _short(text, limit=40):
    text = str(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# ---------------------------------------------------------------------------
# CSV: x1,x2,y
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
    return parse_csv(_read_text(path), path=os.fspath(path))


def csv_text(points, labels):
    """CSV text of the data; floats as repr() so reading it back is exact."""
    points, labels = validate_points(points, labels, allow_empty=True)
    rows = [f"{CSV_HEADER}\n"]
    rows.extend(
        f"{x1!r},{x2!r},{y}\n" for (x1, x2), y in zip(points.tolist(), labels.tolist())
    )
    return "".join(rows)


def write_csv(path, points, labels):
    """Write :func:`csv_text` to ``path`` (UTF-8, LF line ends; not atomic)."""
    text = csv_text(points, labels)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------------------
# Lessons
# ---------------------------------------------------------------------------
@dataclass(eq=False)
class Lesson:
    """Everything a ``.logitlab.json`` file holds.

    Construction checks and normalizes the values (ValueError on a bad one):
    points become float (m, 2), labels int8, terms the canonical order of
    ``core.features.TERMS`` (θ reordered to match), view and θ floats.
    """

    points: np.ndarray
    labels: np.ndarray
    terms: tuple = LINEAR
    standardize: bool = True
    loss: str = "cross_entropy"
    learning_rate: float = 0.5
    tol: float = 1e-4
    steps_per_frame: int = 50
    seed: int = 0
    view: tuple | None = None
    theta: np.ndarray | None = None
    iteration: int = 0
    title: str = ""
    description: str = ""

    def __post_init__(self):
        self.points, self.labels = validate_points(self.points, self.labels, allow_empty=True)
        terms = tuple(self.terms) if not isinstance(self.terms, str) else (self.terms,)
        for term in terms:
            if term not in TERMS:
                raise ValueError(f"unknown feature term {term!r}; known terms: {list(TERMS)}")
        if not terms:
            raise ValueError("the list of feature terms is empty; choose at least one")
        for term in terms:
            if terms.count(term) > 1:
                raise ValueError(f"feature term {term!r} is listed twice")
        canonical = tuple(t for t in TERMS if t in terms)
        if not isinstance(self.standardize, (bool, np.bool_)):
            raise ValueError(f"standardize must be true or false, got {self.standardize!r}")
        self.standardize = bool(self.standardize)
        check_loss(self.loss)
        self.learning_rate = check_learning_rate(self.learning_rate)
        self.tol = check_tol(self.tol)
        self.steps_per_frame = whole(self.steps_per_frame, "steps_per_frame")
        if self.steps_per_frame < 1:
            raise ValueError(f"steps_per_frame must be at least 1, got {self.steps_per_frame}")
        self.seed = whole(self.seed, "seed")
        if not 0 <= self.seed < 2**63:
            raise ValueError(f"seed must be an integer from 0 to 2^63 - 1, got {self.seed}")
        self.iteration = whole(self.iteration, "iteration")
        if self.iteration < 0:
            raise ValueError(f"iteration must be ≥ 0, got {self.iteration}")
        if self.view is not None:
            try:
                view = tuple(real(v, "view") for v in self.view)
            except TypeError:
                raise ValueError(
                    f"view must be (xmin, xmax, ymin, ymax), got {self.view!r}"
                ) from None
            if len(view) != 4:
                raise ValueError(f"view must be (xmin, xmax, ymin, ymax), got {len(view)} numbers")
            if not all(math.isfinite(v) for v in view):
                raise ValueError(f"view must be finite numbers, got {list(view)}")
            if not (view[0] < view[1] and view[2] < view[3]):
                raise ValueError(
                    f"view needs xmin < xmax and ymin < ymax, got x {list(view[:2])}, "
                    f"y {list(view[2:])}"
                )
            self.view = view
        if self.theta is not None:
            try:
                theta = np.array(self.theta, dtype=float).reshape(-1)
            except (TypeError, ValueError):
                raise ValueError(f"theta must be numbers, got {self.theta!r}") from None
            if len(theta) != len(terms) + 1:
                raise ValueError(
                    f"theta has {len(theta)} values but {len(terms)} feature terms need "
                    f"{len(terms) + 1} ([b, w1, ..., w{len(terms)}])"
                )
            if not np.all(np.isfinite(theta)):
                raise ValueError(f"theta must be finite numbers, got {theta.tolist()}")
            order = [0] + [1 + terms.index(t) for t in canonical]
            self.theta = theta[order]
        self.terms = canonical
        if not isinstance(self.title, str):
            raise ValueError(f"title must be text, got {self.title!r}")
        if not isinstance(self.description, str):
            raise ValueError(f"description must be text, got {self.description!r}")

    # -- the live model ------------------------------------------------------
    def to_session(self):
        """A :class:`core.session.Session` in this lesson's state."""
        from .history import History
        from .session import Session

        session = Session(
            self.points,
            self.labels,
            terms=self.terms,
            standardize=self.standardize,
            learning_rate=self.learning_rate,
            tol=self.tol,
            loss=self.loss,
            seed=self.seed,
        )
        if self.theta is not None:
            engine = session.engine
            engine.iteration = self.iteration
            engine.history = History(len(self.theta))
            engine.set_theta(self.theta)
        return session

    @classmethod
    def from_session(cls, session, **extra):
        """The lesson of a session (θ and iteration included).

        ``extra`` gives the fields a session does not hold: ``steps_per_frame``,
        ``view``, ``title``, ``description``.
        """
        theta = session.engine.theta
        if not np.all(np.isfinite(theta)):
            theta = None  # a diverged run: save the set-up, not the wreck
        return cls(
            points=session.points,
            labels=session.labels,
            terms=session.terms,
            standardize=session.standardize,
            loss=session.loss,
            learning_rate=session.learning_rate,
            tol=session.tol,
            seed=session.seed,
            theta=theta,
            iteration=session.engine.iteration if theta is not None else 0,
            **extra,
        )


# -- JSON ----------------------------------------------------------------------
def lesson_to_json(lesson):
    """The ``.logitlab.json`` text of a lesson (UTF-8, indented, floats exact)."""
    if not isinstance(lesson, Lesson):
        raise TypeError(f"expected a Lesson, got {type(lesson).__name__}")

    def dump(value):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    points = lesson.points.tolist()
    labels = lesson.labels.astype(int).tolist()
    if points:
        # repr of a finite float is exactly what json.dumps writes, at half the cost.
        rows = ",\n".join([f"    [{x1!r}, {x2!r}]" for x1, x2 in points])
        points_text = f"[\n{rows}\n  ]"
        chunks = [labels[i : i + 30] for i in range(0, len(labels), 30)]
        label_rows = ",\n".join("    " + ", ".join(map(str, chunk)) for chunk in chunks)
        labels_text = f"[\n{label_rows}\n  ]"
    else:
        points_text = labels_text = "[]"
    features = {"terms": list(lesson.terms), "standardize": lesson.standardize}
    if lesson.view is None:
        view = None
    else:
        view = {"x": list(lesson.view[:2]), "y": list(lesson.view[2:])}
    theta = None if lesson.theta is None else lesson.theta.tolist()
    fields = [
        ("format", dump(FORMAT)),
        ("version", dump(VERSION)),
        ("title", dump(lesson.title)),
        ("description", dump(lesson.description)),
        ("features", dump(features)),
        ("loss", dump(lesson.loss)),
        ("learning_rate", dump(lesson.learning_rate)),
        ("tol", dump(lesson.tol)),
        ("steps_per_frame", dump(lesson.steps_per_frame)),
        ("seed", dump(lesson.seed)),
        ("view", dump(view)),
        ("theta", dump(theta)),
        ("iteration", dump(lesson.iteration)),
        ("labels", labels_text),
        ("points", points_text),
    ]
    return "{\n" + ",\n".join(f"  {dump(key)}: {value}" for key, value in fields) + "\n}\n"


def write_lesson(path, lesson):
    """Write :func:`lesson_to_json` to ``path`` (UTF-8; not atomic)."""
    text = lesson_to_json(lesson)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def read_lesson(path):
    """Read a ``.logitlab.json`` file → :class:`Lesson`; raises FileProblem."""
    return lesson_from_json(_read_text(path), path=os.fspath(path))


class _NonFinite:
    """What ``NaN``/``Infinity`` parse to, so the checks can name them."""

    def __init__(self, name, index):
        self.name = name
        self.index = index  # the how-many-th such constant in the document


class _Bad(Exception):
    def __init__(self, problem, line=None):
        super().__init__(problem)
        self.problem = problem
        self.line = line


_CONSTANT_OR_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _constant_line(text, index):
    """Line of the ``index``-th NaN/Infinity outside strings (document order)."""
    seen = 0
    for match in _CONSTANT_OR_STRING.finditer(text):
        if match.group(1):
            if seen == index:
                return text.count("\n", 0, match.start()) + 1
            seen += 1
    return None


def _describe(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"the text {_short(value)}"
    if isinstance(value, dict):
        return "an object {…}"
    if isinstance(value, list):
        return "a list […]"
    if isinstance(value, _NonFinite):
        return value.name
    return repr(value)


def _show(value):
    """Like :func:`_describe`, but text quoted plainly (for names and tags)."""
    return _short(value) if isinstance(value, str) else _describe(value)


def _number(value, where):
    if isinstance(value, _NonFinite):
        raise _Bad(f"{where} is {value.name}; only finite numbers are allowed", value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(f"{where} must be a number, got {_describe(value)}")
    try:
        result = float(value)
    except OverflowError:
        raise _Bad(f"{where} is too large a number") from None
    if not math.isfinite(result):
        raise _Bad(f"{where} is too large a number (it overflows to infinity)")
    return result


def _whole(value, where):
    number = _number(value, where)
    if number != int(number):
        raise _Bad(f"{where} must be a whole number, got {value!r}")
    return int(value)


def lesson_from_json(text, path="<text>"):
    """Parse ``.logitlab.json`` text → :class:`Lesson`; raises FileProblem."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise FileProblem(path, "the file is empty; expected a LogitLab lesson (JSON)")
    constants = []

    def constant(name):
        constants.append(name)
        return _NonFinite(name, len(constants) - 1)

    try:
        data = json.loads(text, parse_constant=constant)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()):
            problem = f"not valid JSON: the file ends too early (truncated?): {exc.msg}"
        else:
            problem = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise FileProblem(path, problem, exc.lineno) from None
    except RecursionError:
        raise FileProblem(path, "not valid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. an integer with thousands of digits
        raise FileProblem(path, f"not valid JSON: {exc}") from None
    try:
        return _lesson_from_data(data)
    except _Bad as exc:
        line = exc.line
        if isinstance(line, _NonFinite):
            line = _constant_line(text, line.index)
        raise FileProblem(path, exc.problem, line) from None
    except ValueError as exc:
        raise FileProblem(path, str(exc)) from None


def _lesson_from_data(data):
    if not isinstance(data, dict):
        raise _Bad(f"not a LogitLab lesson: expected a JSON object {{…}}, got {_describe(data)}")
    if "format" not in data:
        raise _Bad(f"not a LogitLab lesson: the key 'format' (= {FORMAT!r}) is missing")
    if data["format"] != FORMAT:
        raise _Bad(
            f"not a LogitLab lesson: 'format' is {_show(data['format'])}, expected {FORMAT!r}"
        )
    supported = ", ".join(map(str, SUPPORTED_VERSIONS))
    if "version" not in data:
        raise _Bad(f"the key 'version' is missing; supported versions: {supported}")
    version = data["version"]
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        newer = ""
        if isinstance(version, (int, float)) and not isinstance(version, bool):
            if version > max(SUPPORTED_VERSIONS):
                newer = " (the file was written by a newer LogitLab)"
        raise _Bad(
            f"unsupported version {_show(version)}{newer}; supported versions: {supported}"
        )

    for key in ("points", "labels"):
        if key not in data:
            raise _Bad(f"the required key {key!r} is missing")
    raw_points, raw_labels = data["points"], data["labels"]
    if not isinstance(raw_points, list):
        raise _Bad(f"'points' must be a list of [x1, x2] pairs, got {_describe(raw_points)}")
    if not isinstance(raw_labels, list):
        raise _Bad(f"'labels' must be a list of 0s and 1s, got {_describe(raw_labels)}")
    points = np.empty((len(raw_points), 2))
    for i, pair in enumerate(raw_points):
        if not isinstance(pair, list) or len(pair) != 2:
            got = f"{len(pair)} values" if isinstance(pair, list) else _describe(pair)
            raise _Bad(f"points[{i}] must be a pair [x1, x2], got {got}")
        points[i, 0] = _number(pair[0], f"points[{i}][0]")
        points[i, 1] = _number(pair[1], f"points[{i}][1]")
    labels = np.empty(len(raw_labels), dtype=np.int8)
    for i, label in enumerate(raw_labels):
        if isinstance(label, _NonFinite) or isinstance(label, bool) or label not in (0, 1):
            raise _Bad(f"labels[{i}] must be 0 or 1, got {_describe(label)}")
        labels[i] = int(label)
    if len(points) != len(labels):
        raise _Bad(
            f"{len(points)} points but {len(labels)} labels; each point needs exactly one label"
        )

    kwargs = {}
    features = data.get("features", None)
    if "features" in data:
        if not isinstance(features, dict):
            raise _Bad(
                f"'features' must be an object {{\"terms\": [...]}}, got {_describe(features)}"
            )
        if "terms" in features:
            terms = features["terms"]
            if not isinstance(terms, list):
                raise _Bad(f"features.terms must be a list of term names, got {_describe(terms)}")
            for term in terms:
                if not isinstance(term, str):
                    raise _Bad(f"features.terms must be names like \"x1\", got {_describe(term)}")
                if term not in TERMS:
                    raise _Bad(f"unknown feature term {term!r}; known terms: {list(TERMS)}")
            if not terms:
                raise _Bad("features.terms is empty; choose at least one term")
            kwargs["terms"] = tuple(terms)
        if "standardize" in features:
            if not isinstance(features["standardize"], bool):
                raise _Bad(
                    "features.standardize must be true or false, "
                    f"got {_describe(features['standardize'])}"
                )
            kwargs["standardize"] = features["standardize"]

    if "loss" in data:
        if data["loss"] not in LOSSES:
            raise _Bad(f"unknown loss {_show(data['loss'])}; use one of {list(LOSSES)}")
        kwargs["loss"] = data["loss"]
    for key in ("learning_rate", "tol"):
        if key in data:
            kwargs[key] = _number(data[key], f"'{key}'")
    for key in ("steps_per_frame", "seed", "iteration"):
        if key in data:
            kwargs[key] = _whole(data[key], f"'{key}'")
    for key in ("title", "description"):
        if key in data:
            if not isinstance(data[key], str):
                raise _Bad(f"'{key}' must be text, got {_describe(data[key])}")
            kwargs[key] = data[key]
    view = data.get("view", None)
    if view is not None:
        if not isinstance(view, dict) or "x" not in view or "y" not in view:
            raise _Bad(
                "'view' must be {\"x\": [xmin, xmax], \"y\": [ymin, ymax]} or null, "
                f"got {_describe(view)}"
            )
        bounds = []
        for axis in ("x", "y"):
            pair = view[axis]
            if not isinstance(pair, list) or len(pair) != 2:
                raise _Bad(f"view.{axis} must be [min, max], got {_describe(pair)}")
            bounds += [_number(v, f"view.{axis}[{j}]") for j, v in enumerate(pair)]
        kwargs["view"] = tuple(bounds)
    theta = data.get("theta", None)
    if theta is not None:
        if not isinstance(theta, list):
            raise _Bad(f"'theta' must be a list [b, w1, ...] or null, got {_describe(theta)}")
        kwargs["theta"] = np.array([_number(v, f"theta[{j}]") for j, v in enumerate(theta)])
    return Lesson(points, labels, **kwargs)
