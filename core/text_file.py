"""Reading a user's text file safely: size limit, encodings, one exception type.

Every reader in LogitLab (lessons, tables) goes through :func:`read_text`,
which raises only :class:`FileProblem` (or :class:`Cancelled` when the caller
asked to stop) whatever the file is: missing, a folder, a pipe, binary, too
large.  It reads UTF-8 (with or without a BOM), UTF-16 with its BOM (Excel's
"Unicode Text") and, for tables, a Windows code page.  The size rule is the same
for reading and writing (:func:`size_problem`), so LogitLab never writes a file
it would refuse.
"""

from __future__ import annotations

import os
import stat

#: Files larger than this are refused before reading (100 MiB), and never written.
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Reading happens in blocks of this many bytes, so progress and cancel are live.
BLOCK_BYTES = 4 * 1024 * 1024


class FileProblem(ValueError):
    """A file that cannot be read, with a message for the user.

    ``str(exc)`` reads ``"points.csv, line 7: label must be 0 or 1, got 'cat'"``
    (without the line part when ``line`` is None).
    """

    def __init__(self, path, problem, line=None):
        self.path = path if isinstance(path, str) else os.fsdecode(path)
        self.line = None if line is None else int(line)
        self.problem = str(problem)
        super().__init__(self._message())

    @property
    def name(self):
        """The file name shown to the user (no folders)."""
        return os.path.basename(self.path) or self.path

    def _message(self):
        where = self.name if self.line is None else f"{self.name}, line {self.line}"
        return f"{where}: {self.problem}"

    def __str__(self):
        return self._message()

    def __reduce__(self):
        return (type(self), (self.path, self.problem, self.line))


class Cancelled(Exception):
    """The user cancelled a long read (the ``cancel`` callback returned True)."""


def size_text(n):
    """1536 → '1.5 KB' (binary units, as the size limit is written)."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def size_problem(n_bytes):
    """Why a file of ``n_bytes`` is too large to read (None when it is not).

    The writers call this too: a lesson LogitLab could not read back is
    never written.
    """
    if n_bytes <= MAX_FILE_BYTES:
        return None
    return (f"file is too large: {size_text(n_bytes)} ({n_bytes} bytes), "
            f"the limit is {size_text(MAX_FILE_BYTES)}")


def short(text, limit=40):
    """``repr`` of ``text`` cut to ``limit`` characters (for messages)."""
    text = str(text)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def os_reason(exc):
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def check_file(path):
    """The size of ``path`` in bytes, or FileProblem when it cannot be a readable file.

    Only ``stat`` is used: a FIFO is never opened (it would block) and a huge
    file is refused at once.
    """
    try:
        path = os.fspath(path)
    except TypeError:
        raise FileProblem(str(path), "not a file path") from None
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            raise FileProblem(
                path, f"broken symbolic link: it points to {target!r}, which does not exist"
            ) from None
        raise FileProblem(path, "file not found") from None
    except PermissionError:
        raise FileProblem(path, "no permission to open the file") from None
    except (OSError, ValueError) as exc:
        raise FileProblem(path, f"cannot open the file ({os_reason(exc)})") from None
    if stat.S_ISDIR(st.st_mode):
        raise FileProblem(path, "this is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise FileProblem(path, "not a regular file (a device, pipe or socket)")
    problem = size_problem(st.st_size)
    if problem:
        raise FileProblem(path, problem)
    return st.st_size


def read_bytes(path, progress=None, cancel=None):
    """The bytes of ``path`` (checked by :func:`check_file`), read block by block.

    ``progress(fraction)`` is called after each block; ``cancel()`` returning
    True raises :class:`Cancelled`.
    """
    size = check_file(path)
    path = os.fspath(path)
    blocks = []
    got = 0
    try:
        with open(path, "rb") as f:
            while True:
                if cancel is not None and cancel():
                    raise Cancelled(path)
                block = f.read(BLOCK_BYTES)
                if not block:
                    break
                blocks.append(block)
                got += len(block)
                if got > MAX_FILE_BYTES:
                    raise FileProblem(
                        path,
                        f"file is too large: more than the limit of {size_text(MAX_FILE_BYTES)}",
                    )
                if progress is not None:
                    progress(min(1.0, got / size) if size else 1.0)
    except PermissionError:
        raise FileProblem(path, "no permission to read the file") from None
    except IsADirectoryError:
        raise FileProblem(path, "this is a folder, not a file") from None
    except (OSError, ValueError) as exc:
        raise FileProblem(path, f"cannot read the file ({os_reason(exc)})") from None
    return b"".join(blocks)


def decode(raw, path, fallback=None):
    """The text of ``raw``: UTF-8 (BOM removed) or UTF-16 with a BOM; or FileProblem.

    ``fallback`` (e.g. ``"cp1252"``): the encoding to try when the bytes are
    not UTF-8, for spreadsheet exports saved in a Windows code page.  Returns
    ``(text, encoding)`` when a fallback is given, else the text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode Text" (.txt) is UTF-16 with a byte order mark: a teacher's
        # export, to be read, not refused.  The codec reads the mark and drops it.
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].decode("utf-16", errors="replace").count("\n") + 1
            raise FileProblem(path, "not valid UTF-16 text (it starts with UTF-16's byte "
                                    "order mark); save the file as UTF-8", line) from None
        return text if fallback is None else (text, "UTF-16")
    if raw.startswith(b"PK\x03\x04"):  # a zip: .xlsx and .ods are zips ("line 1" said nothing)
        raise FileProblem(path, "this is a zip file, such as an Excel (.xlsx) or LibreOffice "
                                "(.ods) workbook, not a text table: save the sheet as CSV")
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise FileProblem(path, "binary data (a NUL byte): this is not a text file", line)
    try:
        text, encoding = raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        if fallback is None:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise FileProblem(
                path,
                f"not UTF-8 text: undecodable byte 0x{raw[exc.start]:02x}; save the file as UTF-8",
                line,
            ) from None
        text, encoding = raw.decode(fallback, errors="replace"), fallback
    if text.startswith("\ufeff"):
        text = text[1:]
    return text if fallback is None else (text, encoding)


def read_text(path, progress=None, cancel=None, fallback=None):
    """The text of ``path`` (see :func:`read_bytes` and :func:`decode`)."""
    raw = read_bytes(path, progress, cancel)
    return decode(raw, os.fspath(path), fallback)
