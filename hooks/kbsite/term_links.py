"""Glossary terms in prose become links to their definition, with the definition as tooltip."""
from __future__ import annotations

import re

from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX, AtomicString

from . import urls
from .prose import anchor, is_prose, tooltip

_PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")  # Python-Markdown's stand-in for stashed raw HTML


class TermLinker(Treeprocessor):
    """Links each mention of a term (the first one per page, or all: the page's link mode), in
    reading order. Inside a glossary entry, the entry's own term is not linked."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        if self.ext.context.link_mode != "off":
            self.linked: set[str] = set()
            self._walk(root, None)

    def _walk(self, element, own_term: str | None) -> None:
        own_term = element.get("data-kb-term") or own_term
        if element.text and not isinstance(element.text, AtomicString):
            head, links = self._link_terms(element.text, own_term)
            if links:
                element.text = head
                for index, link in enumerate(links):
                    element.insert(index, link)
        for child in list(element):
            if is_prose(child):
                self._walk(child, own_term)
            if child.tail and not isinstance(child.tail, AtomicString):
                head, links = self._link_terms(child.tail, own_term)
                if links:
                    child.tail = head
                    position = list(element).index(child) + 1
                    for offset, link in enumerate(links):
                        element.insert(position + offset, link)

    def _link_terms(self, text: str, own_term: str | None):
        """(text before the first link, [links, each with the text up to the next as its tail])."""
        if text.isspace():
            return text, []
        context, findings = self.ext.context, self.ext.findings
        glossary = self.ext.knowledge.glossary
        links, cursor, head = [], 0, None
        placeholders = [span.span() for span in _PLACEHOLDER.finditer(text)] if STX in text else []
        for match in self.ext.knowledge.matcher.find(text):
            if match.term_id == own_term:
                continue
            if any(start < match.end and match.start < end for start, end in placeholders):
                continue  # inside the placeholder of stashed raw HTML: not prose
            if context.link_mode == "first" and match.term_id in self.linked:
                continue
            self.linked.add(match.term_id)
            findings.add_term(match.term_id)
            term = glossary.by_id[match.term_id]
            link = anchor(context.rel(urls.term(term.id)), "kb-term", text[match.start:match.end])
            findings.set_title(link, tooltip(term.tooltip))
            if links:
                links[-1].tail = text[cursor:match.start]
            else:
                head = text[:match.start]
            links.append(link)
            cursor = match.end
        if not links:
            return text, []
        links[-1].tail = text[cursor:]
        return head, links
