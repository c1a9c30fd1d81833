"""With λ > 0 the landscape is the J descent minimises: data loss + λ/(2m)·Σ (w_j/s_j)².

Before, it drew the data loss alone: at λ = 50 the run converged at (w1, w2) =
(0.55, 0.25) while the ★ "lowest J of this slice" sat at (1.23, 0.97).
"""

from __future__ import annotations

import numpy as np
import pytest

from core import Session
from core.landscape import Landscape, slice_thetas

from .support import two_blobs


@pytest.mark.parametrize("standardize", [True, False], ids=["std", "raw"])
def test_the_grid_is_the_sessions_penalized_j(standardize):
    P, L = two_blobs()
    s = Session(P, L, standardize=standardize, l2=50.0)
    theta = s.theta
    land = Landscape(s.X, s.Y, theta, 1, 2, (-2, 2), (-1, 3), shape=(5, 6), l2=s.l2,
                     feature_scale=s.scaler.scale[:, 0])
    land.fill()
    thetas = slice_thetas(theta, 1, 2, land.a_values, land.b_values)
    for r in range(5):
        for c in range(6):
            s.set_theta(thetas[r, c])
            assert land.J[r, c] == pytest.approx(s.cost, rel=1e-12)


def test_the_star_of_a_slice_through_the_minimum_is_the_minimum():
    P, L = two_blobs()
    s = Session(P, L, l2=50.0, learning_rate=0.5, tol=1e-10)
    s.step(20_000)
    assert s.converged
    theta = s.theta
    w1, w2 = theta[1], theta[2]
    land = Landscape(s.X, s.Y, theta, 1, 2, (w1 - 1, w1 + 1), (w2 - 1, w2 + 1), shape=(41, 41),
                     l2=s.l2, feature_scale=s.scaler.scale[:, 0])
    land.fill()
    a, b, J = land.minimum()
    # The grid's step is 0.05: the ★ is the grid point next to the run's minimum.
    assert abs(a - w1) <= 0.05 and abs(b - w2) <= 0.05
    assert J >= s.cost - 1e-12


def test_a_sample_of_the_points_keeps_the_penalty_of_all_of_them():
    P, L = two_blobs(m=400)
    s = Session(P, L, l2=5.0)
    idx = np.arange(0, 400, 4)
    full = Landscape(s.X, s.Y, s.theta, 1, 2, (-1, 1), (-1, 1), shape=(3, 3), l2=5.0,
                     feature_scale=s.scaler.scale[:, 0])
    part = Landscape(s.X[:, idx], s.Y[:, idx], s.theta, 1, 2, (-1, 1), (-1, 1), shape=(3, 3),
                     l2=5.0, feature_scale=s.scaler.scale[:, 0], m=400)
    data = Landscape(s.X[:, idx], s.Y[:, idx], s.theta, 1, 2, (-1, 1), (-1, 1), shape=(3, 3))
    full.fill(), part.fill(), data.fill()
    thetas = slice_thetas(s.theta, 1, 2, part.a_values, part.b_values).reshape(-1, 3)
    np.testing.assert_allclose(part.J.reshape(-1) - data.J.reshape(-1),
                               s.penalty_of(thetas), rtol=1e-12)
    assert np.all(np.isfinite(full.J))
