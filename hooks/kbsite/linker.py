"""The Python-Markdown extension that connects a page to the knowledge base.

- `[[Target]]` / `[[Target|text]]`: a link to a note, a note's heading or a glossary term.
- `[@key]` / `[@a; @b]`: author-year citations linked to the paper pages.
- Glossary terms in prose are linked (first mention or all), with a plain-text tooltip.
- A plain link to a registry work's URL or arXiv id counts as a citation.
- Pages that cite anything end with a References section; reading lists show paper cards.

Every link target is a docs-relative `.md` path, so MkDocs validates and rewrites it.
"""
from __future__ import annotations

import functools
import html
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.extensions import Extension
from markdown.extensions.toc import slugify as heading_slug
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX, AtomicString

from .glossary_entries import TermHeadingsText, TermHeadingsToc, build_entries
from .html_safety import ScriptGuard, tooltip_text
from .math_render import renderer_for
from .math_tree import MathTreeprocessor

GLOSSARY_URI = "glossary/index.md"
SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "button",
                       "img", "svg", "math", "h1", "h2", "h3", "h4", "h5", "h6"})
SKIP_CLASSES = frozenset({"arithmatex", "katex", "kb-math", "kb-nolink", "kb-paper-meta", "headerlink"})
_WIKILINK = r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]"
_CITATION = r"\[(@[^\[\]\n]+)\]"
_PLACEHOLDER = re.compile(f"{STX}[^{ETX}]*{ETX}")
_CITE_KEY = re.compile(r"@([A-Za-z0-9][A-Za-z0-9_:.-]*)\Z")


def link_context(parent, link, width: int = 220) -> str:
    """The sentence of `parent` around `link`, as plain text."""
    text = " ".join("".join(parent.itertext()).split())
    shown = " ".join("".join(link.itertext()).split())
    index = max(text.find(shown), 0)
    cut = text.rfind(". ", 0, index)
    start = cut + 2 if cut >= 0 else 0
    end = text.find(". ", index + len(shown))
    sentence = text[start:end + 1 if end >= 0 else len(text)]
    return sentence if len(sentence) <= width else sentence[:width - 1].rstrip() + "…"


def _in_page_order(root, keys: list) -> list:
    """`keys` in the order the page first cites them, whether by `[@key]` (inline processing) or by a
    plain link to the work (found later, in the tree): References follow the reading order."""
    seen: dict = {}
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


def paper_uri(key: str) -> str:
    """The docs path of a work's generated page."""
    return f"papers/{key}.md"


@functools.lru_cache(maxsize=65536)
def tooltip(text: str) -> str:
    """A title for Material's tooltips (see `html_safety.tooltip_text`), cached: terms repeat."""
    return tooltip_text(text)


def preview(note) -> str:
    """A hover card for a link to a note: its title in bold, then its summary (see `tooltip`)."""
    return f"<strong>{tooltip(note.title)}</strong><br>{tooltip(note.summary)}"


@dataclass
class PageState:
    """What the linker knows about the page being rendered, and what it found there."""

    src_path: str = ""  # the source file, for messages (notes/safety/rlhf.md)
    src_uri: str = "index.md"  # where the page sits in the docs (safety/rlhf.md)
    link_mode: str = "first"
    reading_list: bool = False
    own_term: str | None = None
    trusted_markup: bool = False  # raw HTML, `on*` attributes and any URL scheme allowed (`extra.trusted_html`)
    titled: set = field(default_factory=set)  # ids of the elements whose title the linker set (escaped for tooltips)
    terms: dict = field(default_factory=dict)  # term ids linked, first-link order (a dict as an ordered set)
    citations: list = field(default_factory=list)  # keys, first-citation order
    note_links: list = field(default_factory=list)  # (target src_uri, context sentence)
    unresolved: list = field(default_factory=list)  # (needle in the source, message)
    math: bool = False  # the page has rendered math (and needs KaTeX's stylesheet)

    def rel(self, target_uri: str) -> str:
        """A link from this page to a docs path (with optional #fragment); MkDocs rewrites it to a URL.
        A link to a place on this page is its bare #fragment."""
        path, hash_mark, fragment = target_uri.partition("#")
        if hash_mark and path == self.src_uri:
            return "#" + fragment
        return "../" * self.src_uri.count("/") + target_uri

    def set_title(self, element, title: str):
        """Give `element` a title already escaped for Material's tooltips."""
        element.set("title", title)
        self.titled.add(id(element))

    def add_term(self, term_id: str):
        self.terms.setdefault(term_id)

    def add_citation(self, key: str):
        if key not in self.citations:
            self.citations.append(key)


class KnowledgeExtension(Extension):
    """Registers the knowledge processors; `page` is set by the caller before each page."""

    def __init__(self, knowledge, **kwargs):
        self.knowledge = knowledge
        self.page = PageState()
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.inlinePatterns.register(WikiLinkProcessor(_WIKILINK, self), "kb-wikilink", 176)
        md.inlinePatterns.register(CitationProcessor(_CITATION, self), "kb-citation", 175)
        # after inline (20), where python-markdown-math makes its scripts; before this treeprocessor (7), whose
        # walk then never meets math, and the script guard (3), which would refuse the scripts
        md.treeprocessors.register(MathTreeprocessor(md, lambda: renderer_for(self.knowledge.root),
                                                     lambda needle, message: self.page.unresolved.append((needle, message)),
                                                     lambda: setattr(self.page, "math", True)), "kb-math", 10)
        # after attr_list (8), before toc (5): heading ids are known, References gets a TOC entry
        md.treeprocessors.register(KnowledgeTreeprocessor(md, self), "kb-knowledge", 7)
        # after toc (5), before MkDocs rewrites links (0): every element and attribute is final
        md.treeprocessors.register(ScriptGuard(md, lambda needle, message: self.page.unresolved.append((needle, message)),
                                               lambda element: id(element) in self.page.titled,
                                               lambda: not self.page.trusted_markup), "kb-script-guard", 3)
        # The glossary page's own processors are registered on every Markdown and decide per page:
        # MkDocs makes a Markdown per page, `kb check` one for all pages, and both must render alike.
        glossary = self.knowledge.glossary
        md.treeprocessors.register(GlossaryOnly(md, self, TermHeadingsText(md, glossary)), "kb-term-headings", 25)  # before inline (20)
        if "toc" in md.treeprocessors:  # in its place, at the TOC's priority
            toc = md.treeprocessors["toc"]
            md.treeprocessors.register(GlossaryOnly(md, self, TermHeadingsToc(md, toc, glossary.by_id), otherwise=toc), "toc", 5)


class GlossaryOnly(Treeprocessor):
    """`processor` on the glossary page, `otherwise` (if any) on every other page."""

    def __init__(self, md, ext, processor: Treeprocessor, otherwise: Treeprocessor | None = None):
        super().__init__(md)
        self.ext, self.processor, self.otherwise = ext, processor, otherwise

    def run(self, root):
        if self.ext.page.src_uri == GLOSSARY_URI:
            return self.processor.run(root)
        return self.otherwise.run(root) if self.otherwise is not None else None


class WikiLinkProcessor(InlineProcessor):
    """`[[Target]]`, `[[Target#Heading]]` and `[[Target|shown text]]`."""

    def __init__(self, pattern, ext):
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m, data):
        page, knowledge = self.ext.page, self.ext.knowledge
        target, shown = m.group(1).strip(), (m.group(2) or "").strip()
        name, _, heading = target.partition("#")
        notes = knowledge.find_notes(name) if name else []
        term = knowledge.glossary.find(name) if name and not heading else None
        element = etree.Element("a")
        element.text = AtomicString(shown or (heading if not name else name))
        if len(notes) > 1 or (notes and term):
            places = [note.path for note in notes] + ([f"glossary term '{term.term}'"] if term else [])
            page.unresolved.append((m.group(0), f"[[{target}]] is ambiguous: it matches {', '.join(places)}"))
        if notes:
            note = notes[0]
            anchor = ""
            if heading:
                anchor = heading_slug(heading, "-")
                if anchor not in note.headings:
                    page.unresolved.append((m.group(0), f"[[{target}]]: note '{note.title}' has no heading '{heading}'"))
            element.set("href", page.rel(note.src_uri + (f"#{anchor}" if anchor else "")))
            element.set("class", "kb-note-link")
            page.set_title(element, preview(note))
            if not shown and not heading:
                element.text = AtomicString(note.title if name.casefold() == note.name.casefold() else name)
        elif term:
            element.set("href", page.rel(f"{GLOSSARY_URI}#{term.id}"))
            element.set("class", "kb-term")
            page.set_title(element, tooltip(term.tooltip))
            page.add_term(term.id)
        else:
            page.unresolved.append((m.group(0), f"[[{target}]] names no note or glossary term"))
            element = etree.Element("span")
            element.set("class", "kb-unresolved")
            element.text = AtomicString(m.group(0))
        return element, m.start(0), m.end(0)


class CitationProcessor(InlineProcessor):
    """`[@key]` and `[@key1; @key2]` as `(Bai et al., 2022; Burns et al., 2023)`."""

    def __init__(self, pattern, ext):
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m, data):
        parts = [part.strip() for part in m.group(1).split(";")]
        matches = [_CITE_KEY.match(part) for part in parts]
        if not all(matches):
            return None, None, None
        page, registry = self.ext.page, self.ext.knowledge.registry
        wrapper = etree.Element("span")
        wrapper.set("class", "kb-cite")
        keys = [match.group(1) for match in matches]
        wrapper.set("data-keys", " ".join(keys))
        wrapper.text = "("
        previous = None
        for key in keys:
            paper = registry.get(key)
            if paper is None:
                reason = "its entry in papers.yml has problems" if key in registry.invalid else "not in papers.yml"
                page.unresolved.append((f"@{key}", f"unknown citation key '@{key}' ({reason})"))
                link = etree.SubElement(wrapper, "span")
                link.set("class", "kb-unresolved")
                link.text = AtomicString(f"@{key}")
            else:
                page.add_citation(key)
                link = etree.SubElement(wrapper, "a")
                link.set("href", page.rel(paper_uri(key)))
                page.set_title(link, tooltip(paper.title))
                link.text = AtomicString(paper.citation_label)
            if previous is not None:
                previous.tail = "; "
            previous = link
        previous.tail = ")"
        return wrapper, m.start(0), m.end(0)


class KnowledgeTreeprocessor(Treeprocessor):
    """Links glossary terms in prose, marks registry links, and adds references or cards."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        page = self.ext.page
        self.linked = set()
        if page.src_uri == GLOSSARY_URI:
            knowledge = self.ext.knowledge
            build_entries(root, knowledge.glossary, knowledge.registry, lambda key: page.rel(paper_uri(key)),
                          self.md.htmlStash.store)
        self._walk(root, page.own_term)
        page.citations = _in_page_order(root, page.citations)
        if page.reading_list:
            self._paper_cards(root)
        elif page.citations:
            self._references(root)
        return None

    # --- walking prose ---------------------------------------------------
    def _walk(self, element, own_term):
        own_term = element.get("data-kb-term") or own_term
        if element.text and not isinstance(element.text, AtomicString):
            head, links = self._link_terms(element.text, own_term)
            if links:
                element.text = head
                for index, link in enumerate(links):
                    element.insert(index, link)
        for child in list(element):
            if child.tag == "a":
                child = self._visit_link(element, child)
            elif child.tag not in SKIP_TAGS and not SKIP_CLASSES & set((child.get("class") or "").split()):
                self._walk(child, own_term)
            if child.tail and not isinstance(child.tail, AtomicString):
                head, links = self._link_terms(child.tail, own_term)
                if links:
                    child.tail = head
                    position = list(element).index(child) + 1
                    for offset, link in enumerate(links):
                        element.insert(position + offset, link)

    def _link_terms(self, text, own_term):
        page = self.ext.page
        if page.link_mode == "off" or text.isspace():
            return text, []
        glossary = self.ext.knowledge.glossary
        links, cursor, head = [], 0, None
        placeholders = [span.span() for span in _PLACEHOLDER.finditer(text)] if STX in text else []
        for match in self.ext.knowledge.matcher.find(text):
            if match.term_id == own_term:
                continue
            if any(start < match.end and match.start < end for start, end in placeholders):
                continue  # inside Python-Markdown's placeholder for stashed HTML: not prose
            if page.link_mode == "first" and match.term_id in self.linked:
                continue
            self.linked.add(match.term_id)
            page.add_term(match.term_id)
            term = glossary.by_id[match.term_id]
            link = etree.Element("a")
            link.set("href", page.rel(f"{GLOSSARY_URI}#{term.id}"))
            link.set("class", "kb-term")
            page.set_title(link, tooltip(term.tooltip))
            link.text = AtomicString(text[match.start:match.end])
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

    def _visit_link(self, parent, link):
        """Record links to notes (for backlinks); a link to a registry work cites it and gains a badge.

        Returns the element whose tail continues the prose: the badge if one was added.
        """
        page = self.ext.page
        href = link.get("href") or ""
        if href.endswith(".md") or ".md#" in href:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), href.split("#")[0]))
            note = self.ext.knowledge.notes_by_uri.get(target)
            if note is not None and target != page.src_uri:
                page.note_links.append((target, link_context(parent, link)))
                if not link.get("title"):
                    page.set_title(link, preview(note))
            return link
        if not href.startswith(("http://", "https://")) or "kb-paper-page" in (link.get("class") or ""):
            return link
        paper = self.ext.knowledge.registry.find_by_link(href)
        if paper is None:
            return link
        page.add_citation(paper.key)
        badge = etree.Element("sup")
        badge.set("class", "kb-paper-badge")
        badge.set("data-key", paper.key)
        inner = etree.SubElement(badge, "a")
        inner.set("href", page.rel(paper_uri(paper.key)))
        inner.set("class", "kb-paper-page")
        page.set_title(inner, tooltip(f"{paper.citation_label}: {paper.title}"))
        inner.text = AtomicString("[paper]")
        badge.tail, link.tail = link.tail, None
        parent.insert(list(parent).index(link) + 1, badge)
        return badge

    # --- page endings ----------------------------------------------------
    def _references(self, root):
        registry = self.ext.knowledge.registry
        heading = etree.SubElement(root, "h2")
        heading.set("id", "references")
        heading.text = "References"
        items = etree.SubElement(root, "ol")
        items.set("class", "kb-references")
        for key in self.ext.page.citations:
            paper = registry.get(key)
            item = etree.SubElement(items, "li")
            item.set("id", f"ref-{key}")
            item.text = AtomicString(f"{paper.short_author_list} ({paper.year}). ")
            source = etree.SubElement(item, "a")
            source.set("href", paper.url)
            source.set("class", "kb-paper-source")
            source.text = AtomicString(paper.title)
            source.tail = ". "
            details = etree.SubElement(item, "a")
            details.set("href", self.ext.page.rel(paper_uri(key)))
            details.set("class", "kb-paper-page")
            details.text = AtomicString("Paper page")

    def _paper_cards(self, root):
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
            title = etree.Element("a")
            title.set("href", paper.url)
            title.set("class", "kb-card__title")
            title.text = AtomicString(paper.title)
            meta = etree.Element("span")
            meta.set("class", "kb-card__meta")
            meta.text = AtomicString(f"{paper.short_author_list} · {paper.year} · {paper.kind}")
            details = etree.Element("a")
            details.set("href", self.ext.page.rel(paper_uri(paper.key)))
            details.set("class", "kb-card__page kb-paper-page")
            details.text = AtomicString("Paper page")
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
