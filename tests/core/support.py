"""Helpers shared by the core tests.

The lesson-file tests: the repository's root, bit-exact floats.  The regime tests
(test_regime.py, test_regime_trend.py): their data sets, a session of one, the
checks every judgement passes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import strategies as st

from core import Session
from core.regime import ACTIONS, TROUBLE, WORDS

ROOT = Path(__file__).resolve().parents[2]


def same_bits(a, b):
    """Equal to the last bit, -0.0 and 0.0 told apart."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


finite = st.floats(allow_nan=False, allow_infinity=False)


# -- the regime tests: data sets ---------------------------------------------------

LINEAR = ("x1", "x2")
EX2 = Path(__file__).resolve().parent.parent / "files" / "ex2data1.txt"


def r2(a):
    return np.round(np.asarray(a, dtype=float), 2) + 0.0


def lecture_line():
    """Points labelled 1 when x1 + x2 ≥ 3, with a margin (the first preset's recipe)."""
    rng = np.random.default_rng(1)
    pts = r2(rng.uniform(0, 4, size=(40, 2)))
    s = pts.sum(axis=1)
    while np.any(np.abs(s - 3) < 0.15):
        bad = np.abs(s - 3) < 0.15
        pts[bad] = r2(rng.uniform(0, 4, size=(int(bad.sum()), 2)))
        s = pts.sum(axis=1)
    return pts, (s >= 3).astype(float)


def outlier():
    """The line plus one class-0 point far out at (9, 9)."""
    pts, labels = lecture_line()
    return np.vstack([pts, [[9.0, 9.0]]]), np.r_[labels, 0.0]


def overlapping_blobs():
    rng = np.random.default_rng(3)
    a = rng.normal([-0.8, -0.4], 1.0, size=(40, 2))
    b = rng.normal([0.8, 0.4], 1.0, size=(40, 2))
    return r2(np.vstack([a, b])), np.r_[np.zeros(40), np.ones(40)]


def two_blobs(m=100, seed=3):
    """Two overlapping Gaussian blobs of m points (spread 1.2, centres 1.5 apart)."""
    rng = np.random.default_rng(seed)
    half = m // 2
    P = np.vstack([rng.normal(0, 1.2, (half, 2)), rng.normal(1.5, 1.2, (m - half, 2))])
    return P, np.r_[np.zeros(half), np.ones(m - half)]


def ring():
    """Class 1 in a ring, class 0 inside and outside: no conic fences it off."""
    rng = np.random.default_rng(5)
    pts = []
    for r_lo, r_hi, n in [(0.0, 0.8, 20), (1.2, 1.8, 40), (2.2, 2.8, 40)]:
        r = np.sqrt(rng.uniform(r_lo**2, r_hi**2, n))
        phi = rng.uniform(0, 2 * np.pi, n)
        pts.append(np.c_[r * np.cos(phi), r * np.sin(phi)])
    pts = r2(np.vstack(pts))
    r = np.sqrt(np.sum(pts * pts, axis=1))
    return pts, ((r >= 1) & (r <= 2)).astype(float)


def exam_scores():
    """Coursera ex2's exam scores (tests/files/ex2data1.txt), or look-alikes:
    two scores 30–100, admitted by a linear rule with logistic noise."""
    if EX2.exists():
        data = np.loadtxt(EX2, delimiter=",")
        return data[:, :2], data[:, 2]
    rng = np.random.default_rng(2)
    scores = rng.uniform(30, 100, size=(100, 2))
    z = 0.2 * scores.sum(axis=1) - 25.0
    return scores, (rng.random(100) < 1 / (1 + np.exp(-z))).astype(float)


DATA = {
    "line": lecture_line,
    "outlier": outlier,
    "blobs": overlapping_blobs,
    "ring": ring,
    "exams": exam_scores,
}


def session_for(data, terms, standardize, alpha):
    if data is None:
        P, L = np.zeros((0, 2)), np.zeros(0)
    elif data == "one-class":
        P, L = lecture_line()
        P, L = P[L == 1], L[L == 1]
    elif data == "huge":
        P, L = overlapping_blobs()
        P = P * 1e200  # z overflows at the first step
    else:
        P, L = DATA[data]()
    return Session(P, L, terms=terms, standardize=standardize, learning_rate=alpha, seed=0)


def check_text(r):
    assert r.word in WORDS
    assert r.action is None or r.action in ACTIONS
    assert 0 < len(r.headline) <= 40, r.headline
    assert len(r.explanation) <= 140, r.explanation
    assert r.trouble == (r.word in TROUBLE)
