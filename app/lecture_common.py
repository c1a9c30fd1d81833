"""What the lecture's slides share: numbers as the slides write them, labels, small plots
(one with the data and decision boundaries) and a throttle for texts while playing."""

from __future__ import annotations

import html
import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from core.decision_boundary import ProbabilityGrid, decision_boundary

from .lecture_runs import heavy
from .theme import LIGHT, SYMBOL, light_grid, passive_scatter

#: While playing, numbers are rewritten at most this often (nobody reads 60 Hz digits).
TEXT_INTERVAL_S = 0.1
#: Points drawn on a slide's small data plot, and used for J along a segment, at most.
SAMPLE_POINTS = 3000
MONO = "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace"
TOP_LEFT = QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft


def num(v, digits=4):
    """A number for the screen: ``digits`` significant digits and a real minus sign."""
    if v is None:
        return "—"
    v = float(v)
    if not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("∞" if v > 0 else "−∞")
    if v == 0:
        return "0"
    if 10 ** digits <= abs(v) < 1e9:
        text = f"{v:,.0f}"  # 4,076 rather than 4.08e+03
    elif 1e-4 <= abs(v) < 1e6:
        text = f"{v:.{digits}g}"
    else:
        mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", "−")


def signed(v, digits=4):
    """'(−0.25)' for a negative number, so 'b − α·(−0.25)' reads right."""
    text = num(v, digits)
    return f"({text})" if v is not None and float(v) < 0 else text


def param_names(terms):
    """['b', 'w1', 'w2', …]: θ's entries as the lecture names them, bias first."""
    return ["b"] + [f"w{j + 1}" for j in range(len(terms))]


def esc(text):
    return html.escape(str(text), quote=False)


def set_text(label, text):
    """A new text only when it changed: a new text is a relayout."""
    if label.text() != text:
        label.setText(text)


def label(name, text="", *, rich=False, wrap=True, selectable=True):
    """A word-wrapped label with an objectName (the layout test and the tests find it)."""
    lab = QtWidgets.QLabel(text)
    lab.setObjectName(name)
    lab.setWordWrap(wrap)
    lab.setTextFormat(QtCore.Qt.TextFormat.RichText if rich else QtCore.Qt.TextFormat.PlainText)
    if selectable:
        lab.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


class StateButton(QtWidgets.QPushButton):
    """A checkable button sized for its text as drawn checked: bold (base.qss). Qt works
    the size hint out in the plain font, so "❚❚  Pause" was cut while the run played."""

    def _bold_extra(self):
        if not self.isCheckable():
            return 0
        text = self.text().replace("&", "")
        bold = QtGui.QFont(self.font())
        bold.setBold(True)
        return max(QtGui.QFontMetrics(bold).horizontalAdvance(text)
                   - self.fontMetrics().horizontalAdvance(text), 0)

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QtCore.QSize(hint.width() + self._bold_extra(), hint.height())

    def minimumSizeHint(self):  # noqa: N802
        hint = super().minimumSizeHint()
        return QtCore.QSize(hint.width() + self._bold_extra(), hint.height())


def button(text, name, tip="", checkable=False):
    b = (StateButton if checkable else QtWidgets.QPushButton)(text)
    b.setObjectName(name)
    b.setCheckable(checkable)
    if tip:
        b.setToolTip(tip)
    return b


def code_html(lines):
    """Code lines as rich text: monospace, indentation kept, long lines may wrap.

    ``lines``: (text, colour or None, bold) triples; text is escaped here.
    """
    out = []
    for text, colour, bold in lines:
        body = esc(text)
        lead = len(body) - len(body.lstrip(" "))
        body = "&nbsp;" * lead + body.lstrip(" ")
        if bold:
            body = f"<b>{body}</b>"
        if colour:
            body = f"<span style='color:{colour}'>{body}</span>"
        out.append(body)
    return f"<div style=\"font-family:{MONO}\">" + "<br>".join(out) + "</div>"


#: Room beside a small plot's legend: its offset from the view's edge and some curve.
LEGEND_MARGIN = 40


class _Plot(pg.PlotWidget):
    """A PlotWidget that asks for little room: a slide's word-wrapped labels make its
    layout height-for-width, which sizes by the children's hints (640×480 for a plot),
    and the plots would push the slide taller than the window."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setBackground("#ffffff")
        for axis in ("bottom", "left"):
            self.getAxis(axis).enableAutoSIPrefix(False)
            self.getAxis(axis).setTextPen("#202020")
            self.getAxis(axis).setPen("#202020")

    def sizeHint(self):  # noqa: N802 - Qt's name
        return QtCore.QSize(320, 140)

    def legend(self):
        legend = self.addLegend(offset=(-10, 10), labelTextColor="#202020",
                                brush=pg.mkBrush(255, 255, 255, 200))
        self.getPlotItem().vb.sigResized.connect(self._room_for_legend)
        return legend

    def _room_for_legend(self, *_):
        """At least as wide as the left axis, the legend and a margin for the curve: a
        J axis of 0.596781-style ticks took the room, and the legend was cut to
        "alty λ/(2m)·Σw²" in a 100-px plot."""
        legend = self.getPlotItem().legend
        if legend is None:
            return
        axis = self.getAxis("left")
        need = int(axis.width() + legend.boundingRect().width() + LEGEND_MARGIN)
        if need > self.minimumWidth():
            self.setMinimumWidth(need)


def small_plot(name, bottom, left):
    """A white PlotWidget with faint grid lines and plain numbers on its axes."""
    plot = _Plot()
    plot.setObjectName(name)
    plot.setLabel("bottom", bottom)
    plot.setLabel("left", left)
    plot.setMinimumSize(160, 120)
    light_grid(plot)
    return plot


def number_box(name, low, high, value=None, tip=""):
    """A spin box for α, ε or λ: reads '0.5' and '0,5', shows 4 significant digits,
    wide enough for 1e-06."""
    from .controls import GeneralSpinBox

    box = GeneralSpinBox()
    box.setObjectName(name)
    box.setRange(low, high)
    if value is not None:
        box.setValue(value)
    box.setStepType(QtWidgets.QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
    box.setKeyboardTracking(False)
    box.setMinimumWidth(box.fontMetrics().horizontalAdvance("0.00001") + 40)
    if tip:
        box.setToolTip(tip)
    return box


class MiniDataPlot(_Plot):
    """Passive: the training points and named decision boundaries (θ in original units)."""

    def __init__(self, name, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setAspectLocked(True)
        self.setMinimumSize(160, 140)
        self.setLabel("bottom", "x1")
        self.setLabel("left", "x2")
        light_grid(self)
        self.scatter = {}
        self.shown_points = None  # the (≤ SAMPLE_POINTS) points drawn
        for lab, colour in ((1, LIGHT.class_one), (0, LIGHT.class_zero)):
            item = passive_scatter(symbol=SYMBOL[lab], size=9, brush=pg.mkBrush(colour),
                                   pen=pg.mkPen("#202020"))
            item.setZValue(10)
            self.addItem(item)
            self.scatter[lab] = item
        self.boundaries = {}
        self._points = None
        self._grid = None
        self._extent = None

    def add_boundary(self, key, pen):
        item = pg.PlotCurveItem(connect="pairs", pen=pen, antialias=True)
        item.setZValue(5)
        self.addItem(item)
        self.boundaries[key] = item
        return item

    def set_points(self, points, labels):
        if points is self._points:
            return
        self._points = points
        idx = sample(len(points))
        shown, shown_labels = (points, labels) if idx is None else (points[idx], labels[idx])
        self.shown_points = shown
        for lab, item in self.scatter.items():
            sel = shown_labels == lab
            item.setData(x=shown[sel, 0], y=shown[sel, 1])
        if len(points):
            lo, hi = points.min(axis=0), points.max(axis=0)
            pad = np.maximum((hi - lo) * 0.15, 0.5)
            extent = (lo[0] - pad[0], hi[0] + pad[0], lo[1] - pad[1], hi[1] + pad[1])
        else:
            extent = (-3.0, 3.0, -3.0, 3.0)
        if extent != self._extent:
            self._extent = extent
            self.setRange(xRange=extent[:2], yRange=extent[2:], padding=0)

    def set_boundary(self, key, terms, theta_raw):
        """Trace σ = 0.5 of θ = [b, w…] (original units) over the points' extent; None hides."""
        item = self.boundaries[key]
        if theta_raw is None or self._extent is None:
            item.setData([], [])
            return
        x0, x1, y0, y1 = self._extent
        # Wider than the view, so a boundary reaching the edge is not cut short when panned.
        cx, cy, hx, hy = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0), (y1 - y0)
        xr, yr, shape = (cx - hx, cx + hx), (cy - hy, cy + hy), (180, 180)
        if self._grid is None or not self._grid.matches(xr, yr, shape, terms):
            self._grid = ProbabilityGrid(xr, yr, shape, terms)
        theta_raw = np.asarray(theta_raw, dtype=float)
        z = self._grid.z(theta_raw[1:].reshape(-1, 1), theta_raw[0])
        item.setData(*decision_boundary(z, self._grid.xs, self._grid.ys))


def sample(m, k=SAMPLE_POINTS):
    """Sorted indices of a fixed random sample of k of m examples, or None when m ≤ k."""
    if m <= k:
        return None
    return np.sort(np.random.default_rng(0).choice(m, k, replace=False))


class Throttle:
    """While a frame is animating, let text through at most every TEXT_INTERVAL_S."""

    def __init__(self):
        self._at = 0.0

    def __call__(self, frame):
        now = time.perf_counter()
        # A slide whose numbers cost a few steps' work writes them twice a second.
        interval = 5 * TEXT_INTERVAL_S if heavy(frame) else TEXT_INTERVAL_S
        if frame.animating and now - self._at < interval:
            return False
        self._at = now
        return True
