"""A run as a short NumPy script: the lecture's vectorized loop, ready for a notebook.

:func:`numpy_script` writes Python that needs only numpy and reproduces
LogitLab's run: the same points, feature terms, standardization, loss, α,
ε and θ⁰, then the slides' loop::

    Z = w.T @ X + b;  A = sigmoid(Z);  dZ = A - Y
    dw = X @ dZ.T / m;  db = dZ.sum() / m
    w, b = w - alpha * dw, b - alpha * db      (simultaneously)

until ‖dw‖ ≤ ε (db included) or the run's number of steps.  The engine's
other settings are written too: an L2 penalty, the step-size stop and the
slide's sequential (incorrect) update.  Its ``costs`` list equals the
engine's cost history to rounding (a test runs it).
"""

from __future__ import annotations

import numpy as np

#: Beyond this many points the data go to a CSV file beside the script.
EMBED_POINTS = 10_000
#: Steps the script takes when the run has not started yet.
UNSTARTED_STEPS = 10_000

__all__ = ["EMBED_POINTS", "monomial_code", "numpy_script", "session_script"]


def monomial_code(term):
    """'x1^2*x2' → 'x1**2 * x2' (the feature as numpy code)."""
    parts = []
    for factor in term.split("*"):
        name, _, power = factor.partition("^")
        if name not in ("x1", "x2") or (power and not power.isdigit()):
            raise ValueError(f"unknown feature term {term!r}")
        parts.append(f"{name}**{power}" if power else name)
    return " * ".join(parts)


def _array(rows, indent="    "):
    return "[\n" + "".join(f"{indent}{row},\n" for row in rows) + "]"


def numpy_script(points, labels, *, terms, standardize=True, loss="cross_entropy",
                 learning_rate=0.5, tol=1e-4, theta0=None, steps=1000, names=("x1", "x2", "y"),
                 title="LogitLab run", data_file=None, start_iteration=0, l2=0.0,
                 stop="gradient", update="simultaneous"):
    """The script's text.

    Parameters
    ----------
    points : (m, 2) array; labels : (m,) 0/1
    terms : feature terms such as ("x1", "x2", "x1^2")
    theta0 : [b, w1, …] on the features descent runs on (standardized when
        ``standardize``), as the engine holds it
    steps : the most steps to take (the run's length)
    names : the columns' names, for the comments and a data file
    data_file : a CSV (header ``names``) beside the script to load the points
        from instead of writing them into it
    l2 : λ of the penalty λ/(2m)·Σ (w_j/σ_j)² (weights in original units)
    stop : "gradient" (‖dw‖ ≤ ε, db included) or "step" (‖θ_new − θ‖ ≤ ε)
    update : "simultaneous" (the lecture's correct form) or "sequential"
        (the slide's incorrect form: b, then each w_j from the updated θ)
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    labels = np.asarray(labels).astype(int).reshape(-1)
    terms = tuple(terms)
    theta0 = np.asarray(theta0, dtype=float).reshape(-1)
    if len(theta0) != len(terms) + 1:
        raise ValueError(f"θ⁰ needs {len(terms) + 1} numbers (bias first), got {len(theta0)}")
    if loss not in ("cross_entropy", "squared_error"):
        raise ValueError(f"unknown loss {loss!r}")
    if stop not in ("gradient", "step") or update not in ("simultaneous", "sequential"):
        raise ValueError(f"unknown stop {stop!r} or update {update!r}")
    rows = [monomial_code(t) for t in terms]
    x1_name, x2_name, y_name = (str(n) for n in names)
    lines = [
        f'"""{title}: logistic regression by batch gradient descent, as in the lecture.',
        "",
        "Exported by LogitLab; it needs only numpy.  X is (n_x, m): one column per",
        "example; Y is (1, m); w is (n_x, 1) and b a number.",
        '"""',
        "",
        "import numpy as np",
        "",
        f"# -- the data: x1 = {x1_name!r}, x2 = {x2_name!r}, y = {y_name!r} (1 or 0)",
    ]
    if data_file:
        lines += [
            "from pathlib import Path",
            "",
            f"data = np.loadtxt(Path(__file__).with_name({data_file!r}), delimiter=\",\", "
            "skiprows=1, ndmin=2)",
            "points, y = data[:, :2], data[:, 2]",
        ]
    else:
        lines += [f"points = np.array({_array(f'[{a!r}, {b!r}]' for a, b in points.tolist())})",
                  f"y = np.array([{', '.join(map(str, labels.tolist()))}])"]
    shown = ", ".join(t.replace("^", "**") for t in terms)
    lines += [
        "",
        f"# -- the features {shown}: one row each",
        "x1, x2 = points[:, 0], points[:, 1]",
        "with np.errstate(over=\"ignore\"):",
        f"    X = np.vstack([{', '.join(rows)}]).reshape({len(terms)}, -1)  # (n_x, m)",
        "Y = y.reshape(1, -1).astype(float)  # (1, m)",
        "n_x, m = X.shape",
        "",
    ]
    if standardize:
        lines += [
            "# -- standardization: each feature to mean 0 and standard deviation 1",
            "mu = X.mean(axis=1, keepdims=True)",
            "sigma = X.std(axis=1, keepdims=True)",
            "constant = ~(sigma > 0) | ~np.isfinite(mu) | ~np.isfinite(sigma)",
            "mu[constant], sigma[constant] = 0.0, 1.0  # a constant feature is left as it is",
            "X = (X - mu) / sigma",
        ]
    else:
        lines += ["# -- no standardization: descent runs on the raw features",
                  "mu, sigma = np.zeros((n_x, 1)), np.ones((n_x, 1))"]
    w0 = ", ".join(f"[{v!r}]" for v in theta0[1:].tolist())
    stop_text = "‖dw‖ (db included)" if stop == "gradient" else "the step ‖θ_new − θ‖"
    start = f" (the run's step {start_iteration:,})" if start_iteration else ""
    lines += [
        "",
        "# -- descent settings and where it starts",
        f"alpha = {float(learning_rate)!r}  # the learning rate α",
        f"epsilon = {float(tol)!r}  # stop when {stop_text} ≤ ε (0: never)",
        f"steps = {int(steps)}  # at most this many steps",
        f"w = np.array([{w0}])  # w⁰{start}, (n_x, 1)",
        f"b = {float(theta0[0])!r}  # b⁰",
    ]
    if l2:
        lines.append(f"lam = {float(l2)!r}  # λ of the L2 penalty λ/(2m)·Σ (w_j/σ_j)²")
    lines += [
        "",
        "",
        "def sigmoid(z):",
        "    with np.errstate(over=\"ignore\"):",
        "        return 1 / (1 + np.exp(-z))",
        "",
        "",
        "def propagate(w, b):",
        "    \"\"\"J and its gradients dw, db at (w, b): the lecture's vectorized pass.\"\"\"",
        "    Z = w.T @ X + b  # (1, m)",
        "    A = sigmoid(Z)",
    ]
    if loss == "cross_entropy":
        lines += [
            "    # J = -(1/m) Σ [y log a + (1 - y) log(1 - a)], from z: log(0) never happens",
            "    J = np.sum(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)) / m",
            "    dZ = A - Y",
        ]
    else:
        lines += [
            "    J = 0.5 * np.sum((A - Y) ** 2) / m  # squared error: not convex in w, b",
            "    dZ = (A - Y) * A * (1 - A)",
        ]
    lines += [
        "    dw = X @ dZ.T / m  # (n_x, 1)",
        "    db = dZ.sum() / m",
    ]
    if l2:
        lines += [
            "    J = J + lam / (2 * m) * np.sum((w / sigma) ** 2)  # the bias is not penalized",
            "    dw = dw + lam / m * w / sigma**2",
        ]
    lines += [
        "    return float(J), dw, db",
        "",
        "",
        "costs = []  # J after each step, costs[0] at w⁰, b⁰",
        "J, dw, db = propagate(w, b)",
    ]
    if stop == "step":
        lines.append("step = np.inf  # ‖θ_new − θ‖ of the last step")
    lines += [
        "for i in range(steps + 1):",
        "    costs.append(J)",
        ("    if (epsilon > 0 and np.sqrt(np.sum(dw**2) + db**2) <= epsilon) or i == steps:"
         if stop == "gradient" else "    if (epsilon > 0 and step <= epsilon) or i == steps:"),
        "        break",
    ]
    if update == "simultaneous" and stop == "gradient":
        lines += ["    w, b = w - alpha * dw, b - alpha * db  # simultaneous update"]
    elif update == "simultaneous":
        lines += ["    w_new, b_new = w - alpha * dw, b - alpha * db  # simultaneous update"]
    else:
        lines += [
            "    # The slide's incorrect form: each θ_j from a θ already partly updated.",
            "    b_new = b - alpha * db",
            "    w_new = w.copy()",
            "    for j in range(n_x):",
            "        dw_j = propagate(w_new, b_new)[1][j]",
            "        w_new[j] = w_new[j] - alpha * dw_j",
        ]
    if stop == "step":
        lines.append("    step = np.sqrt(np.sum((w_new - w) ** 2) + (b_new - b) ** 2)")
    if stop == "step" or update == "sequential":
        lines.append("    w, b = w_new, b_new")
    lines += [
        "    J, dw, db = propagate(w, b)",
        "",
        "# -- the model in the original units, and how well it fits",
        "w_raw = w / sigma",
        "b_raw = b - np.sum(w_raw * mu)",
        "accuracy = np.mean((sigmoid(w.T @ X + b) >= 0.5) == (Y == 1))",
        "if __name__ == \"__main__\":",
        "    print(f\"{len(costs) - 1} steps: J = {costs[-1]:.6g}, \"",
        "          f\"training accuracy {accuracy:.1%}\")",
        "    print(\"θ in the original units, bias first:\", [float(b_raw), *w_raw.ravel()])",
        "",
    ]
    return "\n".join(lines)


def _theta_at(history, iteration):
    """θ recorded after ``iteration`` steps, or None."""
    for it, _, thetas in (history.recent(), history.long()):
        hit = np.flatnonzero(np.asarray(it) == iteration)
        if len(hit):
            return thetas[hit[-1]].copy()
    return None


def session_script(session, names=("x1", "x2", "y"), title="LogitLab run", data_file=None):
    """:func:`numpy_script` of a :class:`core.session.Session`'s current run.

    It starts where the run last started or changed (a reset, new features,
    α, points, …: ``session.edit_iteration`` when the session records it)
    and takes as many steps as the run has taken since.
    """
    engine = session.engine
    history = engine.history
    start = getattr(session, "edit_iteration", None)
    theta0 = None if start is None else _theta_at(history, start)
    if theta0 is None:
        its, _, thetas = history.long()
        if len(its):
            start, theta0 = int(its[0]), thetas[0].copy()
        else:
            start, theta0 = engine.iteration, engine.theta
    steps = engine.iteration - start
    if steps <= 0:
        steps = UNSTARTED_STEPS  # the run has not begun: go on until ‖dw‖ ≤ ε (or this many)
    if session.m == 0:
        raise ValueError("there are no points to export: add some first")
    return numpy_script(
        session.points, session.labels, terms=session.terms, standardize=session.standardize,
        loss=session.loss, learning_rate=session.learning_rate, tol=session.tol,
        theta0=theta0, steps=steps, names=names, title=title, data_file=data_file,
        start_iteration=start, l2=getattr(session, "l2", 0.0),
        stop=getattr(session, "stop", "gradient"),
        update=getattr(session, "update", "simultaneous"))
