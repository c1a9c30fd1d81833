"""The learning rate below which plain gradient descent cannot blow up.

For cross-entropy the Hessian is X̃ diag(a(1-a)) X̃ᵀ / m and a(1-a) ≤ 1/4, so
it is bounded by L = λ_max(X̃X̃ᵀ) / (4m), X̃ being X with a row of ones for
the bias.  Gradient descent on an L-smooth convex function is stable for
α < 2/L, i.e. α* = 8m / λ_max(X̃X̃ᵀ).
"""

from __future__ import annotations

import numpy as np


def smoothness(X):
    """L = λ_max(X̃X̃ᵀ)/(4m) for features X of shape (n_x, m)."""
    m = X.shape[1]
    if m == 0:
        return 0.0
    X_tilde = np.vstack([np.ones((1, m)), X])
    with np.errstate(over="ignore", invalid="ignore"):
        gram = X_tilde @ X_tilde.T
    if not np.all(np.isfinite(gram)):
        return float("inf")
    return float(np.linalg.eigvalsh(gram)[-1]) / (4.0 * m)


def alpha_star(X):
    """α* = 8m / λ_max(X̃X̃ᵀ); inf for no data, 0 when the features overflow."""
    L = smoothness(X)
    if L == 0.0:
        return float("inf")
    return 2.0 / L
