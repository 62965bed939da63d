"""The glossary (`glossary.yml`): terms, their surface forms and definitions."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from .problems import Problem
from .papers import tag_rule
from .yamlfile import LineDict, check_fields, describe, load_entry_list, optional_text, required_text, string_list

FIELDS = frozenset({"term", "id", "aliases", "short", "definition", "see_also", "papers", "tags"})
_ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]*\Z")
MIN_FORM_LENGTH = 2  # a one-letter form would link every "a" or "I" in prose


def form_rule(form: str) -> str | None:
    """Why a term or alias is refused as a surface form matched in prose, or None."""
    if len(form) < MIN_FORM_LENGTH:
        return f"'{describe(form)}' is too short to match in prose (at least {MIN_FORM_LENGTH} characters)"
    if any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in form):
        return f"'{describe(form)}' contains a control character"
    return None


def slugify(text: str) -> str:
    """A URL-safe anchor: `C++` -> `c-plus-plus`, `Q&A` -> `q-and-a`, `k-NN` -> `k-nn`."""
    text = text.replace("+", " plus ").replace("&", " and ").replace("#", " sharp ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "term"


def entry_id(term: str, given: str | None) -> str:
    """An entry's id: the one it gives, else the slug of its term."""
    return given or slugify(term)


def entry_names(term: str, aliases: list[str], given_id: str | None) -> list[tuple[str, str]]:
    """The names a glossary entry takes, as (kind, name): its term, its aliases and its id. No two
    entries may share a name (compared by `name_key`)."""
    return [("term", term), *(("alias", alias) for alias in aliases), ("id", entry_id(term, given_id))]


def name_key(name: str) -> str:
    """How names are compared: case-insensitive, surrounding spaces ignored."""
    return name.strip().casefold()


def plain_text(markdown_text: str) -> str:
    """A definition or summary as plain text: links reduced to their text, Markdown marks removed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    text = re.sub(r"\[\[([^\]|]*\|)?([^\]]*)\]\]", r"\2", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def first_sentence(markdown_text: str) -> str:
    """The first sentence of a definition, as plain text (Markdown marks removed)."""
    text = plain_text(markdown_text)
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z(\"'])", text)
    return text[: match.start()] if match else text


@dataclass
class Term:
    """One glossary entry."""

    term: str
    id: str
    definition: str
    aliases: list[str] = field(default_factory=list)
    short: str = ""
    see_also: list[str] = field(default_factory=list)
    papers: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def forms(self) -> list:
        """The surface forms that are matched in prose: the term and its aliases."""
        return [self.term, *self.aliases]

    @property
    def names(self) -> list[tuple[str, str]]:
        """Every name of the entry (see `entry_names`)."""
        return entry_names(self.term, self.aliases, self.id)

    @property
    def heading(self) -> str:
        """The entry's heading on the glossary page: the term, then its aliases in brackets."""
        return " ".join((self.term + (f" ({', '.join(self.aliases)})" if self.aliases else "")).split())

    @functools.cached_property
    def tooltip(self) -> str:
        """Plain text shown on hover: `short`, else the definition's first sentence."""
        return self.short or first_sentence(self.definition)


class Glossary:
    """Terms in file order, with look-up by term, alias or id (case-insensitive)."""

    def __init__(self, terms: list[Term]):
        self.terms = terms
        self.by_id = {term.id: term for term in terms}
        self.by_paper: dict[str, list[Term]] = {}
        for term in terms:
            for key in term.papers:
                self.by_paper.setdefault(key, []).append(term)
        self._by_name: dict[str, Term] = {}
        for term in terms:
            for _kind, name in term.names:
                self._by_name.setdefault(name_key(name), term)

    def __len__(self) -> int:
        return len(self.terms)

    @functools.cached_property
    def in_order(self) -> list:
        """The terms A-Z (case-insensitive), as the glossary page lists them."""
        return sorted(self.terms, key=lambda term: term.term.casefold())

    def find(self, name: str) -> Term | None:
        """The term named by a term, alias or id, or None."""
        return self._by_name.get(name_key(name))


def _parse_term(entry, path: str, problems: list) -> Term | None:
    name = entry.get("term")
    label = f"term '{describe(name)}'" if isinstance(name, str) and name.strip() else "entry"
    start = len(problems)
    problems.extend(check_fields(entry, FIELDS, path, label))
    name = required_text(entry, "term", path, label, problems)
    if name and form_rule(name):
        problems.append(Problem(path, entry.line_of("term"), f"{label}: term {form_rule(name)}"))
    definition = required_text(entry, "definition", path, label, problems)
    short = optional_text(entry, "short", path, label, problems)
    term_id = entry.get("id")
    if term_id is not None and (not isinstance(term_id, str) or not _ID_PATTERN.match(term_id)):
        problems.append(Problem(path, entry.line_of("id"), f"{label}: id must match [a-z0-9][a-z0-9_-]* (got '{describe(term_id)}')"))
    aliases = string_list(entry, "aliases", path, label, problems, lambda alias: form_rule(alias) and f"alias {form_rule(alias)}")
    see_also = string_list(entry, "see_also", path, label, problems)
    papers = string_list(entry, "papers", path, label, problems)
    tags = string_list(entry, "tags", path, label, problems, tag_rule)
    if len(problems) > start:
        return None
    return Term(name, entry_id(name, term_id), definition, aliases, " ".join(short.split()), see_also, papers, tags, entry.line)


def load_glossary(file_path: str, paper_keys=None, display_path: str = "glossary.yml"):
    """Load and validate the glossary; return (Glossary, problems).

    `paper_keys` (a container of registry keys) enables the check of `papers`.
    Invalid or clashing entries are left out so the rest still links.
    """
    entries, problems = load_entry_list(file_path, display_path, "terms")
    terms = []
    names: dict[str, tuple[Term, str]] = {}  # by name_key: the entry and the kind of name
    entry_of: dict[str, LineDict] = {}
    for entry in entries:
        term = _parse_term(entry, display_path, problems)
        if term is None:
            continue
        own = {}
        for kind, value in term.names:
            own.setdefault(name_key(value), (kind, value))
        clash = next(((kind, value) for folded, (kind, value) in own.items() if folded in names), None)
        if clash:
            kind, value = clash
            other, other_kind = names[name_key(value)]
            field_name = "aliases" if kind == "alias" else kind
            problems.append(Problem(
                display_path, entry.line_of(field_name),
                f"term '{term.term}': {kind} '{value}' is already used as the {other_kind} of "
                f"'{other.term}' at line {other.line}"))
            continue
        for folded, (kind, _value) in own.items():
            names[folded] = (term, kind)
        terms.append(term)
        entry_of[term.id] = entry
    glossary = Glossary(terms)
    for term in terms:
        entry = entry_of[term.id]
        for target in term.see_also:
            if glossary.find(target) is None:
                problems.append(Problem(display_path, entry.line_of("see_also"),
                                        f"term '{term.term}': see_also '{target}' names no term"))
        if paper_keys is not None:
            for key in term.papers:
                if key not in paper_keys:
                    problems.append(Problem(display_path, entry.line_of("papers"),
                                            f"term '{term.term}': papers '{key}' is not a key of papers.yml"))
    return glossary, problems
