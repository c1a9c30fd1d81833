"""What the run is doing, in words and numbers: state, iteration, J, ‖dw‖, accuracy."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


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
        grid.setContentsMargins(8, 6, 8, 6)
        self.state = _label("stateLabel")
        self.state.setWordWrap(True)
        grid.addWidget(self.state, 0, 0, 1, 2)
        self.explanation = _label("explanationLabel")
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
        self.iteration = _label("iterationLabel")
        self.cost = _label("costLabel")
        self.grad_norm = _label("gradNormLabel")
        self.accuracy = _label("accuracyLabel")
        grid.addWidget(self.iteration, 3, 0)
        grid.addWidget(self.cost, 3, 1)
        grid.addWidget(self.grad_norm, 4, 0, 1, 2)
        grid.addWidget(self.accuracy, 5, 0, 1, 2)
        self.likelihood = _label("likelihoodLabel")
        self.likelihood.setToolTip(
            "The lecture's maximum-likelihood slide: p(y|x) = ŷ^y (1 − ŷ)^(1−y) (Bernoulli), so\n"
            "log p(y|x) = y log ŷ + (1 − y) log(1 − ŷ) = −L(ŷ, y).\n"
            "For the whole training set, log P(labels) = Σ log p(y⁽ⁱ⁾|x⁽ⁱ⁾) = −Σ L = −m·J,\n"
            "so P(labels) = exp(−m·J): minimising J maximises the likelihood.")
        grid.addWidget(self.likelihood, 7, 0, 1, 2)
        self.alpha_star = _label("alphaStarLabel")
        self.alpha_star.setWordWrap(True)
        self.grad_norm.setWordWrap(True)
        grid.addWidget(self.alpha_star, 6, 0, 1, 2)


class _TwoLineLabel(QtWidgets.QLabel):
    """Word-wrapped, always with room for two lines: when the text rewraps, the plot
    above keeps its size (else its aspect-locked view rescales and the picture jumps)."""

    def heightForWidth(self, width):
        m = self.contentsMargins()
        # Measured the way QLabel measures its own text, so two real lines fit exactly.
        box = QtCore.QRect(0, 0, 1 << 20, 1 << 20)
        two = self.fontMetrics().boundingRect(box, 0, "x\nx").height() + m.top() + m.bottom()
        return max(super().heightForWidth(width), two)


class EquationBar(QtWidgets.QFrame):
    """The model and its boundary in original x1, x2 units, plus the scaling note."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("equationBar")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        self.model = _label("modelEquation", cls=_TwoLineLabel)
        self.boundary = _label("boundaryEquation", cls=_TwoLineLabel)
        self.scaling = _label("scalingNote")
        for lab in (self.model, self.boundary, self.scaling):
            lab.setWordWrap(True)
            layout.addWidget(lab)
