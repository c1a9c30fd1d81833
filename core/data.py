"""Validation of training points, shared by the app, the files and ``fit``."""

from __future__ import annotations

import numpy as np


def validate_points(points, labels, *, allow_empty=False):
    """Return (points (m, 2) float, labels (m,) int 0/1) or raise ValueError."""
    try:
        points = np.asarray(points, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"points must be numbers: {exc}") from None
    if points.ndim == 1 and points.size == 0:
        points = points.reshape(0, 2)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (m, 2), got {points.shape}")
    try:
        labels_f = np.asarray(labels, dtype=float).reshape(-1)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"labels must be 0 or 1: {exc}") from None
    if len(labels_f) != len(points):
        raise ValueError(f"{len(points)} points but {len(labels_f)} labels")
    if not allow_empty and len(points) == 0:
        raise ValueError("no data: give at least one point")
    if not np.all(np.isfinite(points)):
        bad = int(np.argwhere(~np.all(np.isfinite(points), axis=1))[0, 0])
        raise ValueError(f"point {bad} has a non-finite coordinate {points[bad].tolist()}")
    ok = (labels_f == 0) | (labels_f == 1)
    if not np.all(ok):
        bad = int(np.argmin(ok))
        raise ValueError(f"labels must be 0 or 1; label {bad} is {labels_f[bad]:g}")
    return points.copy(), labels_f.astype(np.int8)
