"""What a `--dirty` rebuild (`mkdocs serve --dirty`) must render again, and what it can reuse.

MkDocs skips a page under `--dirty` when its file reports itself unmodified (`File.is_modified`):
this module is the one place that relies on it. The knowledge site remembers, for every page
it built earlier in the same process, what the linker found there and the site-wide lists
written into it. While the knowledge base keeps its shape (the glossary's terms and aliases,
papers.yml, every note's front matter and heading lines, the set of pages and mkdocs.yml: its
`fingerprint`), a page is rendered again only when its own source changed or it links a term
whose entry changed (its tooltip may have); pages whose lists (backlinks, related notes,
"Mentioned in", "Cited in") changed are patched in place. Any change to the shape renders every page.

`FullBuild` is the policy of every other build: render everything, remember nothing.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

from . import markers, urls
from .knowledge import PAPERS_FILE
from .page_state import PageFindings
from .problems import Problem

if TYPE_CHECKING:
    from .search import SearchRecords


class SiteFile(File):
    """A page the dirty-build policy marks `stale` (render again) or not (reuse the last output)."""

    stale = True

    def is_modified(self) -> bool:
        return self.stale

    @classmethod
    def of(cls, file: File) -> SiteFile:
        """`file` (a page of docs/) as a SiteFile."""
        copy = cls(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=file.dest_uri,
                   inclusion=file.inclusion)
        copy.edit_uri = file.edit_uri
        return copy


@dataclass
class Built:
    """One page as built earlier in this process."""

    source: str  # digest of the page's source: file size and modification time, or generated Markdown
    title: str
    findings: PageFindings
    lists: str = ""  # digest of the site-wide lists written into the page
    markers: tuple[tuple[str, str], ...] = ()  # (kind, id) of each of those lists, in page order
    problems: tuple[Problem, ...] = ()  # what rendering it reported: reported again in every build that reuses it


class FullBuild:
    """Every page rendered, nothing kept: the policy of a build without `--dirty`."""

    def plan(self, files: Files, config, knowledge, settings, log) -> Files:
        return files

    def record(self, src_uri: str, title: str, findings: PageFindings, problems: tuple[Problem, ...]) -> None:
        pass

    def reuse(self, pages: dict, found: dict[str, PageFindings], report: Callable[[Problem], None]) -> None:
        pass

    def record_lists(self, src_uri: str, shown: dict[tuple[str, str], str]) -> None:
        pass

    def finish(self, pages: dict, rendered: set[str], render: Callable[[str, str, object], str], log) -> None:
        pass


class DirtyBuild(FullBuild):
    """Under `--dirty`: reuse what an earlier build of this process rendered, where still valid."""

    def __init__(self, memory: BuildMemory):
        self.memory = memory
        self.digests: dict[str, str] = {}  # src_uri -> digest of its source in this build

    def plan(self, files: Files, config, knowledge, settings, log) -> Files:
        """Mark the pages to render again; the others are reused."""
        files = Files([file if isinstance(file, SiteFile) or not file.is_documentation_page() else SiteFile.of(file)
                       for file in files])
        documents = list(files.documentation_pages())
        shape = fingerprint(config.config_file_path, knowledge, [file.src_uri for file in documents], settings)
        changed_terms = self.memory.begin(shape, knowledge.glossary)
        same_shape = changed_terms is not None
        for file in documents:
            self.digests[file.src_uri] = source = source_digest(file)
            file.stale = not (same_shape and self.memory.reusable(file, source, changed_terms))
        stale = sum(file.stale for file in documents)
        if not same_shape:
            reason = " (first build, or glossary terms or aliases, papers, front matter, headings or pages changed)"
        else:
            reason = f" (changed glossary entries: {len(changed_terms)})" if changed_terms else ""
        log.info(f"--dirty: rendering {stale} of {len(documents)} pages{reason}")
        return files

    def record(self, src_uri: str, title: str, findings: PageFindings, problems: tuple[Problem, ...]) -> None:
        self.memory.pages[src_uri] = Built(self.digests[src_uri], title, findings, problems=problems)

    def reuse(self, pages: dict, found: dict[str, PageFindings], report: Callable[[Problem], None]) -> None:
        """Give the pages not rendered again what they held last time: findings, title, problems."""
        for uri, page in pages.items():
            built = self.memory.pages.get(uri)
            if uri not in found and built is not None:
                found[uri] = built.findings
                page.title = built.title  # unread pages have no title; the navigation needs it
                for problem in built.problems:  # still there: say so in every build, not only the first
                    report(problem)

    def record_lists(self, src_uri: str, shown: dict[tuple[str, str], str]) -> None:
        built = self.memory.pages[src_uri]
        built.lists, built.markers = digest(*shown.values()), tuple(shown)

    def finish(self, pages: dict, rendered: set[str], render: Callable[[str, str, object], str], log) -> None:
        """Rewrite the lists of reused pages where they changed; delete the output of removed pages."""
        patched = 0
        for uri, page in pages.items():
            built = self.memory.pages.get(uri)
            if uri in rendered or built is None or not built.markers:
                continue
            shown = {marker: render(*marker, page) for marker in built.markers}
            lists = digest(*shown.values())
            if lists == built.lists:
                continue
            with open(page.file.abs_dest_path, encoding="utf-8") as handle:
                output = handle.read()
            with open(page.file.abs_dest_path, "w", encoding="utf-8") as handle:
                handle.write(markers.refill(output, lambda kind, ident: shown[(kind, ident)]))
            built.lists = lists
            patched += 1
        if patched:
            log.info(f"--dirty: updated the backlinks and lists of {patched} more pages")
        for path in self.memory.forget_removed_pages({page.file.abs_dest_path for page in pages.values()}):
            if os.path.isfile(path):
                os.remove(path)


class BuildMemory:
    """The pages built earlier in this `mkdocs` process, valid while the fingerprint is unchanged."""

    def __init__(self):
        self.fingerprint = ""
        self.pages: dict[str, Built] = {}
        self.terms: dict[str, str] = {}  # term id -> digest of its glossary entry
        self.search_records: SearchRecords | None = None  # the search records of the pages built
        self.outputs: set[str] = set()  # the files the last build wrote for its pages

    def forget_removed_pages(self, outputs: set[str]) -> list[str]:
        """The output files of pages the last build had and this one has not (a deleted or renamed
        note), which `--dirty` would otherwise go on serving; remembers `outputs` for the next build."""
        removed, self.outputs = sorted(self.outputs - outputs), outputs
        return removed

    def begin(self, fingerprint: str, glossary) -> set[str] | None:
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

    def reusable(self, file: File, source: str, changed_terms: set[str]) -> bool:
        """Whether `file` was built from this same source, links no changed term (the glossary
        page shows every term), and its output is still there."""
        built = self.pages.get(file.src_uri)
        if built is None or built.source != source or not os.path.isfile(file.abs_dest_path):
            return False
        return not changed_terms or (file.src_uri != urls.GLOSSARY and changed_terms.isdisjoint(built.findings.terms))


def digest(*parts) -> str:
    """A short digest of `parts` (strings or bytes)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def source_digest(file: File) -> str:
    """What identifies a page's source: its generated Markdown, or its file's size and modification time."""
    if file.abs_src_path is None:
        return digest(file.content_bytes)
    status = os.stat(file.abs_src_path)
    return digest(status.st_size, status.st_mtime_ns)


def fingerprint(config_file: str | None, knowledge, src_uris, settings) -> str:
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
                   note.heading_lines) for note in section.notes]
    return digest(*parts)
