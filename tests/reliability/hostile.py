"""Hostile numbers shared by the property tests of the core and of the live window.

The hypothesis strategies (coordinates from 0 to ±1e300 and subnormals, every hostile
shape of training set, α from 1e-12 to 1e12, ε from 0 to 1, feature sets, edit
sequences) and the number of examples of ``test_hostile_numbers.py`` (the core) and
``test_hostile_window.py`` (the live window).

``LOGITLAB_HOSTILE_EXAMPLES`` multiplies the number of examples (CI: 1).
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from core.features import LINEAR, QUADRATIC, TERMS

from .support import env_number

SCALE = env_number("LOGITLAB_HOSTILE_EXAMPLES", 1)
CORE_EXAMPLES = max(1, round(250 * SCALE))
GUI_EXAMPLES = max(1, round(30 * SCALE))

SPECIAL = [0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, -1e-300, 1e-150,
           1.0, -1.0, 1e150, -1e150, 1e300, -1e300, 3.0, -2.5]


def coordinates():
    return st.one_of(
        st.sampled_from(SPECIAL),
        st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False, allow_subnormal=True),
        st.floats(-10, 10, allow_nan=False),
        # log-uniform magnitudes, so 1e-300 … 1e300 are all as likely as 1 … 10
        st.builds(lambda s, e, f: s * f * 10.0**e, st.sampled_from([-1.0, 1.0]),
                  st.integers(-300, 299), st.floats(1, 9.99)),
    )


@st.composite
def data_sets(draw, min_size=0, max_size=12):
    """(points (m, 2), labels (m,), kind): every hostile shape of training set."""
    kind = draw(st.sampled_from(["random", "duplicated", "single", "one class", "identical",
                                 "empty", "random"]))
    if kind == "empty":
        return np.zeros((0, 2)), np.zeros(0, dtype=int), kind
    m = 1 if kind == "single" else draw(st.integers(max(min_size, 2), max_size))
    if kind == "identical":
        xy = [draw(coordinates()), draw(coordinates())]
        points = np.array([xy] * m, dtype=float)
    else:
        points = np.array([[draw(coordinates()), draw(coordinates())] for _ in range(m)])
    if kind == "duplicated":
        idx = draw(st.lists(st.integers(0, m - 1), min_size=m, max_size=m))
        points = points[idx]
    if kind == "one class":
        labels = np.full(m, draw(st.sampled_from([0, 1])))
    else:
        labels = np.array(draw(st.lists(st.sampled_from([0, 1]), min_size=m, max_size=m)))
    return points, labels, kind


def learning_rates():
    """α log-uniform over 1e-12 … 1e12, plus the ends."""
    return st.one_of(
        st.sampled_from([1e-12, 1e-6, 1e-4, 0.5, 100.0, 1e6, 1e12]),
        st.builds(lambda e, f: min(max(f * 10.0**e, 1e-12), 1e12), st.integers(-12, 11),
                  st.floats(1, 9.99)),
    )


def tolerances():
    return st.one_of(
        st.sampled_from([0.0, 1.0, 1e-4, 5e-324]),
        st.floats(0, 1, allow_nan=False, allow_subnormal=True),
        st.builds(lambda e: 10.0**e, st.integers(-16, 0)),
    )


def term_sets():
    return st.one_of(
        st.sampled_from([LINEAR, QUADRATIC, ("x1", "x2", "x1^2", "x2^2")]),
        st.sets(st.sampled_from(TERMS), min_size=1).map(
            lambda s: tuple(t for t in TERMS if t in s)),
    )


def operations():
    return st.lists(st.one_of(
        st.tuples(st.just("step"), st.integers(1, 300)),
        st.tuples(st.just("terms"), term_sets()),
        st.tuples(st.just("standardize"), st.booleans()),
        st.tuples(st.just("alpha"), learning_rates()),
        st.tuples(st.just("tol"), tolerances()),
        st.tuples(st.just("add"), st.tuples(coordinates(), coordinates()), st.sampled_from([0, 1])),
        st.tuples(st.just("delete"), st.integers(0, 100)),
        st.tuples(st.just("loss"), st.sampled_from(["cross_entropy", "squared_error"])),
        st.tuples(st.just("back")),
        st.tuples(st.just("reset")),
    ), min_size=1, max_size=8)
