"""The current model seen from the plane: z, σ(z) and the accuracy of a live run.

A mixin of :class:`core.session.Session`; the host supplies ``engine``,
``scaler``, ``terms``, ``X``, ``labels``, ``m`` and ``_z_cache`` (emptied when
the features are rebuilt).  The plots ask in x1, x2 units, whatever scaling
descent runs on, so a point added or scaling toggled never moves the boundary.
"""

from __future__ import annotations

import numpy as np

from .features import feature_map
from .model import sigmoid


class Prediction:
    """z = θᵀx and p(y=1 | x) anywhere on the plane; z⁽ⁱ⁾ and the accuracy on the data."""

    def original_theta(self):
        """(w_raw (n_x, 1), b_raw) of the current model in x1, x2 units."""
        return self.scaler.to_original(self.engine.w, self.engine.b)

    def z_of(self, points):
        """z = θᵀ features(points) in original units, shape (len(points),)."""
        w_raw, b_raw = self.original_theta()
        F = feature_map(points, self.terms)
        with np.errstate(over="ignore", invalid="ignore"):
            return (w_raw.T @ F)[0] + b_raw

    def predict_proba(self, points):
        """p(y=1 | x) for points of shape (k, 2)."""
        with np.errstate(over="ignore", invalid="ignore"):
            return sigmoid(np.nan_to_num(self.z_of(points), nan=0.0))

    def training_z(self):
        """z⁽ⁱ⁾ of every training example, computed the way descent does.

        Cached per θ and data: the accuracy, the σ(z) view and the pull halos
        all ask for it in the same frame.
        """
        e = self.engine
        key = (id(self.X), e.iteration, e.b, e.w.tobytes())
        if self._z_cache is None or self._z_cache[0] != key:
            with np.errstate(over="ignore", invalid="ignore"):
                self._z_cache = (key, (e.w.T @ self.X)[0] + e.b)
        return self._z_cache[1]

    def accuracy(self):
        """Fraction of training points on the right side of σ = 0.5 (None without data)."""
        if self.m == 0:
            return None
        predicted = self.training_z() >= 0
        return float(np.mean(predicted == (self.labels == 1)))
