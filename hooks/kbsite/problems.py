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


def unresolved_problems(display: str, text: str, first_line: int, unresolved) -> list:
    """Problems for the linker's `(needle, message)` pairs, each at the line where its needle occurs.

    `text` is the source the page was rendered from, starting at line `first_line` of its file;
    repeated needles are found in turn. A needle not found gets line 0.
    """
    problems, searched_from = [], {}
    for needle, message in unresolved:
        offset = text.find(needle, searched_from.get(needle, 0))
        searched_from[needle] = offset + len(needle) if offset >= 0 else 0
        line = first_line + text.count("\n", 0, offset) if offset >= 0 else 0
        problems.append(Problem(display, line, message))
    return problems
