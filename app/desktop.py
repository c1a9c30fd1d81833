"""``logitlab --install-desktop-entry``: put LogitLab in this user's application menu."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from .resources import RESOURCES


def launcher():
    """The installed ``logitlab`` script beside this Python (a venv's bin/), never
    ``python -m app``, which would run whatever app.py the current folder holds."""
    script = Path(sys.executable).with_name("logitlab")
    return str(script) if script.exists() else "logitlab"


def install_desktop_entry(home=None):
    """Copy resources/logitlab.desktop (Exec pointing at this Python) and the icon."""
    home = Path(home or os.environ.get("HOME") or Path.home())
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    apps = data / "applications"
    icons = data / "icons" / "hicolor" / "scalable" / "apps"
    try:
        apps.mkdir(parents=True, exist_ok=True)
        icons.mkdir(parents=True, exist_ok=True)
        text = (RESOURCES / "logitlab.desktop").read_text(encoding="utf-8")
        text = text.replace("Exec=logitlab", f"Exec={launcher()}")
        (apps / "logitlab.desktop").write_text(text, encoding="utf-8")
        shutil.copyfile(RESOURCES / "logitlab.svg", icons / "logitlab.svg")
    except OSError as exc:
        sys.stderr.write(f"logitlab: cannot install the desktop entry: {exc}\n")
        return 2
    print(f"Installed {apps / 'logitlab.desktop'} and its icon.")
    return 0
