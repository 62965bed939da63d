"""What a `--dirty` rebuild (`mkdocs serve --dirty`) must render again, and what it can reuse.

MkDocs skips a page under `--dirty` when its file reports itself unmodified. The knowledge site
remembers, for every page it built earlier in the same process, what the linker found there and
the site-wide lists written into it. While the knowledge base keeps its shape (the glossary's
terms and aliases, papers.yml, every note's front matter and headings, the set of pages and
mkdocs.yml: its `fingerprint`), a page is rendered again only when its own source changed or it
links a term whose entry changed (its tooltip may have); pages whose lists (backlinks, related
notes, "Mentioned in", "Cited in") changed are patched in place. Any change to the shape renders
every page.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from mkdocs.structure.files import File

from .knowledge import PAPERS_FILE
from .linker import GLOSSARY_URI, PageState


class SiteFile(File):
    """A note or generated page: under `--dirty`, rebuilt only when `stale` (set in `on_files`)."""

    stale = True

    def is_modified(self) -> bool:
        return self.stale


@dataclass
class Built:
    """One page as built earlier in this process."""

    source: str  # digest of the page's source: file size and modification time, or generated Markdown
    title: str
    state: PageState
    lists: str = ""  # digest of the site-wide lists written into the page
    markers: tuple = ()  # (kind, id) of each of those lists, in page order
    problems: tuple = ()  # what rendering it reported: reported again in every build that reuses it


class BuildMemory:
    """The pages built earlier in this `mkdocs` process, valid while the fingerprint is unchanged."""

    def __init__(self):
        self.fingerprint = ""
        self.pages: dict = {}  # src_uri -> Built
        self.terms: dict = {}  # term id -> digest of its glossary entry
        self.search_records = None  # the search records of the pages built (`search.SearchRecords`)
        self.outputs: set = set()  # the files the last build wrote for its pages

    def forget_removed_pages(self, outputs: set) -> list:
        """The output files of pages the last build had and this one has not (a deleted or renamed
        note), which `--dirty` would otherwise go on serving; remembers `outputs` for the next build."""
        removed, self.outputs = sorted(self.outputs - outputs), outputs
        return removed

    def begin(self, fingerprint: str, glossary) -> set | None:
        """Start a build: the ids of the terms whose entry changed since the last build, or None
        (and nothing remembered) if the knowledge base changed its shape."""
        terms = {term.id: digest(term.term, term.definition, term.short, term.aliases, term.see_also,
                                 term.papers, term.tags) for term in glossary.terms}
        changed = {term_id for term_id, entry in terms.items() if self.terms.get(term_id) != entry}
        self.terms = terms
        if fingerprint != self.fingerprint:
            self.fingerprint, self.pages = fingerprint, {}
            return None
        return changed

    def reusable(self, file, source: str, changed_terms: set) -> bool:
        """Whether `file` was built from this same source, links no changed term (the glossary
        page shows every term), and its output is still there."""
        built = self.pages.get(file.src_uri)
        if built is None or built.source != source or not os.path.isfile(file.abs_dest_path):
            return False
        return not changed_terms or (file.src_uri != GLOSSARY_URI and changed_terms.isdisjoint(built.state.terms))


def digest(*parts) -> str:
    """A short digest of `parts` (strings or bytes)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def source_digest(file) -> str:
    """What identifies a page's source: its generated Markdown, or its file's size and modification time."""
    if file.abs_src_path is None:
        return digest(file.content_bytes)
    status = os.stat(file.abs_src_path)
    return digest(status.st_size, status.st_mtime_ns)


def fingerprint(config_file: str, knowledge, src_uris, settings) -> str:
    """The shape of the knowledge base: what every page's rendering may depend on besides its own source."""
    parts = [settings, *sorted(src_uris)]
    parts += [(term.id, term.term, term.aliases) for term in knowledge.glossary.terms]  # what prose links
    for path in (config_file or "", os.path.join(knowledge.root, PAPERS_FILE)):
        try:
            with open(path, "rb") as handle:
                parts.append(handle.read())
        except OSError:
            parts.append(b"")
    for section in knowledge.sections:
        parts += [section.slug, section.title, section.intro]
        parts += [(note.src_uri, note.title, note.summary, note.tags, note.order, note.glossary_links,
                   sorted(note.headings)) for note in section.notes]
    return digest(*parts)
