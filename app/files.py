"""File menu actions: lessons, CSV points, picture and cost exports, recent files.

Reading goes through :mod:`core.lesson`, which raises only FileProblem; the
dialog names the file, the line and the problem, and the session is left
exactly as it was.  Writing is atomic (QSaveFile).
"""

from __future__ import annotations

import os
import threading

from PySide6 import QtCore, QtWidgets

from core.lesson import FileProblem, csv_text, lesson_to_json

from . import cli
from .export import cost_csv_text, save_text

MAX_RECENT = 8
BACKGROUND_POINTS = 20_000  # larger lessons are saved off the GUI thread (~0.2 s per 1e5)
LESSON_FILTER = "LogitLab lessons (*.logitlab.json);;All files (*)"
CSV_FILTER = "Points as CSV (*.csv);;All files (*)"


def show_problem(parent, title, message):
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName("fileProblemDialog")
    box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    box.setInformativeText("Nothing was changed: your points and settings are as they were.")
    box.open()
    return box


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
        raise OSError(f"cannot write {path}")
    try:
        widget.render(painter)
    finally:
        painter.end()
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        raise OSError(f"cannot write {path}")


class busy:
    """Wait cursor and a status-bar line while a large file is read or written."""

    def __init__(self, window, text):
        self.window, self.text = window, text

    def __enter__(self):
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        self.window.statusBar().showMessage(self.text)
        QtWidgets.QApplication.processEvents()  # let the message paint before the work

    def __exit__(self, *exc):
        QtWidgets.QApplication.restoreOverrideCursor()


class _SaveSignals(QtCore.QObject):
    """``saved(path, problem)`` from a background save ('' when it worked)."""

    saved = QtCore.Signal(str, str)


class FileActions:
    """Owns the current lesson path and the recent-files list (QSettings)."""

    def __init__(self, window, controller, menu, settings=None):
        self.window, self.controller = window, controller
        self.signals = _SaveSignals(window)
        self.signals.saved.connect(self._saved)
        self._saver = None  # the thread of a background save
        self.settings = settings or QtCore.QSettings()
        self.path = None
        self.last_problem = None  # the message of the last refused file (for tests)
        add = window.add_action
        add(menu, "&Open lesson or CSV…", self.open_dialog, "Ctrl+O", "actionOpen")
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.setObjectName("recentMenu")
        add(menu, "&Save lesson", self.save, "Ctrl+S", "actionSave")
        add(menu, "Save lesson &as…", self.save_as_dialog, "Ctrl+Shift+S", "actionSaveAs")
        menu.addSeparator()
        add(menu, "&Import points from CSV…", self.import_dialog, "Ctrl+I", "actionImportCsv")
        add(menu, "E&xport points as CSV…", self.export_points_dialog, None, "actionExportCsv")
        add(menu, "Export &cost history as CSV…", self.export_costs_dialog, None,
            "actionExportCosts")
        export = menu.addMenu("Export &picture")
        for label, target, name in (("Data plot", "data", "Data"), ("Cost plot", "cost", "Cost"),
                                    ("Whole window", "window", "Window")):
            add(export, f"{label} as PNG…", lambda _=False, t=target: self.export_picture(t, "png"),
                None, f"actionExport{name}Png")
            if target != "window":
                add(export, f"{label} as SVG…",
                    lambda _=False, t=target: self.export_picture(t, "svg"), None,
                    f"actionExport{name}Svg")
        menu.addSeparator()
        self._fill_recent()

    # -- opening ----------------------------------------------------------------
    def open_path(self, path):
        """Open a lesson or CSV; on a bad file show why and change nothing. True if opened."""
        try:
            with busy(self.window, f"Reading {os.path.basename(str(path))}…"):
                lesson = cli.read_input(path)
        except FileProblem as exc:
            self.last_problem = str(exc)
            show_problem(self.window, "Cannot open this file", str(exc))
            return False
        name = os.path.basename(path)
        if str(path).lower().endswith(".csv"):
            self.controller.replace_points(lesson.points, lesson.labels, f"Import {name}")
            self.controller.set_view(None)
        else:
            self.controller.load_lesson(lesson, undo_text=f"Open {name}")
            self.path = str(path)
            self.window.setWindowTitle(f"{lesson.title or name} — LogitLab")
        self._remember(path)
        self.window.statusBar().showMessage(f"Opened {name}: {len(lesson.points)} points", 5000)
        return True

    def open_dialog(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.window, "Open a lesson or points", "",
            "Lessons and points (*.logitlab.json *.json *.csv);;All files (*)")
        if path:
            self.open_path(path)

    def import_dialog(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, "Import points", "",
                                                        CSV_FILTER)
        if path:
            self.open_path(path)

    # -- saving -------------------------------------------------------------------
    def save_to(self, path):
        """Save the lesson atomically; a failure is reported and the old file stays whole.

        A lesson of many points is formatted and written on a worker thread (the
        window stays live; the result arrives in ``saved``); True then means started.
        """
        lesson = self.controller.lesson(title=os.path.basename(path).split(".")[0])
        if len(lesson.points) > BACKGROUND_POINTS:
            self.window.statusBar().showMessage(f"Saving {os.path.basename(str(path))}…")
            self._saver = threading.Thread(target=self._save_in_background, args=(path, lesson),
                                           name="save", daemon=True)
            self._saver.start()
            return True
        try:
            with busy(self.window, f"Saving {os.path.basename(str(path))}…"):
                save_text(path, lesson_to_json(lesson))
        except OSError as exc:
            self._saved(str(path), str(exc))
            return False
        self._saved(str(path), "")
        return True

    def _save_in_background(self, path, lesson):
        try:
            save_text(path, lesson_to_json(lesson))
        except OSError as exc:
            self.signals.saved.emit(str(path), str(exc))  # queued to the GUI thread
        else:
            self.signals.saved.emit(str(path), "")

    def _saved(self, path, problem):
        if problem:
            self.last_problem = problem
            show_problem(self.window, "Cannot save the lesson", problem)
            return
        self.path = path
        self._remember(path)
        self.window.statusBar().showMessage(f"Saved {os.path.basename(path)}", 5000)

    def wait_for_save(self, timeout=60.0):
        """Block until a background save has finished (a clean exit, tests)."""
        if self._saver is not None:
            self._saver.join(timeout)
            QtWidgets.QApplication.processEvents()

    def save(self):
        return self.save_to(self.path) if self.path else self.save_as_dialog()

    def save_as_dialog(self):
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, "Save lesson",
                                                        "lesson.logitlab.json", LESSON_FILTER)
        if not path:
            return False
        if not path.endswith(".logitlab.json"):
            path = path.removesuffix(".json") + ".logitlab.json"
        return self.save_to(path)

    def export_points_to(self, path):
        s = self.controller.session
        return self._write(path, csv_text(s.points, s.labels))

    def export_costs_to(self, path):
        return self._write(path, cost_csv_text(self.controller.session.engine.history))

    def _write(self, path, text):
        try:
            save_text(path, text)
        except OSError as exc:
            self.last_problem = str(exc)
            show_problem(self.window, "Cannot write the file", str(exc))
            return False
        self.window.statusBar().showMessage(f"Wrote {os.path.basename(path)}", 5000)
        return True

    def export_points_dialog(self):
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, "Export points",
                                                        "points.csv", CSV_FILTER)
        if path:
            self.export_points_to(path)

    def export_costs_dialog(self):
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, "Export cost history",
                                                        "costs.csv", CSV_FILTER)
        if path:
            self.export_costs_to(path)

    def export_picture_to(self, target, path):
        """PNG or SVG (by extension) of the data plot, the cost plot or the window."""
        import pyqtgraph.exporters as exporters

        w = self.window
        try:
            if target == "window":
                image = w.grab().toImage()
                if not image.save(str(path)):
                    raise OSError(f"cannot write {path}")
                return True
            plot = w.data_plot if target == "data" else w.cost_plot
            if str(path).lower().endswith(".svg"):
                write_svg(plot, path)
            else:
                exporter = exporters.ImageExporter(plot.getPlotItem())
                exporter.parameters()["width"] = max(plot.width() * 2, 800)
                exporter.export(str(path))
        except (OSError, RuntimeError, ValueError) as exc:
            self.last_problem = str(exc)
            show_problem(w, "Cannot export the picture", str(exc))
            return False
        return True

    def export_picture(self, target, kind):
        filt = "PNG image (*.png)" if kind == "png" else "SVG drawing (*.svg)"
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self.window, "Export picture",
                                                        f"logitlab-{target}.{kind}", filt)
        if path:
            self.export_picture_to(target, path)

    # -- recent files -----------------------------------------------------------
    def recent(self):
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(p) for p in (value or [])]

    def _remember(self, path):
        path = os.path.abspath(str(path))
        files = [path] + [p for p in self.recent() if p != path]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])
        self._fill_recent()

    def _fill_recent(self):
        self.recent_menu.clear()
        files = self.recent()
        for path in files:
            action = self.recent_menu.addAction(os.path.basename(path))
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(files))
