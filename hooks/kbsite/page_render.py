"""One page through the linker: its context before Markdown, its findings and problems after.
The build and `kb check` render every page through this."""
from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from . import markers, page_title, pages, urls
from .html_safety import sanitize
from .knowledge import Knowledge
from .linker import KnowledgeExtension
from .page_state import PageContext, PageFindings
from .problems import Problem, unresolved_problems
from .site_files import SiteFiles


class PageRenderer:
    def __init__(self, knowledge: Knowledge, extension: KnowledgeExtension, files: SiteFiles, options,
                 report: Callable[[Problem], None]):
        self.knowledge, self.extension, self.files, self.options, self.report = knowledge, extension, files, options, report
        self.found: dict[str, PageFindings] = {}  # src_uri -> what the linker found on the page
        self.listings = {urls.PAPERS, urls.TAGS, urls.GRAPH} | {section.index_uri for section in knowledge.sections}
        self.from_data = {urls.GLOSSARY} | {urls.paper(key) for key in knowledge.registry.papers}  # Markdown from YAML
        self.descriptions = {note.src_uri: note.summary for note in knowledge.notes}  # a page's own, else the site's
        self.descriptions |= {urls.paper(key): f"{paper.short_author_list} ({paper.year}): {paper.title}"
                              for key, paper in knowledge.registry.papers.items()}

    def start(self, markdown: str, page) -> str:
        """Point the linker at this page, give it its escaped title; fill the home page's statistics."""
        src_uri = page.file.src_uri
        note = self.knowledge.notes_by_uri.get(src_uri)
        if src_uri in self.listings:
            mode = "off"  # a page of titles and tags: linking there would only add noise to "Mentioned in"
        else:
            mode = note.glossary_links if note and note.glossary_links else self.options.glossary_links
        self.extension.begin_page(PageContext(
            src_uri=src_uri, link_mode=mode,
            reading_list=bool(note and note.section in self.options.reading_lists),
            trusted_markup=self.options.trusted_html and src_uri not in self.from_data))
        title = note.title if note else page.meta.get("title")
        if isinstance(title, str):  # MkDocs' and Material's templates print titles as HTML, unescaped
            page.title = page.meta["title"] = title if isinstance(title, Markup) else escape(title)
        description = self.descriptions.get(src_uri)
        if description:  # Material's <meta name="description">, and the template's og:description
            page.meta["description"] = escape(description)
        if note is not None:  # the summary leads the note, and so Material's instant preview of a link to it
            markdown = f"{pages.text(note.summary)}\n{{: .kb-summary .kb-nolink }}\n\n{markdown}"
        if markers.STATS in markdown:
            markdown = markdown.replace(markers.STATS, pages.stats_table(self.knowledge))
        return markdown

    def finish(self, html: str, page) -> tuple[str, tuple[Problem, ...]]:
        """Keep what the linker found; report unresolved references with their line. Pages made from
        YAML are sanitised; a note gets the marker of its connections."""
        html = page_title.lead_with_title(html, page)
        findings = self.extension.findings
        src_uri = page.file.src_uri
        self.found[src_uri] = findings
        page.meta["kb_math"] = findings.math  # templates/main.html links KaTeX's stylesheet
        if src_uri == urls.GLOSSARY:
            pages.glossary_toc(page.toc, self.knowledge.glossary)
        problems: tuple[Problem, ...] = ()
        if findings.unresolved:
            display, source = self.files.source(src_uri)
            text, first_line = source()  # read only when there is something to find
            problems = tuple(unresolved_problems(display, text, first_line, findings.unresolved))
            for problem in problems:
                self.report(problem)
        if src_uri in self.from_data:
            html = sanitize(html)
        if src_uri in self.knowledge.notes_by_uri:
            html += markers.marker("connections", src_uri)
        return html, problems
