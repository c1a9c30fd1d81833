"""Feeds the status panel, the presentation overlay, α* on the slider and the race result."""

from __future__ import annotations

import time

import core.regime as R

from . import status_text

#: Holds a lane's words on one line of the presentation strip.
NBSP = "\u00a0"
#: While playing, words and numbers change at most this often: nobody reads digits
#: that change 60 times a second, and every new text is a relayout of its panel.
TEXT_INTERVAL_S = 0.1


class StatusPresenter:
    """Writes a frame's words and numbers; a label is touched only when its text changes
    (a new text is a relayout of the panel)."""

    def __init__(self, panel, overlay, stability_bar, race_result, race_start):
        self.panel = panel
        self.overlay = overlay
        self.stability = stability_bar
        self.race_result = race_result
        self.race_start = race_start
        self._alpha_star = None
        self._last = 0.0

    def draw(self, frame):
        now = time.perf_counter()
        # A new state word is shown at once; only the numbers wait.
        if (frame.animating and now - self._last < TEXT_INTERVAL_S
                and frame.headline == self.panel.state.text()):
            return
        self._last = now
        st = self.panel
        if st.state.property("state") != frame.style:  # the stylesheet colours the state
            st.state.setProperty("state", frame.style)
            st.state.style().unpolish(st.state)
            st.state.style().polish(st.state)
        _set(st.state, frame.headline)
        _set(st.explanation, frame.explanation)
        if st.explanation.isVisibleTo(st) != bool(frame.explanation):
            st.explanation.setVisible(bool(frame.explanation))
        lower = frame.action == "lower_alpha"
        if st.lower_alpha.isVisibleTo(st) != lower:
            st.lower_alpha.setVisible(lower)
        other = frame.action is not None and not lower
        if other:
            _set(st.action, status_text.ACTION_TEXT[frame.action])
            st.action.setProperty("action", frame.action)
        if st.action.isVisibleTo(st) != other:
            st.action.setVisible(other)
        shown = frame.shown
        # In a race every number below is one lane's, at its own step: the line names it.
        # "step", as the headline ("Converged after 30 steps"), the overlay and the history.
        _set(st.iteration, f"{shown.lane}: step {shown.iteration:,}" if shown.lane
             else f"Step {shown.iteration:,}")
        _set(st.cost, "J = —" if shown.cost is None else f"J = {shown.cost:.6g}")
        _set(st.grad_norm, "‖dw‖ = —" if frame.grad_norm is None
             else f"‖dw‖ = {R.sig3(frame.grad_norm)}  (ε = {frame.tol:g})")
        acc = frame.accuracy
        _set(st.accuracy, "accuracy —" if acc is None else f"accuracy {acc:.1%} of {frame.m:,}")
        _set(st.alpha_star, status_text.alpha_text(frame.learning_rate, frame.alpha_star,
                                                   frame.standardize, lane=bool(shown.lane)))
        _set(st.likelihood, status_text.likelihood_text(frame.loss, frame.m, _data_loss(frame),
                                                        penalized=frame.l2 > 0))
        if frame.alpha_star != self._alpha_star:
            self._alpha_star = frame.alpha_star
            self.stability.set_alpha_star(frame.alpha_star)
        if frame.lanes:
            # The result of a finished race stays on screen (with its replay) until
            # compare mode is switched off; a reason it cannot start stays too.
            _set(self.race_result, frame.race_summary)
        _set(self.race_start, "Replay race" if frame.race_finished else "Start race")
        if self.overlay.isVisible():
            if frame.lanes:
                # The race's headline has its step: the second line is each lane's J.
                # A lane's words are held together (no-break spaces): at 1024×768 the
                # line wrapped as "… α" / "1: J = 0.36".
                second = "   ".join(f"α {lane.learning_rate:g}: J = {_cost(lane.curve[1])}"
                                   .replace(" ", NBSP) for lane in frame.lanes)
            else:
                cost = "—" if shown.cost is None else f"{shown.cost:.4g}"
                second = f"step {shown.iteration:,}   J = {cost}   α = {frame.learning_rate:g}"
            text = f"{frame.headline}\n{second}"
            if self.overlay.text() != text:
                self.overlay.setText(text)
                self.overlay.adjustSize()


def _data_loss(frame):
    """The data loss at the step shown (live, scrubbed to, or a race's leading lane):
    J without the L2 penalty, the likelihood's −log P / m (app/frame.py Shown)."""
    shown = frame.shown
    if shown.other_data:  # J of the points before an edit: not −log P / m of today's
        return None
    return shown.data_cost if frame.l2 and shown.data_cost is not None else shown.cost


def _cost(costs):
    return f"{costs[-1]:.3g}" if len(costs) else "—"


def _set(label, text):
    if label.text() != text:
        label.setText(text)
