"""Problems found in the knowledge base, reported as `path:line: message`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a source file; `line` is 1-based (0 when unknown)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        """The problem as a JSON-friendly mapping."""
        return {"path": self.path, "line": self.line, "message": self.message}


def line_of(text: str, needle: str, start_line: int = 1) -> int:
    """The 1-based line of the first occurrence of `needle` in `text` (0 if absent)."""
    index = text.find(needle)
    if index < 0:
        return 0
    return start_line + text.count("\n", 0, index)
