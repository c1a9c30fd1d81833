"""Regenerate the corpus of bad (and tolerated) files in ``bad/``.

    .venv/bin/python tests/files/make_bad_corpus.py

Each file gets an entry in ``bad/EXPECTED.json``: ``{"message": substring of
FileProblem.problem, "line": 1-based line or null}`` for files that must be
refused, ``{"ok": true, "rows": m}`` for quirky files that must load (BOM,
CRLF, ...).  ``.csv`` files go to ``read_csv``, ``.logitlab.json`` files to
``read_lesson``; a ``.csv`` file's ``"app"`` says what the app does with it
(it reads any table: see APP below).  Cases that git cannot hold (folders, symlinks, permissions,
huge files) are made at run time in ``tests/core/test_lesson_bad_files.py``.
"""

import json
import os

D = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad")
for f in os.listdir(D):
    if f != "README.md":
        os.unlink(os.path.join(D, f))
EXPECTED = {}

def put(name, data, message=None, line=None, ok=False, rows=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(D, name), "wb") as f:
        f.write(data)
    EXPECTED[name] = {"ok": True, "rows": rows} if ok else {"message": message, "line": line}

def lesson(**over):
    base = {
        "format": "logitlab-lesson", "version": 1, "title": "t",
        "points": [[0.5, 1.0], [2.0, 2.5], [3.0, 0.25]], "labels": [0, 1, 1],
        "features": {"terms": ["x1", "x2"], "standardize": True},
        "loss": "cross_entropy", "learning_rate": 0.5, "tol": 0.0001,
        "steps_per_frame": 50, "seed": 0, "view": None, "theta": None, "iteration": 0,
    }
    drop = over.pop("_drop", ())
    base.update(over)
    for k in drop:
        del base[k]
    return base

def dump(d):
    return json.dumps(d, indent=2) + "\n"

good = dump(lesson())
J = ".logitlab.json"
# -- lessons that must load
put("bom" + J, b"\xef\xbb\xbf" + good.encode(), ok=True, rows=3)
put("crlf" + J, good.replace("\n", "\r\n"), ok=True, rows=3)
# -- JSON syntax
cut = good.index('"labels"')
put("truncated" + J, good[:cut], "ends too early", good[:cut].count("\n") + 1)
put("not_json" + J, "this is not a lesson\n", "not valid JSON", 1)
put(
    "trailing_comma" + J,
    good.replace('"iteration": 0\n', '"iteration": 0,\n'),
    "not valid JSON",
    good.count("\n"),
)
put("empty" + J, "", "empty")
put("whitespace_only" + J, "  \n\n  \n", "empty")
put("top_level_list" + J, "[1, 2, 3]\n", "expected a JSON object")
put("latin1" + J, good.replace('"t"', '"caf\u00e9"').encode("latin-1"), "not UTF-8", 4)
# -- format and version
put("wrong_format" + J, dump(lesson(format="sklearn-model")), "not a LogitLab lesson")
put("missing_format" + J, dump(lesson(_drop=["format"])), "'format'")
put("version_3" + J, dump(lesson(version=3)), "supported versions: 1, 2")
# A lesson script (version 2) whose step is bad: one line naming the step.
put("bad_step" + J, dump(lesson(version=2, steps=[{"title": "ok"}, {"question": {"kind": "race",
    "lanes": [0.1]}}])), "steps[1].question: a race question needs 2 to 4 lanes")
put(
    "version_missing" + J,
    dump(lesson(_drop=["version"])),
    "'version' is missing; supported versions: 1, 2",
)
put("version_string" + J, dump(lesson(version="1")), "unsupported version")
# -- required data
put("missing_points" + J, dump(lesson(_drop=["points"])), "required key 'points'")
put("missing_labels" + J, dump(lesson(_drop=["labels"])), "required key 'labels'")
put("points_not_list" + J, dump(lesson(points="0.5,1.0")), "'points' must be a list")
put("point_three_values" + J, dump(lesson(points=[[0.5, 1.0], [2.0, 2.5, 9.0], [3.0, 0.25]])),
    "points[1] must be a pair [x1, x2], got 3 values")
put("length_mismatch" + J, dump(lesson(labels=[0, 1])), "3 points but 2 labels")
# -- numbers
text = good.replace("1.0", "NaN", 1)
put("nan_in_points" + J, text, "points[0][1] is NaN", text[: text.index("NaN")].count("\n") + 1)
text = dump(lesson(theta=[0.5, 1.0, 2.0]))
text = text[: text.index('"theta"')] + text[text.index('"theta"') :].replace("1.0", "Infinity", 1)
line = text[: text.index("Infinity")].count("\n") + 1
put("infinity_in_theta" + J, text, "theta[1] is Infinity", line)
text = good.replace('"learning_rate": 0.5', '"learning_rate": -Infinity')
put("minus_infinity_rate" + J, text, "'learning_rate' is -Infinity",
    text[: text.index("-Infinity")].count("\n") + 1)
put("string_number" + J, dump(lesson(points=[[0.5, "1.0"], [2.0, 2.5], [3.0, 0.25]])),
    "points[0][1] must be a number")
put("huge_number" + J, good.replace("2.5", "1e400"), "points[1][1] is too large")
put("bool_number" + J, dump(lesson(points=[[0.5, 1.0], [True, 2.5], [3.0, 0.25]])),
    "points[1][0] must be a number, got true")
put(
    "null_point" + J,
    dump(lesson(points=[[0.5, 1.0], None, [3.0, 0.25]])),
    "points[1] must be a pair",
)
# -- labels
put("label_2" + J, dump(lesson(labels=[0, 2, 1])), "labels[1] must be 0 or 1, got 2")
put("label_minus_1" + J, dump(lesson(labels=[0, 1, -1])), "labels[2] must be 0 or 1, got -1")
put(
    "label_cat" + J,
    dump(lesson(labels=["cat", 1, 1])),
    "labels[0] must be 0 or 1, got the text 'cat'",
)
put("label_true" + J, dump(lesson(labels=[0, True, 1])), "labels[1] must be 0 or 1, got true")
put("labels_not_list" + J, dump(lesson(labels=1)), "'labels' must be a list")
# -- features and settings
put("unknown_term" + J, dump(lesson(features={"terms": ["x1", "x3"], "standardize": True})),
    "unknown feature term 'x3'")
put("empty_terms" + J, dump(lesson(features={"terms": [], "standardize": True})), "terms is empty")
put("duplicate_term" + J, dump(lesson(features={"terms": ["x1", "x1"], "standardize": True})),
    "listed twice")
put("standardize_string" + J, dump(lesson(features={"terms": ["x1"], "standardize": "yes"})),
    "standardize must be true or false")
put("features_list" + J, dump(lesson(features=["x1", "x2"])), "'features' must be an object")
put("unknown_loss" + J, dump(lesson(loss="hinge")), "unknown loss")
put("learning_rate_zero" + J, dump(lesson(learning_rate=0)), "learning_rate must be a positive")
put(
    "learning_rate_negative" + J,
    dump(lesson(learning_rate=-0.1)),
    "learning_rate must be a positive",
)
put(
    "learning_rate_string" + J,
    dump(lesson(learning_rate="fast")),
    "'learning_rate' must be a number",
)
# A misspelt key would be dropped for the default: refused, naming the key meant.
alpha = lesson(alpha=0.1, _drop=("learning_rate",))
put("misspelt_alpha" + J, dump(alpha), "unknown key 'alpha' (did you mean 'learning_rate'?)")
put("misspelt_learningrate" + J, dump(lesson(learningrate=0.1, _drop=("learning_rate",))),
    "unknown key 'learningrate' (did you mean 'learning_rate'?)")
put("misspelt_standardise" + J,
    dump(lesson(features={"terms": ["x1", "x2"], "standardise": False})),
    "unknown key 'features.standardise' (did you mean 'standardize'?)")
put("steps_in_version_1" + J, dump(lesson(steps=[{"title": "Look"}])),
    "'steps' (a lesson script) needs \"version\": 2")
put("tol_negative" + J, dump(lesson(tol=-1e-4)), "tol must be a finite number ≥ 0")
put(
    "steps_per_frame_zero" + J,
    dump(lesson(steps_per_frame=0)),
    "steps_per_frame must be at least 1",
)
put(
    "steps_per_frame_fraction" + J,
    dump(lesson(steps_per_frame=2.5)),
    "'steps_per_frame' must be a whole number",
)
put("seed_negative" + J, dump(lesson(seed=-3)), "seed must be an integer from 0")
put("iteration_negative" + J, dump(lesson(iteration=-1)), "iteration must be ≥ 0")
put(
    "theta_wrong_length" + J,
    dump(lesson(theta=[1.0, 2.0])),
    "theta has 2 values but 2 feature terms need 3",
)
put("theta_string" + J, dump(lesson(theta="[1, 2, 3]")), "'theta' must be a list")
put("view_inverted" + J, dump(lesson(view={"x": [4, 0], "y": [0, 4]})), "xmin < xmax")
put("view_missing_y" + J, dump(lesson(view={"x": [0, 4]})), "'view' must be")
put("title_number" + J, dump(lesson(title=42)), "'title' must be text")

# -- CSV files that must load
rows = "x1,x2,y\n0.5,1.0,0\n2.0,2.5,1\n3.0,0.25,1\n"
put("bom.csv", b"\xef\xbb\xbf" + rows.encode(), ok=True, rows=3)
put("crlf.csv", rows.replace("\n", "\r\n"), ok=True, rows=3)
put("bom_crlf.csv", b"\xef\xbb\xbf" + rows.replace("\n", "\r\n").encode(), ok=True, rows=3)
put("trailing_blank_lines.csv", rows + "\n\n  \n\n", ok=True, rows=3)
put("spaces_and_float_labels.csv", " x1 , x2 , y \n 0.5 , 1.0 , 0.0\n2,2.5,1.0\n", ok=True, rows=2)
# -- CSV files that must not
put("empty.csv", "", "empty")
put("header_only.csv", "x1,x2,y\n", "no data rows")
put("header_only_crlf_blank.csv", "x1,x2,y\r\n\r\n\r\n", "no data rows")
put("wrong_header.csv", "a,b,label\n1,2,0\n", "the header must be 'x1,x2,y'", 1)
put("no_header.csv", "0.5,1.0,0\n2.0,2.5,1\n", "looks like a data row", 1)
put("semicolons.csv", "x1;x2;y\n0.5;1.0;0\n", "separate the columns with commas", 1)
put("one_column.csv", "x1,x2,y\n0.5\n2.0\n", "expected 3 values (x1,x2,y), got 1", 2)
put(
    "ten_columns.csv",
    "x1,x2,y\n" + ",".join(["1"] * 10) + "\n",
    "expected 3 values (x1,x2,y), got 10",
    2,
)
put("short_row_later.csv", rows + "4.0,1.5\n5.0,5.0,1\n", "got 2", 5)
put("label_2.csv", rows + "1.5,1.5,2\n", "label must be 0 or 1, got '2'", 5)
put("label_minus_1.csv", "x1,x2,y\n0.5,1.0,-1\n", "label must be 0 or 1, got '-1'", 2)
put(
    "label_cat.csv",
    "x1,x2,y\n0.5,1.0,0\n1,1,1\n2,2,1\n3,3,0\n4,4,1\n7,7,cat\n",
    "label must be 0 or 1, got 'cat'",
    7,
)
put("label_empty.csv", "x1,x2,y\n0.5,1.0,\n", "label must be 0 or 1, got ''", 2)
put("label_half.csv", "x1,x2,y\n0.5,1.0,0.5\n", "label must be 0 or 1, got '0.5'", 2)
put("nan.csv", rows + "nan,1.0,0\n", "x1 must be a finite number, got 'nan'", 5)
put("inf.csv", "x1,x2,y\n0.5,inf,0\n", "x2 must be a finite number, got 'inf'", 2)
put("huge_exponent.csv", "x1,x2,y\n1e999,1.0,0\n", "x1 must be a finite number", 2)
put("non_numeric.csv", "x1,x2,y\n0.5,abc,0\n", "x2 must be a number, got 'abc'", 2)
put("empty_cell.csv", "x1,x2,y\n0.5,,0\n", "x2 is empty", 2)
put("decimal_comma.csv", "x1,x2,y\n\"0,5\",1.0,0\n", "expected 3 values", 2)
put("garbage.csv", bytes(range(256)) * 4, "binary data", 1)
put("latin1.csv", "x1,x2,y\n0.5,1.0,0\ncaf\u00e9,1.0,0\n".encode("latin-1"), "not UTF-8", 3)
put("utf16.csv", rows.encode("utf-16"), ok=True, rows=3)  # Excel's "Unicode Text"
put("lesson_as_csv.csv", good, "the header must be 'x1,x2,y'", 1)

# -- what the app (File ▸ Open, a drop, ``logitlab FILE``) does with each CSV: it reads
# any table (core.table), so several files read_csv refuses open, at once ("direct":
# LogitLab's own x1,x2,y, m rows) or in the preview ("preview": m rows, "bad": bad rows);
# the others are refused with "message" on "line".
APP = {
    "bom.csv": {"direct": 3}, "bom_crlf.csv": {"direct": 3}, "crlf.csv": {"direct": 3},
    "trailing_blank_lines.csv": {"direct": 3}, "spaces_and_float_labels.csv": {"direct": 2},
    "semicolons.csv": {"direct": 1},
    "lesson_as_csv.csv": {"direct": 3},  # a lesson, whatever its name
    "wrong_header.csv": {"preview": 1}, "no_header.csv": {"preview": 2},
    "label_2.csv": {"preview": 4}, "label_minus_1.csv": {"preview": 1},
    "label_half.csv": {"preview": 1},
    "short_row_later.csv": {"preview": 5, "bad": 1}, "label_cat.csv": {"preview": 6, "bad": 1},
    "nan.csv": {"preview": 4, "bad": 1}, "latin1.csv": {"preview": 2, "bad": 1},
    "label_empty.csv": {"preview": 1, "bad": 1},
    "empty.csv": {"message": "the file is empty", "line": None},
    "header_only.csv": {"message": "no data rows", "line": None},
    "header_only_crlf_blank.csv": {"message": "no data rows", "line": None},
    "one_column.csv": {"message": "the rows below do not", "line": 2},
    "ten_columns.csv": {"message": "10 values where line 1 has 3", "line": 2},
    "decimal_comma.csv": {"message": "a decimal comma in a comma-separated file", "line": None},
    "empty_cell.csv": {"message": "'x2' is empty", "line": None},
    "huge_exponent.csv": {"message": "'x1' holds no finite numbers", "line": None},
    "inf.csv": {"message": "'x2' holds no finite numbers ('inf' on line 2)", "line": None},
    "non_numeric.csv": {"message": "'x2' holds no numbers ('abc' on line 2)", "line": None},
    "garbage.csv": {"message": "binary data", "line": 1},
    "utf16.csv": {"direct": 3},
}
assert set(APP) == {n for n in EXPECTED if n.endswith(".csv")}
for name, app in APP.items():
    EXPECTED[name]["app"] = app

with open(os.path.join(D, "EXPECTED.json"), "w", encoding="utf-8") as f:
    json.dump(dict(sorted(EXPECTED.items())), f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(EXPECTED), sum(1 for v in EXPECTED.values() if "ok" not in v))
