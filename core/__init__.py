"""LogitLab's engine: logistic regression and gradient descent in pure numpy.

Nothing here imports Qt, pyqtgraph or ``app``; use it from a notebook::

    from core import fit
    result = fit(points, labels, features="quadratic", learning_rate=1.0)
"""

from .descent import GradientDescent
from .features import LINEAR, QUADRATIC, TERMS, Scaler, feature_map
from .fit import FitResult, fit
from .model import cost_many, cross_entropy_from_z, propagate, propagate_loop, sigmoid
from .session import Session
from .stability import alpha_star

__all__ = [
    "LINEAR",
    "QUADRATIC",
    "TERMS",
    "FitResult",
    "GradientDescent",
    "Scaler",
    "Session",
    "alpha_star",
    "cost_many",
    "cross_entropy_from_z",
    "feature_map",
    "fit",
    "propagate",
    "propagate_loop",
    "sigmoid",
]
