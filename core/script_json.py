"""Lesson scripts in ``.logitlab.json`` files: version 2, a lesson with ``"steps"``.

A version-2 file is a version-1 lesson (the state on screen when it was saved)
plus a list of steps::

    "steps": [
      {"title": "The circle", "caption": "For the class", "notes": "For the teacher",
       "panel": "sigmoid",                           (optional: a companion panel)
       "preset": "2_circle",                         (optional: a bundled preset) or
       "data": {"points": [[x1, x2], ...], "labels": [0, 1, ...]},
       "settings": {"features": {"terms": [...], "standardize": true},
                    "learning_rate": 0.5, ...},      (any lesson key but points/labels)
       "question": {"kind": "boundary" | "regime" | "race" | "cost_at",
                    "prompt": "...", "steps": 60, "threshold": 0.3, "lanes": [0.1, 1, 10]}},
      ...]

Every key of a step is optional; an unknown one is refused, naming the nearest
known one (a misspelt "promt" would otherwise vanish from the lesson in silence).
A bad step is reported like any bad file, in one line that names it:
``steps[3].question: a race question needs 2 to 4 lanes``.
"""

from __future__ import annotations

import json

import numpy as np

from .script import SETTINGS, Question, Script, Step

#: What a step, its data and its question may hold (any other key is refused, named).
STEP_KEYS = ("title", "caption", "notes", "panel", "preset", "data", "settings", "question")
DATA_KEYS = ("points", "labels")
QUESTION_KEYS = ("kind", "prompt", "steps", "threshold", "lanes")

#: The keys of a step's "settings" → the Lesson attributes they set.
_SETTING_KEYS = {"loss": ("loss",), "learning_rate": ("learning_rate",), "tol": ("tol",),
                 "steps_per_frame": ("steps_per_frame",), "seed": ("seed",),
                 "view": ("view",), "theta": ("theta",), "iteration": ("iteration",),
                 "l2": ("l2",), "update": ("update",), "stop": ("stop",)}


def _lesson_json():
    from . import lesson_json  # imported late: lesson_json imports this module

    return lesson_json


def script_from_data(raw):
    """A :class:`Script` from the parsed ``"steps"`` list; raises lesson_json's _Bad."""
    lj = _lesson_json()
    if not isinstance(raw, list):
        raise lj._Bad(f"'steps' must be a list of steps [{{…}}, …], got {lj._describe(raw)}")
    return Script([_step(lj, item, f"steps[{i}]") for i, item in enumerate(raw)])


def _text(lj, item, key, where):
    value = item.get(key, "")
    if not isinstance(value, str):
        raise lj._Bad(f"{where}.{key} must be text, got {lj._describe(value)}")
    return value


def _parse_lesson(lj, body, where):
    data = {"format": lj.FORMAT, "version": 1, "points": [], "labels": [], **body}
    try:
        return lj._lesson_from_data(data)
    except lj._Bad as exc:
        raise lj._Bad(f"{where}: {exc.problem}", exc.line) from None
    except ValueError as exc:
        raise lj._Bad(f"{where}: {exc}") from None


def _step(lj, item, where):
    if not isinstance(item, dict):
        raise lj._Bad(f"{where} must be an object {{…}}, got {lj._describe(item)}")
    lj._known_keys(item, STEP_KEYS, f"{where}.")
    texts = {key: _text(lj, item, key, where) for key in ("title", "caption", "notes", "panel")}
    preset = item.get("preset", None)
    if preset is not None and (not isinstance(preset, str) or not preset):
        raise lj._Bad(f"{where}.preset must be a preset's name, got {lj._describe(preset)}")
    points = labels = None
    if item.get("data", None) is not None:
        data = item["data"]
        if not isinstance(data, dict) or "points" not in data or "labels" not in data:
            raise lj._Bad(f"{where}.data must be {{\"points\": [...], \"labels\": [...]}}, "
                          f"got {lj._describe(data)}")
        lj._known_keys(data, DATA_KEYS, f"{where}.data.")
        parsed = _parse_lesson(lj, {"points": data["points"], "labels": data["labels"]},
                               f"{where}.data")
        points, labels = parsed.points, parsed.labels
    settings = {}
    body = item.get("settings", None)
    if body is not None:
        if not isinstance(body, dict):
            raise lj._Bad(f"{where}.settings must be an object {{…}}, got {lj._describe(body)}")
        body = {k: v for k, v in body.items() if k not in ("points", "labels")}
        parsed = _parse_lesson(lj, body, f"{where}.settings")
        features = body.get("features") or {}
        keys = [a for k, attrs in _SETTING_KEYS.items() if k in body for a in attrs]
        keys += [a for a in ("terms", "standardize") if a in features]
        settings = {a: getattr(parsed, a) for a in SETTINGS if a in keys}
    question = None
    if item.get("question", None) is not None:
        question = _question(lj, item["question"], f"{where}.question")
    try:
        return Step(preset=preset, points=points, labels=labels, settings=settings,
                    question=question, **texts)
    except ValueError as exc:
        raise lj._Bad(f"{where}: {exc}") from None


def _question(lj, q, where):
    if not isinstance(q, dict):
        raise lj._Bad(f"{where} must be an object {{\"kind\": …}}, got {lj._describe(q)}")
    lj._known_keys(q, QUESTION_KEYS, f"{where}.")
    if "kind" not in q:
        raise lj._Bad(f"{where} needs a 'kind': boundary, regime, race or cost_at")
    kwargs = {"kind": q["kind"], "prompt": _text(lj, q, "prompt", where)}
    if "steps" in q:
        kwargs["steps"] = lj._whole(q["steps"], f"{where}.steps")
    if "threshold" in q:
        kwargs["threshold"] = lj._number(q["threshold"], f"{where}.threshold")
    if "lanes" in q:
        lanes = q["lanes"]
        if not isinstance(lanes, list):
            raise lj._Bad(f"{where}.lanes must be a list of learning rates, "
                          f"got {lj._describe(lanes)}")
        kwargs["lanes"] = tuple(lj._number(a, f"{where}.lanes[{j}]") for j, a in enumerate(lanes))
    try:
        return Question(**kwargs)
    except ValueError as exc:
        raise lj._Bad(f"{where}: {exc}") from None


# -- writing ------------------------------------------------------------------------------


def _setting_values(settings):
    out = {}
    if "terms" in settings or "standardize" in settings:
        out["features"] = {}
        if "terms" in settings:
            out["features"]["terms"] = list(settings["terms"])
        if "standardize" in settings:
            out["features"]["standardize"] = bool(settings["standardize"])
    for key in SETTINGS:
        if key in ("terms", "standardize") or key not in settings:
            continue
        value = settings[key]
        if key == "view":
            value = None if value is None else {"x": list(value[:2]), "y": list(value[2:])}
        elif key == "theta":
            value = None if value is None else np.asarray(value, dtype=float).tolist()
        elif isinstance(value, (np.floating, np.integer)):
            value = value.item()
        out[key] = value
    return out


def step_to_data(step):
    """The JSON object (a dict) of one step; only what it sets is written."""
    out = {}
    for key in ("title", "caption", "notes", "panel"):
        if getattr(step, key):
            out[key] = getattr(step, key)
    if step.preset is not None:
        out["preset"] = step.preset
    if step.points is not None:
        out["data"] = {"points": step.points.tolist(),
                       "labels": step.labels.astype(int).tolist()}
    if step.settings:
        out["settings"] = _setting_values(step.settings)
    q = step.question
    if q is not None:
        out["question"] = {"kind": q.kind, **({"prompt": q.prompt} if q.prompt else {}),
                           **({"steps": q.steps} if q.steps else {}),
                           **({"threshold": q.threshold} if q.threshold is not None else {}),
                           **({"lanes": list(q.lanes)} if q.lanes else {})}
    return out


def steps_text(script):
    """The ``"steps"`` value of a file: one step per block, each key on its own line."""
    def dump(value):
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    blocks = []
    for step in script.steps:
        data = step_to_data(step)
        lines = ",\n".join(f"      {dump(k)}: {dump(v)}" for k, v in data.items())
        blocks.append("    {\n" + lines + "\n    }" if data else "    {}")
    return "[\n" + ",\n".join(blocks) + "\n  ]" if blocks else "[]"
