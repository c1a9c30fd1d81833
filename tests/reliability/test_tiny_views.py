"""A view a subnormal number wide (valid in a lesson: finite, xmin < xmax) paints.

Found by reading the paint path after the log-scale hang: no plot had a minimum view
width, and below ~1e-322 the tick and grid steps underflow to 0."""

from __future__ import annotations

import numpy as np
from PySide6 import QtWidgets

from .support import WarningLog, non_finite_plot_data


def test_nice_step_of_a_subnormal_span():
    from app.theme import nice_step

    for span in (5e-324, 3e-323, 8e-323, 1e-320, 1e-300):
        step = nice_step(span)
        assert np.isfinite(step) and step > 0, (span, step)


def test_lesson_with_a_subnormal_view_opens(window, excepthook, tmp_path):
    """Before: pyqtgraph's AxisItem.tickValues divided by zero in paint, and the light
    grid's nice_step took log10(0) (nested paint errors: the PySide6 segfault path)."""
    from core.lesson import Lesson
    from core.lesson_json import write_lesson

    path = tmp_path / "tiny.logitlab.json"
    write_lesson(path, Lesson(np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1]),
                              view=(0.0, 5e-324, 0.0, 1e-322)))
    with WarningLog(excepthook) as log:
        assert window.files.open_path(str(path)), window.files.last_problem
        QtWidgets.QApplication.processEvents()
        window.repaint()
        QtWidgets.QApplication.processEvents()
        raised = log.exceptions()
        warned = log.take()
    assert not raised, "\n".join(raised)
    assert not warned, warned
    assert not non_finite_plot_data(window)
    (x0, x1), (y0, y1) = window.data_plot.view_box.viewRange()
    assert x1 - x0 > 1e-300 and y1 - y0 > 1e-300
