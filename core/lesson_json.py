"""The ``.logitlab.json`` lesson format: writing it exactly, reading it with clear messages.

A lesson file is one JSON object::

    {"format": "logitlab-lesson", "version": 1,
     "title": "...", "description": "...",
     "features": {"terms": ["x1", "x2", ...], "standardize": true},
     "loss": "cross_entropy", "learning_rate": 0.5, "tol": 0.0001,
     "steps_per_frame": 50, "seed": 0,
     "view": {"x": [xmin, xmax], "y": [ymin, ymax]} or null,
     "theta": [b, w1, ...] or null, "iteration": 0,
     "l2": 0.0, "update": "simultaneous", "stop": "gradient",  (optional)
     "labels": [0, 1, ...], "points": [[x1, x2], ...]}

Only ``format``, ``version``, ``points`` and ``labels`` are required; other
keys take the defaults of :class:`core.lesson.Lesson`.  An unknown key is
refused, naming the nearest known one: a hand-edited ``"alpha"`` or
``"learningrate"`` would otherwise be dropped for the default α without a word
(LogitLab has only ever written the keys above, and ``"steps"`` only in version
2).  θ is on the standardized features when ``standardize`` is true.
Floats are written with ``repr`` so reading a file back is exact.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re

import numpy as np

from .features import ALL_TERMS
from .model import LOSSES
from .text_file import FileProblem, read_text
from .text_file import short as _short

FORMAT = "logitlab-lesson"
VERSION = 1
#: Version 2 is a lesson script: a version-1 lesson plus "steps" (core.script_json).
SCRIPT_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
#: Every key a lesson file may have ("steps" only in version 2), and those of "features".
KEYS = ("format", "version", "title", "description", "features", "loss", "learning_rate",
        "tol", "steps_per_frame", "seed", "view", "theta", "iteration", "l2", "update", "stop",
        "labels", "points", "steps")
FEATURE_KEYS = ("terms", "standardize")
#: Other names a teacher may use for a key.
_ALIASES = {"alpha": "learning_rate", "lr": "learning_rate", "eta": "learning_rate",
            "rate": "learning_rate", "step_size": "learning_rate", "lambda": "l2",
            "regularization": "l2", "penalty": "l2", "tolerance": "tol", "weights": "theta",
            "name": "title", "data": "points", "x": "points", "y": "labels"}


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
    view = None if lesson.view is None else {"x": list(lesson.view[:2]), "y": list(lesson.view[2:])}
    theta = None if lesson.theta is None else lesson.theta.tolist()
    fields = [
        ("format", dump(FORMAT)),
        ("version", dump(VERSION if lesson.script is None else SCRIPT_VERSION)),
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
        # The lecture's variants, written only when used: older files stay byte-stable.
        *([("l2", dump(lesson.l2))] if lesson.l2 else []),
        *([("update", dump(lesson.update))] if lesson.update != "simultaneous" else []),
        *([("stop", dump(lesson.stop))] if lesson.stop != "gradient" else []),
        ("labels", labels_text),
        ("points", points_text),
        *([("steps", _steps_text(lesson.script))] if lesson.script is not None else []),
    ]
    return "{\n" + ",\n".join(f"  {dump(key)}: {value}" for key, value in fields) + "\n}\n"


def _steps_text(script):
    from .script_json import steps_text  # core.script imports this module

    return steps_text(script)


def write_lesson(path, lesson):
    """Write :func:`lesson_to_json` to ``path`` (UTF-8; not atomic)."""
    text = lesson_to_json(lesson)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def read_lesson(path):
    """Read a ``.logitlab.json`` file → :class:`Lesson`; raises FileProblem."""
    return lesson_from_json(read_text(path), path=os.fspath(path))


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


def _known_keys(data, known, where=""):
    """Refuse a key not in ``known``, naming the nearest known one."""
    for key in data:
        if key in known:
            continue
        text = key.strip().lower().replace("-", "_").replace(" ", "_")
        squeezed = {k.replace("_", ""): k for k in known}
        near = (squeezed.get(text.replace("_", "")) or _ALIASES.get(text)
                or next(iter(difflib.get_close_matches(text, known, n=1, cutoff=0.7)), None))
        if near is not None and near in known:
            hint = f" (did you mean {near!r}?)"
        else:
            whose = f" of {where[:-1]!r}" if where else ""
            hint = f"; the keys{whose} are {', '.join(known)}"
        raise _Bad(f"unknown key {_short(where + key)}{hint}")


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
        if isinstance(version, (int, float)) and version > max(SUPPORTED_VERSIONS):
            newer = " (the file was written by a newer LogitLab)"
        raise _Bad(
            f"unsupported version {_show(version)}{newer}; supported versions: {supported}"
        )

    if "steps" in data and version != SCRIPT_VERSION:
        raise _Bad(f"'steps' (a lesson script) needs \"version\": {SCRIPT_VERSION}; this file "
                   f"says version {version}, which has no steps")
    _known_keys(data, KEYS)
    if isinstance(data.get("features"), dict):
        _known_keys(data["features"], FEATURE_KEYS, "features.")
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
        if isinstance(label, (_NonFinite, bool)) or label not in (0, 1):
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
                if term not in ALL_TERMS:
                    raise _Bad(f"unknown feature term {term!r}; known terms: monomials "
                               f"x1^a*x2^b up to degree 6, e.g. {list(ALL_TERMS[:5])}")
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
    for key in ("learning_rate", "tol", "l2"):
        if key in data:
            kwargs[key] = _number(data[key], f"'{key}'")
    for key, allowed in (("update", ("simultaneous", "sequential")),
                         ("stop", ("gradient", "step"))):
        if key in data:
            if data[key] not in allowed:
                raise _Bad(f"'{key}' must be one of {list(allowed)}, got {_describe(data[key])}")
            kwargs[key] = data[key]
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
    if "steps" in data:
        from .script_json import script_from_data  # core.script imports this module

        kwargs["script"] = script_from_data(data["steps"])
    return Lesson(points, labels, **kwargs)


# Last: core.lesson re-exports this module's names at its own end, so whichever of the
# two is imported first, each finds the other's names defined (a notebook's first
# ``from core.lesson_json import read_lesson`` failed as a circular import).
from .lesson import Lesson  # noqa: E402
