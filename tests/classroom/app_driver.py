"""The real app (``app.main.main``, as ``logitlab`` runs it) in a child process, driven over stdin.

    python tests/classroom/app_driver.py [logitlab arguments]

It makes the QApplication, reads commands from stdin on a thread (handed to
the GUI thread as queued Qt signals, so they run inside whatever event loop
is running: the main one, a dialog's), then calls ``main(argv)`` and exits
with its status.  Everything it reports is one flushed line on stdout:

    ready                      the main window is shown
    dialog NAME: TEXT          a dialog appeared (TEXT: its words on one line)
    added M                    after ``add``: M points now
    info {json}                after ``info``: points, unsaved, autosave path, pid
    bye STATUS                 main() returned STATUS

Commands:

    add X Y LABEL       add a point through the undo stack, as a click does
    info                report the window's state
    quit                File ▸ Quit (what Ctrl+Q triggers)
    close               window.close() from code
    answer NAME BUTTON  click BUTTON (its text) in the next dialog NAME, now or when it shows
    restore ROW         pick row ROW in the restore list and click Restore
    wiggle              move the mouse over the plot every 5 ms from now on
"""

from __future__ import annotations

import json
import os
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def say(line):
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except (OSError, ValueError):
        pass


def main(argv):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, ROOT)
    from PySide6 import QtCore, QtGui, QtWidgets

    app = QtWidgets.QApplication(["logitlab"])

    def window():
        from app.main_window import MainWindow

        found = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        return found[0] if found else None

    class Driver(QtCore.QObject):
        line = QtCore.Signal(str)

        def __init__(self):
            super().__init__()
            self.answers = []  # (dialog name, button text)
            self.seen = set()
            self.ready = False
            self.line.connect(self.run)
            self.watch = QtCore.QTimer(self)
            self.watch.timeout.connect(self.look)
            self.watch.start(20)
            self.wiggler = QtCore.QTimer(self)
            self.wiggler.timeout.connect(self.wiggle_once)
            self.wiggle_step = 0

        def look(self):
            w = window()
            if w is not None and w.isVisible() and not self.ready:
                self.ready = True
                say("ready")
            for dialog in app.topLevelWidgets():
                if not isinstance(dialog, QtWidgets.QDialog) or not dialog.isVisible():
                    continue
                name = dialog.objectName() or type(dialog).__name__
                key = id(dialog)
                if key not in self.seen:
                    self.seen.add(key)
                    dialog.destroyed.connect(lambda _=None, k=key: self.seen.discard(k))
                    say(f"dialog {name}: {' | '.join(words(dialog)).replace(chr(10), ' ')}")
                for i, (want, button) in enumerate(self.answers):
                    if want == name:
                        self.answers.pop(i)
                        press(dialog, button)
                        return

        def run(self, text):
            parts = text.split()
            if not parts:
                return
            w = window()
            c = w.controller if w is not None else None
            cmd = parts[0]
            if cmd == "add":
                c.add_point(float(parts[1]), float(parts[2]), int(parts[3]))
                say(f"added {c.session.m}")
            elif cmd == "info":
                say("info " + json.dumps({
                    "points": c.session.points.tolist(), "unsaved": w.closing.unsaved(),
                    "autosave": str(c.autosave.path), "pid": os.getpid(),
                    "title": w.windowTitle()}))
            elif cmd == "quit":
                w.closing.quit()
            elif cmd == "close":
                w.close()
            elif cmd == "answer":
                self.answers.append((parts[1], " ".join(parts[2:])))
                self.look()
            elif cmd == "restore":
                self.answers.append(("restoreDialog", f"row {parts[1]}"))
                self.look()
            elif cmd == "wiggle":
                self.wiggler.start(5)
            elif cmd == "flatout":  # steps per frame at the maximum, Play
                spf = w.controls.steps_per_frame
                spf.setValue(spf.maximum())
                c.set_tolerance(0.0)
                c.set_playing(True)
            elif cmd == "stepper":  # the descent process's pid once it runs, else 0
                stepper = c.worker._stepper
                ready = getattr(stepper, "ready", False)
                say(f"stepper {stepper._proc.pid if ready else 0}")

        def wiggle_once(self):
            w = window()
            if w is None or not w.isVisible():
                return
            view = w.data_plot.viewport() if hasattr(w.data_plot, "viewport") else w.data_plot
            self.wiggle_step += 1
            k = self.wiggle_step % 200
            pos = QtCore.QPointF(50 + k * 2, 60 + (k * 7) % 150)
            event = QtGui.QMouseEvent(QtCore.QEvent.Type.MouseMove, pos,
                                      view.mapToGlobal(pos), QtCore.Qt.MouseButton.NoButton,
                                      QtCore.Qt.MouseButton.NoButton,
                                      QtCore.Qt.KeyboardModifier.NoModifier)
            app.sendEvent(view, event)

    def words(dialog):
        if isinstance(dialog, QtWidgets.QMessageBox):
            return [t for t in (dialog.windowTitle(), dialog.text(), dialog.informativeText())
                    if t]
        texts = [dialog.windowTitle()]
        lst = dialog.findChild(QtWidgets.QListWidget)
        if lst is not None:
            texts += [lst.item(i).text() for i in range(lst.count())]
        return texts

    def press(dialog, button):
        if button.startswith("row "):
            dialog.list.setCurrentRow(int(button[4:]))
            button = "Restore"
        for b in dialog.findChildren(QtWidgets.QAbstractButton):
            if b.text() == button:
                enabled = b.isEnabled()
                b.click()
                say(f"pressed {button}" + ("" if enabled else " (disabled)"))
                return
        say(f"no button {button!r} in {dialog.objectName()}")

    driver = Driver()

    def read_stdin():
        for text in sys.stdin:
            driver.line.emit(text.strip())

    threading.Thread(target=read_stdin, name="stdin", daemon=True).start()
    from app.main import main as logitlab

    status = logitlab(argv)
    say(f"bye {status}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
