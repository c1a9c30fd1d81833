"""Helpers the GUI tests share: find widgets by objectName, map data to pixels, read plots.

At the end, what the layout tests share: a label's text measured against its room, the
points under the overlay, letting the window settle.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

Qt = QtCore.Qt
SLACK = 1  # pixels of rounding between font metrics and layouts


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
    """The step count the user reads in iterationLabel (its last number: in a race
    the label names the lane first, "Winner α = 10: step 21")."""
    text = find(window, "iterationLabel", QtWidgets.QLabel).text()
    count = text.rsplit(" ", 1)[-1].replace(",", "")
    assert count.isdigit(), f"no count at the end of iterationLabel {text!r}"
    return int(count)


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


# -- layout: what test_layout.py and test_layout_overlay_and_sheet.py share ----------


def _label_problem(label):
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    cr = label.contentsRect()
    m = label.margin()
    room = cr.adjusted(m, m, -m, -m)
    if label.indent() > 0:
        room.setLeft(room.left() + label.indent())
    fmt = label.textFormat()
    rich = fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if rich:
        # Width: the text laid out at the label's width (a table's unbreakable cells can
        # make it wider). Height: the label's own layout of it (QLabel's document, whose
        # table metrics a separate QTextDocument does not reproduce).
        doc = QtGui.QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(room.width())
        width = doc.idealWidth()
        if label.wordWrap():
            height = label.heightForWidth(label.width()) - (label.height() - room.height())
        else:
            doc.setTextWidth(max(room.width(), width))
            height = doc.size().height()
        need = QtCore.QSize(int(np.ceil(width)), int(np.ceil(height)))
    else:
        fm = label.fontMetrics()
        if label.wordWrap():
            box = QtCore.QRect(0, 0, max(room.width(), 1), 1 << 20)
            br = fm.boundingRect(box, int(Qt.TextFlag.TextWordWrap), text)
            # A single word (a number) wider than the label would be cut, not wrapped.
            widest = max((fm.horizontalAdvance(w) for w in text.split()), default=0)
            need = QtCore.QSize(max(br.width(), widest), br.height())
        else:
            br = fm.boundingRect(QtCore.QRect(0, 0, 1 << 20, 1 << 20), 0, text)
            need = br.size()
    if need.width() > room.width() + SLACK or need.height() > room.height() + SLACK:
        return f"needs {need.width()}×{need.height()}, has {room.width()}×{room.height()}"
    return None


def overlay_covers_points(window):
    """Points (in pixels of the data plot) under the overlay or the caption."""
    dp = window.data_plot
    vb = dp.view_box
    covered = []
    pts = window.controller.session.points
    for label in (window.overlay, window.caption):
        if not label.isVisible() or not len(pts):
            continue
        rect = QtCore.QRectF(label.geometry())
        for x, y in pts:
            scene = vb.mapViewToScene(QtCore.QPointF(float(x), float(y)))
            pos = dp.mapFromScene(scene)
            if rect.contains(QtCore.QPointF(pos)) and vb.sceneBoundingRect().contains(scene):
                covered.append((label.objectName(), float(x), float(y)))
    return covered


def settle(qtbot, window, rounds=3):
    for _ in range(rounds):
        QtWidgets.QApplication.processEvents()
        qtbot.wait(5)
    window.controller.refresh()
    QtWidgets.QApplication.processEvents()
