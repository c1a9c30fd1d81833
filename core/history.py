"""Bounded record of a descent run: cost_history and the parameter path.

Two stores, both of fixed size whatever the length of the run:

* ``recent``: the last ``recent_size`` steps at full resolution (the path
  drawn on the landscape, step-back, the state tests);
* the long record: every ``stride``-th step; when it fills, every other
  entry is dropped and the stride doubles, so an hour-long run keeps its
  whole shape in ``budget`` entries.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Found(NamedTuple):
    """What :meth:`History.look_up` knows of one recorded step."""

    grad_norm: float | None  # ‖dw‖ there (None: not recorded)
    step_norm: float | None  # ‖θ − θ of the step before‖ (None: not a step, or thinned)
    same_data: bool  # recorded on the points of now (False: they were edited since)


class History:
    def __init__(self, n_params, budget=8192, recent_size=512):
        if budget < 4 or budget % 2:
            raise ValueError("budget must be an even number ≥ 4")
        self.n_params = n_params
        self.budget = budget
        self.recent_size = recent_size
        self._it = np.empty(budget, dtype=np.int64)
        self._cost = np.empty(budget)
        self._theta = np.empty((budget, n_params))
        self._grad = np.empty(budget)  # ‖dw‖ of each entry (NaN where unknown)
        self._ver = np.empty(budget, dtype=np.int64)  # data_version of each entry
        self._n = 0
        self.stride = 1
        self._r_it = np.empty(recent_size, dtype=np.int64)
        self._r_cost = np.empty(recent_size)
        self._r_theta = np.empty((recent_size, n_params))
        self._r_grad = np.full(recent_size, np.nan)  # ‖dw‖ of each recent step
        self._r_ver = np.zeros(recent_size, dtype=np.int64)
        #: Counts edits of the points: a step recorded before one was computed on other
        #: data, so its J is that data's (the history view says so).
        self.data_version = 0
        self._r_n = 0  # how many valid entries in the ring (≤ recent_size)
        self._r_pos = 0  # where the next entry goes

    def __len__(self):
        return self._n

    def append(self, iteration, cost, theta, grad_norm=np.nan):
        """Record J(θ), θ (shape (n_params,)) and ‖dw‖ after ``iteration`` updates.

        ``grad_norm`` (the regime's rate of decay, the step a scrubbed view shows)
        is NaN where unknown.
        """
        p = self._r_pos
        self._r_it[p] = iteration
        self._r_cost[p] = cost
        self._r_theta[p] = theta
        self._r_grad[p] = grad_norm
        self._r_ver[p] = self.data_version
        self._r_pos = (p + 1) % self.recent_size
        self._r_n = min(self._r_n + 1, self.recent_size)
        if iteration % self.stride:
            return
        if self._n == self.budget:
            self._halve()
            if iteration % self.stride:
                return
        self._it[self._n] = iteration
        self._cost[self._n] = cost
        self._theta[self._n] = theta
        self._grad[self._n] = grad_norm
        self._ver[self._n] = self.data_version
        self._n += 1

    def new_data(self):
        """The points were edited: the steps recorded from now on are on other data."""
        self.data_version += 1

    def extend(self, iterations, costs, thetas, grad_norms):
        """Record many steps at once: the same store as ``append`` for each in turn.

        Steps computed in the descent process arrive in blocks; copying them in a
        Python loop would hand back much of what the process saved.
        """
        k = len(iterations)
        if not k:
            return
        r = self.recent_size
        take = min(k, r)
        idx = (self._r_pos + np.arange(k - take, k)) % r
        self._r_it[idx] = iterations[k - take:]
        self._r_cost[idx] = costs[k - take:]
        self._r_theta[idx] = thetas[k - take:]
        self._r_grad[idx] = grad_norms[k - take:]
        self._r_ver[idx] = self.data_version
        self._r_pos = (self._r_pos + k) % r
        self._r_n = min(self._r_n + k, r)
        start = 0
        while start < k:
            due = start + np.flatnonzero(iterations[start:] % self.stride == 0)
            room = self.budget - self._n
            self._store(due[:room], iterations, costs, thetas, grad_norms)
            if len(due) <= room:
                return
            c = int(due[room])  # the step that finds the long record full
            self._halve()
            if iterations[c] % self.stride == 0:
                self._store([c], iterations, costs, thetas, grad_norms)
            start = c + 1

    def _store(self, rows, iterations, costs, thetas, grad_norms):
        n = len(rows)
        self._it[self._n:self._n + n] = iterations[rows]
        self._cost[self._n:self._n + n] = costs[rows]
        self._theta[self._n:self._n + n] = thetas[rows]
        self._grad[self._n:self._n + n] = grad_norms[rows]
        self._ver[self._n:self._n + n] = self.data_version
        self._n += n

    def _halve(self):
        """The long record is full: keep every other entry, double the stride."""
        keep = self._it[: self._n] % (2 * self.stride) == 0
        k = int(keep.sum())
        self._it[:k] = self._it[: self._n][keep]
        self._cost[:k] = self._cost[: self._n][keep]
        self._theta[:k] = self._theta[: self._n][keep]
        self._grad[:k] = self._grad[: self._n][keep]
        self._ver[:k] = self._ver[: self._n][keep]
        self._n = k
        self.stride *= 2

    def pop(self):
        """Forget the newest step (step back); return the entry now newest, or None."""
        if self._r_n <= 1:
            return None
        self._r_pos = (self._r_pos - 1) % self.recent_size
        self._r_n -= 1
        dropped = self._r_it[self._r_pos]
        while self._n and self._it[self._n - 1] >= dropped:
            self._n -= 1
        p = (self._r_pos - 1) % self.recent_size
        it, cost, theta = int(self._r_it[p]), float(self._r_cost[p]), self._r_theta[p].copy()
        if not self._n or self._it[self._n - 1] < it:
            # Keep the long record ending at the current step (room made if full:
            # a step back at 2–3 steps past a full record's last entry wrote past its end).
            if self._n == self.budget:
                self._halve()
            self._it[self._n], self._cost[self._n], self._theta[self._n] = it, cost, theta
            self._grad[self._n] = self._r_grad[p]
            self._ver[self._n] = self._r_ver[p]
            self._n += 1
        return it, cost, theta

    def map_thetas(self, fn):
        """Re-express every stored θ, e.g. in a new feature scaling.

        ``fn`` maps an (k, n_params) array of θ rows to the same shape.
        """
        self._theta[: self._n] = fn(self._theta[: self._n])
        idx = (self._r_pos - self._r_n + np.arange(self._r_n)) % self.recent_size
        self._r_theta[idx] = fn(self._r_theta[idx])

    def recent(self):
        """(iterations, costs, thetas) of the last steps, oldest first."""
        idx = (self._r_pos - self._r_n + np.arange(self._r_n)) % self.recent_size
        return self._r_it[idx], self._r_cost[idx], self._r_theta[idx]

    def recent_costs(self, k):
        """The last ``k`` costs (fewer if the run is shorter), oldest first."""
        k = min(k, self._r_n)
        idx = (self._r_pos - k + np.arange(k)) % self.recent_size
        return self._r_cost[idx]

    def recent_grad_norms(self, k):
        """‖dw‖ of the last ``k`` recorded steps (NaN where not recorded), oldest first."""
        k = min(k, self._r_n)
        idx = (self._r_pos - k + np.arange(k)) % self.recent_size
        return self._r_grad[idx]

    def recent_iterations(self, k):
        """Iteration numbers of the last ``k`` recorded steps, oldest first."""
        k = min(k, self._r_n)
        idx = (self._r_pos - k + np.arange(k)) % self.recent_size
        return self._r_it[idx]

    def long(self):
        """(iterations, costs, thetas) of the whole run, downsampled, oldest first."""
        return self._it[: self._n], self._cost[: self._n], self._theta[: self._n]

    def joined(self):
        """(iterations, costs, thetas) of the whole run: long record, then the newer recent steps."""
        it, cost, theta = self.long()
        r_it, r_cost, r_theta = self.recent()
        tail = r_it > it[-1] if len(it) else np.ones(len(r_it), dtype=bool)
        return (np.concatenate([it, r_it[tail]]), np.concatenate([cost, r_cost[tail]]),
                np.concatenate([theta, r_theta[tail]]))

    def joined_length(self):
        """len(self.joined()[0]) without building the arrays (the scrubber asks every frame)."""
        r_it, _, _ = self.recent()
        if not self._n:
            return len(r_it)
        return self._n + int(np.count_nonzero(r_it > self._it[self._n - 1]))

    def look_up(self, iteration, cost, theta):
        """:class:`Found` for the recorded entry (iteration, cost, θ), or None when the
        record holds no such entry (it was stepped back over, or the record was
        re-expressed or replaced since).

        Either number is None where not recorded: ‖dw‖ where it was unknown, the step's
        length where the entry before is not the step before (the long record is
        thinned, or θ was set there: a jump, not a step).
        """
        theta = np.asarray(theta, dtype=float)
        r_it, r_cost, r_theta = self.recent()
        for j in np.flatnonzero(r_it == iteration)[::-1]:
            if r_cost[j] == cost and np.array_equal(r_theta[j], theta):
                idx = (self._r_pos - self._r_n + j) % self.recent_size
                step = None
                if j and r_it[j - 1] == iteration - 1:
                    step = float(np.linalg.norm(r_theta[j] - r_theta[j - 1]))
                return Found(_known(self._r_grad[idx]), step,
                             bool(self._r_ver[idx] == self.data_version))
        it, cost_l, theta_l = self.long()
        for j in np.flatnonzero(it == iteration)[::-1]:
            if cost_l[j] == cost and np.array_equal(theta_l[j], theta):
                step = None
                if j and it[j - 1] == iteration - 1:
                    step = float(np.linalg.norm(theta_l[j] - theta_l[j - 1]))
                return Found(_known(self._grad[j]), step,
                             bool(self._ver[j] == self.data_version))
        return None

    def curve(self):
        """(iterations, costs) for the cost plot: the long record joined to the recent steps."""
        it, cost, _ = self.joined()
        return it, cost

    def nbytes(self):
        arrays = (self._it, self._cost, self._theta, self._grad, self._ver, self._r_it,
                  self._r_cost, self._r_theta, self._r_grad, self._r_ver)
        return sum(a.nbytes for a in arrays)


def _known(value):
    value = float(value)
    return value if np.isfinite(value) else None


def for_pixels(x, y, columns):
    """The points of the polyline (x, y) that a ``columns``-pixel-wide plot can show.

    x must be ascending.  Per column it keeps the first, lowest, highest and last
    point (M4 decimation), so the drawn line touches exactly the pixels the full
    curve would, while a long cost_history costs a few points per column to
    stroke instead of thousands (a thick projector pen pays per segment).
    """
    x, y = np.asarray(x), np.asarray(y, dtype=float)
    n = len(x)
    columns = max(int(columns), 1)
    if n <= 4 * columns:
        return x, y
    span = float(x[-1] - x[0]) or 1.0
    col = np.minimum(((x - x[0]) * (columns / span)).astype(np.int64), columns - 1)
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])
    counts = np.diff(np.r_[starts, n])
    ends = starts + counts - 1
    with np.errstate(invalid="ignore"):
        lows = np.repeat(np.fmin.reduceat(y, starts), counts)
        highs = np.repeat(np.fmax.reduceat(y, starts), counts)
    keep = np.zeros(n, dtype=bool)
    keep[starts] = keep[ends] = True
    for extreme in (lows, highs):
        hit = np.flatnonzero(y == extreme)  # NaN never equals: an all-NaN column keeps its ends
        _, first = np.unique(col[hit], return_index=True)
        keep[hit[first]] = True
    return x[keep], y[keep]
