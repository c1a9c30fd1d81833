"""``logitlab`` / ``python -m app``: start the GUI (or, later, export headless)."""

from __future__ import annotations

import sys
import traceback


def _qt_missing_message(exc):
    return (
        "LogitLab could not start Qt: "
        f"{exc}\nOn Debian/Ubuntu install the libraries Qt needs:\n"
        "  sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 "
        "libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libegl1 libgl1\n"
        "or run offscreen with QT_QPA_PLATFORM=offscreen."
    )


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
    argv = sys.argv[1:] if argv is None else argv
    try:
        from PySide6 import QtWidgets
    except ImportError as exc:  # pragma: no cover - depends on the machine
        print(_qt_missing_message(exc), file=sys.stderr)
        return 2

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(["logitlab", *argv])
    app.setApplicationName("LogitLab")
    app.setOrganizationName("LogitLab")
    app.setDesktopFileName("logitlab")
    from . import create_main_window

    window = create_main_window()
    window.controller.load_first_preset()
    install_excepthook(window)
    # Fill the screen (a projector) even without a window manager to maximise it.
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.showMaximized()
    return app.exec()
