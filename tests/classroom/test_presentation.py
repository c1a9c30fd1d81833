"""Presentation mode, themes, UI zoom and the keys a presenter remote sends.

Sizes are read from the plot items themselves (marker size, boundary pen width,
axis tick font), so "at least 2× larger" is measured, not assumed.  The class
colours are checked under a deuteranopia simulation (Machado, Oliveira &
Fernandes 2009, severity 1.0, applied to linear sRGB): this test is the
documented colour-blindness check of the palette.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtTest import QTest

from app.presets import preset_files
from app.theme import THEMES
from core.lesson import read_lesson

from .support import message_boxes, points_and_labels, same_data, take_box

Qt = QtCore.Qt
K = Qt.Key


def _sizes(win):
    dp, cp = win.data_plot, win.cost_plot
    return {
        "data marker": dp.scatter[1].opts["size"],
        "data marker (class 0)": dp.scatter[0].opts["size"],
        "boundary width": dp.boundary.opts["pen"].widthF(),
        "data tick font": dp.getAxis("bottom").style["tickFont"].pointSizeF(),
        "data axis label font": dp.getAxis("left").label.font().pointSizeF(),
        "cost tick font": cp.getAxis("left").style["tickFont"].pointSizeF(),
        "cost line width": cp.curve.opts["pen"].widthF(),
        "state text": win.status.state.font().pointSizeF(),
        "equation text": win.equations.model.font().pointSizeF(),
    }


def _press(qtbot, win, key, modifiers=Qt.KeyboardModifier.NoModifier):
    """A key as the keyboard or a presenter remote sends it, to whatever has focus."""
    target = win.focusWidget() or win
    QTest.keyClick(target, key, modifiers)
    qtbot.wait(1)


@pytest.fixture
def shown(window):
    window.preset_menu.load(1)
    window.controller.session.step(30)
    window.controller.refresh()
    return window


def test_presentation_mode_doubles_fonts_markers_and_lines(qtbot, shown):
    win = shown
    normal = _sizes(win)
    win.appearance.set_presentation(True)
    big = _sizes(win)
    small = {k: (normal[k], big[k]) for k in normal if not big[k] >= 2 * normal[k] - 1e-9}
    assert not small, f"not at least 2× in presentation mode (normal, presentation): {small}"
    # Secondary controls are hidden; the plots and the overlay remain.
    assert not win.control_scroll.isVisible()
    assert not win.statusBar().isVisible()
    assert win.data_plot.isVisible() and win.cost_plot.isVisible()
    overlay = win.findChild(QtWidgets.QLabel, "presentationOverlay")
    assert overlay is not None
    assert overlay.isVisible()
    win.controller.step_once()
    text = overlay.text()
    for word in ("step 31", "J = ", "α = "):
        assert word in text, f"overlay {text!r} lacks {word!r}"
    assert overlay.font().pointSizeF() >= 2 * normal["data tick font"]

    win.appearance.set_presentation(False)
    assert _sizes(win) == normal
    assert win.control_scroll.isVisible() and not overlay.isVisible()


def test_presentation_overlay_has_the_numbers_at_once(qtbot, shown):
    win = shown
    _press(qtbot, win, K.Key_F5)
    text = win.appearance.overlay.text()
    assert "step 30" in text and "J = " in text and "α = " in text, f"overlay: {text!r}"


def test_f5_toggles_presentation_mode(qtbot, shown):
    win = shown
    action = win.findChild(QtGui.QAction, "actionPresentation")
    assert action is not None and action.isCheckable()
    normal = _sizes(win)
    _press(qtbot, win, K.Key_F5)
    assert win.appearance.presentation and action.isChecked()
    assert _sizes(win)["data marker"] >= 2 * normal["data marker"]
    assert not win.control_scroll.isVisible()
    assert win.appearance.overlay.isVisible()
    # The remote's keys still work with the controls hidden.
    it = win.controller.session.engine.iteration
    _press(qtbot, win, K.Key_Right)
    assert win.controller.session.engine.iteration == it + 1
    alpha = win.controller.session.learning_rate
    _press(qtbot, win, K.Key_PageDown)
    assert win.controller.session.learning_rate == pytest.approx(alpha / 3)
    _press(qtbot, win, K.Key_F5)
    assert not win.appearance.presentation and not action.isChecked()
    assert _sizes(win) == normal
    assert win.control_scroll.isVisible()


def test_f11_toggles_full_screen(qtbot, shown):
    win = shown
    _press(qtbot, win, K.Key_F11)
    full = Qt.WindowState.WindowFullScreen
    qtbot.waitUntil(lambda: bool(win.windowState() & full), timeout=10_000)
    _press(qtbot, win, K.Key_F11)
    qtbot.waitUntil(lambda: not win.windowState() & full, timeout=10_000)


def test_ctrl_plus_and_minus_zoom_the_whole_ui(qtbot, shown):
    win = shown
    normal = _sizes(win)
    _press(qtbot, win, K.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, win, K.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = _sizes(win)
    assert all(bigger[k] > normal[k] for k in normal), (normal, bigger)
    _press(qtbot, win, K.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, win, K.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    _press(qtbot, win, K.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    smaller = _sizes(win)
    assert smaller["data tick font"] < normal["data tick font"]
    _press(qtbot, win, K.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert _sizes(win) == normal


# -- themes and colour blindness -------------------------------------------------------

#: Machado, Oliveira & Fernandes (2009), deuteranomaly at severity 1.0 (= deuteranopia).
MACHADO_DEUTERANOPIA = np.array([
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.011820, 0.042940, 0.968881],
])


def _srgb(hex_colour):
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], dtype=float)


def _to_linear(rgb):
    c = rgb / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _to_srgb(lin):
    lin = np.clip(lin, 0.0, 1.0)
    return 255.0 * np.where(lin <= 0.0031308, 12.92 * lin, 1.055 * lin ** (1 / 2.4) - 0.055)


def deuteranopia(rgb):
    """What a deuteranope sees instead of sRGB colour ``rgb`` (0…255)."""
    return _to_srgb(MACHADO_DEUTERANOPIA @ _to_linear(rgb))


def lab(rgb):
    """CIELAB (D65) of an sRGB colour (0…255)."""
    m = np.array([[0.4124564, 0.3575761, 0.1804375],
                  [0.2126729, 0.7151522, 0.0721750],
                  [0.0193339, 0.1191920, 0.9503041]])
    t = (m @ _to_linear(rgb)) / np.array([0.95047, 1.0, 1.08883])
    d = 6 / 29
    f = np.where(t > d**3, np.cbrt(t), t / (3 * d**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e76(a, b):
    return float(np.linalg.norm(lab(a) - lab(b)))


def test_deuteranopia_simulation_is_sane():
    """Reference points: grey stays grey; pure red and green collapse towards each other."""
    grey = np.array([128.0, 128.0, 128.0])
    assert np.allclose(deuteranopia(grey), grey, atol=1.0)
    red, green = np.array([255.0, 0, 0]), np.array([0, 255.0, 0])
    assert delta_e76(deuteranopia(red), deuteranopia(green)) < 0.5 * delta_e76(red, green)


@pytest.mark.parametrize("name", list(THEMES))
def test_class_colours_stay_distinct_for_deuteranopes(name):
    theme = THEMES[name]
    one, zero = _srgb(theme.class_one), _srgb(theme.class_zero)
    s1, s0 = deuteranopia(one), deuteranopia(zero)
    assert delta_e76(s1, s0) > 20, f"{name}: classes look alike (ΔE {delta_e76(s1, s0):.1f})"
    assert np.linalg.norm(s1 - s0) > 60
    bg = deuteranopia(_srgb(theme.background))
    for label, colour in (("class 1", s1), ("class 0", s0)):
        assert delta_e76(colour, bg) > 20, f"{name}: {label} vanishes into the background"


@pytest.mark.parametrize("name", list(THEMES))
def test_each_theme_applies_to_plots_and_widgets(qtbot, shown, name):
    win = shown
    theme = THEMES[name]
    action = win.findChild(QtGui.QAction, f"actionTheme{name.title().replace(' ', '')}")
    assert action is not None, f"no menu entry for the {name} theme"
    win.appearance.set_theme("dark" if name == "light" else "light")
    before = win.styleSheet()
    action.trigger()
    assert win.appearance.theme is theme
    assert action.isChecked()
    for plot in (win.data_plot, win.cost_plot):
        assert plot.backgroundBrush().color().name().lower() == theme.background.lower()
    dp = win.data_plot
    assert dp.scatter[1].opts["brush"].color().name().lower() == theme.class_one.lower()
    assert dp.scatter[0].opts["brush"].color().name().lower() == theme.class_zero.lower()
    assert dp.boundary.opts["pen"].color().name().lower() == theme.boundary.lower()
    assert win.styleSheet() and win.styleSheet() != before
    # Presentation mode keeps the theme.
    win.appearance.set_presentation(True)
    assert dp.backgroundBrush().color().name().lower() == theme.background.lower()
    assert dp.scatter[1].opts["brush"].color().name().lower() == theme.class_one.lower()


# -- keys --------------------------------------------------------------------------------


def test_space_toggles_play(qtbot, shown):
    win = shown
    c = win.controller
    _press(qtbot, win, K.Key_Space)
    assert c.playing and "Pause" in win.controls.play_pause.text()
    it = c.session.engine.iteration
    qtbot.waitUntil(lambda: c.session.engine.iteration > it, timeout=10_000)
    _press(qtbot, win, K.Key_Space)
    assert not c.playing and "Play" in win.controls.play_pause.text()
    it = c.session.engine.iteration
    qtbot.wait(60)
    assert c.session.engine.iteration == it


def test_right_steps_and_left_steps_back(qtbot, shown):
    win = shown
    e = lambda: win.controller.session.engine  # noqa: E731
    it = e().iteration
    theta = e().theta.copy()
    _press(qtbot, win, K.Key_Right)
    _press(qtbot, win, K.Key_Right)
    assert e().iteration == it + 2
    assert f"{it + 2:,}" in win.status.iteration.text()
    _press(qtbot, win, K.Key_Left)
    _press(qtbot, win, K.Key_Left)
    assert e().iteration == it
    assert e().theta.tobytes() == theta.tobytes()
    assert f"{it:,}" in win.status.iteration.text()
    # With no history left (a fresh start), ← does nothing.
    win.controller.reset_same()
    _press(qtbot, win, K.Key_Left)
    assert e().iteration == 0
    assert not message_boxes(win)


def test_page_up_and_down_multiply_and_divide_alpha_by_3(qtbot, shown):
    win = shown
    s = win.controller.session
    alpha = s.learning_rate
    _press(qtbot, win, K.Key_PageUp)
    assert s.learning_rate == pytest.approx(3 * alpha)
    assert win.controls.learning_rate_value.value() == pytest.approx(3 * alpha, rel=1e-4)
    _press(qtbot, win, K.Key_PageDown)
    _press(qtbot, win, K.Key_PageDown)
    assert s.learning_rate == pytest.approx(alpha / 3)
    assert win.controls.learning_rate_value.value() == pytest.approx(alpha / 3, rel=1e-3)


def test_r_resets_with_a_new_seed(qtbot, shown):
    win = shown
    label = win.controls.seed_label
    before, seed = label.text(), win.controller.session.seed
    for _ in range(3):  # a new random seed equals the old one 1 time in 10,000
        _press(qtbot, win, K.Key_R)
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
    _press(qtbot, win, K.Key_1, Qt.KeyboardModifier.ControlModifier)
    first = read_lesson(preset_files()[0])
    assert same_data(points_and_labels(win), (first.points, first.labels))
    _press(qtbot, win, K.Key_2, Qt.KeyboardModifier.ControlModifier)
    second = read_lesson(preset_files()[1])
    assert same_data(points_and_labels(win), (second.points, second.labels))


def test_f1_opens_the_shortcut_sheet(qtbot, shown):
    win = shown
    _press(qtbot, win, K.Key_F1)
    text = take_box(qtbot, win, "shortcutSheet")
    for key in ("Space", "PageUp", "F5", "F11", "Ctrl+Z"):
        assert key in text, f"the sheet does not mention {key}"
    assert not message_boxes(win)
    # Keys work again once the sheet is closed (offscreen has no window manager to give
    # the focus back to the main window: do its job).
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=10_000)
    it = win.controller.session.engine.iteration
    _press(qtbot, win, K.Key_Right)
    assert win.controller.session.engine.iteration == it + 1
