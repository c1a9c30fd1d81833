"""Build the window, its controller, menus and shortcuts in one place."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from .appearance import Appearance
from .autosave import Autosave
from .closing import Closing
from .controller import Controller
from .data_caption import DataCaption
from .files import FileActions
from .lecture_panel import install_lecture
from .main_window import COMPANIONS, MainWindow
from .presets import DemonstrationMenu, PresetMenu
from .script_player import install_script
from .shortcuts import show_shortcuts
from .stage import Stage
from .theme import THEMES


def limit_blas_threads():
    """One BLAS thread: our matrices are thin ((1, n_x) @ (n_x, m)), where extra
    threads only spin against Qt's painting — w.T @ X at m = 1e5 took 15 ms with
    two OpenBLAS threads on a busy 2-core machine and 0.06 ms with one."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


def assemble(session=None):
    limit_blas_threads()
    window = MainWindow()
    controller = Controller(window, session)
    window.controller = controller
    window.appearance = Appearance(window, on_change=controller.refresh,
                                   hold=controller.model.held)
    controller.autosave = Autosave(controller)
    controller.edited.connect(controller.autosave.schedule)
    controller.autosave.failed.connect(lambda msg: _autosave_failed(window, msg))
    # Closing with unsaved work asks (the ×, Ctrl+Q) or keeps it for the next start
    # (a signal, a close from code); a clean exit deletes the autosave. app/closing.py
    window.closing = Closing(window, controller)
    window.on_close = window.closing.on_close
    controller.autosave.title = window.closing.session_title
    controller.autosave.needed = lambda: bool(window.closing.unsaved())
    window.stage_keys = Stage(window, controller)
    _menus(window, controller)
    controller.autosave.description = window.files.lesson_description
    window.files.document.stored.connect(window.closing.stored)
    install_lecture(window, controller)  # the Lecture menu and its slides
    window.data_caption = DataCaption(window, controller.undo_stack, window.files.document,
                                      window.preset_menu)
    window.appearance.apply()
    window.resize(1600, 900)
    install_script(window, controller)  # the Script menu: predict, then run
    return window


def _autosave_failed(window, message):
    window.statusBar().showMessage(message)
    box = QtWidgets.QMessageBox(window)
    box.setObjectName("autosaveFailedDialog")
    box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    box.setWindowTitle("Autosave failed")
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # it names a path, maybe with "<"
    box.setText(message)
    box.open()


def _menus(window, c):
    bar = window.menuBar()
    add = window.add_action

    file_menu = bar.addMenu("&File")
    window.files = FileActions(window, c, file_menu)
    add(file_menu, "&Quit", window.closing.quit, "Ctrl+Q", "actionQuit")

    edit = bar.addMenu("&Edit")
    undo = c.undo_stack.createUndoAction(window, "&Undo")
    undo.triggered.disconnect()  # through the controller: a lesson step is a floor
    undo.triggered.connect(c.undo)
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
    stage = window.stage_keys
    # B and "." are a presenter remote's blank-screen key: here it plays and pauses.
    add(run, "&Play / pause", stage.play, ["Space", "B", "."], "actionPlay")
    add(run, "&Step", stage.step, "Right", "actionStep")
    add(run, "Step &back", stage.step_back, "Left", "actionStepBack")
    add(run, "&Reset (new init)", c.reset_new, "R", "actionReset")
    add(run, "Reset, &same init", c.reset_same, "Shift+R", "actionResetSame")
    run.addSeparator()
    add(run, "α × 3", lambda: stage.alpha(3.0), "PgUp", "actionAlphaUp")
    add(run, "α ÷ 3", lambda: stage.alpha(1 / 3.0), "PgDown", "actionAlphaDown")
    run.addSeparator()
    from core.features import LINEAR, QUADRATIC

    add(run, "&Linear features", lambda: c.set_terms(LINEAR), "L", "actionLinear")
    add(run, "&Quadratic features", lambda: c.set_terms(QUADRATIC), "Q", "actionQuadratic")
    run.addSeparator()
    add(run, "&Vectorization: loop vs np.dot…", lambda: show_vectorization(window), None,
        "actionVectorization")

    window.preset_menu = PresetMenu(window, c, bar.addMenu("&Presets"))
    window.demonstration_menu = DemonstrationMenu(window, c, window.preset_menu.menu)

    view = bar.addMenu("&View")
    ap = window.appearance
    window.presentation_action = add(view, "&Presentation mode", ap.set_presentation,
                                     ["F5", "Shift+F5"], "actionPresentation", checkable=True)
    add(view, "&Leave presentation mode", stage.leave, "Esc", "actionLeavePresentation")
    window.full_screen_action = add(
        view, "&Full screen", lambda on: window.showFullScreen() if on else window.showNormal(),
        "F11", "actionFullScreen", checkable=True)
    companions = view.addMenu("&Companion panel (presentation mode)")
    add(companions, "&Next panel", lambda: stage.cycle(1), "C", "actionNextCompanion")
    add(companions, "&Previous panel", lambda: stage.cycle(-1), "Shift+C",
        "actionPreviousCompanion")
    companions.addSeparator()
    group = QtGui.QActionGroup(window)
    for name, title in COMPANIONS:
        action = add(companions, title, lambda _=False, n=name: stage.select(n), None,
                     f"actionCompanion{name.title().replace('_', '')}", checkable=True)
        action.setChecked(name == window.companion)
        group.addAction(action)
        stage.actions[name] = action
    add(view, "Zoom &in", lambda: ap.set_zoom(ap.zoom * 1.15), ["Ctrl+=", "Ctrl++"], "actionZoomIn")
    add(view, "Zoom &out", lambda: ap.set_zoom(ap.zoom / 1.15), "Ctrl+-", "actionZoomOut")
    add(view, "&Actual size", lambda: ap.set_zoom(1.0), "Ctrl+0", "actionZoomReset")
    themes = view.addMenu("&Theme")
    group = QtGui.QActionGroup(window)
    for name in THEMES:
        action = add(themes, name.capitalize(), lambda _=False, n=name: ap.set_theme(n), None,
                     f"actionTheme{name.title().replace(' ', '')}", checkable=True)
        action.setChecked(name == "light")
        group.addAction(action)

    help_menu = bar.addMenu("&Help")
    add(help_menu, "&Keyboard shortcuts", lambda: show_shortcuts(window), "F1", "actionShortcuts")


def show_vectorization(window):
    from .vectorization_dialog import VectorizationDialog

    dialog = VectorizationDialog(window.controller.session, window)
    dialog.open()
    dialog.run()
    return dialog
