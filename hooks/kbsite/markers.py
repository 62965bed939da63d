"""Markers: where a site-wide list goes in a page, filled once every page is rendered.

A generated page holds `<!-- kb:KIND:ID -->` where a list that needs the whole site goes
("Mentioned in", "Cited in", ...). `fill` writes each list after its marker and closes it
with `<!-- /kb -->`, so `refill` can replace it in a page already written (`--dirty`).
"""
from __future__ import annotations

import re
from typing import Callable

KINDS = (
    "mentioned",    # glossary: the pages that use a term
    "cited",        # paper page: the notes citing the work
    "lists",        # paper page: the reading lists with the work
    "count",        # papers index: how many notes cite a work
    "graph",        # graph page: the whole graph
    "connections",  # end of a note: its place on the path, backlinks, related notes, local graph
    "path",         # home page: the "Start here" path
    "recent",       # home page: the notes changed last (the id is how many)
    "worktags",     # tags page: works by tag
)
STATS = "<!-- kb:stats -->"  # written by authors in a Markdown page: the table of counts goes there
_KIND = "|".join(KINDS)
_MARKER = re.compile(rf"<!-- kb:({_KIND}):([A-Za-z0-9_.:/-]+) -->")
_FILLED = re.compile(rf"<!-- kb:({_KIND}):([A-Za-z0-9_.:/-]+) -->.*?<!-- /kb -->", re.S)

Render = Callable[[str, str], str]


def marker(kind: str, ident: str) -> str:
    """The marker of the list `kind` of `ident` (a term id, a work key, a note's docs path)."""
    if kind not in KINDS:
        raise ValueError(f"unknown marker kind {kind!r}")
    return f"<!-- kb:{kind}:{ident} -->"


def fill(page_html: str, render: Render) -> str:
    """Put `render(kind, id)` after each marker, closed by `<!-- /kb -->` so it can be refilled."""
    return _MARKER.sub(lambda match: f"{match.group(0)}{render(match.group(1), match.group(2))}<!-- /kb -->", page_html)


def refill(page_html: str, render: Render) -> str:
    """Replace what `fill` put after each marker with `render(kind, id)`."""
    return _FILLED.sub(lambda match: f"<!-- kb:{match.group(1)}:{match.group(2)} -->"
                                     f"{render(match.group(1), match.group(2))}<!-- /kb -->", page_html)
