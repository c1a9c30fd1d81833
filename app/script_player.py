"""Predict, then run: plays a lesson script step by step (the Script menu).

``install_script(window, controller)`` is the one hook.  It adds the Script menu,
a bar under the plots (the step's caption, its question, the class's answer, the
verdict) and a separate Teacher notes window, and registers the player in
``controller.extra_presenters`` so it sees every frame.

A step with a question opens it when the step loads: Play is held back (the run
does not start) until the teacher reveals — with the class's answer, or skipping
it.  Reveal plays the run, stops it when it has shown the answer (N steps, the
race over, descent stopped) and scores the prediction with :mod:`core.script`.

Keys (free in the window; PageUp/PageDown are α and the arrows Step):
N or Ctrl+→ next step, P or Ctrl+← previous step, Alt+1…4 pick an answer,
V reveal, K skip the question and reveal, T teacher notes.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6 import QtCore

from core import regime as R
from core import script as sc
from core.lesson import FileProblem, read_lesson

from .prediction import PredictionDrawing
from .presets import preset_files
from .script_views import ScriptBar, TeacherNotes

#: A boundary or race question without its own step count stops the reveal here.
MAX_REVEAL_STEPS = 5_000
#: A reveal "until descent stops" of a run that oscillates or diverges ends after this
#: many steps of it (a bounce at 12 steps a second shows itself in half a minute).
BOUNCING_REVEAL_STEPS = 300

IDLE, SHOWING, ASKING, RUNNING, REVEALED = "idle", "showing", "asking", "running", "revealed"


def preset_lesson(name):
    """The bundled preset ``name`` (file name without .logitlab.json), or None."""
    for path in preset_files():
        if path.name.split(".")[0] == name:
            try:
                return read_lesson(path)
            except FileProblem:
                return None
    return None


class ScriptPlayer(QtCore.QObject):
    """Steps through a :class:`core.script.Script`.  Signals: ``changed`` (state, step,
    answer or verdict changed)."""

    changed = QtCore.Signal()

    def __init__(self, window, controller):
        super().__init__(window)
        self.window, self.controller = window, controller
        self.script = None
        self.index = 0
        self.state = IDLE
        self.answer = None  # regime word, lane index, "above"/"below", or drawing answer
        self.verdict = None
        self.message = ""
        self._start_iteration = 0
        self._reveal = 0  # counts reveals and step changes: a late _finish is ignored
        self._threshold = None  # the J a revealed "above or below" question judges
        self.drawing = PredictionDrawing(window.data_plot, window.cost_plot, controller.editor)
        self.drawing.changed.connect(self._drawing_changed)
        # Queued: set_playing must not run inside the refresh that reported the state.
        controller.stateChanged.connect(self._hold_play, QtCore.Qt.ConnectionType.QueuedConnection)
        # Play and Step wait for the class's prediction (the answer is not shown early).
        controller.run_gate = self._refuse_run

    # -- the script ------------------------------------------------------------------
    @property
    def step(self):
        return self.script.steps[self.index] if self.script else None

    @property
    def question(self):
        step = self.step
        return None if step is None else step.question

    def start(self, script, index=0):
        """Play ``script`` from step ``index`` (None: stop playing any script)."""
        self.script = script if script is not None and len(script) else None
        if self.script is None:
            self._leave_step()
            self.state = IDLE
            self.controller.undo_floor = None  # Undo goes back past the lesson again
            self.changed.emit()
            return
        self.go(index)

    def go(self, index):
        if not self.script:
            return
        index = max(0, min(index, len(self.script) - 1))
        self._leave_step()
        self.index = index
        step = self.step
        base = preset_lesson(step.preset) if step.preset else None
        if base is None and (step.has_data or step.settings):
            base = self.controller.lesson()
        if base is not None:
            lesson = step.resolve(base)
            self.controller.load_lesson(
                lesson, undo_text=f"Step {index + 1}: {step.title or 'lesson step'}")
        self.controller.undo_floor = self.controller.undo_stack.index()
        if step.panel:
            self.window.stage_keys.select(step.panel)
        self.answer, self.verdict, self.message = None, None, ""
        q = step.question
        self.state = ASKING if q is not None else SHOWING
        if q is not None and q.kind == sc.BOUNDARY:
            self.drawing.capture(self.boundary_shape())
        if q is not None and q.kind == sc.COST_AT:
            self.drawing.show_threshold(q.threshold, q.steps, movable=True)
        self.controller.refresh()
        self.changed.emit()

    def next(self):
        if self.script and self.index < len(self.script) - 1:
            self.go(self.index + 1)

    def previous(self):
        if self.script and self.index > 0:
            self.go(self.index - 1)

    def _leave_step(self):
        # First: the pause below refreshes, and a reveal under way must not take that
        # frame as its end (N during "Running…" scored the next step's question, or
        # raised on a step without one).
        self.state = IDLE
        self._reveal += 1
        c = self.controller
        if c.playing:
            c.set_playing(False)
        if c.race is not None:
            c.set_race(False)
        self.drawing.clear()

    def boundary_shape(self):
        """A line for linear features, else a circle."""
        return "line" if tuple(self.controller.session.terms) == ("x1", "x2") else "circle"

    # -- the answer ------------------------------------------------------------------
    def choices(self):
        """(value, button text) of the answers to pick from (none for a drawn boundary)."""
        q = self.question
        if q is None or q.kind == sc.BOUNDARY:
            return []
        if q.kind == sc.REGIME:
            return [(c, text) for c, text in zip(sc.REGIME_CHOICES, (
                "Crawl", "Converge smoothly", "Oscillate", "Diverge"))]
        if q.kind == sc.RACE:
            return [(k, f"α = {a:g}") for k, a in enumerate(q.lanes)]
        return [(sc.ABOVE, "Above"), (sc.BELOW, "Below")]

    def choose(self, value):
        """The class's answer (one of :meth:`choices`' values); only while the question is open."""
        if self.state != ASKING:
            return
        if value not in [v for v, _ in self.choices()]:
            raise ValueError(f"{value!r} is not an answer to this question")
        self.answer = value
        self.changed.emit()

    def choose_number(self, k):
        """Alt+k: the k-th answer (1-based)."""
        choices = self.choices()
        if self.state == ASKING and 1 <= k <= len(choices):
            self.choose(choices[k - 1][0])

    def _drawing_changed(self):
        if self.state == ASKING and self.question is not None:
            if self.question.kind == sc.BOUNDARY:
                self.answer = self.drawing.answer()
            self.changed.emit()

    def prompt(self):
        """The question as the class must read it now.  The J line of "above or below"
        can be dragged, and the verdict judges the dragged J: the prompt says that J
        (it kept saying 0.1 while the line stood at 0.005)."""
        q = self.question
        if q is None:
            return ""
        if q.kind == sc.COST_AT and self.state in (ASKING, RUNNING, REVEALED):
            judged = self._threshold if self.state != ASKING else self.drawing.threshold_value()
            if judged is not None and not math.isclose(judged, q.threshold, rel_tol=1e-3):
                return (f"After {sc.steps_text(q.steps)}, will J be above or below "
                        f"{judged:.3g}? (the line moved from {q.threshold:g})")
        return q.default_prompt

    @property
    def can_reveal(self):
        return self.state == ASKING and self.answer is not None

    # -- reveal ----------------------------------------------------------------------
    def reveal(self, skip=False):
        """Run and show the answer.  Without an answer only ``skip`` (the teacher) runs it."""
        q = self.question
        if self.state != ASKING or q is None or (self.answer is None and not skip):
            if self.state == ASKING:
                self.message = "Predict first: the class answers, or skip (K)."
                self.changed.emit()
            return False
        if skip:
            self.answer = None
            self.drawing.clear()  # "No prediction" beside a drawn "your prediction" was false
        if q.kind == sc.COST_AT and self.answer is not None:
            q_threshold = self.drawing.threshold_value()
            self._threshold = q_threshold
        else:
            self._threshold = q.threshold
        self.drawing.release()
        self.drawing.show_threshold(self._threshold, q.steps if q.kind == sc.COST_AT else None)
        self.state = RUNNING
        self.message = ""
        c = self.controller
        self._start_iteration = 0 if q.kind == sc.RACE else c.session.iteration
        if q.kind == sc.RACE:
            boxes = c.races.boxes
            for k, box in enumerate(boxes):
                box.setValue(q.lanes[k] if k < len(q.lanes) else 0.0)
            c.set_race(True)
        else:
            c.set_playing(True)
        self.changed.emit()
        return True

    def draw(self, frame):
        """Every frame: while revealing, stop when the run has shown its answer."""
        if self.state != RUNNING:
            return
        q = self.question
        # A race's steps are its clock's (the frame's own iteration is the single run's,
        # the step shown one lane's, which stops when that lane does).
        now = frame.race_iteration if q.kind == sc.RACE else frame.iteration
        done_steps = now - self._start_iteration
        limit = q.steps or MAX_REVEAL_STEPS
        # Over when the N steps are run or the run ended itself (its stopping test, or
        # overflow) — not when the teacher pauses: a pause after 23 of 60 steps was
        # judged "After 60 steps J = 0.454" with J of step 23.
        ended = frame.word in (R.CONVERGED, R.DIVERGED)
        # "Until descent stops" on a run that bounces for good: at 12 steps a second
        # the 5,000 steps took 7 minutes.  The bounce has shown itself after a while.
        bouncing = (not q.steps and frame.word in (R.OSCILLATING, R.DIVERGING)
                    and done_steps >= BOUNCING_REVEAL_STEPS)
        if q.kind == sc.RACE:
            over = frame.race_finished or done_steps >= limit
        else:
            over = done_steps >= limit or (ended and not frame.playing) or bouncing
        if over:
            self.state = REVEALED  # once: later frames of this step change nothing
            QtCore.QTimer.singleShot(0, self, lambda token=self._reveal: self._finish(token))
            return
        if frame.playing:
            message = ""
        elif q.kind == sc.RACE:
            message = "Race paused: Play (Space) goes on with the reveal."
        elif q.steps:
            message = (f"Paused after {done_steps:,} of {q.steps:,} steps: Play (Space) goes "
                       "on with the reveal.")
        else:
            message = (f"Paused after {done_steps:,} steps: Play (Space) goes on until "
                       "descent stops.")
        if message != self.message:
            self.message = message
            self.changed.emit()

    def _finish(self, token=None):
        if token is not None and token != self._reveal:
            return  # the step was left (N / P) before this reveal's end was shown
        c = self.controller
        if c.playing:
            c.set_playing(False)
        frame = c.refresh()
        self.verdict = self._score(frame)
        q = self.question
        if q.kind == sc.COST_AT:
            self._show_judged_step(self._start_iteration + q.steps, frame.iteration)
        self.changed.emit()

    def _show_judged_step(self, target, now):
        """Descent runs between frames, so a reveal of "J after 200 steps" stopped at
        step 238–264: the screen said "step 255, J = 0.0126" beside "After 200 steps J =
        0.0144".  The history is shown at the judged step (the slider says so)."""
        if now <= target:
            return
        c = self.controller
        with c.worker.access(changes=False):
            its, _, _ = c.session.history.joined()
        k = int(np.searchsorted(its, target, side="right")) - 1
        if 0 <= k < len(its) - 1 and its[k] == target:
            self.window.scrub.setValue(k)  # as the slider is moved: it shows the step too

    def _score(self, frame):
        q, answer = self.question, self.answer
        if q.kind == sc.RACE:
            # A lane the step-size test stopped only because α is tiny won nothing.
            lanes = [(lane.learning_rate, None if lane.stalled else lane.converged_at,
                      lane.diverged) for lane in frame.lanes]
            if answer is None:
                return self._skipped(sc.score_race(0, lanes).details, frame)
            return sc.score_race(answer, lanes, [lane.fate for lane in frame.lanes])
        if q.kind == sc.REGIME:
            if answer is None:
                return self._skipped({}, frame)
            return sc.score_regime(answer, frame.word, _run_headline(frame), frame.explanation)
        if q.kind == sc.COST_AT:
            cost = self.cost_at(self._start_iteration + q.steps)
            with self.controller.worker.access(changes=False):
                stopped = self.controller.session.converged  # its stopping test ended it
            taken = frame.iteration - self._start_iteration if stopped else None
            if answer is None:
                return sc.Verdict("", f"{sc.cost_at_text(cost, q.steps, taken)}.")
            return sc.score_cost_at(answer, self._threshold, cost, q.steps, taken)
        # boundary
        if answer is None:
            return self._skipped({}, frame)
        (x0, x1), (y0, y1) = self.window.data_plot.view_rect()
        if answer[0] == "line":
            if tuple(frame.terms) != ("x1", "x2"):
                return sc.Verdict(sc.WRONG, "The features are not linear: the boundary is a "
                                            "curve, not a line.")
            return sc.score_line(answer[1], answer[2], frame.theta_raw, frame.points,
                                 frame.terms)
        return sc.score_circle(answer[1], answer[2], frame.theta_raw, frame.terms,
                               (x0, x1, y0, y1))

    def _skipped(self, _details, frame):
        return sc.Verdict("", f"No prediction. The run: {_run_headline(frame)}. "
                              f"{frame.explanation}".strip())

    def cost_at(self, iteration):
        """J at ``iteration`` from the run's history (interpolated where it was thinned)."""
        c = self.controller
        with c.worker.access(changes=False):
            its, costs = c.session.history.curve()
        if not len(its):
            return math.nan
        with np.errstate(invalid="ignore"):
            return float(np.interp(iteration, its, costs))

    # -- Play is held back while the class predicts --------------------------------------
    def _refuse_run(self):
        """The controller's run gate: why Play / Step must wait, or None."""
        if self.state != ASKING:
            return None
        self.message = "Predict first — then Reveal (V) runs it, or Skip (K)."
        self.changed.emit()
        return self.message

    def _hold_play(self, style):
        c = self.controller
        if self.state == ASKING and (c.playing or c.race is not None):
            if c.race is not None:
                c.set_race(False)
            c.set_playing(False)
            c.reset_same()  # the few steps taken before this stop show nothing away
            self.message = "Predict first — then Reveal (V) runs it, or Skip (K)."
            self.changed.emit()


def install_script(window, controller):
    """The Script menu, the script bar, the teacher's notes and the player; returns the player."""
    from .script_menu import build_menu

    player = ScriptPlayer(window, controller)
    window.script_player = player
    window.script_bar = ScriptBar(player, window)
    window.teacher_notes = TeacherNotes(player, window)
    controller.extra_presenters.append((player, lambda: player.state == RUNNING))
    build_menu(window, player)
    return player


def _run_headline(frame):
    """The run's headline without the status's play state: the verdict is about what
    descent did ("Paused: descending smoothly" and "Paused — Separable…" leaked in)."""
    headline = frame.headline
    for state in ("Paused — ", "Running: ", "Paused: "):
        if headline.startswith(state):
            rest = headline[len(state):]
            return rest[:1].upper() + rest[1:]
    return headline
