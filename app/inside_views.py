"""Inside the model: the σ(z) view and one example through the computational graph."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from core.features import TERM_LABELS
from core.model import cost_and_gradients, sigmoid

from .theme import LIGHT, NORMAL, PLOT_MIN_HEIGHT, SYMBOL, AxisTitles, light_grid, style_axes

Z_RANGE_MIN, Z_RANGE_MAX = 6.0, 30.0
SAMPLE_POINTS = 3000  # examples drawn on the σ(z) view at most


class SigmoidView(pg.PlotWidget):
    """σ(z) with every training point placed at its current z⁽ⁱ⁾."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sigmoidPlot")
        self.axis_titles = AxisTitles(self)
        self.axis_titles.set("bottom", "z = wᵀx + b", "z")
        self.axis_titles.set("left", "a = σ(z) = ŷ", "a = σ(z)")
        self.setMinimumHeight(PLOT_MIN_HEIGHT)
        light_grid(self)
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self.curve = self.plot()
        dash = QtCore.Qt.PenStyle.DashLine
        self.guides = [pg.InfiniteLine(pos=0.5, angle=0, pen=pg.mkPen("#888888", style=dash)),
                       pg.InfiniteLine(pos=0.0, angle=90, pen=pg.mkPen("#888888", style=dash))]
        for line in self.guides:
            self.addItem(line)
        self.points = {}
        for label in (1, 0):
            item = pg.ScatterPlotItem(symbol=SYMBOL[label])
            self.addItem(item)
            self.points[label] = item
        self.z_shown = np.empty(0)  # the z values drawn, for tests and tooltips
        self._sample = None  # (m, indices) when there are too many examples to draw
        self.z_limit = Z_RANGE_MIN
        self.apply_style(LIGHT, NORMAL)

    def apply_style(self, theme, sizes):
        self.setBackground(theme.background)
        style_axes(self, theme, sizes)
        self.curve.setPen(pg.mkPen(theme.cost, width=sizes.cost_width * 1.2))
        for line in self.guides:
            line.setPen(pg.mkPen(theme.foreground, width=max(1.0, sizes.cost_width / 2.5),
                                 style=QtCore.Qt.PenStyle.DashLine))
        outline = pg.mkPen(theme.outline, width=theme.outline_width * sizes.marker / 11)
        for label, colour in ((1, theme.class_one), (0, theme.class_zero)):
            self.points[label].setBrush(pg.mkBrush(colour))
            self.points[label].setPen(outline)
            self.points[label].setSize(sizes.marker)

    def set_z(self, z, labels):
        """Place the examples; points beyond the range sit on its edge.

        Beyond SAMPLE_POINTS examples a fixed random sample of them is shown: the
        picture is the same and a frame stays cheap with 10^5 points.
        """
        z = np.nan_to_num(np.asarray(z, dtype=float), nan=0.0, posinf=1e300, neginf=-1e300)
        if len(z) > SAMPLE_POINTS:
            if self._sample is None or self._sample[0] != len(z):
                rng = np.random.default_rng(0)
                self._sample = (len(z), np.sort(rng.choice(len(z), SAMPLE_POINTS, replace=False)))
            z, labels = z[self._sample[1]], labels[self._sample[1]]
        self.z_shown = z
        if len(z):
            limit = float(np.clip(np.percentile(np.abs(z), 95) * 1.2, Z_RANGE_MIN, Z_RANGE_MAX))
        else:
            limit = Z_RANGE_MIN
        if abs(limit - self.z_limit) > 0.25 * self.z_limit or self.curve.xData is None:
            self.z_limit = limit
            grid = np.linspace(-limit, limit, 400)
            self.curve.setData(grid, sigmoid(grid))
            self.setRange(xRange=(-limit, limit), yRange=(-0.05, 1.05), padding=0)
        shown = np.clip(z, -self.z_limit, self.z_limit)
        for label, item in self.points.items():
            sel = labels == label
            item.setData(shown[sel], sigmoid(shown[sel]))


#: Ways to lay the graph out, widest first: the first that fits the panel is used;
#: "compact" (one short box per node, wrapping inside) fits anywhere.
LAYOUTS = ("row", "two", "column", "compact")


class GraphPanel(QtWidgets.QLabel):
    """The lecture's computational graph for one chosen example, with live numbers.

    The boxes go in one row (x → z → a → L) when the panel is wide, two per row
    when it is not, one per row when it is narrow, and shortened to a line or two
    each when even that is too tall: never wider than the panel, so it never needs
    a sideways scroll, and the backward pass stays in sight."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("graphPanel")
        self.setWordWrap(True)
        self.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft)
        self.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.setMargin(6)
        self.values = None  # the numbers on show, for tests
        self.layout_name = "row"
        self._boxes = None  # (forward boxes, backward boxes, footer) of the example shown
        self._colours = ("#6a3d9a", "#f4effa")  # box border, box fill
        self._shape = None
        self._layout_key = None  # (width, font, shape) the layout was picked for
        self.show_example(None)

    def apply_style(self, theme, sizes):
        fill = "#f4effa" if theme.name == "light" else theme.background
        self._colours = (theme.cost, fill)
        self._render()

    def resizeEvent(self, event):  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._render()

    def changeEvent(self, event):  # noqa: N802
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.FontChange:
            self._render()

    def show_example(self, example):
        """``example`` = (index, x (n_x,), y, w (n_x,), b, terms, standardized, loss) or None."""
        if example is None:
            self.values = None
            self._boxes = None
            self.setText("<p><b>Ctrl+click a point</b> (or Alt+click) to follow one example "
                         "through the computational graph.</p>"
                         "<p>x → z = wᵀx + b → a = σ(z) → L(a, y), and backwards "
                         "dz = a − y, dw<sub>j</sub> = x<sub>j</sub>·dz, db = dz.</p>")
            return
        index, x, y, w, b, terms, standardized, loss = example
        X = x.reshape(-1, 1)
        Y = np.array([[float(y)]])
        L, dw, db = cost_and_gradients(w.reshape(-1, 1), b, X, Y, loss)
        z = float(w @ x + b)
        a = float(sigmoid(z))
        dz = db  # for one example db = dz
        self.values = {"z": z, "a": a, "L": L, "dz": dz, "dw": dw[:, 0].copy(), "db": db}
        names = [TERM_LABELS[t] for t in terms]
        scale = " (std.)" if standardized else ""
        xs = "<br>".join(f"x<sub>{j + 1}</sub> = {html.escape(n)}{scale} = {v:.4g}"
                         for j, (n, v) in enumerate(zip(names, x)))
        ws = "<br>".join(f"w<sub>{j + 1}</sub> = {v:.4g}" for j, v in enumerate(w))
        dws = "<br>".join(f"dw<sub>{j + 1}</sub> = x<sub>{j + 1}</sub>·dz = {v:.4g}"
                          for j, v in enumerate(dw[:, 0]))
        if loss == "cross_entropy":
            loss_text = "L = −(y log a + (1−y) log(1−a))"
            dz_text = "dz = dL/da · da/dz = a − y"
        else:
            loss_text = "L = ½(a − y)²"
            dz_text = "dz = (a − y)·a·(1 − a)"
        forward = [
            f"<b>x</b> (example {index + 1}, y = {int(y)})<br>{xs}",
            f"<b>z = wᵀx + b</b>{scale}<br>{ws}<br>b = {b:.4g}<br><b>z = {z:.4g}</b>",
            f"<b>a = σ(z)</b><br><b>a = {a:.4g}</b>",
            f"<b>L(a, y)</b><br>{loss_text}<br><b>L = {L:.4g}</b>",
        ]
        backward = [
            f"<b>dz</b><br>{dz_text}<br><b>dz = {dz:.4g}</b>",
            f"<b>dw, db</b><br>{dws}<br><b>db = dz = {db:.4g}</b>",
        ]
        vector = ", ".join
        # Standardized x and the w and b descent learns on them are not the equation
        # bar's original-unit numbers beside it: marked, as the wide boxes mark x.
        compact_forward = [
            f"x{scale} = ({vector(f'{v:.3g}' for v in x)}), example {index + 1}, "
            f"y = {int(y)}",
            f"z = wᵀx + b = <b>{z:.4g}</b> with w{scale} = "
            f"({vector(f'{v:.3g}' for v in w)}), b{scale} = {b:.3g}",
            f"a = σ(z) = <b>{a:.4g}</b>",
            f"{loss_text} = <b>{L:.4g}</b>",
        ]
        compact_backward = [
            f"{dz_text} = <b>{dz:.4g}</b>",
            f"dw = x·dz = ({vector(f'{v:.3g}' for v in dw[:, 0])}), db = dz = <b>{db:.4g}</b>",
        ]
        self._boxes = (forward, backward)
        self._compact = (compact_forward, compact_backward)
        self._shape = (len(terms), standardized, loss)
        self._render()

    # -- layout -----------------------------------------------------------------------
    def _html(self, layout):
        if layout == "compact":
            return self._compact_html()
        forward, backward = self._boxes
        border, fill = self._colours
        box = (f"<td style='border:2px solid {border}; padding:4px; background:{fill};"
               " white-space:nowrap'>{}</td>")
        arrow = "<td style='padding:2px; font-weight:bold' valign='middle'>{}</td>"
        per_row = {"row": 4, "two": 2, "column": 1}[layout]

        def chain(cells):
            rows = []
            for start in range(0, len(cells), per_row):
                part = cells[start:start + per_row]
                tds = [box.format(part[0])]
                for c in part[1:]:
                    tds += [arrow.format("→"), box.format(c)]
                if start + per_row < len(cells):
                    tds.append(arrow.format("→" if per_row > 1 else ""))
                rows.append("<tr>" + "".join(tds) + "</tr>")
                if per_row == 1 and start + 1 < len(cells):
                    rows.append("<tr>" + arrow.format("↓") + "</tr>")
            return "<table cellspacing='3'>" + "".join(rows) + "</table>"

        return (chain(forward)
                + "<p><b>Backward pass</b> (chain rule):</p>"
                + chain(backward)
                + "<p>Descent averages these over all m examples: dw = X·dZᵀ/m, "
                  "db = Σdz/m.</p>")

    def _compact_html(self):
        forward, backward = self._compact
        border, fill = self._colours
        box = (f"<td style='border:2px solid {border}; padding:3px; background:{fill}'>"
               "{}</td>")
        arrow = "<td style='padding:2px; font-weight:bold' valign='middle'>{}</td>"

        def chain(cells):
            rows = [f"<tr>{arrow.format('' if k == 0 else '↓')}{box.format(c)}</tr>"
                    for k, c in enumerate(cells)]
            return "<table cellspacing='2'>" + "".join(rows) + "</table>"

        return chain(forward) + "<p><b>Backward pass</b> (chain rule):</p>" + chain(backward)

    def _measure(self, layout, width):
        """(ideal width, height at ``width``) of ``layout`` in this panel's font."""
        doc = QtGui.QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        doc.setHtml(self._html(layout))
        ideal = doc.idealWidth()
        doc.setTextWidth(width)
        return ideal, doc.size().height()

    def _room(self):
        """(width, height) the panel has on screen (the scroll area's viewport)."""
        m = 2 * self.margin()
        viewport = self.parentWidget()
        height = viewport.height() if viewport is not None else self.height()
        return self.contentsRect().width() - m, height - m

    def _pick_layout(self):
        # 10 % to spare: the numbers change length from frame to frame.
        width, height = self._room()
        width *= 0.9
        for layout in LAYOUTS:
            ideal, tall = self._measure(layout, width)
            if ideal <= width and tall <= height:
                return layout
        return LAYOUTS[-1]

    def _render(self):
        """Write the graph, in the layout picked for this width, font and feature count
        (picked again only when one of those changes: measuring costs a layout each)."""
        if self._boxes is None:
            return
        key = (self._room(), self.font().key(), self._shape, self._colours)
        if key != self._layout_key:
            self._layout_key = key
            self.layout_name = self._pick_layout()
        text = self._html(self.layout_name)
        if text != self.text():
            self.setText(text)
