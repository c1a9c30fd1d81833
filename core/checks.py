"""Checks of the run's settings, written once: Session, Lesson and ``fit`` all use them.

Each returns the value normalized (float, int, canonical tuple) or raises
ValueError with a sentence a user can act on.
"""

from __future__ import annotations

import math

import numpy as np

from .features import check_terms
from .model import LOSSES

__all__ = ["check_learning_rate", "check_loss", "check_terms", "check_tol", "real", "whole"]


def real(value, name):
    """``value`` as a float; booleans and text are refused (JSON's true is not 1.0)."""
    if isinstance(value, (bool, np.bool_, str)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None


def whole(value, name):
    """``value`` as an int; 3.0 is 3, 3.5, true and "3" are refused."""
    if isinstance(value, (bool, np.bool_, str)):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)) and math.isfinite(value) and value == int(value):
        return int(value)
    raise ValueError(f"{name} must be a whole number, got {value!r}")


def check_learning_rate(value, name="learning_rate"):
    value = real(value, name)
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"{name} must be a positive finite number (the learning rate α), got {value!r}")
    return value


def check_tol(value, name="tol"):
    value = real(value, name)
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"{name} must be a finite number ≥ 0 (the tolerance ε), got {value!r}")
    return value


def check_loss(value):
    if value not in LOSSES:
        raise ValueError(f"unknown loss {value!r}; use one of {list(LOSSES)}")
    return value
