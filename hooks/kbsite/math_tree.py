"""Math in a page's element tree: python-markdown-math's `<script type="math/tex">` elements
become KaTeX's HTML (see `math_render`), so no math script reaches the page.

A formula's HTML goes into Python-Markdown's stash (it is trusted output, inserted after the
tree is serialised) between two comments, by which `html_safety.sanitize` recognises it.
TeX that KaTeX refuses is reported with its line and shown as code.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .math_render import KatexRenderer

MATH_START, MATH_END = "<!--kb-math-->", "<!--/kb-math-->"
MATH_CLASS = "kb-math"


class MathTreeprocessor(Treeprocessor):
    """Replaces each math script with a `span.kb-math` holding KaTeX's HTML (or a `code.kb-math-error`).

    `renderer()` gives the KaTeX renderer (None when KaTeX is not installed: formulas stay TeX,
    shown as code); `report(needle, message)` records a problem; `found()` is called when the
    page has rendered math, so it gets KaTeX's stylesheet.
    """

    def __init__(self, md, renderer: Callable[[], KatexRenderer | None], report: Callable[[str, str], None],
                 found: Callable[[], None]):
        super().__init__(md)
        self.renderer = renderer
        self.report = report
        self.found = found

    def run(self, root):
        renderer = None
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "script" or not (child.get("type") or "").startswith("math/tex"):
                    continue
                renderer = renderer or self.renderer()
                parent[index] = self._replacement(child, renderer)
        return None

    def _replacement(self, script, renderer: KatexRenderer | None):
        tex = script.text or ""
        rendering = renderer.render(tex, "mode=display" in script.get("type", "")) if renderer else None
        if rendering is not None and rendering.html is not None:
            element = etree.Element("span", {"class": MATH_CLASS})
            element.text = AtomicString(self.md.htmlStash.store(f"{MATH_START}{rendering.html}{MATH_END}"))
            self.found()
        else:
            if rendering is not None:
                self.report(tex.strip(), rendering.problem)
            element = etree.Element("code", {"class": "kb-math-error"})
            element.text = AtomicString(tex)
        element.tail = script.tail
        return element
