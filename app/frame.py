"""One frame's worth of state: an immutable snapshot every presenter draws from.

The controller takes it under the descent worker's lock, in well under a
millisecond, so no panel reads the live session half-way through a step and
every panel of a frame shows the same step.  Arrays in it are copies, or
arrays the session replaces wholesale and never changes in place (points,
labels, X, Y), so presenters may keep them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from core.model import sigmoid

from . import status_text

PATH_STEPS = 300  # the recent descent path the landscape draws


@dataclass(frozen=True)
class Shown:
    """The step on screen: the live one, the one scrubbed to in the history, or in a
    race the leading lane's; every number of it is that step's."""

    iteration: int
    cost: float | None
    theta: np.ndarray  # bias first, on the features descent runs on
    theta_raw: np.ndarray  # bias first, in x1, x2 units
    scrubbed: bool
    grad_norm: float | None = None  # ‖dw‖ at θ (None: no data, or not recorded)
    step_norm: float | None = None  # ‖Wᵗ − Wᵗ⁻¹‖₂ of the step that led here (None: none/unknown)
    data_cost: float | None = None  # J without the penalty
    penalty: float = 0.0  # λ/(2m)·Σ w_j² at θ, with today's m
    #: A step recorded before the points were edited: J was that data's, so nothing
    #: that joins it to today's m (P(labels), J's split under λ) is computed from it.
    other_data: bool = False
    #: In a race, which lane's step this is, as the readout names it ("Winner α = 10",
    #: "Lowest J: α = 1"); "" for the single run.
    lane: str = ""


@dataclass(frozen=True)
class Lane:
    learning_rate: float
    curve: tuple  # (iterations, costs)
    theta: np.ndarray
    theta_raw: np.ndarray
    path: np.ndarray  # recent θ rows
    converged_at: int | None
    diverged: bool
    stalled: bool = False  # stopped by the step-size test only because α is tiny
    fate: str = ""  # core.race.Race.fate: "still bouncing at step 127: cannot win"


@dataclass(frozen=True)
class Frame:
    version: int
    playing: bool
    animating: bool  # drawn by the timer while playing (not in answer to an action)
    # data and features
    points: np.ndarray
    labels: np.ndarray
    X: np.ndarray
    Y: np.ndarray
    terms: tuple
    standardize: bool
    scaler: object
    loss: str
    learning_rate: float  # α of the run shown: the session's, or in a race the shown lane's
    tol: float
    seed: int
    # the run (the live step; ``shown`` is the step on screen)
    iteration: int
    cost: float | None
    theta: np.ndarray
    theta_raw: np.ndarray
    curve: tuple  # (iterations, costs) of the whole run, downsampled
    path: np.ndarray  # the last PATH_STEPS θ rows
    history_length: int  # entries the scrubber can reach
    shown: Shown
    alpha_star: float
    # words: core's regime of the run (core.regime), as the window says it
    word: str
    style: str  # the stylesheet's state: the word, or running / paused / racing
    headline: str
    explanation: str
    action: str | None  # the one-click answer (core.regime.ACTIONS) or None
    # compare mode
    lanes: tuple = ()
    race_summary: str = ""
    race_finished: bool = False
    race_iteration: int = 0  # the race's clock: the step of its lanes still running
    # the lecture's slides (app/lecture_panel.py): the update form, the stopping test,
    # the L2 penalty and J split into data loss + penalty, θ⁰ of the run
    update: str = "simultaneous"
    stop: str = "gradient"
    l2: float = 0.0
    penalty_curve: np.ndarray | None = None  # the penalty at each point of ``curve`` (λ > 0)
    theta0: np.ndarray | None = None  # where the run starts (session.initial_theta())

    @property
    def grad_norm(self):
        """‖dw‖ of the step shown (the readout's); the step's other numbers are ``shown``'s."""
        return self.shown.grad_norm

    @property
    def m(self):
        return len(self.points)

    @functools.cached_property
    def z(self):
        """z⁽ⁱ⁾ of every training example at the θ shown, shape (m,)."""
        theta = self.shown.theta
        with np.errstate(over="ignore", invalid="ignore"):
            return theta[1:] @ self.X + theta[0]

    @functools.cached_property
    def accuracy(self):
        if self.m == 0:
            return None
        return float(np.mean((self.z >= 0) == (self.labels == 1)))

    @functools.cached_property
    def a(self):
        """ŷ = σ(z) of every example (finite for any z)."""
        return sigmoid(np.nan_to_num(self.z, nan=0.0))


def _curve(history):
    """(iterations, costs): the long record joined to the newer recent steps."""
    it, cost, _ = history.long()
    r_it, r_cost, _ = history.recent()
    tail = r_it > it[-1] if len(it) else np.ones(len(r_it), dtype=bool)
    return np.concatenate([it, r_it[tail]]), np.concatenate([cost, r_cost[tail]])


def _penalty_curve(session):
    """The L2 penalty at each point of the cost curve, or None when λ = 0."""
    if not session.l2 or session.m == 0:
        return None
    _, _, thetas = session.history.joined()
    return session.penalty_of(thetas)


def _raw(scaler, theta):
    w_raw, b_raw = scaler.to_original(theta[1:].reshape(-1, 1), theta[0])
    return np.concatenate([[b_raw], w_raw[:, 0]])


def _live(engine, iteration, theta, theta_raw, lane=""):
    """The Shown of a run's live step (the session's, or a race lane's engine)."""
    return Shown(iteration, engine.cost, theta, theta_raw, False, grad_norm=engine.grad_norm,
                 step_norm=engine.step_norm, data_cost=engine.data_cost,
                 penalty=engine.penalty, lane=lane)


def _leading(race):
    """(lane, its name on screen): the winner, else the lowest J of the lanes that have
    not diverged (else the first lane)."""
    win = race.winner()
    if win is not None:
        return win, f"Winner α = {win.learning_rate:g}"
    alive = [lane for lane in race.lanes if not lane.diverged]
    if not alive:
        lane = race.lanes[0]
        return lane, f"Lane α = {lane.learning_rate:g}"
    lane = min(alive, key=lambda lane: lane.engine.cost)
    return lane, f"Lowest J: α = {lane.learning_rate:g}"


def _scrubbed(session, scrubbed):
    """The Shown of the history entry ``scrubbed`` = (iteration, J, θ), or None when
    the run has no such entry now (stepped back over, edited, cleared): a step that
    no longer exists is never shown."""
    if scrubbed is None or session.m == 0:
        return None
    it, cost, th = scrubbed
    if len(th) != len(session.theta):
        return None
    found = session.history.look_up(it, cost, th)
    if found is None:
        return None
    penalty = float(session.penalty_of(th)[0])
    same = found.same_data
    return Shown(int(it), float(cost), th, _raw(session.scaler, th), True,
                 grad_norm=found.grad_norm, step_norm=found.step_norm,
                 data_cost=float(cost) - penalty if same else None, penalty=penalty,
                 other_data=not same)


def take(session, *, version, playing, animating=False, scrubbed=None, race=None):
    """The frame of ``session`` now; call with the worker's lock held.

    ``scrubbed`` is (iteration, cost, θ) of a history entry being viewed, or None;
    it is shown only while the history still holds that very entry.
    ``race`` is a :class:`core.race.Race` or None.
    """
    e = session
    theta = e.theta
    theta_raw = _raw(session.scaler, theta)
    shown = _scrubbed(session, scrubbed) or _live(e, e.iteration, theta, theta_raw)
    _, _, thetas = e.history.recent()
    word, style, headline, explanation, action = status_text.describe(session, playing, race)
    lanes = ()
    if race is not None:
        lanes = tuple(
            Lane(lane.learning_rate, _curve(lane.engine.history), lane.engine.theta,
                 _raw(session.scaler, lane.engine.theta),
                 lane.engine.history.recent()[2][-PATH_STEPS:].copy(),
                 lane.converged_at, lane.diverged, lane.stalled, race.fate(lane))
            for lane in race.lanes)
    alpha = session.learning_rate
    if race is not None:
        # The numbers on screen are one lane's at its own step — the winner, else the
        # lowest J — named as that lane's: not the race's clock, nor the single run's α.
        lead, name = _leading(race)
        th = lead.engine.theta
        shown = _live(lead.engine, lead.engine.iteration, th, _raw(session.scaler, th), name)
        alpha = lead.learning_rate
    if shown.scrubbed:
        # The one-click answer (lower α, standardize, …) stays: it acts on the live run,
        # and a class looking back at a divergence still needs it.
        style = "paused"
        headline = f"Viewing step {shown.iteration:,} of {e.iteration:,}"
        explanation = ("The run as it was at that step (the history slider). "
                       "Play returns to the live run.")
        if shown.other_data:
            explanation = ("The run as it was at that step, before the points were edited: "
                           "its J was computed on the points of that time. "
                           "Play returns to the live run.")
    curve = _curve(e.history)
    path = thetas[-PATH_STEPS:].copy()
    length = e.history.joined_length()
    if session.m == 0:  # no data, no run: every view empties (the old run is not this one)
        curve = (np.empty(0, dtype=np.int64), np.empty(0))
        path = path[:0]
        length = 0
    return Frame(
        version=version, playing=playing, animating=animating,
        points=session.points, labels=session.labels, X=session.X, Y=session.Y,
        terms=session.terms, standardize=session.standardize, scaler=session.scaler,
        loss=session.loss, learning_rate=alpha, tol=session.tol,
        seed=session.seed,
        iteration=e.iteration, cost=e.cost, theta=theta,
        theta_raw=theta_raw, curve=curve, path=path, history_length=length, shown=shown,
        alpha_star=session.alpha_star(),
        word=word, style=style, headline=headline, explanation=explanation, action=action,
        lanes=lanes,
        race_summary="" if race is None else race.summary(),
        race_finished=race is not None and race.finished,
        race_iteration=0 if race is None else race.iteration,
        update=session.update, stop=session.stop, l2=session.l2,
        penalty_curve=None if session.m == 0 else _penalty_curve(session),
        theta0=session.initial_theta(),
    )
