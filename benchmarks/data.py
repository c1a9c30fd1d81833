"""The benchmark's data: two overlapping Gaussian blobs, reproducible."""

from __future__ import annotations

import numpy as np

#: Centres of the class 1 and class 0 blobs; with unit spread they overlap,
#: so descent never separates them perfectly and never stops by itself early.
CENTRES = {1: (1.0, 0.5), 0: (-1.0, -0.5)}
SPREAD = 1.0


def blobs(m, seed=0):
    """(points (m, 2) float64, labels (m,) int 0/1): half of each class, shuffled."""
    m = int(m)
    rng = np.random.default_rng(seed)
    labels = np.zeros(m, dtype=np.int64)
    labels[: m // 2] = 1
    rng.shuffle(labels)
    centres = np.array([CENTRES[0], CENTRES[1]])[labels]
    points = centres + SPREAD * rng.standard_normal((m, 2))
    return points, labels
