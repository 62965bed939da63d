"""The end of a page that cites works: a References list, or on a reading list, paper cards."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import urls
from .prose import anchor, tooltip


class PageEndings(Treeprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        findings = self.ext.findings
        findings.citations = in_page_order(root, findings.citations)
        if self.ext.context.reading_list:
            self._paper_cards(root)
        elif findings.citations:
            self._references(root)

    def _paper_page(self, key: str, css_class: str) -> etree.Element:
        return anchor(self.ext.context.rel(urls.paper(key)), css_class, "Paper page")

    def _page_icon(self, paper) -> etree.Element:
        """A compact link to the work's page: an icon, named for screen readers and in its tooltip."""
        link = etree.Element("a")
        link.set("href", self.ext.context.rel(urls.paper(paper.key)))
        link.set("class", "kb-paper-page kb-paper-page--icon")
        link.set("aria-label", f"About this work: {paper.title}")
        self.ext.findings.set_title(link, tooltip("About this work: where it is cited, its summary and terms"))
        icon = etree.SubElement(link, "svg", {"class": "kb-icon", "viewBox": "0 0 24 24", "aria-hidden": "true",
                                              "focusable": "false"})
        etree.SubElement(icon, "path", {"d": "M6 2h8l6 6v14H6zm8 1.5V9h5.5M9 13h8M9 17h8"})
        return link

    def _references(self, root) -> None:
        registry = self.ext.knowledge.registry
        heading = etree.SubElement(root, "h2")
        heading.set("id", "references")
        heading.text = "References"
        items = etree.SubElement(root, "ol")
        items.set("class", "kb-references")
        for key in self.ext.findings.citations:
            paper = registry.get(key)
            item = etree.SubElement(items, "li")
            item.set("id", f"ref-{key}")
            item.text = AtomicString(f"{paper.short_author_list} ({paper.year}). ")
            source = anchor(paper.url, "kb-paper-source", paper.title)
            source.tail = ". "
            item.extend([source, self._page_icon(paper)])

    def _paper_cards(self, root) -> None:
        """A list item that is one citation and a comment becomes a card: the work's title, authors,
        year and kind, a link to its page, and the comment."""
        registry = self.ext.knowledge.registry
        for item in root.iter("li"):
            children = list(item)
            if (item.text or "").strip() or not children or children[0].get("class") != "kb-cite":
                continue
            keys = children[0].get("data-keys", "").split()
            paper = registry.get(keys[0]) if len(keys) == 1 else None
            if paper is None:
                continue
            comment = children[0].tail or ""
            item.remove(children[0])
            item.set("class", "kb-card")
            title = anchor(paper.url, "kb-card__title", paper.title)
            meta = etree.Element("span")
            meta.set("class", "kb-card__meta")
            meta.text = AtomicString(f"{paper.short_author_list} · {paper.year} · {paper.kind}")
            details = self._paper_page(paper.key, "kb-card__page kb-paper-page")
            # The comment is the rest of the item: its text and whatever follows it (a linked term, a
            # link, emphasis), all kept inside the note so the sentence stays whole.
            rest = list(item)
            for part in rest:
                item.remove(part)
            note = etree.Element("span")
            note.set("class", "kb-card__note")
            note.text = comment.lstrip().lstrip("—–-:").lstrip()
            note.extend(rest)
            if rest:
                rest[-1].tail = (rest[-1].tail or "").rstrip()
            else:
                note.text = note.text.rstrip()
            for index, part in enumerate([title, meta, details] + ([note] if note.text or rest else [])):
                item.insert(index, part)


def in_page_order(root, keys: list[str]) -> list[str]:
    """`keys` in the order the page first cites them, whether by `[@key]` (inline processing) or by a
    plain link to the work (found later, in the tree): References follow the reading order."""
    seen: dict[str, None] = {}
    for element in root.iter():
        if element.tag == "span" and element.get("class") == "kb-cite":
            cited = element.get("data-keys", "").split()
        elif element.tag == "sup" and element.get("class") == "kb-paper-badge":
            cited = [element.get("data-key", "")]
        else:
            continue
        for key in cited:
            if key in keys:
                seen.setdefault(key)
    return list(seen) + [key for key in keys if key not in seen]
