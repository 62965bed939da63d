"""BibTeX export and import for the paper registry; `papers.yml` stays the source of truth."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, Entry, Field
from bibtexparser.writer import BibtexFormat
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from .knowledge import PAPERS_FILE
from .papers import (KEY_PATTERN, KINDS, KnownWorks, arxiv_id, doi_id, identities, is_organisation, load_registry,
                     propose_key, web_url_rule)
from .problems import Problem
from .yamltext import AppendError, append_entries, list_item

ENTRY_TYPES = {"paper": "article", "book": "book", "post": "online", "talk": "misc", "video": "misc", "podcast": "misc"}
VENUE_FIELDS = {"article": "journal", "book": "publisher", "online": "organization", "misc": "howpublished"}
IMPORT_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "publisher", "organization", "howpublished",
                       "institution", "school")
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}", "&": r"\&", "%": r"\%",
    "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_ARXIV_IN_TEXT = re.compile(r"arxiv:\s*([\w./-]+)", re.I)


# --- export -------------------------------------------------------------------

def latex_escape(text: str) -> str:
    """Text for a braced BibTeX value: LaTeX specials escaped, braces balanced, no `--` or quote ligatures."""
    text = re.sub(r"[\\{}&%$#_~^]", lambda match: _LATEX_SPECIALS[match.group()], text)
    return re.sub(r"(?<=[-`'!?])(?=[-`'])", "{}", text)


def bibtex_title(title: str) -> str:
    """A title for BibTeX: escaped; words with two or more capitals (`RLHF`, `GPT-4`) braced to keep their case."""
    words = [latex_escape(word) for word in title.split()]
    return " ".join("{" + word + "}" if sum(char.isupper() for char in word) > 1 else word for word in words)


def bibtex_name(name: str) -> str:
    """An author for BibTeX: a person as written, an organisation braced so it is never split."""
    return "{" + latex_escape(name) + "}" if is_organisation(name) else latex_escape(name)


def bibtex_url(url: str) -> str:
    """A URL that cannot unbalance a BibTeX value: spaces and braces percent-encoded."""
    return re.sub(r"\s", "%20", url).replace("{", "%7B").replace("}", "%7D")


def paper_entry(paper) -> Entry:
    """One registry work as a BibTeX entry (values unenclosed; the writer adds braces)."""
    entry_type = ENTRY_TYPES[paper.kind]
    fields = [("author", " and ".join(bibtex_name(name) for name in paper.authors)),
              ("title", bibtex_title(paper.title))]
    if paper.venue:
        fields.append((VENUE_FIELDS[entry_type], latex_escape(paper.venue)))
    fields += [("year", str(paper.year)), ("url", bibtex_url(paper.url))]
    if paper.doi:
        fields.append(("doi", bibtex_url(paper.doi)))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archivePrefix", "arXiv")]
    if entry_type == "misc":
        fields.append(("note", paper.kind.capitalize()))
    if paper.tags:
        fields.append(("keywords", latex_escape(", ".join(paper.tags))))
    return Entry(entry_type, paper.key, [Field(key, value) for key, value in fields])


def export_bibtex(registry) -> str:
    """The registry as BibTeX, one entry per key, in registry order."""
    library = Library([paper_entry(paper) for paper in registry.papers.values()])
    style = BibtexFormat()
    style.indent, style.value_column, style.block_separator, style.trailing_comma = "  ", "auto", "\n", True
    return bibtexparser.write_string(library, bibtex_format=style)


# --- import -------------------------------------------------------------------

@dataclass
class ImportResult:
    """What an import would add to the registry, and what it skipped and why."""

    added: list[dict] = field(default_factory=list)  # works as papers.yml mappings
    skipped: list[tuple[str, str]] = field(default_factory=list)  # BibTeX key, reason
    problems: list[Problem] = field(default_factory=list)  # entries the parser could not read


def _decoder() -> LatexNodes2Text:
    context = get_default_latex_context_db()
    context.add_context_category("kbsite", prepend=True, macros=[
        MacroTextSpec("url", simplify_repl="%s"), MacroTextSpec("textbraceleft", "{"),
        MacroTextSpec("textbraceright", "}"), MacroTextSpec("textasciicircum", "^")])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


_DECODER = _decoder()


def plain(value: str) -> str:
    """A BibTeX value as plain one-line text (LaTeX decoded, braces dropped)."""
    return " ".join(_DECODER.latex_to_text(value).split())


def person(raw: str) -> str:
    """An author as the registry writes it: `First von Last`, an organisation as its whole name."""
    raw = raw.strip()
    if "," in raw and not (raw.startswith("{") and raw.endswith("}")):
        try:
            raw = parse_single_name_into_parts(raw).merge_first_name_first
        except InvalidNameError:
            pass
    return plain(raw)


def registry_key(key: str) -> str | None:
    """A BibTeX key made a registry key (`Bai2022:CAI` -> `bai2022-cai`), or None if impossible."""
    key = re.sub(r"[^a-z0-9_-]+", "-", key.lower()).strip("-_")
    return key if KEY_PATTERN.match(key) else None


def entry_arxiv(fields: dict) -> str | None:
    """The arXiv id of an entry: eprint, an arXiv URL, or `arXiv:<id>` in the journal or note."""
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").strip().lower()
    if fields.get("eprint") and prefix == "arxiv" and arxiv_id(fields["eprint"]):
        return arxiv_id(fields["eprint"])
    if "arxiv.org" in fields.get("url", "").lower() and arxiv_id(fields["url"]):
        return arxiv_id(fields["url"])
    for name in ("journal", "note", "howpublished"):
        match = _ARXIV_IN_TEXT.search(fields.get(name, ""))
        if match and arxiv_id(match.group(1)):
            return arxiv_id(match.group(1))
    return None


def entry_url(fields: dict, arxiv: str | None) -> str:
    """The entry's URL: `url`, `\\url{}` in howpublished, its DOI, or its arXiv abstract page."""
    url = fields.get("url") or ""
    if not url:
        match = re.search(r"\\url\{([^}]*)\}", fields.get("howpublished", ""))
        url = match.group(1) if match else ""
    if not url and fields.get("doi"):
        url = "https://doi.org/" + fields["doi"].strip()
    if not url and arxiv:
        url = f"https://arxiv.org/abs/{arxiv}"
    return re.sub(r"\\([_%&#~])", r"\1", url.strip())


def entry_kind(entry_type: str, fields: dict) -> str:
    """The registry kind: a `note` naming a kind wins, else by entry type."""
    note = plain(fields.get("note", "")).lower()
    if note in KINDS:
        return note
    return {"book": "book", "online": "post", "electronic": "post", "www": "post"}.get(entry_type, "paper")


def entry_venue(fields: dict, arxiv: str | None) -> str:
    """The venue: journal, booktitle, publisher... (`arXiv preprint arXiv:...` becomes `arXiv`)."""
    for name in IMPORT_VENUE_FIELDS:
        value = fields.get(name, "")
        if value and not value.lstrip().startswith("\\url"):
            return "arXiv" if arxiv and _ARXIV_IN_TEXT.search(value) else plain(value)
    return ""


def unresolved_fields(entry: Entry) -> list:
    """Fields left as BibTeX wrote them: an undefined `@string` macro or a `#` concatenation, which
    bibtexparser does not expand (a bare number is a value)."""
    enclosings = entry.parser_metadata.get("removed_enclosing", {})
    resolved = entry.parser_metadata.get("ResolveStringReferences", [])
    return [item.key for item in entry.fields if enclosings.get(item.key) == "no-enclosing"
            and item.key not in resolved and not str(item.value).strip().isdigit()]


def work_from_entry(entry: Entry):
    """The papers.yml mapping for a BibTeX entry (key None if the BibTeX key has nothing usable in it),
    or (None, reason) when it cannot be imported as written."""
    unresolved = unresolved_fields(entry)
    if unresolved:
        return None, (f"{', '.join(unresolved)}: an undefined @string macro or a '#' concatenation "
                      "(not expanded; write the value out)")
    fields = {item.key.lower(): item.value for item in entry.fields if isinstance(item.value, str)}
    arxiv = entry_arxiv(fields)
    year = re.search(r"\d{4}", fields.get("year") or fields.get("date") or "")
    names = split_multiple_persons_names(fields.get("author") or fields.get("editor") or "")
    work = {"key": registry_key(entry.key), "title": plain(fields.get("title", "")),
            "authors": [person(name) for name in names], "year": int(year.group()) if year else None,
            "url": entry_url(fields, arxiv)}
    missing = [name for name in ("title", "authors", "year", "url") if not work[name]]
    if missing:
        return None, f"no usable {', '.join(missing)}"
    if web_url_rule(work["url"]):
        return None, web_url_rule(work["url"])
    if arxiv:
        work["arxiv"] = arxiv
    doi = doi_id(plain(fields.get("doi", "")))
    if doi:
        work["doi"] = doi
    venue = entry_venue(fields, arxiv)
    if venue:
        work["venue"] = venue
    work["kind"] = entry_kind(entry.entry_type.lower(), fields)
    tags = [plain(tag) for tag in re.split(r"[,;]", fields.get("keywords", "")) if plain(tag)]
    if tags:
        work["tags"] = tags
    return work, ""


def import_bibtex(bib_text: str, bib_display: str, registry) -> ImportResult:
    """The works of a BibTeX file that are new to `registry` (by key, URL, arXiv id or DOI)."""
    result = ImportResult()
    library = bibtexparser.parse_string(bib_text)
    for block in library.failed_blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            result.skipped.append((block.key, f"key repeated in {bib_display}"))
        else:
            reason = getattr(block.error, "abort_reason", None) or str(block.error) or type(block.error).__name__
            result.problems.append(Problem(bib_display, (block.start_line or 0) + 1, f"cannot read entry: {reason}"))
    known = KnownWorks(registry, PAPERS_FILE)
    for entry in library.entries:
        work, reason = work_from_entry(entry)
        if work is None:
            result.skipped.append((entry.key, f"{reason} ({bib_display}:{(entry.start_line or 0) + 1})"))
            continue
        if work["key"] is None:  # a BibTeX key with nothing usable in it: the registry's rule names the work
            work["key"] = propose_key(work["authors"], work["year"], work["title"], known.keys)
        ids = identities(key=work["key"], url=work["url"], arxiv=work.get("arxiv"), doi=work.get("doi"))
        duplicate = known.duplicate(ids)
        if duplicate:
            result.skipped.append((entry.key, duplicate))
            continue
        known.accept(ids, f"already imported from {bib_display} as '{work['key']}'")
        result.added.append(work)
    return result


def import_into_registry(root: str, bib_text: str, bib_display: str) -> ImportResult:
    """Append the new works of a BibTeX file to papers.yml (nothing when the file has unreadable entries)."""
    path = os.path.join(root, PAPERS_FILE)
    registry, problems = load_registry(path, PAPERS_FILE)
    if problems:
        raise AppendError(f"{problems[0]} (fix papers.yml before importing; `kb check` lists every problem)")
    result = import_bibtex(bib_text, bib_display, registry)
    if result.added and not result.problems:
        append_entries(path, PAPERS_FILE, "\n".join(list_item(work) for work in result.added), result.added)
    return result
