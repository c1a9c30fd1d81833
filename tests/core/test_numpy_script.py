"""File ▸ Export ▸ NumPy script: the lecture's loop in a script that reproduces the run.

Each script is run in a fresh Python (numpy only) and its ``costs`` compared
with the engine's cost history.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from core.lesson import csv_text
from core.numpy_script import monomial_code, numpy_script, session_script
from core.session import Session
from core.table import read_table
from core.table_columns import choose

EX2 = Path(__file__).resolve().parents[1] / "files" / "ex2data1.txt"

RUNNER = """
import json, runpy, sys
ns = runpy.run_path(sys.argv[1], run_name="not_main")
print(json.dumps({"costs": ns["costs"], "theta": [float(ns["b"]), *ns["w"].ravel().tolist()],
                  "theta_raw": [float(ns["b_raw"]), *ns["w_raw"].ravel().tolist()],
                  "accuracy": float(ns["accuracy"])}))
"""


def run_script(path):
    out = subprocess.run([sys.executable, "-c", RUNNER, str(path)], capture_output=True,
                         text=True, timeout=120, check=True)
    return json.loads(out.stdout)


def costs_of(session):
    _, costs, _ = session.engine.history.joined()
    return costs


def ex2_session(**settings):
    choice = choose(read_table(EX2))
    points, labels = choice.points_and_labels()
    return Session(points, labels, **settings)


def test_monomials_as_code():
    assert monomial_code("x1") == "x1"
    assert monomial_code("x1^2*x2") == "x1**2 * x2"
    assert monomial_code("x1*x2^3") == "x1 * x2**3"
    with pytest.raises(ValueError, match="unknown feature term"):
        monomial_code("x3")


@pytest.mark.parametrize(("settings", "steps"), [
    ({"learning_rate": 1.0}, 400),  # the course's data, standardized
    ({"terms": ("x1", "x2", "x1^2", "x1*x2", "x2^2"), "learning_rate": 0.5, "seed": 3}, 250),
    ({"standardize": False, "learning_rate": 1e-3, "tol": 0.0}, 60),
    ({"loss": "squared_error", "learning_rate": 2.0, "seed": 9}, 150),
    ({"l2": 5.0, "learning_rate": 1.0}, 200),
    ({"l2": 0.5, "standardize": False, "learning_rate": 1e-3, "seed": 2}, 80),
    ({"stop": "step", "tol": 1e-3, "learning_rate": 1.0}, 3000),
    ({"update": "sequential", "learning_rate": 1.5, "seed": 5}, 120),
])
def test_the_script_reproduces_the_runs_costs(tmp_path, settings, steps):
    session = ex2_session(**settings)
    session.step(steps)
    path = tmp_path / "run.py"
    path.write_text(session_script(session, names=("exam 1", "exam 2", "admitted"),
                                   title="ex2"), encoding="utf-8")
    got = run_script(path)
    want = costs_of(session)
    assert len(got["costs"]) == len(want) == session.engine.iteration + 1
    assert settings.get("stop") != "step" or session.converged  # it stopped by itself
    np.testing.assert_allclose(got["costs"], want, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(got["theta"], session.engine.theta, rtol=1e-8, atol=1e-10)
    text = path.read_text(encoding="utf-8")
    sequential = settings.get("update") == "sequential"
    update = ("b_new = b - alpha * db" if sequential
              else "= w - alpha * dw, b - alpha * db  # simultaneous update")
    for line in ("Z = w.T @ X + b", "A = sigmoid(Z)", "dw = X @ dZ.T / m", "db = dZ.sum() / m",
                 update):
        assert line in text
    assert "'exam 1'" in text
    assert "34.62365962451697" in text


def test_the_script_of_the_course_reaches_its_optimum(tmp_path):
    session = ex2_session(learning_rate=1.0, tol=1e-7)
    path = tmp_path / "ex2.py"
    path.write_text(session_script(session), encoding="utf-8")  # not started: runs to ε
    got = run_script(path)
    assert got["costs"][-1] == pytest.approx(0.2035, abs=5e-5)
    assert got["theta_raw"] == pytest.approx([-25.16, 0.206, 0.201], abs=5e-3)
    assert got["accuracy"] == 0.89
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True,
                         timeout=120, check=True)
    assert "training accuracy 89.0%" in out.stdout


def test_a_run_changed_midway_is_exported_from_the_change(tmp_path):
    session = ex2_session(learning_rate=0.3)
    session.step(50)
    session.learning_rate = 1.0  # the new α applies from here
    session.step(40)
    path = tmp_path / "run.py"
    path.write_text(session_script(session), encoding="utf-8")
    got = run_script(path)
    if getattr(session, "edit_iteration", None) == 50:
        assert len(got["costs"]) == 41
        np.testing.assert_allclose(got["costs"], costs_of(session)[50:], rtol=1e-9)
    np.testing.assert_allclose(got["theta"], session.engine.theta, rtol=1e-8)


def test_many_points_load_from_a_csv_beside_the_script(tmp_path):
    rng = np.random.default_rng(0)
    points = rng.normal(size=(300, 2))
    labels = (points.sum(axis=1) > 0).astype(int)
    session = Session(points, labels, learning_rate=0.8)
    session.step(30)
    (tmp_path / "run.csv").write_text(csv_text(points, labels), encoding="utf-8")
    path = tmp_path / "run.py"
    path.write_text(session_script(session, data_file="run.csv"), encoding="utf-8")
    assert "np.loadtxt" in path.read_text(encoding="utf-8")
    np.testing.assert_allclose(run_script(path)["costs"], costs_of(session), rtol=1e-9)


def test_bad_arguments():
    with pytest.raises(ValueError, match="needs 3 numbers"):
        numpy_script([[0, 0]], [1], terms=("x1", "x2"), theta0=[0, 1])
    with pytest.raises(ValueError, match="no points"):
        session_script(Session())
