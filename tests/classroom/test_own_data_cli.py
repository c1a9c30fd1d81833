"""Bring your own data from the command line: the course's ex2data1.txt and its
spreadsheet exports give the same run headless, and a table that cannot be read
gets one line on stderr saying how to fix it, with exit status 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parents[1] / "files"
EX2 = FILES / "ex2data1.txt"
TABLES = FILES / "tables"


def _run(args, env):
    # From the repository's folder, so ``-m app`` is this checkout's app.
    return subprocess.Popen([sys.executable, "-m", "app", *map(str, args)], env=env,
                            cwd=str(FILES.parents[1]), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_headless_exports_of_the_course_data_agree(tmp_path, env_for_subprocess):
    """ex2data1.txt, its Excel export and its tab-separated export with an id column."""
    runs = {
        "ex2": [EX2],
        "excel": [TABLES / "ex2_excel_de.csv"],
        "tsv": [TABLES / "ex2_with_id.tsv", "--x1", "exam1", "--x2", "4", "--y", "admitted"],
        "spaces": [TABLES / "ex2_spaces.txt", "--positive", "true"],
    }
    procs = {name: _run([*args, "--steps", "6000", "--export-csv", tmp_path / f"{name}.csv"],
                        env_for_subprocess) for name, args in runs.items()}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, f"{name}: {err}"
        assert err == ""
        assert out == ""
    costs = {name: (tmp_path / f"{name}.csv").read_text(encoding="utf-8") for name in runs}
    assert costs["excel"] == costs["ex2"] == costs["tsv"] == costs["spaces"]
    last = float(costs["ex2"].strip().splitlines()[-1].split(",")[1])
    assert last == pytest.approx(0.2035, abs=1e-4)


#: (table, extra arguments, what the one line on stderr must say)
CLI_REFUSALS = [
    ("cats_and_dogs.csv", [], "--positive dog"),
    ("three_species.csv", [], "Name it with --positive VALUE"),
    ("some_bad_rows.csv", [], "skip them with --skip-bad-rows"),
    ("label_is_a_score.csv", [], "--y COL"),
    ("ex2_with_id.tsv", ["--x1", "exam3"], "no column 'exam3'; the columns are 1 'id'"),
    ("cats_and_dogs.csv", ["--positive", "horse"], "'horse' is not a label in 'animal'"),
    ("one_column.txt", [], "found only one column"),
    ("two_columns.csv", [], "a table needs two feature columns and a label column"),
    ("decimal_comma_in_commas.csv", [], "use decimal points"),
    ("utf16_broken.csv", [], "save the file as UTF-8"),
]


def test_a_table_that_cannot_be_read_gets_one_line_saying_how_to_fix_it(
        tmp_path, env_for_subprocess):
    lesson = FILES / "bad" / "crlf.logitlab.json"
    cases = [(name, [TABLES / name, *extra, "--export-png", tmp_path / "x.png"], message)
             for name, extra, message in CLI_REFUSALS]
    cases.append(("lesson", [lesson, "--x1", "a", "--export-png", tmp_path / "x.png"],
                  "--x1 applies to tables; this file is a lesson"))
    # Without an export the GUI would start: a file that cannot be read still stops it.
    cases.append(("gui", [TABLES / "one_column.txt"], "found only one column"))
    procs = [(name, _run(args, env_for_subprocess), message)
             for name, args, message in cases]
    problems = []
    for name, proc, message in procs:
        out, err = proc.communicate(timeout=120)
        lines = err.splitlines()
        if proc.returncode != 2 or len(lines) != 1 or message not in err or out:
            problems.append(f"{name}: status {proc.returncode}, stderr {err!r}")
    assert not problems, "\n".join(problems)
    ok = _run([TABLES / "some_bad_rows.csv", "--skip-bad-rows", "--export-csv",
               tmp_path / "c.csv"], env_for_subprocess)
    out, err = ok.communicate(timeout=120)
    assert ok.returncode == 0, err
