"""LogitLab's engine: logistic regression and gradient descent in pure numpy.

Nothing here imports Qt, pyqtgraph or ``app``; use it from a notebook::

    from core import fit, propagate
    result = fit(points, labels, features=6, learning_rate=1.0, l2=1.0)
    result.state                      # 'converged', 'crawling', 'oscillating', …
    grads, cost = propagate(w, b, X, Y)   # the course's assignment signature
"""

from .descent import GradientDescent
from .features import (
    ALL_TERMS,
    LINEAR,
    QUADRATIC,
    TERMS,
    Scaler,
    feature_map,
    polynomial_terms,
)
from .fit import FitResult, fit
from .loops import buggy_loop, lecture_loop
from .model import (
    cost_and_gradients,
    cost_many,
    cross_entropy_from_z,
    propagate,
    propagate_loop,
    sigmoid,
)
from .regime import Regime, judge
from .session import Session
from .stability import alpha_star

__all__ = [
    "ALL_TERMS",
    "LINEAR",
    "QUADRATIC",
    "TERMS",
    "FitResult",
    "GradientDescent",
    "Regime",
    "Scaler",
    "Session",
    "alpha_star",
    "buggy_loop",
    "cost_and_gradients",
    "cost_many",
    "cross_entropy_from_z",
    "feature_map",
    "fit",
    "judge",
    "lecture_loop",
    "polynomial_terms",
    "propagate",
    "propagate_loop",
    "sigmoid",
]
