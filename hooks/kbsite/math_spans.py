"""python-markdown-math's `<script type="math/tex">` elements as `.kb-tex` spans.

Material's instant navigation re-creates `<script>` elements without their type, which would
run TeX as JavaScript; kb.js typesets `.kb-tex` elements with the bundled KaTeX. Display math
is a span too (styled as a block), since it sits inside a paragraph.
"""
from __future__ import annotations

from markdown.treeprocessors import Treeprocessor


class MathSpans(Treeprocessor):
    def run(self, root):
        for script in root.iter("script"):
            kind = script.get("type") or ""
            if kind.startswith("math/tex"):
                script.tag = "span"
                script.attrib.clear()
                script.set("class", "kb-tex kb-tex--display" if "mode=display" in kind else "kb-tex")
