"""Made for the projector (issue 11): every text fits its place at 1280×720 and 1024×768.

For each screen size, in normal mode (every tab) and in presentation mode (every
companion panel), in the states a lesson goes through — converged, oscillating
at a large α, a race, separable data, a scrubbed step — this walks every
visible QLabel, QPushButton, QToolButton, QCheckBox, QComboBox, group-box title
and tab and fails when its text needs more room than the widget has (measured
with the widget's own font metrics, word-wrapped where the label wraps, against
its contentsRect), when a widget sticks out of the window or its plot, when the
data plot gets less than 40 % of the window, when the cost plot's drawing area
(its ViewBox) in presentation mode is under 300×170 px, or when the overlay
covers a data point.
"""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6 import QtCore, QtWidgets

from .driver import SLACK, _label_problem, overlay_covers_points, settle

Qt = QtCore.Qt
SIZES = [(1280, 720), (1024, 768)]
MIN_DATA_SHARE = 0.40
MIN_COST_VIEW = (300, 170)


# -- measuring --------------------------------------------------------------------------


def _text_of(widget):
    if isinstance(widget, QtWidgets.QComboBox):
        return widget.currentText()
    if isinstance(widget, QtWidgets.QGroupBox):
        return widget.title()
    return widget.text() if hasattr(widget, "text") else ""


def _plain(text):
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _button_problem(button):
    text = _plain(button.text())
    if not text:
        return None
    fm = button.fontMetrics()
    need = fm.size(int(Qt.TextFlag.TextShowMnemonic), text)
    style = button.style()
    if isinstance(button, QtWidgets.QCheckBox):
        opt = QtWidgets.QStyleOptionButton()
        button.initStyleOption(opt)
        room = style.subElementRect(QtWidgets.QStyle.SubElement.SE_CheckBoxContents, opt, button)
    elif isinstance(button, QtWidgets.QPushButton):
        opt = QtWidgets.QStyleOptionButton()
        button.initStyleOption(opt)
        room = style.subElementRect(QtWidgets.QStyle.SubElement.SE_PushButtonContents, opt,
                                    button)
        if not button.icon().isNull():
            need.setWidth(need.width() + button.iconSize().width() + 4)
    else:  # QToolButton: its text beside an arrow
        opt = QtWidgets.QStyleOptionToolButton()
        button.initStyleOption(opt)
        room = button.rect()
        if button.arrowType() != Qt.ArrowType.NoArrow:
            need.setWidth(need.width() + button.iconSize().width() + 4)
    if need.width() > room.width() + SLACK or need.height() > room.height() + SLACK:
        return f"needs {need.width()}×{need.height()}, has {room.width()}×{room.height()}"
    return None


def _combo_problem(combo):
    text = combo.currentText()
    if not text:
        return None
    opt = QtWidgets.QStyleOptionComboBox()
    combo.initStyleOption(opt)
    room = combo.style().subControlRect(QtWidgets.QStyle.ComplexControl.CC_ComboBox, opt,
                                        QtWidgets.QStyle.SubControl.SC_ComboBoxEditField, combo)
    need = combo.fontMetrics().horizontalAdvance(text)
    if need > room.width() + SLACK:
        return f"needs {need} px wide, has {room.width()}"
    return None


def _group_problem(group):
    title = _plain(group.title())
    if not title:
        return None
    opt = QtWidgets.QStyleOptionGroupBox()
    group.initStyleOption(opt)
    room = group.style().subControlRect(QtWidgets.QStyle.ComplexControl.CC_GroupBox, opt,
                                        QtWidgets.QStyle.SubControl.SC_GroupBoxLabel, group)
    need = group.fontMetrics().horizontalAdvance(title)
    if need > room.width() + SLACK or room.right() > group.width():
        return f"title needs {need} px, has {room.width()} (group {group.width()} wide)"
    return None


def _tab_problems(bar):
    problems = []
    for i in range(bar.count()):
        rect, hint = bar.tabRect(i), bar.tabSizeHint(i)
        text = bar.tabText(i)
        if rect.width() + SLACK < hint.width() or not bar.rect().contains(rect):
            problems.append(f"tab {text!r}: needs {hint.width()} px, has {rect.width()} "
                            f"(tab bar {bar.width()} wide)")
    return problems


def _axis_problems(plot):
    """Axis titles longer than their axis (pyqtgraph cuts them at the axis' ends)."""
    problems = []
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        if not axis.isVisible() or not axis.label.isVisible() or not axis.labelText:
            continue
        # The axis' own size: its boundingRect reaches 15 px past each end (for the
        # outer tick labels), and pyqtgraph centres the title on the size.
        size = axis.size()
        length = size.height() if name == "left" else size.width()
        need = axis.label.boundingRect().width()
        if need > length + SLACK:
            problems.append(f"{plot.objectName()} {name} axis title {axis.labelText!r} needs "
                            f"{need:.0f} px, the axis is {length:.0f}")
    return problems


def _inside_scroll_area(widget):
    p = widget.parentWidget()
    while p is not None:
        if isinstance(p, QtWidgets.QScrollArea):
            return True
        p = p.parentWidget()
    return False


def clipped_texts(window):
    """['<class> <objectName> <text>: <problem>'] for every visible text that does not fit."""
    problems = []
    kinds = (QtWidgets.QLabel, QtWidgets.QAbstractButton, QtWidgets.QComboBox,
             QtWidgets.QGroupBox, QtWidgets.QTabBar)
    win_rect = window.rect()
    for plot in window.findChildren(pg.PlotWidget):
        if plot.isVisible():
            problems += _axis_problems(plot)
    for widget in window.findChildren(QtWidgets.QWidget):
        if not isinstance(widget, kinds) or not widget.isVisible():
            continue
        if widget.window() is not window:
            continue  # dialogs, popups, tooltips
        if isinstance(widget, QtWidgets.QTabBar):
            problems += [f"QTabBar {widget.objectName()}: {p}" for p in _tab_problems(widget)]
            continue
        if isinstance(widget, QtWidgets.QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, (QtWidgets.QPushButton, QtWidgets.QCheckBox,
                                 QtWidgets.QToolButton)):
            if widget.parentWidget() is not None and isinstance(widget.parentWidget(),
                                                                QtWidgets.QTabBar):
                continue  # tab bars' scroll buttons: the tab check covers them
            if isinstance(widget, QtWidgets.QToolButton) and not widget.text():
                continue
            problem = _button_problem(widget)
        elif isinstance(widget, QtWidgets.QComboBox):
            problem = _combo_problem(widget)
        elif isinstance(widget, QtWidgets.QGroupBox):
            problem = _group_problem(widget)
        else:
            continue
        # Anything not in a scroll area must also lie inside the window.
        if problem is None and not _inside_scroll_area(widget):
            top_left = widget.mapTo(window, QtCore.QPoint(0, 0))
            rect = QtCore.QRect(top_left, widget.size())
            if not win_rect.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
                problem = f"sticks out of the window: {rect.getRect()} in {win_rect.getRect()}"
            parent = widget.parentWidget()
            if problem is None and parent is not None and not parent.rect().adjusted(
                    -SLACK, -SLACK, SLACK, SLACK).contains(widget.geometry()):
                problem = (f"sticks out of its parent {parent.objectName() or type(parent)}: "
                           f"{widget.geometry().getRect()} in {parent.rect().getRect()}")
        if problem:
            text = _text_of(widget).replace("\n", " ⏎ ")[:70]
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}: "
                            f"{problem}")
    return problems


def data_share(window):
    dp = window.data_plot
    return dp.width() * dp.height() / (window.width() * window.height())


def view_box_size(plot):
    rect = plot.getPlotItem().vb.sceneBoundingRect()
    return rect.width(), rect.height()


# -- states -----------------------------------------------------------------------------


def _preset(window, title_start):
    lessons = window.preset_menu.lessons
    k = next(i for i, lesson in enumerate(lessons) if lesson.title.startswith(title_start))
    window.preset_menu.load(k)


def converged(window):
    _preset(window, "Circle")
    c = window.controller
    for _ in range(200):
        c.session.step(500)
        if c.session.converged:
            break
    c.refresh()
    assert c.state_word() == "converged", c.state_word()


def oscillating(window):
    _preset(window, "Overlapping")
    c = window.controller
    c.set_learning_rate(81.0)
    c.session.step(60)
    c.refresh()
    assert c.state_word() in ("oscillating", "diverging", "diverged"), c.state_word()
    assert window.status.lower_alpha.isVisibleTo(window) or window.status.action.isVisibleTo(
        window)


def _race_on_blobs(window, rates, steps):
    _preset(window, "Overlapping")
    c = window.controller
    for box, rate in zip(window.controls.race_rates, (*rates, 0.0), strict=True):
        box.setValue(rate)
    window.controls.race_group.setChecked(True)
    c.set_playing(False)
    c.race.step(steps)
    c.refresh()
    return c


def race(window):
    c = _race_on_blobs(window, (0.01, 0.1, 1.0), 400)
    assert c.state_word() == "racing", c.state_word()


def race_over(window):
    """The longest race words: the lecture's race, called once the winner is in and the
    other lanes can only crawl or bounce, each lane's fate said."""
    c = _race_on_blobs(window, (0.00064, 1.6, 21.0), 1_000)
    assert c.race.finished and "cannot win" in c.last_frame.race_summary
    assert c.state_word() == "racing", c.state_word()


def separable(window):
    _preset(window, "Linear")
    c = window.controller
    c.session.step(300)
    c.refresh()
    assert c.state_word() == "separable", c.state_word()


def scrubbed(window):
    _preset(window, "Ring")
    c = window.controller
    c.session.step(400)
    c.refresh()
    c.scrub_to(window.scrub.maximum() // 3)
    assert c.last_frame.shown.scrubbed


STATES = {"converged": converged, "oscillating": oscillating, "race": race,
          "race_over": race_over,
          "separable": separable, "scrubbed": scrubbed}


def _follow_a_point(window):
    if window.controller.session.m:
        window.controller.inspect_point(0)


def _check(window, where, failures):
    problems = clipped_texts(window)
    failures += [f"{where}: {p}" for p in problems]
    share = data_share(window)
    if share < MIN_DATA_SHARE:
        failures.append(f"{where}: the data plot has {share:.0%} of the window "
                        f"({window.data_plot.width()}×{window.data_plot.height()})")
    covered = overlay_covers_points(window)
    if covered:
        failures.append(f"{where}: {len(covered)} point(s) under the strip labels: {covered[:3]}")


# -- the tests --------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_minimum_size_fits_and_primary_controls_need_no_scrolling(qtbot, window, size):
    w, h = size
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024, f"minimum size {hint}"
    assert hint.height() <= 700, f"minimum size {hint}"
    window.resize(w, h)
    settle(qtbot, window)
    assert (window.width(), window.height()) == size
    scroll = window.control_scroll
    viewport = scroll.viewport()
    c = window.controls
    for widget in (c.class_one, c.class_zero, c.feature_linear, c.feature_quadratic,
                   c.play_pause, c.step, c.reset, c.learning_rate, c.learning_rate_value,
                   c.stability):
        top_left = widget.mapTo(viewport, QtCore.QPoint(0, 0))
        bottom = top_left.y() + widget.height()
        assert widget.isVisible(), widget.objectName()
        assert top_left.y() >= 0, widget.objectName()
        assert bottom <= viewport.height(), (
            f"{widget.objectName()} is below the fold: y {top_left.y()}…{bottom} of "
            f"{viewport.height()}")


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_text_fits_in_normal_and_presentation_mode(qtbot, window, size, state):
    window.resize(*size)
    settle(qtbot, window)
    STATES[state](window)
    if not state.startswith("race"):
        _follow_a_point(window)
    settle(qtbot, window)
    failures = []
    tabs = window.tabs
    for k in range(tabs.count()):
        tabs.setCurrentIndex(k)
        settle(qtbot, window)
        _check(window, f"{size} {state} normal, tab {tabs.tabText(k)!r}", failures)

    window.appearance.set_presentation(True)
    settle(qtbot, window)
    stage = window.stage_keys
    for name in ("cost", "landscape", "one_d", "sigmoid", "graph", "race"):
        stage.select(name)
        settle(qtbot, window)
        where = f"{size} {state} presentation, companion {name}"
        _check(window, where, failures)
        if name in ("cost", "race"):
            vw, vh = view_box_size(window.cost_plot)
            if vw < MIN_COST_VIEW[0] or vh < MIN_COST_VIEW[1]:
                failures.append(f"{where}: the cost plot draws in {vw:.0f}×{vh:.0f} px")
        if name == "race" and not state.startswith("race"):
            stage.select("cost")  # leaving the race companion ends the race it started
            assert window.controller.race is None
    window.appearance.set_presentation(False)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_landscape_pickers_take_one_row_and_leave_the_plot_room(qtbot, window, size):
    """All five quadratic features, standardized, at a projector's size: "J over
    [w1 (x1)] and [w2 (x2)]" is one row. With "standardized" in each picker, or
    pickers as wide as "w4 (x1·x2)", it was two, and the landscape was a 60-pixel
    strip whose left axis title was cut."""
    window.resize(*size)
    _preset(window, "Ring")
    settle(qtbot, window)
    assert window.controller.session.standardize
    assert len(window.controller.session.terms) == 5
    view = window.landscape
    assert window.tabs.currentWidget() is view
    row = view.pick_x.height()
    assert view.pickers.height() < 1.5 * row, (
        f"{size}: the pickers take {view.pickers.height()} px for {row}-px combo boxes "
        f"({view.pick_x.currentText()!r}, {view.pick_y.currentText()!r})")
    assert view.plot.getAxis("bottom").label.toPlainText().strip().endswith(", standardized)")
    _, height = view_box_size(view.plot)
    assert height >= 80, f"{size}: the landscape draws in {height:.0f} px"


def test_the_check_catches_a_cut_text(qtbot, window):
    """The measure is not vacuous: a label, a button and a tab squeezed below their text
    are reported."""
    label = QtWidgets.QLabel("P(labels) = exp(−m·J) = 1.01e-65", window.status)
    label.setObjectName("squeezed")
    label.setGeometry(0, 0, 60, 30)
    label.show()
    button = QtWidgets.QPushButton("Lower α ÷10 and resume", window.status)
    button.setObjectName("squeezedButton")
    button.setGeometry(0, 40, 50, 30)
    button.show()
    problems = clipped_texts(window)
    assert any("'squeezed'" in p for p in problems), problems
    assert any("'squeezedButton'" in p for p in problems), problems
    label.deleteLater()
    button.deleteLater()
