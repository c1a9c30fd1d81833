"""The main window: layout, menus and shortcuts. Behaviour lives in the controller.

Two layouts of the same widgets:

* normal: controls | data plot | status, cost curve and the view tabs, with the
  equations under the data plot and the right column;
* presentation (F5), a stage: the data plot and ONE large companion panel (the
  cost curve, a tab's view, or the race), the state's headline in a strip above
  the data (never over the points), its explanation over the companion and the
  history scrubber under it.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from .controls import ControlPanel
from .cost_plot import CostPlot
from .data_plot import DataPlot
from .flow_layout import least_height
from .inside_views import GraphPanel, SigmoidView
from .landscape_view import LandscapeView
from .one_d_view import OneDView
from .plot_strip import StripLabel, TopStrip
from .readout import EquationBar, StatusPanel
from .resources import RESOURCES
from .restyle import one_layout_pass

#: Companion panels of presentation mode, in the order C cycles them:
#: (name, what the stage calls it).
COMPANIONS = (
    ("cost", "Cost curve"),
    ("landscape", "Cost landscape"),
    ("one_d", "1-D slide"),
    ("sigmoid", "σ(z)"),
    ("graph", "Computational graph"),
    ("race", "Race"),
)
#: Tabs: (attribute, short name on the tab, full name in its tooltip).
TABS = (
    ("landscape", "Landscape", "Cost landscape: J over two parameters, with the descent path"),
    ("one_d", "1-D", "The lecture's 1-D slide: J(w) = (w − 2)², tangents and iterates"),
    ("sigmoid_view", "σ(z)", "σ(z) view: every training point at its current z"),
    ("graph_scroll", "Graph", "Computational graph: one example through x → z → a → L and back"),
)
#: Share of the width the right column (normal) or the companion (presentation) takes.
RIGHT_SHARE = {False: 0.35, True: 0.42}
RIGHT_MIN_WIDTH = 250
#: The least height of the cost plot (its drawing area then ~70 px, over the axis).
COST_MIN_HEIGHT = 115
class _ResizeAwarePlot(DataPlot):
    resized = None  # the controller's: redraw the heatmap for the new view
    strip = None  # the window's: lay the top strip out again

    def resizeEvent(self, ev):  # noqa: N802
        super().resizeEvent(ev)
        if self.strip is not None:
            self.strip()
        if self.resized is not None:
            self.resized()


class _ShareSplitter(QtWidgets.QSplitter):
    """A splitter that gives its last child a share of its width on every resize."""

    share = None  # (width of the children) -> sets the children's widths

    def resizeEvent(self, ev):  # noqa: N802
        # The share for the new width first: the splitter's own resize then keeps it,
        # and the plots are resized once, not twice (F5 had them laid out twice).
        if self.share is not None:
            self.share(ev.size().width() - self.handleWidth())
        super().resizeEvent(ev)


class _ColumnScroll(QtWidgets.QScrollArea):
    """A column that scrolls up and down, never sideways: at least as wide as its
    widget's least width and, while it shows, the scroll bar, so the bar never takes
    a text's room.

    The bar shows while the widget, at the width it has, is taller than the column.
    This is decided once the layouts have settled: Qt's "as needed" bar went by
    half-laid-out sizes and flickered (the bar widened the column, the texts rewrapped
    shorter, the bar went, the column narrowed, and round again). Hidden, the widget
    is at least as wide as with the bar, so what fits with the bar should fit without
    it; should it not, the bar stays until the column's height changes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._check_pending = False
        self._hidden_at_height = None  # the column's height when the bar last went
        self.verticalScrollBar().rangeChanged.connect(self._later)

    @property
    def bar_shown(self):
        return self.verticalScrollBarPolicy() == QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOn

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        if event.size().height() != event.oldSize().height():
            self._hidden_at_height = None
        self._later()

    def _later(self, *_):
        if not self._check_pending:
            self._check_pending = True
            QtCore.QTimer.singleShot(0, self, self._check)

    def _check(self):
        self._check_pending = False
        widget = self.widget()
        if widget is None:
            return
        view = self.viewport()
        want = widget.heightForWidth(view.width()) > view.height()
        if want == self.bar_shown:
            return
        if not want:
            if self._hidden_at_height == self.height():
                return  # it went at this height and came back: it stays
            self._hidden_at_height = self.height()
        policy = QtCore.Qt.ScrollBarPolicy
        self.setVerticalScrollBarPolicy(policy.ScrollBarAlwaysOn if want
                                        else policy.ScrollBarAlwaysOff)
        self.updateGeometry()  # the splitter widens or narrows the column for the bar

    def minimumSizeHint(self):  # noqa: N802
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width() if self.bar_shown else 0
        least = max(widget.minimumSizeHint().width(), widget.minimumWidth())
        return QtCore.QSize(max(hint.width(), least + bar), hint.height())


class _Column(QtWidgets.QWidget):
    """The right column's body. Its height for a width is the least it can take
    (:func:`least_height`): QBoxLayout's counts the parts without one at their
    preferred heights, and the column scrolled when it had room for everything."""

    def hasHeightForWidth(self):  # noqa: N802
        return True

    def heightForWidth(self, width):  # noqa: N802
        return least_height(self.layout(), width)


class MainWindow(TopStrip, QtWidgets.QMainWindow):
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
        self.presentation = False
        self.companion = "cost"
        self._strip_height = -1
        self._strip_sticky = (0, 0)  # presentation: (width, height) the strip has grown to

        self.controls = ControlPanel()
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("controlScroll")
        scroll.setWidget(self.controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.control_scroll = scroll

        self.data_plot = _ResizeAwarePlot()
        self.data_plot.strip = self.place_strip
        # What is loaded (a preset, a lesson, a table), named over the plot.
        caption = StripLabel(self.data_plot)
        caption.setObjectName("dataCaption")
        caption.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        caption.placed = self.place_strip
        self.caption = caption
        # Presentation mode's headline and step / J / α, in a strip above the data.
        overlay = StripLabel(self.data_plot)
        overlay.setObjectName("presentationOverlay")
        overlay.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        overlay.setWordWrap(True)
        overlay.setIndent(0)  # its border would otherwise indent the text by half an "x"
        overlay.placed = self.place_strip
        overlay.hide()
        self.overlay = overlay

        self.equations = EquationBar()
        self.status = StatusPanel()
        self.cost_plot = CostPlot()
        cost_box = QtWidgets.QWidget()
        cost_box.setObjectName("costBox")
        cb = QtWidgets.QVBoxLayout(cost_box)
        cb.setContentsMargins(0, 0, 0, 0)
        cb.setSpacing(2)
        # Room to draw a curve, not a strip, however short the column (it scrolls).
        self.cost_plot.setMinimumHeight(COST_MIN_HEIGHT)
        cb.addWidget(self.cost_plot, 1)
        self.cost_box = cost_box

        scrub_row = QtWidgets.QWidget()
        scrub_row.setObjectName("scrubRow")
        sr = QtWidgets.QHBoxLayout(scrub_row)
        sr.setContentsMargins(4, 0, 4, 2)
        self.scrub_label = QtWidgets.QLabel("History")
        self.scrub_label.setObjectName("scrubLabel")
        self.scrub = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.scrub.setObjectName("historyScrub")
        self.scrub.setToolTip("Scrub back through the run: the boundary, the landscape point and "
                              "the cost marker follow. Play returns to the live run.")
        sr.addWidget(self.scrub_label)
        sr.addWidget(self.scrub, 1)
        self.scrub_row = scrub_row
        cb.addWidget(scrub_row)

        self.landscape = LandscapeView()
        self.one_d = OneDView()
        self.sigmoid_view = SigmoidView()
        self.graph_panel = GraphPanel()
        self.graph_scroll = QtWidgets.QScrollArea()
        self.graph_scroll.setObjectName("graphScroll")
        self.graph_scroll.setWidget(self.graph_panel)
        self.graph_scroll.setWidgetResizable(True)
        self.graph_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.graph_scroll.setHorizontalScrollBarPolicy(
            QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs = QtWidgets.QTabWidget()
        self.tabs.setObjectName("viewTabs")
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setDocumentMode(True)
        for attr, short, full in TABS:
            k = self.tabs.addTab(getattr(self, attr), short)
            self.tabs.setTabToolTip(k, full)

        right_split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        right_split.setObjectName("rightSplitter")
        right_split.addWidget(cost_box)
        right_split.addWidget(self.tabs)
        right_split.setChildrenCollapsible(False)
        right_split.setSizes([400, 500])
        self.right_split = right_split
        right = _Column()
        right.setObjectName("rightPanel")
        rl = QtWidgets.QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(2)
        rl.addWidget(self.status)
        rl.addWidget(right_split, 1)
        self.right_layout = rl
        self.right_panel = right
        right.setMinimumWidth(RIGHT_MIN_WIDTH)
        # The column scrolls when it is shorter than its status, cost curve and view at
        # their least (a lesson script's bar takes ~200 px under a 720-px stage): before,
        # its layout squeezed them under their minimum, the status lines to half a line
        # each and the plots to 15-px strips.
        right_scroll = _ColumnScroll()
        right_scroll.setObjectName("rightScroll")
        right_scroll.setWidget(right)
        right_scroll.setWidgetResizable(True)
        right_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        right_scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.right_scroll = right_scroll

        plots = _ShareSplitter(QtCore.Qt.Orientation.Horizontal)
        plots.setObjectName("plotSplitter")
        plots.addWidget(self.data_plot)
        plots.addWidget(right_scroll)
        plots.setStretchFactor(0, 3)
        plots.setStretchFactor(1, 2)
        plots.setChildrenCollapsible(False)
        self.data_plot.setMinimumWidth(300)
        self.plot_splitter = plots
        self._right_share = dict(RIGHT_SHARE)
        plots.splitterMoved.connect(self._remember_share)
        plots.share = self._apply_share

        stage = QtWidgets.QWidget()
        stage.setObjectName("stage")
        sl = QtWidgets.QVBoxLayout(stage)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.setSpacing(0)
        sl.addWidget(plots, 1)
        sl.addWidget(self.equations)
        self.stage = stage

        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(scroll)
        splitter.addWidget(stage)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.fit_controls()
        self.equations.scaling.setWordWrap(False)
        self.statusBar().addPermanentWidget(self.equations.scaling)
        self.statusBar().messageChanged.connect(self._make_room_for_message)
        # A hint true with or without points (the first preset usually loads at start-up;
        # an empty plot is told by the status panel's "No data").
        # Short: at 1024×768 the scaling note on the right leaves it ~400 px.
        self.statusBar().showMessage("Click: add a point · Shift+click: the other class")
        # After typing a number, Enter hands the keyboard back to the plot, so a
        # presenter remote's Space and arrows play and step again.
        c = self.controls
        # The race's rates unfold in the column: fold More settings if they need its room.
        c.race_group.on_fold = lambda: QtCore.QTimer.singleShot(0, self, self.unfold_if_room)
        for box in (c.learning_rate_value, c.tolerance, c.steps_per_frame, *c.race_rates,
                    self.one_d.alpha):
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

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        QtCore.QTimer.singleShot(0, self, self.unfold_if_room)

    def unfold_if_room(self):
        """Open *More settings* when the control column has room for it, fold it when it
        has not (a race's rates need the room), until the user folds or unfolds it."""
        more = self.controls.more
        if more.touched or not self.control_scroll.isVisible():
            return
        viewport = self.control_scroll.viewport().height()
        layout = self.controls.layout()
        folded = layout.totalHeightForWidth(self.controls.width()) if layout.hasHeightForWidth() \
            else layout.totalSizeHint().height()
        body = more.body.sizeHint().height() + layout.spacing()
        want = (folded - (body if more.expanded else 0)) + body <= viewport
        if want != more.expanded:
            more.set_expanded(want)

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

    # -- sizes ------------------------------------------------------------------------
    def _make_room_for_message(self, message):
        """The scaling note (permanent, on the right) steps aside while a message needs
        its room: at 1024×768 it left a message ~400 px and cut "Slowed to 12 steps a
        second …". It comes back when the message goes."""
        bar, note = self.statusBar(), self.equations.scaling
        if self.presentation:
            return
        if not message:
            note.setVisible(bool(note.text()))
            return
        need = bar.fontMetrics().horizontalAdvance(message) + 24  # the bar's margins, grip
        room = bar.width() - note.sizeHint().width() - bar.layout().spacing()
        note.setVisible(need <= room)

    def fit_controls(self):
        """The control column as wide as its widest control (fonts change with the mode)."""
        bar = self.control_scroll.verticalScrollBar().sizeHint().width()
        self.controls.adjustSize()
        self.control_scroll.setFixedWidth(self.controls.minimumSizeHint().width() + bar + 2)

    def _remember_share(self, *_):
        total = sum(self.plot_splitter.sizes())
        if total > 0:
            self._right_share[self.presentation] = self.plot_splitter.sizes()[1] / total

    def _apply_share(self, total=None):
        total = sum(self.plot_splitter.sizes()) if total is None else total
        if total <= 0:
            return
        right = round(total * self._right_share[self.presentation])
        right = max(right, self.right_scroll.minimumSizeHint().width(), RIGHT_MIN_WIDTH)
        self.plot_splitter.blockSignals(True)
        self.plot_splitter.setSizes([total - right, right])
        self.plot_splitter.blockSignals(False)

    # -- the stage --------------------------------------------------------------------
    def set_presentation_layout(self, on, restyle=None):
        """Normal layout or the presentation stage (Appearance calls this; styles are its job:
        ``restyle()`` runs while the layouts are held, so the window is laid out once)."""
        self.presentation = on = bool(on)
        st = self.status
        with one_layout_pass([self, self.stage, self.right_panel, st, self.cost_box,
                              self.equations, self.landscape]):
            # The strip over the data carries the headline, step, J and α; the stage's
            # column keeps the explanation and the one-click answer.  (The splitter would
            # hide the column's handle too, but later, and lay the stage out again.)
            for widget in (self.control_scroll, self.splitter.handle(1), self.statusBar(),
                           self.menuBar(), self.equations.scaling, self.tabs.tabBar(),
                           st.state, st.numbers, st.alpha_star, st.likelihood):
                widget.setVisible(not on)
            self.overlay.setVisible(on)
            self.landscape.set_compact(on)
            # The history scrubber: under the cost curve, or at the foot of the stage's column
            # (shown now: a moved widget would show itself later, and be laid out again).
            (self.right_layout if on else self.cost_box.layout()).addWidget(self.scrub_row)
            self.scrub_row.show()
            self.show_companion(self.companion)
            if restyle is not None:
                restyle()
        self._strip_sticky = (0, 0)  # what the pass placed on its way is forgotten
        self._show_caption()  # places the strip
        self._apply_share()
        QtCore.QTimer.singleShot(0, self, self.unfold_if_room)

    def show_companion(self, name):
        """Presentation: show only ``name``'s panel next to the data; normal: everything."""
        self.companion = name
        tab = {"landscape": self.landscape, "one_d": self.one_d,
               "sigmoid": self.sigmoid_view, "graph": self.graph_scroll}.get(name)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)
        if not self.presentation:
            self.cost_box.show()
            self.tabs.show()
            return
        self.cost_box.setVisible(tab is None)
        self.tabs.setVisible(tab is not None)
