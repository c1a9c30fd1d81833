"""The engine stands alone: nothing under core/ may reach for Qt, pyqtgraph or app."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "core"
FORBIDDEN = {"PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "app"}


def imported_roots(path):
    """Top-level names of every module a file imports (relative ones included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                roots.add(node.module.split(".")[0])
            elif node.level >= 2:
                # from ..app import x  /  from .. import app
                if node.module:
                    roots.add(node.module.split(".")[0])
                else:
                    roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Call):
            # importlib.import_module("PySide6") / __import__("app")
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in {"import_module", "__import__"} and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    roots.add(arg.value.split(".")[0])
    return roots


CORE_FILES = sorted(CORE.rglob("*.py"))


def test_core_has_files():
    names = {p.name for p in CORE_FILES}
    assert {"model.py", "descent.py", "session.py", "__init__.py"} <= names


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(CORE)))
def test_no_core_file_imports_the_gui(path):
    bad = imported_roots(path) & FORBIDDEN
    assert not bad, f"{path.relative_to(CORE.parent)} imports {sorted(bad)}"


def test_importing_and_using_core_loads_no_gui_module():
    code = """
import sys
import numpy as np
import core
from core import Session, fit
rng = np.random.default_rng(0)
P = rng.normal(size=(20, 2)); L = (P[:, 0] > 0).astype(int)
fit(P, L, features="quadratic", max_steps=20)
s = Session(P, L); s.step(5); s.set_terms(core.QUADRATIC); s.predict_proba(P); s.alpha_star()
import pkgutil, importlib
for mod in pkgutil.iter_modules(core.__path__):
    importlib.import_module("core." + mod.name)
bad = sorted(m for m in sys.modules if m.split(".")[0] in %r)
print("BAD:" + ",".join(bad))
""" % (FORBIDDEN,)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=CORE.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "BAD:", out.stdout


def test_the_import_scanner_sees_every_form(tmp_path):
    src = tmp_path / "m.py"
    src.write_text(
        "import numpy as np\n"
        "import PySide6.QtCore\n"
        "from pyqtgraph import PlotWidget\n"
        "from ..app import main_window\n"
        "from .. import app\n"
        "from . import model\n"
        "def f():\n"
        "    import importlib\n"
        "    importlib.import_module('PyQt6.QtWidgets')\n",
        encoding="utf-8",
    )
    roots = imported_roots(src)
    assert {"PySide6", "pyqtgraph", "app", "PyQt6"} <= roots
    assert "model" not in roots
