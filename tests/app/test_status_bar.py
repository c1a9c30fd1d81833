"""The status bar at 1024×768: a message is not cut by the permanent scaling note."""

from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from .driver import settle
from .test_layout import SIZES, _preset


def _message_room(window):
    """The width the status bar leaves its message: up to the first shown permanent
    widget on the right."""
    bar = window.statusBar()
    right = bar.width()
    for w in bar.findChildren(QtWidgets.QWidget):
        if w.isVisible() and w.parentWidget() is bar and w.x() > bar.width() // 4:
            right = min(right, w.x())
    return right


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_slowed_message_is_not_cut_by_the_scaling_note(qtbot, window, size):
    window.resize(*size)
    _preset(window, "Overlapping")
    settle(qtbot, window)
    assert window.equations.scaling.isVisible()
    c = window.controller
    c.set_learning_rate(81.0)  # far above α*: it bounces, and the run slows to show it
    c.set_playing(True)
    try:
        qtbot.waitUntil(lambda: "Slowed" in window.statusBar().currentMessage(),
                        timeout=10_000)
    finally:
        c.set_playing(False)
    settle(qtbot, window)
    bar = window.statusBar()
    message = bar.currentMessage()
    need = bar.fontMetrics().horizontalAdvance(message)
    room = _message_room(window)
    assert need + 8 <= room, f"{size}: {message!r} needs {need} px, has {room}"
    # The message gone, the note is back.
    bar.clearMessage()
    settle(qtbot, window)
    assert window.equations.scaling.isVisible()
