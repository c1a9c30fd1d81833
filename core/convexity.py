"""The convexity slide on the user's data: J along a segment and its chord.

h is convex when h(λu + (1 − λ)v) ≤ λh(u) + (1 − λ)h(v) for every u, v and
0 ≤ λ ≤ 1.  Cross-entropy's J is convex in θ, so its chord never dips below
it; squared error's is not, and :func:`find_nonconvex_segment` finds a
segment of the user's data where the chord does dip below J — why the
lecture calls squared error "the problem".
"""

from __future__ import annotations

import numpy as np

from .model import cost_many


def on_segment(u, v, X, Y, loss="cross_entropy", k=101):
    """J along θ(λ) = λu + (1 − λ)v and the chord, for λ from 0 to 1.

    Parameters
    ----------
    u, v : array-like, shape (n_x + 1,)
        θ = [b, w1, ..., wn] at the two ends (engine coordinates).
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    k : int
        Number of λ values.

    Returns
    -------
    lam : ndarray, shape (k,)
    J : ndarray, shape (k,)
        h(λu + (1 − λ)v).
    chord : ndarray, shape (k,)
        λh(u) + (1 − λ)h(v).
    """
    u = np.asarray(u, dtype=float)
    v = np.asarray(v, dtype=float)
    lam = np.linspace(0.0, 1.0, k)
    thetas = lam[:, None] * u + (1 - lam[:, None]) * v
    J = cost_many(thetas[:, 1:], thetas[:, 0], X, Y, loss)
    chord = lam * J[-1] + (1 - lam) * J[0]
    return lam, J, chord


def find_nonconvex_segment(X, Y, loss="squared_error", *, tries=400, k=41, seed=0, scale=None):
    """A segment [u, v] where J rises above its chord the most, or None.

    Random segments through the region where z saturates (|z| of a few to
    tens, where squared error's J flattens into plateaus) are tried at once
    with one :func:`core.model.cost_many` call.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)
    loss : "squared_error" (or "cross_entropy", for which nothing is found)
    tries, k : int
        Segments tried and λ values on each.
    seed : int
    scale : float, optional
        Typical |θ_j| of the ends; by default about 10 / max|x|.

    Returns
    -------
    dict or None
        ``{"u", "v", "lam", "gap"}``: the ends, the λ where the gap
        J − chord is largest, and that gap (> 0), or None if no segment's
        chord dips below J by more than rounding.
    """
    n = X.shape[0] + 1
    if X.shape[1] == 0:
        return None
    rng = np.random.default_rng(seed)
    if scale is None:
        top = float(np.max(np.abs(X))) if X.size else 1.0
        scale = 10.0 / max(top, 1e-12)
    radii = scale * np.exp(rng.uniform(np.log(0.1), np.log(3.0), (tries, 2, 1)))
    ends = rng.standard_normal((tries, 2, n))
    ends *= radii / np.linalg.norm(ends, axis=2, keepdims=True)
    lam = np.linspace(0.0, 1.0, k)
    u, v = ends[:, 0], ends[:, 1]
    thetas = lam[None, :, None] * u[:, None, :] + (1 - lam[None, :, None]) * v[:, None, :]
    flat = thetas.reshape(-1, n)
    J = cost_many(flat[:, 1:], flat[:, 0], X, Y, loss).reshape(tries, k)
    chord = lam[None, :] * J[:, -1:] + (1 - lam[None, :]) * J[:, :1]
    gap = J - chord
    gap[~np.isfinite(gap)] = -np.inf
    best = np.unravel_index(int(np.argmax(gap)), gap.shape)
    tiny = 1e-12 * max(float(np.max(np.abs(J[np.isfinite(J)]), initial=0.0)), 1e-300)
    if not gap[best] > tiny:
        return None
    i, j = best
    return {"u": u[i].copy(), "v": v[i].copy(), "lam": float(lam[j]), "gap": float(gap[best])}
