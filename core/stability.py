"""The learning rate below which plain gradient descent cannot blow up.

For cross-entropy the Hessian is X̃ diag(a(1-a)) X̃ᵀ / m and a(1-a) ≤ 1/4, so
it is bounded by L = λ_max(X̃X̃ᵀ) / (4m), X̃ being X with a row of ones for
the bias.  Gradient descent on an L-smooth convex function is stable for
α < 2/L, i.e. α* = 8m / λ_max(X̃X̃ᵀ).
"""

from __future__ import annotations

import numpy as np


def gram_eigenvalues(X):
    """Eigenvalues of X̃X̃ᵀ, ascending, for features X (n_x, m), X̃ = [1; X].

    None without examples, [inf] when the Gram matrix overflows.  λ_max sets α*;
    λ_max/λ_min is the condition number that makes raw features crawl.
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
    if not np.all(np.isfinite(gram)):
        return np.array([np.inf])
    return np.linalg.eigvalsh(gram)


def alpha_star_of(eigenvalues, m):
    """α* = 8m/λ_max from :func:`gram_eigenvalues`: inf without data, 0 on overflow."""
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


def smoothness(X):
    """L = λ_max(X̃X̃ᵀ)/(4m) for features X of shape (n_x, m); 0 without data."""
    eig = gram_eigenvalues(X)
    if eig is None:
        return 0.0
    return float(eig[-1]) / (4.0 * X.shape[1])


def alpha_star(X):
    """α* = 8m / λ_max(X̃X̃ᵀ); inf for no data, 0 when the features overflow."""
    return alpha_star_of(gram_eigenvalues(X), X.shape[1])
