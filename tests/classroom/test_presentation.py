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
    # The equations grow 1.6× (24 pt): at 2× a quadratic model took three lines at
    # 1024×768 and pushed the data plot under 40 % of the screen (issue 11).
    factor = {k: 1.6 if k == "equation text" else 2.0 for k in normal}
    small = {k: (normal[k], big[k]) for k in normal
             if not big[k] >= factor[k] * normal[k] - 1e-9}
    assert not small, f"not large enough in presentation mode (normal, presentation): {small}"
    assert big["equation text"] >= 24
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


def test_presentation_boundary_is_one_unbroken_line(qtbot, shown):
    """The boundary is many short segments, drawn 7 px wide in presentation mode: where
    two meet, the line stays solid (flat caps left a pale seam across it at every joint;
    round caps look the same as square ones but took twice as long to paint)."""
    win = shown
    win.resize(1280, 720)
    win.appearance.set_presentation(True)
    dp = win.data_plot
    for item in (*dp.scatter.values(), *dp.fresh.values(), dp.pull, dp.selection):
        item.hide()  # the joints under a marker are the marker's colour
    qtbot.wait(20)
    image = dp.viewport().grab().toImage()
    x, y = dp.boundary.getData()
    assert len(x) > 20, "no boundary drawn"
    ink = QtGui.QColor(win.appearance.theme.boundary)
    pale = []
    for px, py in zip(x, y):
        p = dp.mapFromScene(dp.view_box.mapViewToScene(QtCore.QPointF(px, py)))
        if not (2 <= p.x() < image.width() - 2 and 2 <= p.y() < image.height() - 2):
            continue
        c = image.pixelColor(p)
        if max(abs(c.red() - ink.red()), abs(c.green() - ink.green()),
               abs(c.blue() - ink.blue())) > 40:
            pale.append((p.x(), p.y(), c.name()))
    assert not pale, f"{len(pale)} of {len(x)} joints are not the boundary's colour: {pale[:5]}"
    # Square caps: Qt's line rasterizer; round ones go through its general stroker.
    for pen in (dp.boundary.opts["pen"], win.cost_plot.curve.opts["pen"]):
        assert pen.capStyle() == Qt.PenCapStyle.SquareCap


def test_f5_paints_the_stage_once_laid_out(qtbot, shown):
    """F5 is painted once it is laid out, never half way (the controller's refresh
    paints at once, and used to paint the old layout with the new fonts in it)."""
    win = shown
    qtbot.wait(20)
    for on in (True, False):
        seen = []

        def painted(seen=seen):
            seen.append((win.overlay.isVisible(), win.data_plot.size().toTuple(),
                         win.cost_plot.size().toTuple()))

        win.painted.connect(painted)
        win.appearance.set_presentation(on)
        assert seen, "F5 is not painted at once"
        qtbot.wait(50)
        win.painted.disconnect(painted)
        final = (on, win.data_plot.size().toTuple(), win.cost_plot.size().toTuple())
        assert all(s == final for s in seen), f"painted half laid out: {seen} (final {final})"


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


# -- the stage (issue 11) ----------------------------------------------------------------


def _stage_panel(win):
    """What stands next to the data plot in presentation mode."""
    if win.cost_box.isVisible() and not win.tabs.isVisible():
        return "race" if win.controller.race is not None else "cost"
    widget = win.tabs.currentWidget()
    return {win.landscape: "landscape", win.one_d: "one_d", win.sigmoid_view: "sigmoid",
            win.graph_scroll: "graph"}[widget]


def test_c_cycles_the_companion_panel_and_esc_leaves(qtbot, shown):
    win = shown
    _press(qtbot, win, K.Key_F5)
    assert _stage_panel(win) == "cost", "the cost curve stands by the data by default"
    assert not win.tabs.isVisible()
    seen = []
    for _ in range(5):
        _press(qtbot, win, K.Key_C)
        seen.append(_stage_panel(win))
        assert win.data_plot.isVisible()
    assert seen == ["landscape", "one_d", "sigmoid", "graph", "race"]
    assert win.controller.race is not None, "the race panel runs a race"
    assert win.controller.graph.selected is not None, "the graph panel follows a point"
    _press(qtbot, win, K.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert _stage_panel(win) == "graph"
    assert win.controller.race is None, "leaving the race panel ends the race it started"
    _press(qtbot, win, K.Key_C)
    _press(qtbot, win, K.Key_C)
    assert _stage_panel(win) == "cost"
    _press(qtbot, win, K.Key_Escape)
    assert not win.appearance.presentation
    assert not win.presentation_action.isChecked()
    assert win.control_scroll.isVisible()
    assert win.tabs.isVisible()
    assert win.cost_box.isVisible()
    # Out of presentation mode C walks the tabs.
    k = win.tabs.currentIndex()
    _press(qtbot, win, K.Key_C)
    assert win.tabs.currentIndex() == (k + 1) % win.tabs.count()


def test_each_companion_comes_on_stage_at_presentation_sizes(qtbot, shown):
    """A panel hidden when F5 is pressed takes the stage's sizes when C brings it on
    (it is restyled as it is shown, not while hidden), and each tab is back at its
    normal sizes when it is opened after F5."""
    win = shown

    def tick(plot):
        return plot.getAxis("bottom").style["tickFont"].pointSizeF()

    plots = {"landscape": win.landscape.plot, "one_d": win.one_d.plot,
             "sigmoid": win.sigmoid_view}
    tabs = {"landscape": win.landscape, "one_d": win.one_d, "sigmoid": win.sigmoid_view}
    normal = {"tick": tick(win.data_plot), "button": win.one_d.play.font().pointSizeF(),
              "graph": win.graph_panel.font().pointSizeF()}
    win.appearance.set_presentation(True)
    big = tick(win.data_plot)
    assert big >= 2 * normal["tick"]
    for name, plot in plots.items():
        win.stage_keys.select(name)
        assert tick(plot) == big, f"{name} on stage with normal-sized ticks"
        if name == "one_d":
            assert win.one_d.play.font().pointSizeF() >= 2 * normal["button"]
    win.stage_keys.select("graph")
    assert win.graph_panel.font().pointSizeF() > normal["graph"]
    win.stage_keys.select("cost")
    win.appearance.set_presentation(False)
    for name, plot in plots.items():
        win.tabs.setCurrentWidget(tabs[name])
        assert tick(plot) == normal["tick"], f"{name} tab still at presentation sizes"
    win.tabs.setCurrentWidget(win.graph_scroll)
    assert win.graph_panel.font().pointSizeF() == normal["graph"]
    win.tabs.setCurrentWidget(win.one_d)
    assert win.one_d.play.font().pointSizeF() == normal["button"]
    # The control column, hidden on stage, kept its sizes all along.
    assert win.controls.play_pause.font().pointSizeF() == normal["button"]


@pytest.mark.parametrize("key", [K.Key_B, K.Key_Period], ids=["B", "period"])
def test_a_remotes_blank_key_plays_and_pauses(qtbot, shown, key):
    win = shown
    c = win.controller
    _press(qtbot, win, K.Key_F5)
    _press(qtbot, win, key)
    assert c.playing
    _press(qtbot, win, key)
    assert not c.playing


def test_history_scrubber_works_in_presentation_mode(qtbot, shown):
    win = shown
    win.controller.session.step(200)
    win.controller.refresh()
    _press(qtbot, win, K.Key_F5)
    for _ in range(3):  # every panel keeps the scrubber on stage
        assert win.scrub.isVisible()
        assert win.scrub_label.isVisible()
        _press(qtbot, win, K.Key_C)
    win.scrub.setValue(win.scrub.maximum() // 2)
    frame = win.controller.last_frame
    assert frame.shown.scrubbed
    assert f"step {frame.shown.iteration:,}" in win.overlay.text()
    assert "Viewing step" in win.overlay.text(), "the overlay says the step is not live"


def test_the_remotes_keys_drive_the_1d_slide_on_stage(qtbot, shown):
    win = shown
    slide = win.controller.one_d
    it = win.controller.session.engine.iteration
    _press(qtbot, win, K.Key_F5)
    win.stage_keys.select("one_d")
    slide.reset()
    _press(qtbot, win, K.Key_Right)
    _press(qtbot, win, K.Key_Right)
    assert len(slide.ws) == 3
    _press(qtbot, win, K.Key_Left)
    assert len(slide.ws) == 2
    assert win.controller.session.engine.iteration == it, "the run did not step"
    alpha = win.one_d.alpha.value()
    _press(qtbot, win, K.Key_PageUp)
    assert win.one_d.alpha.value() > alpha
    assert win.one_d.alpha.value() in win.one_d.presets
    _press(qtbot, win, K.Key_Space)
    assert slide.playing
    assert not win.controller.playing
    _press(qtbot, win, K.Key_Space)
    assert not slide.playing


def test_the_preset_is_named_on_the_plot_and_in_the_title(qtbot, window):
    win = window
    for k, lesson in enumerate(win.preset_menu.lessons[:3]):
        win.preset_menu.load(k)
        assert lesson.title in win.caption.text()
        assert lesson.title in win.windowTitle()
        assert win.caption.isVisible()
    win.controller.add_point(0.1, 0.2, 1)
    assert lesson.title in win.caption.text(), "an edit keeps the name"
    win.controller.clear_points()
    assert win.caption.text() == ""
    win.controller.undo_stack.undo()
    assert lesson.title in win.caption.text(), "undoing the clear brings the name back"
    win.appearance.set_presentation(True)
    assert win.caption.text() == lesson.title, "presentation mode names it shortly"


# -- themes: the boundary, check boxes and markers ---------------------------------------


def _luminance(rgb):
    c = np.asarray(rgb, dtype=float) / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def contrast(a, b):
    """WCAG 2 contrast ratio of two sRGB colours (1 … 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", list(THEMES))
def test_the_decision_boundary_stands_out_from_the_heatmap(name):
    """The boundary is drawn where p = 0.5: it must contrast with the heatmap's colour
    there (and near it, where antialiasing blends the two) in every theme."""
    from app.theme import heat_lut

    theme = THEMES[name]
    lut = heat_lut(theme)
    boundary = _srgb(theme.boundary)
    at_half = lut[round(0.5 * (len(lut) - 1))][:3]
    assert contrast(boundary, at_half) >= 4.5, f"{name}: boundary on the p = 0.5 band"
    for p in np.linspace(0.35, 0.65, 7):
        colour = lut[round(p * (len(lut) - 1))][:3]
        assert contrast(boundary, colour) >= 3.0, f"{name}: boundary on p = {p:.2f}"


@pytest.mark.parametrize("name", list(THEMES))
def test_marker_outlines_show_on_the_heatmap(qtbot, shown, name):
    from app.theme import heat_lut

    win = shown
    win.appearance.set_theme(name)
    theme = THEMES[name]
    pen = win.data_plot.scatter[1].opts["pen"]
    outline = np.array(pen.color().getRgb()[:3], dtype=float)
    lut = heat_lut(theme)
    worst = min(contrast(outline, lut[i][:3]) for i in (0, len(lut) // 2, len(lut) - 1))
    assert worst >= 3.0, f"{name}: outlines vanish into the heatmap (contrast {worst:.1f})"
    if name == "high contrast":
        assert pen.widthF() >= 2.0, "high contrast rings each marker at least 2 px wide"


def test_high_contrast_check_boxes_are_visible_unchecked_and_checked(qtbot, shown):
    win = shown
    win.appearance.set_theme("high contrast")
    box = win.controls.standardize
    bg = np.array([0, 0, 0])
    for checked in (False, True):
        box.setChecked(checked)
        qtbot.wait(5)
        opt = QtWidgets.QStyleOptionButton()
        box.initStyleOption(opt)
        rect = box.style().subElementRect(
            QtWidgets.QStyle.SubElement.SE_CheckBoxIndicator, opt, box)
        image = box.grab().toImage()
        pixels = np.array([[image.pixelColor(x, y).getRgb()[:3]
                            for x in range(rect.left(), rect.right() + 1)]
                           for y in range(rect.top(), rect.bottom() + 1)], dtype=float)
        bright = np.mean([contrast(px, bg) >= 7 for px in pixels.reshape(-1, 3)])
        assert bright >= 0.15, (f"the {'checked' if checked else 'unchecked'} box is "
                                f"invisible on black ({bright:.0%} of its pixels stand out)")
