"""What counts as prose in a rendered page, and the elements the processors add to it."""
from __future__ import annotations

import xml.etree.ElementTree as etree
from functools import lru_cache

from markdown.util import AtomicString

from .html_safety import tooltip_text
from .page_state import LinkContext

# Not prose: links, code, headings, math and the site's own blocks of facts.
SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "button",
                       "img", "svg", "math", "h1", "h2", "h3", "h4", "h5", "h6"})
SKIP_CLASSES = frozenset({"arithmatex", "katex", "kb-math", "kb-nolink", "kb-paper-meta", "headerlink"})


def is_prose(element) -> bool:
    """Whether the text inside `element` is prose the processors may link (its tail always is)."""
    return element.tag not in SKIP_TAGS and not SKIP_CLASSES & set((element.get("class") or "").split())


def anchor(href: str, css_class: str, text: str) -> etree.Element:
    """An `<a>` of the site's own, its text kept from further inline processing."""
    element = etree.Element("a")
    element.set("href", href)
    if css_class:
        element.set("class", css_class)
    element.text = AtomicString(text)
    return element


@lru_cache(maxsize=65536)
def tooltip(text: str) -> str:
    """A title for Material's tooltips (see `html_safety.tooltip_text`), cached: terms repeat."""
    return tooltip_text(text)


def sentence_around(parent, link, width: int = 220) -> LinkContext:
    """The sentence of `parent` around `link`, as plain text, cut at word boundaries to about `width`
    characters with the link's own text kept whole."""
    text = " ".join("".join(parent.itertext()).split())
    phrase = " ".join("".join(link.itertext()).split())
    index = max(text.find(phrase), 0)
    cut = text.rfind(". ", 0, index)
    start = cut + 2 if cut >= 0 else 0
    end = text.find(". ", index + len(phrase))
    end = end + 1 if end >= 0 else len(text)
    before, after = text[start:index], text[index + len(phrase):end]
    room = max(width - len(phrase), 0)
    if len(before) > room // 2:
        kept = before[len(before) - room // 2:]
        before = "…" + kept[kept.find(" ") + 1:] if " " in kept else "…"
    if len(after) > room - len(before):
        kept = after[:room - len(before)]
        after = (kept[:kept.rfind(" ")] if " " in kept else "") + "…"
    return LinkContext(before, phrase, after)
