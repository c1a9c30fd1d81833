"""Pictures and tables for slides and handouts: PNG/SVG of plots, costs as CSV."""

from __future__ import annotations

import sys

from PySide6 import QtCore, QtWidgets


def cost_csv_text(history):
    """'iteration,cost' rows of the (bounded, downsampled) cost history."""
    it, cost = history.curve()
    rows = "".join(f"{int(i)},{c!r}\n" for i, c in zip(it, cost.tolist()))
    return "iteration,cost\n" + rows


_REASONS = {
    QtCore.QFileDevice.FileError.ResourceError: "the disk is full or the file is too large",
    QtCore.QFileDevice.FileError.WriteError: "the disk refused the write (is it full?)",
    QtCore.QFileDevice.FileError.OpenError: "the file or its folder cannot be opened",
    QtCore.QFileDevice.FileError.PermissionsError: "no permission to write there",
}


def _reason(f):
    """Qt's error string, or what the error code means when Qt only says 'Unknown error'."""
    text = f.errorString()
    if not text or "unknown error" in text.lower():
        text = _REASONS.get(f.error(), text or "the write failed")
    return text


def save_text(path, text):
    """Write atomically (QSaveFile): a failure leaves any previous file whole."""
    f = QtCore.QSaveFile(str(path))
    if not f.open(QtCore.QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(f"cannot write {path}: {_reason(f)}")
    data = text.encode("utf-8")
    if f.write(data) != len(data):
        reason = _reason(f)
        f.cancelWriting()
        raise OSError(f"cannot write {path}: {reason}")
    if not f.commit():
        raise OSError(f"cannot write {path}: {_reason(f)}")


def grab_widget(widget, path):
    """Save a widget as it looks now to a PNG."""
    image = widget.grab().toImage()
    if not image.save(str(path)):
        raise OSError(f"cannot write {path}")


def export_headless(window, lesson, args):
    """``logitlab LESSON --steps N --export-png OUT [--size WxH] [--export-csv C]``."""
    c = window.controller
    c.load_lesson(lesson)
    session = c.session
    remaining = args.steps
    while remaining > 0 and session.engine.state not in ("converged", "diverged"):
        done = session.step(min(remaining, 10_000))
        if done == 0:
            break
        remaining -= done
    w, h = args.size
    # A slide shows the plots, not the knobs: no control panel or status bar, and
    # below 1100 px wide only the data plot with its equations.
    window.control_scroll.hide()
    window.statusBar().hide()
    window.menuBar().hide()
    window.right_panel.setVisible(w >= 1100)
    window.resize(w, h)
    window.show()
    app = QtWidgets.QApplication.instance()
    for _ in range(3):
        app.processEvents()
    c.set_view(lesson.view)
    c.refresh()
    app.processEvents()
    try:
        if args.export_png:
            image = window.grab().toImage()
            if image.width() != w or image.height() != h:
                image = image.scaled(w, h)
            if not image.save(str(args.export_png)):
                raise OSError(f"cannot write {args.export_png}")
        if args.export_csv:
            save_text(args.export_csv, cost_csv_text(session.engine.history))
    except OSError as exc:
        sys.stderr.write(f"logitlab: {exc}\n")
        return 2
    window.close()
    return 0


