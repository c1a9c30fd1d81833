"""Checks of the run's settings, written once: Session, Lesson and ``fit`` all use them.

Each returns the value normalized (float, int, canonical tuple) or raises
ValueError with a sentence a user can act on.
"""

from __future__ import annotations

import math

import numpy as np

from .features import check_terms
from .model import LOSSES

__all__ = ["check_init", "check_l2", "check_learning_rate", "check_loss", "check_stop",
           "check_terms", "check_tol", "check_update", "real", "whole"]


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


def check_l2(value, name="l2"):
    value = real(value, name)
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"{name} must be a finite number ≥ 0 (the L2 penalty λ), got {value!r}")
    return value


#: The two forms of the update on the slide "Correct form / Incorrect form".
UPDATES = ("simultaneous", "sequential")
#: The lecture's two convergence conditions: ‖dw‖ ≤ ε and ‖W^{t+1} − W^t‖₂ ≤ ε.
STOPS = ("gradient", "step")


def check_update(value):
    if value not in UPDATES:
        raise ValueError(f"update must be one of {list(UPDATES)} (the slide's correct and "
                         f"incorrect forms), got {value!r}")
    return value


def check_stop(value):
    if value not in STOPS:
        raise ValueError(f"stop must be 'gradient' (‖dw‖ ≤ ε) or 'step' (‖W^(t+1) − W^t‖ ≤ ε), "
                         f"got {value!r}")
    return value


def check_init(value):
    """"random", "zeros" or θ (bias first, original units) as a float array of finite numbers."""
    if isinstance(value, str):
        if value not in ("random", "zeros"):
            raise ValueError(f"init must be 'random', 'zeros' or θ (bias first), got {value!r}")
        return value
    refused = f"init must be 'random', 'zeros' or θ (bias first), got {value!r}"
    try:
        theta = np.asarray(value, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError(refused) from None
    if len(theta) < 2 or not np.all(np.isfinite(theta)):
        raise ValueError(f"init θ must be finite numbers, bias first, got {value!r}")
    return theta
