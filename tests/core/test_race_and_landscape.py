"""The learning-rate laboratory's numbers: landscape grid, races, the 1-D picture."""

from __future__ import annotations

import numpy as np
import pytest

from core import Session
from core.model import cost_and_gradients as propagate
from core import one_d
from core.landscape import Landscape, slice_thetas
from core.race import Race


def blobs(m=60, seed=0):
    rng = np.random.default_rng(seed)
    P = np.r_[rng.normal(0, 1, (m // 2, 2)), rng.normal(1.2, 1, (m - m // 2, 2))]
    return P, np.r_[np.zeros(m // 2), np.ones(m - m // 2)]


def test_landscape_grid_equals_a_loop_of_propagate_costs():
    P, L = blobs()
    s = Session(P, L, terms=("x1", "x2", "x1^2", "x1*x2", "x2^2"))
    theta = s.engine.theta
    land = Landscape(s.X, s.Y, theta, 0, 3, (-2, 2), (-1, 3), shape=(7, 9))
    land.fill(3)
    assert not land.complete and land.rows_done == 3
    land.fill()
    assert land.complete
    thetas = slice_thetas(theta, 0, 3, land.a_values, land.b_values)
    for r in range(7):
        for c in range(9):
            t = thetas[r, c]
            J, _, _ = propagate(t[1:].reshape(-1, 1), t[0], s.X, s.Y)
            assert land.J[r, c] == pytest.approx(J, rel=1e-12, abs=1e-14)
    # The slice holds every other parameter at θ: only θ[0] and θ[3] vary.
    assert np.all(thetas[..., [1, 2, 4, 5]] == theta[[1, 2, 4, 5]])
    a, b, J = land.minimum()
    assert J == pytest.approx(np.nanmin(land.J))


def test_race_lanes_share_theta0_exactly_and_the_winner_is_the_fastest():
    P, L = blobs()
    s = Session(P, L, learning_rate=1.0)
    theta0 = s.initial_theta()
    race = Race(s.X, s.Y, theta0, [0.01, 0.3, 3.0], tol=1e-4)
    for lane in race.lanes:
        assert np.array_equal(lane.engine.theta, theta0)
    for _ in range(200):
        race.step(100)
        if race.finished:
            break
    steps = {lane.learning_rate: lane.converged_at for lane in race.lanes}
    # Each lane alone: the reported winner must be the lane that really needed fewest steps.
    alone = {}
    for alpha in (0.01, 0.3, 3.0):
        s2 = Session(P, L, learning_rate=alpha, tol=1e-4)
        s2.engine.set_theta(theta0)
        s2.engine.iteration = 0
        n = 0
        while not s2.engine.converged and n < 20_000:
            n += s2.step(500)
        alone[alpha] = n if s2.engine.converged else None
    assert steps[0.3] == alone[0.3] and steps[3.0] == alone[3.0]
    finished = {a: n for a, n in alone.items() if n is not None}
    assert race.winner().learning_rate == min(finished, key=finished.get)
    assert f"α = {race.winner().learning_rate:g} reached ‖dw‖ ≤ ε first" in race.summary()


def test_race_reports_a_lane_that_diverges():
    P, L = blobs()
    P = P * 1e150  # raw features this large overflow z at once with a big α
    s = Session(P, L, standardize=False)
    race = Race(s.X, s.Y, np.zeros(3) + 1e-3, [1e-320, 1e10])
    race.step(50)
    assert race.lanes[1].diverged
    assert "α = 1e+10 diverged" in race.summary()


@pytest.mark.parametrize(
    ("alpha", "expect"),
    [(0.1, "creeps"), (0.5, "one step"), (0.8, "oscillates"), (1.0, "forever"), (1.2, "diverges")],
)
def test_one_d_regimes_match_the_slide(alpha, expect):
    ws = one_d.iterates(6.0, alpha, 40)
    d = np.abs(np.array(ws) - one_d.MINIMUM)
    assert expect in one_d.regime(alpha)
    if alpha < 0.5:
        assert np.all(np.diff(ws) < 0) and d[-1] < d[0]  # from one side, never crossing w = 2
    elif alpha == 0.5:
        assert ws[1] == one_d.MINIMUM
    elif alpha < 1:
        signs = np.sign(np.array(ws[:6]) - 2)
        assert np.all(signs[1:] != signs[:-1]) and d[-1] < 1e-6
    elif alpha == 1.0:
        assert ws[2] == ws[0] and ws[3] == ws[1]
    else:
        assert d[-1] > d[0] * 100


def test_one_d_step_follows_the_sign_of_the_derivative():
    # Right of the minimum the tangent slopes up, so w moves left, and vice versa.
    assert one_d.dJ(5.0) > 0 and one_d.iterates(5.0, 0.1, 1)[1] < 5.0
    assert one_d.dJ(-1.0) < 0 and one_d.iterates(-1.0, 0.1, 1)[1] > -1.0
