"""The lecture's slide in one dimension: J(w) = (w − 2)², tangents and iterates."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from core import one_d

from .controls import GeneralSpinBox
from .flow_layout import FlowLayout
from .theme import LIGHT, NORMAL, AxisTitles, light_grid, style_axes

FRAMES_PER_STEP = 20  # a step every third of a second, slow enough to follow


class OneDView(QtWidgets.QWidget):
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
        self.plot.setMinimumHeight(80)
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


class OneDPresenter:
    """Iterates w ← w − α·dJ/dw, one per Step (or per few frames while playing)."""

    def __init__(self, view):
        self.view = view
        self.w0 = 6.0
        self.ws = [self.w0]
        self.frames = 0
        view.step.clicked.connect(self.step)
        view.reset.clicked.connect(self.reset)
        view.alpha.valueChanged.connect(lambda _: self.reset())
        view.play.toggled.connect(self._play_toggled)
        for value, button in view.presets.items():
            button.clicked.connect(lambda _=False, v=value: view.alpha.setValue(v))
        self.draw()

    @property
    def playing(self):
        return self.view.play.isChecked()

    def _play_toggled(self, on):
        self.view.play.setText("❚❚ Pause" if on else "▶ Play")

    def reset(self):
        self.ws = [self.w0]
        self.draw()

    def step(self):
        alpha = self.view.alpha.value()
        nxt = one_d.iterates(self.ws[-1], alpha, 1)
        if len(nxt) == 2:
            self.ws.append(nxt[1])
        elif self.playing:
            self.view.play.setChecked(False)
        self.draw()

    def step_back(self):
        """Forget the newest iterate (a presenter remote's ←)."""
        if len(self.ws) > 1:
            self.ws.pop()
            self.draw()

    def tick(self):
        """Called by the controller's timer every frame while playing."""
        self.frames += 1
        if self.frames % FRAMES_PER_STEP == 0:
            self.step()
            if len(self.ws) > 60:
                self.view.play.setChecked(False)

    def draw(self):
        v = self.view
        ws = np.array(self.ws)
        # Keep every iterate in view: a diverging run (α > 1) widens the axes, so the
        # class sees w¹⁵ = −14.7 on the parabola rather than off the edge (issue 12).
        far = float(np.max(np.abs(ws - 2.0)))
        half = max(5.0, 1.15 * far + 1.0)
        half = 5.0 if half <= 5.0 else float(2.0 ** np.ceil(np.log2(half)))  # coarse steps
        v.set_w_range(2.0 - half, 2.0 + half)
        v.steps.setData(ws, one_d.J(ws))
        # Tangent at each iterate: slope dJ/dw, drawn over ±1 in w.
        xs, ys = [], []
        for w in ws[-12:]:
            slope = one_d.dJ(w)
            xs += [w - 1, w + 1]
            ys += [one_d.J(w) - slope, one_d.J(w) + slope]
        v.tangents.setData(np.array(xs), np.array(ys))
        for item in v.labels:
            v.plot.removeItem(item)
        v.labels = []
        for k, w in enumerate(ws[-8:], start=max(0, len(ws) - 8)):
            label = pg.TextItem(f"w{_superscript(k)}", anchor=(0.5, 1.2), color=v.label_colour)
            label.setFont(v.label_font)
            label.setPos(w, one_d.J(w))
            v.plot.addItem(label)
            v.labels.append(label)
        w = ws[-1]
        d = one_d.dJ(w)
        sign = "> 0: w moves left" if d > 0 else ("< 0: w moves right" if d < 0 else "= 0: at the minimum")
        v.caption.setText(
            f"{one_d.regime(v.alpha.value())}.  w{_superscript(len(ws) - 1)} = {w:.4g}, "
            f"dJ/dw = 2(w − 2) = {d:.4g} {sign}.  Each step multiplies the distance to "
            f"w = 2 by (1 − 2α) = {1 - 2 * v.alpha.value():.3g}."
        )


def _superscript(k):
    return str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
