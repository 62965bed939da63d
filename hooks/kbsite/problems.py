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

