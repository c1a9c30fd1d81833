"""``logitlab`` / ``python -m app``: the GUI, or a headless export for slides."""

from __future__ import annotations

import os
import sys
import traceback

from . import cli

#: Libraries Qt's xcb platform plugin loads (from Qt 6.5 it needs xcb-cursor), with their packages.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
}


def missing_system_libraries():
    """Debian package names of the X11 libraries Qt will fail to load, if any."""
    import ctypes.util

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb":
        return []
    if not os.environ.get("DISPLAY"):
        return []
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def quiet_qt_messages():
    """Drop the offscreen plugin's 'does not support propagateSizeHints()' noise, so the
    command line's one-line messages stay one line; every other Qt message still shows."""
    from PySide6 import QtCore

    def handler(mode, context, message):
        if "propagateSizeHints" in message:
            return
        sys.stderr.write(message + "\n")

    QtCore.qInstallMessageHandler(handler)


def install_excepthook(window):
    """Show uncaught exceptions in a dialog and keep the app (and its points) alive."""
    from PySide6 import QtWidgets

    def hook(exc_type, exc, tb):
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(text)
        try:
            box = QtWidgets.QMessageBox(window)
            box.setObjectName("errorDialog")
            box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
            box.setWindowTitle("LogitLab hit a bug")
            box.setText(f"Something went wrong: {exc}\n\nYour points are kept; you can go on.")
            box.setDetailedText(text)
            box.open()
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            pass

    sys.excepthook = hook
    return hook


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    args = cli.parser().parse_args(argv)
    headless = bool(args.export_png or args.export_csv)

    if args.install_desktop_entry:
        from .desktop import install_desktop_entry

        return install_desktop_entry()

    lesson = None  # with headless: the Lesson; else a Lesson or a table's Choice
    if args.file:
        from core.lesson import FileProblem

        try:
            lesson = cli.read_input(args.file, args, ask=not headless)
        except FileProblem as exc:
            return cli.fail(str(exc))
    if headless:
        if lesson is None:
            return cli.fail("--export-png / --export-csv need a lesson or a table to render")
        # Rendering for slides must work with no display at all.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        missing = missing_system_libraries()
        if missing:
            return cli.fail("Qt needs system libraries that are missing; install them with: "
                            "sudo apt-get install " + " ".join(missing))
    try:
        from PySide6 import QtWidgets
    except ImportError as exc:
        return cli.fail(f"cannot import Qt ({exc}); reinstall with ./scripts/run")

    quiet_qt_messages()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["logitlab"])
    app.setApplicationName("LogitLab")
    app.setOrganizationName("LogitLab")
    app.setDesktopFileName("logitlab")
    from . import create_main_window

    window = create_main_window()
    if headless:
        from .export import export_headless

        return export_headless(window, lesson, args)
    from .autosave import offer_restore

    if lesson is None and not offer_restore(window):
        window.preset_menu.load_first()
    install_excepthook(window)
    # Fill the screen (a projector) even without a window manager to maximise it.
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.showMaximized()
    if lesson is not None:
        # A lesson loads; a table loads or waits in its preview (then Save asks where).
        picks = dict(cli.picks(args), skip_bad_rows=args.skip_bad_rows)
        window.files.open_read(args.file, lesson, picks)
        window.controller.undo_stack.clear()
    return app.exec()
