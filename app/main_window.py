"""The main window: layout, menus and shortcuts. Behaviour lives in the controller."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from .controls import ControlPanel
from .cost_plot import CostPlot
from .data_plot import DataPlot
from .inside_views import GraphPanel, SigmoidView
from .landscape_view import LandscapeView
from .one_d_view import OneDView
from .readout import EquationBar, StatusPanel
from .resources import RESOURCES



class _ResizeAwarePlot(DataPlot):
    resized = None

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        if self.resized is not None:
            self.resized()


class MainWindow(QtWidgets.QMainWindow):
    """Owns no state of its own: ``controls``, ``data_plot``, ``cost_plot``,
    ``status`` and ``equations`` are passive widgets the presenters feed.

    Signal: ``painted()`` after each repaint of the window (the descent worker
    waits for it, so painting has the interpreter to itself)."""

    painted = QtCore.Signal()

    def __init__(self):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("LogitLab — logistic regression, live")
        icon = RESOURCES / "logitlab.svg"
        if icon.exists():
            self.setWindowIcon(QtGui.QIcon(str(icon)))

        self.controls = ControlPanel()
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("controlScroll")
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(self.controls.sizeHint().width() + bar + 6)
        self.control_scroll = scroll

        self.data_plot = _ResizeAwarePlot()
        # Presentation mode's step / J / α box over the plot (Appearance shows it).
        overlay = QtWidgets.QLabel(self.data_plot)
        overlay.setObjectName("presentationOverlay")
        overlay.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        overlay.move(70, 10)
        overlay.hide()
        self.overlay = overlay
        self.equations = EquationBar()
        centre = QtWidgets.QWidget()
        cl = QtWidgets.QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.data_plot, 1)
        cl.addWidget(self.equations)

        self.status = StatusPanel()
        self.cost_plot = CostPlot()
        cost_box = QtWidgets.QWidget()
        cb = QtWidgets.QVBoxLayout(cost_box)
        cb.setContentsMargins(0, 0, 0, 0)
        cb.addWidget(self.cost_plot, 1)
        scrub_row = QtWidgets.QHBoxLayout()
        self.scrub_label = QtWidgets.QLabel("History")
        self.scrub_label.setObjectName("scrubLabel")
        self.scrub = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.scrub.setObjectName("historyScrub")
        self.scrub.setToolTip("Scrub back through the run: the boundary, the landscape point and "
                              "the cost marker follow. Play returns to the live run.")
        scrub_row.addWidget(self.scrub_label)
        scrub_row.addWidget(self.scrub, 1)
        cb.addLayout(scrub_row)

        self.landscape = LandscapeView()
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("viewTabs")
        self.tabs.addTab(self.landscape, "Cost landscape")
        self.one_d = OneDView()
        self.tabs.addTab(self.one_d, "1-D: J(w) = (w − 2)²")
        self.sigmoid_view = SigmoidView()
        self.tabs.addTab(self.sigmoid_view, "σ(z) view")
        self.graph_panel = GraphPanel()
        self.graph_scroll = QtWidgets.QScrollArea()
        self.graph_scroll.setWidget(self.graph_panel)
        self.graph_scroll.setWidgetResizable(True)
        self.tabs.addTab(self.graph_scroll, "Computational graph")

        right_split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        right_split.setObjectName("rightSplitter")
        right_split.addWidget(cost_box)
        right_split.addWidget(self.tabs)
        right_split.setSizes([400, 500])
        right = QtWidgets.QWidget()
        rl = QtWidgets.QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.status)
        rl.addWidget(right_split, 1)
        self.right_panel = right
        right.setMinimumWidth(320)

        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(scroll)
        splitter.addWidget(centre)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        # The data plot is the star: give it most of the width on any screen.
        splitter.setSizes([scroll.minimumWidth(), 1100, 500])
        self.setCentralWidget(splitter)
        self.statusBar().showMessage("Click on the plot to add points, or pick a preset.")
        # After typing a number, Enter hands the keyboard back to the plot, so a
        # presenter remote's Space and arrows play and step again.
        c = self.controls
        for box in (c.learning_rate_value, c.tolerance, c.steps_per_frame, *c.race_rates):
            box.editingFinished.connect(self.data_plot.setFocus)

    on_close = None  # set by assemble(): returns False to keep the window open

    def event(self, ev):
        handled = super().event(ev)
        if ev.type() == QtCore.QEvent.Type.UpdateRequest:
            self.painted.emit()
        return handled

    def closeEvent(self, event):  # noqa: N802 - Qt's name
        # on_close may keep the window open (unsaved work: the user chose Cancel).
        if self.on_close is not None and self.on_close() is False:
            event.ignore()
            return
        super().closeEvent(event)

    def add_action(self, menu, text, slot, shortcut=None, name=None, checkable=False, tip=""):
        """A menu entry whose shortcut works anywhere in the window."""
        action = QtGui.QAction(text, self)
        if shortcut:
            keys = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QtGui.QKeySequence(k) for k in keys])
            action.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
        if name:
            action.setObjectName(name)
        action.setCheckable(checkable)
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action
