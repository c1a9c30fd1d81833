"""Desktop launch and the last line of defence.

* ``install_desktop_entry`` (``logitlab --install-desktop-entry``) writes a
  launcher whose Exec runs the venv's installed ``logitlab`` script and installs the icon;
  resources/logitlab.desktop is a valid entry; the app's desktopFileName
  matches it and the window has the icon.
* An uncaught exception shows an error dialog and keeps every point.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui
from PySide6.QtTest import QTest

from app import main as main_module
from app.desktop import install_desktop_entry
from core.lesson import Lesson, write_lesson

from .support import ROOT, message_boxes, points_and_labels, same_data, take_box

RESOURCES = ROOT / "resources"


def _entry(path):
    """The [Desktop Entry] group of a .desktop file as a dict."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].strip() == "[Desktop Entry]", f"{path} does not start with [Desktop Entry]"
    entry = {}
    for line in lines[1:]:
        if line.startswith("["):
            break
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            entry[key.strip()] = value.strip()
    return entry


def test_shipped_desktop_entry_and_icon():
    entry = _entry(RESOURCES / "logitlab.desktop")
    assert entry["Type"] == "Application"
    assert entry["Name"] == "LogitLab"
    assert entry["Icon"] == "logitlab"
    assert shlex.split(entry["Exec"])[0] == "logitlab"
    assert entry.get("StartupWMClass") == "logitlab"
    icon = QtGui.QIcon(str(RESOURCES / "logitlab.svg"))
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).isNull()


def _check_installed(apps, icons):
    desktop = apps / "logitlab.desktop"
    assert desktop.is_file()
    entry = _entry(desktop)
    argv = shlex.split(entry["Exec"])
    # The venv's installed script: `python -m app` would run an app.py of the current folder.
    assert argv[0] == str(Path(sys.executable).with_name("logitlab")), entry["Exec"]
    assert Path(argv[0]).is_file()
    assert "-m" not in argv
    assert entry["Icon"] == "logitlab" and entry["Name"] == "LogitLab"
    icon = icons / "logitlab.svg"
    assert icon.is_file()
    assert icon.read_bytes() == (RESOURCES / "logitlab.svg").read_bytes()


def test_install_desktop_entry_for_this_user(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert install_desktop_entry(home=tmp_path) == 0
    share = tmp_path / ".local" / "share"
    _check_installed(share / "applications", share / "icons" / "hicolor" / "scalable" / "apps")
    assert "logitlab.desktop" in capsys.readouterr().out


def test_install_desktop_entry_follows_xdg_data_home(tmp_path, monkeypatch, capsys):
    data = tmp_path / "elsewhere"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    assert main_module.main(["--install-desktop-entry"]) == 0
    _check_installed(data / "applications", data / "icons" / "hicolor" / "scalable" / "apps")


def test_install_desktop_entry_failure_is_one_line(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert install_desktop_entry(home=tmp_path) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("logitlab: ")


def test_main_opens_the_lesson_with_desktop_name_and_icon(run_main, app_state, tmp_path):
    lesson = Lesson(points=[[0.0, 0.5], [1.0, -1.0], [2.0, 2.5]], labels=[1, 0, 1],
                    learning_rate=0.25, seed=17, title="From the command line")
    path = tmp_path / "cli.logitlab.json"
    write_lesson(path, lesson)
    status, made = run_main([str(path)])
    assert status == 0
    qapp = app_state
    assert qapp.desktopFileName() == "logitlab" == (RESOURCES / "logitlab.desktop").stem
    assert (qapp.organizationName(), qapp.applicationName()) == ("LogitLab", "LogitLab")
    (win,) = made
    assert not win.windowIcon().isNull()
    assert win.isVisible()
    assert same_data(points_and_labels(win), (lesson.points, lesson.labels))
    assert win.controller.session.learning_rate == 0.25 and win.controller.session.seed == 17
    assert win.files.path == str(path)
    assert not win.controller.undo_stack.canUndo(), "opening is not an edit to undo"
    assert sys.excepthook is not sys.__excepthook__


def test_excepthook_shows_a_dialog_and_keeps_the_points(qtbot, window, app_state):
    win = window
    win.preset_menu.load(1)
    win.controller.session.step(12)
    before = points_and_labels(win)
    theta = win.controller.session.engine.theta.tobytes()
    main_module.install_excepthook(win)
    try:
        raise ValueError("a fake bug for the test")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    text = take_box(qtbot, win, "errorDialog")
    assert "a fake bug for the test" in text and "points are kept" in text
    assert same_data(points_and_labels(win), before)
    assert win.controller.session.engine.theta.tobytes() == theta
    # Still usable.
    win.controller.add_point(0.5, 0.5, 1)
    assert win.controller.session.m == len(before[0]) + 1


def test_a_burst_of_bugs_is_one_plain_text_box_that_counts(qtbot, window, app_state):
    """A bug in a playing run's frame repeats 60 times a second: 30 errors stacked 30
    boxes over the class's screen.  A message quoting markup ("<b>x1</b>") was drawn as
    bold text, and an error without a message read "Something went wrong: " alone."""
    from .support import message_boxes

    main_module.install_excepthook(window)

    def raise_(exc):
        try:
            raise exc
        except Exception as caught:  # noqa: BLE001 - handed to the hook as Python would
            sys.excepthook(type(caught), caught, caught.__traceback__)

    raise_(ValueError("<b>x1</b> is not a number"))
    for _ in range(29):
        raise_(KeyError())
    (box,) = message_boxes(window, "errorDialog")
    assert box.textFormat() == QtCore.Qt.TextFormat.PlainText
    assert box.text().startswith("Something went wrong 30 times; the first: "
                                 "ValueError: <b>x1</b> is not a number"), box.text()
    box.close()
    box.deleteLater()
    qtbot.waitUntil(lambda: not message_boxes(window, "errorDialog"), timeout=10_000)
    raise_(KeyError())
    text = take_box(qtbot, window, "errorDialog")
    assert "Something went wrong: KeyError\n" in text, text


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_key_handler_shows_the_dialog(qtbot, window, app_state):
    """A bug behind a key (here: a step that raises) ends in the dialog, not in a crash."""
    win = window
    win.preset_menu.load(1)
    before = points_and_labels(win)
    main_module.install_excepthook(win)
    session = win.controller.session

    def broken_step(*args, **kwargs):
        raise RuntimeError("step exploded")

    session.step = broken_step
    try:
        QTest.keyClick(win.focusWidget() or win, QtCore.Qt.Key.Key_Right)
        text = take_box(qtbot, win, "errorDialog")
    finally:
        del session.step
    assert "step exploded" in text
    assert same_data(points_and_labels(win), before)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=10_000)
    it = win.controller.session.engine.iteration
    QTest.keyClick(win.focusWidget() or win, QtCore.Qt.Key.Key_Right)
    assert win.controller.session.engine.iteration == it + 1
    assert not message_boxes(win)


def test_the_desktop_entry_and_presets_need_no_qt_widgets():
    """--install-desktop-entry finds its files without building any Qt widget."""
    import subprocess

    code = ("import sys, app.desktop, app.resources; "
            "sys.exit('PySide6.QtWidgets' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_installed_script_ignores_an_app_py_in_the_current_folder(tmp_path):
    """The launcher never runs code from the folder it is started in (issue 16, case 9)."""
    import subprocess

    (tmp_path / "app.py").write_text("print('WRONG APP'); raise SystemExit(7)\n")
    (tmp_path / "core.py").write_text("raise ImportError('wrong core')\n")
    script = Path(sys.executable).with_name("logitlab")
    done = subprocess.run([str(script), "--help"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "WRONG APP" not in done.stdout and "logistic regression" in done.stdout
