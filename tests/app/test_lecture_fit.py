"""The lecture window at a projector's size while the main run plays: its buttons'
texts and its slides' code fit their room."""

from __future__ import annotations

import pytest
from PySide6 import QtGui, QtWidgets

from .driver import find, load_preset
from .test_lecture import SIZES, open_slide


def _drawn_text_problem(button):
    """The text as it is painted: a checked button in bold (base.qss)."""
    opt = QtWidgets.QStyleOptionButton()
    button.initStyleOption(opt)
    room = button.style().subElementRect(QtWidgets.QStyle.SubElement.SE_PushButtonContents,
                                         opt, button)
    font = QtGui.QFont(button.font())
    font.setBold(button.isChecked() or font.bold())
    need = QtGui.QFontMetrics(font).horizontalAdvance(button.text().replace("&", ""))
    return None if need <= room.width() else f"needs {need} px, has {room.width()}"


@pytest.mark.parametrize("size", SIZES)
def test_the_pause_button_fits_while_the_run_plays(qtbot, window, size):
    load_preset(qtbot, window, "Overlapping blobs")
    panel = open_slide(qtbot, window, 1)
    window.controller.set_learning_rate(0.001)  # a long run: it plays throughout
    panel.resize(*size)
    play = find(panel, "lecturePlay", QtWidgets.QPushButton)
    play.click()
    try:
        qtbot.waitUntil(lambda: "Pause" in play.text() and play.isChecked(), timeout=5000)
        qtbot.wait(50)
        problem = _drawn_text_problem(play)
        assert problem is None, f"{size}: {play.text()!r} {problem}"
    finally:
        if window.controller.playing:
            window.controller.set_playing(False)

