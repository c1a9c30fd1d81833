"""Lesson files and CSV points: what is saved comes back exactly.

Save (File ▸ Save) in one window and open the file in a fresh one: the points,
labels, feature terms, standardization, loss, α, ε, steps per frame, seed, view
and θ (bit for bit) and the iteration come back, and descent continues on the
very same path.  CSV export → import is lossless to the last bit.
"""

from __future__ import annotations

import json
import math
import os

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from core.lesson import read_csv, read_lesson

from .support import message_boxes, points_and_labels, same_data, shown_points

SETUPS = {
    # name: (preset, terms, standardize, loss, α, ε, steps per frame, seed, steps)
    "quadratic_standardized": (1, ("x1", "x2", "x1^2", "x2^2"), True, "cross_entropy",
                               0.0123456789012345, 3.3e-5, 37, 4242, 123),
    "linear_raw_squared_error": (2, ("x1", "x2", "x1*x2"), False, "squared_error",
                                 0.07000000000000001, 0.0, 1, 987654321, 57),
}


def _customise(win, setup):
    preset, terms, standardize, loss, alpha, tol, spf, seed, steps = setup
    c = win.controller
    win.preset_menu.load(preset)
    c.add_point(0.1 + 0.2, 1 / 3, 1)  # floats that only survive as repr
    c.add_point(-0.0, -2.000000000000001, 0)
    c.set_terms(terms)
    c.set_standardize(standardize)
    c.set_loss(loss)
    c.set_learning_rate(alpha)
    c.set_tolerance(tol)
    c.set_steps_per_frame(spf)
    c.session.reset(seed=seed)
    c.push_settings()
    lo, hi = c.session.points.min(axis=0), c.session.points.max(axis=0)
    c.set_view((lo[0] - 0.7, hi[0] + 0.3, lo[1] - 0.2, hi[1] + 0.9))  # off-centre, all points
    c.session.step(steps)
    c.refresh()


def _state(win):
    c = win.controller
    s = c.session
    return {
        "terms": s.terms, "standardize": s.standardize, "loss": s.loss,
        "alpha": s.learning_rate, "tol": s.tol, "steps_per_frame": c.steps_per_frame,
        "seed": s.seed, "iteration": s.engine.iteration,
    }


def _contains(outer, inner, slack=1e-9):
    (ox0, ox1), (oy0, oy1) = outer
    (ix0, ix1), (iy0, iy1) = inner
    return (ox0 <= ix0 + slack and ox1 >= ix1 - slack
            and oy0 <= iy0 + slack and oy1 >= iy1 - slack)


@pytest.mark.parametrize("name", SETUPS)
def test_save_then_open_in_a_fresh_window_restores_everything(make_window, tmp_path, name):
    first = make_window()
    _customise(first, SETUPS[name])
    path = tmp_path / "my lesson.logitlab.json"
    assert first.files.save_to(str(path)) is True
    assert not message_boxes(first)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format"] == "logitlab-lesson" and saved["version"] == 1

    # The saved view is what was on screen, and it shows every point.
    sx, sy = saved["view"]["x"], saved["view"]["y"]
    pts = first.controller.session.points
    assert np.all((pts[:, 0] >= sx[0]) & (pts[:, 0] <= sx[1]))
    assert np.all((pts[:, 1] >= sy[0]) & (pts[:, 1] <= sy[1]))

    second = make_window()
    second.preset_menu.load(0)  # something else on screen first
    assert second.files.open_path(str(path)) is True
    assert not message_boxes(second)

    assert same_data(points_and_labels(second), points_and_labels(first))
    assert _state(second) == _state(first)
    t1, t2 = first.controller.session.engine.theta, second.controller.session.engine.theta
    assert t2.tobytes() == t1.tobytes(), f"θ changed: {t1.tolist()} → {t2.tolist()}"
    # What the class sees: the same J and the same equations.
    assert second.status.cost.text() == first.status.cost.text()
    assert second.status.iteration.text() == first.status.iteration.text()
    assert second.equations.model.text() == first.equations.model.text()
    # The controls show the restored settings.
    ctl = second.controls
    assert f"seed {SETUPS[name][7]}" in ctl.seed_label.text()
    assert ctl.standardize.isChecked() == SETUPS[name][2]
    assert ctl.steps_per_frame.value() == SETUPS[name][6]
    assert {t for t, box in ctl.term_boxes.items() if box.isChecked()} == \
        set(SETUPS[name][1]) - {"x1", "x2"}
    assert ctl.learning_rate_value.value() == pytest.approx(SETUPS[name][4], rel=1e-3)
    # The view: the saved rectangle, possibly widened by the aspect lock, same centre.
    view2 = second.data_plot.view_rect()
    assert _contains(view2, (sx, sy), slack=1e-6 * (sx[1] - sx[0]))
    assert np.mean(view2[0]) == pytest.approx(np.mean(sx), abs=1e-6)
    assert np.mean(view2[1]) == pytest.approx(np.mean(sy), abs=1e-6)
    assert view2[0][1] - view2[0][0] == pytest.approx(sx[1] - sx[0], rel=0.05)
    assert view2[1][1] - view2[1][0] == pytest.approx(sy[1] - sy[0], rel=0.05)
    assert "my lesson" in second.windowTitle()

    # Descent goes on along exactly the same path.
    for win in (first, second):
        win.controller.session.step(10)
    t1, t2 = first.controller.session.engine.theta, second.controller.session.engine.theta
    assert t2.tobytes() == t1.tobytes()

    # Saving the opened lesson writes the same lesson again (idempotent).
    again = tmp_path / "again.logitlab.json"
    assert first.files.save_to(str(again))
    a = json.loads(again.read_text(encoding="utf-8"))
    for key in ("title", "view", "theta", "iteration"):
        a.pop(key), saved.pop(key)
    assert a == saved


def test_lesson_without_theta_opens_at_the_seeded_start(make_window, tmp_path):
    """A lesson written by hand (no θ) starts from w = randn with its seed."""
    first = make_window()
    _customise(first, SETUPS["quadratic_standardized"])
    path = tmp_path / "no_theta.logitlab.json"
    first.files.save_to(str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["theta"] = None
    data["iteration"] = 0
    path.write_text(json.dumps(data), encoding="utf-8")
    second = make_window()
    assert second.files.open_path(str(path))
    s = second.controller.session
    assert s.engine.iteration == 0
    assert s.engine.theta.tobytes() == s.initial_theta().tobytes()


AWKWARD = np.array([
    [0.1 + 0.2, 1 / 3],
    [-0.0, 5e-324],
    [1e-300, -7.000000000000001],
    [123456.78901234567, -1e6],
    [math.pi, math.e],
    [2.0**-40, -(2.0**40) / 1e6],
    [0.0, 0.0],
    [1.5, -2.25],
])
AWKWARD_LABELS = np.array([1, 0, 1, 0, 1, 1, 0, 0])


def test_csv_export_then_import_is_lossless(make_window, tmp_path):
    first = make_window()
    first.controller.replace_points(AWKWARD, AWKWARD_LABELS, "Awkward points")
    path = tmp_path / "points.csv"
    assert first.files.export_points_to(str(path)) is True
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "x1,x2,y" and len(lines) == len(AWKWARD) + 1

    second = make_window()
    second.preset_menu.load(0)
    assert second.files.open_path(str(path)) is True
    assert same_data(points_and_labels(second), (AWKWARD, AWKWARD_LABELS))
    assert same_data(read_csv(path), (AWKWARD, AWKWARD_LABELS))
    shown = shown_points(second)
    assert len(shown[1]) == 4 and len(shown[0]) == 4
    # Importing points keeps the open lesson's name (it is not a lesson file).
    assert second.files.path is None


def test_recent_files_menu_reopens_a_file(make_window, tmp_path):
    win = make_window()
    win.preset_menu.load(1)
    lesson_path = tmp_path / "circle.logitlab.json"
    csv_path = tmp_path / "points.csv"
    assert win.files.save_to(str(lesson_path))
    assert win.files.export_points_to(str(csv_path))
    assert win.files.open_path(str(csv_path))
    recent = win.files.recent_menu.actions()
    assert [a.text() for a in recent][:2] == ["points.csv", "circle.logitlab.json"]
    win.preset_menu.load(3)
    recent[1].trigger()
    saved = read_lesson(lesson_path)
    assert same_data(points_and_labels(win), (saved.points, saved.labels))
    # The list outlives the window: it is in the settings file.
    settings = QtCore.QSettings(win.files.settings.fileName(), QtCore.QSettings.Format.IniFormat)
    stored = settings.value("recentFiles")
    # (re-opening moved the lesson to the top)
    assert [os.path.basename(p) for p in stored][:2] == ["circle.logitlab.json", "points.csv"]
    assert [a.text() for a in win.files.recent_menu.actions()][:2] == \
        ["circle.logitlab.json", "points.csv"]


def _ran(win, steps=40):
    win.preset_menu.load(1)
    win.controller.session.step(steps)
    win.controller.refresh()
    return win


def test_gui_exports_png_pictures_and_costs(window, tmp_path):
    win = _ran(window)
    files = win.files
    for target in ("data", "cost"):
        png = tmp_path / f"{target}.png"
        assert files.export_picture_to(target, str(png)) is True
        image = QtGui.QImage(str(png))
        assert not image.isNull() and image.width() >= 800
    whole = tmp_path / "window.png"
    assert files.export_picture_to("window", str(whole)) is True
    image = QtGui.QImage(str(whole))
    assert (image.width(), image.height()) == (win.width(), win.height())
    costs = tmp_path / "costs.csv"
    assert files.export_costs_to(str(costs)) is True
    lines = costs.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "iteration,cost"
    assert [int(line.split(",")[0]) for line in lines[1:]] == list(range(41))
    assert not message_boxes(win)


@pytest.mark.parametrize("target", ["data", "cost"])
def test_gui_exports_svg_pictures(window, qtbot, tmp_path, target):
    win = _ran(window)
    svg = tmp_path / f"{target}.svg"
    ok = win.files.export_picture_to(target, str(svg))
    problem = win.files.last_problem
    assert ok is True, f"SVG export refused: {problem}"
    assert "<svg" in svg.read_text(encoding="utf-8")[:2000]


def test_a_picture_that_cannot_be_written_says_why(window, tmp_path):
    """pyqtgraph's exporter returned False quietly: no file, no message, "exported"."""
    win = _ran(window)
    for target in ("data", "cost", "window"):
        out = tmp_path / "missing" / f"{target}.png"
        assert win.files.export_picture_to(target, str(out)) is False
        assert "cannot write" in win.files.last_problem
        assert not out.exists()
    boxes = message_boxes(win)
    assert boxes and "missing" in boxes[-1].informativeText() + boxes[-1].text()


def test_a_picture_named_without_its_type_gets_the_type_the_menu_named(window, tmp_path,
                                                                       monkeypatch):
    from app.file_ui import Folders

    win = _ran(window)
    monkeypatch.setattr(Folders, "ask_save", lambda self, *a: str(tmp_path / "slide1"))
    win.files.export_picture("data", "png")
    assert not QtGui.QImage(str(tmp_path / "slide1.png")).isNull()
    before = (tmp_path / "slide1.png").read_bytes()
    win.files.export_picture("cost", "png")  # slide1.png is there now: asked, not replaced
    assert message_boxes(win, "replaceDialog")
    assert (tmp_path / "slide1.png").read_bytes() == before
