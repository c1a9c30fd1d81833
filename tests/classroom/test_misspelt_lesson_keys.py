"""A hand-edited lesson with a misspelt key: the command line refuses it in one line
naming the key meant, exit status 2 (it used to run with the default α, status 0).
The app's message box for the same files is tested with the rest of the bad corpus
(tests/classroom/test_bad_files.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BAD = Path(__file__).resolve().parents[1] / "files" / "bad"


def test_the_command_line_names_the_misspelt_key_and_exits_2(tmp_path, env_for_subprocess):
    cases = {
        "misspelt_alpha.logitlab.json": "unknown key 'alpha' (did you mean 'learning_rate'?)",
        "misspelt_learningrate.logitlab.json":
            "unknown key 'learningrate' (did you mean 'learning_rate'?)",
        "steps_in_version_1.logitlab.json":
            "'steps' (a lesson script) needs \"version\": 2; this file says version 1",
    }
    procs = {name: subprocess.Popen(
        [sys.executable, "-m", "app", str(BAD / name), "--export-csv", str(tmp_path / "c.csv")],
        env=env_for_subprocess, cwd=str(BAD.parents[2]), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for name in cases}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert (proc.returncode, out) == (2, ""), (name, err)
        assert err.startswith(f"logitlab: {name}: {cases[name]}") and err.count("\n") == 1, err
    assert not (tmp_path / "c.csv").exists()
