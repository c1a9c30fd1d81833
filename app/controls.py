"""The side panel: data, features and gradient-descent controls.

Passive: it holds the widgets with their objectNames; the controller wires
them and pushes state into them.
"""

from __future__ import annotations

import math

from PySide6 import QtCore, QtGui, QtWidgets

from core.features import LINEAR, QUADRATIC

from .flow_layout import Section
from .number_text import is_partial, parse_number

LOSS_CAPTIONS = {
    "cross_entropy": "Cross-entropy is convex in (w, b): every local optimum of a convex "
                     "function is global, so descent cannot get stuck.",
    "squared_error": "½(σ(z) − y)² is not convex in (w, b): flat plateaus and local optima "
                     "can stall descent — the lecture's reason to use cross-entropy.",
}

#: The stopping test in use: (the label beside ε, the tooltip of ε's field).
STOP_TEXTS = {
    "gradient": ("Stop: ‖dw‖ ≤ ε", "Descent stops when ‖dw‖ ≤ ε (the lecture's gradient test)"),
    "step": ("Stop: ‖ΔW‖ ≤ ε", "Descent stops when a step is short: ‖ΔW‖ = ‖Wᵗ⁺¹ − Wᵗ‖ ≤ ε "
             "(the step-size test, chosen on Lecture ▸ 3)"),
}

#: The learning-rate slider spans 10^-4 … 10^2 in steps of 10^(1/100).
ALPHA_MIN_EXP, ALPHA_MAX_EXP, TICKS_PER_DECADE = -4, 2, 100


def slider_to_alpha(value):
    return 10.0 ** (value / TICKS_PER_DECADE)


def alpha_to_slider(alpha):
    return round(math.log10(alpha) * TICKS_PER_DECADE)


class GeneralSpinBox(QtWidgets.QDoubleSpinBox):
    """Shows 4 significant digits (0.0001, 0.5, 50, 1.5e-06) instead of fixed decimals,
    so α and ε read the same at 1e-4 and at 100; reads '0.5' and '0,5' under any
    locale (app.number_text)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDecimals(12)  # what the value can hold; the text shows significant digits

    def textFromValue(self, value):  # noqa: N802 - Qt's name
        return f"{value:.4g}"

    def valueFromText(self, text):  # noqa: N802
        value = parse_number(text)
        return self.value() if value is None else value

    def validate(self, text, pos):
        value = parse_number(text)
        if value is not None:
            if self.minimum() <= value <= self.maximum():
                return QtGui.QValidator.State.Acceptable, text, pos
            return QtGui.QValidator.State.Intermediate, text, pos
        if is_partial(text):
            return QtGui.QValidator.State.Intermediate, text, pos
        return QtGui.QValidator.State.Invalid, text, pos

    def fixup(self, text):
        """What Enter keeps of a text out of range or half typed: the nearest allowed value."""
        value = parse_number(text)
        if value is None:
            return self.textFromValue(self.value())
        return self.textFromValue(min(max(value, self.minimum()), self.maximum()))


class _FoldingGroup(QtWidgets.QGroupBox):
    """A checkable group whose ``body`` is shown only while it is checked, however the
    check changes (a click, or the controller with the signals blocked)."""

    body = None
    on_fold = None  # called after the body is shown or hidden

    def __init__(self, title, parent=None):
        super().__init__(title, parent)
        self.toggled.connect(self.fold)

    def setChecked(self, on):  # noqa: N802 - Qt's name
        super().setChecked(on)
        self.fold(on)

    def fold(self, on):
        if self.body is not None:
            self.body.setVisible(bool(on))
        if self.isFlat() == bool(on):
            self.setFlat(not on)
            self.style().unpolish(self)  # the stylesheet's [flat="true"] rule follows
            self.style().polish(self)
            if self.on_fold is not None:
                self.on_fold()


def _button(text, name, checkable=False, tip=""):
    b = QtWidgets.QPushButton(text)
    b.setObjectName(name)
    b.setCheckable(checkable)
    if tip:
        b.setToolTip(tip)
    return b


def _grid(parent=None):
    grid = QtWidgets.QGridLayout(parent)
    grid.setContentsMargins(6, 4, 6, 6)
    grid.setHorizontalSpacing(6)
    grid.setVerticalSpacing(4)
    return grid


class ControlPanel(QtWidgets.QWidget):
    """Controls grouped as the lesson goes.  What a lesson needs every minute (class,
    features, play / step / reset, α) is always shown; the rest folds away in
    *More settings* and *Race learning rates*, so nothing needed is below the fold."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("controlPanel")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)

        # -- data ------------------------------------------------------------
        data = QtWidgets.QGroupBox("Data")
        dl = _grid(data)
        self.class_one = _button(
            "▲ Class 1", "classOne", True,
            "Class 1 (positive, orange triangles): left click adds one (key 1)")
        self.class_zero = _button("● Class 0", "classZero", True,
                                  "Class 0 (negative, blue circles): left click adds one (key 0)")
        self.class_group = QtWidgets.QButtonGroup(self)
        self.class_group.setExclusive(True)
        self.class_group.addButton(self.class_one, 1)
        self.class_group.addButton(self.class_zero, 0)
        self.class_one.setChecked(True)
        dl.addWidget(self.class_one, 0, 0)
        dl.addWidget(self.class_zero, 0, 1)
        self.presets = QtWidgets.QComboBox()
        self.presets.setObjectName("presets")
        self.presets.setToolTip("Load a data set from the lecture (Ctrl+1, Ctrl+2, …)")
        self.presets.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.presets.setMinimumContentsLength(9)
        dl.addWidget(self.presets, 1, 0)
        self.clear = _button("Clear points", "clear", tip="Remove every point (undo with Ctrl+Z)")
        dl.addWidget(self.clear, 1, 1)
        layout.addWidget(data)

        # -- features --------------------------------------------------------
        feats = QtWidgets.QGroupBox("Features")
        fl = _grid(feats)
        self.feature_linear = _button("Linear", "featureLinear", True, "[x1, x2]  (key L)")
        self.feature_quadratic = _button("Quadratic", "featureQuadratic", True,
                                         "[x1, x2, x1², x1·x2, x2²]  (key Q)")
        self.feature_group = QtWidgets.QButtonGroup(self)
        self.feature_group.addButton(self.feature_linear)
        self.feature_group.addButton(self.feature_quadratic)
        self.feature_group.setExclusive(False)  # both off when a custom set is chosen
        fl.addWidget(self.feature_linear, 0, 0)
        fl.addWidget(self.feature_quadratic, 0, 1)
        self.term_boxes = {}
        row = QtWidgets.QHBoxLayout()
        row.setSpacing(4)
        for term, text, name in (("x1^2", "x1²", "termX1Sq"), ("x1*x2", "x1·x2", "termX1X2"),
                                 ("x2^2", "x2²", "termX2Sq")):
            box = QtWidgets.QCheckBox(text)
            box.setObjectName(name)
            self.term_boxes[term] = box
            row.addWidget(box)
        row.addStretch(1)
        fl.addLayout(row, 1, 0, 1, 2)
        self.standardize = QtWidgets.QCheckBox("Standardize features")
        self.standardize.setObjectName("standardize")
        self.standardize.setToolTip(
            "Descent runs on (feature − mean) / std of the current points.\n"
            "The equations are always shown in the original x1, x2 units."
        )
        fl.addWidget(self.standardize, 2, 0, 1, 2)
        layout.addWidget(feats)

        # -- descent ---------------------------------------------------------
        gd = QtWidgets.QGroupBox("Gradient descent")
        gl = _grid(gd)
        self.play_pause = _button("▶  Play", "playPause", True, "Play / pause (Space, or B)")
        self.step = _button("Step", "step", tip="One step of descent (→)")
        self.reset = _button("Reset", "reset", tip="Reset: w, b = randn with a new seed (R)")
        self.reset_same = _button("Same init", "resetSame",
                                  tip="Reset, same init: start again from the same w, b (Shift+R)")
        gl.addWidget(self.play_pause, 0, 0)
        gl.addWidget(self.step, 0, 1)
        gl.addWidget(self.reset, 1, 0)
        gl.addWidget(self.reset_same, 1, 1)

        alpha_label = QtWidgets.QLabel("Learning rate α")
        alpha_label.setObjectName("learningRateLabel")
        gl.addWidget(alpha_label, 2, 0)
        self.learning_rate_value = GeneralSpinBox()
        self.learning_rate_value.setObjectName("learningRateValue")
        self.learning_rate_value.setRange(1e-6, 1e6)
        self.learning_rate_value.setStepType(
            QtWidgets.QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.learning_rate_value.setKeyboardTracking(False)
        self.learning_rate_value.setToolTip(
            "α: type 0.5 or 0,5 or 1e-3 (PageUp / PageDown: ×3 / ÷3)")
        gl.addWidget(self.learning_rate_value, 2, 1)
        self.learning_rate = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal)
        self.learning_rate.setObjectName("learningRate")
        self.learning_rate.setRange(ALPHA_MIN_EXP * TICKS_PER_DECADE,
                                    ALPHA_MAX_EXP * TICKS_PER_DECADE)
        self.learning_rate.setToolTip("α on a log scale, 0.0001 … 100 (PageUp / PageDown: ×3 / ÷3)")
        gl.addWidget(self.learning_rate, 3, 0, 1, 2)
        from .stability_bar import StabilityBar

        self.stability = StabilityBar(self.learning_rate,
                                      lambda a: math.log10(a) * TICKS_PER_DECADE)
        gl.addWidget(self.stability, 4, 0, 1, 2)
        scale = QtWidgets.QHBoxLayout()
        for text in ("10⁻⁴", "10⁻²", "1", "100"):
            lab = QtWidgets.QLabel(text)
            lab.setObjectName("sliderScale")
            scale.addWidget(lab)
            scale.addStretch(1)
        scale.takeAt(scale.count() - 1)
        gl.addLayout(scale, 5, 0, 1, 2)
        layout.addWidget(gd)

        # -- more settings (folds) -------------------------------------------
        more = Section("More settings", "moreSettings",
                       tip="Loss, ε, steps per frame, seed, log scale, pull halos")
        self.more = more
        ml = _grid(more.body)
        ml.setContentsMargins(8, 0, 4, 4)
        ml.addWidget(QtWidgets.QLabel("Loss"), 0, 0)
        self.loss = QtWidgets.QComboBox()
        self.loss.setObjectName("lossChoice")
        self.loss.addItem("Cross-entropy", "cross_entropy")
        self.loss.addItem("Squared error", "squared_error")
        self.loss.setItemData(1, "½(σ(z) − y)²", QtCore.Qt.ItemDataRole.ToolTipRole)
        ml.addWidget(self.loss, 0, 1)
        self.loss_caption = QtWidgets.QLabel()
        self.loss_caption.setObjectName("lossCaption")
        self.loss_caption.setWordWrap(True)
        ml.addWidget(self.loss_caption, 1, 0, 1, 2)
        # Says the test in use: Lecture ▸ 3 or a lesson can switch to the step-size test.
        self.stop_label = QtWidgets.QLabel(STOP_TEXTS["gradient"][0])
        self.stop_label.setObjectName("stopLabel")
        ml.addWidget(self.stop_label, 2, 0)
        self.tolerance = GeneralSpinBox()
        self.tolerance.setObjectName("tolerance")
        self.tolerance.setRange(0.0, 1.0)
        self.tolerance.setStepType(QtWidgets.QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        self.tolerance.setKeyboardTracking(False)
        self.tolerance.setToolTip(STOP_TEXTS["gradient"][1])
        ml.addWidget(self.tolerance, 2, 1)
        ml.addWidget(QtWidgets.QLabel("Steps per frame"), 3, 0)
        self.steps_per_frame = QtWidgets.QSpinBox()
        self.steps_per_frame.setObjectName("stepsPerFrame")
        self.steps_per_frame.setRange(1, 100_000)
        self.steps_per_frame.setToolTip(
            "Descent steps between two frames (60 frames/s). Large values are\n"
            "capped by a time budget per frame, so the picture never stutters.")
        ml.addWidget(self.steps_per_frame, 3, 1)
        self.seed_label = QtWidgets.QLabel()
        self.seed_label.setObjectName("seedLabel")
        self.seed_label.setWordWrap(True)
        ml.addWidget(self.seed_label, 4, 0, 1, 2)
        self.cost_log = QtWidgets.QCheckBox("Cost on a log scale")
        self.cost_log.setObjectName("costLogScale")
        ml.addWidget(self.cost_log, 5, 0, 1, 2)
        self.show_pull = QtWidgets.QCheckBox("Show each point's pull")
        self.show_pull.setObjectName("showPull")
        self.show_pull.setToolTip(
            "A halo round each point, its size |dz|, the point's pull on the boundary: "
            "|a − y| for cross-entropy, where confident, correct points barely move it and "
            "mistakes pull hardest; |a − y|·a(1 − a) for squared error, where a confident "
            "mistake pulls almost nothing.")
        ml.addWidget(self.show_pull, 6, 0, 1, 2)
        hint = QtWidgets.QLabel(
            "Click: add · Shift+click: other class · Right-click: delete · Drag: move · "
            "Ctrl+click: follow a point")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        ml.addWidget(hint, 7, 0, 1, 2)
        layout.addWidget(more)

        # -- race ------------------------------------------------------------
        race = _FoldingGroup("Race learning rates")
        race.setObjectName("compareGroup")
        race.setCheckable(True)
        race.setChecked(False)
        race.setToolTip("Same data, same initial θ, up to four α run in lock-step.\n"
                        "A rate of 0 leaves its lane out.")
        rl = _grid(race)
        self.race_body = QtWidgets.QWidget()
        self.race_body.setObjectName("raceBody")
        bl = _grid(self.race_body)
        bl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.race_body, 0, 0)
        self.race_rates = []
        for k in range(4):
            box = GeneralSpinBox()
            box.setObjectName(f"compareRate{k + 1}")
            box.setRange(0.0, 1e4)
            box.setStepType(QtWidgets.QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            box.setKeyboardTracking(False)
            bl.addWidget(box, k // 2, k % 2)
            self.race_rates.append(box)
        self.race_start = _button("Start race", "compareStart", tip="Restart all lanes from θ⁰")
        bl.addWidget(self.race_start, 2, 0, 1, 2)
        self.race_result = QtWidgets.QLabel()
        self.race_result.setObjectName("raceResult")
        self.race_result.setWordWrap(True)
        bl.addWidget(self.race_result, 3, 0, 1, 2)
        race.body = self.race_body
        race.fold(False)
        self.race_group = race
        layout.addWidget(race)
        layout.addStretch(1)

    def show_settings(self, session, steps_per_frame):
        """Show a session's settings, without echoing signals back to the controller."""
        s = session
        boxes = list(self.term_boxes.values())
        with blocked(self.feature_linear, self.feature_quadratic, self.standardize,
                     self.tolerance, self.steps_per_frame, self.loss, *boxes):
            self.feature_linear.setChecked(s.terms == LINEAR)
            self.feature_quadratic.setChecked(s.terms == QUADRATIC)
            for term, box in self.term_boxes.items():
                box.setChecked(term in s.terms)
            self.standardize.setChecked(s.standardize)
            # Only what changed: setValue repaints a field even with the same value,
            # and a new run (features, scaling, loss, Reset) must fit in one frame.
            if self.tolerance.value() != s.tol:
                self.tolerance.setValue(s.tol)
            if self.steps_per_frame.value() != steps_per_frame:
                self.steps_per_frame.setValue(steps_per_frame)
            self.loss.setCurrentIndex(self.loss.findData(s.loss))
        self.loss_caption.setText(LOSS_CAPTIONS[s.loss])
        label, tip = STOP_TEXTS[s.stop]
        if self.stop_label.text() != label:
            self.stop_label.setText(label)
            self.tolerance.setToolTip(tip)
        if self.learning_rate_value.value() != s.learning_rate:
            self.set_alpha(s.learning_rate)
        self.seed_label.setText(f"w, b = randn, seed {s.seed}")

    def set_alpha(self, alpha):
        """Show α in both the slider and the field without echoing signals."""
        with _blocked(self.learning_rate, self.learning_rate_value):
            self.learning_rate_value.setValue(alpha)
            self.learning_rate.setValue(alpha_to_slider(min(max(alpha, 1e-4), 100.0)))


class _blocked:
    """Block the signals of some widgets while the controller pushes state."""

    def __init__(self, *widgets):
        self.widgets = widgets

    def __enter__(self):
        self.old = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *exc):
        for w, old in zip(self.widgets, self.old):
            w.blockSignals(old)


blocked = _blocked
