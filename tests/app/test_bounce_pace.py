"""Slowed to show each overshoot (α too large), every step's numbers are on screen.

Descent slows to 12 steps a second while J bounces, so the class can follow each
overshoot; the texts were throttled to 10 a second, so the status read step 63 while
the boundary and equation were step 64's, and every other step's J never showed.
"""

from __future__ import annotations

from .driver import load_preset


def test_each_overshoot_shows_its_own_numbers(qtbot, window):
    c = window.controller
    load_preset(qtbot, window, "Overlapping blobs")
    c.set_learning_rate(50.0)
    seen = []  # per frame drawn: (slowed, the frame's step, what the status says)

    def drawn(_seconds):
        f = c.last_frame
        if f is not None:
            seen.append((c.slowed, f.shown.iteration, window.status.iteration.text(),
                         f.cost, window.status.cost.text()))

    c.frameDrawn.connect(drawn)
    c.set_playing(True)
    qtbot.waitUntil(lambda: c.slowed, timeout=20_000)
    start = len(seen)
    qtbot.waitUntil(lambda: len({s[1] for s in seen[start:] if s[0]}) >= 15, timeout=20_000)
    c.set_playing(False)
    c.frameDrawn.disconnect(drawn)
    slowed = [s for s in seen[start:] if s[0]]
    wrong = [(it, text) for _, it, text, _, _ in slowed if text != f"Step {it:,}"]
    assert not wrong, f"{len(wrong)} of {len(slowed)} frames showed another step: {wrong[:5]}"
    wrong_j = [(j, text) for _, _, _, j, text in slowed if text != f"J = {j:.6g}"]
    assert not wrong_j, wrong_j[:5]
