"""A LogitLab process that edits points and saves, over and over, until it is killed.

    python tests/reliability/save_driver.py MODE LESSON SEED

Builds the real window as ``python -m app LESSON`` does (offscreen, the same
application and organisation names, so the autosave goes where the app's
would), opens LESSON, then loops: add one point (through the undo stack, as
a click does), then, by MODE, save the lesson (``files.save_to``) and/or
write the autosave (``autosave.write_now``, what the debounce timer calls).
Every phase is announced on stdout, flushed, so the test knows what was
committed when it sends SIGKILL:

    ready FOLDER            the autosave folder
    session NAME            this session's autosave file in it
    begin lesson|autosave K  about to save with K points added
    end lesson|autosave K    saved (or "fail ..." if the save reported an error)

The K-th added point is ``added_point(SEED, K)``, so a file's points tell
exactly how many edits it holds.
"""

from __future__ import annotations

import os
import sys


def added_point(seed, k):
    """The k-th point this driver adds (k = 1, 2, ...) and its label."""
    return (seed + k * 0.001, -seed - k * 0.002), k % 2


def main(argv):
    mode, lesson_path, seed = argv[0], argv[1], int(argv[2])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
        __file__)))))
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication(["logitlab"])
    app.setApplicationName("LogitLab")
    app.setOrganizationName("LogitLab")
    from app import create_main_window

    window = create_main_window()
    if not window.files.open_path(lesson_path):
        print(f"cannot open {lesson_path}: {window.files.last_problem}", flush=True)
        return 2
    c = window.controller
    c.undo_stack.clear()
    print(f"ready {c.autosave.folder}", flush=True)
    print(f"session {c.autosave.path.name}", flush=True)  # its own file (a random id)
    k = 0
    while True:
        k += 1
        (x, y), label = added_point(seed, k)
        c.add_point(x, y, label)
        c.autosave.timer.stop()  # written below, not by the debounce timer
        if mode in ("lesson", "both"):
            print(f"begin lesson {k}", flush=True)
            ok = window.files.save_to(lesson_path)
            window.files.wait_for_save()  # large lessons are written by a worker thread
            ok = ok and window.files.path == str(lesson_path)
            print(f"{'end' if ok else 'fail'} lesson {k}", flush=True)
        if mode in ("autosave", "both"):
            print(f"begin autosave {k}", flush=True)
            ok = c.autosave.write_now()
            if hasattr(c.autosave, "wait"):
                c.autosave.wait()  # large lessons are written by a worker thread
            ok = ok and c.autosave.last_error is None
            print(f"{'end' if ok else 'fail'} autosave {k}", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
