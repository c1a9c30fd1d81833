"""Name what is on the data plot: the preset, the lesson or the table it came from.

The name follows the undo stack as the document (app/document.py) does: a
preset's load command carries its title, edits keep the name, a clear or
another import ends it, and undoing past a load brings the older name back.
A lesson or a table is named by the document itself.
"""

from __future__ import annotations

from PySide6 import QtCore

from .commands import ReplacePoints

#: Undo texts of the loads that name what they load (app/presets.py).
PREFIXES = ("Load preset", "Load demonstration")


def _preset_title(command_text):
    """The title in 'Load preset “Circle: x1² + x2² ≥ 1”', or None."""
    if not command_text.startswith(PREFIXES):
        return None
    start, end = command_text.find("“"), command_text.rfind("”")
    return command_text[start + 1:end] if 0 <= start < end else command_text


def _replaces_data(command):
    return isinstance(command, ReplacePoints)


class DataCaption(QtCore.QObject):
    """Keeps ``window.set_caption`` (and, for a preset, the window title) up to date."""

    def __init__(self, window, undo_stack, document, preset_menu):
        super().__init__(window)
        self.window, self.stack, self.document = window, undo_stack, document
        self.titles = [lesson.title for lesson in preset_menu.lessons]
        self.base = ("", "")  # the name of the data at the bottom of the stack (after a clear)
        self.text = ("", "")
        self.base_title = window.windowTitle()
        undo_stack.indexChanged.connect(self.update)
        document.changed.connect(self.update)
        self.update()

    def name(self, title):
        if title in self.titles:
            return f"Preset {self.titles.index(title) + 1} · {title}"
        return title

    def current(self):
        """(caption, short caption) of the data shown now."""
        source = self.document.source
        if source is not None:
            text = source.window_title().removesuffix(" — LogitLab")
            return text, text
        for i in range(self.stack.index() - 1, -1, -1):
            command = self.stack.command(i)
            title = _preset_title(command.text())
            if title is not None:
                return self.name(title), title
            if _replaces_data(command):
                return "", ""  # cleared, or data from elsewhere the document does not name
        return self.base

    def update(self, *_):
        try:
            count = self.stack.count()
        except RuntimeError:  # the window is being destroyed
            return
        if count == 0 and self.document.source is None:
            # The stack was emptied (the data stay): what was shown names the new base.
            self.base = self.text
        text = self.current()
        self.text = text
        self.window.set_caption(*text)
        if self.document.source is None:
            # The document names lessons and tables in the title; a preset is named here.
            self.window.setWindowTitle(f"{text[0]} — LogitLab" if text[0] else self.base_title)
