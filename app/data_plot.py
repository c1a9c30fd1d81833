"""The data plot: points, probability heatmap and decision boundary."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from .theme import (
    LANE_PENS,
    LIGHT,
    NORMAL,
    SYMBOL,
    heat_lut,
    lane_pen,
    light_grid,
    line_pen,
    passive_scatter,
    style_axes,
)

DENSE_POINTS = 20_000  # beyond this many points, draw densities instead of markers
DENSITY_BINS = 360  # density pixels along the longer side of the view
#: Clicked points kept in the small uncached items before one full redraw merges them.
FRESH_POINTS = 200


class DataViewBox(pg.ViewBox):
    """A ViewBox that reports clicks and point drags in data coordinates.

    Signals: ``clicked(x, y, button, modifiers)``; ``dragStarted(x, y)``,
    ``dragged(x, y)``, ``dragFinished(x, y)``.  A drag is only taken over
    when ``grab_test(x, y)`` says a point is under the press; otherwise the
    view pans as usual.
    """

    clicked = QtCore.Signal(float, float, object, object)
    dragStarted = QtCore.Signal(float, float)
    dragged = QtCore.Signal(float, float)
    dragFinished = QtCore.Signal(float, float)

    def __init__(self):
        super().__init__(enableMenu=False)
        self.grab_test = lambda x, y: False
        self._dragging_point = False

    def hoverEvent(self, ev):
        # Every click in the plot is the view box's (add, delete, inspect: the markers
        # ignore clicks). Saying so while the mouse hovers lets pyqtgraph hand a click
        # straight to it, without searching the items under the cursor first: that
        # search asked each item for its shape, on the path of the frame that shows
        # a new point.
        if not ev.isExit():
            for button in (QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.RightButton,
                           QtCore.Qt.MouseButton.MiddleButton):
                ev.acceptClicks(button)

    def mouseClickEvent(self, ev):
        if not self.sceneBoundingRect().contains(ev.scenePos()):
            # An axis hands its clicks to its view (pyqtgraph): one on the tick labels
            # added a point outside the view, counted in the accuracy, drawn nowhere.
            ev.ignore()
            return
        p = self.mapSceneToView(ev.scenePos())
        ev.accept()
        self.clicked.emit(p.x(), p.y(), ev.button(), ev.modifiers())

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:
            super().mouseDragEvent(ev, axis)
            return
        if ev.isStart():
            start = self.mapSceneToView(ev.buttonDownScenePos())
            self._dragging_point = bool(self.grab_test(start.x(), start.y()))
            if self._dragging_point:
                self.dragStarted.emit(start.x(), start.y())
        if not self._dragging_point:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        p = self.mapSceneToView(ev.scenePos())
        if ev.isFinish():
            self._dragging_point = False
            self.dragFinished.emit(p.x(), p.y())
        else:
            self.dragged.emit(p.x(), p.y())


class DataPlot(pg.PlotWidget):
    """Passive view of the training set and the model; the controller feeds it."""

    def __init__(self, parent=None):
        self.view_box = DataViewBox()
        super().__init__(parent, viewBox=self.view_box)
        self.setObjectName("dataPlot")
        self.setAspectLocked(True)
        self.hideButtons()  # the "A" auto-range button would rescale the class's view
        self.view_box.disableAutoRange()
        self.setLabel("bottom", "x1")
        self.setLabel("left", "x2")
        self.grid = light_grid(self)

        self.heatmap = pg.ImageItem(axisOrder="row-major")
        self.heatmap.setZValue(-10)
        self.addItem(self.heatmap)
        self.boundary = pg.PlotCurveItem(connect="pairs", antialias=True)
        self.boundary.setZValue(5)
        self.addItem(self.boundary)
        self.scatter = {
            label: passive_scatter(symbol=SYMBOL[label], pxMode=True, antialias=True)
            for label in (1, 0)
        }
        for item in self.scatter.values():
            item.setZValue(10)
            # The points stand still while the boundary moves over them: Qt keeps
            # them as one pixmap and blits it, instead of redrawing every marker
            # each frame (6.1 → 2.6 ms a paint at 10,000 points; same pixels ±1).
            item.setCacheMode(QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.addItem(item)
        # The points clicked since the last full redraw, one small uncached item per
        # class: a click then neither re-renders the class's cached pixmap nor copies
        # its arrays (pyqtgraph's addPoints reallocates every record).
        self.fresh = {
            label: passive_scatter(symbol=SYMBOL[label], pxMode=True, antialias=True)
            for label in (1, 0)
        }
        for item in self.fresh.values():
            item.setZValue(10)
            item.hide()
            self.addItem(item)
        # Halos sized by |a − y|: how hard each point pulls the boundary.
        self.pull = passive_scatter(symbol="o", pxMode=True, pen=None,
                                       brush=pg.mkBrush(200, 0, 120, 70))
        self.pull.setZValue(8)
        self.addItem(self.pull)
        self.selection = passive_scatter(symbol="o", pxMode=True, brush=None,
                                            pen=pg.mkPen("#6a3d9a", width=3))
        self.selection.setZValue(11)
        self.addItem(self.selection)
        # One decision boundary per race lane, shown only in compare mode.
        self.lane_boundaries = []
        for k in range(len(LANE_PENS)):
            item = pg.PlotCurveItem(connect="pairs", pen=lane_pen(k, 3))
            item.setZValue(6)
            item.hide()
            self.addItem(item)
            self.lane_boundaries.append(item)
        self.density = pg.ImageItem(axisOrder="row-major")
        self.density.setZValue(4)  # under the boundary, which must stay readable
        self.density.hide()
        self.addItem(self.density)
        self._points = self._labels = None
        self._offered = None  # density counts computed ahead (offer_density)
        self.view_box.sigRangeChanged.connect(lambda *_: self._draw_density())
        self.theme = LIGHT
        self.sizes = NORMAL
        self.apply_style(LIGHT, NORMAL)

    def apply_style(self, theme, sizes):
        self.theme, self.sizes = theme, sizes
        self.setBackground(theme.background)
        self._lut = heat_lut(theme)
        self.boundary.setPen(line_pen(theme.boundary, sizes.boundary_width))
        outline = pg.mkPen(theme.outline,
                           width=max(1.0, theme.outline_width * sizes.marker / NORMAL.marker))
        for label, colour in ((1, theme.class_one), (0, theme.class_zero)):
            # One shared pen and brush per class: per-point styles cost 5x (orange3 #3589);
            # the markers are drawn again once, by the last call, not after each.
            for item in (self.scatter[label], self.fresh[label]):
                item.setPen(outline, update=False)
                item.setBrush(pg.mkBrush(colour), update=False)
                item.setSize(sizes.marker)
        for k, item in enumerate(self.lane_boundaries):
            item.setPen(lane_pen(k, sizes.boundary_width * 0.85))
        style_axes(self, theme, sizes)

    def set_points(self, points, labels):
        """Markers up to DENSE_POINTS points; beyond, a density image per class.

        A million markers cost ~100 ms a repaint; the image is rebuilt only when
        the points or the view change, and paints in a few milliseconds.
        """
        old_points, old_labels = self._points, self._labels
        self._points, self._labels = points, labels
        dense = len(points) > DENSE_POINTS
        appended = (not dense and old_points is not None and len(points) == len(old_points) + 1
                    and np.array_equal(points[:-1], old_points)
                    and np.array_equal(labels[:-1], old_labels))
        if appended and sum(len(f.data) for f in self.fresh.values()) < FRESH_POINTS:
            label = int(labels[-1])
            self.fresh[label].addPoints(x=points[-1:, 0], y=points[-1:, 1])
            self.fresh[label].show()
        else:
            for label, item in self.scatter.items():
                if dense:
                    item.setData([], [])
                else:
                    sel = labels == label
                    item.setData(x=points[sel, 0], y=points[sel, 1])
                self.fresh[label].setData([], [])
                self.fresh[label].hide()
        self.density.setVisible(dense)
        if dense:
            self._draw_density()

    def shown_points(self, label):
        """(x, y) of the markers drawn for class ``label`` (the cached ones and the fresh)."""
        xs, ys = zip(self.scatter[label].getData(), self.fresh[label].getData())
        return np.concatenate(xs), np.concatenate(ys)

    def density_job(self):
        """For a big edit's thread: ``job(points, labels) -> counts`` of the density image
        of those points in the view shown now, handed back by ``offer_density(counts)``
        (130 ms of the GUI thread at two million points), or None (no density to draw)."""
        grid = self._density_grid()
        if grid is None:
            return None

        def job(points, labels):
            if len(points) <= DENSE_POINTS:
                return None
            return points, grid, _class_counts(points, labels, *grid)

        return job

    def offer_density(self, counts):
        """Counts from :meth:`density_job`: used if the view and the points are still those."""
        self._offered = counts

    def _density_grid(self):
        (x0, x1), (y0, y1) = self.view_rect()
        if not (x1 > x0 and y1 > y0):
            return None
        ny, nx = DENSITY_BINS * (y1 - y0) / max(x1 - x0, y1 - y0), DENSITY_BINS * (x1 - x0) / max(
            x1 - x0, y1 - y0)
        return (x0, x1), (y0, y1), max(int(nx), 2), max(int(ny), 2)

    def _draw_density(self):
        offered, self._offered = self._offered, None
        if not self.density.isVisible() or self._points is None:
            return
        grid = self._density_grid()
        if grid is None:
            return
        (x0, x1), (y0, y1), nx, ny = grid
        if offered is not None and offered[0] is self._points and offered[1] == grid:
            c0, c1 = offered[2]
        else:
            c0, c1 = _class_counts(self._points, self._labels, *grid)
        total = c1 + c0
        rgb1 = np.array(pg.mkColor(self.theme.class_one).getRgb()[:3], dtype=float)
        rgb0 = np.array(pg.mkColor(self.theme.class_zero).getRgb()[:3], dtype=float)
        share = np.divide(c1, total, out=np.zeros_like(total), where=total > 0)[..., None]
        rgba = np.empty((ny, nx, 4), dtype=np.ubyte)
        rgba[..., :3] = np.round(share * rgb1 + (1 - share) * rgb0)
        # Opacity grows with the log of the count, so sparse regions still show.
        top = np.log1p(total.max()) or 1.0
        rgba[..., 3] = np.round(np.where(total > 0, 90 + 165 * np.log1p(total) / top, 0))
        self.density.setImage(rgba, autoLevels=False)
        self.density.setRect(QtCore.QRectF(x0, y0, x1 - x0, y1 - y0))

    def set_probabilities(self, p, x_range, y_range):
        """p(y=1|x) on a grid, shape (ny, nx), drawn over the given data rectangle."""
        # Colours applied here, not by Qt: an RGBA image paints 3x faster than an
        # indexed one with a colour table (0.55 ms against 1.9 ms a frame).
        index = np.clip(np.nan_to_num(p) * (len(self._lut) - 1) + 0.5, 0, len(self._lut) - 1)
        self.heatmap.setImage(self._lut[index.astype(np.intp)], levels=None, autoLevels=False)
        ny, nx = p.shape
        # Cell centres sit on the grid points: widen the rectangle by half a cell.
        dx = (x_range[1] - x_range[0]) / max(nx - 1, 1)
        dy = (y_range[1] - y_range[0]) / max(ny - 1, 1)
        self.heatmap.setRect(QtCore.QRectF(x_range[0] - dx / 2, y_range[0] - dy / 2,
                                           dx * nx, dy * ny))

    def set_pull(self, points, pull):
        """Halo of diameter marker·(1 + 3·pull) behind each point (pull = |dz|), or none."""
        # An empty item is hidden, not only emptied: a shown scatter costs its bounding
        # rect and a paint every frame even with nothing in it.
        self.pull.setVisible(points is not None)
        if points is None:
            if self.pull.data.size:
                self.pull.setData([], [])
            return
        self.pull.setData(x=points[:, 0], y=points[:, 1],
                          size=self.sizes.marker * (1.0 + 3.0 * np.asarray(pull)))

    def set_selected(self, point):
        self.selection.setVisible(point is not None)
        if point is None:
            if self.selection.data.size:
                self.selection.setData([], [])
        else:
            self.selection.setData([point[0]], [point[1]], size=self.sizes.marker * 2.2)

    def set_boundary(self, x, y):
        self.boundary.setData(x=x, y=y)

    def set_lane_boundaries(self, segments):
        """One (x, y) per race lane; the lanes beyond ``len(segments)`` are hidden."""
        for k, item in enumerate(self.lane_boundaries):
            if k < len(segments):
                item.setData(*segments[k])
                item.show()
            else:
                item.hide()

    def view_rect(self):
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        return (x0, x1), (y0, y1)

    def pixel_size(self):
        """Size of one screen pixel in data units (sx, sy)."""
        sx, sy = self.view_box.viewPixelSize()
        return abs(sx) or 1e-9, abs(sy) or 1e-9


def _class_counts(points, labels, x_range, y_range, nx, ny):
    """Points of class 0 and of class 1 in each of ny × nx equal bins of the view, as
    np.histogram2d counts them (the last bin takes its right edge), in one pass:
    histogram2d's searchsorted took 160 ms of every click on a million points."""
    (x0, x1), (y0, y1) = x_range, y_range
    x, y = points[:, 0], points[:, 1]
    inside = (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
    x, y, labels = x[inside], y[inside], labels[inside]
    ix, iy = _bins(x, x0, x1, nx), _bins(y, y0, y1, ny)
    cells = np.bincount((labels.astype(np.intp) != 0) * (nx * ny) + iy * nx + ix,
                        minlength=2 * nx * ny).astype(float)
    return cells[: nx * ny].reshape(ny, nx), cells[nx * ny:].reshape(ny, nx)


def _bins(v, lo, hi, n):
    """The bin of each v in [lo, hi] among n equal bins with histogram2d's edges
    (np.linspace): arithmetic, then nudged where a value on an edge rounded across."""
    edges = np.linspace(lo, hi, n + 1)
    i = np.clip(((v - lo) * (n / (hi - lo))).astype(np.intp), 0, n - 1)
    i -= v < edges[i]
    i += (v >= edges[i + 1]) & (i < n - 1)
    return i
