"""Themes, presentation mode and UI zoom: everything that changes sizes and colours."""

from __future__ import annotations

import re

from .resources import RESOURCES
from .theme import LIGHT, NORMAL, THEMES

PRESENTATION_SCALE = 2.0


def scaled_qss(text, factor):
    """The stylesheet with every point size multiplied by ``factor``."""
    return re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * factor:.1f}pt", text)


class Appearance:
    """Applies theme × presentation × zoom to the window and its plots."""

    def __init__(self, window, on_change=None):
        self.window = window
        self.on_change = on_change  # e.g. the controller's refresh: fill the overlay now
        self.theme = LIGHT
        self.presentation = False
        self.zoom = 1.0
        self.overlay = window.overlay

    @property
    def factor(self):
        return self.zoom * (PRESENTATION_SCALE if self.presentation else 1.0)

    def set_theme(self, name):
        self.theme = THEMES[name]
        self.apply()

    def set_presentation(self, on):
        self.presentation = bool(on)
        self.apply()

    def set_zoom(self, zoom):
        self.zoom = min(max(zoom, 0.6), 2.5)
        self.apply()

    def apply(self):
        w = self.window
        qss_path = RESOURCES / self.theme.qss
        text = qss_path.read_text(encoding="utf-8") if qss_path.exists() else ""
        w.setStyleSheet(scaled_qss(text, self.factor))
        sizes = NORMAL.scaled(self.factor)
        w.data_plot.apply_style(self.theme, sizes)
        w.cost_plot.apply_style(self.theme, sizes)
        w.landscape.apply_style(self.theme, sizes)
        # Presentation: the plots and the numbers, nothing a class does not need to read.
        secondary = not self.presentation
        w.control_scroll.setVisible(secondary)
        w.statusBar().setVisible(secondary)
        w.equations.scaling.setVisible(secondary)
        w.scrub.setVisible(secondary)
        w.scrub_label.setVisible(secondary)
        w.landscape.note.setVisible(secondary)
        st = w.status
        # The overlay carries step, J and α; the panel keeps the state and its explanation.
        for label in (st.iteration, st.cost, st.grad_norm, st.accuracy, st.alpha_star):
            label.setVisible(secondary)
        self.overlay.setVisible(self.presentation)
        font = self.overlay.font()
        font.setPointSizeF(13 * self.factor)
        font.setBold(True)
        self.overlay.setFont(font)
        self.overlay.setStyleSheet(
            f"background: {self.theme.background}; color: {self.theme.foreground};"
            f"border: 2px solid {self.theme.foreground}; border-radius: 6px; padding: 6px;")
        self.overlay.adjustSize()
        if self.on_change is not None:
            self.on_change()
