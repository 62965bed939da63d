"""The site's files: the generated pages (notes, section indexes, glossary, papers, tags, graph),
the assets it serves, and the navigation."""
from __future__ import annotations

import functools
import os
from collections.abc import Callable

from markupsafe import escape
from mkdocs.structure.files import File, Files, InclusionLevel

from . import pages, urls, vendor
from .knowledge import GLOSSARY_FILE, PAPERS_FILE, Knowledge
from .problems import Problem
from .rebuild import SiteFile  # a page the dirty-build policy marks fresh or stale
from .textfile import read_text

ASSETS = os.path.join(os.path.dirname(__file__), "assets")
Source = Callable[[], tuple[str, int]]  # (the page's source text, the line of the file it starts at)


class SiteFiles:
    """Adds the knowledge base's pages and assets to MkDocs' files and remembers where each page's
    source is, so a problem found while rendering it can name its file and line."""

    def __init__(self, knowledge: Knowledge, nav_max_notes: int, report: Callable[[Problem], None]):
        self.knowledge, self.nav_max_notes, self.report = knowledge, nav_max_notes, report
        self.sources: dict[str, tuple[str, Source]] = {}  # src_uri -> (path shown in messages, source)

    def source(self, src_uri: str) -> tuple[str, Source]:
        return self.sources.get(src_uri, (src_uri, lambda: ("", 1)))

    def add(self, files: Files, config) -> Files:
        """Mount notes, generate index, glossary, paper, tag and graph pages, add assets, set the nav."""
        root = self.knowledge.root
        for file in files.documentation_pages():
            file.edit_uri = f"{os.path.relpath(config.docs_dir, root)}/{file.src_uri}".replace(os.sep, "/")
            self.sources[file.src_uri] = (file.edit_uri, lambda file=file: (file.content_string, 1))
        generate = functools.partial(self._generate, files, config)
        for section in self.knowledge.sections:
            generate(section.index_uri, pages.section_index(section), section.intro_path,
                     source=lambda section=section: (section.intro, section.intro_line))
            listed = len(section.notes) <= self.nav_max_notes
            for note in section.notes:
                generate(note.src_uri, None, note.path, source=lambda note=note: (note.read_body(), note.body_line),
                         in_nav=listed, abs_src_path=os.path.join(root, note.path))
        generate(urls.GLOSSARY, pages.glossary_page(self.knowledge.glossary), GLOSSARY_FILE,
                 source=lambda: (_read(os.path.join(root, GLOSSARY_FILE)), 1))
        generate(urls.PAPERS, pages.papers_index(self.knowledge.registry), PAPERS_FILE)
        papers_lines = functools.lru_cache(maxsize=1)(lambda: _read(os.path.join(root, PAPERS_FILE)).split("\n"))
        for paper in self.knowledge.registry.papers.values():
            generate(urls.paper(paper.key), pages.paper_page(paper, self.knowledge.glossary), PAPERS_FILE, in_nav=False,
                     source=lambda paper=paper: ("\n".join(papers_lines()[paper.line - 1:paper.end_line or None]), paper.line))
        generate(urls.TAGS, pages.tags_page())
        generate(urls.GRAPH, pages.graph_page())
        self._add_assets(files, config)
        config.nav = self._nav(files)
        return files

    def _generate(self, files: Files, config, src_uri: str, content: str | None, edit: str | None = None,
                  source: Source | None = None, in_nav: bool = True, abs_src_path: str | None = None) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            other = "a generated page" if existing.generated_by else f"docs/{src_uri}"
            self.report(Problem(edit or src_uri, 1, f"its page {src_uri} clashes with {other}; rename one"))
            return
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        file = SiteFile.generated(config, src_uri, content=content, abs_src_path=abs_src_path, inclusion=inclusion)
        file.edit_uri = edit
        files.append(file)
        self.sources[src_uri] = (edit or src_uri, source or (lambda: ("", 1)))

    def _add_assets(self, files: Files, config) -> None:
        for name in sorted(os.listdir(ASSETS)):
            files.append(File.generated(config, f"{urls.ASSETS}/{name}", abs_src_path=os.path.join(ASSETS, name)))
        copied = vendor.vendored()
        for package in vendor.FILES:
            if package not in copied:
                self.report(Problem("package.json", 0, f"{package} is not in the kbsite package: run `make setup`"))
            for name in copied.get(package, []):
                if (package, name) in vendor.BUILD_ONLY:
                    continue
                files.append(File.generated(config, f"{urls.VENDOR}/{package}/{name}", inclusion=InclusionLevel.NOT_IN_NAV,
                                            abs_src_path=os.path.join(vendor.VENDOR_DIR, package, name)))

    def _nav(self, files: Files) -> list:
        """Home, the sections in reading order with their notes, the site-wide pages, then docs/ pages."""
        nav: list = [{"Home": urls.HOME}]
        for section in self.knowledge.sections:
            children: list = [section.index_uri]
            if len(section.notes) <= self.nav_max_notes:
                children += [{escape(note.title): note.src_uri} for note in section.notes]
            nav.append({escape(section.title): children})  # MkDocs' templates print titles as HTML
        nav += [{"Glossary": urls.GLOSSARY}, {"Papers": urls.PAPERS}, {"Tags": urls.TAGS}, {"Graph": urls.GRAPH}]
        known = {urls.HOME, urls.GLOSSARY, urls.PAPERS, urls.TAGS, urls.GRAPH}
        nav += [file.src_uri for file in files.documentation_pages()
                if file.generated_by is None and file.src_uri not in known]
        return nav


def theme_problems(config, notes) -> list[Problem]:
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


def _read(path: str) -> str:
    text, _problems = read_text(path, path)  # the knowledge file's own problems were reported when it was loaded
    return text or ""
