"""The command line: open a file, or render a lesson headless for slides.

    logitlab [FILE] [--steps N] [--export-png OUT.png] [--size WxH] [--export-csv costs.csv]
             [--x1 COL] [--x2 COL] [--y COL] [--positive VALUE] [--skip-bad-rows]

FILE is a lesson (.logitlab.json) or any delimited table (.csv, .tsv, .txt:
commas, semicolons, tabs or spaces, header or not).  Every problem is one
line on stderr, saying how to fix it, and exit status 2, never a traceback.
No Qt here: the GUI is imported only once the arguments are good.
"""

from __future__ import annotations

import argparse
import sys

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        # argparse prints the whole usage; a teacher needs the one line that matters.
        sys.stderr.write(f"logitlab: {message} (see logitlab --help)\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _size(text):
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, got {text!r}") from None
    if not (100 <= w <= 10000 and 100 <= h <= 10000):
        raise argparse.ArgumentTypeError(f"size {text} is outside 100x100 … 10000x10000")
    return w, h


def _steps(text):
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"steps must be a whole number, got {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"steps must be ≥ 0, got {n}")
    return n


def parser():
    p = _Parser(prog="logitlab", description="See logistic regression and gradient descent learn.")
    p.add_argument("file", nargs="?",
                   help="a lesson (.logitlab.json) or a table (.csv, .tsv, .txt) of two feature "
                        "columns and a label column")
    p.add_argument("--steps", type=_steps, default=0, help="descent steps to run before exporting")
    p.add_argument("--export-png", metavar="OUT.png", help="render the window to a PNG and exit")
    p.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH",
                   help="size of the exported PNG (default 1920x1080)")
    p.add_argument("--export-csv", metavar="COSTS.csv", help="write the cost history and exit")
    table = p.add_argument_group(
        "tables", "by default the columns headed x1, x2 and y (or label, class, target); "
                  "otherwise x1 and x2 are the first two numeric columns and y the last one")
    for name, role in (("x1", "the first feature"), ("x2", "the second feature"),
                       ("y", "the label")):
        table.add_argument(f"--{name}", metavar="COL",
                           help=f"the column of {role}: its header name or its number (1, 2, …)")
    table.add_argument("--positive", metavar="VALUE",
                       help="the label value of the positive class (y = 1); the others are 0")
    table.add_argument("--skip-bad-rows", action="store_true",
                       help="skip rows with missing or non-numeric cells (they are refused "
                            "otherwise)")
    # The desktop entry's: started by a double-click there is no terminal to read the
    # one-line refusal, and nothing showed at all.  The window opens and says it.
    p.add_argument("--from-desktop", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--install-desktop-entry", action="store_true",
                   help="add LogitLab to the desktop's application menu (this user) and exit")
    return p


def picks(args):
    """{"x1": …, "x2": …, "y": …, "positive": …} given on the command line (None: default)."""
    if args is None:
        return {}
    return {k: getattr(args, k, None) for k in ("x1", "x2", "y", "positive")
            if getattr(args, k, None) is not None}


def table_lesson(choice, skip_bad_rows=False):
    """The Lesson of a table's chosen columns (default settings); FileProblem if not yet."""
    from core.lesson import Lesson

    points, labels = choice.points_and_labels(skip_bad_rows=skip_bad_rows)
    return Lesson(points=points, labels=labels, title=choice.table.name)


def read_input(path, args=None, ask=False):
    """A Lesson from a lesson file or a table; FileProblem (saying how to fix it) on a bad one.

    ``args`` carries ``--x1 --x2 --y --positive --skip-bad-rows``.  With
    ``ask`` (the app will show the table) a table comes back as its
    :class:`core.table_columns.Choice`, for the app to load or preview;
    otherwise a positive class that is only a guess, bad rows or a pick with a
    problem are FileProblems naming the option that settles them.
    """
    from core.lesson import Lesson, read_document
    from core.table_columns import BadRows, choose
    from core.text_file import FileProblem

    chosen = picks(args)
    skip = bool(getattr(args, "skip_bad_rows", False))
    doc = read_document(path)
    if isinstance(doc, Lesson):
        if chosen or skip:
            options = [f"--{k}" for k in chosen] + (["--skip-bad-rows"] if skip else [])
            verb = "applies" if len(options) == 1 else "apply"
            raise FileProblem(path, f"{', '.join(options)} {verb} to tables; this file is a "
                                    "lesson (leave them out)")
        return doc
    choice = choose(doc, **chosen)
    if ask:
        return choice
    if choice.problem:
        if "positive" in chosen and "is not a label" in choice.problem:
            raise FileProblem(path, f"{choice.problem} (for --positive)")
        raise FileProblem(path, f"{choice.problem} (with --x1 COL --x2 COL --y COL, by header "
                                f"name or number: {_columns(doc)})")
    if choice.ambiguous:
        # The question names the label column, so a wrong one is seen: --y picks another.
        raise FileProblem(path, f"{choice.ambiguous} Name it with --positive VALUE, e.g. "
                                f"--positive {_quoted(choice.positive.text)}, or pick "
                                "another label column with --y COL")
    try:
        return table_lesson(choice, skip)
    except BadRows as exc:
        raise exc.with_how("skip them with --skip-bad-rows") from None


def _columns(table):
    return ", ".join(f"{i + 1} {n!r}" for i, n in enumerate(table.names))


def _quoted(text):
    return text if text.replace("-", "").replace(".", "").isalnum() else repr(text)


def fail(message):
    sys.stderr.write(f"logitlab: {message}\n")
    return EXIT_BAD_INPUT
