"""Compare mode: two to four learning rates raced in lock-step from one θ⁰."""

from __future__ import annotations

from core.race import Race


class RaceControl:
    """Owns the :class:`core.race.Race` (or None) built from the rate boxes.

    Called with the descent worker's lock held whenever it changes the race,
    since the worker steps it.
    """

    def __init__(self, rate_boxes):
        self.boxes = rate_boxes
        self.race = None

    def rates(self):
        return [box.value() for box in self.boxes if box.value() > 0]

    def fill_defaults(self, alpha):
        """α/10, α and 10α when the boxes are empty: the lecture's too small / right / too large."""
        if not any(box.value() for box in self.boxes):
            for box, rate in zip(self.boxes, (alpha / 10, alpha, alpha * 10, 0.0)):
                box.setValue(rate)

    def start(self, session):
        """A new race on the session's data and settings; '' or why it cannot start."""
        rates = self.rates()
        self.race = None
        if session.m == 0:
            return "Add points first."
        if not 2 <= len(rates) <= 4:
            return "Give two to four positive learning rates."
        self.race = Race.from_session(session, rates)
        return ""

    def restart(self, session):
        """Same data and features from one θ⁰: when those change, the race starts again
        rather than mix lanes of the old problem with the new."""
        if self.race is not None:
            self.start(session)

    def stop(self):
        self.race = None

    def step(self, n):
        """n lock-step steps of every unfinished lane: (steps taken, race over)."""
        before = self.race.iteration
        self.race.step(n)
        return self.race.iteration - before, self.race.finished
