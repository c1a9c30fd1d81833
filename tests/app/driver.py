"""Helpers the GUI tests share: find widgets by objectName, map data to pixels, read plots."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets


def find(window, name, cls=QtWidgets.QWidget):
    """The widget with objectName ``name`` (the stable interface), or fail."""
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name!r}"
    return widget


def data_plot(window):
    return find(window, "dataPlot", pg.PlotWidget)


def cost_plot(window):
    return find(window, "costPlot", pg.PlotWidget)


def load_preset(qtbot, window, title_start):
    """Pick a preset in the combo box as a user would (activated signal)."""
    combo = find(window, "presets", QtWidgets.QComboBox)
    index = next((i for i in range(combo.count()) if combo.itemText(i).startswith(title_start)),
                 None)
    assert index is not None, f"no preset starting {title_start!r} in {combo_items(combo)}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    qtbot.wait(1)
    return index


def combo_items(combo):
    return [combo.itemText(i) for i in range(combo.count())]


def iteration(window):
    """The iteration count the user reads in iterationLabel."""
    text = find(window, "iterationLabel", QtWidgets.QLabel).text()
    digits = "".join(ch for ch in text if ch.isdigit())
    assert digits, f"no digits in iterationLabel {text!r}"
    return int(digits)


def state_text(window):
    return find(window, "stateLabel", QtWidgets.QLabel).text().lower()


def points_shown(window):
    """{label: (k, 2) array} of the points drawn as scatter items, by class.

    Read from the plot, not from the session, so it checks what is on screen:
    class 1 is an orange triangle, class 0 a blue circle (other scatter items,
    such as halos or a selection ring, have other colours).
    """
    from app.theme import LIGHT, SYMBOL

    plot = data_plot(window)
    theme = getattr(plot, "theme", LIGHT)
    colour = {1: theme.class_one.lower(), 0: theme.class_zero.lower()}
    shown = {}
    for item in plot.getPlotItem().items:
        if not isinstance(item, pg.ScatterPlotItem):
            continue
        brush = item.opts.get("brush")
        name = pg.mkBrush(brush).color().name().lower() if brush is not None else None
        for label in (1, 0):
            if item.opts.get("symbol") == SYMBOL[label] and name == colour[label]:
                # A class may be drawn by more than one item (the points clicked last
                # are kept apart from the cached rest); a hidden item shows nothing.
                x, y = item.getData() if item.isVisible() else ([], [])
                shown.setdefault(label, []).append(np.column_stack([x, y]))
    assert set(shown) == {0, 1}, f"class scatter items not found, got {sorted(shown)}"
    return {label: np.vstack(parts) for label, parts in shown.items()}


def all_points_shown(window):
    shown = points_shown(window)
    return np.vstack([shown[1], shown[0]])


def data_to_viewport(window, x, y):
    """Viewport pixel (QPoint) where the data point (x, y) is drawn."""
    plot = data_plot(window)
    scene = plot.getPlotItem().getViewBox().mapViewToScene(QtCore.QPointF(x, y))
    return plot.mapFromScene(scene)


def pixel_size(window):
    sx, sy = data_plot(window).getPlotItem().getViewBox().viewPixelSize()
    return abs(sx), abs(sy)


def non_finite_plot_data(window):
    """Descriptions of every plot item in either plot holding NaN or ±inf data."""
    bad = []
    for name, plot in (("dataPlot", data_plot(window)), ("costPlot", cost_plot(window))):
        for item in plot.getPlotItem().items:
            kind = type(item).__name__
            if isinstance(item, pg.ImageItem):
                image = item.image
                if image is not None and not np.all(np.isfinite(image)):
                    bad.append(f"{name}: {kind} image")
                continue
            if isinstance(item, pg.TextItem):
                continue
            get = getattr(item, "getData", None)
            if get is None:
                continue
            data = get()
            if data is None:
                continue
            for axis, values in zip("xy", data):
                if values is None:
                    continue
                arr = np.asarray(values, dtype=float)
                if not np.all(np.isfinite(arr)):
                    bad.append(f"{name}: {kind} {axis} has {np.count_nonzero(~np.isfinite(arr))} "
                               "non-finite values")
    return bad


def plot_item_count(window):
    """How many data arrays the NaN walk looked at (so it cannot pass vacuously)."""
    n = 0
    for plot in (data_plot(window), cost_plot(window)):
        for item in plot.getPlotItem().items:
            if isinstance(item, pg.ImageItem) and item.image is not None:
                n += 1
            elif hasattr(item, "getData") and item.getData() is not None:
                n += 1
    return n
