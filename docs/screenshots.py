"""Regenerate the README's screenshots: `.venv/bin/python docs/screenshots.py`.

Each scene is set up the way a teacher would (preset, features, α, Play for a
while) and the whole window is grabbed at a projector size.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import QtCore, QtWidgets  # noqa: E402

OUT = Path(__file__).resolve().parent


def run(window, steps):
    c = window.controller
    c.session.step(steps)
    c.refresh()
    for _ in range(40):  # let the landscape fill in and the window paint
        c.landscape.frame()
        QtWidgets.QApplication.processEvents()
    c.refresh()


def scene(name, size, setup):
    from app import create_main_window

    window = create_main_window()
    window.resize(*size)
    window.show()
    QtWidgets.QApplication.processEvents()
    setup(window)
    QtWidgets.QApplication.processEvents()
    window.grab().save(str(OUT / name))
    window.controller.timer.stop()
    window.close()
    print("wrote", OUT / name)


def circle(window):
    window.preset_menu.load(1)
    run(window, 1500)


def ring_diverging(window):
    c = window.controller
    window.preset_menu.load(4)
    c.set_learning_rate(50.0)
    c.reset_same()
    run(window, 90)


def race(window):
    c = window.controller
    window.preset_menu.load(2)
    for box, rate in zip(window.controls.race_rates, (0.01, 0.1, 1.0, 0.0)):
        box.setValue(rate)
    window.controls.race_group.setChecked(True)
    for _ in range(60):
        c.race.race.step(50)
    c.refresh()
    run(window, 0)


def inside(window):
    c = window.controller
    window.preset_menu.load(5)
    window.controls.show_pull.setChecked(True)
    run(window, 300)
    p = c.session.points[3]
    c.on_plot_click(p[0], p[1], QtCore.Qt.MouseButton.LeftButton,
                    QtCore.Qt.KeyboardModifier.ControlModifier)


def sigmoid_view(window):
    window.preset_menu.load(2)
    run(window, 100)
    window.tabs.setCurrentWidget(window.sigmoid_view)
    window.controller.refresh()


def one_d(window):
    window.tabs.setCurrentWidget(window.one_d)
    window.one_d.alpha.setValue(0.8)
    for _ in range(6):
        window.one_d.step.click()


def presentation(window):
    window.preset_menu.load(1)
    run(window, 800)
    window.appearance.set_presentation(True)
    window.controller.set_playing(True)
    window.controller.tick()
    window.controller.set_playing(False)


def dark(window):
    window.preset_menu.load(3)
    window.controller.set_terms(("x1", "x2", "x1^2", "x1*x2", "x2^2"))
    run(window, 400)
    window.appearance.set_theme("dark")


if __name__ == "__main__":
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    QtCore.QStandardPaths.setTestModeEnabled(True)
    scene("screenshot-1920.png", (1920, 1080), circle)
    scene("screenshot-1280.png", (1280, 720), circle)
    scene("divergence.png", (1600, 900), ring_diverging)
    scene("race.png", (1600, 900), race)
    scene("graph.png", (1600, 900), inside)
    scene("sigmoid.png", (1600, 900), sigmoid_view)
    scene("one-d.png", (1600, 900), one_d)
    scene("presentation-1920.png", (1920, 1080), presentation)
    scene("presentation-1280.png", (1280, 720), presentation)
    scene("dark.png", (1600, 900), dark)
