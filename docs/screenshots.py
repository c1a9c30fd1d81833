"""Regenerate the screenshots in docs/: `.venv/bin/python docs/screenshots.py`.

Each scene is set up the way a teacher would (preset, features, α, steps) and
photographed in a real window on a virtual screen of the scene's size with
``../shared/tools/screenshot`` (Xvfb), exactly what a projector of that size
shows; without that tool the window is grabbed offscreen instead.

    docs/screenshots.py                       every picture (README's and docs/projector/)
    docs/screenshots.py NAME ...              only those (e.g. race.png)
    docs/screenshots.py --list                the names (and lecture-KEY.png, the slides)
    docs/screenshots.py --live SCENE WxH      run one scene in a window and wait
                                              (what the screenshot tool photographs)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
TOOL = ROOT.parent / "shared" / "tools" / "screenshot"
PROJECTOR = HERE / "projector"

PRESETS = {"linear": 0, "circle": 1, "blobs": 2, "xor": 3, "ring": 4, "outlier": 5}


# -- scenes: (window) -> None, run once the window is on screen at its size --------------


def _preset(window, name):
    window.preset_menu.load(PRESETS[name])
    window.controller.undo_stack.clear()


def _settle(window, steps=0):
    from PySide6 import QtWidgets

    c = window.controller
    if steps:
        c.session.step(steps)
    for _ in range(30):  # the landscape fills in on its thread; the window paints
        c.refresh()
        QtWidgets.QApplication.processEvents()
    c.refresh()


def circle(window):
    _preset(window, "circle")
    _settle(window, 1500)


def converged(window):
    _preset(window, "circle")
    s = window.controller.session
    for _ in range(400):
        s.step(500)
        if s.converged:
            break
    window.controller.inspect_point(7)
    _settle(window)


def oscillating(window):
    _preset(window, "blobs")
    window.controller.set_learning_rate(81.0)
    _settle(window, 60)


def race(window):
    c = window.controller
    _preset(window, "blobs")
    for box, rate in zip(window.controls.race_rates, (0.01, 0.1, 1.0, 0.0), strict=True):
        box.setValue(rate)
    window.controls.race_group.setChecked(True)
    c.set_playing(False)
    c.race.step(300)
    _settle(window)


def separable(window):
    _preset(window, "linear")
    _settle(window, 300)


def scrubbed(window):
    _preset(window, "ring")
    _settle(window, 400)
    k = window.scrub.maximum() // 3
    window.scrub.setValue(k)
    _settle(window)
    # The controller's first refresh of a scrub is the live frame's, which moves the
    # handle back to the end; put it where the step shown is.
    window.scrub.blockSignals(True)
    window.scrub.setValue(k)
    window.scrub.blockSignals(False)


def ring_diverging(window):
    c = window.controller
    _preset(window, "ring")
    c.set_learning_rate(50.0)
    c.reset_same()
    window.tabs.setCurrentWidget(window.landscape)
    _settle(window, 90)


def inside(window):
    _preset(window, "outlier")
    window.controls.show_pull.setChecked(True)
    window.controller.inspect_point(3)
    _settle(window, 300)


def sigmoid_view(window):
    _preset(window, "blobs")
    window.tabs.setCurrentWidget(window.sigmoid_view)
    _settle(window, 100)


def one_d(window):
    _preset(window, "linear")
    _settle(window, 40)
    window.tabs.setCurrentWidget(window.one_d)
    window.one_d.alpha.setValue(0.8)
    for _ in range(6):
        window.one_d.step.click()
    _settle(window)


def crawling(window):
    from PySide6 import QtGui

    window.findChild(QtGui.QAction, "actionDemonstration1").trigger()  # α too small: crawl
    _settle(window, 4400)


def badly_scaled(window):
    """The course's exam scores (ex2data1), raw features, α just below α*."""
    import numpy as np

    data = np.loadtxt(ROOT / "tests" / "files" / "ex2data1.txt", delimiter=",")
    c = window.controller
    c.replace_points(data[:, :2], data[:, 2].astype(int), "ex2 raw")
    c.finish_edits()
    c.set_view(None)
    c.set_standardize(False)
    c.set_learning_rate(0.0008)
    window.controller.undo_stack.clear()
    _settle(window, 22_000)


def dark(window):
    _preset(window, "xor")
    _settle(window, 400)
    window.appearance.set_theme("dark")


def high_contrast(window):
    _preset(window, "circle")
    _settle(window, 800)
    window.appearance.set_theme("high contrast")


SCENES = {
    "circle": circle, "converged": converged, "oscillating": oscillating, "race": race,
    "separable": separable, "scrubbed": scrubbed, "ring_diverging": ring_diverging,
    "inside": inside, "sigmoid_view": sigmoid_view, "one_d": one_d, "dark": dark,
    "high_contrast": high_contrast, "crawling": crawling, "badly_scaled": badly_scaled,
}
#: The companion panel a state shows in presentation mode.
STAGE = {"race": "race"}

# -- the pictures: name -> (scene, size, presentation, companion) ------------------------

PICTURES = {
    "screenshot-1920.png": ("circle", (1920, 1080), False, None),
    "screenshot-1280.png": ("circle", (1280, 720), False, None),
    "divergence.png": ("ring_diverging", (1600, 900), False, None),
    "race.png": ("race", (1600, 900), False, None),
    "graph.png": ("inside", (1600, 900), False, None),
    "sigmoid.png": ("sigmoid_view", (1600, 900), False, None),
    "one-d.png": ("one_d", (1600, 900), False, None),
    "presentation-1920.png": ("oscillating", (1920, 1080), True, None),
    "presentation-1280.png": ("oscillating", (1280, 720), True, None),
    "dark.png": ("dark", (1600, 900), False, None),
    "high-contrast.png": ("high_contrast", (1280, 720), False, None),
    "regime-crawling.png": ("crawling", (1280, 720), False, None),
    "regime-badly-scaled.png": ("badly_scaled", (1280, 720), False, None),
}
for _w, _h in ((1280, 720), (1024, 768)):
    for _state in ("converged", "oscillating", "race", "separable", "scrubbed"):
        for _present in (False, True):
            _mode = "f5" if _present else "normal"
            PICTURES[f"projector/{_w}x{_h}-{_mode}-{_state}.png"] = (
                _state, (_w, _h), _present, STAGE.get(_state, "cost") if _present else None)
#: Keys pressed in the real window before the picture (xdotool names): the F1 sheet.
KEYS = {"projector/1280x720-f5-shortcuts.png": "F1", "projector/1024x768-shortcuts.png": "F1"}
PICTURES["projector/1280x720-f5-shortcuts.png"] = ("oscillating", (1280, 720), True, "cost")
PICTURES["projector/1024x768-shortcuts.png"] = ("oscillating", (1024, 768), False, None)
for _companion in ("landscape", "one_d", "sigmoid", "graph"):
    for _w, _h in ((1280, 720), (1024, 768)):
        PICTURES[f"projector/{_w}x{_h}-f5-companion-{_companion}.png"] = (
            "converged", (_w, _h), True, _companion)


#: The Lecture window's slides (Ctrl+L), on the blobs after 20 steps: grabbed offscreen,
#: the slides are a window of their own.
SLIDE_KEYS = ("forms", "loop", "stop", "shapes", "theta", "features", "convexity",
              "likelihood")
SLIDE_SIZE = (1180, 660)


def slide(key):
    from PySide6 import QtWidgets

    from app import create_main_window

    window = create_main_window()
    window.resize(1280, 720)
    window.show()
    _preset(window, "blobs")
    _settle(window, 20)
    panel = window.lecture
    panel.show_slide(key)
    panel.resize(*SLIDE_SIZE)
    _settle(window)
    if key == "stop":
        panel.slides["stop"].trap_run.click()  # the step-size trap, drawn
        _settle(window)
    QtWidgets.QApplication.processEvents()
    panel.grab().save(str(HERE / f"lecture-{key}.png"))
    panel.close()
    window.controller.shutdown()
    window.close()


def build(scene, size, present, companion, offscreen):
    """The window of a scene at ``size``, set up and painted."""
    from PySide6 import QtWidgets

    from app import create_main_window

    window = create_main_window()
    window.resize(*size)
    if offscreen:
        window.show()
    for _ in range(5):
        QtWidgets.QApplication.processEvents()
    SCENES[scene](window)
    if present:
        window.presentation_action.setChecked(True)
        window.appearance.set_presentation(True)
        if companion:
            window.stage_keys.select(companion)
        window.statusBar().clearMessage()
    if not offscreen:
        # Shown only now, set up: the screenshot tool waits from the moment it appears.
        window.showMaximized()  # a virtual screen of exactly ``size``
    _settle(window)
    return window


def live(scene, size, present, companion):
    """Run one scene in a real window until killed (the screenshot tool's subject)."""
    from PySide6 import QtCore, QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    QtCore.QStandardPaths.setTestModeEnabled(True)
    window = build(scene, size, present, companion, offscreen=False)
    window.controller.timer.stop()
    return app.exec()


def grab(name, scene, size, present, companion):
    from PySide6 import QtWidgets

    if name in KEYS:
        return  # a dialog over the window: only a real screen shows both
    window = build(scene, size, present, companion, offscreen=True)
    QtWidgets.QApplication.processEvents()
    window.grab().save(str(HERE / name))
    window.controller.shutdown()
    window.close()


def photograph(name, scene, size, present, companion):
    """A real window on a virtual screen, via ../shared/tools/screenshot."""
    w, h = size
    cmd = [str(TOOL), "-s", f"{w}x{h}", "-w", "4"]
    if name in KEYS:  # the window takes the keyboard (no window manager gives it) first
        cmd += ["-x", f"search --onlyvisible --name LogitLab windowfocus --sync; "
                      f"key {KEYS[name]}; sleep 1"]
    cmd += [str(HERE / name), "--", sys.executable, str(Path(__file__).resolve()), "--live",
            scene, f"{w}x{h}"]
    if present:
        cmd += ["--present"] + ([f"--companion={companion}"] if companion else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{name}: {done.stdout}{done.stderr}")


def main(argv):
    if argv[:1] == ["--list"]:
        print("\n".join(PICTURES))
        return 0
    if argv[:1] == ["--slides"]:
        from PySide6 import QtCore, QtWidgets

        app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
        QtCore.QStandardPaths.setTestModeEnabled(True)
        for key in argv[1:]:
            slide(key)
        return 0 if app else 1
    if argv[:1] == ["--live"]:
        scene, size = argv[1], tuple(map(int, argv[2].split("x")))
        present = "--present" in argv
        companion = next((a.split("=", 1)[1] for a in argv if a.startswith("--companion=")),
                         None)
        return live(scene, size, present, companion)
    names = [a for a in argv if not a.startswith("-")] or (
        list(PICTURES) + [f"lecture-{k}.png" for k in SLIDE_KEYS])
    real = TOOL.exists() and "--offscreen" not in argv
    if not real:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6 import QtCore, QtWidgets

        QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
        QtCore.QStandardPaths.setTestModeEnabled(True)
    PROJECTOR.mkdir(exist_ok=True)
    slides = [n for n in names if n.startswith("lecture-")]
    for name in names:
        if name not in slides:
            (photograph if real else grab)(name, *PICTURES[name])
            print("wrote", HERE / name)
    if slides:  # offscreen, in one child process
        keys = [n.removeprefix("lecture-").removesuffix(".png") for n in slides]
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--slides", *keys],
                       check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        for name in slides:
            print("wrote", HERE / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
