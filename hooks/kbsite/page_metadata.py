"""The metadata a web page declares about itself: scholarly `citation_*` tags first, then JSON-LD, then Open Graph.

`citation_*` tags are what Google Scholar indexes (journals, Distill, many lab sites); JSON-LD
(schema.org) is what blog engines such as Ghost and WordPress write; Open Graph is what nearly every
page has for link previews. Each field comes from the first source that gives it.
"""
from __future__ import annotations

import json
import re

import httpx
from bs4 import BeautifulSoup

from .http_client import Fetcher, FetchError
from .metadata import Metadata, one_line
from .papers import arxiv_id, doi_id

SCHOLARLY_TAGS = ("citation_journal_title", "citation_conference_title", "citation_technical_report_institution",
                  "citation_dissertation_institution")
LD_KINDS = {"ScholarlyArticle": "paper", "Report": "paper", "Thesis": "paper", "Book": "book",
            "VideoObject": "video", "PodcastEpisode": "podcast", "AudioObject": "podcast"}
LD_WORKS = frozenset({"Article", "BlogPosting", "NewsArticle", "TechArticle", "SocialMediaPosting", "WebPage",
                      "CreativeWork", "DiscussionForumPosting", *LD_KINDS})


def fetch_page(fetcher: Fetcher, url: str) -> Metadata:
    """The metadata of the page at `url`, or FetchError (unreachable, not HTML, no title, author or date)."""
    response = fetcher.get(url, accept="text/html,application/xhtml+xml")
    content_type = response.headers.get("content-type", "")
    if "html" not in content_type and "xml" not in content_type:
        raise FetchError(f"{url} is not a web page ({content_type or 'no content type'})")
    return parse_page(response.text, str(response.url))


def parse_page(page: str, url: str) -> Metadata:
    """Metadata from a page's HTML; `url` is where it was fetched from (after redirects)."""
    soup = BeautifulSoup(page, "html.parser")
    tags = _meta_tags(soup)
    ld = _json_ld_work(soup)
    notes = []
    title = _first(tags.get("citation_title"), _ld_text(ld.get("headline")), _ld_text(ld.get("name")),
                   tags.get("og:title"), [soup.title.get_text()] if soup.title else None)
    authors = [_first_last(name) for name in tags.get("citation_author", [])] or _ld_names(ld.get("author")) \
        or [name for name in tags.get("author", []) + tags.get("article:author", []) if "://" not in name]
    publisher = _first(_ld_names(ld.get("publisher")), tags.get("og:site_name"))
    if not authors and publisher:
        authors = [publisher]
        notes.append(f"the page names no author; its publisher '{publisher}' is taken as the author")
    date = _first(tags.get("citation_publication_date"), tags.get("citation_date"), tags.get("citation_online_date"),
                  _ld_text(ld.get("datePublished")), tags.get("article:published_time"))
    year = re.search(r"\b(1[89]\d\d|2\d\d\d)\b", date)
    missing = [name for name, value in (("title", title), ("author", authors), ("publication date", year))
               if not value]
    if missing:
        raise FetchError(f"{url}: the page gives no {' or '.join(missing)} (citation_*, JSON-LD or Open Graph); "
                         "add the work by hand")
    venue = _first(*(tags.get(name) for name in SCHOLARLY_TAGS), [publisher] if publisher else None)
    return Metadata(title=title, authors=authors, year=int(year.group(1)), url=_canonical(soup, tags, url),
                    arxiv=arxiv_id(_first(tags.get("citation_arxiv_id"))) if tags.get("citation_arxiv_id") else None,
                    doi=doi_id(_first(tags.get("citation_doi"))), venue=venue, kind=_kind(tags, ld),
                    venue_source="page", notes=notes)


def _meta_tags(soup: BeautifulSoup) -> dict:
    """Every `<meta name|property=... content=...>`: lower-cased name -> contents in page order."""
    tags: dict = {}
    for meta in soup.find_all("meta"):
        name = meta.get("name") or meta.get("property")
        content = one_line(meta.get("content"))
        if name and content:
            tags.setdefault(name.strip().lower(), []).append(content)
    return tags


def _json_ld_work(soup: BeautifulSoup) -> dict:
    """The first JSON-LD object that describes a work (an article, post, video...), else {}."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue  # a broken block on someone else's page is not the contributor's problem: use the others
        for item in _ld_items(data):
            types = item.get("@type")
            if LD_WORKS & set(types if isinstance(types, list) else [types]):
                return item
    return {}


def _ld_items(data) -> list:
    """The objects of a JSON-LD block: a list, an `@graph`, or a single object."""
    if isinstance(data, list):
        return [item for value in data for item in _ld_items(value)]
    if isinstance(data, dict):
        return [data] + (_ld_items(data["@graph"]) if "@graph" in data else [])
    return []


def _ld_text(value) -> list | None:
    return [one_line(value)] if isinstance(value, (str, int)) and one_line(value) else None


def _ld_names(value) -> list:
    """Names of JSON-LD persons or organisations: a string, an object with `name`, or a list of either."""
    values = value if isinstance(value, list) else [value]
    names = [one_line(item.get("name") if isinstance(item, dict) else item) for item in values
             if isinstance(item, (dict, str))]
    return [name for name in names if name and "://" not in name]


def _first(*candidates) -> str:
    """The first value of the first non-empty list."""
    for values in candidates:
        if values:
            return one_line(values[0])
    return ""


def _first_last(name: str) -> str:
    """`Olah, Chris` -> `Chris Olah` (Google Scholar allows either order); other names as they are."""
    family, comma, given = name.partition(",")
    return one_line(f"{given} {family}") if comma and given.strip() and family.strip() else name


def _canonical(soup: BeautifulSoup, tags: dict, url: str) -> str:
    """The page's canonical http(s) URL (`<link rel=canonical>`, `og:url`), else the URL it was fetched from."""
    link = soup.find("link", rel="canonical")
    for candidate in ([link.get("href")] if link else []) + tags.get("og:url", []):
        absolute = str(httpx.URL(url).join(one_line(candidate))) if candidate else ""
        if absolute.startswith(("http://", "https://")):
            return absolute
    return url


def _kind(tags: dict, ld: dict) -> str:
    """`paper` for scholarly tags or a scholarly JSON-LD type; video, podcast or book by type; else `post`."""
    if any(tags.get(name) for name in SCHOLARLY_TAGS):
        return "paper"
    types = ld.get("@type")
    for name in types if isinstance(types, list) else [types]:
        if name in LD_KINDS:
            return LD_KINDS[name]
    og_type = _first(tags.get("og:type"))
    if og_type.startswith("video"):
        return "video"
    return "book" if og_type == "book" else "post"
