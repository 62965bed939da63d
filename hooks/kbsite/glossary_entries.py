"""The glossary page's entries, assembled in the element tree around each term's heading.

The page's Markdown (`pages.glossary_page`) holds only what needs Markdown: a heading and the
definition of each term. Each entry's wrapper, its line of facts (aliases, see also, papers,
tags) and the marker where "Mentioned in" goes are built here from the glossary's data. At
thousands of terms, Python-Markdown parsing those lines would be most of the page's cost.
The term headings themselves get their text and id from the data (`TermHeadingsText`) and are
left out of the TOC extension's work (`TermHeadingsToc`).
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import markers

ENTRY_CLASS = "kb-term-entry"
FACTS_CLASS = "kb-term-facts kb-nolink"
_HIDDEN_HEADING = "kb-term-heading"  # not h1-h6: the TOC extension passes over it


def build_entries(root, glossary, registry, paper_href, stash):
    """Wrap what follows each term's `h2` (up to the next one) in its entry, then add facts and marker.

    Term headings are recognised by their ids in page order, so a heading inside a definition
    never starts an entry. `paper_href(key)` is the link to a work's page; `stash(html)` is
    Python-Markdown's `htmlStash.store`, which carries the marker comment to the output.
    """
    order = iter(term.id for term in glossary.in_order)
    expected = next(order, None)
    children, entry = [], None
    for child in list(root):
        if child.tag == "h2" and expected is not None and child.get("id") == expected:
            _close(entry, glossary, registry, paper_href, stash)
            entry = etree.Element("div", {"class": ENTRY_CLASS, "data-kb-term": expected})
            entry.text = "\n"
            children += [child, entry]
            expected = next(order, None)
        elif entry is not None:
            entry.append(child)
        else:
            children.append(child)
    _close(entry, glossary, registry, paper_href, stash)
    root[:] = children


def _close(entry, glossary, registry, paper_href, stash):
    if entry is None:
        return
    term = glossary.by_id[entry.get("data-kb-term")]
    lines = []
    if term.aliases:
        lines.append(("Also", [(alias, None) for alias in term.aliases]))
    see_also = [glossary.find(name) for name in term.see_also]
    if any(see_also):
        lines.append(("See also", [(other.term, f"#{other.id}") for other in see_also if other]))
    papers = [registry.get(key) for key in term.papers]
    if any(papers):
        lines.append(("Papers", [(paper.citation_label, paper_href(paper.key)) for paper in papers if paper]))
    if term.tags:
        lines.append(("Tags", [(tag, None) for tag in term.tags]))
    if lines:
        entry.append(_facts(lines))
    marker = etree.SubElement(entry, "p")  # a paragraph of raw HTML alone is replaced by that HTML
    marker.text, marker.tail = stash(markers.marker("mentioned", term.id)), "\n"
    entry.tail = "\n"


def _facts(lines):
    """`<p>` of "**Label:** item, item" lines separated by `<br>`; items with a href are links."""
    facts = etree.Element("p", {"class": FACTS_CLASS})
    facts.tail = "\n"
    last = None
    for number, (label, items) in enumerate(lines):
        if number:
            last = etree.SubElement(facts, "br")
            last.tail = "\n"
        strong = etree.SubElement(facts, "strong")
        strong.text = AtomicString(f"{label}:")
        strong.tail, last = AtomicString(" "), strong
        for index, (text, href) in enumerate(items):
            separator = ", " if index else ""
            if href is None:
                last.tail = AtomicString(last.tail + separator + text)
                continue
            last.tail = AtomicString(last.tail + separator)
            last = etree.SubElement(facts, "a", {"href": href})
            last.text, last.tail = AtomicString(text), AtomicString("")
    return facts


class TermHeadingsText(Treeprocessor):
    """Give each term heading its id and, as atomic text, its heading from the glossary data.

    Runs before inline processing, which would otherwise only undo the escaping of the
    heading's Markdown (`pages.glossary_page`) and then leave `{#id}` to `attr_list`, work that grows
    with the glossary for text the data already has (figures in benchmarks/README.md).
    """

    def __init__(self, md, glossary):
        super().__init__(md)
        self.glossary = glossary

    def run(self, root):
        terms = iter(self.glossary.in_order)
        term = next(terms, None)
        for child in root:
            if term is not None and child.tag == "h2" and (child.text or "").endswith(f" {{#{term.id}}}"):
                child.set("id", term.id)
                child.text = AtomicString(term.heading)
                term = next(terms, None)


class TermHeadingsToc(Treeprocessor):
    """The TOC extension's processor on the glossary page, with the term headings left out.

    What it does for each heading (render its inner HTML, derive a name, check the id) costs a share
    of the page that grows with the glossary (benchmarks/README.md), for lines of a table of contents that lists initials instead
    (`pages.glossary_toc`). The term headings are hidden from it while it runs; then each gets
    the level and the permalink it would have given them. Other headings go through it unchanged.
    """

    def __init__(self, md, toc, term_ids):
        super().__init__(md)
        self.toc = toc
        self.term_ids = term_ids

    def run(self, root):
        headings = [child for child in root if child.tag == "h2" and child.get("id") in self.term_ids]
        for heading in headings:
            heading.tag = _HIDDEN_HEADING
        self.toc.run(root)
        for heading in headings:
            heading.tag = "h2"
            self.toc.set_level(heading)
            if self.toc.use_anchors:
                self.toc.add_anchor(heading, heading.get("id"))
            if self.toc.use_permalinks not in (False, None):
                self.toc.add_permalink(heading, heading.get("id"))
