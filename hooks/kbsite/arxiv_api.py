"""arXiv's API: metadata of works by arXiv id, many ids per request, answered as an Atom feed."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from .http_client import Fetcher, FetchError
from .metadata import Metadata, one_line
from .papers import arxiv_id, doi_id

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
# Ids per request: one request instead of one per work (the API takes a comma-separated id_list),
# kept small enough for a short URL and a quick answer.
BATCH = 100


def fetch_arxiv(fetcher: Fetcher, ids: list) -> dict:
    """Metadata for bare arXiv ids: id -> Metadata, or id -> FetchError for each id that failed."""
    results: dict = {}
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), BATCH):
        batch = unique[start:start + BATCH]
        try:
            response = fetcher.get(fetcher.services.arxiv_api, accept="application/atom+xml",
                                   params={"id_list": ",".join(batch), "max_results": str(len(batch))},
                                   pace=fetcher.arxiv_pace)
            found = parse_feed(response.content)
        except FetchError as error:
            results.update((work_id, error) for work_id in batch)
            continue
        for work_id in batch:
            results[work_id] = found.get(work_id) or FetchError(f"arXiv has no work with id {work_id}")
    return results


def parse_feed(content: bytes) -> dict:
    """The works of an arXiv API answer: bare id -> Metadata (or FetchError for a malformed entry).

    An error of the API comes as a feed whose single entry has an id under `/api/errors`; it is
    raised as a FetchError with the API's message. Python's XML parser does not fetch external
    entities and refuses entity-expansion bombs (expat 2.4.1 and later).
    """
    try:
        feed = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise FetchError(f"arXiv answered with something that is not XML ({error})") from None
    if feed.tag != f"{ATOM}feed":
        raise FetchError(f"arXiv answered with XML that is not an Atom feed (<{feed.tag}>)")
    found: dict = {}
    for entry in feed.iter(f"{ATOM}entry"):
        entry_id = one_line(entry.findtext(f"{ATOM}id"))
        if "/api/errors" in entry_id:
            raise FetchError(f"arXiv: {one_line(entry.findtext(f'{ATOM}summary')) or 'error'}")
        work_id = arxiv_id(entry_id)
        if work_id is None:
            raise FetchError(f"arXiv answered with an entry whose id is not an arXiv id: {entry_id!r}")
        found[work_id] = _entry(entry, work_id)
    return found


def _entry(entry: ElementTree.Element, work_id: str) -> Metadata | FetchError:
    title = one_line(entry.findtext(f"{ATOM}title"))
    authors = [one_line(author.findtext(f"{ATOM}name")) for author in entry.findall(f"{ATOM}author")]
    published = re.match(r"\s*(\d{4})-", entry.findtext(f"{ATOM}published") or "")
    missing = [name for name, value in (("title", title), ("authors", all(authors) and authors),
                                        ("publication date", published)) if not value]
    if missing:
        return FetchError(f"arXiv's entry for {work_id} has no {', '.join(missing)}")
    journal_ref = one_line(entry.findtext(f"{ARXIV}journal_ref"))
    return Metadata(title=title, authors=authors, year=int(published.group(1)),
                    url=f"https://arxiv.org/abs/{work_id}", arxiv=work_id,
                    doi=doi_id(one_line(entry.findtext(f"{ARXIV}doi")).split(" ")[0]),
                    venue=journal_ref or "arXiv", venue_source="journal_ref" if journal_ref else "arxiv")
