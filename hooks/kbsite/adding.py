"""`kb add`: a work's entry in papers.yml from its identifier, with metadata fetched once, when it is added."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from .http_client import Fetcher
from .knowledge import PAPERS_FILE
from .lookup import parse_identifier, look_up
from .metadata import Metadata
from .papers import KnownWorks, Paper, identities, load_registry, propose_key
from .yamltext import AppendError, append_entries, list_item


@dataclass
class Outcome:
    """What became of one identifier: a new entry (`work`, and `line` once written) or a one-line `problem`."""

    given: str
    work: dict | None = None
    problem: str = ""
    notes: list[str] = field(default_factory=list)
    line: int = 0


def add_works(root: str, given: list[str], fetcher: Fetcher, write: bool = True) -> list[Outcome]:
    """Look up each identifier and append the works that are new to papers.yml (unless `write` is false).

    Works already in the registry (same arXiv id in any form, DOI or URL) and identifiers that fail
    are reported and not written; the others are appended together, the rest of the file untouched.
    """
    path = os.path.join(root, PAPERS_FILE)
    registry, problems = load_registry(path, PAPERS_FILE)
    if problems:
        raise AppendError(f"{problems[0]} (fix papers.yml before adding works; `kb check` lists every problem)")
    known = KnownWorks(registry, PAPERS_FILE)
    outcomes, pending = [], {}
    for text in given:
        outcome = Outcome(text)
        outcomes.append(outcome)
        try:
            identifier = parse_identifier(text)
        except ValueError as error:
            outcome.problem = str(error)
            continue
        if duplicate := known.duplicate([identifier.identity]):
            outcome.problem = duplicate
        elif identifier.identity in {earlier.identity for earlier in pending.values()}:
            outcome.problem = "given twice"
        else:
            pending[id(outcome)] = identifier
    found = look_up(fetcher, list(dict.fromkeys(pending.values())))
    for outcome in outcomes:
        if id(outcome) not in pending:
            continue
        result = found[pending[id(outcome)]]
        if not isinstance(result, Metadata):
            outcome.problem = str(result)
            continue
        work_ids = identities(url=result.url, arxiv=result.arxiv, doi=result.doi)
        if duplicate := known.duplicate(work_ids):
            outcome.problem = duplicate
            continue
        key = propose_key(result.authors, result.year, result.title, known.keys)
        outcome.work, outcome.notes = {"key": key, **result.fields()}, result.notes
        known.accept([("key", key), *work_ids], f"the same work as '{key}', added above")
    added = [outcome for outcome in outcomes if outcome.work]
    if write and added:
        line = append_entries(path, PAPERS_FILE, "\n".join(list_item(outcome.work) for outcome in added),
                              [outcome.work for outcome in added])
        for outcome in added:
            outcome.line = line
            line += list_item(outcome.work).count("\n") + 1
    return outcomes


def as_paper(work: dict) -> Paper:
    """A new entry as a registry Paper (for BibTeX)."""
    return Paper(work["key"], work["title"], work["authors"], work["year"], work["url"], work.get("arxiv"),
                 work.get("venue", ""), work.get("kind", "paper"), doi=work.get("doi"))
