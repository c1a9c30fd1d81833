"""Zones of the learning-rate slider: smooth / may oscillate / may diverge around α*."""

from __future__ import annotations

import math

from PySide6 import QtCore, QtGui, QtWidgets

ZONES = (("smooth", "#7fc97f"), ("may oscillate", "#fdc086"), ("may diverge", "#f0027f"))

TOOLTIP = (
    "α* = 8m / λ_max(X̃X̃ᵀ + 4·diag(0, λ/s₁², …, λ/sₙ²)) for the current features\n"
    "(X̃ with a row of ones for b; λ the L2 penalty, s_j the features' scales, b not penalized).\n"
    "The Hessian of J is X̃·diag(a(1−a))·X̃ᵀ/m + diag(0, λ/s_j²)/m ≼ (X̃X̃ᵀ/4 + diag(0, λ/s_j²))/m\n"
    "(squared error's curvature is smaller still), so plain gradient descent cannot blow up\n"
    "for α < α*. Below α*/2 every direction, even the steepest, moves monotonically (smooth);\n"
    "between α*/2 and α* it may zig-zag but J still falls; above α* there is no guarantee:\n"
    "it may oscillate or diverge.\n"
    "Standardizing features of very different or large scales shrinks λ_max, which moves α*\n"
    "up; a larger λ moves it down."
)


class StabilityBar(QtWidgets.QWidget):
    """Passive: paints the zones under a log-scale QSlider and marks α*."""

    def __init__(self, slider, to_slider, parent=None):
        super().__init__(parent)
        self.setObjectName("stabilityBar")
        self.slider = slider
        self.to_slider = to_slider  # α -> slider value
        self.alpha_star = math.inf
        self._last_drawn = None  # (x of α*/2, x of α*, its text, width) last asked for
        self.setMinimumHeight(22)
        self.setToolTip(TOOLTIP)

    def set_alpha_star(self, value):
        self.alpha_star = value
        # Each click moves α* a little; repaint only when the picture changes.
        drawn = self._drawn(value)
        if drawn != self._last_drawn:
            self._last_drawn = drawn
            self.update()

    def _drawn(self, a):
        if not (math.isfinite(a) and a > 0):
            return None
        return round(self.x_of(a / 2)), round(self.x_of(a)), f"{a:.3g}", self.width()

    def x_of(self, alpha):
        """Pixel x of α, aligned with the slider's handle centre."""
        s = self.slider
        opt = QtWidgets.QStyleOptionSlider()
        s.initStyleOption(opt)
        handle = s.style().pixelMetric(QtWidgets.QStyle.PixelMetric.PM_SliderLength, opt, s)
        value = min(max(self.to_slider(alpha), s.minimum()), s.maximum())
        span = self.width() - handle
        return handle / 2 + QtWidgets.QStyle.sliderPositionFromValue(
            s.minimum(), s.maximum(), int(value), max(span, 1))

    def paintEvent(self, event):
        p = QtGui.QPainter(self)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        h = self.height()
        band = QtCore.QRectF(0, 2, self.width(), h * 0.45)
        a = self.alpha_star
        if not (math.isfinite(a) and a > 0):
            p.fillRect(band, QtGui.QColor(ZONES[0][1]))
            return
        x_half, x_star = self.x_of(a / 2), self.x_of(a)
        edges = [0, x_half, x_star, self.width()]
        for (_, colour), left, right in zip(ZONES, edges, edges[1:]):
            if right > left:
                p.fillRect(QtCore.QRectF(left, band.top(), right - left, band.height()),
                           QtGui.QColor(colour))
        pen = QtGui.QPen(self.palette().windowText().color(), 2)
        p.setPen(pen)
        p.drawLine(QtCore.QPointF(x_star, 0), QtCore.QPointF(x_star, h))
        text = f"α* = {a:.3g}"
        fm = p.fontMetrics()
        tw = fm.horizontalAdvance(text)
        tx = min(max(x_star + 3, 0), self.width() - tw)
        if tx < x_star and tx + tw > x_star:
            tx = x_star - tw - 3
        p.drawText(QtCore.QPointF(tx, h - 1), text)
