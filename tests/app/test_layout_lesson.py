"""A lesson script's bar under the stage leaves the right column less height (normal
mode, 1280×720 and 1024×768): its texts still fit and its plots keep drawing room."""

from __future__ import annotations

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt

from .driver import settle
from .test_layout import SIZES, clipped_texts, view_box_size

ALT = Qt.KeyboardModifier.AltModifier
MIN_PLOT_HEIGHT = 70  # a drawing area, not a strip (it was 15 to 45 px)


def key(qtbot, window, k, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(window, k, modifiers)
    qtbot.wait(5)


def _plots(window):
    return {"cost": window.cost_plot, "landscape": window.landscape.plot,
            "1-D": window.one_d.plot, "σ(z)": window.sigmoid_view}


def _reveal(qtbot, window, steps_on, answer):
    player = window.script_player
    for _ in range(steps_on):
        key(qtbot, window, Qt.Key.Key_N)
    key(qtbot, window, answer, ALT)
    key(qtbot, window, Qt.Key.Key_V)
    qtbot.waitUntil(lambda: player.verdict is not None, timeout=30_000)
    settle(qtbot, window)


@pytest.mark.parametrize("step", [2, 7])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_revealed_lecture_step_leaves_the_right_column_readable(qtbot, window, size, step):
    window.resize(*size)
    settle(qtbot, window)
    window.findChild(QtGui.QAction, "actionPresentLecture").trigger()
    _reveal(qtbot, window, step - 1, Qt.Key.Key_4 if step == 7 else Qt.Key.Key_2)
    failures = []
    for k in range(window.tabs.count()):
        window.tabs.setCurrentIndex(k)
        settle(qtbot, window)
        where = f"{size} step {step}, tab {window.tabs.tabText(k)!r}"
        failures += [f"{where}: {p}" for p in clipped_texts(window)]
        for name, plot in _plots(window).items():
            if plot.isVisible():
                w, h = view_box_size(plot)
                if h < MIN_PLOT_HEIGHT:
                    failures.append(f"{where}: the {name} plot draws in {w:.0f}×{h:.0f} px")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("f5", [False, True], ids=["normal", "F5"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_script_bar_is_as_tall_as_its_texts(qtbot, window, size, f5):
    """In F5 at 1024×768 the bar took 285 px for 134 px of text (gaps between its lines)
    and left the data plot of step 4's circle 590×230 px."""
    window.resize(*size)
    settle(qtbot, window)
    window.findChild(QtGui.QAction, "actionPresentLecture").trigger()
    player = window.script_player
    for _ in range(3):
        key(qtbot, window, Qt.Key.Key_N)
    assert player.step.title.startswith("The circle")
    window.appearance.set_presentation(f5)
    settle(qtbot, window)
    player.drawing.click(0.0, 0.0, Qt.MouseButton.LeftButton)
    player.drawing.click(1.0, 0.0, Qt.MouseButton.LeftButton)
    key(qtbot, window, Qt.Key.Key_V)
    qtbot.waitUntil(lambda: player.verdict is not None, timeout=30_000)
    settle(qtbot, window)
    bar = window.findChild(type(window.script_player.window.findChild(object, "scriptBar")),
                           "scriptBar")
    body = bar.widget()
    need = body.layout().totalHeightForWidth(body.width())
    assert need <= body.height() <= need + 12, f"{size}: the bar is {body.height()} px for {need}"
    assert not clipped_texts(window)
    w, h = view_box_size(window.data_plot)
    assert h >= 0.4 * size[1], f"{size}: the data plot draws in {w:.0f}×{h:.0f} px"
    window.appearance.set_presentation(False)
