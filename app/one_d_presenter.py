"""Feeds the 1-D tab: the lecture's J(w) = (w − 2)², stepped by w ← w − α·dJ/dw.

Unlike the other presenters it does not draw the run's frame: the tab is the lecture's
own demonstration, so this presenter keeps its own small state (the iterates w⁰, w¹, …,
and the frames counted while it plays) and the controller's timer calls tick().
"""

from __future__ import annotations

import numpy as np

from core import one_d

FRAMES_PER_STEP = 20  # a step every third of a second, slow enough to follow


class OneDPresenter:
    """Iterates w ← w − α·dJ/dw, one per Step (or per few frames while playing)."""

    def __init__(self, view):
        self.view = view
        self.w0 = 6.0
        self.ws = [self.w0]
        self.frames = 0
        view.step.clicked.connect(self.step)
        view.reset.clicked.connect(self.reset)
        view.alpha.valueChanged.connect(lambda _: self.reset())
        view.play.toggled.connect(self._play_toggled)
        for value, button in view.presets.items():
            button.clicked.connect(lambda _=False, v=value: view.alpha.setValue(v))
        self.draw()

    @property
    def playing(self):
        return self.view.play.isChecked()

    def _play_toggled(self, on):
        self.view.play.setText("❚❚ Pause" if on else "▶ Play")

    def reset(self):
        self.ws = [self.w0]
        self.draw()

    def step(self):
        alpha = self.view.alpha.value()
        nxt = one_d.iterates(self.ws[-1], alpha, 1)
        if len(nxt) == 2:
            self.ws.append(nxt[1])
        elif self.playing:
            self.view.play.setChecked(False)
        self.draw()

    def step_back(self):
        """Forget the newest iterate (a presenter remote's ←)."""
        if len(self.ws) > 1:
            self.ws.pop()
            self.draw()

    def tick(self):
        """Called by the controller's timer every frame while playing."""
        self.frames += 1
        if self.frames % FRAMES_PER_STEP == 0:
            self.step()
            if len(self.ws) > 60:
                self.view.play.setChecked(False)

    def draw(self):
        v = self.view
        ws = np.array(self.ws)
        # Keep every iterate in view: a diverging run (α > 1) widens the axes, so the
        # class sees w¹⁵ = −14.7 on the parabola rather than off the edge (issue 12).
        far = float(np.max(np.abs(ws - 2.0)))
        half = max(5.0, 1.15 * far + 1.0)
        half = 5.0 if half <= 5.0 else float(2.0 ** np.ceil(np.log2(half)))  # coarse steps
        v.set_w_range(2.0 - half, 2.0 + half)
        v.steps.setData(ws, one_d.J(ws))
        # Tangent at each iterate: slope dJ/dw, drawn over ±1 in w.
        xs, ys = [], []
        for w in ws[-12:]:
            slope = one_d.dJ(w)
            xs += [w - 1, w + 1]
            ys += [one_d.J(w) - slope, one_d.J(w) + slope]
        v.tangents.setData(np.array(xs), np.array(ys))
        v.set_labels([(f"w{_superscript(k)}", w, one_d.J(w))
                      for k, w in enumerate(ws[-8:], start=max(0, len(ws) - 8))])
        w = ws[-1]
        d = one_d.dJ(w)
        # dJ/dw = 0 is said once: "= 0: at the minimum", not "= 0 = 0: …".
        slope = (f"{d:.4g} > 0: w moves left" if d > 0 else
                 f"{d:.4g} < 0: w moves right" if d < 0 else "0: at the minimum")
        v.caption.setText(
            f"{one_d.regime(v.alpha.value())}.  w{_superscript(len(ws) - 1)} = {w:.4g}, "
            f"dJ/dw = 2(w − 2) = {slope}.  Each step multiplies w − 2 "
            f"by (1 − 2α) = {1 - 2 * v.alpha.value():.3g}."
        )


def _superscript(k):
    return str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
