"""The site-wide lists written into pages once every page is rendered: "Mentioned in", "Cited in",
"In reading lists", citation counts, the graph and each note's connections.

Pure: built from what the linker found on each page and each page's URL and title.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from . import connections, markers, pages, urls
from .knowledge import Knowledge
from .page_state import PageFindings


@dataclass(frozen=True)
class PageLink:
    url: str  # from the site root, e.g. safety/rlhf/
    title: str


class SiteLists:
    def __init__(self, knowledge: Knowledge, found: dict[str, PageFindings], links: dict[str, PageLink],
                 reading_lists: Iterable[str]):
        self.knowledge, self.links = knowledge, links
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
        self._renderers: dict[str, Callable[[str, str], str]] = {
            "mentioned": self._mentioned, "cited": self._cited, "lists": self._lists,
            "count": self._count, "graph": self._graph, "connections": self._connections}

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

    def _graph(self, _ident: str, here: str) -> str:
        return pages.graph_view(get_relative_url(urls.GRAPH_DATA, here), get_relative_url(urls.GRAPH_LIBRARY, here))

    def _connections(self, uri: str, here: str) -> str:
        """A note's backlinks, related notes and local graph."""
        glossary, registry = self.knowledge.glossary, self.knowledge.registry
        back = [(*self._link(source, here), context) for source, context in self.incoming.get(uri, []) if source in self.links]
        near = [(*self._link(item.uri, here), [glossary.by_id[t].term for t in item.terms],
                 [registry.get(k).citation_label for k in item.works])
                for item in self.related.get(uri, []) if item.uri in self.links]
        return pages.connections(back, near, f"note:{uri}", get_relative_url(urls.GRAPH_DATA, here),
                                 get_relative_url(urls.GRAPH_LIBRARY, here))
