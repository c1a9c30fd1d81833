"""The Script menu and the step editor: present the bundled lecture, move through steps,
reveal, and add / edit / delete / save steps without writing JSON."""

from __future__ import annotations

import dataclasses
import math
import re

from PySide6 import QtWidgets

from core import script as sc
from core.lesson import LESSON_SUFFIX, read_lesson

from .resources import RESOURCES
from .script_views import KIND_TEXTS

LECTURE = RESOURCES / "lectures" / "lecture.logitlab.json"
#: N offered when a question that judges after N steps is chosen.
DEFAULT_JUDGE_STEPS = 100


def parse_lanes(text):
    """The race's learning rates as typed: "0.1, 1, 10", "0.1,1,10", "0.1 1 10", or with
    decimal commas between semicolons, "0,1; 1; 10".  ("0.1,1,10" was read as the
    number "0.1.1.10".)  ValueError names the field and the word it could not read."""
    parts = text.split(";") if ";" in text else re.split(r"[,\s]+", text)
    lanes = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        try:
            lanes.append(float(part.replace(",", ".")))
        except ValueError:
            raise ValueError(f"“Lanes (race)”: {part!r} is not a number; write the learning "
                             "rates as 0.1, 1, 10.") from None
    if not all(math.isfinite(a) and a > 0 for a in lanes):
        raise ValueError("“Lanes (race)”: each learning rate must be a number above 0, such "
                         "as 0.1, 1, 10.")
    return tuple(lanes)


def build_menu(window, player):
    bar = window.menuBar()
    menu = QtWidgets.QMenu("&Script", bar)
    menu.setObjectName("scriptMenu")
    help_action = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
    bar.insertMenu(help_action, menu) if help_action is not None else bar.addMenu(menu)
    add = window.add_action
    add(menu, "&Present the lecture (predict, then run)", lambda: present_lecture(window),
        None, "actionPresentLecture")
    menu.addSeparator()
    add(menu, "&Next step", player.next, ["N", "Ctrl+Right"], "actionScriptNext")
    add(menu, "&Previous step", player.previous, ["P", "Ctrl+Left"], "actionScriptPrevious")
    add(menu, "&Reveal: run and show the answer", player.reveal, "V", "actionScriptReveal")
    add(menu, "S&kip the question and run", lambda: player.reveal(skip=True), "K",
        "actionScriptSkip")
    answers = menu.addMenu("&Answer")
    for k in range(1, 5):
        add(answers, f"Answer &{k}", lambda _=False, k=k: player.choose_number(k), f"Alt+{k}",
            f"actionScriptAnswer{k}")
    notes = window.teacher_notes
    window.teacher_notes_action = add(
        menu, "&Teacher notes window", lambda on: notes.setVisible(on), "T",
        "actionTeacherNotes", checkable=True)
    menu.addSeparator()
    add(menu, "&Add a step (the data and settings on screen)…", lambda: add_step(window),
        None, "actionScriptAddStep")
    add(menu, "&Edit this step…", lambda: edit_step(window), None, "actionScriptEditStep")
    add(menu, "&Delete this step", lambda: delete_step(window), None, "actionScriptDeleteStep")
    add(menu, "&Save lesson script as…", lambda: save_script_dialog(window), None,
        "actionScriptSave")
    add(menu, "&Close the script", lambda: player.start(None), None, "actionScriptClose")
    return menu


def present_lecture(window, path=LECTURE):
    """Open the bundled lecture at its first step (the file itself stays untouched:
    Ctrl+S asks where, since the lecture is not the user's document)."""
    lesson = read_lesson(path)
    window.controller.load_lesson(lesson, undo_text="Open the lecture")
    window.script_player.start(lesson.script)
    return window.script_player


# -- editing ----------------------------------------------------------------------------


class StepDialog(QtWidgets.QDialog):
    """Title, caption (for the class), notes (for the teacher), panel and question."""

    def __init__(self, parent, step=None, use_screen=True):
        super().__init__(parent)
        self.setObjectName("stepDialog")
        self.setWindowTitle("Lesson step")
        step = step or sc.Step()
        form = QtWidgets.QFormLayout(self)
        self.title = QtWidgets.QLineEdit(step.title)
        self.caption = QtWidgets.QPlainTextEdit(step.caption)
        self.notes = QtWidgets.QPlainTextEdit(step.notes)
        self.panel = QtWidgets.QComboBox()
        self.panel.addItems(["(keep)", *sc.PANELS[1:]])
        self.panel.setCurrentIndex(sc.PANELS.index(step.panel))
        q = step.question
        self.kind = QtWidgets.QComboBox()
        for _, text in KIND_TEXTS:
            self.kind.addItem(text)
        self.kind.setCurrentIndex([k for k, _ in KIND_TEXTS].index(q.kind if q else ""))
        self.prompt = QtWidgets.QLineEdit(q.prompt if q else "")
        self.steps = QtWidgets.QSpinBox()
        self.steps.setRange(0, 10_000_000)
        self.steps.setSpecialValueText("until descent stops")  # what 0 means on Reveal
        self.steps.setValue(q.steps if q else 0)
        self.threshold = QtWidgets.QDoubleSpinBox()
        self.threshold.setDecimals(4)
        self.threshold.setRange(0, 1e6)
        self.threshold.setValue(q.threshold if q and q.threshold is not None else 0.3)
        self.lanes = QtWidgets.QLineEdit(", ".join(f"{a:g}" for a in (q.lanes if q else ())))
        self.lanes.setPlaceholderText("race: 0.1, 1, 10")
        self.use_screen = QtWidgets.QCheckBox("Use the data and settings on screen")
        self.use_screen.setChecked(use_screen)
        for name, widget in (("stepTitle", self.title), ("stepCaption", self.caption),
                             ("stepNotes", self.notes), ("stepPanel", self.panel),
                             ("stepKind", self.kind), ("stepPrompt", self.prompt),
                             ("stepSteps", self.steps), ("stepThreshold", self.threshold),
                             ("stepLanes", self.lanes), ("stepUseScreen", self.use_screen)):
            widget.setObjectName(name)
        form.addRow("Title", self.title)
        form.addRow("Caption (the class sees it)", self.caption)
        form.addRow("Notes (only the teacher)", self.notes)
        form.addRow("Companion panel", self.panel)
        form.addRow("Question", self.kind)
        form.addRow("Prompt (optional)", self.prompt)
        form.addRow("Steps before judging (N)", self.steps)
        form.addRow("J threshold (cost question)", self.threshold)
        form.addRow("Lanes (race)", self.lanes)
        form.addRow(self.use_screen)
        self.problem = QtWidgets.QLabel()
        self.problem.setObjectName("stepProblem")
        form.addRow(self.problem)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok
                                             | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.step = step
        self.kind.currentIndexChanged.connect(self._kind_changed)

    def _kind_changed(self, _index):
        """"What will this α do?" and "After N steps…" judge after N ≥ 1 steps: N = 0
        (the others' "until descent stops") was offered and then refused."""
        kind = KIND_TEXTS[self.kind.currentIndex()][0]
        if kind in (sc.REGIME, sc.COST_AT) and self.steps.value() < 1:
            self.steps.setValue(DEFAULT_JUDGE_STEPS)

    def question(self):
        kind = KIND_TEXTS[self.kind.currentIndex()][0]
        if not kind:
            return None
        words = dict(KIND_TEXTS)[kind]
        if kind in (sc.REGIME, sc.COST_AT) and self.steps.value() < 1:
            raise ValueError(f"“{words}” judges the run after N steps: set “Steps before "
                             "judging (N)” to 1 or more.")
        lanes = parse_lanes(self.lanes.text()) if kind == sc.RACE else ()
        if kind == sc.RACE and not 2 <= len(lanes) <= 4:
            raise ValueError(f"“Lanes (race)” needs 2 to 4 learning rates, such as 0.1, 1, 10 "
                             f"(it has {len(lanes)}).")
        return sc.Question(kind, prompt=self.prompt.text(), steps=self.steps.value(),
                           threshold=self.threshold.value() if kind == sc.COST_AT else None,
                           lanes=lanes)

    def result_step(self, screen_lesson):
        """The edited step (ValueError with the reason when a field is wrong)."""
        texts = {"title": self.title.text(), "caption": self.caption.toPlainText(),
                 "notes": self.notes.toPlainText(),
                 "panel": sc.PANELS[self.panel.currentIndex()], "question": self.question()}
        if self.use_screen.isChecked():
            return sc.Step.from_lesson(screen_lesson, **texts)
        return dataclasses.replace(self.step, **texts)

    def accept(self):
        try:
            self.result = self.result_step(self.parent().controller.lesson())
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()


def _apply(window, change):
    player = window.script_player
    steps = list(player.script.steps) if player.script else []
    index = change(steps)
    player.script = sc.Script(steps) if steps else None
    if player.script:
        player.index = max(0, min(index, len(steps) - 1))
    player.changed.emit()
    window.controller.edited.emit()


def add_step(window):
    """Script ▸ Add a step: the screen's data and settings with a caption, notes, question."""
    dialog = StepDialog(window)
    player = window.script_player

    def done():
        at = player.index + 1 if player.script else 0

        def insert(steps):
            steps.insert(at, dialog.result)
            return at

        _apply(window, insert)
        if player.state == "idle":
            player.state = "showing"
        player.go(at)

    dialog.accepted.connect(done)
    dialog.open()
    return dialog


def edit_step(window):
    player = window.script_player
    if player.script is None:
        return add_step(window)
    dialog = StepDialog(window, player.step, use_screen=False)

    def done():
        def replace(steps):
            steps[player.index] = dialog.result
            return player.index

        _apply(window, replace)
        player.go(player.index)

    dialog.accepted.connect(done)
    dialog.open()
    return dialog


def delete_step(window):
    player = window.script_player
    if player.script is None:
        return

    def remove(steps):
        del steps[player.index]
        return player.index

    _apply(window, remove)
    if player.script is None:
        player.start(None)
    else:
        player.go(player.index)


def save_script_dialog(window):
    """Save the lesson with its steps (File ▸ Save lesson keeps them too)."""
    path = window.files.folders.ask_save("Save lesson script", "lesson" + LESSON_SUFFIX,
                                         "LogitLab lessons (*.logitlab.json)")
    if path:
        window.files.save_as(path)
