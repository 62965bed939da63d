"""Problems found in the knowledge base, reported as `path:line: message`."""
from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = re.compile(r"^\s*(```+|~~~+)")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


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
    repeated needles are found in turn, outside code (where nothing is resolved), and across
    line breaks (a folded YAML definition joins its lines). A needle not found gets line 0.
    """
    problems, searched_from = [], {}
    code = code_regions(text)
    for needle, message in unresolved:
        pattern = re.compile(r"\s+".join(re.escape(part) for part in needle.split()) or re.escape(needle))
        offset = -1
        for match in pattern.finditer(text, searched_from.get(needle, 0)):
            if not any(start <= match.start() < end for start, end in code):
                offset = match.start()
                searched_from[needle] = match.end()
                break
        line = first_line + text.count("\n", 0, offset) if offset >= 0 else 0
        problems.append(Problem(display, line, message))
    return problems


def code_regions(text: str) -> list:
    """(start, end) offsets of fenced code blocks and inline code spans in Markdown text."""
    regions, fence, fence_start, offset = [], None, 0, 0
    for line in text.splitlines(keepends=True):
        marker = FENCE.match(line)
        if fence is None and marker:
            fence, fence_start = marker.group(1), offset
        elif fence is not None and marker and marker.group(1).startswith(fence[0]) and len(marker.group(1)) >= len(fence):
            regions.append((fence_start, offset + len(line)))
            fence = None
        offset += len(line)
    if fence is not None:
        regions.append((fence_start, len(text)))
    regions += [span.span() for span in _CODE_SPAN.finditer(text)
                if not any(start <= span.start() < end for start, end in regions)]
    return regions
