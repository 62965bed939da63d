"""The knowledge site across one MkDocs build: what the hook's events delegate to.

A new `KnowledgeSite` is made in every `on_config`, so `mkdocs serve` rebuilds
never see state from an earlier build.
"""
from __future__ import annotations

import functools
import os
import re
import zlib
from collections import defaultdict

from markupsafe import Markup, escape
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_relative_url

from . import connections, pages, rebuild
from .html_safety import sanitize
from .knowledge import GLOSSARY_FILE, PAPERS_FILE, load_knowledge
from .linker import GLOSSARY_URI, KnowledgeExtension, PageState, paper_uri
from .notes import LINK_MODES
from .problems import Problem, unresolved_problems
from .search_index import take_over_search_index
from .vendor import dist_folder

PAPERS_URI = "papers/index.md"
TAGS_URI = "tags.md"
STATS_MARKER = "<!-- kb:stats -->"
CONNECTIONS_MARKER = "<!-- kb:connections:note -->"
ASSETS = os.path.join(os.path.dirname(__file__), "assets")
TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
GRAPH_URI = "graph/index.md"
GRAPH_JSON = "graph.json"
GRAPH_LIBRARY = "assets/vendor/force-graph/force-graph.min.js"
VENDOR_FILES = {  # npm package -> files of its dist/ folder served from the site
    "katex": lambda dist: ["katex.min.css"] + [  # the math is rendered at build time (`math_render`)
        f"fonts/{name}" for name in sorted(os.listdir(os.path.join(dist, "fonts"))) if name.endswith(".woff2")],
    "force-graph": lambda dist: ["force-graph.min.js"],
}
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html")


class KnowledgeSite:
    """Loads the knowledge base, generates its pages and collects site-wide links."""

    def __init__(self, config, log, memory: rebuild.BuildMemory | None = None):
        self.log = log
        self.memory = memory  # under `--dirty`: the pages built earlier in this process
        self.root = os.path.dirname(os.path.abspath(config.config_file_path))
        extra = config.extra or {}
        self.link_mode = extra.get("glossary_links", "first")
        if self.link_mode is False:
            self.link_mode = "off"  # mkdocs.yml is YAML 1.1, where a bare `off` is false
        config_line = functools.partial(_line_of_key, config.config_file_path)
        if self.link_mode not in LINK_MODES:
            self.report(Problem("mkdocs.yml", config_line("glossary_links"), f"extra.glossary_links must be one of {', '.join(LINK_MODES)}"))
            self.link_mode = "first"
        self.nav_max_notes = extra.get("nav_max_notes", 100)
        if isinstance(self.nav_max_notes, bool) or not isinstance(self.nav_max_notes, int) or self.nav_max_notes < 0:
            self.report(Problem("mkdocs.yml", config_line("nav_max_notes"), "extra.nav_max_notes must be a whole number (0 or more)"))
            self.nav_max_notes = 100
        self.trusted_html = extra.get("trusted_html", False)
        if not isinstance(self.trusted_html, bool):
            self.report(Problem("mkdocs.yml", config_line("trusted_html"), "extra.trusted_html must be true or false"))
            self.trusted_html = False
        self.knowledge = load_knowledge(self.root)
        for problem in sorted(self.knowledge.problems + theme_problems(config, self.knowledge.notes)):
            self.report(problem)
        self.extension = KnowledgeExtension(self.knowledge)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(self.extension)
        if TEMPLATES not in config.theme.dirs:
            config.theme.dirs.insert(0, TEMPLATES)  # template overrides that keep every page offline
        self.sources: dict = {}  # src_uri -> (display path, source): source() gives (text, first line), read on demand
        self.found: dict = {}  # src_uri -> PageState after rendering
        self.built: set = set()  # src_uris of the pages written in this build
        self.digests: dict = {}  # src_uri -> digest of its source, under `--dirty`
        self.pages: dict = {}  # src_uri -> Page, from on_env
        # site-wide lists, from on_env: term id / work key -> pages; note -> backlinks, related notes
        self.mentions, self.cited, self.listed = defaultdict(list), defaultdict(list), defaultdict(list)
        self.incoming, self.related = {}, {}
        tags = config.plugins.get("material/tags")
        self.tag_directive = tags and re.compile(rf"<!--\s*{re.escape(tags.config.listings_directive)}", re.I)
        self.tag_listings: set = set()  # pages with a tags listing, which Material's tags plugin fills in `on_env`
        self.listings = {PAPERS_URI, TAGS_URI, GRAPH_URI} | {section.index_uri for section in self.knowledge.sections}
        self.with_lists = {GLOSSARY_URI, PAPERS_URI, GRAPH_URI} | {paper_uri(key) for key in self.knowledge.registry.papers}
        self.from_data = {GLOSSARY_URI} | {paper_uri(key) for key in self.knowledge.registry.papers}  # Markdown from YAML fields

    def report(self, problem: Problem):
        """Log a problem as a warning (fails `mkdocs build --strict`)."""
        self.log.warning(str(problem))

    # --- on_files ----------------------------------------------------------
    def add_files(self, files, config):
        """Mount notes, generate index, glossary, paper and tag pages, add assets, set nav."""
        for file in files.documentation_pages():
            file.edit_uri = f"{os.path.relpath(config.docs_dir, self.root)}/{file.src_uri}".replace(os.sep, "/")
            self.sources[file.src_uri] = (file.edit_uri, lambda file=file: (file.content_string, 1))

        def generate(src_uri, content, edit=None, display=None, source=None, in_nav=True, abs_src_path=None):
            existing = files.get_file_from_path(src_uri)
            if existing is not None:
                other = "a generated page" if existing.generated_by else f"docs/{src_uri}"
                self.report(Problem(display or edit or src_uri, 1, f"its page {src_uri} clashes with {other}; rename one"))
                return
            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            file = rebuild.SiteFile.generated(config, src_uri, content=content, abs_src_path=abs_src_path,
                                              inclusion=inclusion)
            file.edit_uri = edit
            files.append(file)
            self.sources[src_uri] = (display or edit or src_uri, source or (lambda: ("", 1)))

        for section in self.knowledge.sections:
            generate(section.index_uri, pages.section_index(section), section.intro_path,
                     source=lambda section=section: (section.intro, section.intro_line))
            listed = len(section.notes) <= self.nav_max_notes
            for note in section.notes:
                generate(note.src_uri, None, note.path, source=lambda note=note: (note.read_body(), note.body_line),
                         in_nav=listed, abs_src_path=os.path.join(self.root, note.path))
        generate(GLOSSARY_URI, pages.glossary_page(self.knowledge.glossary),
                 GLOSSARY_FILE, source=lambda: (_read(os.path.join(self.root, GLOSSARY_FILE)), 1))
        generate(PAPERS_URI, pages.papers_index(self.knowledge.registry), PAPERS_FILE)
        read_papers = functools.lru_cache(maxsize=1)(lambda: _read(os.path.join(self.root, PAPERS_FILE)).split("\n"))
        for paper in self.knowledge.registry.papers.values():
            generate(paper_uri(paper.key), pages.paper_page(paper, self.knowledge.glossary), PAPERS_FILE, in_nav=False,
                     source=lambda paper=paper: ("\n".join(read_papers()[paper.line - 1:paper.end_line or None]), paper.line))
        generate(TAGS_URI, pages.front_matter(title="Tags") + "# Tags\n\n<!-- material/tags -->\n")
        generate(GRAPH_URI, pages.graph_page())
        self._add_assets(files, config)
        config.nav = self._nav(files)
        if self.memory is not None:
            self._plan_dirty_build(files, config)
        return _glossary_first(files)

    def _plan_dirty_build(self, files, config):
        """Under `--dirty`: mark the pages to render again (see `rebuild`); the others are reused."""
        documents = list(files.documentation_pages())
        shape = rebuild.fingerprint(config.config_file_path, self.knowledge, [file.src_uri for file in documents],
                                    (self.link_mode, self.nav_max_notes))
        changed_terms = self.memory.begin(shape, self.knowledge.glossary)
        same_shape = changed_terms is not None
        stale = 0
        for file in documents:
            self.digests[file.src_uri] = source = rebuild.source_digest(file)
            fresh = same_shape and self.memory.reusable(file, source, changed_terms)
            if isinstance(file, rebuild.SiteFile):
                file.stale = not fresh
            elif not fresh:
                file.content_bytes = file.content_bytes  # MkDocs counts a file with content in memory as modified
            stale += not fresh
        if not same_shape:
            reason = " (first build, or glossary terms or aliases, papers, front matter, headings or pages changed)"
        else:
            reason = f" (changed glossary entries: {len(changed_terms)})" if changed_terms else ""
        self.log.info(f"--dirty: rendering {stale} of {len(documents)} pages{reason}")

    def _add_assets(self, files, config):
        for name in sorted(os.listdir(ASSETS)):
            files.append(File.generated(config, f"assets/kb/{name}", abs_src_path=os.path.join(ASSETS, name)))
        for package, names in VENDOR_FILES.items():
            dist = dist_folder(package, self.root)
            if dist is None:
                self.report(Problem("package.json", 0, f"{package} is not installed (node_modules/{package}): run `make setup`"))
                continue
            for name in names(dist):
                files.append(File.generated(config, f"assets/vendor/{package}/{name}",
                                            abs_src_path=os.path.join(dist, name), inclusion=InclusionLevel.NOT_IN_NAV))

    def _nav(self, files):
        nav = [{"Home": "index.md"}]
        for section in self.knowledge.sections:
            children = [section.index_uri]
            if len(section.notes) <= self.nav_max_notes:
                children += [{escape(note.title): note.src_uri} for note in section.notes]
            nav.append({escape(section.title): children})  # MkDocs' templates print titles as HTML
        nav += [{"Glossary": GLOSSARY_URI}, {"Papers": PAPERS_URI}, {"Tags": TAGS_URI}, {"Graph": GRAPH_URI}]
        known = {"index.md", GLOSSARY_URI, PAPERS_URI, TAGS_URI, GRAPH_URI}
        nav += [file.src_uri for file in files.documentation_pages()
                if file.generated_by is None and file.src_uri not in known]
        return nav

    # --- per page ----------------------------------------------------------
    def start_page(self, markdown, page):
        """Point the linker at this page; fill the home page's statistics."""
        src_uri = page.file.src_uri
        note = self.knowledge.notes_by_uri.get(src_uri)
        display = self.sources[src_uri][0] if src_uri in self.sources else src_uri
        if src_uri in self.listings:
            mode = "off"  # a page of titles and tags: linking there would only add noise to "Mentioned in"
        else:
            mode = note.glossary_links if note and note.glossary_links else self.link_mode
        self.extension.page = PageState(src_path=display, src_uri=src_uri, link_mode=mode,
                                        reading_list=bool(note and note.section == "reading-lists"),
                                        trusted_markup=self.trusted_html and src_uri not in self.from_data)
        title = note.title if note else page.meta.get("title")
        if isinstance(title, str):  # MkDocs' and Material's templates print titles as HTML, unescaped
            page.title = page.meta["title"] = title if isinstance(title, Markup) else escape(title)
        if self.tag_directive and self.tag_directive.search(markdown):
            self.tag_listings.add(src_uri)
        if STATS_MARKER in markdown:
            markdown = markdown.replace(STATS_MARKER, pages.stats_table(self.knowledge))
        return markdown

    def finish_page(self, html, page):
        """Keep what the linker found on this page; report unresolved references with their line.

        A note's HTML gets a marker where `finish_output` puts its connections. The page's
        Markdown is released: MkDocs no longer reads it, and it would stay in memory for the
        whole build ("" rather than None, which `Page.title` takes for "not read yet"). MkDocs
        keeps every page's HTML until all pages are rendered, the build's largest holding, so
        the HTML is held compressed until `restore_page`, except on pages with a tags listing,
        which Material's tags plugin fills in `on_env`.
        """
        page.markdown = ""
        state = self.extension.page
        src_uri = page.file.src_uri
        self.found[src_uri] = state
        page.meta["kb_math"] = state.math  # templates/main.html links KaTeX's stylesheet
        if src_uri == GLOSSARY_URI:
            pages.glossary_toc(page.toc, self.knowledge.glossary)
        problems = ()
        if state.unresolved:
            display, source = self.sources.get(src_uri, (src_uri, lambda: ("", 1)))
            text, first_line = source()  # read only when there is something to find
            problems = tuple(unresolved_problems(display, text, first_line, state.unresolved))
            for problem in problems:
                self.report(problem)
        if self.memory is not None:
            self.memory.pages[src_uri] = rebuild.Built(self.digests[src_uri], page.title, state, problems=problems)
        if src_uri in self.from_data:
            html = sanitize(html)
        if src_uri in self.knowledge.notes_by_uri:
            html += CONNECTIONS_MARKER
        return html if src_uri in self.tag_listings else zlib.compress(html.encode("utf-8"), 1)

    # --- on_page_context ----------------------------------------------------
    def restore_page(self, page):
        """Give a page back the HTML `finish_page` held compressed."""
        if isinstance(page.content, bytes):
            page.content = zlib.decompress(page.content).decode("utf-8")

    # --- on_env: site-wide lists --------------------------------------------
    def fill_site_lists(self, files):
        """Index the site-wide lists (mentions, citations, backlinks, related notes) now that every
        page is rendered; `finish_output` writes them into each page."""
        self.pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page}
        if self.memory is not None:  # pages `--dirty` did not render again: what they held last time
            for uri, page in self.pages.items():
                built = self.memory.pages.get(uri)
                if uri not in self.found and built is not None:
                    self.found[uri] = built.state
                    page.title = built.title  # unread pages have no title; the navigation needs it
                    for problem in built.problems:  # still there: say so in every build, not only the first
                        self.report(problem)
        notes = self.knowledge.notes_by_uri
        self.mentions, self.cited, self.listed = defaultdict(list), defaultdict(list), defaultdict(list)
        for src_uri, state in self.found.items():
            note = notes.get(src_uri)
            if src_uri != GLOSSARY_URI:
                for term_id in state.terms:
                    self.mentions[term_id].append(src_uri)
            if note is not None:
                for key in state.citations:
                    (self.listed if note.section == "reading-lists" else self.cited)[key].append(src_uri)
        self.incoming = connections.backlinks(self.found, notes)
        self.related = connections.related_notes(self.found, notes)

    # --- on_post_page -------------------------------------------------------
    def finish_output(self, output, page):
        """Write the site-wide lists into a page's HTML as it is written, so no page holds them
        for the rest of the build. The page's own HTML, now in `output`, and its table of contents
        are released too: only the page's own rendering reads them."""
        page.content, page.toc = "", []
        src_uri = page.file.src_uri
        self.built.add(src_uri)
        if src_uri not in self.with_lists and src_uri not in self.knowledge.notes_by_uri:
            return output
        shown = {}

        def render(kind, ident):
            shown[kind, ident] = self._site_list(kind, ident, page)
            return shown[kind, ident]

        output = pages.fill_markers(output, render)
        if self.memory is not None:
            built = self.memory.pages[src_uri]
            built.lists, built.markers = rebuild.digest(*shown.values()), tuple(shown)
        return output

    def _link(self, uri, here):
        """(URL relative to page `here`, title) of the page at `uri`."""
        return get_relative_url(self.pages[uri].url, here.url), self.pages[uri].title or uri

    def _links(self, uris, here):
        return sorted((self._link(uri, here) for uri in uris if uri in self.pages), key=lambda pair: pair[1].casefold())

    def _site_list(self, kind, ident, page):
        if kind == "connections":
            return self._connections(page)
        if kind == "mentioned":
            return '<p class="kb-mentioned" data-search-exclude><strong>Mentioned in:</strong></p>' + pages.link_list(
                self._links(self.mentions[ident], page), "Not yet used in any note.")
        if kind == "cited":
            return pages.link_list(self._links(self.cited[ident], page), "No note cites this work yet.")
        if kind == "lists":
            return pages.link_list(self._links(self.listed[ident], page), "Not in any reading list yet.")
        if kind == "graph":
            return pages.graph_view(get_relative_url(GRAPH_JSON, page.url), get_relative_url(GRAPH_LIBRARY, page.url))
        count = len(self.cited[ident]) + len(self.listed[ident])
        return f'<span class="kb-count">{count} citing note{"s" if count != 1 else ""}</span>'

    def _connections(self, page):
        """A note's backlinks, related notes and local graph."""
        uri = page.file.src_uri
        glossary, registry = self.knowledge.glossary, self.knowledge.registry
        back = [(*self._link(source, page), context)
                for source, context in self.incoming.get(uri, []) if source in self.pages]
        near = [(*self._link(item.uri, page), [glossary.by_id[t].term for t in item.terms],
                 [registry.get(k).citation_label for k in item.works])
                for item in self.related.get(uri, []) if item.uri in self.pages]
        return pages.connections(back, near, f"note:{uri}", get_relative_url(GRAPH_JSON, page.url),
                                 get_relative_url(GRAPH_LIBRARY, page.url))

    # --- on_post_build ------------------------------------------------------
    def finish_build(self, config):
        """Write graph.json and the search index; under `--dirty`, bring the pages and search entries
        not rendered again up to date."""
        self._write_graph(config.site_dir)
        if self.memory is not None:
            self._patch_reused_pages()
            for path in self.memory.forget_removed_pages({page.file.abs_dest_path for page in self.pages.values()}):
                if os.path.isfile(path):
                    os.remove(path)
        search = config.plugins.get("material/search")
        if search is not None and search.config.enabled:
            take_over_search_index(search, config.site_dir, self._search_entries(search.search_index.entries))

    def _write_graph(self, site_dir):
        """Write graph.json: every note, term and work, and how they connect."""
        nodes = connections.graph_nodes(self.knowledge, lambda uri: self.pages[uri].url if uri in self.pages else "")
        edges = connections.graph_edges(self.knowledge, self.found)
        with open(os.path.join(site_dir, GRAPH_JSON), "w", encoding="utf-8") as handle:
            connections.write_graph(handle, nodes, edges)

    def _patch_reused_pages(self):
        """Rewrite the site-wide lists in pages `--dirty` reused, where those lists changed."""
        patched = 0
        for uri, page in self.pages.items():
            built = self.memory.pages.get(uri)
            if uri in self.built or built is None or not built.markers:
                continue
            shown = {marker: self._site_list(*marker, page) for marker in built.markers}
            lists = rebuild.digest(*shown.values())
            if lists == built.lists:
                continue
            with open(page.file.abs_dest_path, encoding="utf-8") as handle:
                output = handle.read()
            with open(page.file.abs_dest_path, "w", encoding="utf-8") as handle:
                handle.write(pages.refill_markers(output, lambda kind, ident: shown[(kind, ident)]))
            built.lists = lists
            patched += 1
        if patched:
            self.log.info(f"--dirty: updated the backlinks and lists of {patched} more pages")

    def _search_entries(self, entries: list) -> list:
        """The search entries of this build; under `--dirty`, first those of the pages not rendered
        again, from the last build. (Material's own `--dirty` merge assumes one page was rebuilt.)"""
        if self.memory is None:
            return entries
        reused = {page.url for uri, page in self.pages.items() if uri not in self.built}
        kept = [entry for entry in self.memory.search_entries if entry["location"].split("#", 1)[0] in reused]
        self.memory.search_entries = kept + entries
        return self.memory.search_entries


def theme_problems(config, notes) -> list:
    """Notes whose front matter names a template or icon the theme does not have."""
    problems = []
    env = config.theme.get_env() if any(note.template for note in notes) else None
    for note in notes:
        if note.template:
            try:
                env.get_template(note.template)
            except Exception:  # jinja2 raises TemplateNotFound, or a syntax error for a file that is no template
                problems.append(Problem(note.path, note.template_line, f"front matter: template '{note.template}' is not in the theme"))
        if note.icon and not any(os.path.isfile(os.path.join(folder, ".icons", f"{note.icon}.svg")) for folder in config.theme.dirs):
            problems.append(Problem(note.path, note.icon_line, f"front matter: icon '{note.icon}' is not one of the theme's icons"))
    return problems


def _glossary_first(files: Files) -> Files:
    """`files` with the glossary page first, so MkDocs builds it first. Its HTML is the site's
    largest (every term's "Mentioned in" list: 6.5 MB at 1,000 terms and 2,000 notes), and built
    before the other pages' search entries pile up it adds about 9 MB less to the build's peak memory.
    The order of pages in the nav is set apart from this (`config.nav`)."""
    glossary = files.get_file_from_path(GLOSSARY_URI)
    if glossary is None:
        return files
    return Files([glossary, *(file for file in files if file is not glossary)])


def _line_of_key(config_file: str | None, key: str) -> int:
    """The line of `key:` in mkdocs.yml (MkDocs keeps no lines of its configuration), or 0."""
    for number, line in enumerate(_read(config_file or "").splitlines(), 1):
        if line.strip().startswith(f"{key}:"):
            return number
    return 0


def _read(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except FileNotFoundError:
        return ""
