"""Themes, presentation mode and UI zoom: everything that changes sizes and colours."""

from __future__ import annotations

import re
from contextlib import nullcontext

from pyqtgraph import GraphicsView
from PySide6 import QtCore

from .resources import RESOURCES
from .restyle import WhenShown
from .theme import LIGHT, NORMAL, THEMES

PRESENTATION_SCALE = 2.0
#: A rule of a stylesheet (comments removed) that sets a size in pt.
SIZE_RULE = re.compile(r"[^{}]*\{[^{}]*\dpt[^{}]*\}")
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
#: The overlay's point size before scaling: 10 × 2 = 20 pt bold in presentation mode.
OVERLAY_PT = 10


def scaled_qss(text, factor):
    """The stylesheet with every point size multiplied by ``factor``."""
    return re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * factor:.1f}pt", text)


def _read(name):
    path = RESOURCES / name
    return path.read_text(encoding="utf-8") if path.exists() else ""


#: The widgets with text that presentation mode can show, which take its type sizes (the
#: window's own stylesheet stays at the normal sizes: the control column, menus, status
#: bar and lecture slides are not on the stage; the plots size their own text).
STAGE = ("caption", "status", "scrub_row", "equations", "landscape", "one_d", "sigmoid_view",
         "graph_scroll")
#: The plots and panels that draw with the theme's colours and the mode's sizes.
VIEWS = ("data_plot", "cost_plot", "landscape", "one_d", "sigmoid_view", "graph_panel")


class Appearance:
    """Applies theme × presentation × zoom to the window and its plots.

    The window's stylesheet is theme × zoom; in presentation mode the stage's widgets
    get their own sheet with every size × 2 (a widget's own sheet wins over its
    parents').  A widget or plot that is hidden is restyled when it is next shown.
    """

    def __init__(self, window, on_change=None, hold=nullcontext):
        self.window = window
        self.on_change = on_change  # e.g. the controller's refresh: fill the overlay now
        self.hold = hold  # a context in which drawing the data plot's model waits
        self.theme = LIGHT
        self.presentation = False
        self.zoom = 1.0
        self.overlay = window.overlay
        self.shown = WhenShown(window)
        self._styled = {}  # view → (theme, sizes) it was last styled with

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

    def window_sheet(self):
        """base.qss + the theme's colours, every pt × zoom."""
        return scaled_qss(_read("base.qss") + _read(self.theme.qss), self.zoom)

    def stage_sheet(self):
        """The stage's own sheet: none (the window's) normally; in presentation mode the
        rules of base.qss and presentation.qss that size type, every pt × zoom × 2.

        Sizes only: a widget's own sheet wins over its parents' whatever their rules'
        specificity, so every size rule of the window's sheet is here, scaled, and no
        other rule (the theme's "QPushButton:checked { padding }" must keep winning
        over base.qss's "QPushButton { padding }")."""
        if not self.presentation:
            return ""
        text = COMMENT.sub("", _read("base.qss") + _read("presentation.qss"))
        rules = (rule.strip() for rule in SIZE_RULE.findall(text))
        return scaled_qss("\n".join(rules), self.factor)

    def apply(self):
        w = self.window
        whole = w.styleSheet() != (sheet := self.window_sheet())
        if whole:
            w.setStyleSheet(sheet)
        stage = self.stage_sheet()
        sizes = NORMAL.scaled(self.factor)
        for name in STAGE:
            widget = getattr(w, name)
            self.shown.want(widget, "sheet", lambda x=widget: _set_sheet(x, stage))
        for name in VIEWS:
            view = getattr(w, name)
            self.shown.want(view, "plot", lambda v=view: self._style(v, sizes))
        # Its own sheet: the stage's "QWidget { font-size }" would win over setFont.
        self.shown.want(self.overlay, "sheet", lambda: _set_sheet(
            self.overlay,
            f"font-size: {OVERLAY_PT * self.factor:.1f}pt; font-weight: bold;"
            f"background: {self.theme.background}; color: {self.theme.foreground};"
            f"border: 2px solid {self.theme.foreground}; border-radius: 6px; padding: 4px 8px;"))

        def restyle():
            # What is on stage is restyled while the layouts are held (the rest when
            # shown), and given its texts (the overlay's numbers): one layout pass fits all.
            self.shown.flush()
            if self.on_change is not None:
                self.on_change()

        # Nothing is painted half laid out (the controller's refresh paints at once);
        # the new stage is painted once, at the end, as a frame answering an action is.
        app = QtCore.QCoreApplication
        w.setUpdatesEnabled(False)
        try:
            # The heatmap and boundary are drawn once, for the view the plot ends with.
            with self.hold():
                w.set_presentation_layout(self.presentation, restyle)
                if whole:
                    w.fit_controls()
                w.place_strip()
            # The plots' scenes take in what changed now, not in paints of their own after.
            for view in w.findChildren(GraphicsView):
                app.sendPostedEvents(view.scene(), QtCore.QEvent.Type.MetaCall.value)
            app.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest.value)
        finally:
            w.setUpdatesEnabled(True)
        if w.isVisible():
            app.sendPostedEvents(w, QtCore.QEvent.Type.UpdateRequest.value)

    def _style(self, view, sizes):
        if self._styled.get(view) != (self.theme, sizes):
            self._styled[view] = (self.theme, sizes)
            view.apply_style(self.theme, sizes)


def _set_sheet(widget, sheet):
    """A new stylesheet re-polishes the widget and all it holds: only when it changes."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
