"""Markdown for the generated pages: section indexes, the glossary, the paper pages.

Site-wide lists that need every page rendered first ("Mentioned in", "Cited in")
are left as markers (`markers`), filled once every page is rendered.
"""
from __future__ import annotations

import html
import re
import string
from collections import defaultdict
from urllib.parse import quote

import yaml
from markupsafe import escape
from mkdocs.structure.toc import AnchorLink

from . import markers, urls
from .glossary import plain_text

_MARKDOWN_CHARS = re.compile(r"[\\`*_\[\]$~^{}|]")
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter where PyYAML has it: the same YAML, faster


def text(value: str) -> str:
    """Plain text made safe to place inline in Markdown (no HTML, emphasis, links or math).

    Markdown's own characters become character references, not backslash escapes: `\\[` would
    start display math for python-markdown-math."""
    return _MARKDOWN_CHARS.sub(lambda match: f"&#{ord(match.group())};", html.escape(" ".join(str(value).split()), quote=False))


def front_matter(**fields) -> str:
    """A YAML front-matter block (the title as text: the site escapes every page's title once)."""
    return "---\n" + yaml.dump({k: v for k, v in fields.items() if v}, Dumper=_DUMPER, allow_unicode=True) + "---\n\n"


def section_index(section) -> str:
    """The index page of a section: intro, then each note's title and summary."""
    lines = [front_matter(title=section.title), section.intro, ""]
    if not section.notes:
        lines.append("*No notes in this section yet.*")
    for note in section.notes:
        lines.append(f"- [{text(note.title)}]({urls.relative(section.index_uri, note.src_uri)}) — {text(note.summary)}")
    return "\n".join(lines) + "\n"


def glossary_page(glossary) -> str:
    """The glossary: an A-Z bar, then a heading and the definition of every term.

    The rest of each entry (aliases, see also, papers, tags, "Mentioned in") is added in the
    element tree by `glossary_entries`, which recognises the headings by their ids.
    """
    terms = glossary.in_order
    first_by_letter = dict(glossary_letters(glossary))
    bar = []
    for letter in list(string.ascii_uppercase) + (["#"] if "#" in first_by_letter else []):
        if letter in first_by_letter:
            bar.append(f'<a href="#{first_by_letter[letter]}">{letter}</a>')
        else:
            bar.append(f'<span class="kb-az__off">{letter}</span>')
    out = [front_matter(title="Glossary"), "# Glossary", "",
           f"{len(terms)} terms. Each links to the pages that use it; hover a linked term anywhere on the site to read its definition.",
           "", f'<nav class="kb-az" aria-label="Jump to letter">{" ".join(bar)}</nav>', ""]
    for term in terms:
        out += [f"## {text(term.heading)} {{#{term.id}}}", "", term.definition, ""]
    return "\n".join(out)


def glossary_letters(glossary) -> list:
    """(initial, id of the first term under it) in A-Z order, then "#" for terms not starting with a letter."""
    first_by_letter = {}
    for term in glossary.in_order:
        letter = term.term[:1].upper()
        first_by_letter.setdefault(letter if letter in string.ascii_uppercase else "#", term.id)
    return sorted(first_by_letter.items(), key=lambda item: (item[0] == "#", item[0]))


def glossary_toc(toc, glossary):
    """Give the glossary's table of contents a line per initial instead of a line per term.

    A line per term is thousands of lines no reader scans, and Material's search looks up
    every section's heading in the TOC with a linear scan: quadratic in the number of terms.
    """
    for title in toc:  # the page's h1
        title.children = [AnchorLink(letter, term_id, 2) for letter, term_id in glossary_letters(glossary)]


def papers_index(registry) -> str:
    """Every work grouped by year (newest first), with kind, tags and citing-note count."""
    by_year = defaultdict(list)
    for paper in registry.papers.values():
        by_year[paper.year].append(paper)
    out = [front_matter(title="Papers"), "# Papers", "",
           f"{len(registry)} works cited across the knowledge base. Filter by tag:", "",
           '<div class="kb-tag-filter" data-kb-tag-filter></div>', ""]
    for year in sorted(by_year, reverse=True):
        out += [f"## {year}", ""]
        for paper in sorted(by_year[year], key=lambda p: p.title.casefold()):
            tags = " ".join(paper.tags)
            tag_text = f" · {', '.join(text(tag) for tag in paper.tags)}" if paper.tags else ""
            out.append(f"- [{text(paper.title)}]({urls.relative(urls.PAPERS, urls.paper(paper.key))}) — {text(paper.short_authors)} · {paper.kind}"
                       f"{tag_text} · {markers.marker('count', paper.key)}"
                       + (f'\n    {{: data-tags="{html.escape(tags)}" }}' if tags else ""))
        out.append("")
    return "\n".join(out)


def paper_page(paper, glossary) -> str:
    """One work: metadata, summary, citing notes, glossary terms and reading lists."""
    facts = [f"**Authors:** {text(paper.author_list)}",
             f"**Year:** {paper.year} · **Kind:** {paper.kind}" + (f" · **Venue:** {text(paper.venue)}" if paper.venue else ""),
             f"**Source:** <{html.escape(paper.url)}>" if paper.url.startswith(("http://", "https://")) else ""]
    if paper.arxiv:
        facts.append(f"**arXiv:** [{paper.arxiv}](https://arxiv.org/abs/{paper.arxiv})")
    if paper.doi:
        facts.append(f"**DOI:** [{text(paper.doi)}](https://doi.org/{quote(paper.doi, safe='/')})")
    if paper.tags:
        facts.append("**Tags:** " + ", ".join(text(tag) for tag in paper.tags))
    terms = glossary.by_paper.get(paper.key, [])
    out = [front_matter(title=paper.title), f"# {text(paper.title)}", "",
           '<div class="kb-paper-meta" markdown>', "", "  \n".join(fact for fact in facts if fact), "", "</div>", ""]
    if paper.summary:
        out += [paper.summary, ""]
    # "Cited in" and "In reading lists" are filled after search has indexed the page: without
    # the exclusion each would be an empty search result per work.
    out += ["## Cited in { data-search-exclude }", "", markers.marker("cited", paper.key), "", "## Glossary terms", ""]
    out += [f"- [{text(term.term)}]({urls.relative(urls.paper(paper.key), urls.term(term.id))})" for term in terms] or ["*No glossary term lists this work.*"]
    out += ["", "## In reading lists { data-search-exclude }", "", markers.marker("lists", paper.key), ""]
    return "\n".join(out)


def stats_table(knowledge) -> str:
    """The home page's sections, in reading order: each with its count of notes and the first paragraph
    of its introduction; then the totals."""
    out = []
    for section in knowledge.sections:
        count = len(section.notes)
        lead = plain_text(section.intro.strip().split("\n\n")[0])  # as text: its links are checked on the section's page
        out += [f"### [{text(section.title)}]({section.index_uri})", "",
                f"*{count} note{'s' if count != 1 else ''}.* " + text(lead), ""]
    out += [f"**{len(knowledge.notes)} notes**, **[{len(knowledge.glossary)} glossary terms]({urls.GLOSSARY})** and "
            f"**[{len(knowledge.registry)} papers]({urls.PAPERS})** in all."]
    return "\n".join(out)


def link_list(links, empty: str) -> str:
    """An HTML list of (url, title) links, or an italic `empty` line; both left out of search.

    Titles are escaped with markupsafe, which leaves a page title (already `Markup`) as it is."""
    if not links:
        return f"<p data-search-exclude><em>{escape(empty)}</em></p>"
    items = "".join(f'<li><a href="{escape(url)}">{escape(title)}</a></li>' for url, title in links)
    return f'<ul class="kb-link-list" data-search-exclude>{items}</ul>'


def tags_page() -> str:
    """The tags page: notes by tag (Material's tags plugin fills its listing), then works by tag."""
    return (front_matter(title="Tags") + "# Tags\n\nNotes by tag first; the works of the registry by tag follow them.\n\n"
            f"<!-- material/tags -->\n\n## Works by tag {{ #works-by-tag }}\n\n{markers.marker('worktags', 'all')}\n")


def path_list(items: list[tuple[str, str, str]], path: tuple[str, str] | None) -> str:
    """The "Start here" path: (url, title, summary) of each note in order, and a link to the path note."""
    if not items:
        return "<p><em>No “Start here” path yet.</em></p>"
    entries = "".join(f'<li><a href="{escape(url)}">{escape(title)}</a> — {html.escape(summary)}</li>' for url, title, summary in items)
    more = f'<p><a href="{escape(path[0])}">Why this order: {escape(path[1])}</a></p>' if path else ""
    return f'<ol class="kb-path">{entries}</ol>{more}'


def dated_list(items: list[tuple[str, str, str]], empty: str) -> str:
    """(date, url, title) items as a list, each with its date; left out of search."""
    if not items:
        return f"<p data-search-exclude><em>{escape(empty)}</em></p>"
    entries = "".join(f'<li><time datetime="{escape(date)}">{escape(date)}</time> <a href="{escape(url)}">{escape(title)}</a></li>'
                      for date, url, title in items)
    return f'<ul class="kb-recent" data-search-exclude>{entries}</ul>'


def grouped_links(groups: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """Lists of (url, title) links under a heading each (a tag), left out of search."""
    if not groups:
        return "<p><em>No work has tags yet.</em></p>"
    out = []
    for name, links in groups:
        out.append(f'<p class="kb-group__title" role="heading" aria-level="3">{escape(name)}</p>' + link_list(links, ""))
    return '<div class="kb-groups" data-search-exclude>' + "".join(out) + "</div>"


def graph_page() -> str:
    """The /graph/ page; the view itself is filled in once URLs are known."""
    return (front_matter(title="Graph", hide=["toc"]) + "# Knowledge graph\n\n"
            "Notes, glossary terms and works, and how they connect: a note *links* to a note, *mentions* "
            "a term and *cites* a work. Drag to move, scroll to zoom, hover to highlight neighbours, "
            "click to open. The same connections are listed as text below the graph.\n\n"
            f"{markers.marker('graph', 'site')}\n")


def graph_view(data_url: str, library_url: str, focus: str = "") -> str:
    """The element kb.js turns into an interactive graph (the whole site, or around `focus`)."""
    attributes = f'data-kb-graph="{html.escape(data_url)}" data-kb-graph-library="{html.escape(library_url)}"'
    if focus:
        return f'<div class="kb-graph kb-graph--local" {attributes} data-kb-focus="{html.escape(focus)}"></div>'
    return (f'<div class="kb-graph" {attributes}></div>\n<p>The same data, for other tools: '
            f'<a href="{html.escape(data_url)}" download>graph.json</a>.</p>')


def _section_title(anchor: str, title: str) -> str:
    """A heading for generated lists that search does not index as a section of its own.

    (Material's search parser starts a section at every `h2` and fails on one inside an
    excluded block, so these are `p` elements with the heading role.)
    """
    return f'<p class="kb-connections__title" id="{anchor}" role="heading" aria-level="2">{html.escape(title)}</p>'


GRAPH_ICON = ('<svg class="kb-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M17 14a3 3 0 0 0-2.4 '
              '1.2l-5.7-2.8a3 3 0 0 0 0-.8l5.7-2.8A3 3 0 1 0 14 7c0 .3 0 .5.1.8L8.4 10.6a3 3 0 1 0 0 2.8l5.7 2.8-.1.8a3 3 0 '
              '1 0 3-3z"/></svg>')


def shared_summary(terms: list[str], works: list[str]) -> str:
    """What two notes share, briefly: counts, and the first two items of each kind."""
    parts = []
    for items, one, many in ((terms, "term", "terms"), (works, "work", "works")):
        if items:
            shown = "; ".join(items[:2]) + ("; …" if len(items) > 2 else "")  # "; ": a work's label has a comma
            parts.append(f"{len(items)} {one if len(items) == 1 else many} ({shown})")
    return "shares " + " and ".join(parts)


def path_nav(position: int, total: int, previous: tuple[str, str] | None, following: tuple[str, str] | None,
             path: tuple[str, str]) -> str:
    """Previous and next along the "Start here" path: (url, title) pairs; `path` is the path note."""
    out = ['<nav class="kb-path-nav" aria-label="Start here path" data-search-exclude>',
           f'<p><a href="{escape(path[0])}">{escape(path[1])}</a>: step {position} of {total}</p>']
    if previous:
        out.append(f'<a class="kb-path-nav__previous" href="{escape(previous[0])}" rel="prev">← {escape(previous[1])}</a>')
    if following:
        out.append(f'<a class="kb-path-nav__next" href="{escape(following[0])}" rel="next">{escape(following[1])} →</a>')
    return "".join(out) + "</nav>"


def connections(backlinks, related, focus: str, data_url: str, library_url: str, path: str = "") -> str:
    """The end of a note: its place on the "Start here" path, "Linked from" with the linking phrase
    marked, "Related notes" with what they share (each left out when empty), and the local graph."""
    out = ['<div class="kb-connections">', path]
    if backlinks:
        out += [_section_title("linked-from", "Linked from"), '<ul class="kb-backlinks" data-search-exclude>']
        for url, title, context in backlinks:
            quote = (f'<div class="kb-backlinks__context">{html.escape(context.before)}<mark>{html.escape(context.phrase)}</mark>'
                     f'{html.escape(context.after)}</div>') if context.phrase else ""
            out.append(f'<li><a href="{escape(url)}">{escape(title)}</a>{quote}</li>')
        out.append("</ul>")
    if related:
        out += [_section_title("related-notes", "Related notes"), '<ul class="kb-related" data-search-exclude>']
        for url, title, terms, works in related:
            out.append(f'<li><a href="{escape(url)}">{escape(title)}</a> '
                       f'<span class="kb-related__shared">{html.escape(shared_summary(terms, works))}</span></li>')
        out.append("</ul>")
    out += [_section_title("local-graph", "Local graph"),
            f'<details class="kb-local-graph" data-search-exclude><summary>{GRAPH_ICON} Show the notes, terms and works around this one</summary>',
            graph_view(data_url, library_url, focus), "</details>", "</div>"]
    return "\n".join(out)
