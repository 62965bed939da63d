"""`kb check`: the hook's validation of a knowledge base, without a MkDocs build.

Nothing here re-implements a rule: the knowledge base is loaded by `load_knowledge`
and every page is rendered with the site's own Markdown extensions plus the
knowledge linker, exactly as the hook does during a build.
"""
from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.meta import get_data

from . import pages
from .knowledge import GLOSSARY_FILE, PAPERS_FILE, load_knowledge
from .linker import GLOSSARY_URI, KnowledgeExtension, PageState, paper_uri
from .notes import LINK_MODES, Note
from .problems import Problem, unresolved_problems
from .site import ASSETS, PAPERS_URI, REQUIRED_EXTENSIONS, TAGS_URI

CONFIG_FILE = "mkdocs.yml"


@dataclass
class Source:
    """One page to render, and the file text its problems are located in."""

    display: str  # the file named in messages
    src_uri: str  # where the page sits in the docs
    markdown: str
    text: str  # the text searched for a problem's line
    first_line: int = 1  # the file line where `text` starts
    note: Note | None = None


class LinkCollector(Extension, Treeprocessor):
    """Collects every link and image target of a page (after the linker has run)."""

    def __init__(self):
        Extension.__init__(self)
        self.urls: list = []

    def extendMarkdown(self, md):
        self.md = md
        md.treeprocessors.register(self, "kb-check-links", 0)

    def run(self, root):
        self.urls = [element.get("href" if element.tag == "a" else "src") or ""
                     for element in root.iter() if element.tag in ("a", "img")]


@dataclass
class Site:
    """A loaded knowledge base with the Markdown set-up of its MkDocs build."""

    root: str
    config: object
    knowledge: object
    md: markdown.Markdown
    linker: KnowledgeExtension
    links: LinkCollector
    link_mode: str

    def render(self, source: Source) -> PageState:
        """Render one page as the hook does; the linker's findings are returned, links kept in `links.urls`."""
        note = source.note
        self.linker.page = PageState(
            src_path=source.display, src_uri=source.src_uri,
            link_mode=(note.glossary_links if note and note.glossary_links else self.link_mode),
            reading_list=bool(note and note.section == "reading-lists"))
        self.md.reset()
        self.md.convert(source.markdown)
        return self.linker.page


def load_site(root: str) -> Site:
    """Load the knowledge base and mkdocs.yml under `root`; raises ConfigurationError for a bad mkdocs.yml."""
    config = load_config(os.path.join(root, CONFIG_FILE))
    knowledge = load_knowledge(root)
    mode = (config.extra or {}).get("glossary_links", "first")
    if mode not in LINK_MODES:
        knowledge.problems.append(Problem(CONFIG_FILE, 0, f"extra.glossary_links must be one of {', '.join(LINK_MODES)}"))
        mode = "first"
    linker, links = KnowledgeExtension(knowledge), LinkCollector()
    names = list(config.markdown_extensions)
    names += [name for name in REQUIRED_EXTENSIONS if name not in names]
    md = markdown.Markdown(extensions=[*names, linker, links], extension_configs=config.mdx_configs or {})
    return Site(root, config, knowledge, md, linker, links, mode)


def page_source(display: str, src_uri: str, text: str, note: Note | None = None) -> Source:
    """A Markdown file as MkDocs renders it: front matter removed, lines counted from the body."""
    body, _meta = get_data(text)
    first_line = 1 + text.count("\n", 0, len(text) - len(body))
    return Source(display, src_uri, body, body, first_line, note)


def note_sources(knowledge) -> list:
    """The pages of all notes."""
    return [page_source(note.path, note.src_uri, note.text, note) for note in knowledge.notes]


def generated_sources(site: Site) -> list:
    """Generated pages with Markdown from contributors: section intros, glossary, paper pages."""
    knowledge, root = site.knowledge, site.root
    sources = [Source(section.intro_path, section.index_uri, pages.section_index(section),
                      _read(os.path.join(root, section.intro_path)))
               for section in knowledge.sections if section.intro_path]
    sources.append(Source(GLOSSARY_FILE, GLOSSARY_URI, pages.glossary_page(knowledge.glossary, knowledge.registry),
                          _read(os.path.join(root, GLOSSARY_FILE))))
    papers_text = _read(os.path.join(root, PAPERS_FILE))
    sources += [Source(PAPERS_FILE, paper_uri(key), pages.paper_page(paper, knowledge.glossary), papers_text)
                for key, paper in knowledge.registry.papers.items()]
    return sources


def docs_sources(site: Site) -> list:
    """The pages in the docs folder."""
    prefix = os.path.relpath(site.config.docs_dir, site.root).replace(os.sep, "/")
    return [page_source(f"{prefix}/{uri}", uri, _read(os.path.join(site.config.docs_dir, uri)))
            for uri in sorted(docs_files(site.config.docs_dir)) if uri.endswith(".md")]


def docs_files(docs_dir: str) -> set:
    """Paths of the files in the docs folder, relative to it (hidden files skipped, as MkDocs does)."""
    found = set()
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        relative = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
        found |= {posixpath.normpath(f"{relative}/{name}") for name in names if not name.startswith(".")}
    return found


def site_files(site: Site) -> set:
    """Every docs path of a build: the docs folder's files and the pages and assets the hook adds."""
    knowledge = site.knowledge
    uris = {GLOSSARY_URI, PAPERS_URI, TAGS_URI, *knowledge.notes_by_uri}
    uris |= {section.index_uri for section in knowledge.sections}
    uris |= {paper_uri(key) for key in knowledge.registry.papers}
    uris |= {f"assets/kb/{name}" for name in os.listdir(ASSETS)}
    return uris | docs_files(site.config.docs_dir)


def link_target(src_uri: str, url: str) -> str | None:
    """The docs path a relative link to a file points to; None for links MkDocs does not validate."""
    scheme, netloc, path, _query, _fragment = urlsplit(url)
    if scheme or netloc or not path or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url:
        return None
    if not posixpath.splitext(path)[1]:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(path)))


def broken_links(src_uri: str, urls: list, targets: set) -> list:
    """`(needle, message)` for each relative link whose target is no page or file of the site."""
    broken = []
    for url in urls:
        target = link_target(src_uri, url)
        if target is not None and target not in targets:
            broken.append((url, f"broken link '{url}': '{target}' is no note, generated page or docs file"))
    return broken


def page_problems(site: Site, source: Source, targets: set) -> list:
    """Unresolved references and broken links of one page, each with its line."""
    state = site.render(source)
    found = state.unresolved + broken_links(source.src_uri, site.links.urls, targets)
    return unresolved_problems(source.display, source.text, source.first_line, found)


def check(root: str) -> list:
    """Every problem of the knowledge base under `root`, sorted."""
    try:
        site = load_site(root)
    except ConfigurationError as error:
        return sorted(load_knowledge(root).problems + [Problem(CONFIG_FILE, 0, f"invalid configuration: {error}")])
    problems = list(site.knowledge.problems)
    targets = site_files(site)
    for source in note_sources(site.knowledge) + generated_sources(site) + docs_sources(site):
        problems += page_problems(site, source, targets)
    return sorted(set(problems))


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return handle.read().replace("\r\n", "\n")
    except FileNotFoundError:
        return ""
