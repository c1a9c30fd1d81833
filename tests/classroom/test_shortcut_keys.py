"""The keys a presenter remote or a keyboard sends: Space plays and pauses, → steps and
← steps back, PageUp/PageDown multiply or divide α by 3, R resets with a new seed,
Ctrl+1…9 load a preset, F1 opens the shortcut sheet."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from app.presets import preset_files
from core.lesson import read_lesson

from .support import message_boxes, points_and_labels, press, same_data, take_box

Qt = QtCore.Qt
K = Qt.Key


def test_space_toggles_play(qtbot, shown):
    win = shown
    c = win.controller
    press(qtbot, win, K.Key_Space)
    assert c.playing and "Pause" in win.controls.play_pause.text()
    it = c.session.engine.iteration
    qtbot.waitUntil(lambda: c.session.engine.iteration > it, timeout=10_000)
    press(qtbot, win, K.Key_Space)
    assert not c.playing and "Play" in win.controls.play_pause.text()
    it = c.session.engine.iteration
    qtbot.wait(60)
    assert c.session.engine.iteration == it


def test_right_steps_and_left_steps_back(qtbot, shown):
    win = shown
    e = lambda: win.controller.session.engine  # noqa: E731
    it = e().iteration
    theta = e().theta.copy()
    press(qtbot, win, K.Key_Right)
    press(qtbot, win, K.Key_Right)
    assert e().iteration == it + 2
    assert f"{it + 2:,}" in win.status.iteration.text()
    press(qtbot, win, K.Key_Left)
    press(qtbot, win, K.Key_Left)
    assert e().iteration == it
    assert e().theta.tobytes() == theta.tobytes()
    assert f"{it:,}" in win.status.iteration.text()
    # With no history left (a fresh start), ← does nothing.
    win.controller.reset_same()
    press(qtbot, win, K.Key_Left)
    assert e().iteration == 0
    assert not message_boxes(win)


def test_page_up_and_down_multiply_and_divide_alpha_by_3(qtbot, shown):
    win = shown
    s = win.controller.session
    alpha = s.learning_rate
    press(qtbot, win, K.Key_PageUp)
    assert s.learning_rate == pytest.approx(3 * alpha)
    assert win.controls.learning_rate_value.value() == pytest.approx(3 * alpha, rel=1e-4)
    press(qtbot, win, K.Key_PageDown)
    press(qtbot, win, K.Key_PageDown)
    assert s.learning_rate == pytest.approx(alpha / 3)
    assert win.controls.learning_rate_value.value() == pytest.approx(alpha / 3, rel=1e-3)


def test_r_resets_with_a_new_seed(qtbot, shown):
    win = shown
    label = win.controls.seed_label
    before, seed = label.text(), win.controller.session.seed
    for _ in range(3):  # a new random seed equals the old one 1 time in 10,000
        press(qtbot, win, K.Key_R)
        if label.text() != before:
            break
    assert label.text() != before
    s = win.controller.session
    assert s.seed != seed and f"seed {s.seed}" in label.text()
    assert s.engine.iteration == 0
    assert s.engine.theta.tobytes() == s.initial_theta().tobytes()


def test_ctrl_1_loads_the_first_preset(qtbot, window):
    win = window
    win.preset_menu.load(3)
    press(qtbot, win, K.Key_1, Qt.KeyboardModifier.ControlModifier)
    first = read_lesson(preset_files()[0])
    assert same_data(points_and_labels(win), (first.points, first.labels))
    press(qtbot, win, K.Key_2, Qt.KeyboardModifier.ControlModifier)
    second = read_lesson(preset_files()[1])
    assert same_data(points_and_labels(win), (second.points, second.labels))


def test_f1_opens_the_shortcut_sheet(qtbot, shown):
    win = shown
    press(qtbot, win, K.Key_F1)
    text = take_box(qtbot, win, "shortcutSheet")
    for key in ("Space", "PageUp", "F5", "F11", "Ctrl+Z"):
        assert key in text, f"the sheet does not mention {key}"
    assert not message_boxes(win)
    # Keys work again once the sheet is closed (offscreen has no window manager to give
    # the focus back to the main window: do its job).
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=10_000)
    it = win.controller.session.engine.iteration
    press(qtbot, win, K.Key_Right)
    assert win.controller.session.engine.iteration == it + 1


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768)])
def test_the_shortcut_sheet_fits_the_screen_zoomed(qtbot, shown, size):
    """Zoomed twice (Ctrl+=) at 1280×720 the sheet was 924 px tall: its OK button and its
    last rows were below the screen."""
    win = shown
    win.resize(*size)
    for _ in range(2):
        win.appearance.set_zoom(win.appearance.zoom * 1.15)
    qtbot.wait(10)
    area = win.screen().availableGeometry()
    screen_h = min(area.height(), size[1])
    press(qtbot, win, K.Key_F1)
    qtbot.waitUntil(lambda: bool(message_boxes(win, "shortcutSheet")), timeout=10_000)
    (box,) = message_boxes(win, "shortcutSheet")
    qtbot.waitExposed(box)
    columns = box.findChild(QtWidgets.QWidget, "shortcutColumns")
    need = box.layout().totalHeightForWidth(box.width()) if box.layout().hasHeightForWidth() \
        else box.sizeHint().height()
    assert max(need, box.height()) <= screen_h, (
        f"{size}: the sheet is {box.height()} px (needs {need}) on a {screen_h} px screen; "
        f"columns {columns.height()} px")
    take_box(qtbot, win, "shortcutSheet")
