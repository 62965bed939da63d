"""The Python-Markdown extension that connects a page to the knowledge base.

Inline, before Markdown's own links:
- `[[Target]]` / `[[Target#Heading]]` / `[[Target|text]]`: a link to a note, a note's heading or a term;
- `[@key]` / `[@a; @b]`: author-year citations linked to the works' pages.

Then, on the element tree, one processor per concern, in this order:

| priority | processor | job |
| ---: | --- | --- |
| 25 | `TermHeadingsText` (glossary page) | term headings' text and ids, before inline processing |
| 10 | `math_tree.MathTreeprocessor` | TeX (python-markdown-math's scripts) to KaTeX's HTML, at build time |
| 7.4 | `GlossaryEntries` (glossary page) | each term's entry: facts and "Mentioned in" marker |
| 7.2 | `link_records.LinkRecorder` | links to notes (backlinks) and to works (citations, badges) |
| 7.1 | `term_links.TermLinker` | glossary terms in prose |
| 7 | `page_endings.PageEndings` | References, or paper cards on reading lists |
| 5 | `TermHeadingsToc` (glossary page) / `toc` | the table of contents |
| 3 | `html_safety.ScriptGuard` | refuses what could run script, once every element is final |

The math runs after inline processing (20), which makes the TeX scripts, so no later processor
meets a script; the others sit after `attr_list` (8), so heading ids are known, and References gets
its TOC entry. Every link target is a docs-relative `.md` path, so MkDocs validates and rewrites it.
The site sets the page before rendering it (`begin_page`) and reads what was found after.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import urls
from .citation_card import citation_card
from .glossary_entries import TermHeadingsText, TermHeadingsToc, build_entries
from .heading_anchors import HeadingAnchors
from .html_safety import ScriptGuard
from .link_records import LinkRecorder
from .math_render import renderer_for
from .math_tree import MathTreeprocessor
from .page_endings import PageEndings
from .page_state import PageContext, PageFindings
from .prose import anchor, tooltip
from .term_links import TermLinker

_WIKILINK = r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]"
_CITATION = r"\[(@[^\[\]\n]+)\]"
_CITE_KEY = re.compile(r"@([A-Za-z0-9][A-Za-z0-9_:.-]*)\Z")


class KnowledgeExtension(Extension):
    """Registers the knowledge processors on every `Markdown`; what each page gets is decided per
    page, at run time, from `context` (MkDocs makes a Markdown per page, `kb check` one for all)."""

    def __init__(self, knowledge, anchors: HeadingAnchors | None = None, **kwargs):
        self.knowledge = knowledge
        self.anchors = anchors or HeadingAnchors(["attr_list", "toc"], {})  # the site passes its own extensions
        self.begin_page(PageContext())
        super().__init__(**kwargs)

    def begin_page(self, context: PageContext) -> PageFindings:
        """Render the next page as `context`; the processors fill the findings returned."""
        self.context, self.findings = context, PageFindings()
        return self.findings

    def findings_problem(self, needle: str, message: str) -> None:
        """A problem of the page being rendered (for processors made once, before any page)."""
        self.findings.problem(needle, message)

    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.inlinePatterns.register(WikiLinkProcessor(_WIKILINK, self), "kb-wikilink", 176)
        md.inlinePatterns.register(CitationProcessor(_CITATION, self), "kb-citation", 175)
        glossary = self.knowledge.glossary
        md.treeprocessors.register(GlossaryOnly(md, self, TermHeadingsText(md, glossary)), "kb-term-headings", 25)
        md.treeprocessors.register(GlossaryOnly(md, self, GlossaryEntries(md, self)), "kb-glossary-entries", 7.4)
        md.treeprocessors.register(MathTreeprocessor(md, renderer_for, self.findings_problem,
                                                     lambda: setattr(self.findings, "math", True)), "kb-math", 10)
        md.treeprocessors.register(LinkRecorder(md, self), "kb-link-records", 7.2)
        md.treeprocessors.register(TermLinker(md, self), "kb-term-links", 7.1)
        md.treeprocessors.register(PageEndings(md, self), "kb-page-endings", 7)
        if "toc" in md.treeprocessors:  # in its place, at the TOC's priority
            toc = md.treeprocessors["toc"]
            md.treeprocessors.register(GlossaryOnly(md, self, TermHeadingsToc(md, toc, glossary.by_id), otherwise=toc), "toc", 5)
        md.treeprocessors.register(ScriptGuard(md, self.findings_problem,
                                               lambda element: id(element) in self.findings.titled,
                                               lambda: not self.context.trusted_markup), "kb-script-guard", 3)


class GlossaryEntries(Treeprocessor):
    """The glossary page's entries (see `glossary_entries`)."""

    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        knowledge, context = self.ext.knowledge, self.ext.context
        build_entries(root, knowledge.glossary, knowledge.registry, lambda key: context.rel(urls.paper(key)),
                      self.md.htmlStash.store)


class GlossaryOnly(Treeprocessor):
    """`processor` on the glossary page, `otherwise` (if any) on every other page."""

    def __init__(self, md, ext, processor: Treeprocessor, otherwise: Treeprocessor | None = None):
        super().__init__(md)
        self.ext, self.processor, self.otherwise = ext, processor, otherwise

    def run(self, root):
        if self.ext.context.src_uri == urls.GLOSSARY:
            return self.processor.run(root)
        return self.otherwise.run(root) if self.otherwise is not None else None


class WikiLinkProcessor(InlineProcessor):
    """`[[Target]]`, `[[Target#Heading]]` and `[[Target|shown text]]`."""

    def __init__(self, pattern, ext):
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m, data):
        context, findings, knowledge = self.ext.context, self.ext.findings, self.ext.knowledge
        target, shown = m.group(1).strip(), (m.group(2) or "").strip()
        name, _, heading = target.partition("#")
        notes = knowledge.find_notes(name) if name else []
        term = knowledge.glossary.find(name) if name and not heading else None
        if len(notes) > 1 or (notes and term):
            places = [note.path for note in notes] + ([f"glossary term '{term.term}'"] if term else [])
            findings.problem(m.group(0), f"[[{target}]] is ambiguous: it matches {', '.join(places)}")
        text = shown or (heading if not name else name)
        if notes:
            note = notes[0]
            fragment = ""
            if heading:
                fragment = self.ext.anchors.find(note, heading) or ""
                if not fragment:
                    findings.problem(m.group(0), f"[[{target}]]: note '{note.title}' has no heading '{heading}'")
            if not shown and not heading:
                text = note.title if name.casefold() == note.name.casefold() else name
            element = anchor(context.rel(note.src_uri + (f"#{fragment}" if fragment else "")), "kb-note-link", text)
        elif term:
            element = anchor(context.rel(urls.term(term.id)), "kb-term", text)
            findings.set_title(element, tooltip(term.tooltip))
            findings.add_term(term.id)
        else:
            findings.problem(m.group(0), f"[[{target}]] names no note or glossary term")
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
        context, findings, registry = self.ext.context, self.ext.findings, self.ext.knowledge.registry
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
                findings.problem(f"@{key}", f"unknown citation key '@{key}' ({reason})")
                link = etree.SubElement(wrapper, "span")
                link.set("class", "kb-unresolved")
                link.text = AtomicString(f"@{key}")
            else:
                findings.add_citation(key)
                link = anchor(context.rel(urls.paper(key)), "", paper.citation_label)
                findings.set_title(link, citation_card(paper))
                wrapper.append(link)
            if previous is not None:
                previous.tail = "; "
            previous = link
        previous.tail = ")"
        return wrapper, m.start(0), m.end(0)
