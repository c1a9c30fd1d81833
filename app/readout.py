"""What the run is doing, in words and numbers: state, iteration, J, ‖dw‖, accuracy."""

from __future__ import annotations

import re

from PySide6 import QtCore, QtWidgets

#: A number as the status writes it: 201, 47,000, 0.0143595, 1.01e-65, 50.0%.
_NUMBER = re.compile(r"\d[\d,.]*(?:e[+-]?\d+)?")


def _label(name, text="", cls=QtWidgets.QLabel):
    lab = cls(text)
    lab.setObjectName(name)
    lab.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


class StatusPanel(QtWidgets.QFrame):
    """Passive readout; ``lower_alpha`` is the one-click answer to a divergence,
    ``action`` the one for the other regimes (raise α, standardize, add a class)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("statusPanel")
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        self.state = _label("stateLabel", cls=_SteadyStatus)
        self.state.setWordWrap(True)
        grid.addWidget(self.state, 0, 0, 1, 2)
        self.explanation = _label("explanationLabel", cls=_SteadyStatus)
        self.explanation.setWordWrap(True)
        grid.addWidget(self.explanation, 1, 0, 1, 2)
        self.lower_alpha = QtWidgets.QPushButton("Lower α ÷10 and resume")
        self.lower_alpha.setObjectName("lowerAlpha")
        self.lower_alpha.hide()
        grid.addWidget(self.lower_alpha, 2, 0, 1, 2)
        self.action = QtWidgets.QPushButton()
        self.action.setObjectName("regimeAction")
        self.action.hide()
        grid.addWidget(self.action, 2, 0, 1, 2)
        self.iteration = _label("iterationLabel", cls=_SteadyStatus)
        self.cost = _label("costLabel", cls=_SteadyStatus)
        self.grad_norm = _label("gradNormLabel", cls=_SteadyStatus)
        self.accuracy = _label("accuracyLabel", cls=_SteadyStatus)
        self.likelihood = _label("likelihoodLabel", cls=_SteadyStatus)
        self.likelihood.setToolTip(
            "The lecture's maximum-likelihood slide: p(y|x) = ŷ^y (1 − ŷ)^(1−y) (Bernoulli), so\n"
            "log p(y|x) = y log ŷ + (1 − y) log(1 − ŷ) = −L(ŷ, y).\n"
            "For the whole training set, log P(labels) = Σ log p(y⁽ⁱ⁾|x⁽ⁱ⁾) = −Σ L = −m·J,\n"
            "so P(labels) = exp(−m·J): minimizing J maximizes the likelihood.")
        self.alpha_star = _label("alphaStarLabel", cls=_SteadyStatus)
        # The numbers one to a line (two to a line wrapped "‖dw‖ = 9.71e-05 (ε =" in a
        # narrow column); each wraps between words, never inside a number, so
        # "= 1.01e-65" stays whole.
        numbers = QtWidgets.QWidget()
        numbers.setObjectName("statusNumbers")
        column = QtWidgets.QVBoxLayout(numbers)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        for lab in (self.iteration, self.cost, self.grad_norm, self.accuracy):
            lab.setWordWrap(True)
            column.addWidget(lab)
        self.numbers = numbers
        grid.addWidget(numbers, 3, 0, 1, 2)
        for lab in (self.likelihood, self.alpha_star):
            lab.setWordWrap(True)
        grid.addWidget(self.alpha_star, 5, 0, 1, 2)
        grid.addWidget(self.likelihood, 6, 0, 1, 2)


class _SteadyLabel(QtWidgets.QLabel):
    """Word-wrapped, and never shorter than it has been for text of this shape (the
    same terms) at this width: when the numbers rewrap during a run, the plot above
    keeps its size (else its aspect-locked view rescales and the picture jumps),
    yet a one-line equation takes one line."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tallest = {}

    @staticmethod
    def shape(text):
        """Texts of one shape share their tallest height: here, equations with as many terms."""
        return text.count("x")

    def heightForWidth(self, width):  # noqa: N802 - Qt's name
        height = super().heightForWidth(width)
        key = (width, self.shape(self.text()), self.font().key())
        height = max(height, self._tallest.get(key, 0))
        if len(self._tallest) > 32:
            self._tallest.clear()
        self._tallest[key] = height
        return height


class _SteadyStatus(_SteadyLabel):
    """A status line that keeps the tallest height it has had at this width for these
    words, whatever its numbers: when J's digits rewrapped, the panel changed height
    and the cost and landscape plots under it were resized, re-laid out and redrawn
    with their axes (~25 resizes an action, and the plots jumped in front of the
    class).  New words (another state, another explanation) take their own height:
    kept for any text, the height of a diverging run's four-line explanation stayed
    after it, and the plots under the panel stayed squeezed."""

    @staticmethod
    def shape(text):
        return _NUMBER.sub("#", text)


class EquationBar(QtWidgets.QFrame):
    """The model and its boundary in original x1, x2 units; ``scaling`` is the note
    on standardization, which the window places (in its status bar)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("equationBar")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        self.model = _label("modelEquation", cls=_SteadyLabel)
        self.boundary = _label("boundaryEquation", cls=_SteadyLabel)
        for lab in (self.model, self.boundary):
            lab.setWordWrap(True)
            layout.addWidget(lab)
        # Shown by the window where there is room (the status bar), not in this bar.
        self.scaling = _label("scalingNote")
        self.scaling.setWordWrap(True)
