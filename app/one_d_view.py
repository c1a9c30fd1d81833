"""The lecture's slide in one dimension: J(w) = (w − 2)², tangents and iterates.

The passive view; OneDPresenter (app/one_d_presenter.py) steps w and feeds it.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from core import one_d

from .controls import GeneralSpinBox
from .flow_layout import FlowLayout, LeastHeightForWidth
from .theme import LIGHT, NORMAL, PLOT_MIN_HEIGHT, AxisTitles, light_grid, style_axes


class OneDView(LeastHeightForWidth, QtWidgets.QWidget):
    """Passive: the parabola, tangent segments at each iterate, and its own controls."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("oneDView")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 0)
        layout.setSpacing(2)
        # The controls wrap onto a second line when the column is narrow, rather than
        # squash their texts into fragments.
        row = FlowLayout(spacing=4)
        alpha_label = QtWidgets.QLabel("α")
        alpha_label.setObjectName("oneDAlphaLabel")
        row.addWidget(alpha_label)
        self.alpha = GeneralSpinBox()
        self.alpha.setObjectName("oneDAlpha")
        self.alpha.setRange(0.01, 1.5)
        self.alpha.setSingleStep(0.05)
        self.alpha.setValue(0.1)
        self.alpha.setKeyboardTracking(False)
        self.alpha.setToolTip("α of the 1-D picture: type 0.5 or 0,5")
        row.addWidget(self.alpha)
        self.presets = {}
        for value in (0.1, 0.5, 0.8, 1.0, 1.05):
            b = QtWidgets.QPushButton(f"{value:g}")
            b.setObjectName(f"oneDAlpha{str(value).replace('.', '_')}")
            b.setToolTip(f"α = {value:g}: {one_d.regime(value)}")
            row.addWidget(b)
            self.presets[value] = b
        self.play = QtWidgets.QPushButton("▶ Play")
        self.play.setObjectName("oneDPlay")
        self.play.setCheckable(True)
        self.step = QtWidgets.QPushButton("Step")
        self.step.setObjectName("oneDStep")
        self.reset = QtWidgets.QPushButton("Reset")
        self.reset.setObjectName("oneDReset")
        for b in (self.play, self.step, self.reset):
            row.addWidget(b)
        controls = QtWidgets.QWidget()
        controls.setObjectName("oneDControls")
        controls.setLayout(row)
        self.controls = controls
        layout.addWidget(controls)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("oneDPlot")
        self.plot.setLabel("bottom", "w")
        self.plot.axis_titles = AxisTitles(self.plot)
        self.plot.axis_titles.set("left", "J(w) = (w − 2)²", "J(w)")
        self.plot.setMinimumHeight(PLOT_MIN_HEIGHT)
        light_grid(self.plot)
        layout.addWidget(self.plot, 1)
        self.caption = QtWidgets.QLabel()
        self.caption.setObjectName("oneDCaption")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        w = np.linspace(-3, 7, 400)
        self.parabola = self.plot.plot(w, one_d.J(w))
        self.tangents = pg.PlotCurveItem(connect="pairs")
        self.plot.addItem(self.tangents)
        self.steps = pg.PlotDataItem(symbol="o")
        self.plot.addItem(self.steps)
        self.labels = []
        self.label_colour = LIGHT.class_zero
        self.w_range = None
        self.set_w_range(-3.0, 7.0)
        self.apply_style(LIGHT, NORMAL)

    def set_w_range(self, lo, hi):
        """Show w in [lo, hi] with the parabola drawn across it and J up to its top."""
        if self.w_range == (lo, hi):
            return
        self.w_range = (lo, hi)
        w = np.linspace(lo, hi, 400)
        self.parabola.setData(w, one_d.J(w))
        top = float(max(one_d.J(lo), one_d.J(hi)))
        self.plot.setRange(xRange=(lo, hi), yRange=(-0.04 * top, 1.04 * top), padding=0)

    def apply_style(self, theme, sizes):
        self.plot.setBackground(theme.background)
        style_axes(self.plot, theme, sizes)
        self.parabola.setPen(pg.mkPen(theme.cost, width=sizes.cost_width * 1.2))
        self.tangents.setPen(pg.mkPen(theme.class_one, width=sizes.cost_width * 0.8))
        self.steps.setPen(pg.mkPen(theme.class_zero, width=sizes.cost_width * 0.6,
                                   style=QtCore.Qt.PenStyle.DashLine))
        self.steps.setSymbolSize(sizes.marker)
        self.steps.setSymbolBrush(theme.class_zero)
        self.steps.setSymbolPen(pg.mkPen(theme.foreground, width=max(1.0, sizes.marker / 10)))
        self.label_colour = theme.class_zero
        self.label_font = QtGui.QFont()
        self.label_font.setPointSizeF(sizes.font)
        for item in self.labels:
            item.setColor(theme.class_zero)
            item.setFont(self.label_font)

    def set_labels(self, labels):
        """Name the iterates: ``labels`` = [(text, w, J)], in place of the previous ones."""
        for item in self.labels:
            self.plot.removeItem(item)
        self.labels = []
        for text, w, j in labels:
            item = pg.TextItem(text, anchor=(0.5, 1.2), color=self.label_colour)
            item.setFont(self.label_font)
            item.setPos(w, j)
            self.plot.addItem(item)
            self.labels.append(item)
