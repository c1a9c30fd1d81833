"""Build the window, its controller, menus and shortcuts in one place."""

from __future__ import annotations

from PySide6 import QtGui, QtWidgets

from .controller import Controller
from .main_window import RESOURCES, MainWindow
from .presets import PresetMenu

SHORTCUTS = [
    ("Space", "Play / pause"),
    ("→", "One descent step"),
    ("←", "Step back (while history exists)"),
    ("PageUp / PageDown", "α × 3 / α ÷ 3"),
    ("R", "Reset with a new random init"),
    ("Shift+R", "Reset, same init"),
    ("1 / 0", "Clicks add class 1 / class 0 points"),
    ("Ctrl+1 … Ctrl+9", "Load preset 1 … 9"),
    ("Ctrl+Z / Ctrl+Shift+Z", "Undo / redo a point edit"),
    ("L / Q", "Linear / quadratic features"),
    ("F1", "This sheet"),
]


def assemble(session=None):
    window = MainWindow()
    controller = Controller(window, session)
    window.controller = controller
    _menus(window, controller)
    qss = RESOURCES / "light.qss"
    if qss.exists():
        window.setStyleSheet(qss.read_text(encoding="utf-8"))
    window.resize(1600, 900)
    return window


def _menus(window, c):
    bar = window.menuBar()
    add = window.add_action

    file_menu = bar.addMenu("&File")
    add(file_menu, "&Quit", window.close, "Ctrl+Q", "actionQuit")

    edit = bar.addMenu("&Edit")
    undo = c.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts([QtGui.QKeySequence.StandardKey.Undo])
    redo = c.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QtGui.QKeySequence("Ctrl+Shift+Z"), QtGui.QKeySequence("Ctrl+Y")])
    for action, name in ((undo, "actionUndo"), (redo, "actionRedo")):
        action.setObjectName(name)
        edit.addAction(action)
        window.addAction(action)
    edit.addSeparator()
    add(edit, "Add class &1 points", lambda: c.select_class(1), "1", "actionClassOne")
    add(edit, "Add class &0 points", lambda: c.select_class(0), "0", "actionClassZero")
    add(edit, "&Clear points", c.clear_points, None, "actionClear")

    run = bar.addMenu("&Run")
    add(run, "&Play / pause", c.toggle_playing, "Space", "actionPlay")
    add(run, "&Step", c.step_once, "Right", "actionStep")
    add(run, "Step &back", c.step_back, "Left", "actionStepBack")
    add(run, "&Reset (new init)", c.reset_new, "R", "actionReset")
    add(run, "Reset, &same init", c.reset_same, "Shift+R", "actionResetSame")
    run.addSeparator()
    add(run, "α × 3", lambda: c.multiply_learning_rate(3.0), "PgUp", "actionAlphaUp")
    add(run, "α ÷ 3", lambda: c.multiply_learning_rate(1 / 3.0), "PgDown", "actionAlphaDown")
    run.addSeparator()
    from core.features import LINEAR, QUADRATIC

    add(run, "&Linear features", lambda: c.set_terms(LINEAR), "L", "actionLinear")
    add(run, "&Quadratic features", lambda: c.set_terms(QUADRATIC), "Q", "actionQuadratic")

    window.preset_menu = PresetMenu(window, c, bar.addMenu("&Presets"))

    help_menu = bar.addMenu("&Help")
    add(help_menu, "&Keyboard shortcuts", lambda: show_shortcuts(window), "F1", "actionShortcuts")


def show_shortcuts(window):
    rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;&nbsp;{v}</td></tr>" for k, v in SHORTCUTS)
    box = QtWidgets.QMessageBox(window)
    box.setObjectName("shortcutSheet")
    box.setWindowTitle("LogitLab keyboard shortcuts")
    box.setText(f"<table>{rows}</table><p>Mouse: click adds a point, Shift+click the other "
                "class, right-click deletes, drag moves a point, wheel zooms.</p>")
    box.open()
    return box
