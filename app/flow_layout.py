"""Small layout helpers: a row that wraps (FlowLayout) and a section that folds (Section)."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


def least_height(layout, width):
    """The least height of a vertical ``layout`` at ``width``: its wrapping items (word-
    wrapped labels, flow rows) at their height for the width, the others at their
    minimum.  (Qt's minimum counts a wrapping item at its one-row height, and its
    height for a width counts the other items at their preferred heights.)"""
    m = layout.contentsMargins()
    inner = max(width - m.left() - m.right(), 1)
    heights = []
    for k in range(layout.count()):
        item = layout.itemAt(k)
        if item.isEmpty():
            continue
        heights.append(item.heightForWidth(inner) if item.hasHeightForWidth()
                       else item.minimumSize().height())
    return sum(heights) + layout.spacing() * max(len(heights) - 1, 0) + m.top() + m.bottom()


class LeastHeightForWidth:
    """A mix-in for a widget with a vertical layout of wrapping rows over a plot: its
    minimum height is :func:`least_height` at its width, so a column too short for it
    scrolls instead of squashing the rows onto the plot."""

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        if self.width() <= 0 or self.layout() is None:
            return hint
        return QtCore.QSize(hint.width(), max(hint.height(), least_height(self.layout(),
                                                                          self.width())))

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # rows rewrap: the least height changes


class FlowLayout(QtWidgets.QLayout):
    """Widgets left to right, wrapping to the next line when the width runs out
    (Qt's flow layout example): a row of buttons never squashes its texts."""

    def __init__(self, parent=None, spacing=6):
        super().__init__(parent)
        self._items = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item):  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self):
        return len(self._items)

    def itemAt(self, index):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return QtCore.Qt.Orientation(0)

    def hasHeightForWidth(self):  # noqa: N802
        return True

    def heightForWidth(self, width):  # noqa: N802
        return self._arrange(QtCore.QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect):  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self):  # noqa: N802
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in self._visible()) + self._spacing * max(
            len(self._visible()) - 1, 0)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QtCore.QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self):  # noqa: N802
        size = QtCore.QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QtCore.QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self):
        return [i for i in self._items if i.widget() is None or not i.widget().isHidden()]

    def _arrange(self, rect, move):
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x = area.x()
                y += line + self._spacing
                line = 0
            if move:
                width = min(hint.width(), area.width())
                item.setGeometry(QtCore.QRect(QtCore.QPoint(x, y), QtCore.QSize(width,
                                                                               hint.height())))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class Section(QtWidgets.QWidget):
    """A titled group whose body folds away: the header is a flat arrow button.

    ``body`` is the widget to fill; ``toggled(bool)`` is the header's signal."""

    def __init__(self, title, name, expanded=False, tip="", parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.header = QtWidgets.QToolButton()
        self.header.setObjectName(f"{name}Header")
        self.header.setText(title)
        self.header.setCheckable(True)
        self.header.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding,
                                  QtWidgets.QSizePolicy.Policy.Fixed)
        if tip:
            self.header.setToolTip(tip)
        self.body = QtWidgets.QWidget()
        self.body.setObjectName(f"{name}Body")
        layout.addWidget(self.header)
        layout.addWidget(self.body)
        self.toggled = self.header.toggled
        self.touched = False  # the user folded or unfolded it: the window leaves it so
        self.header.toggled.connect(self._show)
        self.header.clicked.connect(lambda: setattr(self, "touched", True))
        self.header.setChecked(expanded)
        self._show(expanded)

    def _show(self, on):
        self.header.setArrowType(QtCore.Qt.ArrowType.DownArrow if on
                                 else QtCore.Qt.ArrowType.RightArrow)
        self.body.setVisible(on)

    def set_expanded(self, on):
        self.header.setChecked(bool(on))

    @property
    def expanded(self):
        return self.header.isChecked()


class CurrentTextCombo(QtWidgets.QComboBox):
    """A combo box as wide as its current item, not its widest: in a wrapping row
    "w1 (x1)" and "w2 (x2)" share a line that "w4 (x1·x2)" (in the list only) broke."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.currentIndexChanged.connect(lambda _: self.updateGeometry())

    def sizeHint(self):  # noqa: N802 - Qt's name
        opt = QtWidgets.QStyleOptionComboBox()
        self.initStyleOption(opt)
        fm = self.fontMetrics()
        text = QtCore.QSize(fm.horizontalAdvance(self.currentText()), fm.height())
        size = self.style().sizeFromContents(
            QtWidgets.QStyle.ContentsType.CT_ComboBox, opt, text, self)
        return QtCore.QSize(size.width(), super().sizeHint().height())

    def minimumSizeHint(self):  # noqa: N802
        return self.sizeHint()
