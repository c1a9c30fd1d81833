"""The strip over the data plot: the caption (what is loaded) and, in presentation
mode, the overlay (the run's state, step, J and α), placed above the drawing area
so they never cover a data point (mixed into app.main_window.MainWindow).
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

STRIP_GAP = 4  # pixels between the top strip's labels and the plot under them


class StripLabel(QtWidgets.QLabel):
    """A label in the data plot's top strip.  Its owner places it: ``adjustSize()``
    (which a presenter calls after a new text) asks ``placed`` to lay the strip out."""

    placed = None

    def adjustSize(self):  # noqa: N802 - Qt's name
        if self.placed is not None:
            self.placed()
        else:
            super().adjustSize()


class TopStrip:
    """Lays the strip out; ``self`` is the MainWindow (its ``data_plot``, ``caption``,
    ``overlay`` and ``presentation``)."""

    def place_strip(self):
        """Lay out the caption and the overlay above the plot's drawing area, and make
        room for them there: they never cover a data point."""
        plot = self.data_plot
        width = plot.width()
        if width <= 0:
            return
        margin = 6
        x0 = margin
        y = 2
        bottom = 0
        right_edge = width - margin
        if self.overlay.isVisibleTo(self):
            ov = self.overlay
            # Its width unwrapped (a word-wrapped label's size hint wraps early), then
            # wrapped only if the plot is narrower.
            m = ov.contentsMargins()
            text = ov.fontMetrics().boundingRect(QtCore.QRect(0, 0, 1 << 20, 1 << 20), 0,
                                                 ov.text())
            natural = text.width() + m.left() + m.right() + 2 * ov.margin() + 2
            w = min(natural, right_edge - x0)
            h = ov.heightForWidth(w) if ov.wordWrap() else ov.sizeHint().height()
            ov.setGeometry(x0, y, w, h)
            ov.raise_()
            x0 += w + 2 * margin
            bottom = y + h
        cap = self.caption
        if cap.text():
            cw = cap.sizeHint().width()
            ch = cap.sizeHint().height()
            if not self.overlay.isVisibleTo(self):
                left = int(plot.getPlotItem().getAxis("left").width()) or margin
                cw = min(cw, width - left - margin)
                cap.setGeometry(left, y, cw, ch)
            elif x0 + cw <= right_edge:
                cap.setGeometry(right_edge - cw, y, cw, ch)  # beside the overlay
            elif (corner := self._axis_corner(cw, ch)) is not None:
                cap.setGeometry(corner)  # right of the x axis' title, under the ticks
                ch = 0
            else:
                cw = min(cw, width - 2 * margin)
                cap.setGeometry(margin, bottom + 2, cw, ch)  # under the overlay
            if ch:
                bottom = max(bottom, cap.y() + ch)
            cap.show()
        else:
            cap.hide()
        one_line = self.caption.fontMetrics().height() + y
        # The left axis' top tick label sticks out above the drawing area by half its height.
        tick = plot.getAxis("left").style["tickFont"]
        half_tick = QtGui.QFontMetrics(tick).height() // 2 if tick is not None else 0
        height = max(bottom, one_line) + STRIP_GAP + half_tick
        if self.presentation:
            # Grows, never shrinks while presenting at this width: a headline that
            # rewraps must not rescale the aspect-locked view under the class's eyes.
            if self._strip_sticky[0] != width:
                self._strip_sticky = (width, 0)
            height = max(self._strip_sticky[1], height)
            self._strip_sticky = (width, height)
        if height != self._strip_height:
            self._strip_height = height
            plot.getPlotItem().layout.setContentsMargins(1, height, 1, 1)

    def _axis_corner(self, width, height):
        """A rectangle of ``width`` × ``height`` right of the x axis' title, in the axis'
        title row (free space, outside the drawing area), or None when it does not fit."""
        plot = self.data_plot
        axis = plot.getPlotItem().getAxis("bottom")
        rect = plot.mapFromScene(axis.sceneBoundingRect()).boundingRect()
        title = axis.label.boundingRect().width() if axis.label.isVisible() else 0
        left = rect.center().x() + title / 2 + 12
        right = min(rect.right(), plot.width()) - 4
        row = axis.label.boundingRect().height() if axis.label.isVisible() else 0
        if right - left < width or height > max(row, 1) or rect.height() < height:
            return None
        return QtCore.QRect(int(right - width), int(rect.bottom() - height), int(width),
                            int(height))

    def set_caption(self, text, short=None):
        """Name what is loaded (preset, lesson, table) over the data plot; presentation
        mode shows the ``short`` name ("Circle: x1² + x2² ≥ 1", not "Preset 2 · …")."""
        self._captions = (text or "", short or text or "")
        self._show_caption()

    def _show_caption(self):
        full, short = getattr(self, "_captions", ("", ""))
        text = short if self.presentation else full
        if self.caption.text() != text:
            self.caption.setText(text)
            self.caption.setToolTip(full)
        self.place_strip()
