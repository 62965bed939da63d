"""Reading the knowledge base's text files: one rule for every reader."""
from __future__ import annotations

import os

from .problems import Problem


def read_text(file_path: str, display: str, *, keep_newlines: bool = False) -> tuple[str | None, list[Problem]]:
    """A file's text, decoded as UTF-8 (a byte-order mark dropped), CRLF read as LF unless
    `keep_newlines`. A missing file is ''; anything unreadable is None and one problem."""
    try:
        with open(file_path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        if os.path.islink(file_path):
            return None, [Problem(display, 0, "cannot be read: a broken symbolic link")]
        return "", []
    except IsADirectoryError:
        return None, [Problem(display, 0, "is a directory, not a file")]
    except OSError as error:
        return None, [Problem(display, 0, f"cannot be read: {error.strerror}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, [Problem(display, line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8")]
    return (text if keep_newlines else text.replace("\r\n", "\n")), []
