"""The feature map x = (x1, x2) → [x1, x2, x1², x1·x2, x2²] and its scaling.

Standardization is an affine change of each feature, so a model learnt on
standardized features is the same model as one on raw monomials: the
conversion functions here let the app always show θ in the original units.
"""

from __future__ import annotations

import numpy as np

#: Every term the app offers, in the lecture's order.
TERMS = ("x1", "x2", "x1^2", "x1*x2", "x2^2")
#: How each term is written on screen.
TERM_LABELS = {"x1": "x1", "x2": "x2", "x1^2": "x1²", "x1*x2": "x1·x2", "x2^2": "x2²"}
LINEAR = ("x1", "x2")
QUADRATIC = TERMS


def check_terms(terms):
    """Return ``terms`` as a tuple in canonical order, or raise ValueError."""
    terms = tuple(terms)
    unknown = [t for t in terms if t not in TERMS]
    if unknown:
        raise ValueError(f"unknown feature term(s) {unknown}; known: {list(TERMS)}")
    if not terms:
        raise ValueError("choose at least one feature term")
    return tuple(t for t in TERMS if t in terms)


def feature_map(points, terms=LINEAR):
    """Map points of shape (m, 2) to the feature matrix X of shape (n_x, m)."""
    points = np.asarray(points, dtype=float)
    x1 = points[:, 0]
    x2 = points[:, 1]
    columns = {
        "x1": lambda: x1,
        "x2": lambda: x2,
        "x1^2": lambda: x1 * x1,
        "x1*x2": lambda: x1 * x2,
        "x2^2": lambda: x2 * x2,
    }
    X = np.empty((len(terms), len(points)))
    with np.errstate(over="ignore"):
        for row, term in enumerate(terms):
            X[row] = columns[term]()
    return X


class Scaler:
    """Per-feature affine scaling x' = (x - mean) / scale.

    With ``standardize=False`` it is the identity, so the rest of the code
    never needs two paths.
    """

    def __init__(self, mean, scale):
        self.mean = np.asarray(mean, dtype=float).reshape(-1, 1)
        self.scale = np.asarray(scale, dtype=float).reshape(-1, 1)

    @classmethod
    def identity(cls, n_x):
        return cls(np.zeros(n_x), np.ones(n_x))

    @classmethod
    def fit(cls, X, standardize=True):
        """Statistics of X (n_x, m); a constant or non-finite feature keeps scale 1."""
        n_x, m = X.shape
        if not standardize or m == 0:
            return cls.identity(n_x)
        with np.errstate(over="ignore", invalid="ignore"):
            mean = X.mean(axis=1)
            scale = X.std(axis=1)
        bad = ~np.isfinite(mean) | ~np.isfinite(scale) | (scale <= 0)
        # Features so large that their moments overflow are left unscaled:
        # the engine then reports the divergence instead of silently hiding it.
        mean = np.where(bad, 0.0, mean)
        scale = np.where(bad, 1.0, scale)
        return cls(mean, scale)

    @property
    def is_identity(self):
        return bool(np.all(self.mean == 0) and np.all(self.scale == 1))

    def transform(self, X):
        with np.errstate(over="ignore", invalid="ignore"):
            return (X - self.mean) / self.scale

    def to_original(self, w, b):
        """(w, b) on scaled features → (w_raw, b_raw) on raw monomials.

        w'ᵀ((x - μ)/s) + b = (w'/s)ᵀ x + (b - Σ w' μ / s).
        """
        with np.errstate(over="ignore", invalid="ignore"):
            w_raw = w / self.scale
            b_raw = float(b - np.sum(w_raw * self.mean))
        return w_raw, b_raw

    def from_original(self, w_raw, b_raw):
        """Inverse of :meth:`to_original`."""
        with np.errstate(over="ignore", invalid="ignore"):
            w = w_raw * self.scale
            b = float(b_raw + np.sum(w_raw * self.mean))
        return w, b
