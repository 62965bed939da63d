"""Site search with Pagefind: one search record per note, work and glossary term, indexed at the
end of the build into `pagefind/` in the site, which the browser fetches chunk by chunk.

Each record is a small HTML document written to a staging folder as its page is written: a note's
own content (the `<article>`, before the site-wide lists are filled in), a work's title, authors,
year, venue and summary (not the page's "Source:" line), a term's name, aliases and definition.
Records carry Pagefind meta (what the results panel shows: kind, section, the first author, a
term's `short` definition) and filters (kind, section, tag), and weight their parts for ranking
(see `WEIGHTS`). Pagefind's command then indexes the folder, reading the records itself on every
core, and exits once every file is written. (Its Python API's service is not used: closing it waits
at most 5 s for the binary's replies and then stops it, which on a loaded machine at 5,000 notes
left the bundle cut short, with no WebAssembly and a truncated pagefind.js.)
"""
from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from markupsafe import Markup

from .glossary import plain_text
from . import urls
from .problems import Problem

INDEX_TIMEOUT_S = 1800  # far above a 5,000-note site's indexing (benchmarks/README.md): only a hung binary reaches it
BUNDLE_DIR = "pagefind"  # in the site: Pagefind's index, its JS API and pagefind-highlight.js
# Pagefind's ready-made search UIs, which it writes too; the site's own box (assets/search.js) uses its API
UNUSED = [f"pagefind-{ui}.{ext}" for ui in ("ui", "modular-ui", "component-ui") for ext in ("js", "css")]
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
# Parts of a page that are not its content: navigation, permalinks, the tags bar (tags are given
# their own weight), KaTeX's MathML copy of each formula (with its TeX; the formula is indexed once,
# as shown), and the generated lists marked for exclusion.
EXCLUDE = ["[data-search-exclude]", ".headerlink", ".md-content__button", ".md-tags", ".md-source-file",
           ".katex-mathml", ".kb-connections", ".kb-az", "script", "style"]
# data-pagefind-weight of the parts of a record (1 is body text; Pagefind squares weights, and an
# `h1` counts 7). A work's summary counts less than a note's prose, so a topical query ranks the
# notes on it above the works they cite; its authors and year count like a heading, so "Bai 2022"
# or "Christiano" finds the works; aliases count like the term's name; tags help a little.
WEIGHTS = {"paper_title": 2.0, "paper_authors": 3.0, "paper_facts": 2.0, "paper_summary": 0.3,
           "term_name": 7.0, "term_aliases": 7.0, "term_definition": 0.7, "tags": 1.5}


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def _tagged(kind: str, section: str, tags: list, meta: dict) -> str:
    """Hidden elements that give a record its Pagefind meta and filters (kind, section, tags)."""
    spans = [f'<span data-pagefind-filter="kind:{kind}"></span>']
    if section:
        spans.append(f'<span data-pagefind-filter="section:{_attribute(section)}"></span>')
    spans += [f'<span data-pagefind-filter="tag:{_attribute(tag)}"></span>' for tag in tags]
    spans += [f'<span data-pagefind-meta="{name}:{_attribute(value)}"></span>'
              for name, value in {"kind": kind, "section": section, **meta}.items() if value]
    return f'<div data-pagefind-ignore>{"".join(spans)}</div>'


def _document(title: str, body: str, language: str) -> str:
    return (f'<!DOCTYPE html><html lang="{_attribute(language)}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body>{body}</body></html>")


def _tags_line(tags: list) -> str:
    if not tags:
        return ""
    return f'<p data-pagefind-weight="{WEIGHTS["tags"]}">{html.escape(" ".join(tags))}</p>'


def page_record(page_html: str, title: str, section: str, tags: list, language: str) -> str | None:
    """A note's (or a section index's) record: its article, with meta and filters; None if the
    page has no Material article."""
    match = ARTICLE.search(page_html)
    if match is None:
        return None
    body = _tagged("note", section, tags, {}) + match.group(1) + _tags_line(tags)
    return _document(title, body, language)


def paper_record(paper, language: str) -> str:
    """A work's record: title, authors, year, kind, venue and summary; shown as
    "title · first author et al. · year · kind"."""
    facts = " · ".join(str(part) for part in (paper.year, paper.kind, paper.venue) if part)
    body = (_tagged("paper", "", paper.tags, {"title": paper.title, "authors": paper.short_authors,
                                              "year": str(paper.year), "work": paper.kind})
            + f'<h1 data-pagefind-weight="{WEIGHTS["paper_title"]}">{html.escape(paper.title)}</h1>'
            + f'<p data-pagefind-weight="{WEIGHTS["paper_authors"]}">{html.escape(paper.author_list)}</p>'
            + f'<p data-pagefind-weight="{WEIGHTS["paper_facts"]}">{html.escape(facts)}</p>'
            + (f'<p data-pagefind-weight="{WEIGHTS["paper_summary"]}">{html.escape(plain_text(paper.summary))}</p>'
               if paper.summary else "")
            + _tags_line(paper.tags))
    return _document(paper.title, body, language)


def term_record(term, link: str, language: str) -> str:
    """A glossary term's record, linking to its entry: name, aliases and definition. Its meta
    `forms` (the name and aliases, as JSON) lets the results panel recognise a query that names
    the term, and `short` is the definition shown in the card."""
    aliases = ", ".join(term.aliases)
    body = (_tagged("definition", "", term.tags, {"title": term.term, "short": term.tooltip, "link": link,
                                                  "aliases": aliases, "forms": json.dumps(term.forms)})
            + f'<h1 data-pagefind-weight="{WEIGHTS["term_name"]}">{html.escape(term.term)}</h1>'
            + (f'<p data-pagefind-weight="{WEIGHTS["term_aliases"]}">{html.escape(aliases)}</p>' if aliases else "")
            + f'<p data-pagefind-weight="{WEIGHTS["term_definition"]}">{html.escape(plain_text(term.definition))}</p>'
            + _tags_line(term.tags))
    return _document(term.term, body, language)


class SearchRecords:
    """The staging folder of a site's search records, one HTML file per record at the path that
    gives Pagefind the record's URL (a term's record is under `_terms/`; its meta `link` is the
    glossary anchor the results panel links to). Under `--dirty` it outlives a build: the records
    of the pages not rendered again are kept, those of pages gone are dropped (`keep_only`)."""

    def __init__(self, folder: str | None = None):
        self._folder = folder  # made on first use: `kb check` makes a site but writes no records
        self.files: dict = {}  # src_uri of a page -> the record files it gave

    @property
    def folder(self) -> str:
        if self._folder is None:
            self._folder = tempfile.mkdtemp(prefix="kb-search-")
        return self._folder

    def write(self, src_uri: str, records: list) -> None:
        """Replace the records of page `src_uri` with `records`: (url, html) pairs."""
        self._drop(src_uri)
        paths = self.files[src_uri] = []
        for url, record in records:
            parts = url.strip("/").split("/")
            path = os.path.join(self.folder, *(parts if url.endswith(".html") else [*parts, "index.html"]))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(record)
            paths.append(path)

    def keep_only(self, src_uris: set) -> None:
        """Drop the records of the pages not in `src_uris` (deleted or renamed since the last build)."""
        for src_uri in set(self.files) - src_uris:
            self._drop(src_uri)

    def _drop(self, src_uri: str) -> None:
        for path in self.files.pop(src_uri, []):
            with contextlib.suppress(FileNotFoundError):
                os.remove(path)

    def remove(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)

    def index(self, site_dir: str, language: str) -> int:
        """Index every record into `site_dir/pagefind` with Pagefind's command (one process that
        exits when every file is written); returns the number of records indexed."""
        output = os.path.join(os.path.abspath(site_dir), BUNDLE_DIR)
        shutil.rmtree(output, ignore_errors=True)  # a rebuild's bundle replaces the last one whole
        command = [sys.executable, "-m", "pagefind", "--site", self.folder, "--output-path", output,
                   "--force-language", language, "--quiet"]
        for selector in EXCLUDE:
            command += ["--exclude-selectors", selector]
        done = subprocess.run(command, capture_output=True, text=True, timeout=INDEX_TIMEOUT_S)
        if done.returncode != 0:
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise RuntimeError(lines[-1] if lines else f"exit status {done.returncode}")
        for name in UNUSED:
            with contextlib.suppress(FileNotFoundError):
                os.remove(os.path.join(output, name))
        return sum(len(paths) for paths in self.files.values())


def text_title(title) -> str:
    """A page title as plain text: the site keeps titles as escaped `Markup` for its templates."""
    return title.unescape() if isinstance(title, Markup) else str(title)


class SearchIndex:
    """The site's search, as one collaborator of the build: `page_written` as each page is written,
    `finish` when the build is done. Off when the site configures Material's own (lunr) search
    plugin, which then indexes the pages itself.

    `listings` are the pages of titles (papers, tags, graph), left out: they would match every
    query; `glossary_uri` is the page whose writing gives every term's record.
    """

    def __init__(self, config, knowledge, memory, log, report: Callable[[Problem], None],
                 listings: set, glossary_uri: str):
        self.log, self.report, self.memory = log, report, memory
        self.knowledge, self.listings, self.glossary_uri = knowledge, listings, glossary_uri
        self.language = config.theme["language"] or "en"
        self.papers_by_uri = {urls.paper(key): paper for key, paper in knowledge.registry.papers.items()}
        self.section_of = {uri: section for section in knowledge.sections  # a section's index and notes
                           for uri in (section.index_uri, *(note.src_uri for note in section.notes))}
        self.records = None
        if config.plugins.get("material/search") is None:  # under `--dirty` the records of pages not rendered again are kept from the last build
            self.records = SearchRecords() if memory is None else (memory.search_records or SearchRecords())
            if memory is not None:
                memory.search_records = self.records

    def page_written(self, page, output: str) -> None:
        """Stage the records of a page being written: a note, a section index or a page of docs/
        is a note; a work's page gives its work; the glossary gives every term."""
        if self.records is None:
            return
        src_uri = page.file.src_uri
        if src_uri == self.glossary_uri:
            records = [(f"_terms/{term.id}/", term_record(term, f"{page.url}#{term.id}", self.language))
                       for term in self.knowledge.glossary.terms]
        elif src_uri in self.papers_by_uri:
            records = [(page.url, paper_record(self.papers_by_uri[src_uri], self.language))]
        elif src_uri in self.listings:
            return
        else:
            note = self.knowledge.notes_by_uri.get(src_uri)
            section = self.section_of.get(src_uri)
            record = page_record(output, text_title(page.title or src_uri), section.title if section else "",
                                 note.tags if note else [], self.language)
            records = [(page.url, record)] if record is not None else []
        self.records.write(src_uri, records)

    def finish(self, site_dir: str, src_uris: set) -> None:
        """Index the records of the site's pages (`src_uris`) into `site_dir/pagefind`."""
        if self.records is None:
            return
        started = time.perf_counter()
        self.records.keep_only(src_uris)
        try:
            count = self.records.index(site_dir, self.language)
        except Exception as error:  # the Pagefind binary failed or is missing: the site has no search
            self.report(Problem("mkdocs.yml", 0, f"search: Pagefind could not index the site: {error}"))
            return
        finally:
            if self.memory is None:
                self.records.remove()
        self.log.info(f"search: Pagefind indexed {count} records in {time.perf_counter() - started:.2f} s")
