"""Files the lesson and CSV readers refuse: FileProblem's message, the committed corpus of
bad files and the ones made at run time (missing, folders, links, FIFOs, no permission,
too large, too deep, garbage)."""

from __future__ import annotations

import builtins
import json
import os
import pickle
from pathlib import Path

import numpy as np
import pytest

from core import text_file
from core.lesson import MAX_FILE_BYTES, FileProblem, lesson_from_json, read_csv, read_lesson

from .support import ROOT

BAD = ROOT / "tests" / "files" / "bad"
EXPECTED = json.loads((BAD / "EXPECTED.json").read_text(encoding="utf-8"))


def reader_for(name):
    return read_csv if name.endswith(".csv") else read_lesson


# ---------------------------------------------------------------------------
# FileProblem
# ---------------------------------------------------------------------------
def test_file_problem_message_with_and_without_line():
    exc = FileProblem("/some/where/points.csv", "label must be 0 or 1, got 'cat'", 7)
    assert str(exc) == "points.csv, line 7: label must be 0 or 1, got 'cat'"
    assert exc.path == "/some/where/points.csv"
    assert exc.line == 7
    assert exc.problem == "label must be 0 or 1, got 'cat'"
    assert isinstance(exc, ValueError)
    plain = FileProblem(Path("a/lesson.logitlab.json"), "file not found")
    assert str(plain) == "lesson.logitlab.json: file not found"
    assert plain.line is None
    again = pickle.loads(pickle.dumps(exc))
    assert (again.path, again.line, again.problem) == (exc.path, exc.line, exc.problem)


# ---------------------------------------------------------------------------
# The committed corpus of bad files
# ---------------------------------------------------------------------------
BAD_CASES = sorted(name for name, e in EXPECTED.items() if not e.get("ok"))
GOOD_CASES = sorted(name for name, e in EXPECTED.items() if e.get("ok"))


def test_corpus_is_complete_and_listed():
    on_disk = {p.name for p in BAD.iterdir()} - {"EXPECTED.json", "README.md"}
    assert on_disk == set(EXPECTED)
    assert len(BAD_CASES) >= 30
    assert {"bom.csv", "crlf.csv", "bom.logitlab.json", "crlf.logitlab.json"} <= set(GOOD_CASES)
    for name in BAD_CASES:
        assert (BAD / name).stat().st_size < 20_000, name


@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_file_is_refused_with_a_clear_message(name):
    expected = EXPECTED[name]
    with pytest.raises(FileProblem) as info:
        reader_for(name)(BAD / name)
    exc = info.value
    assert expected["message"] in exc.problem
    assert exc.line == expected["line"]
    assert str(exc).startswith(name)
    assert exc.path == str(BAD / name)


@pytest.mark.parametrize("name", GOOD_CASES)
def test_tolerated_file_loads(name):
    result = reader_for(name)(BAD / name)
    points = result[0] if isinstance(result, tuple) else result.points
    assert len(points) == EXPECTED[name]["rows"]
    assert points.tolist()[0] == [0.5, 1.0]


# ---------------------------------------------------------------------------
# Files that cannot be made in git: made at run time
# ---------------------------------------------------------------------------
READERS = [read_csv, read_lesson]


@pytest.mark.parametrize("reader", READERS)
def test_missing_file(reader, tmp_path):
    with pytest.raises(FileProblem, match="file not found"):
        reader(tmp_path / "nope.csv")


@pytest.mark.parametrize("reader", READERS)
def test_directory(reader, tmp_path):
    folder = tmp_path / "lesson.logitlab.json"
    folder.mkdir()
    with pytest.raises(FileProblem, match="folder, not a file"):
        reader(folder)


@pytest.mark.parametrize("reader", READERS)
def test_broken_symlink(reader, tmp_path):
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "gone.csv")
    with pytest.raises(FileProblem, match="broken symbolic link") as info:
        reader(link)
    assert "gone.csv" in info.value.problem


@pytest.mark.parametrize("reader", READERS)
def test_symlink_loop(reader, tmp_path):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    with pytest.raises(FileProblem, match="cannot open the file"):
        reader(tmp_path / "a.csv")


@pytest.mark.parametrize("reader", READERS)
def test_fifo_does_not_hang(reader, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        reader(fifo)


@pytest.mark.parametrize("reader", READERS)
def test_no_read_permission_simulated(reader, tmp_path, monkeypatch):
    # Tests run as root, where chmod 000 does not stop reading: make open refuse.
    path = tmp_path / "secret.csv"
    path.write_text("x1,x2,y\n1,2,1\n", encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(text_file, "open", refusing_open, raising=False)
    with pytest.raises(FileProblem, match="no permission to read"):
        reader(path)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="running as root: chmod 000 does not block reading (see the simulated test)",
)
@pytest.mark.parametrize("reader", READERS)
def test_no_read_permission_real(reader, tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("x1,x2,y\n1,2,1\n", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(FileProblem, match="no permission"):
            reader(path)
    finally:
        path.chmod(0o600)


def bytes_read_by_this_thread():
    """What this thread has read through read() so far (Linux), or None."""
    try:
        with open("/proc/thread-self/io", encoding="ascii") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return int(fields["rchar"])
    except (OSError, KeyError, ValueError):
        return None


@pytest.mark.parametrize("reader", READERS)
def test_too_large_file_is_refused_without_reading(reader, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no disk used, no time spent
    before = bytes_read_by_this_thread()
    with pytest.raises(FileProblem) as info:
        reader(path)
    after = bytes_read_by_this_thread()
    if before is not None and after is not None:
        # Counted in bytes, not timed: a busy machine cannot fail it.
        assert after - before < 1024 * 1024, f"read {after - before:,} bytes of it"
    problem = info.value.problem
    assert "too large" in problem
    assert "200.0 MB" in problem and "100.0 MB" in problem
    assert MAX_FILE_BYTES == 100 * 1024 * 1024


def test_file_at_the_cap_is_read(tmp_path):
    # Exactly MAX_FILE_BYTES is allowed; the content decides (here: a NUL).
    path = tmp_path / "cap.csv"
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES)
    with pytest.raises(FileProblem, match="binary data"):
        read_csv(path)


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.logitlab.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(FileProblem, match="nested too deeply|expected a JSON object"):
        read_lesson(path)


def test_integer_with_too_many_digits():
    text = '{"format": "logitlab-lesson", "version": 1, "seed": ' + "9" * 5000 + "}"
    with pytest.raises(FileProblem):
        lesson_from_json(text)


def test_garbage_never_escapes_as_another_exception(tmp_path):
    rng = np.random.default_rng(1)
    for i in range(200):
        data = rng.integers(1, 256, size=int(rng.integers(0, 300)), dtype=np.uint8).tobytes()
        for suffix, reader in ((".csv", read_csv), (".logitlab.json", read_lesson)):
            path = tmp_path / f"g{i}{suffix}"
            path.write_bytes(data)
            with pytest.raises(FileProblem):
                reader(path)
