"""What the run is doing, in one word, one headline and one sentence: the regime.

:func:`judge` reads a :class:`core.session.Session` — its data, its scaling,
α and the costs *since the last edit* — and returns a :class:`Regime`.  The
window's status, the presentation overlay, the race and ``core.fit`` all show
this one judgement, so what the screen says about α is what descent does.

The words, in the order they are decided (the first that holds wins):

=============  ==========================================================
no data        no points
diverged       a step made θ or J non-finite; descent stopped
converged      the stopping test holds (with one class: why that is no answer)
one class      every point has the same label: J falls forever
diverging      J rises over the recent steps (α too large)
oscillating    J bounces without falling (α too large)
separable      every point is on its side: the minimum does not exist
badly scaled   raw features with a large condition number
crawling       J falls, but ε is far (steps at the recent rate)
smooth         J falls as it should (or no step since the last edit), or —
               ε too small to stop it — J no longer changes at the minimum
=============  ==========================================================

Only *diverged*, *converged*, *no data*, *one class* and *badly scaled* can
be said before a step: a trend (diverging, oscillating, separable,
crawling) needs at least :data:`MIN_TREND_STEPS` steps since the last edit,
so a click at iteration 0 never reads as "diverging".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .trend import (  # noqa: F401 - re-exported: the trend is part of the judgement
    BOUNCE_WINDOW,
    DESCENDING,
    DIVERGING,
    MIN_RATE_STEPS,
    MIN_RISES,
    OSCILLATING,
    RATE_WINDOW,
    TREND_WINDOW,
    _count,
    classify_trend,
    is_bouncing,
    steps_text,
    steps_to_tol,
    trend,
)

#: The words of the regime.
NO_DATA = "no data"
ONE_CLASS = "one class"
SEPARABLE = "separable"
CRAWLING = "crawling"
BADLY_SCALED = "badly scaled"
SMOOTH = "smooth"
DIVERGED = "diverged"
CONVERGED = "converged"
WORDS = (NO_DATA, ONE_CLASS, SEPARABLE, CRAWLING, BADLY_SCALED, SMOOTH, OSCILLATING,
         DIVERGING, DIVERGED, CONVERGED)
#: Words of a learning rate that is too large for the run.
TROUBLE = (OSCILLATING, DIVERGING, DIVERGED)

#: One-click answers: divide α (by 10 or 3), multiply α (by 3), turn on
#: standardization, add a point of the missing class.
LOWER_ALPHA = "lower_alpha"
RAISE_ALPHA = "raise_alpha"
STANDARDIZE = "standardize"
ADD_OTHER_CLASS = "add_other_class"
ACTIONS = (LOWER_ALPHA, RAISE_ALPHA, STANDARDIZE, ADD_OTHER_CLASS)

#: J this many times higher than where the run (or the last edit) began is
#: *diverging*, however it bounces: below α* J never rises, so a run that ends up
#: far above its start overshot — even when J has levelled off (cross-entropy's
#: bounded gradient) or is coming down from one huge jump.
ABOVE_START = 1.5
#: Fewer steps than this since the last edit are no trend.
MIN_TREND_STEPS = 5
#: Crawling: ε is further than this many steps at the current rate.
CRAWL_STEPS = 10_000
#: Badly scaled: cond(X̃X̃ᵀ) of the raw features at least this large, and at
#: least BAD_RATIO times that of the same features standardized.
BAD_CONDITION = 1e3
BAD_RATIO = 20.0
#: At the minimum to machine precision: ‖dw‖ at most this times the features'
#: gradient scale √(8/α*) (√ of machine ε: J is then within its rounding of J*).
STILL_GRAD = 1e-8


@dataclass(frozen=True)
class Regime:
    """The judgement of a run, ready for the screen.

    Attributes
    ----------
    word : str
        One of :data:`WORDS`.
    headline : str
        At most ~40 characters, e.g. "Crawling: ε is ~2.3 million steps away".
    explanation : str
        One sentence of cause and remedy, at most ~140 characters ('' if none).
    action : str or None
        The one-click answer: one of :data:`ACTIONS`, or None.
    learning_rate : float
        α of the run judged.
    alpha_star : float or None
        α* = 8m/λ_max(X̃X̃ᵀ + 4·diag(0, λ/s_j²)) of what descent minimises (inf: no data).
    alpha_star_standardized : float or None
        α* if the features were standardized (only computed for raw features).
    condition : float or None
        cond(X̃X̃ᵀ) = λ_max/λ_min of the features descent runs on, X̃ = [1; X].
    steps_to_tol : float or None
        Crawling and smooth: the steps still needed to reach ε at the recent
        rate of decay of ‖dw‖, an estimate since that rate changes (None
        when there is no measurable rate).
    steps_since_edit : int
        Steps taken since the last edit (what the trend was read from).
    """

    word: str
    headline: str
    explanation: str = ""
    action: str | None = None
    learning_rate: float = math.nan
    alpha_star: float | None = None
    alpha_star_standardized: float | None = None
    condition: float | None = None
    steps_to_tol: float | None = None
    steps_since_edit: int = 0

    @property
    def trouble(self):
        """α is too large for this run (oscillating, diverging or diverged)."""
        return self.word in TROUBLE


# -- the judgement -----------------------------------------------------------
def judge(session, *, crawl_steps=CRAWL_STEPS):
    """The regime of ``session``'s run, read from the history since its last edit.

    Parameters
    ----------
    session : core.session.Session
    crawl_steps : float
        A run whose estimated steps to ε exceed this is *crawling*; the app
        may pass its own (e.g. ten seconds' worth of steps at its speed).

    Returns
    -------
    Regime

    Cheap enough for every frame: the costs are a short window, the spectra
    of X̃X̃ᵀ are cached by the session per feature matrix, and z of the
    training points is the session's cached :meth:`~core.session.Session.training_z`.
    """
    # A run near overflow (θ ~ 1e308) is judged, not warned about: every number used
    # is checked for being finite where it matters.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _judge(session, session.engine, session.edit_iteration, crawl_steps,
                      session.training_z, getattr(session, "edit_cost", None))


def judge_lane(session, engine, *, crawl_steps=CRAWL_STEPS):
    """The regime of a race lane: ``engine`` runs on ``session``'s features since step 0."""

    def training_z():
        with np.errstate(over="ignore", invalid="ignore"):
            return (engine.w.T @ session.X)[0] + engine.b

    _, costs, _ = engine.history.long()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return _judge(session, engine, 0, crawl_steps, training_z,
                      float(costs[0]) if len(costs) else None)


def _since(engine, since):
    """(costs, ‖dw‖s, θs) recorded since iteration ``since``, oldest first."""
    h = engine.history
    k = BOUNCE_WINDOW + 1
    its = h.recent_iterations(k)
    start = max(int(np.searchsorted(its, since, side="right")) - 1, 0)
    _, _, thetas = h.recent()
    thetas = thetas[len(thetas) - len(its):]
    return h.recent_costs(k)[start:], h.recent_grad_norms(k)[start:], thetas[start:]


def _bouncing(engine, since):
    """J bounces or rises since iteration ``since``: α is too large, whatever else holds
    (one class with α far above α* bounced under "J falls forever")."""
    if engine.iteration - since < MIN_TREND_STEPS:
        return False
    costs, _, _ = _since(engine, since)
    return trend(costs) in (DIVERGING, OSCILLATING)


def sig3(v):
    """3 significant digits, a real minus sign and a short exponent: 2.3e5, 8.8e−4 (every
    number the status panel shows in this form, so one panel never writes two)."""
    text = f"{v:.3g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


_g = sig3  # short, for this module's many f-strings


def tiny_steps_stopped(e):
    """The step-size test stopped engine ``e`` while ‖dw‖ is far above ε: α is tiny,
    not at the minimum (the lecture's trap of the step test)."""
    return bool(e.converged and e.stop == "step" and e.grad_norm is not None
                and e.step_norm is not None and e.grad_norm > 10 * e.tol
                and e.step_norm < e.grad_norm)


def _still(costs, grad_norm, a_star):
    """J unchanged over the trend window (to rounding) and ‖dw‖ at rounding level:
    the run sits at the minimum to machine precision."""
    c = np.asarray(costs[-TREND_WINDOW:], dtype=float)
    if len(c) <= MIN_TREND_STEPS or not np.all(np.isfinite(c)) or grad_norm is None:
        return False
    if np.ptp(c) > 1e-13 * float(np.max(np.abs(c))):
        return False
    scale = math.sqrt(8.0 / a_star) if 0 < a_star < math.inf else 1.0
    return grad_norm <= STILL_GRAD * scale


def _judge(s, e, since, crawl_steps, training_z, start_cost=None):
    alpha = e.learning_rate
    base = {"learning_rate": alpha}
    if s.m == 0:
        return Regime(NO_DATA, "No data",
                      "No points yet: click on the plot to add some "
                      "(Shift+click: the other class).", **base)
    # The classes present (labels are 0/1): np.unique sorted every label, 12-17 ms a
    # frame at two million points; this is 0.1 ms.
    classes = [c for c, present in ((0, not s.labels.all()), (1, s.labels.any())) if present]
    one_class = None
    if len(classes) == 1:
        c = int(classes[0])
        one_class = Regime(ONE_CLASS, f"Only class {c} points",
                           f"Only class {c}, so J falls forever as the boundary leaves the data: "
                           f"no minimum. Add a class {1 - c} point.", ADD_OTHER_CLASS, **base)
        if e.diverged_at is None and not e.converged and not _bouncing(e, since):
            return one_class

    a_star = s.alpha_star()
    base["alpha_star"] = a_star
    if not s.standardize:
        base["alpha_star_standardized"] = s.alpha_star(standardized=True)
    base["condition"] = s.condition_number()
    steps = max(e.iteration - since, 0)
    base["steps_since_edit"] = steps

    def remedy():
        """(action, sentence) for an α that is too large."""
        a_std = base.get("alpha_star_standardized")
        if a_std is not None and alpha <= 0.5 * a_std:
            return STANDARDIZE, (f"Raw features make α* = {_g(a_star)} tiny; standardized, "
                                 f"α = {alpha:g} is stable (α* = {_g(a_std)}). Standardize.")
        return LOWER_ALPHA, None

    if e.diverged_at is not None:
        at, at_alpha = e.diverged_at
        action, why = remedy()
        limit = (f"stable below α* = {_g(a_star)}" if a_star > 0
                 else "features this large overflow at any α")
        return Regime(DIVERGED, f"Diverged at step {at:,}",
                      why or (f"At α = {at_alpha:g} θ or J overflowed; stopped on the last finite "
                              f"θ. Lower α ({limit})."), action, **base)
    if e.converged:
        headline = f"Converged after {steps_text(e.iteration)}"
        if e.stop == "step":
            text = (f"‖Wᵗ⁺¹ − Wᵗ‖ = {_g(e.step_norm)} ≤ ε = {e.tol:g}: the step-size test holds, "
                    "descent stops.")
            if tiny_steps_stopped(e):
                headline = f"Stopped after {steps_text(e.iteration)}: α is tiny"
                text = (f"Steps of {_g(e.step_norm)} ≤ ε = {e.tol:g} stopped it, but ‖dw‖ = "
                        f"{_g(e.grad_norm)}: α is tiny, not at the minimum.")
        elif not getattr(s, "l2", 0.0) and _strictly_right(s.labels, training_z()):
            text = (f"‖dw‖ ≤ ε = {e.tol:g} stopped it; the classes are separable, so more steps "
                    "would only grow ‖w‖ (no minimum).")
        else:
            text = (f"‖dw‖ = {_g(e.grad_norm)} ≤ ε = {e.tol:g}: the stopping test holds, "
                    "descent stops.")
        if one_class is not None:
            # Stopped by the test, but only because σ saturated: say why it is no answer.
            c = int(classes[0])
            text = (f"Only class {c} points: ‖dw‖ ≤ ε = {e.tol:g} only because σ saturates; "
                    f"there is no minimum. Add a class {1 - c} point.")
            return Regime(CONVERGED, headline, text, ADD_OTHER_CLASS, **base)
        return Regime(CONVERGED, headline, text, **base)

    costs, grads, thetas = _since(e, since)
    above = (steps >= 1 and start_cost is not None and math.isfinite(start_cost)
             and start_cost > 0 and e.cost is not None and e.cost > ABOVE_START * start_cost)
    if steps >= MIN_TREND_STEPS:
        word = trend(costs)
        # Far above its start over the whole window, not only now: a bounce whose J
        # crossed 1.5× its start flipped "Oscillating" ↔ "Overshot" from frame to frame.
        window = np.asarray(costs[1:][-TREND_WINDOW:], dtype=float)  # after the start
        stays_above = above and float(np.min(window)) > ABOVE_START * start_cost
        if stays_above and word != DIVERGING:
            action, why = remedy()
            # "Overshot", not "Diverging": J may be coming back down (and converge), or
            # sit in a bounded 2-cycle; that it overshot far above its start is true.
            return Regime(DIVERGING, "Overshot: J far above its start",
                          why or (f"α = {alpha:g} overshoots: J = {_g(e.cost)} is "
                                  f"{_g(e.cost / start_cost)}× where this run began (stable "
                                  f"below α* = {_g(a_star)}). Lower α."), action, **base)
        if word in (DIVERGING, OSCILLATING):
            action, why = remedy()
            if word == DIVERGING:
                headline = "Diverging: J is rising"
                text = (f"α = {alpha:g} overshoots more and more (stable below "
                        f"α* = {_g(a_star)}). Lower α.")
            else:
                headline = "Oscillating: J bounces"
                text = (f"α = {alpha:g} overshoots back and forth across the valley "
                        f"(stable below α* = {_g(a_star)}). Lower α.")
            return Regime(word, headline, why or text, action, **base)
        still = _still(costs, e.grad_norm, a_star)
        # The O(m) look at every point only when the trend is one separable data show.
        if ((still or _separable(costs, thetas)) and not getattr(s, "l2", 0.0)
                and _strictly_right(s.labels, training_z())):
            return Regime(SEPARABLE, "Separable: no minimum exists",
                          "Every point is on its side, so J → 0 only as ‖w‖ grows without bound. "
                          "Overlap a point, or set λ > 0 (Lecture ▸ 6).", **base)
        if still:
            # ε = 0 (or below what floats reach) never stops it: say where it is.
            why = ("ε = 0 never stops descent; set ε > 0 to stop." if not e.tol > 0 else
                   f"ε = {e.tol:g} is below what floats reach; raise ε to stop.")
            return Regime(SMOOTH, "At the minimum, J no longer changes",
                          f"‖dw‖ = {_g(e.grad_norm)}: J is at its minimum to machine precision. "
                          + why, **base)

    measure = e.step_norm if e.stop == "step" else e.grad_norm
    if e.stop == "step" and measure is None and e.grad_norm is not None:
        measure = alpha * e.grad_norm
    estimate = None
    if steps >= MIN_RATE_STEPS:
        estimate = steps_to_tol(grads[-RATE_WINDOW:], measure, e.tol)
    base["steps_to_tol"] = estimate

    if _badly_scaled(s):
        cond = base["condition"]
        cond = f"= {_g(float(f'{cond:.2g}'))}" if math.isfinite(cond) else "> 10¹⁶"
        text = (f"Raw features: cond(X̃X̃ᵀ) {cond}, so an α safe for the steep direction "
                "crawls along the flat one. Standardize.")
        if above:  # too few steps for a trend, but no crawl: J jumped (0.69 → 498)
            text = (f"Raw features: cond(X̃X̃ᵀ) {cond}; α = {alpha:g} overshoots the steep "
                    f"direction (J = {_g(e.cost)}, {_g(e.cost / start_cost)}× its start). "
                    "Standardize.")
        return Regime(BADLY_SCALED, "Badly scaled features", text, STANDARDIZE, **base)

    # Above α* the rate is no guide (the Outlier preset just standardized, α = 3 > α* =
    # 1.92: "~6.5 million steps", and ε came 2,900 steps later): no crawl is claimed.
    if estimate is not None and estimate > crawl_steps and alpha <= a_star:
        # The recent rate's estimate, said as one: the rate changes along a run (it slows
        # as the fast modes die, and speeds up off a plateau), so it is no bound.
        far = _count(estimate)
        if 3 * alpha <= a_star:
            return Regime(CRAWLING, f"Crawling: ε is {far} steps away",
                          f"J falls, but so slowly that at this rate ‖dw‖ ≤ ε = {e.tol:g} is "
                          f"{far} steps away. Raise α (stable below α* = {_g(a_star)}).",
                          RAISE_ALPHA, **base)
        return Regime(CRAWLING, f"Crawling: ε is {far} steps away",
                      f"α is near α* = {_g(a_star)}, yet at this rate ε = {e.tol:g} is {far} "
                      "steps away: a long, flat valley in these features.", **base)

    if steps == 0:
        headline = "Ready: no step yet" if e.iteration == 0 else "Ready: no step since the edit"
    elif steps < MIN_TREND_STEPS:
        headline = "Starting"
    else:
        headline = "Descending smoothly"
    text = ""
    if estimate is not None and estimate >= 1:
        far = _count(estimate)
        text = (f"J falls every step; at this rate ‖dw‖ ≤ ε = {e.tol:g} in {far} more "
                f"{'step' if far == '~1' else 'steps'}.")
    if alpha > a_star:
        text = (f"α = {alpha:g} is above α* = {_g(a_star)}: steps are no longer sure to lower J; "
                "watch for a zig-zag.")
    return Regime(SMOOTH, headline, text, **base)


def _separable(costs, thetas):
    """For a θ with every point strictly on its side: J falling and ‖w‖ growing over
    the window.

    A θ that classifies every point strictly right proves the classes are
    separable in these features: scaling it up drives J to 0, so J has no
    minimum and descent makes ‖w‖ grow without bound.
    """
    if len(costs) < MIN_TREND_STEPS or len(thetas) < 2:
        return False
    w_first = float(np.linalg.norm(thetas[0][1:]))
    w_last = float(np.linalg.norm(thetas[-1][1:]))
    return costs[-1] < costs[0] and w_last > w_first


def _strictly_right(labels, z):
    """Every training point strictly on its side of z = 0."""
    s = 2.0 * np.asarray(labels, dtype=float) - 1.0
    with np.errstate(invalid="ignore"):
        return bool(np.all(s * z > 0))


def _badly_scaled(s):
    """Raw features whose X̃X̃ᵀ is far worse conditioned than standardized ones'."""
    if s.standardize:
        return False
    raw = s.condition_number()
    std = s.condition_number(standardized=True)
    # Standardized still singular (two points, collinear points): no scaling helps, and
    # inf ≥ 20·inf must not call it badly scaled.
    if raw is None or std is None or not math.isfinite(std):
        return False
    return raw >= BAD_CONDITION and raw >= BAD_RATIO * std
