"""The paper registry (`papers.yml`): works that notes cite by key."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import unquote

from .problems import Problem
from .yamlfile import LineDict, check_fields, describe, load_entry_list, optional_text, required_text, string_list

KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
KINDS = ("paper", "post", "talk", "video", "book", "podcast")
WEB_SCHEMES = ("http://", "https://")
_TAG = re.compile(r"\w[\w.+-]*(?: [\w.+-]+)*\Z")
FIELD_ORDER = ("key", "title", "authors", "year", "url", "arxiv", "doi", "venue", "kind", "tags", "summary")
FIELDS = frozenset(FIELD_ORDER)

_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})"
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf|html)/" + _ARXIV_ID + r"(?:v\d+)?(?:\.pdf)?/?(?:[?#].*)?\Z", re.I)
_ARXIV_BARE = re.compile(r"(?:arxiv:)?" + _ARXIV_ID + r"(?:v\d+)?\Z", re.I)
_DOI = re.compile(r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)\Z", re.I)
# Words a key skips to reach the first significant word of a title (`On the Measure of...` -> `measure`).
_TITLE_STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "by", "do", "does", "for", "from", "in", "into", "is", "it", "of", "on",
    "or", "the", "to", "toward", "towards", "we", "with"})
# Words that mark an author as an organisation, whose whole name is kept (in keys and in BibTeX).
ORGANISATION_WORDS = frozenset({
    "agency", "association", "center", "centre", "collaboration", "college", "commission", "committee", "company",
    "corporation", "council", "department", "forum", "foundation", "group", "inc", "inc.", "institute", "laboratory",
    "lab", "labs", "ltd", "ltd.", "office", "parliament", "project", "research", "society", "team", "union", "university"})


def arxiv_id(text: str) -> str | None:
    """The bare arXiv id in an id or URL (`2212.08073`), without version or `.pdf`; else None.

    New-style ids have four digits after the dot until 2014 and five from 2015 (`1501.00001`).
    """
    text = text.strip()
    match = _ARXIV_URL.search(text) or _ARXIV_BARE.match(text)
    if not match:
        return None
    found = match.group(1).lower()
    year_month, dot, number = found.partition(".")
    if dot and year_month.isdigit() and (len(number) == 5) != (year_month >= "1501"):
        return None
    return found


def tag_rule(tag: str) -> str | None:
    """Why a tag is refused, or None: tags are words (letters, digits, `-`, `_`, `.`, `+`, single spaces),
    since Material shows them, and builds their URLs, from the text as written."""
    return None if _TAG.match(tag) else f"tag '{describe(tag)}' must be words of letters, digits, '-', '_', '.' or '+'"


def web_url_rule(url: str) -> str | None:
    """Why a work's URL is refused, or None: only http(s) URLs with a host."""
    if not url.lower().startswith(WEB_SCHEMES) or not url.split("://", 1)[1].split("/", 1)[0] or any(
            char.isspace() or ord(char) < 32 or char in '<>"`\\' for char in url):
        return f"url must be an http:// or https:// address (got '{describe(url)}')"
    return None


def doi_id(text: str) -> str | None:
    """The bare DOI in `10.1234/x`, `doi:10.1234/x` or a doi.org URL, lower-cased (DOIs ignore case); else None."""
    match = _DOI.match(unquote(text.strip()))
    return match.group(1).lower() if match else None


def normalise_url(url: str) -> str:
    """A URL reduced for comparison: no scheme, `www.`, fragment or trailing slash."""
    url = url.strip().split("#", 1)[0]
    url = re.sub(r"^[a-z]+://", "", url, flags=re.I)
    host, _, rest = url.partition("/")
    host = host.lower().removeprefix("www.")
    return (host + "/" + rest).rstrip("/")


@dataclass
class Paper:
    """One work of the registry."""

    key: str
    title: str
    authors: list
    year: int
    url: str
    arxiv: str | None = None
    venue: str = ""
    kind: str = "paper"
    tags: list = field(default_factory=list)
    summary: str = ""
    line: int = 0
    end_line: int = 0  # the last line of the entry in papers.yml; 0 for the end of the file
    doi: str | None = None

    @property
    def short_authors(self) -> str:
        """Author part of an author-year citation: `Nanda`, `Burns & Ye`, `Bai et al.`."""
        surnames = [surname(name) for name in self.authors]
        if len(surnames) == 1:
            return surnames[0]
        if len(surnames) == 2:
            return f"{surnames[0]} & {surnames[1]}"
        return f"{surnames[0]} et al."

    @property
    def citation_label(self) -> str:
        """`Bai et al., 2022`."""
        return f"{self.short_authors}, {self.year}"

    @property
    def author_list(self) -> str:
        """All authors, comma-separated."""
        return ", ".join(self.authors)

    @property
    def short_author_list(self) -> str:
        """The authors for a reference or a card: all of up to four, else the first three and "et al."
        (the paper page lists everyone)."""
        return self.author_list if len(self.authors) <= 4 else ", ".join(self.authors[:3]) + " et al."

    @property
    def identities(self) -> list[tuple[str, str]]:
        """What makes another work the same as this one (see `identities`)."""
        return identities(key=self.key, url=self.url, arxiv=self.arxiv, doi=self.doi)


def surname(name: str) -> str:
    """The family name of a person (`Yuntao Bai` -> `Bai`); an organisation stays whole."""
    name = name.strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    parts = name.split()
    if len(parts) <= 1 or name.isupper() or is_organisation(name):
        return name
    particles = {"van", "von", "de", "der", "den", "da", "di", "le", "la", "du"}
    index = len(parts) - 1
    while index > 0 and parts[index - 1].lower() in particles:
        index -= 1
    return " ".join(parts[index:])


def identities(*, key: str | None = None, url: str | None = None, arxiv: str | None = None,
               doi: str | None = None) -> list[tuple[str, str]]:
    """What makes two works the same, as (what, value) in the order a clash is reported: key,
    arXiv id, DOI, URL (normalised). The registry, `kb add` and `kb import-bib` compare these."""
    found = (("key", key), ("arXiv id", arxiv), ("DOI", doi), ("url", normalise_url(url) if url else None))
    return [(what, value) for what, value in found if value]


def link_identities(href: str) -> list[tuple[str, str]]:
    """The identities a link can name a work by: its arXiv id (an arxiv.org link in any form), its
    DOI (a doi.org link) and its URL."""
    lowered = href.lower()
    return identities(url=href, arxiv=arxiv_id(href) if "arxiv.org" in lowered else None,
                      doi=doi_id(href) if "doi.org/" in lowered else None)


class KnownWorks:
    """The works a new one may repeat: the registry's, then each one accepted since, by identity."""

    def __init__(self, registry: Registry, where: str):
        self._reasons = {identity: f"already in {where} as '{paper.key}'"
                         for identity, paper in registry.by_identity.items()}

    @property
    def keys(self) -> set[str]:
        """The keys taken so far."""
        return {value for what, value in self._reasons if what == "key"}

    def duplicate(self, ids: list[tuple[str, str]]) -> str | None:
        """Why a work with these identities is not new, e.g. `already in papers.yml as 'x' (same DOI)`; None if it is."""
        return next((f"{self._reasons[identity]} (same {identity[0]})" for identity in ids if identity in self._reasons),
                    None)

    def accept(self, ids: list[tuple[str, str]], reason: str) -> None:
        """Count a new work as known: a later one with any of `ids` repeats it, for `reason`."""
        for identity in ids:
            self._reasons[identity] = reason


def propose_key(authors: list, year: int, title: str, taken) -> str:
    """The registry's key rule: first author's surname + year + first significant title word, made unique.

    `Yuntao Bai`, 2022, `Constitutional AI: ...` -> `bai2022constitutional`; when that is in `taken`,
    `bai2022constitutionalb`, then `...c`.
    """
    first = authors[0] if authors else ""
    name = _key_part(first if is_organisation(first) else surname(first))
    words = [_key_part(_title_word(word)) for word in re.split(r"[\s/:]+", title)]
    words = [word for word in words if word]
    word = next((word for word in words if word not in _TITLE_STOPWORDS), words[0] if words else "")
    base = f"{name or 'anon'}{year}{word}"
    key, suffix = base, ord("b")
    while key in taken:
        key, suffix = base + chr(suffix), suffix + 1
    return key


def _title_word(word: str) -> str:
    """A hyphenated title word as a key uses it: `In-context` whole, `Chain-of-Thought` by its first part."""
    parts = word.split("-")
    return parts[0] if any(part.lower() in _TITLE_STOPWORDS for part in parts[1:-1]) else word


def is_organisation(name: str) -> bool:
    """Whether an author's name reads as an organisation (`Apollo Research`, `Future of Life Institute`,
    `Mistral AI`: a name ending in an acronym)."""
    words = name.split()
    folded = {word.casefold() for word in words}
    return len(words) > 1 and ("and" in folded or bool(ORGANISATION_WORDS & folded)
                               or (len(words[-1]) > 1 and words[-1].isupper()))


def _key_part(text: str) -> str:
    """Text reduced to ASCII letters and digits, lower-case (`Müller` -> `muller`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


class Registry:
    """The registry's works by key, with look-ups by URL, arXiv id and DOI."""

    def __init__(self, papers: list, invalid: frozenset = frozenset()):
        self.papers = {paper.key: paper for paper in papers}
        self.invalid = invalid  # keys of entries left out for their problems: citing one is no new problem
        self.by_identity = {identity: paper for paper in papers for identity in paper.identities}

    def __len__(self) -> int:
        return len(self.papers)

    def get(self, key: str) -> Paper | None:
        """The work with this key, or None."""
        return self.papers.get(key)

    def find_by_link(self, href: str) -> Paper | None:
        """The work a link points to, by arXiv id (any form), by DOI (a doi.org link) or by URL."""
        return next((self.by_identity[identity] for identity in link_identities(href) if identity in self.by_identity),
                    None)


def _parse_paper(entry: LineDict, path: str, problems: list) -> Paper | None:
    key = entry.get("key")
    label = f"entry '{describe(key)}'" if isinstance(key, str) and key.strip() else "entry"
    start = len(problems)
    problems.extend(check_fields(entry, FIELDS, path, label))
    if key is None:
        problems.append(Problem(path, entry.line, "entry: missing required field 'key'"))
    elif not isinstance(key, str) or not KEY_PATTERN.match(key):
        problems.append(Problem(path, entry.line_of("key"), f"{label}: key must match [a-z0-9][a-z0-9_-]* (got '{describe(key)}')"))
    title = required_text(entry, "title", path, label, problems)
    url = required_text(entry, "url", path, label, problems)
    if url and web_url_rule(url):
        problems.append(Problem(path, entry.line_of("url"), f"{label}: {web_url_rule(url)}"))
    authors = string_list(entry, "authors", path, label, problems)
    if "authors" not in entry:
        problems.append(Problem(path, entry.line, f"{label}: missing required field 'authors'"))
    elif not authors and len(problems) == start:
        problems.append(Problem(path, entry.line_of("authors"), f"{label}: 'authors' must list at least one author"))
    year = entry.get("year")
    if year is None:
        problems.append(Problem(path, entry.line, f"{label}: missing required field 'year'"))
    elif isinstance(year, bool) or not isinstance(year, int) or not 0 < year < 10000:
        problems.append(Problem(path, entry.line_of("year"), f"{label}: year must be a four-digit integer (got '{describe(year)}')"))
    kind = entry.get("kind", "paper")
    if kind not in KINDS:
        problems.append(Problem(path, entry.line_of("kind"), f"{label}: kind must be one of {', '.join(KINDS)} (got '{describe(kind)}')"))
    arxiv = None
    if entry.get("arxiv") is not None:
        arxiv = arxiv_id(entry["arxiv"]) if isinstance(entry["arxiv"], str) else None
        if arxiv is None:
            problems.append(Problem(path, entry.line_of("arxiv"),
                                    f"{label}: not an arXiv id: '{describe(entry['arxiv'])}' (quote it: arxiv: \"2212.08073\")"))
    elif url:
        arxiv = arxiv_id(url) if "arxiv.org" in url.lower() else None
    doi = None
    if entry.get("doi") is not None:
        doi = doi_id(entry["doi"]) if isinstance(entry["doi"], str) else None
        if doi is None:
            problems.append(Problem(path, entry.line_of("doi"), f"{label}: not a DOI: '{describe(entry['doi'])}'"))
    venue = optional_text(entry, "venue", path, label, problems)
    tags = string_list(entry, "tags", path, label, problems, tag_rule)
    summary = optional_text(entry, "summary", path, label, problems)
    if len(problems) > start:
        return None
    return Paper(key, title, authors, year, url, arxiv, venue, kind, tags, summary, entry.line, doi=doi)


def load_registry(file_path: str, display_path: str = "papers.yml"):
    """Load and validate the registry; return (Registry, problems). Invalid entries are left out."""
    entries, problems = load_entry_list(file_path, display_path, "works")
    papers = []
    seen: dict = {}
    invalid = set()
    for index, entry in enumerate(entries):
        paper = _parse_paper(entry, display_path, problems)
        if paper is None:
            if isinstance(entry.get("key"), str):
                invalid.add(entry["key"])
            continue
        paper.end_line = entries[index + 1].line - 1 if index + 1 < len(entries) else 0
        clashes = paper.identities
        duplicate = False
        for what, value in clashes:
            first = seen.get((what, value))
            if first is not None:
                problems.append(Problem(
                    display_path, paper.line,
                    f"entry '{paper.key}': duplicate {what} '{value}', already used by '{first.key}' at line {first.line}"))
                duplicate = True
        if duplicate:
            invalid.add(paper.key)
            continue
        for what, value in clashes:
            seen[(what, value)] = paper
        papers.append(paper)
    return Registry(papers, frozenset(invalid - {paper.key for paper in papers})), problems
