"""The bounded record of a run: fixed memory, whole shape, exact recent steps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.history import History, for_pixels


def fill(h, start, stop):
    for it in range(start, stop):
        h.append(it, 1.0 / (1 + it), np.array([it, -it, 0.5 * it], dtype=float))


def test_budget_must_be_even_and_at_least_4():
    for bad in (2, 3, 7):
        with pytest.raises(ValueError, match="budget"):
            History(3, budget=bad)


def test_memory_is_bounded_after_a_million_steps():
    h = History(3)  # the engine's defaults
    nbytes = h.nbytes()
    n = 1_000_000
    it_arr = np.arange(n)
    cost = 1.0 / (1.0 + it_arr)
    theta = np.zeros(3)
    append = h.append
    for it in range(n):
        append(it, cost[it], theta)
    assert h.nbytes() == nbytes
    assert len(h) <= h.budget
    its, costs = h.curve()
    # The whole run is still there, start to finish, in order.
    assert its[0] == 0 and its[-1] == n - 1
    assert np.all(np.diff(its) > 0)
    np.testing.assert_array_equal(costs, 1.0 / (1.0 + its))
    # Downsampled evenly: the long record's stride grew by doublings.
    assert h.stride & (h.stride - 1) == 0 and h.stride * h.budget >= n // 2
    r_its, r_costs, r_thetas = h.recent()
    np.testing.assert_array_equal(r_its, np.arange(n - h.recent_size, n))
    assert r_thetas.shape == (h.recent_size, 3)


def test_curve_ends_at_the_latest_step_for_every_length():
    h = History(2, budget=8, recent_size=4)
    for it in range(200):
        h.append(it, float(it), np.array([it, it], dtype=float))
        its, costs = h.curve()
        assert its[-1] == it
        assert its[0] == 0
        assert np.all(np.diff(its) > 0), its
        np.testing.assert_array_equal(costs, its.astype(float))
        assert len(h) <= 8


def test_recent_is_ordered_oldest_first_and_wraps():
    h = History(3, budget=16, recent_size=5)
    fill(h, 0, 3)
    its, costs, thetas = h.recent()
    np.testing.assert_array_equal(its, [0, 1, 2])
    fill(h, 3, 12)
    its, costs, thetas = h.recent()
    np.testing.assert_array_equal(its, [7, 8, 9, 10, 11])
    np.testing.assert_array_equal(costs, 1.0 / (1 + its))
    np.testing.assert_array_equal(thetas[:, 1], -its)
    np.testing.assert_array_equal(h.recent_costs(3), 1.0 / (1 + np.array([9, 10, 11])))
    assert len(h.recent_costs(100)) == 5


def test_pop_steps_back_one_entry_at_a_time():
    h = History(3, budget=16, recent_size=8)
    fill(h, 0, 10)
    it, cost, theta = h.pop()
    assert it == 8 and cost == 1.0 / 9
    np.testing.assert_array_equal(theta, [8, -8, 4])
    its, costs = h.curve()
    assert its[-1] == 8 and 9 not in its
    assert h.recent()[0][-1] == 8
    # The returned θ is a copy: editing it cannot corrupt the record.
    theta[:] = 99
    assert h.recent()[2][-1, 0] == 8
    # Steps taken after a pop continue from there.
    fill(h, 9, 12)
    np.testing.assert_array_equal(h.curve()[0], np.arange(12))


def test_pop_stops_at_the_oldest_recent_entry():
    h = History(1, budget=8, recent_size=4)
    for i in range(3):
        h.append(i, float(i), np.array([i], dtype=float))
    assert h.pop()[0] == 1
    assert h.pop()[0] == 0
    assert h.pop() is None
    assert h.curve()[0].tolist() == [0]


def test_pop_after_downsampling_keeps_the_curve_consistent():
    h = History(1, budget=8, recent_size=16)
    for i in range(101):
        h.append(i, float(i), np.array([i], dtype=float))
    for expected in range(99, 90, -1):
        it, cost, _ = h.pop()
        assert it == expected and cost == float(expected)
        its, costs = h.curve()
        assert its[-1] == expected
        assert np.all(np.diff(its) > 0)
        np.testing.assert_array_equal(costs, its.astype(float))
    # And forward again.
    for i in range(91, 300):
        h.append(i, float(i), np.array([i], dtype=float))
    its, costs = h.curve()
    assert its[-1] == 299 and np.all(np.diff(its) > 0) and len(h) <= 8
    np.testing.assert_array_equal(costs, its.astype(float))


def test_map_thetas_rewrites_every_stored_theta_once():
    h = History(2, budget=8, recent_size=5)
    for i in range(40):  # downsampled long record and a wrapped ring
        h.append(i, float(i), np.array([i, 2 * i], dtype=float))
    h.map_thetas(lambda t: np.column_stack([t[:, 0] + 1000, -t[:, 1]]))
    for it, th in zip(*h.long()[::2]):
        np.testing.assert_array_equal(th, [it + 1000, -2 * it])
    r_its, _, r_thetas = h.recent()
    np.testing.assert_array_equal(r_thetas, np.column_stack([r_its + 1000, -2 * r_its]))
    # Step back lands on the rewritten θ.
    it, _, theta = h.pop()
    np.testing.assert_array_equal(theta, [it + 1000, -2 * it])


@pytest.mark.parametrize("seed", range(5))
def test_for_pixels_draws_the_same_extremes_in_every_column(seed):
    # The cost curve is drawn from for_pixels: a column that lost its highest or
    # lowest J would flatten a zig-zag the class is meant to see.
    rng = np.random.default_rng(seed)
    x = np.cumsum(rng.integers(1, 5, 20_000))
    y = np.exp(-x / 5e4) + 0.05 * rng.standard_normal(len(x))
    columns = 300
    xs, ys = for_pixels(x, y, columns)
    assert len(xs) <= 4 * columns
    assert xs[0] == x[0] and xs[-1] == x[-1] and ys[-1] == y[-1]
    assert np.all(np.diff(xs) > 0)
    col = lambda v: np.minimum(((v - x[0]) * columns / (x[-1] - x[0])).astype(int), columns - 1)
    for c in np.unique(col(x))[::17]:
        full, kept = y[col(x) == c], ys[col(xs) == c]
        assert kept.min() == full.min() and kept.max() == full.max()


def test_for_pixels_keeps_a_short_curve_whole():
    x, y = np.arange(50), np.linspace(1, 0, 50)
    xs, ys = for_pixels(x, y, 100)
    assert np.array_equal(xs, x) and np.array_equal(ys, y)


@settings(max_examples=200, deadline=None)
@given(start=st.integers(0, 50), blocks=st.lists(st.integers(0, 40), max_size=12),
       budget=st.sampled_from([4, 6, 8, 16]), recent=st.integers(1, 9))
def test_extend_stores_exactly_what_appending_one_step_at_a_time_stores(start, blocks, budget,
                                                                        recent):
    """Steps from the descent process arrive in blocks: the cost curve, the
    landscape path and Step back must not see any difference."""
    one, many = History(2, budget=budget, recent_size=recent), History(2, budget=budget,
                                                                       recent_size=recent)
    it = start
    for size in blocks:
        its = np.arange(it, it + size, dtype=np.int64)
        costs = 1.0 / (1.0 + its)
        thetas = np.column_stack([its, -0.5 * its]).astype(float)
        grads = np.sqrt(its + 1.0)
        for row in range(size):
            one.append(int(its[row]), float(costs[row]), thetas[row], float(grads[row]))
        many.extend(its, costs, thetas, grads)
        it += size
        for a, b in zip(one.joined(), many.joined()):
            np.testing.assert_array_equal(a, b)
        for a, b in zip(one.recent(), many.recent()):
            np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(one.recent_grad_norms(recent), many.recent_grad_norms(recent))
        assert one.stride == many.stride
    for _ in range(3):  # Step back from either record goes through the same steps
        a, b = one.pop(), many.pop()
        assert (a is None) == (b is None)
        if a is not None:
            assert a[:2] == b[:2]
            np.testing.assert_array_equal(a[2], b[2])
        for x, y in zip(one.joined(), many.joined()):
            np.testing.assert_array_equal(x, y)


def test_step_back_just_after_a_full_long_record_keeps_every_entry_in_bounds():
    """Found by the property test above: with the long record full and the run two
    or three steps past its last entry, Step back wrote past the end of the arrays."""
    h = History(1, budget=4, recent_size=2)
    for it in range(15):  # long record full at stride 4 (0, 4, 8, 12), the run at 14
        h.append(it, 1.0, np.array([float(it)]))
    while h.pop() is not None:
        it, cost = h.curve()
        assert it[-1] == h.recent()[0][-1]  # the curve still ends at the step shown
        assert np.all(np.diff(it) > 0)
