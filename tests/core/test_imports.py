"""Every core module can be the first one a notebook imports.

``from core.lesson_json import read_lesson`` as a notebook's first line failed with a
circular ImportError (core.lesson re-exports lesson_json's names, which need Lesson).
Each module is imported first in a clean slate of core's modules, in a fresh
interpreter, so what an earlier test imported cannot hide it.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

CHECK = """
import importlib, pathlib, sys
failed = []
names = sorted(p.stem for p in pathlib.Path("core").glob("*.py") if p.stem != "__init__")
for name in names:
    for loaded in [m for m in sys.modules if m == "core" or m.startswith("core.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module("core." + name)
    except Exception as exc:
        failed.append(f"core.{name}: {type(exc).__name__}: {exc}")
print(len(names))
print("\\n".join(failed))
"""


def test_every_core_module_imports_first():
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    count, *failed = done.stdout.strip().splitlines()
    assert int(count) > 30
    assert not [f for f in failed if f], failed
