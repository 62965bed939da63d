"""Reading the knowledge base's text files: one UTF-8 rule, and every failure as a `Problem`."""
from __future__ import annotations

import os

from .problems import Problem

BOM = "\ufeff"


def read_text(file_path: str, display: str, *, exact: bool = False,
              missing_ok: bool = True) -> tuple[str | None, list[Problem]]:
    """A file's text, or None and the one problem that stops it being read.

    By default the text is ready to parse: a byte-order mark is dropped and Windows line ends
    become `\\n`. With `exact`, it is the file as stored (mark and line ends kept), for code that
    rewrites the file and must keep every byte it does not change. A missing file is '' when
    `missing_ok` (the knowledge base's files are optional), else a problem.
    """
    try:
        with open(file_path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        if os.path.islink(file_path):
            return None, [Problem(display, 0, "cannot be read: a broken symbolic link")]
        return ("", []) if missing_ok else (None, [Problem(display, 0, "cannot be read: no such file")])
    except IsADirectoryError:
        return None, [Problem(display, 0, "is a directory, not a file")]
    except OSError as error:
        return None, [Problem(display, 0, f"cannot be read: {error.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [Problem(display, line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8")]
    return (text if exact else text.removeprefix(BOM).replace("\r\n", "\n")), []
