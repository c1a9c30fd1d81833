"""Headless export for slides: no display at all, a PNG of the requested size, a cost table.

``python -m app LESSON --steps 500 --export-png OUT.png --size 800x600
--export-csv costs.csv`` runs with DISPLAY and QT_QPA_PLATFORM unset (the app
must choose offscreen itself), exits 0 and writes both files.  The PNG must
show the trained boundary: dark boundary pixels in the data plot away from
every marker, both class colours, and a heatmap bluish inside the circle and
orange outside.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import numpy as np
from PySide6 import QtCore, QtGui

from app.export import export_headless
from app.theme import LIGHT
from core.lesson import read_lesson

from .support import PRESETS, ROOT

LESSON = PRESETS / "2_circle.logitlab.json"
SIZE = (800, 600)
STEPS = 500


def _rgb_array(image):
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h)
    return raw.reshape(h, stride)[:, : 3 * w].reshape(h, w, 3).astype(int).copy()


def _hex(colour):
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])


def _geometry(make_window, tmp_path):
    """The same export in this process: where the plot and the points land in the picture."""
    win = make_window()
    lesson = read_lesson(LESSON)
    args = argparse.Namespace(steps=STEPS, export_png=str(tmp_path / "here.png"), size=SIZE,
                              export_csv=None)
    assert export_headless(win, lesson, args) == 0
    plot = win.data_plot
    vb = plot.view_box
    viewport = plot.viewport()

    def to_image(x, y):
        p = plot.mapFromScene(vb.mapViewToScene(QtCore.QPointF(x, y)))
        q = viewport.mapTo(win, p)
        return q.x(), q.y()

    rect = plot.mapFromScene(vb.sceneBoundingRect()).boundingRect()
    top_left = viewport.mapTo(win, rect.topLeft())
    box = (top_left.x(), top_left.y(), rect.width(), rect.height())
    markers = np.array([to_image(x, y) for x, y in lesson.points])
    centre = to_image(0.0, 0.0)
    (x0, x1), (y0, y1) = plot.view_rect()
    corner = to_image(x0 + 0.03 * (x1 - x0), y1 - 0.03 * (y1 - y0))
    return box, markers, centre, corner, QtGui.QImage(str(tmp_path / "here.png")), plot.sizes


def test_headless_export_without_a_display(make_window, tmp_path, env_for_subprocess):
    env = dict(env_for_subprocess)
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(var, None)
    png, csv = tmp_path / "OUT.png", tmp_path / "costs.csv"
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", str(LESSON), "--steps", str(STEPS), "--export-png",
         str(png), "--size", f"{SIZE[0]}x{SIZE[1]}", "--export-csv", str(csv)],
        env=env, cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # While it runs: the same export here, to learn the picture's geometry.
    box, markers, centre, corner, here, sizes = _geometry(make_window, tmp_path)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, f"exit {proc.returncode}: {err}"
    assert "Traceback" not in err

    image = QtGui.QImage(str(png))
    assert not image.isNull(), "no readable PNG"
    assert (image.width(), image.height()) == SIZE
    pixels = _rgb_array(image)
    # The geometry learnt here applies there: the two pictures are (nearly) the same.
    same = np.mean(np.all(np.abs(pixels - _rgb_array(here)) <= 8, axis=2))
    assert same > 0.9, f"only {same:.0%} of pixels match the in-process export"

    x, y, w, h = box
    assert w >= 60 and h >= 60, f"the data plot is only {w}×{h} px in the picture"
    region = pixels[y + 2:y + h - 2, x + 2:x + w - 2]
    yy, xx = np.mgrid[y + 2:y + h - 2, x + 2:x + w - 2]
    dark = np.all(region < 70, axis=2)
    far = np.ones_like(dark)
    radius = sizes.marker / 2 + 4
    for mx, my in markers:
        far &= (xx - mx) ** 2 + (yy - my) ** 2 > radius**2
    boundary_pixels = int(np.sum(dark & far))
    assert boundary_pixels >= 60, f"only {boundary_pixels} boundary pixels in the data plot"

    for name, colour in (("class 1", LIGHT.class_one), ("class 0", LIGHT.class_zero)):
        near = np.sum(np.linalg.norm(region - _hex(colour), axis=2) < 40)
        assert near >= 10, f"{name} colour {colour} barely present ({near} px)"
    # The heatmap: class 0 (blue) inside the circle, class 1 (orange) in the corner.
    cr, cg, cb = pixels[centre[1], centre[0]]
    assert cb > cr + 30, f"centre of the circle is not bluish: {(cr, cg, cb)}"
    kr, kg, kb = pixels[corner[1], corner[0]]
    assert kr > kb + 30, f"corner is not orange-ish: {(kr, kg, kb)}"

    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "iteration,cost"
    rows = [line.split(",") for line in lines[1:]]
    iterations = [int(r[0]) for r in rows]
    costs = np.array([float(r[1]) for r in rows])
    assert iterations == list(range(STEPS + 1)), "one row per step 0…500"
    assert np.all(np.isfinite(costs))
    assert np.all(np.diff(costs[:20]) < 0), "J does not fall over the first steps"
    assert costs[-1] < 0.5 * costs[0]
    # Nothing of the user's was open: the next start offers no "unsaved session".
    assert list((tmp_path / "xdg-data").rglob("session-*")) == []


def test_headless_800x600_picture_is_mostly_the_data_plot(make_window, tmp_path):
    box = _geometry(make_window, tmp_path)[0]
    w, h = box[2], box[3]
    assert w >= SIZE[0] / 3 and h >= SIZE[1] / 2, f"data plot {w}×{h} px in {SIZE}"


def test_headless_export_to_an_unwritable_place_fails_cleanly(tmp_path, env_for_subprocess):
    env = dict(env_for_subprocess)
    env.pop("DISPLAY", None)
    out = tmp_path / "no" / "such" / "folder" / "OUT.png"
    proc = subprocess.run(
        [sys.executable, "-m", "app", str(LESSON), "--steps", "5", "--export-png", str(out),
         "--size", "400x300"],
        env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    ours = [line for line in proc.stderr.splitlines() if line.startswith("logitlab:")]
    assert len(ours) == 1 and "cannot write" in ours[0], proc.stderr
    assert "No such file or directory" in ours[0] or "does not exist" in ours[0], ours[0]
    assert not out.parent.exists()
    assert not os.path.exists(out)


def test_headless_export_to_a_name_without_a_picture_type_says_so(tmp_path, env_for_subprocess):
    proc = subprocess.run(
        [sys.executable, "-m", "app", str(LESSON), "--steps", "5", "--export-png",
         str(tmp_path / "slide1"), "--size", "400x300"],
        env=env_for_subprocess, cwd=str(ROOT), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    ours = [line for line in proc.stderr.splitlines() if line.startswith("logitlab:")]
    assert len(ours) == 1 and "end its name with .png" in ours[0], proc.stderr
    assert list(tmp_path.glob("slide1*")) == []
    assert list((tmp_path / "xdg-data").rglob("session-*")) == []
