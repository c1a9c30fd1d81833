"""Helpers shared by the classroom tests: dialogs, session snapshots, points on screen, keys."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PySide6 import QtCore, QtWidgets
from PySide6.QtTest import QTest

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "files" / "bad"
PRESETS = ROOT / "resources" / "presets"
EXPECTED = json.loads((BAD / "EXPECTED.json").read_text(encoding="utf-8"))
BAD_CASES = sorted(name for name, want in EXPECTED.items() if "message" in want)
OK_CASES = sorted(name for name, want in EXPECTED.items() if want.get("ok"))
WINDOW_SIZE = (1400, 850)


def close_message_boxes(window):
    for box in window.findChildren(QtWidgets.QMessageBox):
        box.close()


def message_boxes(window, name=None):
    """Visible message boxes of ``window`` (with objectName ``name`` if given)."""
    return [box for box in window.findChildren(QtWidgets.QMessageBox)
            if box.isVisible() and (name is None or box.objectName() == name)]


def box_text(box):
    return "\n".join(t for t in (box.windowTitle(), box.text(), box.informativeText()) if t)


def take_box(qtbot, window, name, timeout=10_000):
    """Wait for the one visible message box ``name``, close it and return its text."""
    qtbot.waitUntil(lambda: len(message_boxes(window, name)) >= 1, timeout=timeout)
    boxes = message_boxes(window, name)
    assert len(boxes) == 1, f"expected one {name} dialog, got {[box_text(b) for b in boxes]}"
    text = box_text(boxes[0])
    boxes[0].close()
    boxes[0].deleteLater()
    qtbot.waitUntil(lambda: not message_boxes(window, name), timeout=timeout)
    return text


def press(qtbot, win, key, modifiers=QtCore.Qt.KeyboardModifier.NoModifier):
    """A key as the keyboard or a presenter remote sends it, to whatever has focus."""
    target = win.focusWidget() or win
    QTest.keyClick(target, key, modifiers)
    qtbot.wait(1)


def shown_points(window):
    """{label: (k, 2) array} of the points drawn in the data plot for each class."""
    out = {}
    for label in window.data_plot.scatter:
        x, y = window.data_plot.shown_points(label)
        out[label] = np.column_stack([x, y])
    return out


def points_and_labels(window):
    s = window.controller.session
    return s.points.copy(), s.labels.copy()


def same_data(a, b):
    """Points and labels equal bit for bit (so -0.0 and 0.0 differ)."""
    (pa, la), (pb, lb) = a, b
    return (pa.shape == pb.shape and pa.tobytes() == pb.tobytes()
            and np.array_equal(np.asarray(la, dtype=int), np.asarray(lb, dtype=int)))


def snapshot(window):
    """Everything a user could see change in the session, exactly."""
    c = window.controller
    s = c.session
    e = s.engine
    ctl = window.controls
    shown = shown_points(window)
    return {
        "points": (s.points.shape, s.points.tobytes()),
        "labels": s.labels.astype(int).tolist(),
        "theta": e.theta.tobytes(),
        "iteration": e.iteration,
        "history": len(e.history),
        "terms": s.terms,
        "standardize": s.standardize,
        "loss": s.loss,
        "alpha": s.learning_rate,
        "tol": s.tol,
        "seed": s.seed,
        "steps_per_frame": c.steps_per_frame,
        "view": window.data_plot.view_rect(),
        "undo": (c.undo_stack.count(), c.undo_stack.index()),
        "title": window.windowTitle(),
        "lesson_path": window.files.path,
        "recent": window.files.recent(),
        "shown": {k: v.tobytes() for k, v in shown.items()},
        "alpha_field": ctl.learning_rate_value.value(),
        "seed_label": ctl.seed_label.text(),
        "state_label": window.status.state.text(),
        "iteration_label": window.status.iteration.text(),
        "cost_label": window.status.cost.text(),
    }


def diff(before, after):
    return {k: (before[k], after[k]) for k in before if before[k] != after[k]}


def prepare_session(win, preset=2, steps=25):
    c = win.controller
    win.preset_menu.load(preset)
    c.undo_stack.clear()
    c.set_learning_rate(0.37)
    c.session.reset(seed=1234)
    c.push_settings()
    c.session.step(steps)
    c.refresh()
    return win
