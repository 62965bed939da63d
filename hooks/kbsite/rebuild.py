"""What a `--dirty` rebuild (`mkdocs serve --dirty`) must render again, and what it can reuse.

MkDocs skips a page under `--dirty` when its file reports itself unmodified. The knowledge site
remembers, for every page it built earlier in the same process, what the linker found there and
the site-wide lists written into it. While the knowledge base keeps its shape (glossary.yml,
papers.yml, every note's front matter and headings, the set of pages and mkdocs.yml: its
`fingerprint`), a page is rendered again only when its own source changed; pages whose lists
(backlinks, related notes, "Mentioned in", "Cited in") changed are patched in place. Any change
to the shape renders every page.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from mkdocs.structure.files import File

from .knowledge import GLOSSARY_FILE, PAPERS_FILE
from .linker import PageState


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


class BuildMemory:
    """The pages built earlier in this `mkdocs` process, valid while the fingerprint is unchanged."""

    def __init__(self):
        self.fingerprint = ""
        self.pages: dict = {}  # src_uri -> Built

    def begin(self, fingerprint: str) -> bool:
        """Start a build; False (and nothing remembered) if the knowledge base changed its shape."""
        if fingerprint != self.fingerprint:
            self.fingerprint, self.pages = fingerprint, {}
            return False
        return True

    def reusable(self, file, source: str) -> bool:
        """Whether `file` was built from this same source and its output is still there."""
        built = self.pages.get(file.src_uri)
        return built is not None and built.source == source and os.path.isfile(file.abs_dest_path)


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
    for path in (config_file or "", os.path.join(knowledge.root, GLOSSARY_FILE), os.path.join(knowledge.root, PAPERS_FILE)):
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
