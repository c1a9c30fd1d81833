"""File ▸ Export: points and costs as CSV, the run as a NumPy script, pictures.

A mixin of :class:`app.files.FileActions` (it uses its window, controller,
folders and document); each ``…_to(path)`` writes atomically and reports a
failure in a plain-text dialog, each ``…_dialog()`` asks where first.
"""

from __future__ import annotations

import os

from core.lesson import csv_text

from .export import (IMAGE_TYPES, cost_csv_text, export_picture, save_text,
                     write_numpy_script)
from .file_ui import ask_to_replace, show_problem

CSV_FILTER = "Points as CSV (*.csv);;All files (*)"
SCRIPT_FILTER = "Python script (*.py);;All files (*)"


class ExportActions:
    """The export half of the File menu (no signals)."""

    def export_points_to(self, path, names=None):
        self.controller.finish_edits()  # the points the user sees, a big edit's included
        s = self.controller.session
        return self._write(path, csv_text(s.points, s.labels, names or self.column_names()),
                           readable=True)

    def export_costs_to(self, path):
        return self._write(path, cost_csv_text(self.controller.session.history))

    def export_script_to(self, path):
        """The NumPy script of the current run (see :func:`app.export.numpy_script_text`)."""
        try:
            data_path = write_numpy_script(self.controller, path, self.column_names())
        except (ValueError, OSError) as exc:
            self.last_problem = str(exc)
            show_problem(self.window, "Cannot export the script", str(exc))
            return False
        wrote = os.path.basename(str(path))
        if data_path is not None:
            wrote += f" and its points, {os.path.basename(data_path)}"
        self.window.statusBar().showMessage(f"Wrote {wrote}", 5000)
        return True

    def _write(self, path, text, readable=False):
        try:
            save_text(path, text, readable, too_large="remove points first")
        except OSError as exc:
            self.last_problem = str(exc)
            show_problem(self.window, "Cannot write the file", str(exc))
            return False
        self.window.statusBar().showMessage(f"Wrote {os.path.basename(str(path))}", 5000)
        return True

    def export_points_dialog(self):
        path = self.folders.ask_save("Export points", self._suggested_name(".csv"), CSV_FILTER)
        if path:
            self.export_points_to(path)

    def export_costs_dialog(self):
        path = self.folders.ask_save("Export cost history", "costs.csv", CSV_FILTER)
        if path:
            self.export_costs_to(path)

    def export_script_dialog(self):
        path = self.folders.ask_save("Export a NumPy script", self._suggested_name(".py"),
                                  SCRIPT_FILTER)
        if path:
            self.export_script_to(path)

    def export_picture_to(self, target, path):
        """PNG or SVG (by extension) of the data plot, the cost plot or the window."""
        try:
            export_picture(self.window, target, path)
        except (OSError, RuntimeError, ValueError) as exc:
            self.last_problem = str(exc)
            show_problem(self.window, "Cannot export the picture", str(exc))
            return False
        return True

    def export_picture(self, target, kind):
        filt = "PNG image (*.png)" if kind == "png" else "SVG drawing (*.svg)"
        path = self.folders.ask_save("Export picture", f"logitlab-{target}.{kind}", filt)
        if path:
            if str(path).lower().endswith((".svg", *IMAGE_TYPES)):
                self.export_picture_to(target, path)
                return
            # The type the menu entry named ("slide1" → slide1.png); the dialog checked
            # the name without it, so a file of the new name is not replaced unasked.
            path = f"{path}.{kind}"
            if os.path.exists(path):
                ask_to_replace(self.window, path, lambda p=path: self.export_picture_to(target, p))
            else:
                self.export_picture_to(target, path)
