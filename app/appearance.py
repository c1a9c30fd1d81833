"""Themes, presentation mode and UI zoom: everything that changes sizes and colours."""

from __future__ import annotations

import re

from .resources import RESOURCES
from .theme import LIGHT, NORMAL, THEMES

PRESENTATION_SCALE = 2.0
#: The overlay's point size before scaling: 10 × 2 = 20 pt bold in presentation mode.
OVERLAY_PT = 10


def scaled_qss(text, factor):
    """The stylesheet with every point size multiplied by ``factor``."""
    return re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * factor:.1f}pt", text)


def _read(name):
    path = RESOURCES / name
    return path.read_text(encoding="utf-8") if path.exists() else ""


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

    def stylesheet(self):
        """base.qss (+ presentation.qss) + the theme's colours, every pt scaled."""
        text = _read("base.qss")
        if self.presentation:
            text += _read("presentation.qss")
        return scaled_qss(text + _read(self.theme.qss), self.factor)

    def apply(self):
        w = self.window
        w.setStyleSheet(self.stylesheet())
        sizes = NORMAL.scaled(self.factor)
        for view in (w.data_plot, w.cost_plot, w.landscape, w.one_d, w.sigmoid_view,
                     w.graph_panel):
            view.apply_style(self.theme, sizes)
        # Its own sheet: the window's "QWidget { font-size }" would win over setFont.
        self.overlay.setStyleSheet(
            f"font-size: {OVERLAY_PT * self.factor:.1f}pt; font-weight: bold;"
            f"background: {self.theme.background}; color: {self.theme.foreground};"
            f"border: 2px solid {self.theme.foreground}; border-radius: 6px; padding: 4px 8px;")
        w.set_presentation_layout(self.presentation)
        w.fit_controls()
        if self.on_change is not None:
            self.on_change()
        w.place_strip()
