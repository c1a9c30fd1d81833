"""The feature map x = (x1, x2) → [x1, x2, x1², x1·x2, x2², …, x2⁶] and its scaling.

Standardization is an affine change of each feature, so a model learnt on
standardized features is the same model as one on raw monomials: the
conversion functions here let the app always show θ in the original units.
"""

from __future__ import annotations

import numpy as np

#: The highest degree of the polynomial features.
MAX_DEGREE = 6


def _name(a, b):
    """The term x1^a·x2^b written as the code writes it: 'x1^2*x2', 'x1*x2^3'."""
    parts = [f"x{k}" + (f"^{p}" if p > 1 else "") for k, p in ((1, a), (2, b)) if p]
    return "*".join(parts)


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _label(a, b):
    """The term x1^a·x2^b written on screen: 'x1²·x2'."""
    parts = [f"x{k}" + (str(p).translate(_SUPERSCRIPT) if p > 1 else "")
             for k, p in ((1, a), (2, b)) if p]
    return "·".join(parts)


#: Exponents (a, b) of x1^a·x2^b for every monomial of degree 1 … MAX_DEGREE:
#: by degree, and within a degree from x1^d down to x2^d (27 in all).
EXPONENTS = {_name(d - k, k): (d - k, k) for d in range(1, MAX_DEGREE + 1) for k in range(d + 1)}
#: Every term ``feature_map`` knows, in canonical order: x1, x2, x1^2, x1*x2, x2^2, x1^3, …
ALL_TERMS = tuple(EXPONENTS)
#: The terms of the app's quadratic picker, in the lecture's order.
TERMS = ALL_TERMS[:5]
#: How each term is written on screen ('x1²·x2').
TERM_LABELS = {t: _label(*e) for t, e in EXPONENTS.items()}
LINEAR = ("x1", "x2")
QUADRATIC = TERMS


def polynomial_terms(degree):
    """All monomials x1^a·x2^b with 1 ≤ a + b ≤ ``degree`` (1 … 6), canonical order.

    Degree 1 is ``LINEAR``, 2 is ``QUADRATIC`` (5 terms), 6 has 27 terms.
    """
    if isinstance(degree, bool) or not isinstance(degree, (int, np.integer)) or not (
            1 <= degree <= MAX_DEGREE):
        raise ValueError(f"the polynomial degree must be a whole number from 1 to {MAX_DEGREE}, "
                         f"got {degree!r}")
    return tuple(t for t, (a, b) in EXPONENTS.items() if a + b <= degree)


def check_terms(terms):
    """Return ``terms`` as a tuple in canonical order, or raise ValueError."""
    if isinstance(terms, str):
        terms = (terms,)
    terms = tuple(terms)
    unknown = [t for t in terms if t not in EXPONENTS]
    if unknown:
        raise ValueError(f"unknown feature term(s) {unknown}; known: monomials of x1, x2 up to "
                         f"degree {MAX_DEGREE} written like {list(ALL_TERMS[:7])}")
    if not terms:
        raise ValueError("choose at least one feature term")
    return tuple(t for t in ALL_TERMS if t in terms)


def feature_map(points, terms=LINEAR):
    """Map points of shape (m, 2) to the feature matrix X of shape (n_x, m).

    Row j is the monomial ``terms[j]`` (e.g. 'x1^2*x2' → x1²·x2) of every point.
    Powers of x1 and x2 are computed once, so each row is one product.
    """
    points = np.asarray(points, dtype=float)
    m = len(points)
    exps = [EXPONENTS[t] for t in terms]
    top = max((max(e) for e in exps), default=0)
    X = np.empty((len(terms), m))
    with np.errstate(over="ignore", invalid="ignore"):
        powers = [[None, points[:, 0]], [None, points[:, 1]]]
        for p in powers:
            for _ in range(2, top + 1):
                p.append(p[-1] * p[1])
        for row, (a, b) in enumerate(exps):
            if a and b:
                np.multiply(powers[0][a], powers[1][b], out=X[row])
            else:
                X[row] = powers[0][a] if a else powers[1][b]
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
        # One new array, divided in place: the same numbers as (X - mean) / scale,
        # without a second temporary (90 ms → 9 ms for 5 features of 1e6 points).
        with np.errstate(over="ignore", invalid="ignore"):
            out = np.subtract(X, self.mean, dtype=float)
            out /= self.scale
            return out

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
