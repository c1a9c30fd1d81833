"""The preset data sets: lesson files in resources/presets, in a menu and a combo box."""

from __future__ import annotations

from core.lesson import FileProblem, read_lesson

from .resources import RESOURCES

PRESET_DIR = RESOURCES / "presets"


def preset_files():
    return sorted(PRESET_DIR.glob("*.logitlab.json"))


class PresetMenu:
    """Fills the Presets menu (Ctrl+1…9) and the side panel's combo box."""

    def __init__(self, window, controller, menu):
        self.window, self.controller = window, controller
        self.menu = menu
        self.lessons = []
        for path in preset_files():
            try:
                self.lessons.append(read_lesson(path))
            except FileProblem as exc:  # a broken preset must not stop the app
                window.statusBar().showMessage(f"Preset skipped: {exc}")
        combo = window.controls.presets
        combo.addItem("Load a preset…")
        for i, lesson in enumerate(self.lessons):
            combo.addItem(lesson.title)
            combo.setItemData(i + 1, lesson.description, role=3)  # tooltip
            shortcut = f"Ctrl+{i + 1}" if i < 9 else None
            window.add_action(menu, lesson.title, lambda _=False, k=i: self.load(k), shortcut,
                              f"actionPreset{i + 1}", tip=lesson.description)
        combo.activated.connect(self._combo_activated)

    def _combo_activated(self, index):
        if index > 0:
            self.load(index - 1)
        self.window.controls.presets.setCurrentIndex(0)

    def load_first(self):
        """Open on the lecture's first example, so the window is never empty at start."""
        if self.lessons:
            self.load(0)
            self.controller.undo_stack.clear()
        else:
            self.controller.set_view(None)

    def load(self, k):
        lesson = self.lessons[k]
        self.controller.load_lesson(lesson, undo_text=f"Load preset “{lesson.title}”")


class DemonstrationMenu:
    """Presets ▸ Learning-rate demonstrations: crawl, smooth, oscillate, diverge.

    Each is a lesson (core.demonstrations) whose regime shows reliably on any
    machine: what the window says depends on steps, not on time.
    """

    def __init__(self, window, controller, menu):
        from core.demonstrations import demonstrations

        self.controller = controller
        self.lessons = demonstrations()
        sub = menu.addMenu("Learning-rate &demonstrations")
        for i, lesson in enumerate(self.lessons):
            window.add_action(sub, lesson.title, lambda _=False, k=i: self.load(k), None,
                              f"actionDemonstration{i + 1}", tip=lesson.description)

    def load(self, k):
        lesson = self.lessons[k]
        self.controller.load_lesson(lesson, undo_text=f"Load demonstration “{lesson.title}”")
        self.controller.window.statusBar().showMessage(lesson.description, 15000)
