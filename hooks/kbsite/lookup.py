"""From an identifier a contributor types (arXiv id, DOI, web page URL) to a work's metadata."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .arxiv_api import fetch_arxiv
from .crossref_api import fetch_crossref
from .http_client import Fetcher, FetchError
from .metadata import Metadata
from .page_metadata import fetch_page
from .papers import arxiv_id, doi_id, identities

# arXiv registers a DataCite DOI for every work (10.48550/arXiv.2212.08073); Crossref does not know them.
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(.+)\Z")


@dataclass(frozen=True)
class Identifier:
    """An identifier as given, what kind it is (`arxiv`, `doi`, `url`) and its normalised value."""

    given: str
    kind: str
    value: str

    @property
    def identity(self) -> tuple[str, str]:
        """How the registry would know the work: (what, value) as in `papers.identities`."""
        return identities(**{self.kind: self.value})[0]


def parse_identifier(text: str) -> Identifier:
    """An arXiv id in any form, a DOI (bare, `doi:` or a doi.org URL) or an http(s) URL; else ValueError."""
    given = text.strip()
    doi = doi_id(given)
    if doi:
        on_arxiv = _ARXIV_DOI.match(doi)
        found = arxiv_id(on_arxiv.group(1)) if on_arxiv else None
        return Identifier(given, "arxiv", found) if found else Identifier(given, "doi", doi)
    if "arxiv.org/" in given.lower() or "://" not in given:
        found = arxiv_id(given)
        if found:
            return Identifier(given, "arxiv", found)
    if re.match(r"https?://[^/\s]+\.[^/\s]+", given, re.I) and not re.search(r"\s", given):
        return Identifier(given, "url", given)
    raise ValueError("not an arXiv id, a DOI or an http(s) URL")


def look_up(fetcher: Fetcher, identifiers: list, known_dois: dict | None = None) -> dict:
    """Identifier -> Metadata, or -> FetchError, for each identifier.

    arXiv ids are asked for in batches. An arXiv work with a DOI (arXiv's own `doi` element, or
    `known_dois[id]` from the registry) has been published: Crossref's record of that version gives
    the venue and the year of publication; arXiv keeps the authors' title and full author list.
    """
    known_dois = known_dois or {}
    results: dict = {}
    arxiv_ids = [identifier for identifier in identifiers if identifier.kind == "arxiv"]
    found = fetch_arxiv(fetcher, [identifier.value for identifier in arxiv_ids]) if arxiv_ids else {}
    for identifier in identifiers:
        try:
            if identifier.kind == "arxiv":
                results[identifier] = _published(fetcher, found[identifier.value], known_dois.get(identifier.value))
            elif identifier.kind == "doi":
                results[identifier] = fetch_crossref(fetcher, identifier.value)
            else:
                results[identifier] = fetch_page(fetcher, identifier.value)
        except FetchError as error:
            results[identifier] = error
    return results


def _published(fetcher: Fetcher, work: Metadata | FetchError, known_doi: str | None) -> Metadata:
    if isinstance(work, FetchError):
        raise work
    doi = known_doi or work.doi
    if not doi:
        return work
    try:
        published = fetch_crossref(fetcher, doi)
    except FetchError as error:
        raise FetchError(f"its published version (DOI {doi}): {error}", error.status) from None
    work.doi, work.venue, work.year, work.venue_source = doi, published.venue, published.year, "crossref"
    return work
