"""The status panel's explanation and one-click answer (diverging, crawling) take room
from the plots under it in normal mode; the plots keep a drawing area, and get their
room back once the explanation has gone."""

from __future__ import annotations

import pytest

from .driver import settle
from .test_layout import SIZES, _preset, clipped_texts, oscillating, view_box_size

MIN_VIEW_HEIGHT = 70


def _crawling(window):
    _preset(window, "Overlapping")
    c = window.controller
    c.set_learning_rate(0.00064)
    c.session.step(30)
    c.refresh()
    assert c.state_word() == "crawling", c.state_word()
    assert window.status.action.isVisible()


@pytest.mark.parametrize("state", [oscillating, _crawling], ids=["diverging", "crawling"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_landscape_keeps_its_room_beside_an_explanation(qtbot, window, size, state):
    window.resize(*size)
    _preset(window, "Overlapping")
    settle(qtbot, window)
    assert window.tabs.currentWidget() is window.landscape
    _, calm = view_box_size(window.landscape.plot)
    state(window)
    settle(qtbot, window)
    problems = clipped_texts(window)
    assert not problems, "\n".join(problems)
    for name, plot in (("landscape", window.landscape.plot), ("cost", window.cost_plot)):
        w, h = view_box_size(plot)
        assert h >= MIN_VIEW_HEIGHT, f"{size}: the {name} plot draws in {w:.0f}×{h:.0f} px"
    # The explanation goes (a new preset, paused, ready): the plot has its room back.
    _preset(window, "Overlapping")
    settle(qtbot, window)
    assert not window.status.explanation.isVisible() or window.status.explanation.text()
    _, after = view_box_size(window.landscape.plot)
    assert after >= calm - 2, f"{size}: the landscape stayed at {after:.0f} px (was {calm:.0f})"
