"""History.look_up: the numbers of one recorded step, for the history view (app/frame.py)."""

from __future__ import annotations

import numpy as np

from core.history import History


def _theta(it):
    return np.array([1.0 / (it + 1), float(it), -2.0 * it])


def _filled(n, budget=8, recent=4, extend=False):
    h = History(3, budget=budget, recent_size=recent)
    its = np.arange(n)
    costs = 1.0 / (its + 1.0)
    thetas = np.array([_theta(i) for i in its])
    grads = 0.5 * its
    if extend:
        h.extend(its, costs, thetas, grads)
    else:
        for i in its:
            h.append(int(i), costs[i], thetas[i], grads[i])
    return h


def test_every_entry_the_scrubber_reaches_keeps_its_gradient_norm():
    for extend in (False, True):
        h = _filled(41, extend=extend)  # the long record (8 entries) was halved twice
        it, cost, thetas = h.joined()
        assert h.stride > 1
        for k in range(len(it)):
            grad, _, _ = h.look_up(int(it[k]), float(cost[k]), thetas[k])
            assert grad == 0.5 * it[k]


def test_the_step_length_is_known_only_next_to_the_step_before():
    h = _filled(41)
    r_it, r_cost, r_theta = h.recent()
    _, step, _ = h.look_up(int(r_it[-1]), float(r_cost[-1]), r_theta[-1])
    assert step == np.linalg.norm(_theta(40) - _theta(39))
    _, step, _ = h.look_up(int(r_it[0]), float(r_cost[0]), r_theta[0])
    assert step is None  # the oldest recent step: the one before it is not kept
    it, cost, thetas = h.long()
    _, step, _ = h.look_up(int(it[1]), float(cost[1]), thetas[1])
    assert step is None  # thinned: its neighbour is not the step before


def test_an_entry_stepped_back_over_or_re_expressed_is_not_found():
    h = _filled(10, budget=64, recent=16)
    it, cost, thetas = h.joined()
    entry = (int(it[8]), float(cost[8]), thetas[8].copy())
    assert h.look_up(*entry) is not None
    h.pop()
    assert h.look_up(*entry) is not None  # step 8 is still there, now the newest
    h.pop()
    assert h.look_up(*entry) is None
    h.append(8, 0.25, _theta(99), 1.0)  # another step 8 (another α): not the one viewed
    assert h.look_up(*entry) is None
    entry = (int(it[3]), float(cost[3]), thetas[3].copy())
    h.map_thetas(lambda t: 2 * t)
    assert h.look_up(*entry) is None


def test_a_step_back_keeps_the_gradient_norm_of_the_entry_it_re_records():
    h = _filled(41)  # long record 0, 8, …, 40 (stride 8)
    h.pop()  # back to step 39: the long record ends there again
    entry = (39, 1.0 / 40, _theta(39))
    for i in range(40, 44):  # four new steps: 39 leaves the recent ring of 4
        h.append(i, 1.0 / (i + 1), _theta(i), 0.5 * i)
    assert 39 not in h.recent()[0] and 39 in h.long()[0]
    assert h.look_up(*entry)[0] == 0.5 * 39


def test_a_step_recorded_before_the_points_were_edited_says_so():
    """Its J was computed on the points of that time (the window must not combine it
    with today's m); the long record keeps that through halving and step back."""
    for extend in (False, True):
        h = _filled(20, budget=8, recent=4, extend=extend)
        it, cost, thetas = h.joined()
        before = [(int(i), float(c), t.copy()) for i, c, t in zip(it, cost, thetas)]
        assert all(h.look_up(*e).same_data for e in before)
        h.new_data()
        after = [(20 + k, 0.01 * k, _theta(20 + k)) for k in range(30)]
        for e in after:
            h.append(*e, 1.0)
        it, cost, thetas = h.joined()
        for i, c, t in zip(it, cost, thetas):
            found = h.look_up(int(i), float(c), t)
            assert found.same_data == (i >= 20), (int(i), found)
        h.pop()  # re-records an entry of the long record from the ring
        it, cost, thetas = h.joined()
        assert h.look_up(int(it[-1]), float(cost[-1]), thetas[-1]).same_data
