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



#: The window as show_slide opens it on these screens: 40 px narrower, 60 px shorter
#: than the screen, at most 1180×680.
WINDOW = {(1280, 720): (1180, 660), (1024, 768): (984, 680)}


@pytest.mark.parametrize("size", SIZES)
def test_slide_six_draws_j_with_its_whole_legend_at_a_tiny_alpha(qtbot, window, size):
    """At α = 1e-4 (slide 3's "Show it on the main run") J's ticks read 0.596781: the
    axis took the J plot's width and its legend was cut ("alty λ/(2m)·Σw²")."""
    panel = open_slide(qtbot, window, 6)
    panel.resize(*WINDOW[size])
    window.controller.set_learning_rate(1e-4)
    for _ in range(3):
        find(panel, "lectureStep", QtWidgets.QPushButton).click()
        qtbot.wait(50)
    plot = panel.slides["features"].cost_plot
    slide = panel.slides["features"]
    assert slide.width() <= slide.parentWidget().width() + 1, "the slide scrolls sideways"
    vb = plot.getPlotItem().vb
    legend = plot.getPlotItem().legend
    view, box = vb.sceneBoundingRect(), legend.sceneBoundingRect()
    assert view.width() >= 150, (f"{size}: J draws in {view.width():.0f} px "
                                 f"(axis {plot.getAxis('left').width():.0f} px)")
    assert view.left() - 1 <= box.left() and box.right() <= view.right() + 1, (
        f"{size}: the legend {box.getRect()} is cut by the view {view.getRect()}")
