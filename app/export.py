"""Pictures, tables and scripts for slides, handouts and notebooks.

PNG/SVG of plots, costs as CSV, the run as a NumPy script, the headless
export for the command line, and the one atomic writer everything uses.
"""

from __future__ import annotations

import contextlib
import os
import sys

from PySide6 import QtCore, QtWidgets

from core.lesson import csv_text
from core.numpy_script import EMBED_POINTS, session_script
from core.text_file import MAX_FILE_BYTES, size_text


def cost_csv_text(history):
    """'iteration,cost' rows of the (bounded, downsampled) cost history."""
    it, cost = history.curve()
    rows = "".join(f"{int(i)},{c!r}\n" for i, c in zip(it, cost.tolist(), strict=True))
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


#: What to do about a lesson too large to open again.
LESSON_TOO_LARGE = "remove points, or export them as CSV (File ▸ Export ▸ Points as CSV)"


def save_text(path, text, readable=False, too_large=LESSON_TOO_LARGE):
    """Write atomically (QSaveFile): a failure leaves any previous file whole.

    ``readable``: refuse (OSError, nothing written) a file larger than LogitLab
    reads, so a file it saves always opens again; ``too_large`` says what to do.
    """
    data = text.encode("utf-8")
    if readable and len(data) > MAX_FILE_BYTES:
        raise OSError(
            f"cannot save {os.path.basename(str(path))}: it would be {size_text(len(data))}, "
            f"more than the {size_text(MAX_FILE_BYTES)} LogitLab can open again; {too_large}")
    f = QtCore.QSaveFile(str(path))
    if not f.open(QtCore.QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(f"cannot write {path}: {_reason(f)}")
    if f.write(data) != len(data):
        reason = _reason(f)
        f.cancelWriting()
        raise OSError(f"cannot write {path}: {reason}")
    if not f.commit():
        raise OSError(f"cannot write {path}: {_reason(f)}")


#: Picture types a name may end with (QImageWriter writes them all).
IMAGE_TYPES = {".png": b"PNG", ".jpg": b"JPG", ".jpeg": b"JPG", ".bmp": b"BMP"}


def save_image(image, path):
    """Write a QImage atomically, its type read from the name's ending; OSError says why
    not (QImage.save only said False: a name without ".png" or a missing folder gave
    no file and no message)."""
    kind = IMAGE_TYPES.get(os.path.splitext(str(path))[1].lower())
    if kind is None:
        raise OSError(f"cannot write {path}: end its name with .png (or .jpg, .bmp) "
                      "to say what kind of picture to write")
    f = QtCore.QSaveFile(str(path))
    if not f.open(QtCore.QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(f"cannot write {path}: {_reason(f)}")
    if not image.save(f, kind.decode()):
        reason = _reason(f) if f.error() != QtCore.QFileDevice.FileError.NoError else \
            "the picture could not be encoded"
        f.cancelWriting()
        raise OSError(f"cannot write {path}: {reason}")
    if not f.commit():
        raise OSError(f"cannot write {path}: {_reason(f)}")


def _session_held(controller):
    """The controller's session, held from the descent thread while we read it."""
    worker = getattr(controller, "worker", None)
    if hasattr(controller, "finish_edits"):
        controller.finish_edits()  # the points the user sees, a big edit's included
    if worker is not None and hasattr(worker, "access"):
        return worker.access(changes=False)
    return contextlib.nullcontext()


def numpy_script_text(controller, names=("x1", "x2", "y"), data_file=None):
    """The NumPy script of the controller's run (:func:`core.numpy_script.session_script`).

    Raises ValueError when there is nothing to export.
    """
    with _session_held(controller):
        return session_script(controller.session, names=names, title="LogitLab run",
                              data_file=data_file)


def points_file_for(script_path, text):
    """Where a script's points ``text`` go: ``<name>-points.csv`` beside it, or
    ``-points-2.csv`` … when that holds other contents (the same points, exported
    again, are written over).  Never ``<name>.csv``: exporting admissions.py from
    admissions.csv replaced the teacher's own table, unasked."""
    stem = os.path.splitext(str(script_path))[0]
    for k in range(1, 1000):
        path = f"{stem}-points.csv" if k == 1 else f"{stem}-points-{k}.csv"
        if not os.path.exists(path):
            return path
        try:
            with open(path, encoding="utf-8", newline="") as f:
                if f.read() == text:
                    return path
        except (OSError, UnicodeDecodeError):
            continue
    raise OSError(f"cannot write the points beside {os.path.basename(str(script_path))}: "
                  f"{os.path.basename(stem)}-points.csv … -points-999.csv are all taken")


def write_numpy_script(controller, path, names=("x1", "x2", "y")):
    """Write the script to ``path``; with many points, their CSV beside it
    (:func:`points_file_for`).  Returns the points file's path, or None."""
    with _session_held(controller):
        m = controller.session.m
        points, labels = controller.session.points, controller.session.labels
    data_path = None
    if m > EMBED_POINTS:
        text = csv_text(points, labels, names)
        data_path = points_file_for(path, text)
        save_text(data_path, text)
    save_text(path, numpy_script_text(
        controller, names, None if data_path is None else os.path.basename(data_path)))
    return data_path


def write_svg(widget, path):
    """A vector SVG of a plot, drawn by Qt's own QSvgGenerator.

    pyqtgraph 0.14's SVGExporter cannot parse the closed paths Qt 6.11 writes
    (pyqtgraph #3485, #3495), so the widget renders itself into the generator.
    """
    from PySide6 import QtGui, QtSvg

    generator = QtSvg.QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(widget.size())
    generator.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), widget.size()))
    generator.setTitle("LogitLab")
    painter = QtGui.QPainter()
    if not painter.begin(generator):
        raise OSError(f"cannot write {path}: {_folder_problem(path)}")
    try:
        widget.render(painter)
    finally:
        painter.end()
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        raise OSError(f"cannot write {path}: {_folder_problem(path)}")


def _folder_problem(path):
    """Why a file cannot be made at ``path``, as far as its folder tells."""
    folder = os.path.dirname(os.path.abspath(str(path)))
    if not os.path.isdir(folder):
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK):
        return f"no permission to write in {folder}"
    return "the file could not be created"


def export_picture(window, target, path):
    """PNG or SVG (by extension) of the data plot ("data"), the cost plot ("cost") or
    the whole window ("window", PNG only)."""
    import pyqtgraph.exporters as exporters

    if target == "window":
        grab_widget(window, path)
        return
    plot = window.data_plot if target == "data" else window.cost_plot
    if str(path).lower().endswith(".svg"):
        write_svg(plot, path)
    else:
        exporter = exporters.ImageExporter(plot.getPlotItem())
        exporter.parameters()["width"] = max(plot.width() * 2, 800)
        save_image(exporter.export(toBytes=True), path)


def grab_widget(widget, path):
    """Save a widget as it looks now to a PNG."""
    save_image(widget.grab().toImage(), path)


def export_headless(window, lesson, args):
    """``logitlab LESSON --steps N --export-png OUT [--size WxH] [--export-csv C]``."""
    c = window.controller
    c.load_lesson(lesson)
    session = c.session
    remaining = args.steps
    while remaining > 0 and not (session.converged or session.diverged):
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
    window.right_scroll.setVisible(w >= 1100)
    app = QtWidgets.QApplication.instance()
    # Let the layout shrink its minimum (the panels just hidden) before resizing: a
    # window shown at its full size would otherwise stay at the full window's minimum.
    window.centralWidget().updateGeometry()
    app.processEvents()
    window.resize(w, h)
    window.show()
    for _ in range(3):
        app.processEvents()
    if window.size() != QtCore.QSize(w, h):
        window.resize(w, h)
        app.processEvents()
    c.set_view(lesson.view)
    c.refresh()
    app.processEvents()
    try:
        if args.export_png:
            image = window.grab().toImage()
            if image.width() != w or image.height() != h:
                image = image.scaled(w, h)
            save_image(image, args.export_png)
        if args.export_csv:
            save_text(args.export_csv, cost_csv_text(session.history))
    except OSError as exc:
        sys.stderr.write(f"logitlab: {exc}\n")
        return 2
    finally:
        # Nothing here is the user's work: no autosave for the next start to offer as
        # a session that "did not close normally".
        closing = getattr(window, "closing", None)
        if closing is not None:
            closing.finish(keep=False)
        window.close()
    return 0


