"""Feeds the cost plot and the history scrubber under it."""

from __future__ import annotations

import time

from core.history import for_pixels

from .controls import blocked


#: How often the scrubber follows the live run while it plays (seconds).
SCRUB_INTERVAL_S = 0.1


class CostPresenter:
    """Draws cost_history (or the race's lanes) and keeps the scrubber on the step shown."""

    def __init__(self, cost_plot, scrub, scrub_label):
        self.plot = cost_plot
        self.scrub = scrub
        self.scrub_label = scrub_label
        self._scrub_at = 0.0

    def draw(self, frame):
        columns = self._columns()
        if frame.lanes:
            self.plot.set_lanes([(f"α = {lane.learning_rate:g}", *for_pixels(*lane.curve, columns))
                                 for lane in frame.lanes])
        else:
            self.plot.set_lanes([])
            it, cost = for_pixels(*frame.curve, columns)
            shown = frame.shown
            marker = (shown.iteration, shown.cost) if shown.scrubbed else None
            self.plot.set_curve(it, cost, marker)
        self.draw_scrub(frame)

    def _columns(self):
        """Device pixels across the plot: the curve needs no more points than that."""
        vb = self.plot.getPlotItem().vb
        return max(int(vb.width() * self.plot.devicePixelRatioF()), 100)

    def draw_scrub(self, frame):
        # While the live run plays the handle sits at the right end whatever the
        # range, but each new range repainted the slider and every panel behind
        # it (eight widgets a frame): ten times a second is enough.
        if frame.animating and not frame.shown.scrubbed:
            now = time.perf_counter()
            if now - self._scrub_at < SCRUB_INTERVAL_S:
                return
            self._scrub_at = now
        else:
            self._scrub_at = 0.0  # the first frame of the next run follows at once
        n = frame.history_length
        # Nothing to scrub (a race, or no step yet): greyed, not a live handle at the left.
        if self.scrub.isEnabled() != (n > 1):
            self.scrub.setEnabled(n > 1)
        with blocked(self.scrub):
            if self.scrub.maximum() != max(n - 1, 0):
                self.scrub.setRange(0, max(n - 1, 0))
            if not frame.shown.scrubbed:
                self.scrub.setValue(max(n - 1, 0))
        text = (f"Viewing step {frame.shown.iteration:,}" if frame.shown.scrubbed
                else "History: live")
        if self.scrub_label.text() != text:
            self.scrub_label.setText(text)
