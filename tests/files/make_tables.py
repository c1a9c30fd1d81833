"""Regenerate the corpus of tables in ``tables/``: good ones in many dialects, and bad ones.

    .venv/bin/python tests/files/make_tables.py

``tables/EXPECTED.json`` maps each file to what opening it must give:

* ``{"rows": m, "names": [x1, x2, y], "positives": k, ...}``: it opens (with the
  default columns, or those in ``"args"``: the command line's ``--x1`` …), m rows,
  k of them labelled 1; ``"direct": true`` when it is LogitLab's own x1,x2,y
  format (no preview needed); ``"ambiguous": true`` when the positive class is
  a guess the user should confirm (the command line then needs ``--positive``);
  ``"bad_rows": n`` when n rows are skipped (only with consent);
* ``{"message": ..., "line": ..., "stage": ...}``: it is refused; ``message`` is
  a substring of the problem, ``line`` its line (or null), ``stage`` where:
  ``read`` (the table cannot be read), ``columns`` (no usable columns),
  ``choice`` (the default picks have a problem the user must fix), ``rows``
  (bad rows, not skipped without consent).

The course's own file is ``tests/files/ex2data1.txt``; the spreadsheet exports
here re-write its 100 rows in other dialects.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
D = os.path.join(HERE, "tables")
os.makedirs(D, exist_ok=True)
for f in os.listdir(D):
    os.unlink(os.path.join(D, f))
EXPECTED = {}
with open(os.path.join(HERE, "ex2data1.txt"), encoding="utf-8") as f:
    EX2 = [line.split(",") for line in f.read().split()]


def put(name, data, **expect):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(D, name), "wb") as f:
        f.write(data)
    EXPECTED[name] = expect


def refused(name, data, stage, message, line=None):
    put(name, data, stage=stage, message=message, line=line)


# -- the course's rows as spreadsheets export them ---------------------------------------
# Excel, German locale: BOM, CRLF, semicolons, decimal commas, quoted names, yes/no.
rows = ['"Exam 1";"Exam 2";"Admitted"'] + [
    f"{a.replace('.', ',')};{b.replace('.', ',')};{'yes' if y == '1' else 'no'}"
    for a, b, y in EX2]
put("ex2_excel_de.csv", b"\xef\xbb\xbf" + "\r\n".join(rows).encode() + b"\r\n", rows=100,
    names=["Exam 1", "Exam 2", "Admitted"], positives=60)
# LibreOffice, tab-separated with an id column first (skipped) and one more: named here.
rows = ["id\tage\texam1\texam2\tadmitted"] + [f"{i}\t{17 + i % 5}\t{a}\t{b}\t{y}"
                                                for i, (a, b, y) in enumerate(EX2, 1)]
put("ex2_with_id.tsv", "\n".join(rows) + "\n", rows=100, names=["exam1", "exam2", "admitted"],
    positives=60, args={"x1": "exam1", "x2": "exam2", "y": "admitted"})
# Excel's "Unicode Text" (.txt): UTF-16 with its BOM, tabs, CRLF, 1/0 labels.
rows = ["Exam 1\tExam 2\tAdmitted"] + [f"{a}\t{b}\t{y}" for a, b, y in EX2]
put("ex2_excel_unicode.txt", "\r\n".join(rows + [""]).encode("utf-16"), rows=100,
    names=["Exam 1", "Exam 2", "Admitted"], positives=60)
# Octave's save -ascii: spaces, no header, TRUE/FALSE from a spreadsheet's boolean.
rows = [f" {a}   {b}   {'TRUE' if y == '1' else 'FALSE'}" for a, b, y in EX2]
put("ex2_spaces.txt", "\n".join(rows) + "\n", rows=100,
    names=["column 1", "column 2", "column 3"], positives=60)

# -- other good tables ---------------------------------------------------------------------
put("points.csv", "x1,x2,y\n0.5,1.0,0\n2.0,2.5,1\n3.0,0.25,1\n", rows=3,
    names=["x1", "x2", "y"], positives=2, direct=True)
put("quoted.csv", '"score, first","score, second","passed?"\n"1.5","2.5","pass"\n'
                  '3,4,"fail"\n5,6,pass\n', rows=3,
    names=["score, first", "score, second", "passed?"], positives=2)
put("pipes.txt", "a|b|c\n1|2|1\n3|4|-1\n5|6|1\n", rows=3, names=["a", "b", "c"], positives=2)
put("minus_one.csv", "u,v,t\n1,2,-1\n3,4,1\n", rows=2, names=["u", "v", "t"], positives=1)
put("cats_and_dogs.csv", "weight,height,animal\n4,25,cat\n30,60,dog\n5,23,cat\n", rows=3,
    names=["weight", "height", "animal"], positives=1, ambiguous=True)
put("three_species.csv", "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n"
                         "6.3,6.0,virginica\n4.9,1.4,setosa\n", rows=4,
    names=["sepal", "petal", "species"], positives=1, ambiguous=True)
put("extra_columns.csv", "name,age,income,bought\nann,34,50,1\nbob,45,80,0\ncy,23,20,1\n",
    rows=3, names=["age", "income", "bought"], positives=2)
put("some_bad_rows.csv", "x,y,label\n1,2,1\n,3,0\n4,abc,1\n5,6,0\n7,8,NA\n9,10,1\n",
    rows=3, names=["x", "y", "label"], positives=2, bad_rows=3)
put("cp1252.csv", "Prüfung 1;Prüfung 2;Zugelassen\n1,5;2,5;ja\n3,5;4,5;nein\n".encode("cp1252"),
    rows=2, names=["Prüfung 1", "Prüfung 2", "Zugelassen"], positives=1)
# The header says which column is which, even when the label comes first.
put("label_first.csv", "y,x1,x2\n0,1,2\n1,3,4\n0,5,6\n1,7,8\n", rows=4,
    names=["x1", "x2", "y"], positives=2)
put("class_first.csv", "Class,width,length\nyes,1,2\nno,3,4\nyes,5,6\n", rows=3,
    names=["width", "length", "Class"], positives=2)
# Whole numbers for more lines than the dialect's sample, then decimal commas.
put("late_decimal_comma.csv", "Punkte A;Punkte B;bestanden\n"
    + "".join(f"{i % 97};{(7 * i) % 89};{i % 2}\n" for i in range(250))
    + "".join(f"{i % 97},5;{(7 * i) % 89},25;{i % 2}\n" for i in range(50)), rows=300,
    names=["Punkte A", "Punkte B", "bestanden"], positives=150)
# Comment lines on top (Octave, numpy's savetxt, a teacher's note).
put("comment_lines.csv", "# exam data 2024\n# columns: two scores and admitted\n"
                         "x1,x2,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n", rows=4,
    names=["x1", "x2", "y"], positives=2, direct=True)
# Excel's separator at the end of every line: an empty last column without a name.
put("trailing_separator.csv", "a;b;y;\r\n1,5;2;0;\r\n3;4,5;1;\r\n5;6;0;\r\n", rows=3,
    names=["a", "b", "y"], positives=1)

# -- tables that cannot be read ---------------------------------------------------------
refused("empty.csv", "", "read", "the file is empty")
refused("blank_lines.txt", "\n \n\t\n", "read", "the file is empty")
refused("comments_only.csv", "# exam data 2024\n# to be filled in\n", "read",
        "only comment lines")
refused("header_only.csv", "exam1,exam2,admitted\n", "read", "no data rows")
refused("one_column.txt", "34.6\n78.0\n1\n", "read", "found only one column", 1)
refused("rows_not_split.csv", "a,b,c\n1 2 3\n4 5 6\n", "read",
        "separate every row's values with commas", 2)
refused("semicolon_header_comma_rows.csv", "a;b;c\n1,2,3\n4,5,6\n", "read",
        "separate every row's values with semicolons", 2)
refused("ragged.csv", "a,b,c\n1,2,3\n1,2\n1\n4,5\n", "read", "every row needs one value", 3)
refused("utf16_broken.csv", "a,b,c\n1,2,1\n".encode("utf-16") + b"\x00\xd8", "read",
        "not valid UTF-16 text", 3)
refused("binary.csv", b"PK\x03\x04\x00\x00binary", "read", "Excel (.xlsx)")
refused("json_named.csv", '[{"x1": 1, "x2": 2, "y": 1}]\n', "read", "looks like JSON", 1)
# -- tables without usable columns
refused("two_columns.csv", "x,y\n1,0\n2,1\n", "columns", "2 columns found")
refused("words_only.csv", "name,city,label\nann,rome,yes\nbob,oslo,no\n", "columns",
        "two columns of numbers are needed")
refused("one_numeric.csv", "name,score,label\nann,3,yes\nbob,4,no\n", "columns",
        "two columns of numbers are needed")
refused("label_between_words.csv", "name,score,city,label\nann,3,rome,1\nbob,4,oslo,0\n",
        "columns", "x1 and x2 need two columns of numbers besides the label 'label'")
refused("decimal_comma_in_commas.csv", 'a,b,y\n"1,5",2,1\n"2,5",3,0\n', "columns",
        "a decimal comma in a comma-separated file")
# -- default picks the user must change
refused("label_is_a_score.csv",
        "exam1,exam2,score\n" + "".join(f"{a},{b},{i * 1.5}\n" for i, (a, b, _) in
                                        enumerate(EX2[:30])),
        "choice", "different values, not a few classes")
refused("all_rows_bad.csv", "a,b,c\n1,,1\n2,,0\n3,4,\n", "choice",
        "every row has a missing or non-numeric cell")
refused("label_all_empty.csv", "a,b,c\n1,2,\n3,4,\n", "choice",
        "every row has a missing or non-numeric cell")
# -- bad rows: refused unless skipped
refused("mixed_decimals.csv", "a;b;c\n1.5;2.5;1\n2,5;3.5;0\n3.5;4.5;1\n", "rows",
        "decimal commas and points are mixed", 3)
refused("missing_cells.csv", "a,b,c\n1,2,1\n3,,0\n5,6,1\n7,8,0\n", "rows", "b is empty", 3)
refused("nan_and_inf.csv", "a,b,c\n1,2,1\nnan,2,0\n3,inf,1\n4,5,0\n", "rows",
        "a is not a finite number: 'nan'", 3)
refused("short_row.csv", "a,b,c\n1,2,1\n3,4\n5,6,1\n7,8,0\n", "rows", "2 values, expected 3", 3)

with open(os.path.join(D, "EXPECTED.json"), "w", encoding="utf-8") as f:
    json.dump(dict(sorted(EXPECTED.items())), f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(EXPECTED), "tables")
