"""Logistic regression in the lecture's notation.

Shapes follow the slides: ``X`` is ``(n_x, m)`` (one column per example),
``Y`` is ``(1, m)``, ``w`` is ``(n_x, 1)`` and ``b`` a scalar, so that
``Z = w.T @ X + b`` is ``(1, m)``.
"""

from __future__ import annotations

import numpy as np

LOSSES = ("cross_entropy", "squared_error")


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(-z)), exact for any z without overflow warnings.

    ``e^(-|z|)`` never overflows, and both branches divide by a number in
    [1, 2], so the result is exact to the last bit at both tails.
    """
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def cross_entropy_from_z(z, y):
    """L(a, y) = -(y log a + (1-y) log(1-a)) with a = σ(z), computed from z.

    Since log a = -log(1 + e^-z) and log(1-a) = -log(1 + e^z), the loss is
    y·log(1 + e^-z) + (1-y)·log(1 + e^z)
    = log(1 + e^-|z|) + y·max(-z, 0) + (1-y)·max(z, 0):
    finite for every finite z, never log(0), and a sum of non-negative terms,
    so even a tiny loss (a confident right answer) is accurate to the last bits.
    """
    z = np.asarray(z, dtype=float)
    return np.log1p(np.exp(-np.abs(z))) + y * np.maximum(-z, 0.0) + (1 - y) * np.maximum(z, 0.0)


def cost_and_gradients(w, b, X, Y, loss="cross_entropy"):
    """One vectorized forward and backward pass, returning ``(cost, dw, db)``.

    The engine's form of :func:`propagate` (same numbers, flat tuple).

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m), values 0 or 1
    loss : "cross_entropy" or "squared_error" (½(σ(z) - y)²)

    Returns
    -------
    cost : float
        J(w, b) = (1/m) Σ L(a⁽ⁱ⁾, y⁽ⁱ⁾)
    dw : ndarray, shape (n_x, 1)
        ∂J/∂w = X @ dZ.T / m
    db : float
        ∂J/∂b = sum(dZ) / m
    """
    m = X.shape[1]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        Z = w.T @ X + b
        # E = e^(-Z) serves σ.  Where it overflows (z < -709)
        # A = 1/(1 + inf) = 0 is σ(z) rounded to the nearest double.
        E = np.exp(-Z)
        A = 1.0 / (1.0 + E)
        if loss == "cross_entropy":
            # With T = (1 - 2y)·z (> 0 for a wrong answer) L = log(1 + e^T):
            # the cost from z, never log(σ(z)), and no cancellation, so a tiny
            # J (every point confidently right) keeps all its digits.
            cost = float(np.log1p(np.exp((1.0 - 2.0 * Y) * Z)).sum()) / m
            if not np.isfinite(cost) and np.all(np.isfinite(Z)):
                cost = float(cross_entropy_from_z(Z, Y).sum()) / m
            dZ = A - Y
        elif loss == "squared_error":
            dZ = A - Y
            cost = 0.5 * (dZ @ dZ.T).item() / m
            dZ *= A * (1.0 - A)
        else:
            raise ValueError(f"unknown loss {loss!r}; expected one of {LOSSES}")
        dw = X @ dZ.T / m
        db = float(dZ.sum()) / m
    return cost, dw, db


def propagate(w, b, X, Y, loss="cross_entropy"):
    """The course's ``propagate``: ``grads, cost = propagate(w, b, X, Y)``.

    The signature of the programming assignment, so students can check their
    own code against it::

        Z = w.T @ X + b;  A = σ(Z);  cost = -(1/m) Σ (Y log A + (1-Y) log(1-A))
        dZ = A - Y;  dw = X @ dZ.T / m;  db = sum(dZ) / m

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m), values 0 or 1
    loss : "cross_entropy" (the assignment's) or "squared_error"

    Returns
    -------
    grads : dict
        ``{"dw": dw, "db": db}``, ``dw`` of shape (n_x, 1), ``db`` a float.
    cost : float
        J(w, b), computed from z (exact where σ saturates).

    Examples
    --------
    The assignment's published check:

    >>> w, b = np.array([[1.0], [2.0]]), 2.0
    >>> X, Y = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), np.array([[1, 0, 1]])
    >>> grads, cost = propagate(w, b, X, Y)
    >>> grads["dw"].round(8).tolist(), round(grads["db"], 14), round(cost, 11)
    ([[0.99845601], [2.39507239]], 0.00145557813678, 5.80154531939)
    """
    cost, dw, db = cost_and_gradients(w, b, X, Y, loss)
    return {"dw": dw, "db": db}, cost


def dz_of(a, y, loss="cross_entropy"):
    """dz = ∂L/∂z for each example (the graph's backward step from L to z).

    a − y for cross-entropy; (a − y)·a·(1 − a) for squared error, whose σ′ makes a
    confidently wrong point (a ≈ 1, y = 0) pull almost nothing.
    """
    a = np.asarray(a, dtype=float)
    if loss == "cross_entropy":
        return a - y
    if loss == "squared_error":
        return (a - y) * a * (1.0 - a)
    raise ValueError(f"unknown loss {loss!r}; expected one of {LOSSES}")


def likelihood(z, y):
    """Per point p(y | x) = ŷ^y (1 − ŷ)^(1−y) with ŷ = σ(z) (the Bernoulli slide).

    Computed as exp(−L(ŷ, y)) from z, so it is exact where σ saturates.
    ``log P(labels) = Σ log p = −m·J`` (see :func:`log_likelihood`).
    """
    return np.exp(-cross_entropy_from_z(z, y))


def log_likelihood(z, y):
    """log P(labels in the training set) = Σ log p(y⁽ⁱ⁾ | x⁽ⁱ⁾) = −m·J for cross-entropy."""
    return -float(np.sum(cross_entropy_from_z(z, y)))


def propagate_loop(w, b, X, Y, loss="cross_entropy"):
    """The lecture's per-example for-loop: slow, obvious, the reference.

    Same arguments and results, ``(cost, dw, db)``, as :func:`cost_and_gradients`.
    """
    m = X.shape[1]
    J, dw, db = loop_sums(w, b, X, Y, loss)
    return J / m, dw / m, db / m


def loop_sums(w, b, X, Y, loss="cross_entropy", start=0, stop=None, sums=None):
    """The for-loop's sums ``(J, dw, db)`` over examples ``start .. stop - 1``, before
    dividing by m.

    Pass the previous piece's result as ``sums`` to go on from it (its ``dw`` is added
    to in place): the loop then runs in pieces, with a progress bar or a Cancel check
    between them, and makes the very same additions in the same order as one call, so
    the result is identical to :func:`propagate_loop`'s.
    """
    n_x, m = X.shape
    stop = m if stop is None else stop
    if sums is None:
        J, dw, db = 0.0, np.zeros((n_x, 1)), 0.0
    else:
        J, dw, db = sums
    for i in range(start, stop):
        z = float(b)
        for j in range(n_x):
            z += float(w[j, 0]) * float(X[j, i])
        y = float(Y[0, i])
        a = float(sigmoid(z))
        if loss == "cross_entropy":
            J += float(cross_entropy_from_z(z, y))
            dz = a - y
        else:
            J += 0.5 * (a - y) ** 2
            dz = (a - y) * a * (1.0 - a)
        for j in range(n_x):
            dw[j, 0] += float(X[j, i]) * dz
        db += dz
    return J, dw, db


def cost_many(W, B, X, Y, loss="cross_entropy", chunk=1 << 17):
    """J for many parameter vectors at once: one call fills a contour grid.

    Parameters
    ----------
    W : ndarray, shape (K, n_x)
        One weight vector per row.
    B : ndarray, shape (K,)
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m)

    Returns
    -------
    ndarray, shape (K,)
        J(W[k], B[k]) for each k; +inf where the cost overflows.
    """
    W = np.atleast_2d(np.asarray(W, dtype=float))
    B = np.asarray(B, dtype=float).reshape(-1)
    K = W.shape[0]
    m = X.shape[1]
    out = np.empty(K)
    # Rows per chunk keep the (rows, m) matrix Z within 1 MiB: it stays in cache, and
    # blocks beyond glibc's mmap threshold (32 MiB) were mapped and page-faulted anew
    # each time: a 48 × 48 landscape on 4,000 points took 68 ms, now 38 (same numbers:
    # each row is summed whole either way).
    rows = max(1, chunk // max(m, 1))
    with np.errstate(over="ignore", invalid="ignore"):
        for start in range(0, K, rows):
            sl = slice(start, start + rows)
            Z = W[sl] @ X + B[sl, None]
            if loss == "cross_entropy":
                # L = log(1 + e^T) with T = (1 - 2y)·z, a softplus built in place:
                # few passes over the (rows, m) block keep the landscape live, and
                # no Σ log(1 + e^z) − Z·Y cancellation where J is tiny.
                Z *= 1.0 - 2.0 * Y
                S = np.abs(Z)
                np.negative(S, out=S)
                np.exp(S, out=S)
                np.log1p(S, out=S)
                np.maximum(Z, 0.0, out=Z)
                S += Z
                out[sl] = S.sum(axis=1) / m
            else:
                out[sl] = (0.5 * (sigmoid(Z) - Y) ** 2).sum(axis=1) / m
    out[~np.isfinite(out)] = np.inf
    return out
