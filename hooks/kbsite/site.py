"""The knowledge site across one MkDocs build: a thin coordinator over collaborators with one job each.

| stage (MkDocs event) | collaborator |
| --- | --- |
| load, check options (`on_config`) | `knowledge.load_knowledge`, `config.KnowledgeConfig` |
| generated pages, assets, nav (`on_files`) | `site_files.SiteFiles` |
| one page through the linker (`on_page_markdown`, `on_page_content`) | `page_render.PageRenderer` over `linker` |
| site-wide lists, once all pages are rendered (`on_env`, `on_post_page`) | `site_lists.SiteLists`, `markers`, `history` |
| search records as pages are written, the index at the end (`on_post_page`, `on_post_build`) | `search.SearchIndex` (Pagefind) |
| graph data (`on_post_build`) | `connections` |
| what `--dirty` renders again and reuses | `rebuild.DirtyBuild` (`rebuild.FullBuild` otherwise) |

A new `KnowledgeSite` is made in every `on_config`, so `mkdocs serve` rebuilds never see state
from an earlier build, except the `BuildMemory` a `--dirty` build is given.
"""
from __future__ import annotations

import os
from collections.abc import Callable

from mkdocs.structure.files import Files
from mkdocs.structure.toc import AnchorLink

from . import connections, markers, urls
from .config import option_line
from .heading_anchors import HeadingAnchors
from .history import last_changed
from .knowledge import load_knowledge
from .linker import KnowledgeExtension
from .page_render import PageRenderer
from .problems import Problem
from .rebuild import BuildMemory, DirtyBuild, FullBuild
from .search import SearchIndex
from .site_files import SiteFiles, theme_problems
from .site_lists import PageLink, SiteLists

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html")


class KnowledgeSite:
    """Loads the knowledge base, adds its pages, renders them through the linker and fills the lists."""

    def __init__(self, config, options, log, memory: BuildMemory | None = None,
                 report: Callable[[Problem], None] | None = None):
        self.log, self.options = log, options
        self.report = report or (lambda problem: log.warning(str(problem)))  # a warning fails `--strict`
        root = os.path.dirname(os.path.abspath(config.config_file_path))
        self.knowledge = load_knowledge(root, options.section_order)
        missing = sorted(set(options.section_order) - {section.slug for section in self.knowledge.sections})
        problems = [Problem("mkdocs.yml", option_line(config.config_file_path, "'section_order'"),
                            f"section_order: no folder notes/{slug}/") for slug in missing]
        for problem in sorted(self.knowledge.problems + theme_problems(config, self.knowledge.notes) + problems):
            self.report(problem)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        anchors = HeadingAnchors(config.markdown_extensions, config.mdx_configs)  # the site's own, before ours
        self.extension = KnowledgeExtension(self.knowledge, anchors)
        config.markdown_extensions.append(self.extension)
        if TEMPLATES not in config.theme.dirs:
            config.theme.dirs.insert(0, TEMPLATES)  # template overrides that keep every page offline
        self.files = SiteFiles(self.knowledge, options.nav_max_notes, self.report)
        self.renderer = PageRenderer(self.knowledge, self.extension, self.files, options, self.report)
        self.dirty = DirtyBuild(memory) if memory is not None else FullBuild()
        self.search = SearchIndex(config, self.knowledge, memory, log, self.report,
                                  listings={urls.PAPERS, urls.TAGS, urls.GRAPH}, glossary_uri=urls.GLOSSARY)
        self.pages: dict = {}  # src_uri -> Page, from on_env
        self.lists: SiteLists | None = None
        self.rendered: set[str] = set()  # pages written in this build

    def add_files(self, files: Files, config) -> Files:
        files = self.files.add(files, config)
        settings = sorted((name, repr(value)) for name, value in self.options.items())  # every option may change every page
        return self.dirty.plan(files, config, self.knowledge, settings, self.log)

    def start_page(self, markdown: str, page) -> str:
        return self.renderer.start(markdown, page)

    def finish_page(self, html: str, page) -> str:
        html, problems = self.renderer.finish(html, page)
        self.dirty.record(page.file.src_uri, page.title, self.renderer.found[page.file.src_uri], problems)
        return html

    def fill_site_lists(self, files: Files) -> None:
        """Index the site-wide lists now that every page is rendered; `finish_output` writes them."""
        self.pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page}
        rendered = set(self.renderer.found)  # the pages rendered in this build; `--dirty` reuses the others
        self.dirty.reuse(self.pages, self.renderer.found, self.report)
        links = {uri: PageLink(page.url, page.title or uri) for uri, page in self.pages.items()}
        dates = last_changed(self.knowledge.root)
        changed = {note.src_uri: dates[note.path] for note in self.knowledge.notes if note.path in dates}
        self.lists = SiteLists(self.knowledge, self.renderer.found, links, self.options.reading_lists,
                               self.options.start_here, changed)
        for uri, page in self.pages.items():  # the sections written at the end of a note, in its table of contents
            if uri in self.knowledge.notes_by_uri and uri in rendered:
                _append_to_toc(page.toc, self.lists.toc_sections(uri))

    def finish_output(self, output: str, page) -> str:
        """Write the site-wide lists into a page's HTML as it is written."""
        src_uri = page.file.src_uri
        self.rendered.add(src_uri)
        self.search.page_written(page, output)  # the page's own content, before the site-wide lists
        shown: dict[tuple[str, str], str] = {}

        def render(kind: str, ident: str) -> str:
            shown[kind, ident] = self.lists.render(kind, ident, page.url)
            return shown[kind, ident]

        output = markers.fill(output, render)
        if shown:
            self.dirty.record_lists(src_uri, shown)
        return output

    def finish_build(self, config) -> None:
        """Write graph.json; under `--dirty`, bring the pages not rendered again up to date; index search."""
        with open(os.path.join(config.site_dir, urls.GRAPH_DATA), "w", encoding="utf-8") as handle:
            connections.write_graph(handle, *self.lists.graph())
        self.dirty.finish(self.pages, self.rendered, lambda kind, ident, page: self.lists.render(kind, ident, page.url),
                          self.log)
        self.search.finish(config.site_dir, set(self.pages))


def _append_to_toc(toc, sections: list[tuple[str, str]]) -> None:
    """Add (title, anchor) sections at level 2 to a page's table of contents (below its `# Title`)."""
    items = toc.items
    under = items[0].children if len(items) == 1 and items[0].level == 1 else items
    under.extend(AnchorLink(title, anchor, 2) for title, anchor in sections)
