"""LogitLab's files: lessons (``.logitlab.json``), point tables and the Lesson record.

Pure Python and numpy, so a notebook can read and write the same files as
the app.  Reading never raises anything but :class:`FileProblem` for a bad
file, and the message says what is wrong (and on which line, when a line
makes sense) in words a student can act on.

A lesson is the whole state worth saving: the points, the feature terms,
the settings of descent, the view and, optionally, where descent had got to
(θ and the iteration).  θ is stored exactly as the engine holds it, i.e. on
the *standardized* features when ``standardize`` is on; the file therefore
re-creates the same boundary only together with the same points.

The work is split by job, and everything stays importable from here:

* :mod:`core.text_file` — safe reading (size limit, encodings), :class:`FileProblem`;
* :mod:`core.lesson_json` — the ``.logitlab.json`` format (documented there);
* :mod:`core.points_csv` — the strict ``x1,x2,y`` CSV the app exports;
* :mod:`core.table`, :mod:`core.table_dialect` and :mod:`core.table_columns` — any
  delimited table;
* :mod:`core.numpy_script` — a run as a NumPy script.

Writing here only produces text (:func:`lesson_to_json`, :func:`csv_text`);
:func:`write_lesson` and :func:`write_csv` are plain conveniences.  The app
saves atomically with its own ``QSaveFile``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np

from .checks import (
    check_l2,
    check_learning_rate,
    check_loss,
    check_stop,
    check_tol,
    check_update,
    real,
    whole,
)
from .data import validate_points
from .features import ALL_TERMS, LINEAR
from .table import parse_table
from .text_file import decode, read_bytes

LESSON_SUFFIX = ".logitlab.json"


@dataclass(eq=False)
class Lesson:
    """Everything a ``.logitlab.json`` file holds.

    Construction checks and normalizes the values (ValueError on a bad one):
    points become float (m, 2), labels int8, terms the canonical order of
    ``core.features.ALL_TERMS`` (monomials up to degree 6; θ reordered to
    match), view and θ floats.
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
    l2: float = 0.0  # λ of the L2 penalty (0: none)
    update: str = "simultaneous"  # or "sequential", the lecture's incorrect form
    stop: str = "gradient"  # or "step": ‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε
    script: object = None  # a core.script.Script (file version 2), or None

    def __post_init__(self):
        self.points, self.labels = validate_points(self.points, self.labels, allow_empty=True)
        terms = tuple(self.terms) if not isinstance(self.terms, str) else (self.terms,)
        for term in terms:
            if term not in ALL_TERMS:
                raise ValueError(f"unknown feature term {term!r}; known terms: monomials "
                                 f"x1^a*x2^b up to degree 6, e.g. {list(ALL_TERMS[:5])}")
        if not terms:
            raise ValueError("the list of feature terms is empty; choose at least one")
        for term in terms:
            if terms.count(term) > 1:
                raise ValueError(f"feature term {term!r} is listed twice")
        canonical = tuple(t for t in ALL_TERMS if t in terms)
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
        self.l2 = check_l2(self.l2)
        self.update = check_update(self.update)
        self.stop = check_stop(self.stop)
        if not isinstance(self.title, str):
            raise ValueError(f"title must be text, got {self.title!r}")
        if not isinstance(self.description, str):
            raise ValueError(f"description must be text, got {self.description!r}")

    # -- the live model ------------------------------------------------------
    def to_session(self):
        """A :class:`core.session.Session` in this lesson's state."""
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
        session.l2 = self.l2
        session.update = self.update
        session.stop = self.stop
        if self.theta is not None:
            session.restore(self.theta, self.iteration)
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
            l2=session.l2,
            update=session.update,
            stop=session.stop,
            **extra,
        )


def read_document(path, progress=None, cancel=None):
    """A :class:`Lesson` or a :class:`core.table.Table`, whichever the file holds.

    ``.json`` names and text that starts with ``{`` are lessons; anything
    else (.csv, .tsv, .txt, …) is read as a delimited table.  Raises
    FileProblem, or Cancelled when ``cancel()`` returns True.
    """
    if str(path).lower().endswith(".json"):
        return read_lesson(path)
    raw = read_bytes(path, progress=None if progress is None else lambda f: progress(0.3 * f),
                     cancel=cancel)
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return lesson_from_json(decode(raw, os.fspath(path)), path=os.fspath(path))
    text, encoding = decode(raw, os.fspath(path), fallback="cp1252")
    del raw
    parsing = None if progress is None else lambda f: progress(0.3 + 0.7 * f)
    return parse_table(text, os.fspath(path), parsing, cancel, encoding)


# Re-exported so ``from core.lesson import ...`` keeps working for every caller;
# imported last because lesson_json needs Lesson defined.
from .lesson_json import (  # noqa: E402
    FORMAT,
    SUPPORTED_VERSIONS,
    VERSION,
    lesson_from_json,
    lesson_to_json,
    read_lesson,
    write_lesson,
)
from .points_csv import CSV_HEADER, csv_text, parse_csv, read_csv, write_csv  # noqa: E402
from .text_file import MAX_FILE_BYTES, FileProblem, size_problem  # noqa: E402

__all__ = [
    "CSV_HEADER",
    "FORMAT",
    "LESSON_SUFFIX",
    "MAX_FILE_BYTES",
    "SUPPORTED_VERSIONS",
    "VERSION",
    "FileProblem",
    "Lesson",
    "csv_text",
    "lesson_from_json",
    "lesson_to_json",
    "parse_csv",
    "read_csv",
    "read_document",
    "read_lesson",
    "size_problem",
    "write_csv",
    "write_lesson",
]
