"""The one controller: owns the session, the animation timer and the undo stack.

Widgets are passive.  Every user action arrives here, changes the
:class:`core.Session`, and the controller pushes the result back into the
widgets (``refresh``).  The timer ticks only while playing: each tick takes
up to ``steps_per_frame`` descent steps within a time budget, then redraws
once.
"""

from __future__ import annotations

import math
import time

import numpy as np
from PySide6 import QtCore, QtGui

from core import Session
from core.descent import CONVERGED, DIVERGED, NO_DATA
from core.features import LINEAR, QUADRATIC
from core.lesson import Lesson

from . import commands, status_text
from .controls import blocked, slider_to_alpha
from .inside_presenter import InsidePresenter
from .landscape_view import LandscapePresenter
from .model_painter import ModelPainter
from .one_d_view import OneDPresenter
from .point_editor import PointEditor
from .race_presenter import RacePresenter

FRAME_MS = 16  # 60 frames per second
FRAME_S = 1 / 60
#: Descent time per frame adapts between these so that steps + drawing fill one frame.
STEP_BUDGET_MIN_S, STEP_BUDGET_MAX_S = 0.002, 0.012


class Controller(QtCore.QObject):
    """Signals: ``frameDrawn(float)`` (seconds the frame took), ``stateChanged(str)``,
    ``edited()``."""

    frameDrawn = QtCore.Signal(float)
    stateChanged = QtCore.Signal(str)
    edited = QtCore.Signal()  # points or settings changed: worth an autosave

    def __init__(self, window, session=None):
        super().__init__(window)
        self.window = window
        self.session = session or Session(learning_rate=0.5)
        self.playing = False
        self.steps_per_frame = 50
        self.undo_stack = QtGui.QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self.timer = QtCore.QTimer(self)
        self.timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.tick)
        self.step_budget = 0.008
        self._last_tick = None
        self._edited_since_tick = False
        self.painter = ModelPainter(window)
        self.editor = PointEditor(self)
        self._last_state = None
        self.scrubbing = None  # θ shown while scrubbing back through history
        self.landscape = LandscapePresenter(window.landscape, lambda: self.session)
        self.race = RacePresenter(window)
        self.one_d = OneDPresenter(window.one_d)
        self.inside = InsidePresenter(window)
        self._wire()
        self.push_settings()
        self.refresh(points_changed=True)

    # -- wiring -------------------------------------------------------------
    def _wire(self):
        w = self.window
        c = w.controls
        vb = w.data_plot.view_box
        self.editor.connect(vb)
        vb.sigRangeChanged.connect(lambda *_: self.draw_model())
        w.data_plot.resized = self.draw_model
        c.clear.clicked.connect(self.clear_points)
        c.feature_linear.clicked.connect(lambda: self.set_terms(LINEAR))
        c.feature_quadratic.clicked.connect(lambda: self.set_terms(QUADRATIC))
        for box in c.term_boxes.values():
            box.toggled.connect(self._terms_from_boxes)
        c.standardize.toggled.connect(self.set_standardize)
        c.play_pause.toggled.connect(self.set_playing)
        c.step.clicked.connect(self.step_once)
        c.reset.clicked.connect(self.reset_new)
        c.reset_same.clicked.connect(self.reset_same)
        c.learning_rate.valueChanged.connect(lambda v: self.set_learning_rate(slider_to_alpha(v)))
        c.learning_rate_value.valueChanged.connect(self.set_learning_rate)
        c.tolerance.valueChanged.connect(self.set_tolerance)
        c.steps_per_frame.valueChanged.connect(self.set_steps_per_frame)
        c.cost_log.toggled.connect(self.set_cost_log)
        w.status.lower_alpha.clicked.connect(self.lower_alpha)
        w.landscape.view_box.clicked.connect(self.set_landscape_point)
        w.scrub.valueChanged.connect(self.scrub_to)
        w.tabs.currentChanged.connect(lambda _: self.refresh())
        w.one_d.play.toggled.connect(lambda _: self._run_timer())
        c.race_group.toggled.connect(self.set_race)
        c.loss.currentIndexChanged.connect(lambda _: self.set_loss(c.loss.currentData()))
        c.show_pull.toggled.connect(lambda _: self.refresh())
        c.race_start.clicked.connect(lambda: self.set_race(True))

    # -- points -------------------------------------------------------------
    @property
    def selected_class(self):
        return 1 if self.window.controls.class_one.isChecked() else 0

    def select_class(self, label):
        (self.window.controls.class_one if label == 1 else self.window.controls.class_zero).setChecked(True)

    def nearest_point(self, x, y):
        return self.editor.nearest_point(x, y)

    def on_plot_click(self, x, y, button, modifiers):
        self.editor.click(x, y, button, modifiers)

    def inspect_point(self, index):
        """Follow example ``index`` through the computational graph (None: stop)."""
        self.inside.select(index)
        if index is not None:
            self.window.tabs.setCurrentWidget(self.window.graph_scroll)
        self.refresh()

    def add_point(self, x, y, label):
        self.undo_stack.push(commands.AddPoint(self, float(x), float(y), int(label)))

    def delete_point(self, index):
        self.undo_stack.push(commands.DeletePoint(self, index))

    def clear_points(self):
        if self.session.m:
            self.undo_stack.push(commands.ReplacePoints(self, np.zeros((0, 2)), np.zeros(0),
                                                        "Clear points"))

    def replace_points(self, points, labels, text):
        self.undo_stack.push(commands.ReplacePoints(self, points, labels, text))

    def apply_points(self, points, labels):
        """Called by the undo commands: the only way the data changes."""
        self.session.set_points(points, labels)
        self.inside.points_changed(len(points))
        self.restart_race()
        if self.playing:
            # The next frame comes within 16 ms and redraws everything anyway: show the
            # points now, and give that frame a short descent budget so it is on time.
            self.window.data_plot.set_points(self.session.points, self.session.labels)
            self._edited_since_tick = True
        else:
            self.refresh(points_changed=True)
        self.edited.emit()

    def load_lesson(self, lesson, undo_text="Open lesson"):
        """Apply a lesson (preset or file): settings, points (undoable), θ and view."""
        s = self.session
        s.set_terms(lesson.terms)
        s.set_standardize(lesson.standardize)
        s.loss = lesson.loss
        s.learning_rate = lesson.learning_rate
        s.tol = lesson.tol
        s.seed = lesson.seed
        self.steps_per_frame = lesson.steps_per_frame
        self.replace_points(lesson.points, lesson.labels, undo_text)
        s.reset()
        if lesson.theta is not None and len(lesson.theta) == len(s.terms) + 1:
            s.engine.iteration = lesson.iteration
            s.engine.history = type(s.engine.history)(len(lesson.theta))
            s.engine.set_theta(lesson.theta)
        self.set_view(lesson.view)
        self.push_settings()
        self.refresh(points_changed=True)

    def lesson(self, **extra):
        """The current state as a :class:`core.lesson.Lesson` (for saving)."""
        (x0, x1), (y0, y1) = self.window.data_plot.view_rect()
        return Lesson.from_session(self.session, steps_per_frame=self.steps_per_frame,
                                   view=(x0, x1, y0, y1), **extra)

    def load_first_preset(self):
        """Open on the lecture's first example, so the window is never empty at start."""
        menu = getattr(self.window, "preset_menu", None)
        if menu is not None and menu.lessons:
            menu.load(0)
            self.undo_stack.clear()
        else:
            self.set_view(None)

    def set_view(self, view=None):
        """Show (xmin, xmax, ymin, ymax), or all the points with a margin when None."""
        if view is None:
            pts = self.session.points
            if len(pts):
                lo, hi = pts.min(axis=0), pts.max(axis=0)
                # Relative to the magnitude too: 1e16 ± 0.5 is 1e16, a view of width 0.
                pad = np.maximum.reduce([(hi - lo) * 0.15, np.full(2, 0.5),
                                         1e-6 * np.maximum(np.abs(lo), np.abs(hi))])
                view = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
            else:
                view = (-3.0, 3.0, -3.0, 3.0)
        self.window.data_plot.view_box.setRange(xRange=view[:2], yRange=view[2:], padding=0)

    # -- features and settings ----------------------------------------------
    def set_terms(self, terms):
        self.scrubbing = None  # a new run: the old history is gone
        self.session.set_terms(terms)
        self.push_settings()
        self.restart_race()
        self.refresh()
        self.edited.emit()

    def _terms_from_boxes(self):
        boxes = self.window.controls.term_boxes
        extra = tuple(t for t in ("x1^2", "x1*x2", "x2^2") if boxes[t].isChecked())
        self.set_terms(LINEAR + extra)

    def set_standardize(self, on):
        self.scrubbing = None  # a new run: the old history is gone
        self.session.set_standardize(on)
        self.restart_race()
        self.refresh()
        self.edited.emit()

    def set_learning_rate(self, alpha):
        if not (alpha > 0 and math.isfinite(alpha)):
            return
        self.session.learning_rate = alpha
        self.window.controls.set_alpha(alpha)
        self.refresh()
        self.edited.emit()

    def multiply_learning_rate(self, factor):
        self.set_learning_rate(min(max(self.session.learning_rate * factor, 1e-6), 1e6))

    def lower_alpha(self):
        self.set_learning_rate(self.session.learning_rate / 10)
        self.set_playing(True)

    def set_loss(self, loss):
        """Cross-entropy or squared error; same θ, the cost curve starts again."""
        if loss == self.session.loss:
            return
        self.scrubbing = None  # a new run: the old history is gone
        self.session.loss = loss
        self.landscape.restart()
        self.push_settings()
        self.restart_race()
        self.refresh()
        self.edited.emit()

    def set_tolerance(self, tol):
        self.session.tol = tol
        self.refresh()
        self.edited.emit()

    def set_steps_per_frame(self, n):
        self.steps_per_frame = int(n)
        self.edited.emit()

    def set_cost_log(self, on):
        self.window.cost_plot.set_log(on)
        self.draw_cost()

    def push_settings(self):
        """Show the session's settings in the controls, without echoing signals."""
        self.window.controls.show_settings(self.session, self.steps_per_frame)

    def set_landscape_point(self, a, b):
        """A click on the landscape moves those two parameters; descent goes on from there."""
        if not (math.isfinite(a) and math.isfinite(b)) or self.session.m == 0:
            return
        theta = self.session.engine.theta
        theta[self.landscape.i] = a
        theta[self.landscape.j] = b
        self.session.engine.set_theta(theta)
        self.refresh()

    def scrub_to(self, k):
        """Show the run as it was at history entry k (the last entry is live)."""
        it, cost, thetas = self.session.engine.history.joined()
        if not len(it) or k >= len(it) - 1:
            self.scrubbing = None
        else:
            self.set_playing(False)
            self.scrubbing = (int(it[k]), float(cost[k]), thetas[k].copy())
        self.draw_model()
        self.draw_cost()
        self.draw_scrub_label()

    # -- running ------------------------------------------------------------
    def set_playing(self, on):
        on = bool(on)
        if on and self.scrubbing is not None:
            self.scrubbing = None  # Play returns to the live run
            self.refresh()
        if self.race.active:
            on = on and not self.race.race.finished
        elif on and (self.session.engine.state == NO_DATA or self.session.engine.converged):
            on = False
        if self.playing and not on:
            self.edited.emit()  # a pause is a good moment to autosave θ
        self.playing = on
        pp = self.window.controls.play_pause
        with blocked(pp):
            pp.setChecked(on)
            pp.setText("❚❚  Pause" if on else "▶  Play")
        self._run_timer()
        self.draw_status()

    def _run_timer(self):
        """The one timer runs while the main run or the 1-D picture plays."""
        if self.playing or self.one_d.playing:
            if not self.timer.isActive():
                self._last_tick = None  # a pause is not a slow frame
                self.timer.start()
        else:
            self.timer.stop()

    def toggle_playing(self):
        self.set_playing(not self.playing)

    def set_race(self, on):
        """Compare mode on (a new race from θ₀) or off (back to the single run)."""
        c = self.window.controls
        if on:
            if not any(box.value() for box in c.race_rates):
                a = self.session.learning_rate
                for box, rate in zip(c.race_rates, (a / 10, a, a * 10, 0.0)):
                    box.setValue(rate)
            c.race_result.setText(self.race.start(self.session))
            with blocked(c.race_group):
                c.race_group.setChecked(self.race.active)
        else:
            self.race.stop()
            c.race_result.setText("")
        self.landscape.lanes = self.race.engines()
        self.refresh()

    def _adapt_step_budget(self, now):
        """Feedback on the frame period: a frame longer than 1/60 s takes its excess out
        of the next frames' descent time; a frame on time gives a little back."""
        if self._last_tick is not None:
            period = now - self._last_tick
            # Aim a little under 1/60 s, so the slow frames (p95) still make 60 fps.
            target = 0.85 * FRAME_S
            if period > target:
                excess = min(period - target, 0.05)  # a one-off hiccup must not zero it
                self.step_budget = max(STEP_BUDGET_MIN_S, self.step_budget - 0.5 * excess)
            else:
                self.step_budget = min(STEP_BUDGET_MAX_S, self.step_budget + 0.0003)
        self._last_tick = now

    def tick(self):
        start = time.perf_counter()
        self._adapt_step_budget(start)
        if self.one_d.playing:
            self.one_d.tick()
        if not self.playing:
            self._run_timer()
            return
        if self.race.active:
            self.race.race.step(max(1, self.steps_per_frame), time_budget=self.step_budget)
            if self.race.race.finished:
                self.set_playing(False)
            self.refresh()
            self.frameDrawn.emit(time.perf_counter() - start)
            return
        edited, self._edited_since_tick = self._edited_since_tick, False
        budget = STEP_BUDGET_MIN_S if edited else self.step_budget
        self.session.step(self.steps_per_frame, time_budget=budget)
        state = self.session.engine.state
        if state in (CONVERGED, DIVERGED, NO_DATA):
            self.set_playing(False)
        # The frame that shows a click must be quick: the landscape waits one frame.
        self.refresh(landscape=not edited)
        self.frameDrawn.emit(time.perf_counter() - start)

    def step_once(self):
        self.set_playing(False)
        self.session.step(1)
        self.refresh()

    def step_back(self):
        self.set_playing(False)
        if self.session.engine.step_back():
            self.refresh()

    def reset_new(self):
        self.scrubbing = None  # a new run: the old history is gone
        self.session.reset(seed=int(np.random.default_rng().integers(0, 10_000)))
        self.push_settings()
        self.refresh()
        self.edited.emit()

    def reset_same(self):
        self.scrubbing = None  # a new run: the old history is gone
        self.session.reset()
        self.refresh()

    # -- drawing ------------------------------------------------------------
    def restart_race(self):
        """A race is on the same data and features from one θ₀: when those change,
        it starts again rather than mix lanes of the old problem with the new."""
        if self.race.active:
            self.window.controls.race_result.setText(self.race.start(self.session))
            self.landscape.lanes = self.race.engines()

    def refresh(self, points_changed=False, landscape=True):
        if points_changed:
            self.window.data_plot.set_points(self.session.points, self.session.labels)
        self.draw_model()
        self.draw_cost()
        self.draw_status()
        self.draw_scrub()
        self.inside.draw(self.session)
        if landscape and self.window.tabs.currentWidget() is self.window.landscape:
            self.landscape.frame()
            if self.scrubbing is not None:
                self.landscape.show_theta(self.scrubbing[2])

    def draw_scrub(self):
        n = self.session.engine.history.joined_length()
        scrub = self.window.scrub
        with blocked(scrub):
            scrub.setRange(0, max(n - 1, 0))
            if self.scrubbing is None:
                scrub.setValue(max(n - 1, 0))
        self.draw_scrub_label()

    def draw_scrub_label(self):
        if self.scrubbing is None:
            self.window.scrub_label.setText("History: live")
        else:
            self.window.scrub_label.setText(f"Viewing step {self.scrubbing[0]:,}")

    def draw_model(self):
        if self.scrubbing is not None and len(self.scrubbing[2]) != len(self.session.terms) + 1:
            self.scrubbing = None  # the features changed under the scrubbed θ
        theta = None if self.scrubbing is None else self.scrubbing[2]
        grid = self.painter.draw(self.session, theta, show_boundary=not self.race.active)
        self.race.draw(self.session, grid)

    def draw_cost(self):
        it, cost = self.session.engine.history.curve()
        marker = None if self.scrubbing is None else self.scrubbing[:2]
        self.window.cost_plot.set_curve(it, cost, marker)

    def state_word(self):
        return status_text.state_word(self.session, self.playing)

    def draw_status(self):
        s, e, st = self.session, self.session.engine, self.window.status
        race = self.race.race if self.race.active else None
        word, headline, explanation = status_text.describe(s, self.playing, race)
        st.state.setText(headline)
        if st.state.property("state") != word:  # the stylesheet colours the state
            st.state.setProperty("state", word)
            st.state.style().unpolish(st.state)
            st.state.style().polish(st.state)
        st.explanation.setText(explanation)
        st.explanation.setVisible(bool(explanation))
        # Shown for any α above α* too, so it does not flicker while the state word
        # changes between frames of an unstable run.
        st.lower_alpha.setVisible(word in status_text.TROUBLE or s.learning_rate > s.alpha_star())
        st.iteration.setText(f"Iteration {e.iteration:,}")
        st.cost.setText("J = —" if e.cost is None else f"J = {e.cost:.6g}")
        st.grad_norm.setText("‖dw‖ = —" if e.grad_norm is None
                             else f"‖dw‖ = {e.grad_norm:.3g}  (ε = {s.tol:g})")
        self.window.controls.stability.set_alpha_star(s.alpha_star())
        st.alpha_star.setText(status_text.alpha_text(s))
        st.likelihood.setText(status_text.likelihood_text(s))
        acc = s.accuracy()
        st.accuracy.setText("accuracy —" if acc is None else f"accuracy {acc:.1%} of {s.m:,}")
        self.window.equations.scaling.setText(
            "Features standardized: descent runs on (feature − mean) / std; equations shown in "
            "original units." if s.standardize else "Raw features (not standardized).")
        appearance = getattr(self.window, "appearance", None)
        if appearance is not None:
            cost = "—" if e.cost is None else f"{e.cost:.4g}"
            appearance.update_overlay(
                f"{headline}\nstep {e.iteration:,}   J = {cost}   α = {s.learning_rate:g}")
        if word != self._last_state:
            self._last_state = word
            self.stateChanged.emit(word)
