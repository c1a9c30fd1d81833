"""The preview of a table before it becomes the points: columns, labels, bad rows.

Shows the first rows as the file has them, lets the user pick the x1, x2 and
label columns and the positive class, counts and lists the rows with missing
or non-numeric cells and opens them only when the user ticks to skip them.
Every decision is :func:`core.table_columns.choose`'s; the dialog only shows
it.  Text from the file is always shown as plain text.

Signals: QDialog's ``accepted`` when the user opens the table (``choice`` and
``skip_bad_rows`` then say what to load).
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from core.table_columns import MAX_LABEL_VALUES, choose
from core.text_file import FileProblem

PREVIEW_ROWS = 20
BAD_ROWS_LISTED = 8
MIN_WIDTH = 560
#: The part under the picks asks for its whole height up to this; more scrolls.
BELOW_MAX_HEIGHT = 320


class _FittedScroll(QtWidgets.QScrollArea):
    """A scroll area that asks for its contents' height (a QScrollArea asks for little,
    and the dialog opened with its problem cut), up to BELOW_MAX_HEIGHT."""

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = self.widget().sizeHint()
        return QtCore.QSize(hint.width(), min(hint.height(), BELOW_MAX_HEIGHT))


def plain_label(name, text=""):
    label = QtWidgets.QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class TableDialog(QtWidgets.QDialog):
    """Preview and column picks for one table (see the module docstring)."""

    def __init__(self, table, picks=None, parent=None, title=None, skip_bad_rows=False):
        super().__init__(parent)
        self.setObjectName("tableDialog")
        self.table = table
        self.choice = None
        self.setWindowTitle(title or f"Open {table.name}")
        picks = dict(picks or {})

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(plain_label("tableSummary", f"{table.name}: {table.describe()}"))
        self.preview = self._preview()
        layout.addWidget(self.preview)

        form = QtWidgets.QFormLayout()
        self.x1, self.x2, self.y = (self._column_box(n) for n in ("tableX1", "tableX2", "tableY"))
        self.positive = QtWidgets.QComboBox()
        self.positive.setObjectName("tablePositive")
        self.positive.setToolTip("The label value that becomes y = 1; every other value is 0.")
        form.addRow("Feature x1", self.x1)
        form.addRow("Feature x2", self.x2)
        form.addRow("Label y", self.y)
        form.addRow("Positive class (y = 1)", self.positive)
        layout.addLayout(form)
        self.labels = plain_label("tableLabels")
        self.bad_rows = plain_label("tableBadRows")
        self.skip = QtWidgets.QCheckBox()
        self.skip.setObjectName("tableSkipBadRows")
        self.skip.setChecked(skip_bad_rows)
        self.problem = plain_label("tableProblem")
        # What the picks give, in a scroll area: at zoom ×1.5 on a 1024×768 screen the
        # bad rows' list overlapped the rows above it, cut at both ends.
        below = QtWidgets.QWidget()
        below_layout = QtWidgets.QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.labels, self.bad_rows, self.skip, self.problem):
            below_layout.addWidget(widget)
        below_layout.addStretch(1)
        scroll = _FittedScroll()
        scroll.setObjectName("tableBelow")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(below)
        layout.addWidget(scroll, 1)

        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Open
                                             | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("tableButtons")
        self.open_button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Open)
        self.open_button.setObjectName("tableOpen")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        try:
            first = choose(table, **picks)
        except FileProblem:
            first = choose(table)  # a bad pick from the command line: start from the defaults
        for box, index in ((self.x1, first.x1), (self.x2, first.x2), (self.y, first.y)):
            box.setCurrentIndex(index)
            box.currentIndexChanged.connect(self._columns_changed)
        self._fill_positive(first)
        # The positive class is the user's once picked (here or with --positive); until
        # then it is core's guess, and an ambiguous guess is said to be one.
        self.positive_picked = "positive" in picks and first.ambiguous is None
        self.positive.currentIndexChanged.connect(self._positive_changed)
        self.skip.toggled.connect(self._update)
        self._update()
        # Wide enough that a problem reads in two or three lines, not five.
        self.resize(self.sizeHint().expandedTo(QtCore.QSize(MIN_WIDTH, 0)))

    def showEvent(self, event):  # noqa: N802 - Qt's name
        # Sized again in the type it is shown in: sized at construction, before the
        # window's sheet reached the dialog, cells read "34.6…" beside empty room.
        self.preview.resizeColumnsToContents()
        super().showEvent(event)

    # -- building ---------------------------------------------------------------------
    def _preview(self):
        rows = self.table.preview_rows[:PREVIEW_ROWS]
        view = QtWidgets.QTableWidget(len(rows), len(self.table.columns))
        view.setObjectName("tablePreview")
        view.setHorizontalHeaderLabels(self.table.names)
        view.setVerticalHeaderLabels([str(n) for n in self.table.lines[:len(rows)].tolist()])
        view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        for i, row in enumerate(rows):
            for j, cell in enumerate(row):
                view.setItem(i, j, QtWidgets.QTableWidgetItem(cell))
        view.resizeColumnsToContents()
        view.setMinimumHeight(160)
        return view

    def _column_box(self, name):
        box = QtWidgets.QComboBox()
        box.setObjectName(name)
        for j, (column, title) in enumerate(zip(self.table.columns, self.table.names,
                                                strict=True)):
            kind = "numbers" if column.is_numeric else "words"
            box.addItem(f"{j + 1}: {title} ({kind})", j)
        return box

    def _fill_positive(self, choice):
        self.positive.blockSignals(True)
        self.positive.clear()
        # A score or an id as the label: 1,999 entries "(1 rows)" were no choice to offer.
        few = len(choice.values) <= MAX_LABEL_VALUES
        self.positive.setEnabled(few)
        for v in choice.values if few else ():
            self.positive.addItem(f"{v.text}  ({v.count:,} {'row' if v.count == 1 else 'rows'})",
                                  v.text)
        if choice.positive is not None and few:
            self.positive.setCurrentIndex(choice.values.index(choice.positive))
        else:
            self.positive.setCurrentIndex(-1)
        self.positive.blockSignals(False)

    # -- following the picks ----------------------------------------------------------
    def picks(self, positive=True):
        out = {"x1": self.x1.currentData(), "x2": self.x2.currentData(), "y": self.y.currentData()}
        if positive and self.positive_picked and self.positive.currentIndex() >= 0:
            out["positive"] = self.positive.currentData()
        return out

    def _positive_changed(self, *_):
        self.positive_picked = True
        self._update()

    def _columns_changed(self, *_):
        self.positive_picked = False
        try:
            choice = choose(self.table, **self.picks(positive=False))
        except FileProblem as exc:
            self.positive.blockSignals(True)
            self.positive.clear()
            self.positive.blockSignals(False)
            self._show(None, exc.problem)
            return
        self._fill_positive(choice)
        self._update()

    def _update(self, *_):
        try:
            choice = choose(self.table, **self.picks())
        except FileProblem as exc:
            self._show(None, exc.problem)
            return
        self._show(choice, choice.problem)

    def _show(self, choice, problem):
        self.choice = choice
        if choice is None:
            self.labels.setText("")
            self.bad_rows.setText("")
            self.skip.hide()
        else:
            note = ""
            if choice.ambiguous:
                note = "\nWhich label is the positive class? Pick it above (now a guess)."
            elif len(choice.values) > 2:
                note = "\nEvery label but the positive one becomes 0."
            if len(choice.values) > MAX_LABEL_VALUES:  # every value listed took 44,840 characters
                self.labels.setText(f"Labels: {len(choice.values):,} different values")
            else:
                self.labels.setText(f"Labels: {choice.describe_labels()}{note}")
            n = choice.bad_count
            if n:
                listed = "\n".join(f"  line {line}: {why}" for line, why
                                   in choice.bad_rows(BAD_ROWS_LISTED))
                more = f"\n  … and {n - BAD_ROWS_LISTED:,} more" if n > BAD_ROWS_LISTED else ""
                rows = "rows has" if n == 1 else "rows have"  # "1 of 9 rows has"
                self.bad_rows.setText(f"{n:,} of {self.table.m:,} {rows} a missing or "
                                      f"non-numeric cell:\n{listed}{more}")
                self.skip.setText(f"Skip these {n:,} rows" if n > 1 else "Skip this row")
                self.skip.show()
            else:
                self.bad_rows.setText("Every row has numbers for x1 and x2 and a label.")
                self.skip.hide()
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self.open_button.setEnabled(self.can_open())

    @property
    def skip_bad_rows(self):
        return self.skip.isChecked()

    def can_open(self):
        c = self.choice
        return (c is not None and c.problem is None
                and (c.bad_count == 0 or self.skip_bad_rows))

    def points_and_labels(self):
        """(points, labels) of the accepted choice (bad rows skipped as agreed)."""
        return self.choice.points_and_labels(skip_bad_rows=self.skip_bad_rows)
