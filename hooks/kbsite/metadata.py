"""A work's metadata as a service describes it, before it becomes a papers.yml entry."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Metadata:
    """What a look-up found. `venue_source` says how sure the venue is: `crossref` (the published
    version's record), `journal_ref` (the authors' note on arXiv), `page` (the page's own tags) or
    `arxiv` (no published version known)."""

    title: str
    authors: list
    year: int
    url: str
    arxiv: str | None = None
    doi: str | None = None
    venue: str = ""
    kind: str = "paper"
    venue_source: str = ""
    notes: list = field(default_factory=list)  # what the contributor should check by hand

    def fields(self) -> dict:
        """The papers.yml fields, in the registry's order, without the key and without empty ones."""
        found = {"title": self.title, "authors": list(self.authors), "year": self.year, "url": self.url,
                 "arxiv": self.arxiv, "doi": self.doi, "venue": self.venue, "kind": self.kind}
        return {name: value for name, value in found.items() if value}


def one_line(text) -> str:
    """Text with every run of whitespace (line breaks included) made one space."""
    return " ".join(str(text or "").split())
