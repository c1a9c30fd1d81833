"""The live model: points, features, scaling and the descent engine together.

Everything the app shows comes from here, so it can be driven from a test or
a notebook without Qt.  Two rules make the live demo feel right:

* editing points keeps the model *in original units*: the boundary does not
  jump when a point is added, descent simply continues;
* changing the feature terms restarts (the number of parameters changes),
  from ``w = randn`` with the shown seed.

What the app reads (never ``session.engine``, which stays for old callers):

=============================  ===============================================
``iteration``, ``cost``,       the run now; ``theta`` and ``gradient`` bias
``grad_norm``, ``step_norm``,  first, on the features descent runs on
``theta``, ``gradient``        (:meth:`original_theta` for x1, x2 units)
``converged``, ``diverged``,   the engine's own facts
``diverged_at``
``history``,                   the bounded record (costs, θ path, ‖dw‖)
``recent_costs(k)``
``regime()`` / ``state``       the judgement: :func:`core.regime.judge`
``data_cost``, ``penalty``,    J split when λ > 0
``penalty_of(thetas)``
``alpha_star()``,              stability limit and cond(X̃X̃ᵀ), of this
``condition_number()``         scaling or (``standardized=``) the other
``edits``, ``edit_iteration``  edits that restart the trend, and where
=============================  ===============================================

What it changes: ``set_points``, ``set_terms``, ``set_standardize``,
``learning_rate``, ``loss``, ``l2``, ``update``, ``tol``, ``stop``, ``seed``
with ``reset``, ``step(n, time_budget)``, ``step_back()``, ``set_theta``
(engine units), ``set_original_theta`` (typed θ, original units) and
``restore(theta, iteration)`` (a saved run).  All but ``tol``, ``stop`` and
the steps are *edits*: they count in ``edits`` and restart the trend.

The class is assembled from mixins so that each part stays readable on its
own while the session stays one object to the app and to notebooks: the
settings in :mod:`core.hyperparameters`, the run read-only in
:mod:`core.run_view`, z, σ(z) and the accuracy in :mod:`core.prediction`.
This module keeps what they share: the data, the features and every edit.
"""

from __future__ import annotations

import numpy as np

from .checks import (
    check_init,
    check_l2,
    check_learning_rate,
    check_loss,
    check_stop,
    check_tol,
    check_update,
)
from .data import validate_points
from .descent import GradientDescent, build_evaluator
from .features import LINEAR, Scaler, check_terms, feature_map
from .hyperparameters import Hyperparameters
from .prediction import Prediction
from .run_view import RunView
from .stability import Spectrum


def _rescale(thetas, old, new):
    """Rows θ = [b, w] on features scaled by ``old`` → the same models scaled by ``new``."""
    with np.errstate(over="ignore", invalid="ignore"):
        w_raw = thetas[:, 1:] / old.scale[:, 0]
        b_raw = thetas[:, 0] - w_raw @ old.mean[:, 0]
        out = np.column_stack([b_raw + w_raw @ new.mean[:, 0], w_raw * new.scale[:, 0]])
    # A model that cannot be expressed (overflow) keeps its old numbers.
    bad = ~np.all(np.isfinite(out), axis=1)
    out[bad] = thetas[bad]
    return out


class PreparedData:
    """Validated points and everything computed from them alone: features, scaling,
    X and Y, and (``evaluator=True``, with the loss and λ of ``settings``) the
    objective and the eigenvalues α* needs.  Raises ValueError for invalid data
    (``valid=True``: the points and labels are a session's, checked already)."""

    def __init__(self, points, labels, terms, standardize, loss=None, l2=None, evaluator=False,
                 valid=False):
        self.points, self.labels = (points, labels) if valid else validate_points(
            points, labels, allow_empty=True)
        self.settings = (terms, standardize, loss, l2)
        self.X_raw = feature_map(self.points, terms)
        self.scaler = Scaler.fit(self.X_raw, standardize)
        self.X = self.scaler.transform(self.X_raw)
        self.Y = self.labels.reshape(1, -1).astype(float)
        self.evaluator = self.spectrum = None
        if evaluator:
            self.evaluator = build_evaluator(self.X, self.Y, loss, l2, self.scaler.scale[:, 0])
            self.spectrum = Spectrum(self.X, self.scaler.scale[:, 0])


class Session(Hyperparameters, RunView, Prediction):
    """Points, features, scaling, settings and the descent engine of one live run.

    Parameters
    ----------
    points : array-like, shape (m, 2), optional
    labels : array-like, shape (m,), values 0 or 1, optional
    terms : sequence of str
        Feature terms (``core.features.ALL_TERMS``: monomials up to degree 6).
    standardize : bool
    learning_rate, tol : float
        α and ε (ε = 0: no stopping test).
    loss : "cross_entropy" or "squared_error"
    seed : int
        Seed of θ⁰ = randn.
    l2 : float
        λ of the penalty λ/(2m)·Σ w_j² on the weights in original units.
    update : "simultaneous" or "sequential" (the slide's incorrect form)
    stop : "gradient" (‖dw‖ ≤ ε) or "step" (‖W^{t+1} − W^t‖₂ ≤ ε)
    init : "random", "zeros" or θ (bias first, original units); where
        :meth:`reset` starts.
    """

    def __init__(
        self,
        points=None,
        labels=None,
        *,
        terms=LINEAR,
        standardize=True,
        learning_rate=0.5,
        tol=1e-4,
        loss="cross_entropy",
        seed=0,
        l2=0.0,
        update="simultaneous",
        stop="gradient",
        init="random",
    ):
        self.terms = check_terms(terms)
        self.standardize = bool(standardize)
        self.seed = int(seed)
        self._loss = check_loss(loss)
        self._learning_rate = check_learning_rate(learning_rate)
        self._tol = check_tol(tol)
        self._l2 = check_l2(l2)
        self._update = check_update(update)
        self._stop = check_stop(stop)
        self.init = check_init(init)
        pts = np.zeros((0, 2)) if points is None else points
        lab = np.zeros(0) if labels is None else labels
        self.points, self.labels = validate_points(pts, lab, allow_empty=True)
        self._build_features()
        self.engine = self._new_engine(self.initial_theta())
        #: How many edits restarted the trend of J, and the iteration of the last
        #: one (see :meth:`_edited`); the regime reads the history since then.
        self.edits = 0
        self.edit_iteration = 0
        self.edit_cost = self.engine.cost

    # -- construction -----------------------------------------------------
    def _build_features(self):
        self._adopt(PreparedData(self.points, self.labels, self.terms, self.standardize,
                                 valid=True))

    def _adopt(self, data):
        self.points, self.labels = data.points, data.labels
        self.X_raw, self.scaler, self.X, self.Y = data.X_raw, data.scaler, data.X, data.Y
        # X̃X̃ᵀ and its eigenvalues (core.stability.Spectrum), computed on demand once per
        # feature matrix.
        self._spectra = {} if data.spectrum is None else {self.standardize: data.spectrum}
        self._z_cache = None

    def prepare_points(self, points, labels):
        """What :meth:`set_points` would compute from new data, as a callable that
        computes it without touching the session: run it on another thread (numpy
        releases the interpreter) and hand its result to ``set_points(prepared=…)``."""
        settings = self._data_settings()
        return lambda: PreparedData(points, labels, *settings, evaluator=True)

    def _data_settings(self):
        """What a preparation of new data depends on: features, scaling, loss and λ."""
        return self.terms, self.standardize, self._loss, self._l2

    def initial_theta(self):
        """θ⁰ on the features descent runs on, from :attr:`init`.

        ``"random"``: w = randn(n_x, 1) and b = randn() from ``seed`` (drawn in
        the engine's coordinates, as the lecture's ``np.random.randn``);
        ``"zeros"``: θ = 0; an array: that θ (bias first, original units),
        converted to the current scaling; one of the wrong length (the terms
        changed) falls back to "random".
        """
        n_x = len(self.terms)
        if isinstance(self.init, str) and self.init == "zeros":
            return np.zeros(n_x + 1)
        if not isinstance(self.init, str) and len(self.init) == n_x + 1:
            w, b = self.scaler.from_original(self.init[1:].reshape(-1, 1), self.init[0])
            theta = np.concatenate([[b], w[:, 0]])
            if np.all(np.isfinite(theta)):
                return theta
        rng = np.random.default_rng(self.seed)
        w = rng.standard_normal((n_x, 1))
        b = float(rng.standard_normal())
        return np.concatenate([[b], w[:, 0]])

    def _new_engine(self, theta):
        return GradientDescent(
            self.X,
            self.Y,
            theta[1:],
            theta[0],
            learning_rate=self._learning_rate,
            tol=self._tol,
            loss=self._loss,
            update=self._update,
            stop=self._stop,
            l2=self._l2,
            feature_scale=self.scaler.scale[:, 0],
        )

    # -- points -------------------------------------------------------------
    def set_points(self, points, labels, prepared=None):
        """Replace the data; the model in original units is kept.

        ``prepared``: the result of :meth:`prepare_points` for these points; used
        when the features, scaling, loss and λ are still those it was prepared for."""
        if prepared is None or prepared.settings != self._data_settings():
            prepared = PreparedData(points, labels, self.terms, self.standardize)
        w_raw, b_raw = self.original_theta()
        old_scaler = self.scaler
        self._adopt(prepared)
        w, b = self.scaler.from_original(w_raw, b_raw)
        if self.engine.m == 0 or not np.all(np.isfinite(w)) or not np.isfinite(b):
            w_b = None
        else:
            w_b = (w, b)
        self.engine.set_data(self.X, self.Y, self.scaler.scale[:, 0], evaluate=False,
                             evaluator=prepared.evaluator)
        self.engine.history.new_data()  # the steps recorded so far were on the old points
        if w_b is None:
            # From no data the scaled θ is what was shown; keep it as is.
            self.engine.set_theta(self.engine.theta)
        else:
            # The recorded path too (step back, scrubbing, the landscape path):
            # the same models in original units, in the new scaled coordinates.
            self.engine.history.map_thetas(lambda t: _rescale(t, old_scaler, self.scaler))
            self.engine.set_theta(np.concatenate([[w_b[1]], w_b[0][:, 0]]))
        self._edited()

    @property
    def m(self):
        return len(self.points)

    # -- features -----------------------------------------------------------
    def set_terms(self, terms):
        """New feature terms: the parameter count changes, so descent restarts."""
        terms = check_terms(terms)
        if terms == self.terms:
            return
        self.terms = terms
        self._build_features()
        self.engine = self._new_engine(self.initial_theta())
        self._edited()

    def set_standardize(self, on):
        """Toggle scaling, keeping the same model (the boundary does not move)."""
        on = bool(on)
        if on == self.standardize:
            return
        w_raw, b_raw = self.original_theta()
        self.standardize = on
        self._build_features()
        w, b = self.scaler.from_original(w_raw, b_raw)
        engine = self._new_engine(np.concatenate([[b], w[:, 0]]))
        if engine.diverged_at is not None or not np.all(np.isfinite(engine.theta)):
            engine = self._new_engine(self.initial_theta())
        self.engine = engine
        self._edited()

    # -- runs ---------------------------------------------------------------
    def reset(self, seed=None):
        """Start again from w = randn with ``seed`` (the current one if None)."""
        if seed is not None:
            self.seed = int(seed)
        self.engine = self._new_engine(self.initial_theta())
        self._edited()

    def step(self, n=1, time_budget=None):
        """Take up to ``n`` steps (fewer on convergence, divergence or ``time_budget``
        seconds); returns how many were taken."""
        return self.engine.step(n, time_budget)

    def step_back(self):
        """Return to the previous recorded θ; False when there is none."""
        return self.engine.step_back()

    def run_state(self):
        """(X, Y, state) from which :mod:`core.stepper` takes the next steps elsewhere."""
        return self.engine.X, self.engine.Y, self.engine.run_state()

    def absorb(self, steps):
        """Take over steps taken elsewhere from ``run_state``; returns how many (None:
        the block does not continue this run, which changed meanwhile)."""
        return self.engine.absorb(steps)

    def set_theta(self, theta):
        """Jump to θ = [b, w1, ..., wn] on the features descent runs on (see
        :attr:`theta`); descent continues from there and the trend restarts."""
        theta = self._theta_vector(theta)
        self.engine.set_theta(theta)
        self._edited()

    def set_original_theta(self, theta):
        """Jump to θ = [b, w1, ..., wn] in original units (x1, x2, x1², … as typed on
        the decision-boundary slides, e.g. [-3, 1, 1]); descent continues from there."""
        theta = self._theta_vector(theta)
        if not np.all(np.isfinite(theta)):
            raise ValueError("θ must be finite numbers")
        w, b = self.scaler.from_original(theta[1:].reshape(-1, 1), theta[0])
        self.set_theta(np.concatenate([[b], w[:, 0]]))

    def restore(self, theta, iteration=0):
        """Continue a saved run: θ (engine coordinates, like :attr:`theta`) reached
        after ``iteration`` steps, with a fresh history (a lesson file or autosave)."""
        theta = self._theta_vector(theta)
        self.engine = self._new_engine(theta)
        self.engine.iteration = int(iteration)
        self.engine.history = type(self.engine.history)(len(theta))
        self.engine.set_theta(theta)
        self._edited()

    def _theta_vector(self, theta):
        """θ as a flat float vector; one of another length belongs to other terms."""
        theta = np.asarray(theta, dtype=float).reshape(-1)
        if len(theta) != len(self.terms) + 1:
            raise ValueError(f"θ needs {len(self.terms) + 1} numbers (bias first), "
                             f"got {len(theta)}")
        return theta

    # -- the edit bookkeeping -------------------------------------------------
    def _edited(self):
        """Count a change that makes the recent costs a different run's (data,
        features, scaling, loss, α, θ or a reset): the trend starts again here."""
        self.edits += 1
        self.edit_iteration = self.engine.iteration
        self.edit_cost = self.engine.cost  # J where this stretch of the run began

    # -- the features' conditioning -------------------------------------------
    def _spectrum(self, standardized=None):
        """X̃X̃ᵀ (X̃ = [1; X]) of the current or the other scaling, with its eigenvalues
        and the features' scales (:class:`core.stability.Spectrum`).  Cached per
        feature matrix."""
        key = self.standardize if standardized is None else bool(standardized)
        if key not in self._spectra:
            scaler = self.scaler if key == self.standardize else Scaler.fit(self.X_raw, key)
            X = self.X if key == self.standardize else scaler.transform(self.X_raw)
            self._spectra[key] = Spectrum(X, scaler.scale[:, 0])
        return self._spectra[key]

    def alpha_star(self, standardized=None):
        """Stability limit α* = 8m / λ_max(X̃X̃ᵀ + 4·diag(0, λ/s_j²)) of what descent
        minimises (J with the L2 penalty λ/(2m)·Σ (w_j/s_j)², :mod:`core.stability`)
        on the features descent runs on (``standardized=None``), or on the same
        features standardized (True) or raw (False): inf without data, 0 when the
        features overflow."""
        return self._spectrum(standardized).alpha_star(self._l2)

    def condition_number(self, standardized=None):
        """cond(X̃X̃ᵀ) = λ_max/λ_min of the features descent runs on (or of the
        same features standardized / raw); None without data or when it overflows."""
        return self._spectrum(standardized).condition()
