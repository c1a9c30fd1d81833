"""Colours and sizes shared by the plots: one place for themes and presentation mode.

Class colours are from the Okabe–Ito palette (safe for deuteranopia and
protanopia), and the classes also differ in marker shape, so the data reads
in greyscale too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: The lecture's own colours (its slides, and the split of J under λ on the cost plot).
RED, GREEN, PURPLE, ORANGE, BLUE = "#b2182b", "#1b7837", "#6a3d9a", "#D55E00", "#0072B2"


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    foreground: str
    class_one: str  # positive, y = 1
    class_zero: str  # negative, y = 0
    boundary: str
    heat_mid: str  # colour of p = 0.5 in the heatmap
    heat_alpha: int  # 0-255 opacity of the heatmap's ends
    cost: str
    qss: str  # stylesheet file in resources/
    outline: str = "#202020"  # marker outlines
    outline_width: float = 1.0  # pixels at the normal marker size


LIGHT = Theme("light", "#ffffff", "#202020", "#D55E00", "#0072B2", "#111111",
              "#ffffff", 105, "#6a3d9a", "light.qss")
DARK = Theme("dark", "#1e1e1e", "#e8e8e8", "#E69F00", "#56B4E9", "#ffffff",
             "#1e1e1e", 120, "#cc99ff", "dark.qss", outline="#e8e8e8")
#: High contrast: a white boundary on the black p = 0.5 band, and markers ringed in
#: white twice as thick as elsewhere, so each point stands out on the tinted heatmap.
HIGH_CONTRAST = Theme("high contrast", "#000000", "#ffffff", "#FFB000", "#3AA0FF", "#ffffff",
                      "#000000", 150, "#ffffff", "high_contrast.qss", outline="#ffffff",
                      outline_width=2.0)
THEMES = {t.name: t for t in (LIGHT, DARK, HIGH_CONTRAST)}

#: Marker shapes: class 1 an upward triangle, class 0 a circle.
SYMBOL = {1: "t1", 0: "o"}
#: Race lanes: colour and dash, so lanes differ in greyscale too.
LANE_PENS = [("#E69F00", "solid"), ("#009E73", "dash"), ("#CC79A7", "dot"), ("#F0E442", "dashdot")]


def line_pen(colour, width=1.0, style=None):
    """A cosmetic pen with square caps for a plotted line.

    pyqtgraph's mkPen gives round caps, and Qt strokes a round-capped line wider than
    4 px through its general stroker: in presentation mode at 1920×1080 the 7 px
    decision boundary took 3.9 ms a repaint with round caps and 2.0 ms with square
    ones, the 5 px cost curve 2.8 ms and 1.7 ms (square or flat caps keep Qt's fast
    line rasterizer).  On a polyline the caps are hidden in the joins, so the picture
    is the same; dashes keep their proportions (a square cap is as long as a round one).
    """
    import pyqtgraph as pg
    from PySide6 import QtCore

    kwargs = {} if style is None else {"style": style}
    pen = pg.mkPen(colour, width=width, **kwargs)
    pen.setCapStyle(QtCore.Qt.PenCapStyle.SquareCap)
    return pen


def lane_pen(k, width):
    from PySide6 import QtCore

    colour, dash = LANE_PENS[k]
    style = {"solid": QtCore.Qt.PenStyle.SolidLine, "dash": QtCore.Qt.PenStyle.DashLine,
             "dot": QtCore.Qt.PenStyle.DotLine, "dashdot": QtCore.Qt.PenStyle.DashDotLine}[dash]
    return line_pen(colour, width, style)


@dataclass(frozen=True)
class Sizes:
    """Everything presentation mode scales."""

    font: int = 10  # point size of plot labels and ticks
    marker: int = 11  # pixels
    boundary_width: float = 3.5
    cost_width: float = 2.5

    def scaled(self, k):
        return Sizes(round(self.font * k), round(self.marker * k),
                     self.boundary_width * k, self.cost_width * k)


NORMAL = Sizes()
PRESENTATION = NORMAL.scaled(2.0)


def style_axes(plot, theme, sizes):
    """Axis lines, ticks and labels of a PlotWidget in the theme's colour and size."""
    font = plot.font()
    font.setPointSize(sizes.font)
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setTextPen(theme.foreground)
        axis.setPen(theme.foreground)
        # Major and minor ticks only: pyqtgraph's third level (a tick mark every
        # tenth, too small to read on a projector) doubled the Python work of each
        # axis redraw, which every new run (features, scaling, Reset) pays twice.
        # Set once: setStyle drops the axis' picture and re-sizes it on every call.
        if axis.style["maxTickLevel"] != 1:
            axis.setStyle(maxTickLevel=1, maxTextLevel=1)
        old = axis.style["tickFont"]
        axis.setTickFont(font)
        axis.label.setFont(font)
        if old is not None and old != font and axis.style["showValues"]:
            make_room_for_ticks(axis)
    titles = getattr(plot, "axis_titles", None)
    if titles is not None:
        titles.fit()


def make_room_for_ticks(axis):
    """Give the axis room for its tick labels in its new font now.

    pyqtgraph measures the labels in the axis' first paint: after a font change (F5)
    the axes grew there, the plot was laid out again (the data plot's heatmap
    recomputed for its new view) and painted a second time.  The labels along the
    bottom are one line each: their height is the font's.  Those on the left are
    measured as pyqtgraph measures them (~1.5 ms an axis); scaling the old room by
    the fonts' ratio was cheaper but missed by more than the 10 px pyqtgraph lets
    pass, so the paint laid the plot out again anyway.
    """
    from PySide6 import QtCore, QtGui

    picture = QtGui.QPicture()
    painter = QtGui.QPainter(picture)
    try:
        painter.setFont(axis.style["tickFont"])
        if axis.orientation in ("left", "right"):
            if axis.linkedView() is not None:
                axis.generateDrawSpecs(painter)  # sets the axis' width for its labels
        else:
            box = painter.boundingRect(QtCore.QRectF(0, 0, 100, 100),
                                       QtCore.Qt.AlignmentFlag.AlignCenter, "0")
            axis.textHeight = box.height() * 0.8  # as pyqtgraph counts it
            axis.setHeight(axis.fixedHeight)  # None: as tall as textHeight asks
    finally:
        painter.end()


class AxisTitles:
    """Axis titles that fit their axis: the full title ("J(w) = (w − 2)²") when the axis
    is long enough, else its short form ("J(w)"), chosen again whenever the plot resizes
    or its font changes (call ``fit``)."""

    def __init__(self, plot):
        self.plot = plot
        self.titles = {}  # axis name → (full, short)
        plot.getPlotItem().vb.sigResized.connect(lambda *_: self.fit())

    def set(self, axis, full, short=None):
        self.titles[axis] = (full, short or full)
        self.fit()

    def fit(self):
        from PySide6 import QtGui

        for name, (full, short) in self.titles.items():
            axis = self.plot.getAxis(name)
            # The axis' own size, along which the title is centred: its boundingRect
            # reaches 15 px past each end for the outer tick labels, and a title that
            # "fitted" there was cut ("w2 · x2 (star").
            size = axis.size()
            length = size.height() if name in ("left", "right") else size.width()
            metrics = QtGui.QFontMetricsF(axis.label.font())
            margin = 2 * axis.label.document().documentMargin() + 6
            text = full if metrics.horizontalAdvance(full) + margin <= length else short
            if axis.labelText != text:
                self.plot.setLabel(name, text)


def passive_scatter(**kwargs):
    """A ScatterPlotItem that never takes a click: a click on a point must reach the
    plot's ViewBox (add, delete, inspect), not be swallowed by the point under it."""
    global _PassiveScatter
    if _PassiveScatter is None:
        _PassiveScatter = _passive_scatter_class()
    return _PassiveScatter(**kwargs)


_PassiveScatter = None
#: The per-marker style columns of a ScatterPlotItem; equal to pyqtgraph's "unset"
#: value, the item's one shared style applies.
_UNSET_STYLE = {"symbol": None, "size": -1, "pen": None, "brush": None}


def _passive_scatter_class():
    import numpy as np
    import pyqtgraph as pg

    class PassiveScatter(pg.ScatterPlotItem):
        def hoverEvent(self, ev):  # no acceptClicks(): the ViewBox gets every click
            pass

        def mouseClickEvent(self, ev):
            ev.ignore()

        def updateSpots(self, dataSet=None):
            # pyqtgraph looks each new marker's style up in its symbol atlas with one
            # Python tuple per marker: 4-5 ms at 10,000 points on every undo or delete
            # of a point. Markers that all share the item's one style (every scatter
            # here) need one lookup; pyqtgraph then finds nothing left to look up.
            data = self.data if dataSet is None else dataSet
            if self.opts["pxMode"] and self.opts["useCache"] and not self.opts["hoverable"]:
                new = np.flatnonzero(data["sourceRect"]["w"] == 0)
                if len(new) > 1 and all(np.equal(data[k][new], v).all()
                                        for k, v in _UNSET_STYLE.items()):
                    style = list(zip(*self._style(list(_UNSET_STYLE), data=data, idx=new[:1])))
                    data["sourceRect"][new] = self.fragmentAtlas[style][0]
                    self.invalidate()
            super().updateSpots(dataSet)

    return PassiveScatter


#: The narrowest view a plot allows.  Far below any view the app makes (the points' view
#: is at least 1 wide), far above where a tick or grid step underflows: a view 5e-324
#: wide (a lesson file's, or a long wheel zoom) made pyqtgraph's AxisItem divide by zero
#: in paint and the grid's step take log10(0).
MIN_SPAN = 1e-200


def nice_step(span, target_lines=8):
    """1, 2 or 5 × 10^k: the grid spacing that gives about ``target_lines`` lines."""
    import math

    if not (span > 0 and math.isfinite(span)):
        return 1.0
    raw = span / target_lines
    if raw < MIN_SPAN:  # a subnormal raw is log10(0), or a base 10**-324 == 0 that never fits
        return 1.0
    base = 10.0 ** math.floor(math.log10(raw))
    return next(base * k for k in (1, 2, 5, 10) if base * k >= raw)


def light_grid(plot_item, colour=(128, 128, 128, 60)):
    """Faint grid lines at 'nice' steps, rebuilt only when the view range changes.

    The axes' own grid (showGrid) cost ~25 ms a repaint and pyqtgraph's GridItem
    ~1 ms; one curve of line pairs costs next to nothing.
    """
    import numpy as np
    import pyqtgraph as pg

    grid = pg.PlotCurveItem(connect="pairs", pen=pg.mkPen(colour))
    grid.setZValue(-5)  # over the heatmap (-10), under the boundary and the points
    view = plot_item.getViewBox() if hasattr(plot_item, "getViewBox") else plot_item.vb
    # On the ViewBox, not the PlotItem: not a data item, and no part of any auto-range.
    view.addItem(grid, ignoreBounds=True)
    view.setLimits(minXRange=MIN_SPAN, minYRange=MIN_SPAN)  # and so no tick step underflows

    def rebuild(*_):
        (x0, x1), (y0, y1) = view.viewRange()
        xs, ys = [], []
        for lo, hi, vertical in ((x0, x1, True), (y0, y1, False)):
            step = nice_step(hi - lo)
            k0, k1 = np.ceil(lo / step), np.floor(hi / step)
            if not (np.isfinite(k0) and np.isfinite(k1)) or not 0 <= k1 - k0 <= 200:
                continue
            for v in np.arange(k0, k1 + 1) * step:
                if vertical:
                    xs += [v, v]
                    ys += [y0, y1]
                else:
                    xs += [x0, x1]
                    ys += [v, v]
        grid.setData(np.array(xs, dtype=float), np.array(ys, dtype=float))

    view.sigRangeChanged.connect(rebuild)
    rebuild()
    return grid


def _rgb(hex_colour):
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], dtype=float)


def heat_lut(theme, n=256):
    """RGBA lookup table for p(y=1|x): class 0 colour → mid → class 1 colour."""
    p = np.linspace(0.0, 1.0, n)[:, None]
    zero, mid, one = _rgb(theme.class_zero), _rgb(theme.heat_mid), _rgb(theme.class_one)
    t0 = np.clip(1 - 2 * p, 0, 1)
    t1 = np.clip(2 * p - 1, 0, 1)
    # Blend towards the class colour, at most heat_alpha/255 of the way, so points stay visible.
    k = theme.heat_alpha / 255.0
    rgb = mid + k * (t0 * (zero - mid) + t1 * (one - mid))
    lut = np.empty((n, 4), dtype=np.ubyte)
    lut[:, :3] = np.clip(np.round(rgb), 0, 255)
    lut[:, 3] = 255
    return lut


#: The least height of a view's plot (the landscape, the 1-D slide, σ(z)): with its
#: axes, a drawing area of ~70 px, never a strip.
PLOT_MIN_HEIGHT = 110
