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


def _write_stderr(text):
    """Write to stderr, which may be gone (SIGHUP: the terminal was closed)."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def quiet_qt_messages():
    """Drop the offscreen plugin's 'does not support propagateSizeHints()' noise, so the
    command line's one-line messages stay one line; every other Qt message still shows."""
    from PySide6 import QtCore

    def handler(mode, context, message):
        if "propagateSizeHints" in message:
            return
        _write_stderr(message + "\n")

    QtCore.qInstallMessageHandler(handler)


#: Signals that end the session: saved for the next start, then a clean exit.
ENDING_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


class EndingSignals:
    """Ctrl+C, SIGTERM and SIGHUP: autosave now, keep it for the next start, exit cleanly.

    Python runs a signal handler only between bytecodes, and while Qt's event
    loop waits in C++ there are none, so the handler here does nothing and
    ``signal.set_wakeup_fd`` carries the signal instead: its C handler writes
    the signal's number into a socket, a QSocketNotifier wakes the event loop,
    and the session ends from the loop, like any other event (never a
    KeyboardInterrupt in the middle of a mouse event).  Signals that arrive
    before the window exists wait in the socket until :meth:`attach`."""

    def __init__(self):
        import signal
        import socket

        self.signals = [getattr(signal, name) for name in ENDING_SIGNALS
                        if hasattr(signal, name)]
        self.read, self.write = socket.socketpair()
        self.read.setblocking(False)
        self.write.setblocking(False)
        self.previous_fd = signal.set_wakeup_fd(self.write.fileno(), warn_on_full_buffer=False)
        self.previous = {s: signal.signal(s, self._noted) for s in self.signals}
        self.notifier = None
        self.received = []  # numbers, in order
        self._handle = None

    @staticmethod
    def _noted(signum, frame):
        """The Python-level handler: nothing to do here (the wakeup byte carries it)."""

    def attach(self, handle):
        """From now on ``handle(signum)`` runs in the event loop for each ending signal."""
        from PySide6 import QtCore

        self._handle = handle
        self.notifier = QtCore.QSocketNotifier(self.read.fileno(),
                                               QtCore.QSocketNotifier.Type.Read)
        self.notifier.activated.connect(self._woken)
        self._woken()  # any that came before

    def _woken(self, *_):
        try:
            data = self.read.recv(4096)
        except (BlockingIOError, InterruptedError):
            data = b""
        for signum in data:
            if signum in self.signals:
                self.received.append(signum)
                if self._handle is not None:
                    self._handle(signum)

    def close(self):
        """Put back what was there before (tests run main() more than once)."""
        import signal

        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        for s, previous in self.previous.items():
            signal.signal(s, previous if previous is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(self.previous_fd)
        self.read.close()
        self.write.close()


def end_session(window, signum):
    """An ending signal: unsaved work is autosaved and kept, the window closes, the
    event loop ends (every nested one too: a dialog open at that moment)."""
    import signal

    from PySide6 import QtWidgets

    closing = window.closing
    if closing.closed:
        return
    if signum != getattr(signal, "SIGHUP", None):  # after SIGHUP no terminal is listening
        kept = ("unsaved work is autosaved for the next start" if closing.unsaved() else
                "nothing was unsaved")
        _write_stderr(f"logitlab: {signal.Signals(signum).name}: closing; {kept}\n")
    closing.end_by_signal(signum)
    if closing.closed:
        QtWidgets.QApplication.exit(closing.exit_status(0))


def install_excepthook(window):
    """Show uncaught exceptions in a dialog and keep the app (and its points) alive."""
    from PySide6 import QtCore, QtWidgets

    shown = {"box": None, "count": 0, "first": ""}  # the box on screen and its errors

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C is a request, not a bug
            import signal

            end_session(window, signal.SIGINT)
            return
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        _write_stderr(text)
        try:
            what = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
            box = shown["box"]
            if box is not None and box.isVisible():
                # One box, counting: a bug in a frame of a playing run repeats at 60 Hz,
                # and stacked one box per frame over the class's screen.
                shown["count"] += 1
                box.setText(f"Something went wrong {shown['count']:,} times; the first: "
                            f"{shown['first']}\n\nYour points are kept; you can go on.")
                return
            box = QtWidgets.QMessageBox(window)
            box.setObjectName("errorDialog")
            box.setIcon(QtWidgets.QMessageBox.Icon.Critical)
            box.setWindowTitle("LogitLab hit a bug")
            box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # an error may quote a file
            box.setText(f"Something went wrong: {what}\n\nYour points are kept; you can go on.")
            box.setDetailedText(text)
            shown.update(box=box, count=1, first=what)
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
            if not (args.from_desktop and not headless):
                return cli.fail(str(exc))
            args.problem = str(exc)  # said in the window, which opens as with no file
        except KeyboardInterrupt:  # Ctrl+C while a large file is read: nothing to keep yet
            return 130
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
    signals = None if headless else EndingSignals()
    try:
        return _run(args, lesson, headless, signals)
    finally:
        if signals is not None:
            signals.close()


def _run(args, lesson, headless, signals):
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

    closing = window.closing
    signals.attach(lambda signum: end_session(window, signum))
    if closing.closed:  # a signal came while starting up
        return closing.exit_status(0)
    install_excepthook(window)
    # Fill the screen (a projector) even without a window manager to maximise it.
    window.setGeometry(app.primaryScreen().availableGeometry())
    window.showMaximized()
    if lesson is not None:
        # A lesson loads; a table loads or waits in its preview (then Save asks where).
        picks = dict(cli.picks(args), skip_bad_rows=args.skip_bad_rows)
        window.files.open_read(args.file, lesson, picks)
        window.controller.undo_stack.clear()
    else:
        window.preset_menu.load_first()
        if getattr(args, "problem", None):
            from .file_ui import show_problem

            show_problem(window, "Cannot open this file", args.problem)
    # Work a crash or a kill left behind is offered with a file given too (the file
    # was opened first: restoring replaces it on screen, and it stays on disk).
    if not closing.closed:
        offer_restore(window)
    if closing.closed:  # a signal came while a dialog was open
        return closing.exit_status(0)
    return closing.exit_status(app.exec())
