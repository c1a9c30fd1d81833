"""Generate the preset lessons in this folder (run from anywhere).

    .venv/bin/python resources/presets/make_presets.py

Every data set is drawn from a seeded numpy generator and rounded to two
decimals, so the files are small, readable and the same on every machine.
Labels are computed *after* rounding from the stated rule, so the rule holds
exactly for the stored points.  The script checks each learning rate: from
the app's default start (seed 0) descent must not diverge, and must reach the
accuracy stated below within a few thousand steps.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from core.fit import fit  # noqa: E402
from core.lesson import LESSON_SUFFIX, Lesson, write_lesson  # noqa: E402
from core.session import Session  # noqa: E402

LINEAR = ("x1", "x2")
CIRCLE = ("x1", "x2", "x1^2", "x2^2")
QUADRATIC = ("x1", "x2", "x1^2", "x1*x2", "x2^2")


def r2(a):
    """Two decimals; +0.0 instead of -0.0 so the file shows no '-0.0'."""
    return np.round(np.asarray(a, dtype=float), 2) + 0.0


def linear():
    rng = np.random.default_rng(1)
    pts = r2(rng.uniform(0, 4, size=(40, 2)))
    # Keep a visible margin around the lecture's line so the story is clean.
    s = pts.sum(axis=1)
    while np.any(np.abs(s - 3) < 0.15):
        bad = np.abs(s - 3) < 0.15
        pts[bad] = r2(rng.uniform(0, 4, size=(int(bad.sum()), 2)))
        s = pts.sum(axis=1)
    return pts, (s >= 3).astype(int)


def circle():
    rng = np.random.default_rng(2)
    inside = []
    while len(inside) < 24:
        p = r2(rng.uniform(-1, 1, size=2))
        if p @ p < 0.9:
            inside.append(p)
    outside = []
    while len(outside) < 36:
        p = r2(rng.uniform(-2, 2, size=2))
        if p @ p > 1.1:
            outside.append(p)
    pts = np.array(inside + outside)
    pts = pts[rng.permutation(len(pts))]
    return pts, (np.sum(pts * pts, axis=1) >= 1).astype(int)


def blobs():
    rng = np.random.default_rng(3)
    a = rng.normal([-0.8, -0.4], 1.0, size=(40, 2))
    b = rng.normal([0.8, 0.4], 1.0, size=(40, 2))
    pts = r2(np.vstack([a, b]))
    labels = np.r_[np.zeros(40, int), np.ones(40, int)]
    order = rng.permutation(80)
    return pts[order], labels[order]


def xor():
    rng = np.random.default_rng(4)
    pts, labels = [], []
    for cx, cy in [(-1.5, -1.5), (1.5, 1.5), (-1.5, 1.5), (1.5, -1.5)]:
        c = r2(rng.normal([cx, cy], 0.5, size=(15, 2)))
        pts.append(c)
        labels.append(np.full(15, int(cx * cy < 0)))
    pts, labels = np.vstack(pts), np.concatenate(labels)
    order = rng.permutation(len(pts))
    return pts[order], labels[order]


def ring():
    rng = np.random.default_rng(5)
    pts = []
    for r_lo, r_hi, n in [(0.0, 0.8, 20), (1.2, 1.8, 40), (2.2, 2.8, 40)]:
        r = np.sqrt(rng.uniform(r_lo**2, r_hi**2, n))
        phi = rng.uniform(0, 2 * np.pi, n)
        pts.append(np.c_[r * np.cos(phi), r * np.sin(phi)])
    pts = r2(np.vstack(pts))
    r = np.sqrt(np.sum(pts * pts, axis=1))
    labels = ((r >= 1) & (r <= 2)).astype(int)
    order = rng.permutation(len(pts))
    return pts[order], labels[order]


def outlier():
    pts, labels = linear()
    # One class-0 point far out on the class-1 side (a typo in a spreadsheet).
    return np.vstack([pts, [[9.0, 9.0]]]), np.r_[labels, 0]


PRESETS = [
    dict(
        name="linear",
        make=linear,
        title="Linear: x1 + x2 ≥ 3",
        description=(
            "Points labelled 1 when x1 + x2 ≥ 3: the lecture's θ = [−3, 1, 1] separates "
            "them with a straight line. Press Play and watch descent find such a line."
        ),
        terms=LINEAR,
        learning_rate=1.0,
        view=(-0.5, 4.5, -0.5, 4.5),
        accuracy=1.0,
    ),
    dict(
        name="circle",
        make=circle,
        title="Circle: x1² + x2² ≥ 1",
        description=(
            "Class 1 lies outside the unit circle, so no straight line works; with the "
            "features x1, x2, x1², x2², θ = [−1, 0, 0, 1, 1] draws the lecture's circle."
        ),
        terms=CIRCLE,
        learning_rate=1.0,
        view=(-2.5, 2.5, -2.5, 2.5),
        accuracy=1.0,
    ),
    dict(
        name="blobs",
        make=blobs,
        title="Overlapping blobs",
        description=(
            "Two clouds that overlap, so no line gets every point right; descent still "
            "converges, to the line where ŷ = 0.5 balances the mistakes on both sides."
        ),
        terms=LINEAR,
        learning_rate=1.0,
        view=(-4.0, 4.0, -4.0, 4.0),
        accuracy=0.7,
    ),
    dict(
        name="xor",
        make=xor,
        title="XOR",
        description=(
            "Class 1 in two opposite corners, class 0 in the other two: no line can do it, "
            "but the product feature x1·x2 separates them. Try it with linear terms first."
        ),
        terms=QUADRATIC,
        learning_rate=1.0,
        view=(-3.5, 3.5, -3.5, 3.5),
        accuracy=1.0,
    ),
    dict(
        name="ring",
        make=ring,
        title="Ring",
        description=(
            "Class 1 is a ring, class 0 inside and outside: one conic (all five quadratic "
            "terms) cannot fence off a ring. The features decide the shapes."
        ),
        terms=QUADRATIC,
        learning_rate=1.0,
        view=(-3.5, 3.5, -3.5, 3.5),
        accuracy=0.5,
    ),
    dict(
        name="outlier",
        make=outlier,
        title="Outlier",
        description=(
            "The linear data plus a class 0 point at (9, 9): cross-entropy tilts the line "
            "for it; squared error, its penalty capped, barely does. Compare the losses."
        ),
        terms=LINEAR,
        learning_rate=1.0,
        view=(-0.5, 10.0, -0.5, 10.0),
        accuracy=0.8,
    ),
]


def main():
    for old in HERE.glob(f"*{LESSON_SUFFIX}"):
        old.unlink()
    for number, spec in enumerate(PRESETS, start=1):
        points, labels = spec["make"]()
        lesson = Lesson(
            points,
            labels,
            terms=spec["terms"],
            standardize=True,
            learning_rate=spec["learning_rate"],
            view=spec["view"],
            title=spec["title"],
            description=spec["description"],
        )
        session = Session(points, labels, terms=spec["terms"])
        result = fit(
            points, labels, features=spec["terms"], learning_rate=spec["learning_rate"],
            max_steps=5000,
        )
        acc = float(np.mean((result.predict_proba(points) >= 0.5) == (labels == 1)))
        assert not result.diverged, spec["name"]
        assert acc >= spec["accuracy"], (spec["name"], acc)
        assert spec["learning_rate"] < session.alpha_star(), spec["name"]
        # "Works well": J falls at every step, no overshoot.
        assert np.all(np.diff(result.costs) <= 1e-12), spec["name"]
        if spec["name"] == "outlier":
            # The story of the description: squared error ignores the outlier.
            se = fit(points, labels, learning_rate=spec["learning_rate"], max_steps=5000,
                     loss="squared_error")
            se_acc = float(np.mean((se.predict_proba(points) >= 0.5) == (labels == 1)))
            assert se_acc > acc + 0.1, (se_acc, acc)
        path = HERE / f"{number}_{spec['name']}{LESSON_SUFFIX}"
        write_lesson(path, lesson)
        print(
            f"{path.name}: m={len(points)} (ones={int(labels.sum())}), terms={spec['terms']}, "
            f"α={spec['learning_rate']} (α*={session.alpha_star():.2f}), "
            f"steps={result.steps}{' converged' if result.converged else ''}, "
            f"accuracy={acc:.2f}"
        )


if __name__ == "__main__":
    main()
