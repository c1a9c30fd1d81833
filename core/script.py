"""Lesson scripts: a sequence of steps, each asking the class to predict before descent runs.

A :class:`Script` is a list of :class:`Step`.  A step names its data (inline
points, or a bundled preset by name, or nothing: keep what is on screen), the
settings it changes, a caption for the class, notes for the teacher only, the
companion panel to show, and optionally a :class:`Question`:

==========  ===================================================  =================
kind        the class predicts                                    scored by
==========  ===================================================  =================
boundary    where the boundary settles: a line (two points), or   :func:`score_line`,
            for other features a circle (centre, radius)          :func:`score_circle`
regime      what this α does: crawl / smooth / oscillate /        :func:`score_regime`
            diverge
race        which lane (learning rate) reaches ‖dw‖ ≤ ε first     :func:`score_race`
cost_at     after N steps, is J above or below a value?           :func:`score_cost_at`
==========  ===================================================  =================

Each scoring function takes the prediction and what the run showed and returns
a :class:`Verdict`: ``"right"``, ``"close"`` or ``"wrong"`` and one sentence
saying why, in the lecture's words.  The file format is in :mod:`core.script_json`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

from .decision_boundary import decision_boundary
from .equations import boundary_equation
from .features import LINEAR, feature_map
from .lesson import Lesson
from .trend import steps_text

#: Kinds of question, in the order of the issue.
BOUNDARY, REGIME, RACE, COST_AT = "boundary", "regime", "race", "cost_at"
KINDS = (BOUNDARY, REGIME, RACE, COST_AT)
#: The regime answers, from α far too small to far too large.
CRAWL, SMOOTH, OSCILLATE, DIVERGE = "crawl", "smooth", "oscillate", "diverge"
REGIME_CHOICES = (CRAWL, SMOOTH, OSCILLATE, DIVERGE)
REGIME_WORDS = {CRAWL: "crawl", SMOOTH: "converge smoothly", OSCILLATE: "oscillate",
                DIVERGE: "diverge"}
ABOVE, BELOW = "above", "below"
#: Verdicts.
RIGHT, CLOSE, WRONG = "right", "close", "wrong"
VERDICTS = (RIGHT, CLOSE, WRONG)
#: Companion panels a step may show (app/main_window.py's COMPANIONS).
PANELS = ("", "cost", "landscape", "one_d", "sigmoid", "graph", "race")
#: Lesson attributes a step's "settings" may set.
SETTINGS = ("terms", "standardize", "loss", "learning_rate", "tol", "steps_per_frame", "seed",
            "view", "theta", "iteration", "l2", "update", "stop")

#: A predicted line is *right* within this angle (degrees) and offset (times the
#: data's spread), *close* within the second pair.
LINE_RIGHT = (10.0, 0.2)
LINE_CLOSE = (25.0, 0.5)
#: A predicted circle: centre offset and radius error as fractions of the learnt radius.
CIRCLE_RIGHT = 0.2
CIRCLE_CLOSE = 0.5
#: cost_at: a wrong side is still *close* when J is within this fraction of the value.
COST_CLOSE = 0.05


@dataclass(frozen=True)
class Question:
    """What the class predicts before Play.

    ``steps``: how many steps the reveal runs before it is judged (regime,
    cost_at: N, required; boundary and race: 0 = until descent stops).
    ``threshold``: cost_at's value of J.  ``lanes``: race's 2–4 learning rates.
    """

    kind: str
    prompt: str = ""
    steps: int = 0
    threshold: float | None = None
    lanes: tuple = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"question kind must be one of {list(KINDS)}, got {self.kind!r}")
        if not isinstance(self.prompt, str):
            raise ValueError(f"question prompt must be text, got {self.prompt!r}")
        if isinstance(self.steps, bool) or not isinstance(self.steps, (int, np.integer)) \
                or self.steps < 0:
            raise ValueError(f"question steps must be a whole number ≥ 0, got {self.steps!r}")
        object.__setattr__(self, "steps", int(self.steps))
        if self.kind in (REGIME, COST_AT) and self.steps < 1:
            raise ValueError(f"a {self.kind} question needs steps ≥ 1 (after how many steps "
                             "the run is judged)")
        if self.kind == COST_AT:
            if self.threshold is None or not math.isfinite(float(self.threshold)) \
                    or self.threshold < 0:
                raise ValueError("a cost_at question needs a threshold: a finite J ≥ 0, got "
                                 f"{self.threshold!r}")
            object.__setattr__(self, "threshold", float(self.threshold))
        lanes = tuple(float(a) for a in self.lanes)
        if self.kind == RACE and not 2 <= len(lanes) <= 4:
            raise ValueError(f"a race question needs 2 to 4 lanes (learning rates), "
                             f"got {len(lanes)}")
        if not all(math.isfinite(a) and a > 0 for a in lanes):
            raise ValueError(f"lanes must be positive learning rates, got {list(lanes)}")
        object.__setattr__(self, "lanes", lanes)

    @property
    def default_prompt(self):
        return self.prompt or {
            BOUNDARY: "Where will the decision boundary settle? Draw it.",
            REGIME: "What will this α do?",
            RACE: "Which lane wins the race?",
            COST_AT: f"After {steps_text(self.steps)}, will J be above or below "
                     f"{self.threshold:g}?" if self.threshold is not None else "",
        }[self.kind]


@dataclass(frozen=True, eq=False)
class Step:
    """One step of a script: data, settings, texts and an optional question.

    ``points``/``labels``: inline data, or None.  ``preset``: the name of a
    bundled preset file without suffix (``"2_circle"``), used when there is no
    inline data.  ``settings``: {Lesson attribute: value}, checked by Lesson.
    """

    title: str = ""
    caption: str = ""
    notes: str = ""
    panel: str = ""
    preset: str | None = None
    points: np.ndarray | None = None
    labels: np.ndarray | None = None
    settings: dict = field(default_factory=dict)
    question: Question | None = None

    def __post_init__(self):
        for name in ("title", "caption", "notes", "panel"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"{name} must be text, got {getattr(self, name)!r}")
        if self.panel not in PANELS:
            raise ValueError(f"panel must be one of {list(PANELS[1:])}, got {self.panel!r}")
        if self.preset is not None and (not isinstance(self.preset, str) or not self.preset):
            raise ValueError(f"preset must be a preset's name, got {self.preset!r}")
        if (self.points is None) != (self.labels is None):
            raise ValueError("a step's data needs both points and labels")
        for key in self.settings:
            if key not in SETTINGS:
                raise ValueError(f"unknown setting {key!r}; known: {list(SETTINGS)}")
        # Check the settings together, as a lesson would hold them.
        self.resolve(Lesson(np.empty((0, 2)), np.empty(0)))

    @property
    def has_data(self):
        return self.points is not None

    def resolve(self, base):
        """The Lesson this step shows: ``base`` (a preset's or the screen's lesson),
        with this step's data and settings laid over it.  θ and the iteration
        start afresh unless the step sets them (a prediction needs an unrun model)."""
        values = {f.name: getattr(base, f.name) for f in dataclasses.fields(Lesson)}
        values.update(theta=None, iteration=0, script=None)
        if self.points is not None:
            values.update(points=self.points, labels=self.labels)
        if self.settings.get("terms", values["terms"]) != values["terms"]:
            values["theta"] = None
        values.update(self.settings)
        if self.title:
            values["title"] = self.title
        return Lesson(**values)

    @classmethod
    def from_lesson(cls, lesson, **texts):
        """A step holding a lesson's data and settings (not its θ: the class predicts)."""
        settings = {key: getattr(lesson, key) for key in SETTINGS
                    if key not in ("theta", "iteration")}
        return cls(points=lesson.points.copy(), labels=lesson.labels.copy(),
                   settings=settings, **texts)


@dataclass
class Script:
    """The steps of a lesson script, in order."""

    steps: list = field(default_factory=list)

    def __len__(self):
        return len(self.steps)


# -- verdicts -----------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """``verdict``: right / close / wrong; ``reason``: one sentence for the class;
    ``details``: the numbers behind it (angle, offset, …)."""

    verdict: str
    reason: str
    details: dict = field(default_factory=dict)


def _grade(ok_right, ok_close):
    return RIGHT if ok_right else CLOSE if ok_close else WRONG


def spread(points):
    """RMS distance of the points from their centroid (1 when there are too few)."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(points) < 2:
        return 1.0
    s = float(np.sqrt(np.mean(np.sum((points - points.mean(0)) ** 2, axis=1))))
    return s if s > 0 else 1.0


def score_line(p1, p2, theta_raw, points, terms=LINEAR):
    """A predicted line through ``p1``, ``p2`` against the learnt linear boundary.

    ``theta_raw`` = [b, w1, w2] in x1, x2 units; the boundary is b + w·x = 0.
    The angle is between the two lines (0–90°); the offset is the distance from
    the learnt boundary to the predicted line's point nearest the data's centre.
    """
    if tuple(terms) != LINEAR:
        raise ValueError("score_line needs linear features (x1, x2); use score_circle")
    p1, p2 = np.asarray(p1, dtype=float), np.asarray(p2, dtype=float)
    b, w = float(theta_raw[0]), np.asarray(theta_raw[1:3], dtype=float)
    d = p2 - p1
    if not np.all(np.isfinite(theta_raw)) or np.hypot(*w) == 0:
        return Verdict(WRONG, "Descent found no boundary to compare with (θ is not finite "
                              "or w = 0).")
    if np.hypot(*d) == 0:
        return Verdict(WRONG, "The two clicked points are the same: no line.")
    learnt_dir = np.array([-w[1], w[0]])
    cos = abs(d @ learnt_dir) / (np.hypot(*d) * np.hypot(*learnt_dir))
    angle = math.degrees(math.acos(min(1.0, cos)))
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    centre = pts.mean(0) if len(pts) else (p1 + p2) / 2
    foot = p1 + ((centre - p1) @ d) / (d @ d) * d
    offset = abs(w @ foot + b) / np.hypot(*w)
    scale = spread(pts)
    verdict = _grade(angle <= LINE_RIGHT[0] and offset <= LINE_RIGHT[1] * scale,
                     angle <= LINE_CLOSE[0] and offset <= LINE_CLOSE[1] * scale)
    learnt = boundary_equation(terms, theta_raw)
    reason = (f"Your line is {angle:.0f}° from the learnt boundary {learnt} and "
              f"{offset:.2g} from it at the data's centre")
    reason += {RIGHT: ": it settled where you drew it.",
               CLOSE: ": the right idea, not quite where descent put it.",
               WRONG: ": descent put θᵀx = 0 elsewhere."}[verdict]
    return Verdict(verdict, reason, {"angle": angle, "offset": offset, "scale": scale})


def boundary_points(theta_raw, terms, view, n=200):
    """(k, 2) points on the learnt boundary θᵀφ(x) = 0 inside ``view`` (xmin, xmax, ymin, ymax)."""
    xs = np.linspace(view[0], view[1], n)
    ys = np.linspace(view[2], view[3], n)
    gx, gy = np.meshgrid(xs, ys)
    F = feature_map(np.column_stack([gx.ravel(), gy.ravel()]), terms)
    theta_raw = np.asarray(theta_raw, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        z = (theta_raw[1:] @ F + theta_raw[0]).reshape(n, n)
    x, y = decision_boundary(z, xs, ys)
    return np.column_stack([x, y])


def score_circle(centre, radius, theta_raw, terms, view):
    """A predicted circle against the learnt (closed) boundary in ``view``.

    The learnt curve is sampled; its centre is the mean of the samples and its
    radius their mean distance from it.  Both errors are fractions of that radius.
    """
    centre = np.asarray(centre, dtype=float)
    pts = boundary_points(theta_raw, terms, view) if np.all(np.isfinite(theta_raw)) \
        else np.empty((0, 2))
    if not len(pts):
        return Verdict(WRONG, "Descent drew no boundary inside the plot to compare with.")
    learnt_centre = pts.mean(0)
    learnt_radius = float(np.mean(np.hypot(*(pts - learnt_centre).T)))
    if learnt_radius == 0 or not radius > 0:
        return Verdict(WRONG, "No circle to compare: the radius is zero.")
    off = float(np.hypot(*(centre - learnt_centre))) / learnt_radius
    err = abs(float(radius) - learnt_radius) / learnt_radius
    verdict = _grade(off <= CIRCLE_RIGHT and err <= CIRCLE_RIGHT,
                     off <= CIRCLE_CLOSE and err <= CIRCLE_CLOSE)
    reason = (f"The learnt boundary {boundary_equation(terms, theta_raw)} is a "
              f"curve of radius ≈ {learnt_radius:.2g} around ({learnt_centre[0]:.2g}, "
              f"{learnt_centre[1]:.2g}); your circle's centre is {off:.0%} of that radius "
              f"away and its radius {err:.0%} off")
    reason += {RIGHT: ".", CLOSE: ": close.", WRONG: "."}[verdict]
    return Verdict(verdict, reason, {"centre_offset": off, "radius_error": err,
                                     "learnt_radius": learnt_radius,
                                     "learnt_centre": tuple(learnt_centre)})


#: core.regime's words → the four answers (separable and converged runs fell as they should).
_REGIME_OF_WORD = {"crawling": CRAWL, "badly scaled": CRAWL, "smooth": SMOOTH,
                   "converged": SMOOTH, "separable": SMOOTH, "oscillating": OSCILLATE,
                   "diverging": DIVERGE, "diverged": DIVERGE}


def regime_answer(word):
    """The answer (crawl / smooth / oscillate / diverge) a regime word stands for, or None."""
    return _REGIME_OF_WORD.get(word)


def score_regime(predicted, word, headline="", explanation=""):
    """The predicted regime against :func:`core.regime.judge`'s word for the run.

    Right: the same answer; close: the neighbour on the scale crawl < smooth <
    oscillate < diverge (α misjudged by one notch); wrong otherwise.
    """
    if predicted not in REGIME_CHOICES:
        raise ValueError(f"predict one of {list(REGIME_CHOICES)}, got {predicted!r}")
    actual = regime_answer(word)
    said = headline or f"The run is {word}"
    if explanation:
        said += f". {explanation}"
    if actual is None:
        return Verdict(WRONG, f"{said} (not one of the four answers).", {"actual": word})
    gap = abs(REGIME_CHOICES.index(predicted) - REGIME_CHOICES.index(actual))
    verdict = RIGHT if gap == 0 else CLOSE if gap == 1 else WRONG
    you = f"You said it would {REGIME_WORDS[predicted]}; it did not: it is {word}"
    if verdict == RIGHT:
        you = f"You said it would {REGIME_WORDS[predicted]}, and it did"
    return Verdict(verdict, f"{you}. {said}".rstrip(".") + ".", {"actual": actual, "word": word})


def score_race(predicted, lanes, fates=None):
    """The predicted lane index against the race's outcome.

    ``lanes``: (learning_rate, converged_at or None, diverged) per lane, in
    order.  The winner reached ‖dw‖ ≤ ε in the fewest steps.  ``fates``: each lane's
    fate as the race panel says it (:meth:`core.race.Race.fate`), for a lane that
    neither converged nor diverged: "had not reached ε yet" stood beside the panel's
    "still bouncing at step 127: cannot win".
    """
    done = [(k, at) for k, (_, at, _) in enumerate(lanes) if at is not None]
    if not 0 <= predicted < len(lanes):
        raise ValueError(f"lane {predicted} does not exist ({len(lanes)} lanes)")
    alpha = lanes[predicted][0]
    if not done:
        return Verdict(WRONG, "No lane reached ‖dw‖ ≤ ε, so nobody won this race.",
                       {"winner": None})
    winner, steps = min(done, key=lambda kv: kv[1])
    best = lanes[winner][0]
    if predicted == winner:
        return Verdict(RIGHT, f"α = {best:g} reached ‖dw‖ ≤ ε first, in {steps_text(steps)}, "
                              "as you said.", {"winner": winner})
    mine = lanes[predicted]
    if mine[2]:
        why = f"α = {alpha:g} overshot and diverged"
    elif mine[1] is None:
        why = f"α = {alpha:g} " + (fates[predicted] if fates and fates[predicted]
                                   else "had not reached ε yet")
    else:
        why = f"α = {alpha:g} needed {mine[1]:,}"
    others = sorted(at for _, at in done)
    verdict = CLOSE if mine[1] is not None and len(others) > 1 and mine[1] == others[1] \
        else WRONG
    return Verdict(verdict, f"α = {best:g} won, reaching ‖dw‖ ≤ ε in {steps_text(steps)}; {why}.",
                   {"winner": winner})


def cost_at_text(cost, steps, taken=None):
    """What J was after ``steps`` steps, or where descent stopped first (``taken`` <
    ``steps``: its stopping test ended the run, so J stayed at that step's)."""
    if taken is not None and taken < steps:
        return f"Descent stopped after {steps_text(taken)}: J = {cost:.3g}"
    return f"After {steps_text(steps)} J = {cost:.3g}"


def score_cost_at(predicted, threshold, cost, steps, taken=None):
    """"Above" or "below" ``threshold`` against J after ``steps`` steps (``cost``);
    ``taken``: the steps descent actually took, when it stopped before ``steps``."""
    if predicted not in (ABOVE, BELOW):
        raise ValueError(f"predict {ABOVE!r} or {BELOW!r}, got {predicted!r}")
    if cost is None or not math.isfinite(cost):
        actual = ABOVE  # a diverged run: J went to infinity
        text = f"After {steps_text(steps)} J was no longer a number: descent diverged"
    else:
        actual = ABOVE if cost > threshold else BELOW
        text = f"{cost_at_text(cost, steps, taken)}, {actual} {threshold:g}"
    if predicted == actual:
        return Verdict(RIGHT, f"{text}, as you said.", {"actual": actual, "cost": cost})
    near = cost is not None and math.isfinite(cost) and \
        abs(cost - threshold) <= COST_CLOSE * max(threshold, 1e-12)
    return Verdict(CLOSE if near else WRONG,
                   f"{text}" + (": only just." if near else "."), {"actual": actual,
                                                                   "cost": cost})
