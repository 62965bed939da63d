"""What the Markdown processors are told about a page (`PageContext`) and what they find there
(`PageFindings`): one context in and one findings object out per rendered page."""
from __future__ import annotations

from dataclasses import dataclass, field

from . import urls


@dataclass(frozen=True)
class PageContext:
    """The page being rendered, as the site sees it."""

    src_uri: str = urls.HOME  # where the page sits in the docs (safety/rlhf.md)
    link_mode: str = "first"  # glossary terms in prose: linked at their "first" mention, "all", or "off"
    reading_list: bool = False  # a list item citing one work becomes a paper card
    trusted_markup: bool = False  # raw HTML, `on*` attributes and any URL scheme allowed (`trusted_html`)

    def rel(self, target: str) -> str:
        """A link from this page to a docs path; MkDocs rewrites it to a URL."""
        return urls.relative(self.src_uri, target)


@dataclass(frozen=True)
class LinkContext:
    """The sentence around a link, as plain text: before the link, the link's own text, after it."""

    before: str
    phrase: str
    after: str


@dataclass
class PageFindings:
    """What the processors found on one page, read by the site's lists, graph and problem reports."""

    titled: set[int] = field(default_factory=set)  # ids of the elements whose title the linker set
    terms: dict[str, None] = field(default_factory=dict)  # term ids linked, in first-link order (an ordered set)
    citations: list[str] = field(default_factory=list)  # work keys, in first-citation order
    note_links: list[tuple[str, LinkContext]] = field(default_factory=list)  # (target src_uri, where it was linked)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (needle in the source, message)
    math: bool = False  # the page has math rendered by KaTeX (and needs its stylesheet)

    def set_title(self, element, title: str) -> None:
        """Give `element` a title already escaped for Material's tooltips (see `html_safety`)."""
        element.set("title", title)
        self.titled.add(id(element))

    def add_term(self, term_id: str) -> None:
        self.terms.setdefault(term_id)

    def add_citation(self, key: str) -> None:
        if key not in self.citations:
            self.citations.append(key)

    def problem(self, needle: str, message: str) -> None:
        """A problem at the first place `needle` occurs in the page's source."""
        self.unresolved.append((needle, message))
