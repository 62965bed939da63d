"""Crossref's REST API: the metadata of a work by its DOI (`GET /works/{doi}`, answered as JSON)."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

from .http_client import Fetcher, FetchError
from .metadata import Metadata, one_line

BOOK_TYPES = frozenset({"book", "edited-book", "monograph", "reference-book"})


def fetch_crossref(fetcher: Fetcher, doi: str) -> Metadata:
    """The work registered under `doi`, or FetchError (unknown DOI, service fault, malformed answer)."""
    # Crossref asks for DOIs to be URL-encoded: they may hold `;`, `#`, `?` and the like.
    url = f"{fetcher.services.crossref_api}/works/{quote(doi, safe='/')}"
    try:
        response = fetcher.get(url, accept="application/json")
    except FetchError as error:
        if error.status == 404:
            raise FetchError(f"Crossref has no work with DOI {doi}", 404) from None
        raise
    try:
        message = response.json()["message"]
    except (ValueError, KeyError, TypeError):
        raise FetchError(f"Crossref answered DOI {doi} with something that is not a work record") from None
    if not isinstance(message, dict):
        raise FetchError(f"Crossref answered DOI {doi} with something that is not a work record")
    return parse_work(message, doi)


def parse_work(message: dict, doi: str) -> Metadata:
    """A Crossref work record (the `message` of the answer) as Metadata."""
    title = _text(_first(message.get("title")))
    subtitle = _text(_first(message.get("subtitle")))
    if subtitle and subtitle.casefold() not in title.casefold():
        title = f"{title}: {subtitle}"
    authors = [_person(person) for person in message.get("author") or message.get("editor") or []
               if isinstance(person, dict)]
    year = _year(message)
    missing = [name for name, value in (("title", title), ("authors", all(authors) and authors),
                                        ("publication year", year)) if not value]
    if missing:
        raise FetchError(f"Crossref's record for DOI {doi} has no {', '.join(missing)}")
    work_type = message.get("type")
    registered = str(message.get("DOI") or doi).lower()
    return Metadata(title=title, authors=authors, year=year, url=f"https://doi.org/{registered}", doi=registered,
                    venue=_venue(message), kind="book" if work_type in BOOK_TYPES else "paper",
                    venue_source="crossref")


def _first(values) -> str:
    return str(values[0]) if isinstance(values, list) and values else ""


def _text(value: str) -> str:
    """Crossref text without its markup (titles may carry <i>, <sub> or JATS tags) or entities."""
    return one_line(html.unescape(re.sub(r"<[^>]*>", "", value)))


def _person(person: dict) -> str:
    """`given family` for a person, `name` for an organisation."""
    if person.get("family"):
        return one_line(f"{person.get('given') or ''} {person['family']}")
    return one_line(person.get("name"))


def _year(message: dict) -> int | None:
    """The year of `issued` (the earliest of print and online publication), else of another publication date."""
    for name in ("issued", "published", "published-print", "published-online"):
        parts = (message.get(name) or {}).get("date-parts") or [[None]]
        year = parts[0][0] if parts and isinstance(parts[0], list) and parts[0] else None
        if isinstance(year, int):
            return year
    return None


def _venue(message: dict) -> str:
    """A proceedings paper's conference acronym (`CIKM '17`), else the journal or book, else the publisher."""
    event = message.get("event") if isinstance(message.get("event"), dict) else {}
    if message.get("type") == "proceedings-article" and event.get("acronym"):
        return one_line(event["acronym"])
    return _text(_first(message.get("container-title"))) or one_line(message.get("publisher"))
