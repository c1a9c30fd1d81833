"""Themes: light, dark and high contrast, applied to plots and widgets, in every mode.

The class colours are checked under a deuteranopia simulation (Machado, Oliveira &
Fernandes 2009, severity 1.0, applied to linear sRGB): this test is the documented
colour-blindness check of the palette.  The boundary stands out from the heatmap, the
markers' outlines show on it, and high contrast's check boxes show checked or not.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtGui, QtWidgets

from app.theme import THEMES

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


def _colour(widget, role, group=QtGui.QPalette.ColorGroup.Active):
    return np.array(widget.palette().color(group, role).getRgb()[:3], dtype=float)


@pytest.mark.parametrize("name", list(THEMES))
def test_a_disabled_button_and_a_dialogs_problem_read_as_such(qtbot, window, tmp_path, name):
    """The dark and high-contrast themes drew a disabled button like the others (the
    import preview's Open, with bad rows not yet skipped: a click did nothing), and the
    preview's problem in #b00020 on #1e1e1e read at 2.3:1."""
    from app.table_dialog import TableDialog
    from core.table import read_table

    window.appearance.set_theme(name)
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,y\n1,2,0\n3,x,1\n4,5,1\n6,7,0\n", encoding="utf-8")
    dialog = TableDialog(read_table(path), parent=window)
    dialog.show()
    qtbot.waitExposed(dialog)
    role = QtGui.QPalette.ColorRole
    opened, cancel = dialog.open_button, dialog.findChild(QtWidgets.QDialogButtonBox).button(
        QtWidgets.QDialogButtonBox.StandardButton.Cancel)
    assert not opened.isEnabled() and cancel.isEnabled()
    disabled = _colour(opened, role.ButtonText, QtGui.QPalette.ColorGroup.Disabled)
    enabled = _colour(cancel, role.ButtonText)
    assert contrast(disabled, enabled) >= 2.0, f"{name}: Open looks as clickable as Cancel"
    dialog.y.setCurrentIndex(0)  # a feature as the label: a problem is shown
    problem = dialog.problem
    assert problem.isVisible() and problem.text()
    ratio = contrast(_colour(problem, role.WindowText), _srgb(THEMES[name].background))
    assert ratio >= 4.5, f"{name}: the problem reads at {ratio:.1f}:1"
    dialog.close()
