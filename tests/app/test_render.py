"""What ends up on screen: pixels of a rendered plot, and a live repaint that must not crash.

PySide6 6.12.0 killed the process (``Fatal Python error: none_dealloc``) in
``QPainter.drawLine(QPointF, QPointF)``, which pyqtgraph's axes call on every
repaint, within seconds of live updates.  The repaint tests below exist so
that the next such release fails here rather than in front of a class.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import numpy as np
import PySide6
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt

from app.theme import LIGHT

from .driver import (
    all_points_shown,
    cost_plot,
    data_plot,
    data_to_viewport,
    find,
    iteration,
    load_preset,
    non_finite_plot_data,
)

LEFT = Qt.MouseButton.LeftButton


def rgb(hex_colour):
    h = hex_colour.lstrip("#")
    return np.array([int(h[i:i + 2], 16) for i in (0, 2, 4)], dtype=float)


def grab_rgb(widget):
    """The widget as an (h, w, 3) float array of what it would show on screen."""
    image = widget.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGBA8888)
    h, w = image.height(), image.width()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * h)
    return buf.reshape(h, image.bytesPerLine() // 4, 4)[:, :w, :3].astype(float)


def view_box_pixels(plot):
    """(x0, y0, x1, y1) of the view box inside the plot widget, in widget pixels."""
    vb = plot.getPlotItem().getViewBox()
    rect = plot.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    offset = plot.viewport().mapTo(plot, QtCore.QPoint(0, 0))
    rect.translate(offset)
    return rect.left() + 2, rect.top() + 2, rect.right() - 2, rect.bottom() - 2


def near(pixels, colour, tol):
    return np.linalg.norm(pixels - colour, axis=-1) <= tol


@pytest.fixture
def circle_after_descent(qtbot, window):
    """The Circle preset with quadratic features after a few hundred steps of descent."""
    load_preset(qtbot, window, "Circle")
    qtbot.mouseClick(find(window, "featureQuadratic", QtWidgets.QPushButton), LEFT)
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: iteration(window) >= 300, timeout=10_000)
    qtbot.mouseClick(play, LEFT)
    qtbot.wait(50)
    return window


def test_render_shows_both_classes_heatmap_and_boundary(circle_after_descent):
    window = circle_after_descent
    plot = data_plot(window)
    pixels = grab_rgb(plot)
    x0, y0, x1, y1 = view_box_pixels(plot)
    inside = pixels[y0:y1, x0:x1]
    assert inside.size > 0
    assert inside.std() > 20, "the plot looks uniform"

    one, zero = rgb(LIGHT.class_one), rgb(LIGHT.class_zero)
    # Markers are filled with the exact class colours.
    assert np.count_nonzero(near(inside, one, 20)) > 100, "no class 1 (orange) markers"
    assert np.count_nonzero(near(inside, zero, 20)) > 100, "no class 0 (blue) markers"

    # Away from the markers: the heatmap's two tints and the dark boundary curve.
    points = all_points_shown(window)
    marker_px = np.array([[p.x(), p.y()] for p in (data_to_viewport(window, *xy) for xy in points)])
    offset = plot.viewport().mapTo(plot, QtCore.QPoint(0, 0))
    marker_px += [offset.x(), offset.y()]
    ys, xs = np.mgrid[y0:y1, x0:x1]
    d2 = np.full(xs.shape, np.inf)
    for mx, my in marker_px:
        d2 = np.minimum(d2, (xs - mx) ** 2 + (ys - my) ** 2)
    background = inside[d2 > 12**2]
    dark = np.all(background < 70, axis=-1)
    assert np.count_nonzero(dark) > 300, "no dark boundary curve on the plot"
    r, b = background[:, 0], background[:, 2]
    orange_tint = (r - b > 40) & ~dark
    blue_tint = (b - r > 40) & ~dark
    assert np.count_nonzero(orange_tint) > 1000
    assert np.count_nonzero(blue_tint) > 1000

    # The model learned the circle: blue (class 0) tint at the centre, orange in a corner.
    def tint_at(x, y):
        p = data_to_viewport(window, x, y) + offset
        patch = pixels[p.y() - 3:p.y() + 4, p.x() - 3:p.x() + 4].reshape(-1, 3)
        return patch.mean(axis=0)

    centre, corner = tint_at(0.0, 0.1), tint_at(-2.3, 2.3)
    assert centre[2] > centre[0] + 20, f"centre should be blue-tinted, is {centre}"
    assert corner[0] > corner[2] + 20, f"corner should be orange-tinted, is {corner}"


def test_cost_plot_renders_a_curve(circle_after_descent):
    window = circle_after_descent
    plot = cost_plot(window)
    pixels = grab_rgb(plot)
    x0, y0, x1, y1 = view_box_pixels(plot)
    curve = near(pixels[y0:y1, x0:x1], rgb(LIGHT.cost), 40)
    assert np.count_nonzero(curve) > 50, "no cost curve drawn"
    x, y = plot.getPlotItem().listDataItems()[0].getData()
    assert len(x) > 100
    assert np.all(np.diff(y) < 1e-12), "J falls at every step on this preset with α = 1"


def test_live_repaint_for_three_seconds(qtbot, window):
    """Play with live repaints for ~3 s: many frames, both plots painted, no crash.

    Counted, not timed: it plays at least 3 s and until 30 frames were drawn and
    both plots painted 30 times (a busy machine only makes that take longer; a
    minute without them is a hang)."""
    load_preset(qtbot, window, "Ring")
    find(window, "stepsPerFrame", QtWidgets.QSpinBox).setValue(10)
    find(window, "learningRateValue", QtWidgets.QDoubleSpinBox).setValue(0.01)

    frames = []
    window.controller.frameDrawn.connect(frames.append)
    paints = {"data": 0, "cost": 0}

    class PaintCounter(QtCore.QObject):
        def __init__(self, key):
            super().__init__(window)
            self.key = key

        def eventFilter(self, obj, event):
            if event.type() == QtCore.QEvent.Type.Paint:
                paints[self.key] += 1
            return False

    counters = [PaintCounter("data"), PaintCounter("cost")]
    data_plot(window).viewport().installEventFilter(counters[0])
    cost_plot(window).viewport().installEventFilter(counters[1])

    def enough():
        return len(frames) >= 30 and paints["data"] >= 30 and paints["cost"] >= 30

    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    start = time.perf_counter()
    while time.perf_counter() - start < 3.0 or not enough():
        QtWidgets.QApplication.processEvents()
        qtbot.wait(5)
        if not play.isChecked():  # converged early: keep it busy
            find(window, "reset", QtWidgets.QPushButton).click()
            play.click()
        if time.perf_counter() - start > 60.0:  # a hang guard, not a frame rate
            break
    qtbot.mouseClick(play, LEFT)
    for c in counters:
        data_plot(window).viewport().removeEventFilter(c)
        cost_plot(window).viewport().removeEventFilter(c)

    assert enough(), f"a minute of play drew {len(frames)} frames, painted {paints}"
    assert non_finite_plot_data(window) == []
    assert window.isVisible()


def test_qpainter_drawline_qpointf_survives_in_a_fresh_process():
    """The five-line reproduction of the PySide6 6.12.0 crash, isolated in a child process
    so a broken release fails this test with a message instead of killing the run."""
    code = textwrap.dedent("""
        import time
        from PySide6 import QtCore, QtGui
        image = QtGui.QImage(200, 200, QtGui.QImage.Format.Format_ARGB32)
        end = time.perf_counter() + 1.5
        while time.perf_counter() < end:
            painter = QtGui.QPainter(image)
            for i in range(200):
                painter.drawLine(QtCore.QPointF(0, i), QtCore.QPointF(199, 199 - i))
            painter.end()
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "ok" in result.stdout, (
        f"QPainter.drawLine(QPointF, QPointF) crashed with PySide6 {PySide6.__version__} "
        f"(exit {result.returncode}); pin a working release.\n{result.stderr[-2000:]}"
    )


def test_heatmap_follows_the_view_when_zooming_out(qtbot, circle_after_descent):
    """Zoom out (as the mouse wheel does): the heatmap still fills the whole view."""
    window = circle_after_descent
    plot = data_plot(window)
    vb = plot.getPlotItem().getViewBox()
    vb.scaleBy((3.0, 3.0))
    qtbot.wait(50)
    pixels = grab_rgb(plot)
    x0, y0, x1, y1 = view_box_pixels(plot)
    white = rgb(LIGHT.background)
    for y, x in ((y0 + 5, x0 + 5), (y0 + 5, x1 - 5), (y1 - 5, x0 + 5), (y1 - 5, x1 - 5)):
        patch = pixels[y - 2:y + 3, x - 2:x + 3].reshape(-1, 3).mean(axis=0)
        assert np.linalg.norm(patch - white) > 30, f"corner ({x}, {y}) is blank: {patch}"


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), nx=st.integers(2, 400), ny=st.integers(2, 400),
       grid=st.sampled_from([None, 3, 4, 7, 10]), view=st.booleans())
def test_the_density_image_counts_each_class_as_histogram2d_does(seed, nx, ny, grid, view):
    """Beyond 20,000 points the data plot shows where each class is as a density
    image; its counts (one bincount, fast enough for a click on a million points)
    must be histogram2d's, points on bin edges and outside the view included."""
    from app.data_plot import _class_counts

    rng = np.random.default_rng(seed)
    points = rng.normal(0, 2, (3000, 2))
    if grid:  # many points exactly on bin edges and on the view's border
        points = np.round(points * grid) / grid
    labels = rng.integers(0, 2, len(points))
    x_range, y_range = (-3.0, 2.5), (-2.0, 3.0)
    if view:  # a zoomed or panned view
        x0, y0 = rng.uniform(-3, 0, 2)
        x_range, y_range = (x0, x0 + rng.uniform(0.1, 6)), (y0, y0 + rng.uniform(0.1, 6))
    counts = _class_counts(points, labels, x_range, y_range, nx, ny)
    for label, got in zip((0, 1), counts):
        sel = points[labels == label]
        want, _, _ = np.histogram2d(sel[:, 1], sel[:, 0], bins=(ny, nx), range=(y_range, x_range))
        np.testing.assert_array_equal(got, want)


def test_an_action_while_playing_paints_every_plot_in_one_pass(qtbot, window):
    """Switching features mid-run changes the boundary, the cost curve and the
    landscape: they reach the screen together, in one paint of the window, never a
    boundary for the new run beside the old run's cost curve (each plot's scene
    used to dispatch its own window repaint, three passes a frame)."""
    import pyqtgraph as pg

    load_preset(qtbot, window, "Ring")
    plots = [v for v in window.findChildren(pg.GraphicsView) if v.isVisible()]
    assert len(plots) >= 3, "the data plot, the cost plot and the landscape are on screen"
    seen = []

    class Recorder(QtCore.QObject):
        def eventFilter(self, obj, event):
            if event.type() == QtCore.QEvent.Type.Paint:
                seen.append(plots.index(obj.parent()))
            return False

    recorder = Recorder(window)
    buttons = [find(window, name, QtWidgets.QPushButton)
               for name in ("featureQuadratic", "featureLinear")]
    for plot in plots:
        plot.viewport().installEventFilter(recorder)
    for button in buttons:  # the click's action starts here (the press painted the button)
        button.released.connect(seen.clear)
    window.painted.connect(lambda: seen.append("pass"))
    play = find(window, "playPause", QtWidgets.QPushButton)
    qtbot.mouseClick(play, LEFT)
    qtbot.waitUntil(lambda: iteration(window) >= 50, timeout=10_000)
    for button in buttons:
        qtbot.mouseClick(button, LEFT)
        # The action paints its frame before it returns.
        first_pass = seen[:seen.index("pass")] if "pass" in seen else seen
        assert sorted(set(first_pass)) == list(range(len(plots))), (
            f"{button.text()}: the first repaint showed plots {sorted(set(first_pass))} of "
            f"{len(plots)} (paints and passes: {seen})")
    qtbot.mouseClick(play, LEFT)
    for plot in plots:
        plot.viewport().removeEventFilter(recorder)


def test_markers_look_exactly_as_pyqtgraph_draws_them(qtbot):
    """The data plot's scatter looks its markers' style up once, not once a marker:
    every marker must still look exactly as pyqtgraph's own item draws it, through
    the edits a lesson makes (new data, an added point, a new colour or size) and
    with per-marker styles, which keep pyqtgraph's own lookup."""
    import pyqtgraph as pg

    from app.theme import passive_scatter

    plots = [pg.PlotWidget() for _ in range(2)]
    items = [pg.ScatterPlotItem(symbol="t", pxMode=True, antialias=True),
             passive_scatter(symbol="t", pxMode=True, antialias=True)]
    for plot, item in zip(plots, items):
        qtbot.addWidget(plot)
        plot.resize(320, 240)
        plot.addItem(item)
        plot.setRange(xRange=(-2, 2), yRange=(-2, 2), padding=0)
        plot.show()
    rng = np.random.default_rng(7)
    xy = rng.normal(size=(2, 400))
    red, blue = pg.mkBrush("#d62728"), pg.mkBrush("#1f77b4")
    edits = [
        ("new data", lambda s: (s.setPen(pg.mkPen("k")), s.setBrush(red), s.setSize(9),
                                s.setData(x=xy[0], y=xy[1]))),
        ("a point added", lambda s: s.addPoints(x=[0.1], y=[0.2])),
        ("fewer points", lambda s: s.setData(x=xy[0, :150], y=xy[1, :150])),
        ("a new colour", lambda s: s.setBrush(blue)),
        ("a new size", lambda s: s.setSize(14)),
        ("a colour per marker", lambda s: s.setBrush([red, blue] * 75)),
        ("new data again", lambda s: s.setData(x=xy[1], y=xy[0])),
    ]
    for what, edit in edits:
        for item in items:
            edit(item)
        stock, ours = (grab_rgb(p) for p in plots)
        assert np.abs(stock - ours).max() <= 0, f"after {what} the markers look different"
        assert (np.abs(stock - grab_rgb(plots[0])[0, 0]).sum(axis=2) > 0).sum() > 200, what
