"""The command line: open a file, or render a lesson headless for slides.

    logitlab [FILE] [--steps N] [--export-png OUT.png] [--size WxH] [--export-csv costs.csv]

Every problem is one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
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
    p.add_argument("file", nargs="?", help="a lesson (.logitlab.json) or points (.csv, header x1,x2,y)")
    p.add_argument("--steps", type=_steps, default=0, help="descent steps to run before exporting")
    p.add_argument("--export-png", metavar="OUT.png", help="render the window to a PNG and exit")
    p.add_argument("--size", type=_size, default=(1920, 1080), metavar="WxH",
                   help="size of the exported PNG (default 1920x1080)")
    p.add_argument("--export-csv", metavar="COSTS.csv", help="write the cost history and exit")
    p.add_argument("--install-desktop-entry", action="store_true",
                   help="add LogitLab to the desktop's application menu (this user) and exit")
    return p


def read_input(path):
    """A Lesson from a lesson or CSV file; FileProblem on a bad one."""
    from core.lesson import Lesson, read_csv, read_lesson

    if str(path).lower().endswith(".csv"):
        points, labels = read_csv(path)
        return Lesson(points=points, labels=labels, title=os.path.basename(path))
    return read_lesson(path)


def fail(message):
    sys.stderr.write(f"logitlab: {message}\n")
    return EXIT_BAD_INPUT
