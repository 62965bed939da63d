"""Links the author wrote: to notes (recorded for backlinks, shown with Material's instant preview) and to registry works
(counted as citations, given a badge linking the work's page)."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import urls
from .citation_card import citation_card
from .prose import anchor, is_prose, sentence_around


class LinkRecorder(Treeprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        self._walk(root)

    def _walk(self, element) -> None:
        for child in list(element):
            if child.tag == "a":
                self._visit(element, child)
            elif is_prose(child):
                self._walk(child)

    def _visit(self, parent, link) -> None:
        context, findings, knowledge = self.ext.context, self.ext.findings, self.ext.knowledge
        href = link.get("href") or ""
        if href.endswith(".md") or ".md#" in href:
            target = urls.resolve(context.src_uri, href)
            note = knowledge.notes_by_uri.get(target)
            if note is not None and target != context.src_uri:
                findings.note_links.append((target, sentence_around(parent, link)))
                link.set("data-preview", "")  # Material's instant preview of the note (`navigation.instant.preview`)
            return
        if not href.startswith(("http://", "https://")) or "kb-paper-page" in (link.get("class") or ""):
            return
        paper = knowledge.registry.find_by_link(href)
        if paper is None:
            return
        findings.add_citation(paper.key)
        badge = etree.Element("sup")
        badge.set("class", "kb-paper-badge")
        badge.set("data-key", paper.key)
        inner = anchor(context.rel(urls.paper(paper.key)), "kb-paper-page", "[paper]")
        findings.set_title(inner, citation_card(paper))
        badge.append(inner)
        badge.tail, link.tail = link.tail, None
        parent.insert(list(parent).index(link) + 1, badge)
