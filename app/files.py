"""File menu actions: lessons, any table (open, paste, drop), exports, recent files.

Reading goes through :mod:`core.lesson` and :mod:`core.table`, which raise
only FileProblem; the dialog names the file, the line and the problem (as
plain text), and the session is left exactly as it was.  A table other than
LogitLab's own ``x1,x2,y`` opens in a preview (:mod:`app.table_dialog`); a
large file is read on a worker thread with progress and Cancel
(:mod:`app.file_reader`).  A file opened over unsaved work asks first
(:meth:`app.closing.Closing.may_open`).  Ctrl+S writes only to the lesson the data
came from (:mod:`app.document`); saving is :mod:`app.lesson_saving`.
"""

from __future__ import annotations

import os

from PySide6 import QtCore

from core.lesson import LESSON_SUFFIX, Lesson, read_document
from core.table import parse_table
from core.table_columns import choose
from core.text_file import Cancelled, FileProblem, check_file

from .document import Document, Source
from .file_exports import ExportActions
from .file_reader import FileReader
from .file_ui import Folders, busy, show_problem
from .lesson_saving import SaveActions, SaveSignals, lesson_stem
from .table_dialog import TableDialog
from .table_input import clipboard_text, install_drop, install_paste

MAX_RECENT = 8
#: Files larger than this are read off the GUI thread: 1 MB (~25,000 rows, ~0.1 s) when the
#: user opens one (a dialog, a drop, a recent file); 8 MB for a script or a test calling
#: ``open_path``, which then gets the data at once.
BACKGROUND_BYTES = 8 * 1024 * 1024
INTERACTIVE_BACKGROUND_BYTES = 1024 * 1024
OPEN_FILTER = ("Lessons and tables (*.logitlab.json *.json *.csv *.tsv *.txt *.dat);;"
               "All files (*)")
TABLE_FILTER = "Tables (*.csv *.tsv *.txt *.dat);;All files (*)"


class FileActions(SaveActions, ExportActions):
    """The File menu: owns the document (where the data came from), recent files,
    the folder dialogs start in (QSettings), readers and savers; saving is
    :class:`app.lesson_saving.SaveActions`, exports are
    :class:`app.file_exports.ExportActions`."""

    def __init__(self, window, controller, menu, settings=None):
        self.window, self.controller = window, controller
        self.signals = SaveSignals(window)
        self.signals.saved.connect(self._saved)
        self._saver = None  # the thread of a background save
        self._save_marker = None  # the undo position a background save writes
        self._save_meta = {}  # the title and description it writes
        self.reader = None  # the FileReader of a large file being read
        self.preview = None  # the TableDialog waiting for the user
        self.settings = settings or QtCore.QSettings()
        self.document = Document(window, controller.undo_stack)
        self.last_problem = None  # the message of the last refused file (for tests)
        self.background_bytes = BACKGROUND_BYTES
        add = window.add_action
        add(menu, "&Open lesson or table…", self.open_dialog, "Ctrl+O", "actionOpen")
        self.recent_menu = menu.addMenu("Open &recent")
        self.recent_menu.setObjectName("recentMenu")
        self.paste_action = install_paste(self, menu)
        add(menu, "&Save lesson", self.save, "Ctrl+S", "actionSave")
        add(menu, "Save lesson &as…", self.save_as_dialog, "Ctrl+Shift+S", "actionSaveAs")
        menu.addSeparator()
        add(menu, "&Import table…", self.import_dialog, "Ctrl+I", "actionImportCsv")
        export = menu.addMenu("&Export")
        export.setObjectName("exportMenu")
        add(export, "&Points as CSV…", self.export_points_dialog, None, "actionExportCsv")
        add(export, "&Cost history as CSV…", self.export_costs_dialog, None, "actionExportCosts")
        add(export, "&NumPy script…", self.export_script_dialog, None, "actionExportScript",
            tip="A short Python script: the lecture's vectorized loop on these points")
        export.addSeparator()
        for label, target, name in (("Data plot", "data", "Data"), ("Cost plot", "cost", "Cost"),
                                    ("Whole window", "window", "Window")):
            add(export, f"{label} as PNG…", lambda _=False, t=target: self.export_picture(t, "png"),
                None, f"actionExport{name}Png")
            if target != "window":
                add(export, f"{label} as SVG…",
                    lambda _=False, t=target: self.export_picture(t, "svg"), None,
                    f"actionExport{name}Svg")
        menu.addSeparator()
        self.drop_filter = install_drop(self)
        self._fill_recent()

    # -- the document -----------------------------------------------------------------
    @property
    def folders(self):
        """Where file dialogs start (the settings can be swapped, as the tests do)."""
        return Folders(self.window, self.settings)

    @property
    def path(self):
        """The lesson file the current data came from (Ctrl+S writes there), or None."""
        return self.document.lesson_path

    @path.setter
    def path(self, value):
        if value:
            self.document.mark(Source("lesson", str(value)))
        elif self.document.source is not None:
            self.document.mark(None)

    def column_names(self):
        """Names for exported points: the table's chosen columns, else x1, x2, y."""
        source = self.document.source
        return source.names if source is not None else ("x1", "x2", "y")

    def _suggested_name(self, suffix):
        source = self.document.source
        if source is None or not source.path:
            return "lesson" + suffix if suffix == LESSON_SUFFIX else "points" + suffix
        name = lesson_stem(source.path) + suffix
        if os.path.basename(source.path).lower() == name.lower():
            # Not the teacher's own table: its other columns, label words and skipped
            # rows would be gone (Qt asks before replacing, but proposes it).
            name = lesson_stem(source.path) + "-points" + suffix
        return name

    # -- opening ----------------------------------------------------------------------
    def open_path(self, path, picks=None, background_bytes=None):
        """Open a lesson or a table; on a bad file show why and change nothing.

        Returns True when the file was read: a lesson or LogitLab's own x1,x2,y
        table is then loaded; another table waits in the preview dialog
        (``self.preview``); a file larger than ``background_bytes`` (default
        ``self.background_bytes``) is being read on a worker thread (``self.reader``).
        False when it was refused.
        """
        path = str(path)
        try:
            size = check_file(path)
        except FileProblem as exc:
            return self._refuse(exc)
        if self.reader is not None:  # the newer request wins
            self.reader.cancel()
        limit = self.background_bytes if background_bytes is None else background_bytes
        if size > limit:
            reader = self.reader = FileReader(path, self.window)
            reader.done.connect(lambda result, r=reader: self._read_done(r, result, picks))
            reader.start()
            return True
        try:
            with busy(self.window, f"Reading {os.path.basename(path)}…"):
                doc = read_document(path)
        except FileProblem as exc:
            return self._refuse(exc)
        return self.open_read(path, doc, picks)

    def _read_done(self, reader, result, picks):
        path = reader.path
        if self.reader is not reader:
            return  # replaced by a newer open (and cancelled)
        self.reader = None
        if isinstance(result, Cancelled):
            self.window.statusBar().showMessage(f"Opening {os.path.basename(path)} cancelled",
                                                5000)
        elif isinstance(result, FileProblem):
            self._refuse(result)
        else:
            self.open_read(path, result, picks)

    def wait_for_read(self, timeout=60.0):
        """Block until a background read has delivered its result (tests)."""
        if self.reader is not None:
            self.reader.wait(timeout)

    def _refuse(self, exc):
        self.last_problem = str(exc)
        show_problem(self.window, "Cannot open this file", str(exc))
        return False

    def open_read(self, path, doc, picks=None):
        """Load what was read from ``path``: a Lesson, a Table or a table's Choice.

        ``picks``: the columns and positive class to start from (``x1``, ``x2``,
        ``y``, ``positive``: names or numbers) and ``skip_bad_rows``.
        """
        if isinstance(doc, Lesson):
            name = os.path.basename(path)
            if not self._may_replace(name):
                return False
            self.controller.load_lesson(doc, undo_text=f"Open {name}")
            self.document.mark(Source("lesson", str(path), title=doc.title,
                                      description=doc.description))
            player = getattr(self.window, "script_player", None)
            if player is not None:  # a lesson script (version 2) starts at its first step
                player.start(doc.script)
            self._remember(path)
            self.window.statusBar().showMessage(f"Opened {name}: {len(doc.points)} points", 5000)
            return True
        table = getattr(doc, "table", doc)
        return self.open_table(table, picks, Source("table", str(path)))

    def open_table(self, table, picks=None, source=None):
        """Load LogitLab's own x1,x2,y table at once; preview any other. False if refused."""
        source = source or Source("paste")
        picks = dict(picks or {})
        skip = bool(picks.pop("skip_bad_rows", False))
        try:
            choice = choose(table, **picks)
        except FileProblem as exc:
            return self._refuse(exc)
        if choice.is_points_file:
            self._load_table(choice, choice.points_and_labels(), source)
            return True
        if self.preview is not None:  # one preview at a time: the newer table wins
            self.preview.reject()
        title = f"Open {source.name}" if source.kind == "table" else "Paste a table"
        dialog = TableDialog(table, picks, self.window, title=title, skip_bad_rows=skip)
        dialog.accepted.connect(lambda d=dialog: self._preview_accepted(d, source))
        dialog.finished.connect(lambda _=0, d=dialog: self._preview_closed(d))
        self.preview = dialog
        dialog.open()
        return True

    def _preview_accepted(self, dialog, source):
        try:
            data = dialog.points_and_labels()
        except FileProblem as exc:  # cannot happen while Open is enabled; say so if it does
            self._refuse(exc)
            return
        self._load_table(dialog.choice, data, source)

    def _preview_closed(self, dialog):
        if self.preview is dialog:
            self.preview = None
        dialog.deleteLater()

    def _may_replace(self, name):
        """Unsaved work is asked about before a file's data replace it (app/closing.py)."""
        closing = getattr(self.window, "closing", None)
        return closing is None or closing.may_open(name)

    def _load_table(self, choice, data, source):
        points, labels = data
        # A paste stays unsaved work (and Undo brings the old points back): no question.
        if source.kind != "paste" and not self._may_replace(source.name):
            return
        source = Source(source.kind, source.path, names=choice.names)
        self.controller.replace_points(points, labels, f"Import {source.name}")
        self.controller.set_view(None)
        self.document.mark(source)
        if source.path:
            self._remember(source.path)
        skipped = f", {choice.bad_count:,} bad rows skipped" if len(points) < choice.table.m \
            else ""
        self.window.statusBar().showMessage(
            f"Opened {source.name}: {len(points):,} points (x1 = {choice.names[0]}, "
            f"x2 = {choice.names[1]}, y = 1 for {choice.names[2]} = "
            f"{choice.positive.text if choice.positive else 'none'}{skipped})", 8000)

    def open_interactively(self, path):
        """The user opened ``path``: anything but a small file is read off the GUI thread."""
        return self.open_path(path, background_bytes=min(self.background_bytes,
                                                         INTERACTIVE_BACKGROUND_BYTES))

    def open_dialog(self):
        path = self.folders.ask_open("Open a lesson or a table", OPEN_FILTER)
        if path:
            self.open_interactively(path)

    def import_dialog(self):
        path = self.folders.ask_open("Import a table", TABLE_FILTER)
        if path:
            self.open_interactively(path)

    # -- paste and drop ---------------------------------------------------------------
    def paste_table(self, text=None):
        """Open the clipboard's text (or ``text``) as a table. False if refused."""
        if text is None:
            text = clipboard_text()
        if not text.strip():
            self.window.statusBar().showMessage(
                "Nothing to paste: copy a table (two feature columns and a label) first", 5000)
            return False
        try:
            table = parse_table(text, "pasted table")
        except FileProblem as exc:
            return self._refuse(exc)
        return self.open_table(table, None, Source("paste"))

    # -- recent files -----------------------------------------------------------------
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
            action.triggered.connect(lambda _=False, p=path: self.open_interactively(p))
        self.recent_menu.setEnabled(bool(files))
