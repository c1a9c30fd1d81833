"""Made for the projector (issue 11): the overlay keeps off the points, the F1 sheet fits.

In presentation mode the overlay above the data plot covers no point, even with
points up to the corners of the view; the shortcut sheet (F1) fits 1280×720 in
normal and presentation mode, its text uncut.  The walk over every text of the
window is test_layout.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from .driver import _label_problem, overlay_covers_points, settle


def test_the_overlay_stays_off_the_points(qtbot, window):
    """Points everywhere, up to the corners of the view: the overlay still covers none."""
    window.resize(1280, 720)
    settle(qtbot, window)
    c = window.controller
    xs, ys = np.meshgrid(np.linspace(-3, 3, 25), np.linspace(-3, 3, 25))
    pts = np.column_stack([xs.ravel(), ys.ravel()])
    labels = (pts[:, 0] + pts[:, 1] > 0).astype(float)
    c.replace_points(pts, labels, "grid")
    c.set_view((-3.0, 3.0, -3.0, 3.0))
    window.appearance.set_presentation(True)
    settle(qtbot, window)
    c.set_view((-3.0, 3.0, -3.0, 3.0))
    settle(qtbot, window)
    assert window.overlay.isVisible()
    assert window.overlay.text()
    assert not overlay_covers_points(window)
    ov = window.overlay.geometry()
    vb = window.data_plot.view_box.sceneBoundingRect()
    assert ov.bottom() < vb.top(), "the overlay reaches into the drawing area"


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "presentation"])
def test_f1_sheet_fits_1280x720(qtbot, window, presenting):
    from app.shortcuts import show_shortcuts

    window.resize(1280, 720)
    window.appearance.set_presentation(presenting)
    settle(qtbot, window)
    box = show_shortcuts(window)
    qtbot.waitUntil(box.isVisible, timeout=10_000)
    size = box.size()
    assert size.width() <= 1280, f"the F1 sheet is {size}"
    assert size.height() <= 720, f"the F1 sheet is {size}"
    for name in ("shortcutText", "shortcutTextRight"):
        label = box.findChild(QtWidgets.QLabel, name)
        assert label.isVisible()
        problem = _label_problem(label)
        assert problem is None, f"the F1 sheet's text is cut: {problem}"
        right = label.mapTo(box, QtCore.QPoint(label.width(), label.height()))
        assert right.x() <= box.width(), f"the sheet runs past its right edge ({right})"
        assert right.y() <= box.height(), f"the sheet runs past its bottom ({right})"
    text = box.text()
    titles = [lesson.title for lesson in window.preset_menu.lessons]
    for k, title in enumerate(titles, start=1):
        assert f"Ctrl+{k}" in text
        assert title.split(":")[0] in text
    assert f"Ctrl+{len(titles) + 1}" not in text, "the sheet offers presets that do not exist"
    box.close()


def test_f1_sheet_lists_the_lecture_and_script_keys(qtbot, window):
    """A teacher presenting the lesson script looks for N, V and K on F1: they were not
    there (nor Ctrl+L, Alt+1…4, T), though the menus have them."""
    from app.shortcuts import show_shortcuts

    box = show_shortcuts(window)
    qtbot.waitUntil(box.isVisible, timeout=10_000)
    text = box.text()
    for name in ("actionLectureSlides", "actionScriptNext", "actionScriptPrevious",
                 "actionScriptReveal", "actionScriptSkip", "actionScriptAnswer1",
                 "actionTeacherNotes"):
        action = window.findChild(QtGui.QAction, name)
        key = action.shortcut().toString()
        assert key and key in text, f"{action.text()!r} ({key}) is not on the F1 sheet"
    box.close()
