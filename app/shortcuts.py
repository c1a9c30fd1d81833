"""The F1 sheet: every key, the presets that exist, and the mouse, in columns that fit
a 1280×720 screen in and out of presentation mode."""

from __future__ import annotations

import html

from PySide6 import QtCore, QtWidgets

#: (heading, [(keys, what they do)]): the sheet's left column.
RUN_KEYS = ("Run", [
    ("Space  (or B, .)", "Play / pause"),
    ("→", "One descent step"),
    ("←", "Step back (while history exists)"),
    ("PageUp / PageDown", "α × 3 / α ÷ 3"),
    ("R", "Reset with a new random init"),
    ("Shift+R", "Reset, same init"),
    ("L / Q", "Linear / quadratic features"),
])
DATA_KEYS = ("Data and files", [
    ("1 / 0", "Clicks add class 1 / class 0 points"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo a point edit or an open"),
    ("Ctrl+O / Ctrl+S", "Open / save a lesson"),
    ("Ctrl+V", "Paste a table on the plot"),
])
#: The right column: the classroom.
ROOM_KEYS = ("Classroom", [
    ("F5", "Presentation mode: the data and one large panel"),
    ("Esc", "Leave presentation mode (or full screen)"),
    ("C / Shift+C", "Next / previous panel: cost curve, landscape, 1-D slide, σ(z), "
                    "graph, race (the tabs, out of presentation)"),
    ("F11", "Full screen"),
    ("Ctrl+= / Ctrl+− / Ctrl+0", "Zoom the whole UI in / out / back"),
    ("F1", "This sheet"),
])
#: The lecture's slides and a lesson script (Script ▸ Present the lecture).
LECTURE_KEYS = ("Lecture and script", [
    ("Ctrl+L", "The lecture's slides"),
    ("N / P", "Next / previous step of the script"),
    ("V / K", "Reveal the answer / skip the question"),
    ("Alt+1 … Alt+4", "Answer a multiple-choice question"),
    ("T", "Teacher notes"),
])
SLIDE_NOTE = ("With the 1-D slide on stage, Space, → / ← and PageUp / PageDown play, step "
              "and pick α on the slide. A presenter remote's keys (PageUp / PageDown, "
              "F5 / Esc, B) work everywhere.")
MOUSE = ("Mouse: click adds a point, Shift+click the other class, right-click deletes, "
         "drag moves a point, Ctrl+click follows it through the graph, wheel zooms.")
#: The sheet's own type size (× the UI zoom, never × presentation mode: the presenter
#: reads it on the laptop, and doubled it would not fit 1280×720).
SHEET_PT = 10


def preset_keys(titles, demonstrations=()):
    """('Presets', [(Ctrl+k, title)]) for the presets that exist, and the menu's
    learning-rate demonstrations on one line."""
    rows = [(f"Ctrl+{k + 1}", t) for k, t in enumerate(titles[:9])]
    if demonstrations:
        rows.append(("Presets menu", "Learning-rate demonstrations: "
                     + ", ".join(demonstrations)))
    return ("Presets", rows)


def _table(*groups):
    out = []
    for heading, rows in groups:
        out.append(f"<tr><td colspan='2' style='padding-top:6px'><b><u>{html.escape(heading)}"
                   "</u></b></td></tr>")
        out += [f"<tr><td style='white-space:nowrap; padding-right:10px'><b>"
                f"{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in rows]
    return "<table cellspacing='1'>" + "".join(out) + "</table>"


def sheet_columns(preset_titles, demonstrations=()):
    """(left, right) rich texts: the run, data and presets; the classroom and the mouse."""
    left = _table(RUN_KEYS, DATA_KEYS, preset_keys(list(preset_titles), list(demonstrations)))
    right = (_table(ROOM_KEYS, LECTURE_KEYS) + f"<p>{html.escape(SLIDE_NOTE)}</p>"
             f"<p>{html.escape(MOUSE)}</p>")
    return left, right


def _width_limit(screen_width):
    """How wide QMessageBox lets itself be on a screen this wide (its updateSize())."""
    return screen_width if screen_width <= 1024 else min(screen_width - 480, 1000)


def show_shortcuts(window):
    """Open the sheet (window-modal, not blocking) and return it.

    A QMessageBox (its ``text()`` is the sheet) whose label is swapped for two
    columns of word-wrapped text, as wide as QMessageBox lets itself be on this
    screen: 800 px at 1280×720, where one label was cut at the box's edge."""
    titles = [lesson.title for lesson in getattr(window.preset_menu, "lessons", [])]
    demos = getattr(window, "demonstration_menu", None)
    demo_titles = [lesson.title for lesson in getattr(demos, "lessons", [])]
    box = QtWidgets.QMessageBox(window)
    box.setObjectName("shortcutSheet")
    box.setWindowTitle("LogitLab keyboard shortcuts")
    box.setTextFormat(QtCore.Qt.TextFormat.RichText)
    zoom = getattr(getattr(window, "appearance", None), "zoom", 1.0)
    # Its own sheet wins over the window's (which presentation mode doubles).
    box.setStyleSheet(f"QWidget {{ font-size: {SHEET_PT * min(zoom, 1.3):.1f}pt; }}")
    left_text, right_text = sheet_columns(titles, demo_titles)
    box.setText(left_text + right_text)
    columns = QtWidgets.QWidget()
    columns.setObjectName("shortcutColumns")
    row = QtWidgets.QHBoxLayout(columns)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(24)
    for name, text in (("shortcutText", left_text), ("shortcutTextRight", right_text)):
        label = QtWidgets.QLabel(text)
        label.setObjectName(name)
        label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop | QtCore.Qt.AlignmentFlag.AlignLeft)
        row.addWidget(label, 1)
    area = window.screen().availableGeometry()
    columns.setFixedWidth(min(_width_limit(area.width()), window.width() or area.width(),
                              940) - 60)
    old = box.findChild(QtWidgets.QLabel, "qt_msgbox_label")
    if old is not None and box.layout() is not None:
        box.layout().replaceWidget(old, columns)
        old.hide()
    # Smaller type until the columns fit the screen's height with the box's title and
    # OK button (~140 px): zoomed ×1.3 at 1280×720 the sheet was 924 px tall, its OK
    # button off the screen.
    pt = SHEET_PT * min(zoom, 1.3)
    box.ensurePolished()  # the sheet's type, not the default, is measured
    while pt > 7 and columns.heightForWidth(columns.width()) > area.height() - 140:
        pt *= 0.9
        box.setStyleSheet(f"QWidget {{ font-size: {pt:.1f}pt; }}")
        box.ensurePolished()
    box.open()
    return box
