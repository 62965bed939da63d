"""`kb refresh`: fetch again the metadata of every work with an arXiv id or a DOI and show what changed."""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from .http_client import Fetcher
from .knowledge import PAPERS_FILE
from .lookup import Identifier, look_up
from .metadata import Metadata
from .papers import FIELD_ORDER, load_registry
from .textfile import read_text
from .yamltext import AppendError, set_fields


@dataclass
class Refresh:
    """The registry's text before and after, the changed fields by key, and the works that could not be fetched."""

    old_text: str
    new_text: str
    checked: int = 0
    changes: dict[str, dict[str, object]] = field(default_factory=dict)  # by key: the fields' new values
    problems: list[tuple[str, str]] = field(default_factory=list)  # key, message

    def diff(self) -> str:
        """The changes as a unified diff of papers.yml."""
        return "".join(difflib.unified_diff(self.old_text.splitlines(keepends=True),
                                            self.new_text.splitlines(keepends=True),
                                            PAPERS_FILE, f"{PAPERS_FILE} (refreshed)"))


def refresh_registry(root: str, fetcher: Fetcher, keys: list[str] | None = None) -> Refresh:
    """Compare each work with an arXiv id or DOI (or only those of `keys`) with its metadata now."""
    path = os.path.join(root, PAPERS_FILE)
    registry, problems = load_registry(path, PAPERS_FILE)
    if problems:
        raise AppendError(f"{problems[0]} (fix papers.yml before refreshing; `kb check` lists every problem)")
    unknown = [key for key in keys or [] if registry.get(key) is None]
    if unknown:
        raise AppendError(f"{PAPERS_FILE}: no work with key {', '.join(repr(key) for key in unknown)}")
    papers = [paper for paper in registry.papers.values()
              if (paper.arxiv or paper.doi) and (not keys or paper.key in keys)]
    asked = {paper.key: Identifier(paper.key, "arxiv", paper.arxiv) if paper.arxiv
             else Identifier(paper.key, "doi", paper.doi) for paper in papers}
    found = look_up(fetcher, list(asked.values()),
                    known_dois={paper.arxiv: paper.doi for paper in papers if paper.arxiv and paper.doi})
    old, problems = read_text(path, PAPERS_FILE, exact=True)
    if old is None:
        raise AppendError(f"{problems[0]} (fix it before refreshing)")
    result = Refresh(old, old, checked=len(papers))
    for paper in papers:
        now = found[asked[paper.key]]
        if isinstance(now, Metadata):
            changed = differences(paper, now)
            if changed:
                result.changes[paper.key] = changed
        else:
            result.problems.append((paper.key, str(now)))
    if result.changes:
        result.new_text = set_fields(old, PAPERS_FILE, "key", result.changes, FIELD_ORDER)
    return result


def differences(paper, now: Metadata) -> dict:
    """The fields whose registry value differs from the metadata fetched now: {field: new value}.

    A venue is replaced only by one from the published version's record, or where the registry
    has none or only `arXiv`: a venue typed in by hand is not overwritten with an arXiv guess.
    """
    changed = {}
    if now.title != paper.title:
        changed["title"] = now.title
    if now.authors != paper.authors:
        changed["authors"] = now.authors
    if now.year != paper.year:
        changed["year"] = now.year
    if now.doi and now.doi != paper.doi:
        changed["doi"] = now.doi
    replaceable = now.venue_source == "crossref" or paper.venue.casefold() in ("", "arxiv")
    if now.venue and now.venue != paper.venue and replaceable:
        changed["venue"] = now.venue
    return changed


def apply(root: str, refresh: Refresh) -> None:
    """Write the refreshed papers.yml."""
    with open(os.path.join(root, PAPERS_FILE), "w", encoding="utf-8", newline="") as handle:
        handle.write(refresh.new_text)
