"""The site-wide lists written into pages once every page is rendered: "Mentioned in", "Cited in",
"In reading lists", citation counts, the graph and each note's connections.

Pure: built from what the linker found on each page and each page's URL and title.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from . import connections, graph_list, markers, pages, urls
from .knowledge import Knowledge
from .page_state import PageFindings


@dataclass(frozen=True)
class PageLink:
    url: str  # from the site root, e.g. safety/rlhf/
    title: str


class SiteLists:
    def __init__(self, knowledge: Knowledge, found: dict[str, PageFindings], links: dict[str, PageLink],
                 reading_lists: Iterable[str], start_here: str = "", changed: dict[str, str] | None = None):
        self.knowledge, self.links, self.found = knowledge, links, found
        notes = knowledge.notes_by_uri
        lists_sections = set(reading_lists)
        self.mentions: dict[str, list[str]] = defaultdict(list)  # term id -> pages linking it
        self.cited: dict[str, list[str]] = defaultdict(list)  # work key -> notes citing it
        self.listed: dict[str, list[str]] = defaultdict(list)  # work key -> reading lists with it
        for src_uri, findings in found.items():
            note = notes.get(src_uri)
            if src_uri != urls.GLOSSARY:
                for term_id in findings.terms:
                    self.mentions[term_id].append(src_uri)
            if note is not None:
                for key in findings.citations:
                    (self.listed if note.section in lists_sections else self.cited)[key].append(src_uri)
        self.incoming = connections.backlinks(found, notes)
        self.related = connections.related_notes(found, notes)
        self.start_here = start_here if start_here in found else ""
        # the "Start here" path: the notes its page links, in the order it links them
        self.path = list(dict.fromkeys(target for target, _ in found[start_here].note_links)) if self.start_here else []
        self.changed = changed or {}  # note src_uri -> date of its last commit (YYYY-MM-DD)
        self._renderers: dict[str, Callable[[str, str], str]] = {
            "mentioned": self._mentioned, "cited": self._cited, "lists": self._lists,
            "count": self._count, "graph": self._graph, "connections": self._connections,
            "path": self._path, "recent": self._recent, "worktags": self._work_tags}

    def render(self, kind: str, ident: str, here: str) -> str:
        """The list of `kind` for `ident`, on the page at URL `here`."""
        return self._renderers[kind](ident, here)

    def _link(self, uri: str, here: str) -> tuple[str, str]:
        link = self.links[uri]
        return get_relative_url(link.url, here), link.title or uri

    def _sorted_links(self, uris: list[str], here: str) -> list[tuple[str, str]]:
        return sorted((self._link(uri, here) for uri in uris if uri in self.links), key=lambda pair: pair[1].casefold())

    def _mentioned(self, term_id: str, here: str) -> str:
        return '<p class="kb-mentioned" data-search-exclude><strong>Mentioned in:</strong></p>' + pages.link_list(
            self._sorted_links(self.mentions[term_id], here), "Not yet used in any note.")

    def _cited(self, key: str, here: str) -> str:
        return pages.link_list(self._sorted_links(self.cited[key], here), "No note cites this work yet.")

    def _lists(self, key: str, here: str) -> str:
        return pages.link_list(self._sorted_links(self.listed[key], here), "Not in any reading list yet.")

    def _count(self, key: str, here: str) -> str:
        count = len(self.cited[key]) + len(self.listed[key])
        return f'<span class="kb-count">{count} citing note{"s" if count != 1 else ""}</span>'

    def graph(self) -> tuple[Iterable[dict], Iterable[tuple[str, str, str]]]:
        """The graph's nodes and edges (`connections`), with URLs from the site root: for graph.json
        and for the graph page's list."""
        return (connections.graph_nodes(self.knowledge, lambda uri: self.links[uri].url if uri in self.links else ""),
                connections.graph_edges(self.knowledge, self.found))

    def _graph(self, _ident: str, here: str) -> str:
        """The whole graph, then the same connections as a list (its text alternative)."""
        return (pages.graph_view(get_relative_url(urls.GRAPH_DATA, here), get_relative_url(urls.GRAPH_LIBRARY, here))
                + graph_list.connection_list(*self.graph(), lambda url: get_relative_url(url, here)))

    def shown_related(self, uri: str) -> list:
        """Related notes worth showing on the note `uri`: not those linking it or linked from it."""
        linked = {source for source, _ in self.incoming.get(uri, [])}
        linked |= {target for target, _ in self.found[uri].note_links} if uri in self.found else set()
        return [item for item in self.related.get(uri, []) if item.uri not in linked and item.uri in self.links]

    def _connections(self, uri: str, here: str) -> str:
        """A note's place on the path, backlinks, related notes and local graph."""
        glossary, registry = self.knowledge.glossary, self.knowledge.registry
        back = [(*self._link(source, here), context) for source, context in self.incoming.get(uri, []) if source in self.links]
        near = [(*self._link(item.uri, here), [glossary.by_id[t].term for t in item.terms],
                 [registry.get(k).citation_label for k in item.works]) for item in self.shown_related(uri)]
        return pages.connections(back, near, f"note:{uri}", get_relative_url(urls.GRAPH_DATA, here),
                                 get_relative_url(urls.GRAPH_LIBRARY, here), self._path_nav(uri, here))

    def _path_nav(self, uri: str, here: str) -> str:
        if uri not in self.path:
            return ""
        at = self.path.index(uri)
        step = lambda index: self._link(self.path[index], here) if 0 <= index < len(self.path) and self.path[index] in self.links else None
        return pages.path_nav(at + 1, len(self.path), step(at - 1), step(at + 1), self._link(self.start_here, here))

    def _path(self, _ident: str, here: str) -> str:
        """The "Start here" path as a numbered list of its notes with their summaries."""
        notes = self.knowledge.notes_by_uri
        items = [(*self._link(uri, here), notes[uri].summary) for uri in self.path if uri in self.links and uri in notes]
        return pages.path_list(items, self._link(self.start_here, here) if self.start_here else None)

    def _recent(self, count: str, here: str) -> str:
        """The notes changed most recently, newest first, with the date of their last commit."""
        dated = sorted(((date, uri) for uri, date in self.changed.items() if uri in self.links), key=lambda item: (item[0], item[1]),
                       reverse=True)[:int(count) if count.isdigit() else 8]
        return pages.dated_list([(date, *self._link(uri, here)) for date, uri in dated], "No history: the site is not built from a Git repository.")

    def _work_tags(self, _ident: str, here: str) -> str:
        """Works by tag, for the tags page (Material's listing there shows the notes)."""
        by_tag: dict[str, list[str]] = defaultdict(list)
        for paper in self.knowledge.registry.papers.values():
            for tag in paper.tags:
                by_tag[tag].append(urls.paper(paper.key))
        return pages.grouped_links([(tag, self._sorted_links(by_tag[tag], here)) for tag in sorted(by_tag, key=str.casefold)])

    def toc_sections(self, uri: str) -> list[tuple[str, str]]:
        """(title, anchor) of the sections `connections` writes at the end of the note `uri`."""
        sections = [("Linked from", "linked-from")] if any(s in self.links for s, _ in self.incoming.get(uri, [])) else []
        sections += [("Related notes", "related-notes")] if self.shown_related(uri) else []
        return sections + [("Local graph", "local-graph")]
