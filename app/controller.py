"""The one controller: owns the session, the animation timer, the undo stack and the settings.

Widgets are passive and presenters draw.  Every user action arrives here and
changes the :class:`core.Session` inside ``worker.access()`` (so it lands at a
step boundary of the descent worker), then ``refresh`` takes one immutable
:class:`app.frame.Frame` and hands it to the presenters of the visible panels.
While playing, descent runs on the worker's thread (flat out, in the descent
process, :mod:`core.stepper`) and the timer only draws the newest frame, 60
times a second.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from core import Session
from core.lesson import Lesson

from . import commands, frame
from .controller_edits import LectureSettings, PointEdits
from .controls import blocked
from .cost_presenter import CostPresenter
from .descent_worker import DescentWorker
from .gc_guard import GarbageCollector
from .inside_presenter import GraphPresenter, SigmoidPresenter
from .landscape_presenter import LandscapePresenter
from .model_presenter import ModelPresenter
from .one_d_presenter import OneDPresenter
from .one_paint import OnePaint
from .point_editor import PointEditor
from .race_control import RaceControl
from .run_settings import FRAME_MS, RunSettings
from .status_presenter import StatusPresenter
from .wiring import wire

#: Above this many feature values (X.size) the run is stepped here, not in the descent
#: process: each step is then long numpy work that leaves the GIL free anyway.
REMOTE_MAX_FLOATS = 1_000_000


class Controller(PointEdits, LectureSettings, RunSettings, QtCore.QObject):
    """Signals: ``frameDrawn(float)`` (seconds the frame took), ``stateChanged(str)``,
    ``edited()``."""

    frameDrawn = QtCore.Signal(float)
    stateChanged = QtCore.Signal(str)
    edited = QtCore.Signal()  # points or settings changed: worth an autosave
    pointsPrepared = QtCore.Signal(int)  # a big edit's thread is done (its token)

    def __init__(self, window, session=None):
        super().__init__(window)
        self.window = window
        self.session = session or Session(learning_rate=0.5)
        self.worker = DescentWorker()
        self.worker.job = self._descend
        self.worker.remote = self._remote
        self.worker.absorb = self._absorb
        self.worker.before_change = self._before_change
        self._init_edits()
        self.playing = False
        self.steps_per_frame = 50
        self.races = RaceControl(window.controls.race_rates)
        self.slowed = False  # descent slowed down to show a bounce
        # Why descent may not run now (e.g. the class has not predicted yet), or None.
        self.run_gate = lambda: None
        # (iteration, J, θ) of the history entry viewed, or None; any change of the
        # session leaves that view (_before_change).
        self.scrubbing = None
        self.last_frame = None
        self._last_word = None
        self._drawn_version = -1
        self._views = None  # every plot of the window, painted together each frame
        self._one_paint = OnePaint(window)
        self.undo_stack = QtGui.QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        # Edit ▸ Undo stops here (a lesson script's step start): Ctrl+Z during a question
        # brought back the previous step's data while this step's question stayed open.
        self.undo_floor = None
        self.timer = QtCore.QTimer(self)
        self.timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self.tick)
        self.gc_guard = GarbageCollector(self)
        w = window
        self.model = ModelPresenter(w.data_plot, w.equations)
        self.cost = CostPresenter(w.cost_plot, w.scrub, w.scrub_label)
        self.status = StatusPresenter(w.status, w.overlay, w.controls.stability,
                                      w.controls.race_result, w.controls.race_start)
        self.landscape = LandscapePresenter(w.landscape)
        self.sigmoid = SigmoidPresenter(w.sigmoid_view)
        self.graph = GraphPresenter(w.graph_panel)
        self.one_d = OneDPresenter(w.one_d)
        self.editor = PointEditor(self, w.data_plot)
        #: More panels to feed each frame: (presenter, is_visible) pairs, drawn after the
        #: built-in ones when is_visible() (e.g. the lecture's slides, app/lecture_panel.py).
        self.extra_presenters = []
        wire(self, w)
        self.push_settings()
        self.refresh()

    def shutdown(self):
        """The window is closing: stop the timers and the worker thread."""
        self.finish_edits()  # what a signal's autosave keeps next holds every edit
        self.set_playing(False)
        self.timer.stop()
        self.gc_guard.stop()
        self.worker.shutdown()

    def undo(self):
        """Edit ▸ Undo (Ctrl+Z), not past :attr:`undo_floor`."""
        if self.undo_floor is not None and self.undo_stack.index() <= self.undo_floor:
            self.window.statusBar().showMessage(
                "Undo stops at the start of this lesson step: Back (P) goes to the previous "
                "step.", 6000)
            return
        self.undo_stack.undo()

    def load_lesson(self, lesson, undo_text="Open lesson"):
        """Open a lesson (preset or file): its setup, points, θ and view, as one step Undo
        takes back whole (:class:`app.commands.OpenLesson`)."""
        try:
            before = self.lesson()
        except ValueError:  # a setup no lesson can hold: Undo brings the points back
            before = None
        self.undo_stack.push(commands.OpenLesson(self, lesson, before, undo_text))

    def apply_lesson(self, lesson):
        """Put a lesson on screen (OpenLesson's redo and undo): settings, points, θ, view."""
        s = self.session
        with self.worker.access():
            s.set_terms(lesson.terms)
            s.set_standardize(lesson.standardize)
            s.loss = lesson.loss
            s.learning_rate = lesson.learning_rate
            s.tol = lesson.tol
            s.seed = lesson.seed
            s.l2, s.update, s.stop = lesson.l2, lesson.update, lesson.stop
            self.steps_per_frame = lesson.steps_per_frame
            self.apply_points(lesson.points, lesson.labels)  # held: lands at once
            s.reset()
            if lesson.theta is not None and len(lesson.theta) == len(s.terms) + 1:
                s.restore(lesson.theta, lesson.iteration)
            self.races.restart(self.session)
        self._set_pace()
        self.set_view(lesson.view)
        self.push_settings()
        self.refresh()

    def lesson(self, **extra):
        """The current state as a :class:`core.lesson.Lesson` (for saving)."""
        (x0, x1), (y0, y1) = self.window.data_plot.view_rect()
        self.finish_edits()  # the lesson holds the points the user sees
        with self.worker.access(changes=False):
            return Lesson.from_session(self.session, steps_per_frame=self.steps_per_frame,
                                       view=(x0, x1, y0, y1), **extra)

    def set_view(self, view=None):
        """Show (xmin, xmax, ymin, ymax), or all the points with a margin when None."""
        if view is None:
            pts = self.points
            if len(pts):
                lo, hi = pts.min(axis=0), pts.max(axis=0)
                # Relative to the magnitude too: 1e16 ± 0.5 is 1e16, a view of width 0.
                pad = np.maximum.reduce([(hi - lo) * 0.15, np.full(2, 0.5),
                                         1e-6 * np.maximum(np.abs(lo), np.abs(hi))])
                view = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
            else:
                view = (-3.0, 3.0, -3.0, 3.0)
        self.window.data_plot.view_box.setRange(xRange=view[:2], yRange=view[2:], padding=0)

    def view_changed(self, *_):
        if self.last_frame is not None:
            self.model.draw_model(self.last_frame)

    def set_landscape_point(self, a, b):
        """A click on the landscape moves those two parameters; descent goes on from there."""
        if not (math.isfinite(a) and math.isfinite(b)) or self.session.m == 0:
            return
        with self.worker.access():
            theta = self.session.theta
            theta[self.landscape.i] = a
            theta[self.landscape.j] = b
            self.session.set_theta(theta)
        self.refresh()

    def _before_change(self):
        """Called before every change of the session (``worker.access()``): a step, a step
        back, an edit, a new α, θ or run.  The history viewed is then no longer the
        run's (its steps stepped back over, its J on other data, its θ in another
        scaling), so the window returns to the live run; and an edit still being
        prepared lands first, so changes land in the order they were made."""
        self.scrubbing = None
        self.finish_edits()

    def scrub_to(self, k):
        """Show the run as it was at history entry k (the last entry is live)."""
        with self.worker.access(changes=False):
            it, cost, thetas = self.session.history.joined()
        if not len(it) or k >= len(it) - 1:
            self.scrubbing = None
        else:
            # Set before pausing: the pause's own frame must show this step, not snap
            # the slider back to the live end.
            self.scrubbing = (int(it[k]), float(cost[k]), thetas[k].copy())
            if self.playing:
                self.set_playing(False)
        self.refresh()

    # -- running ------------------------------------------------------------
    def _descend(self, n):
        """The worker's job (called with the lock held): n steps of the run or the race."""
        if self.race is not None:
            return self.races.step(n)
        s = self.session
        done = s.step(n)
        return done, s.m == 0 or s.converged or s.diverged

    def _remote(self):
        """The single run, for the descent process (lock held); None in a race, or when
        the examples are so many that shipping them on every edit costs more than it saves."""
        s = self.session
        if self.race is not None or s.m == 0 or s.X.size > REMOTE_MAX_FLOATS:
            return None
        return s.run_state()

    def _absorb(self, steps):
        s = self.session
        done = s.absorb(steps)
        return None if done is None else (done, s.m == 0 or s.converged or s.diverged)

    def _gated(self):
        why = self.run_gate()
        if why:
            self.window.statusBar().showMessage(why, 5000)
        return bool(why)

    def set_playing(self, on):
        on = bool(on) and not (on and self._gated())
        if on and self.scrubbing is not None:
            self.scrubbing = None  # Play returns to the live run
        if on:
            self.finish_edits()  # Play runs on the data the user sees
        s = self.session
        if self.race is not None:
            on = on and not self.race.finished
        elif on and (s.m == 0 or s.converged):
            on = False
        if self.playing and not on:
            self.edited.emit()  # a pause is a good moment to autosave θ
        self.playing = on
        if on:
            self._set_pace()
            self.worker.start()
        else:
            self.finish_edits()  # an edit landing is a change: it leaves the history view
            viewing = self.scrubbing
            self.worker.stop()  # waits for a step boundary; a pause changes nothing, so
            self.scrubbing = viewing  # the step viewed stays on screen
        self._show_playing()
        self.refresh()

    def _show_playing(self):
        pp = self.window.controls.play_pause
        with blocked(pp):
            pp.setChecked(self.playing)
            pp.setText("❚❚  Pause" if self.playing else "▶  Play")
        self.run_timer()

    def run_timer(self):
        """The one timer runs while the main run or the 1-D picture plays."""
        if self.playing or self.one_d.playing:
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def toggle_playing(self):
        self.set_playing(not self.playing)

    @property
    def race(self):
        """The core.race.Race in compare mode, else None."""
        return self.races.race

    def set_race(self, on):
        """Compare mode on (a new race from θ⁰, running at once) or off (the single run)."""
        c = self.window.controls
        if on:
            self.races.fill_defaults(self.session.learning_rate)
        with self.worker.access():
            problem = self.races.start(self.session) if on else ""
            if not on:
                self.races.stop()
        with blocked(c.race_group):
            c.race_group.setChecked(self.race is not None)
        c.race_result.setText(problem)
        self.set_playing(self.race is not None or self.playing)

    def tick(self):
        """One frame: draw the newest state the worker published."""
        start = QtCore.QElapsedTimer()
        start.start()
        if self.one_d.playing:
            self.one_d.tick()
        if not self.playing:
            self.run_timer()
            return
        if self.worker.version != self._drawn_version:
            # Slowed to show each overshoot, every step is a frame the class reads: its
            # numbers are not throttled (at 12 steps a second the 10-a-second texts
            # showed step 63 beside step 64's boundary, and skipped every other step).
            self.refresh(animating=not self.slowed)
        self.frameDrawn.emit(start.nsecsElapsed() / 1e9)

    def _paint_now(self):
        """Paint the frame now, all plots in one go, before the worker steps again.

        Left to the event loop one frame became three paints apart, the worker,
        released by the first, fought the other two for the GIL, and a timer tick
        could slip in before the frame that shows a click; OnePaint makes the three
        plots one pass of the window.
        """
        if self._views is None:
            self._views = self.window.findChildren(pg.GraphicsView)
        if any(v.viewport().paintingActive() for v in self._views):
            return  # asked from inside a paint (a range change): that paint shows it
        self._one_paint.paint(self._views)
        self.worker.frame_painted()

    def step_once(self):
        if self._gated():
            return
        self.set_playing(False)
        with self.worker.access():
            if self.race is not None:
                self.race.step(1)
            else:
                self.session.step(1)
        self.refresh()

    def step_back(self):
        self.set_playing(False)
        viewing = self.scrubbing is not None
        with self.worker.access():  # leaves the history view, even at the first step
            moved = self.race is None and self.session.step_back()
        if moved or viewing:
            self.refresh()

    def reset_new(self):
        seed = int(np.random.default_rng().integers(0, 10_000))
        self._new_run(lambda: self.session.reset(seed=seed))

    def reset_same(self):
        self._new_run(self.session.reset)

    # -- drawing ------------------------------------------------------------
    def refresh(self, animating=False):
        """Take one frame and hand it to the presenters of the panels on screen.

        ``animating``: a frame of the running animation (the timer's), whose
        numbers may wait a few frames; any other frame answers an action and
        shows everything at once."""
        # The worker waits until the frame is painted (_paint_now): a click's frame
        # painted while descent held the GIL took 37 ms instead of 8 at 10,000 points.
        self.worker.frame_started()
        stopped = False
        with self.worker.access(changes=False):
            s = self.session
            done = self.race is None and (s.m == 0 or s.converged or s.diverged)
            if self.playing and (self.worker.stopped_by_itself or done):
                # Converged, diverged or the race is over: this frame shows it paused.
                self.playing, stopped, animating = False, True, False
                self.worker.stop()
            self._drawn_version = self.worker.version
            f = frame.take(self.session, version=self._drawn_version, playing=self.playing,
                           animating=animating, scrubbed=self.scrubbing, race=self.race)
        self.last_frame = f
        if stopped:
            self._show_playing()
            self.edited.emit()
        self.model.draw(f)
        self.cost.draw(f)
        self.status.draw(f)
        tab = self.window.tabs.currentWidget()
        w = self.window
        if tab is w.landscape:
            self.landscape.draw(f)
        elif tab is w.sigmoid_view:
            self.sigmoid.draw(f)
        elif tab is w.graph_scroll:
            self.graph.draw(f)
        for presenter, is_visible in self.extra_presenters:
            if is_visible():
                presenter.draw(f)
        self._slow_for_bounce(f.word)
        if f.style != self._last_word:
            self._last_word = f.style
            self.stateChanged.emit(f.style)
        self._paint_now()
        return f

    def state_word(self):
        """The word the window shows: the regime's, or running / paused / racing."""
        return self.last_frame.style
