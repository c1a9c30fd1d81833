"""Presentation mode's stage from the keyboard: which companion panel stands next to
the data plot, and where a presenter remote's keys go.

A remote sends PageUp / PageDown (α × 3 / ÷ 3), sometimes ← / → (step back / step),
F5 and Esc (in and out of presentation mode) and B or "." (its blank-screen key:
here, play / pause).  C and Shift+C cycle the companion.  While the 1-D slide is
the companion, the run's keys drive the slide instead.
"""

from __future__ import annotations

import numpy as np

from .main_window import COMPANIONS

NAMES = [name for name, _ in COMPANIONS]
TITLES = dict(COMPANIONS)


class Stage:
    """Owns nothing but the choice of companion; the window lays it out, the
    controller runs what the keys ask."""

    def __init__(self, window, controller):
        self.window, self.controller = window, controller
        self._started_race = False  # the race companion turned compare mode on
        self.actions = {}  # name → the View ▸ Companion menu's checkable action

    @property
    def presenting(self):
        return self.window.presentation

    @property
    def companion(self):
        return self.window.companion

    # -- the companion ----------------------------------------------------------------
    def select(self, name):
        if name not in NAMES:
            raise ValueError(f"no companion {name!r}; one of {NAMES}")
        old = self.window.companion
        if old == "race" and name != "race" and self._started_race:
            self._started_race = False
            if self.controller.race is not None:
                self.window.controls.race_group.setChecked(False)
        self.window.show_companion(name)
        if name == "race" and self.controller.race is None:
            self._started_race = True
            self.window.controls.race_group.setChecked(True)
        if name == "graph" and self.controller.graph.selected is None:
            self._follow_worst_point()
        for key, action in self.actions.items():
            action.setChecked(key == name)
        self.window.statusBar().showMessage(f"Companion panel: {TITLES[name]}", 3000)
        self.controller.refresh()

    def cycle(self, step=1):
        """Presentation: the next companion; normal mode: the next tab."""
        if self.presenting:
            k = NAMES.index(self.companion)
            self.select(NAMES[(k + step) % len(NAMES)])
        else:
            tabs = self.window.tabs
            tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())

    def _follow_worst_point(self):
        """The graph needs an example: follow the one the model gets most wrong."""
        f = self.controller.last_frame
        if f is None or f.m == 0:
            return
        self.controller.inspect_point(int(np.argmax(np.abs(f.a - f.labels))))

    # -- keys -------------------------------------------------------------------------
    @property
    def _slide(self):
        """The 1-D presenter when the 1-D slide is on stage, else None."""
        if self.presenting and self.companion == "one_d":
            return self.controller.one_d
        return None

    def play(self):
        if self._slide is not None:
            self.window.one_d.play.toggle()
        else:
            self.controller.toggle_playing()

    def step(self):
        if self._slide is not None:
            self._slide.step()
        else:
            self.controller.step_once()

    def step_back(self):
        if self._slide is not None:
            self._slide.step_back()
        else:
            self.controller.step_back()

    def alpha(self, factor):
        """α × factor, or on the 1-D slide the next / previous of its α buttons."""
        slide = self._slide
        if slide is None:
            self.controller.multiply_learning_rate(factor)
            return
        values = sorted(self.window.one_d.presets)
        now = self.window.one_d.alpha.value()
        if factor > 1:
            nxt = next((v for v in values if v > now + 1e-9), values[-1])
        else:
            nxt = next((v for v in reversed(values) if v < now - 1e-9), values[0])
        self.window.one_d.alpha.setValue(nxt)

    def leave(self):
        """Esc: out of presentation mode, else out of full screen."""
        w = self.window
        if w.presentation:
            w.presentation_action.setChecked(False)
            w.appearance.set_presentation(False)
        elif w.isFullScreen():
            w.full_screen_action.setChecked(False)
            w.showNormal()
