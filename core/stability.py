"""The learning rate below which plain gradient descent cannot blow up.

For cross-entropy the Hessian of the data loss is X̃ diag(a(1-a)) X̃ᵀ / m and
a(1-a) ≤ 1/4, so it is bounded by X̃X̃ᵀ / (4m), X̃ being X with a row of ones
for the bias; at θ = 0 every a = 1/2 and the bound is reached.  For squared
error ½(σ(z) − y)² the second derivative in z lies in [−0.061, 0.078], inside
[−1/4, 1/4], so the same bound holds (with room to spare).

The L2 penalty λ/(2m)·Σ (w_j/s_j)² (:class:`core.objective.Penalized`: the
weights in original units, s_j the feature's scale, the bias not penalised)
adds the constant diag(0, λ/s_1², …, λ/s_n²) / m.  So the Hessian of what
descent minimises is bounded by L = λ_max(X̃X̃ᵀ + 4·Λ) / (4m), Λ = diag(0, λ/s_j²),
and gradient descent on an L-smooth function is stable (J never rises) for
α < 2/L, i.e.

    α* = 8m / λ_max(X̃X̃ᵀ + 4·diag(0, λ/s_1², …, λ/s_n²)),

which is 8m / λ_max(X̃X̃ᵀ) without a penalty.
"""

from __future__ import annotations

import numpy as np


def gram_matrix(X):
    """X̃X̃ᵀ for features X (n_x, m), X̃ = [1; X]; None without examples.

    Entries are inf or nan when the features overflow.
    """
    X = np.asarray(X, dtype=float)  # integer or float32 features would overflow early
    m = X.shape[1]
    if m == 0:
        return None
    # By blocks, [[m, Σx], [Σx, XXᵀ]]: building X̃ itself copied every feature
    # (48 MB and ~40 ms at a million points, on each click).
    n_x = X.shape[0]
    gram = np.empty((n_x + 1, n_x + 1))
    with np.errstate(over="ignore", invalid="ignore"):
        gram[1:, 1:] = X @ X.T
        gram[0, 1:] = gram[1:, 0] = X.sum(axis=1)
    gram[0, 0] = m
    return gram


def _eigenvalues(matrix):
    if matrix is None:
        return None
    if not np.all(np.isfinite(matrix)):
        return np.array([np.inf])
    return np.linalg.eigvalsh(matrix)


def gram_eigenvalues(X):
    """Eigenvalues of X̃X̃ᵀ, ascending, for features X (n_x, m), X̃ = [1; X].

    None without examples, [inf] when the Gram matrix overflows.  λ_max sets α*;
    λ_max/λ_min is the condition number that makes raw features crawl.
    """
    return _eigenvalues(gram_matrix(X))


def penalty_diagonal(l2, feature_scale):
    """λ/s_j² of each weight: m × the penalty's Hessian (:class:`core.objective.Penalized`)."""
    scale = np.asarray(feature_scale, dtype=float).reshape(-1)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return float(l2) / scale**2


def alpha_star_of(eigenvalues, m):
    """α* = 8m/λ_max from :func:`gram_eigenvalues` (or of X̃X̃ᵀ + 4Λ): inf without
    data, 0 on overflow."""
    if eigenvalues is None or m == 0:
        return float("inf")
    top = float(eigenvalues[-1])
    if not np.isfinite(top):
        return 0.0
    return 8.0 * m / top if top > 0 else float("inf")


def condition_of(eigenvalues):
    """cond(X̃X̃ᵀ) = λ_max/λ_min (inf when singular); None without data or on overflow."""
    if eigenvalues is None or not np.all(np.isfinite(eigenvalues)):
        return None
    low, top = float(eigenvalues[0]), float(eigenvalues[-1])
    if low <= top * 1e-16:
        return float("inf")
    return top / low


class Spectrum:
    """X̃X̃ᵀ of one feature matrix and the scales s_j of its features: α* for any λ.

    Computed once per feature matrix (the O(m) part); α* for a λ is then the top
    eigenvalue of a matrix of (n_x + 1)², remembered for the last λ asked.
    """

    def __init__(self, X, feature_scale=None):
        X = np.asarray(X, dtype=float)
        self.m = X.shape[1]
        self.scale = (np.ones(X.shape[0]) if feature_scale is None
                      else np.asarray(feature_scale, dtype=float).reshape(-1))
        self.gram = gram_matrix(X)
        self.eigenvalues = _eigenvalues(self.gram)
        self._penalized = (None, None)  # (λ, α*) last computed

    def hessian_bound(self, l2=0.0):
        """X̃X̃ᵀ + 4·diag(0, λ/s_j²): 4m × the bound on the Hessian of J (None without data)."""
        if self.gram is None:
            return None
        bound = self.gram.copy()
        if l2:
            diagonal = np.einsum("ii->i", bound)  # a writable view of the diagonal
            with np.errstate(over="ignore", invalid="ignore"):
                diagonal[1:] += 4.0 * penalty_diagonal(l2, self.scale)
        return bound

    def alpha_star(self, l2=0.0):
        """α* = 8m / λ_max(X̃X̃ᵀ + 4·diag(0, λ/s_j²)): inf without data, 0 on overflow."""
        if not l2 or self.gram is None:
            return alpha_star_of(self.eigenvalues, self.m)
        if self._penalized[0] != l2:
            value = alpha_star_of(_eigenvalues(self.hessian_bound(l2)), self.m)
            self._penalized = (l2, value)
        return self._penalized[1]

    def condition(self):
        """cond(X̃X̃ᵀ) of the features (the data's conditioning, without the penalty)."""
        return condition_of(self.eigenvalues)


def smoothness(X, l2=0.0, feature_scale=None):
    """L = λ_max(X̃X̃ᵀ + 4·diag(0, λ/s_j²))/(4m) for features X of shape (n_x, m):
    the bound on the Hessian of J; 0 without data."""
    spectrum = Spectrum(X, feature_scale)
    bound = spectrum.hessian_bound(l2)
    if bound is None:
        return 0.0
    return float(_eigenvalues(bound)[-1]) / (4.0 * spectrum.m)


def alpha_star(X, l2=0.0, feature_scale=None):
    """α* = 8m / λ_max(X̃X̃ᵀ + 4·diag(0, λ/s_j²)) of features X (n_x, m), with the L2
    penalty λ on the weights in original units (s_j: the features' scales, 1 when
    None); inf for no data, 0 when the features overflow."""
    return Spectrum(X, feature_scale).alpha_star(l2)
