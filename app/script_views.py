"""What a lesson script shows: the bar for the class and the teacher's notes window.

Both are passive: they read the :class:`app.script_player.ScriptPlayer` whenever it
says ``changed`` and call its methods from their buttons.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from core import script as sc

#: Each question kind in the words of the step editor and the teacher's notes.
KIND_TEXTS = (("", "No question"), (sc.BOUNDARY, "Where will the boundary be?"),
              (sc.REGIME, "What will this α do?"), (sc.RACE, "Which lane wins the race?"),
              (sc.COST_AT, "After N steps, J above or below a value?"))

VERDICT_MARK = {sc.RIGHT: "✔ Right", sc.CLOSE: "≈ Close", sc.WRONG: "✘ Not this time", "": "●"}
#: Point sizes before zoom / presentation mode.
QSS = """
QLabel#scriptCaption {{ font-size: {caption:.1f}pt; }}
QLabel#scriptQuestion {{ font-size: {question:.1f}pt; font-weight: bold; color: #8e44ad; }}
QLabel#scriptVerdict {{ font-size: {question:.1f}pt; }}
QLabel#scriptStep, QPushButton {{ font-size: {small:.1f}pt; }}
QPushButton:checked {{ background: #8e44ad; color: white; }}
"""


def _factor(window):
    appearance = getattr(window, "appearance", None)
    return getattr(appearance, "factor", 1.0) if appearance is not None else 1.0


class _FittedBody(QtWidgets.QWidget):
    """The bar's body asks for the height its wrapped texts take at its own width.  The
    main window sizes a dock by its size hint, and word-wrapped labels hint the height
    of a narrow guess: in F5 at 1024×768 the bar took 285 px for 134 px of text, in
    gaps between the lines, and left the data plot a strip."""

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth() or self.width() <= 0:
            return hint
        # +2: the dock's frame takes a pixel, which cut the foot of the last line.
        return QtCore.QSize(hint.width(), layout.totalHeightForWidth(self.width()) + 2)

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QtCore.QSize(hint.width(), min(hint.height(), self.sizeHint().height()))


class ScriptBar(QtWidgets.QDockWidget):
    """The bar under the plots: step n / N, caption, question, answers, Reveal, verdict."""

    def __init__(self, player, window):
        super().__init__("Lesson script", window)
        self.setObjectName("scriptBar")
        self.player, self.window_ = player, window
        self.setFeatures(QtWidgets.QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.setTitleBarWidget(QtWidgets.QWidget())
        body = _FittedBody()
        grid = QtWidgets.QGridLayout(body)
        grid.setContentsMargins(8, 2, 8, 2)
        grid.setVerticalSpacing(2)
        self.step_label = self._label("scriptStep")
        self.caption = self._label("scriptCaption")
        self.question = self._label("scriptQuestion")
        self.verdict = self._label("scriptVerdict")
        self.answers = QtWidgets.QHBoxLayout()
        self.group = QtWidgets.QButtonGroup(self)
        self.group.setExclusive(True)
        self.answer_buttons = []
        nav = QtWidgets.QHBoxLayout()
        self.back = self._button("scriptBack", "◀ Back (P)", player.previous)
        self.reveal = self._button("scriptReveal", "Reveal (V)", player.reveal)
        self.skip = self._button("scriptSkip", "Skip (K)", lambda: player.reveal(skip=True))
        self.next = self._button("scriptNext", "Next (N) ▶", player.next)
        for b in (self.back, self.reveal, self.skip, self.next):
            nav.addWidget(b)
        grid.addWidget(self.step_label, 0, 0)
        grid.addLayout(nav, 0, 1, alignment=QtCore.Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.caption, 1, 0, 1, 2)
        grid.addWidget(self.question, 2, 0, 1, 2)
        grid.addLayout(self.answers, 3, 0, 1, 2)
        grid.addWidget(self.verdict, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        self.setWidget(body)
        window.addDockWidget(QtCore.Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self._factor = None
        self._choices = None
        player.changed.connect(self.show_state)
        action = getattr(window, "presentation_action", None)
        if action is not None:  # F5 resizes the bar's texts at once, not at the next step
            action.toggled.connect(lambda _on: QtCore.QTimer.singleShot(0, self, self._restyle))
        self.show_state()

    def _label(self, name):
        label = QtWidgets.QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        return label

    def _button(self, name, text, slot):
        button = QtWidgets.QPushButton(text)
        button.setObjectName(name)
        button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # keys stay with the window
        button.clicked.connect(lambda *_: slot())
        return button

    def _restyle(self):
        f = _factor(self.window_)
        if f != self._factor:
            self._factor = f
            # Presentation mode doubles every size; the bar grows less (×1.15 at ×2), or on
            # a 720p projector its caption and question left the data plot a 140 px strip.
            g = 1.0 + 0.15 * (f - 1.0)
            self.setStyleSheet(QSS.format(caption=13 * g, question=13 * g, small=10 * g))

    def _fill_answers(self, choices):
        if choices == self._choices:
            return
        self._choices = choices
        for b in self.answer_buttons:
            self.group.removeButton(b)
            b.deleteLater()
        self.answer_buttons = []
        for k, (value, text) in enumerate(choices):
            b = QtWidgets.QPushButton(f"{text}  (Alt+{k + 1})")
            b.setObjectName(f"scriptAnswer{k + 1}")
            b.setCheckable(True)
            b.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
            b.clicked.connect(lambda _=False, v=value: self.player.choose(v))
            self.group.addButton(b)
            self.answers.addWidget(b)
            self.answer_buttons.append(b)

    def show_state(self):
        p = self.player
        self.setVisible(p.script is not None)
        if p.script is None:
            return
        self._restyle()
        step, q = p.step, p.question
        self.step_label.setText(f"Step {p.index + 1} / {len(p.script)}"
                                + (f" · {step.title}" if step.title else ""))
        self.caption.setText(step.caption)
        self.caption.setVisible(bool(step.caption))
        self.back.setEnabled(p.index > 0)
        self.next.setEnabled(p.index < len(p.script) - 1)
        asking = p.state == "asking"
        self.reveal.setVisible(q is not None)
        self.skip.setVisible(q is not None)
        self.reveal.setEnabled(p.can_reveal)
        self.skip.setEnabled(asking)
        self.question.setVisible(q is not None)
        self._fill_answers(p.choices())
        if q is not None:
            prompt = p.prompt()
            if q.kind == sc.BOUNDARY and asking:
                how = ("two clicks: where the line passes" if p.drawing.kind == "line"
                       else "click the centre, then a point on the circle")
                prompt += f"  — draw it on the plot ({how})"
            self.question.setText("Predict: " + prompt)
        for b, (value, _) in zip(self.answer_buttons, p.choices()):
            b.setEnabled(asking)
            b.setChecked(value == p.answer)
        self.verdict.setVisible(bool(p.message) or p.verdict is not None
                                or p.state == "running")
        if p.state == "running":
            self.verdict.setText(p.message or  # e.g. paused midway: how it goes on
                                 "Running… the answer comes when the run has shown it.")
        elif p.verdict is not None:
            v = p.verdict
            self.verdict.setText(f"{VERDICT_MARK.get(v.verdict, '●')} — {v.reason}")
        else:
            self.verdict.setText(p.message)


class TeacherNotes(QtWidgets.QWidget):
    """A window of its own for the teacher's screen: this step's notes, the answer's
    kind, and what comes next.  Hidden until the teacher opens it (T)."""

    def __init__(self, player, window):
        super().__init__(window, QtCore.Qt.WindowType.Window)
        self.setObjectName("teacherNotes")
        self.setWindowTitle("LogitLab — teacher notes (not for the projector)")
        self.player = player
        # Opening it must not take the keys from the main window (the remote drives that).
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_ShowWithoutActivating)
        layout = QtWidgets.QVBoxLayout(self)
        self.text = QtWidgets.QLabel()
        self.text.setObjectName("teacherNotesText")
        self.text.setWordWrap(True)
        self.text.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop)
        self.text.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.text.setStyleSheet("font-size: 13pt;")
        layout.addWidget(self.text)
        self.resize(520, 360)
        player.changed.connect(self.show_state)
        self.show_state()

    def show_state(self):
        p = self.player
        if p.script is None:
            self.text.setText("No lesson script is open.")
            return
        step = p.step
        lines = [f"Step {p.index + 1} / {len(p.script)}: {step.title}", "",
                 step.notes or "(no notes for this step)"]
        if step.question is not None:
            kind = dict(KIND_TEXTS)[step.question.kind]  # "cost_at" is the file's word
            lines += ["", f"Question ({kind}): {step.question.default_prompt}"]
        if p.index + 1 < len(p.script):
            lines += ["", f"Next: {p.script.steps[p.index + 1].title}"]
        self.text.setText("\n".join(lines))
