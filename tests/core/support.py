"""Helpers shared by the lesson-file tests: the repository's root, bit-exact floats."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]


def same_bits(a, b):
    """Equal to the last bit, -0.0 and 0.0 told apart."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return a.shape == b.shape and np.array_equal(a.view(np.int64), b.view(np.int64))


finite = st.floats(allow_nan=False, allow_infinity=False)
