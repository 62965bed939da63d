"""TeX to HTML with KaTeX, during the build, so a page shows its math without JavaScript.

KaTeX is the npm package of package.json (node_modules/katex/dist/katex.min.js), run in an
embedded V8 (mini-racer): one V8 context per process, made for the first formula (a page
without math costs nothing), and each (TeX, display mode) rendered once per process (notes
repeat formulas; `mkdocs serve` renders them once across rebuilds). The site ships KaTeX's
CSS and fonts only, on pages with math (see templates/main.html).

TeX from the knowledge base cannot inject HTML: KaTeX escapes text, and its commands that
emit links, classes, ids, styles or images (`\\href`, `\\url`, `\\htmlClass`, `\\includegraphics`...)
are refused (KaTeX's `trust` option answers no, and the formula is reported).
"""
from __future__ import annotations

import atexit
import functools
import json
import os
from dataclasses import dataclass

from py_mini_racer import MiniRacer

from . import vendor

# `strict: "ignore"`: KaTeX's warnings about LaTeX compatibility (e.g. Unicode letters in math)
# are for documents also typeset by LaTeX; the knowledge base is only ever shown by KaTeX.
_RENDER = r"""
function kbRender(tex, display) {
  var refused = [];
  var options = {
    displayMode: display, throwOnError: true, strict: "ignore",
    trust: function (context) { refused.push(context.command); return false; }
  };
  try {
    var html = katex.renderToString(tex, options);
    return JSON.stringify(refused.length ? {refused: refused} : {html: html});
  } catch (error) {
    if (error instanceof katex.ParseError) {
      return JSON.stringify({error: error.rawMessage, position: error.position});
    }
    return JSON.stringify({error: String(error)});
  }
}
"""
_MATHML = '<span class="katex-mathml">'
_SHOWN_TEX = 60  # characters of a formula quoted in a problem


@dataclass(frozen=True)
class Rendering:
    """One formula: KaTeX's HTML, or why it could not be rendered (then `html` is None)."""

    html: str | None
    problem: str | None = None


class KatexRenderer:
    """KaTeX in a V8 context, with a cache of every formula it rendered."""

    def __init__(self, script_path: str):
        self.script_path = script_path
        self._context: MiniRacer | None = None
        self._cache: dict[tuple[str, bool], Rendering] = {}

    def render(self, tex: str, display: bool) -> Rendering:
        """`tex` as KaTeX HTML (display mode: a centred block), or the problem with it."""
        key = (tex, display)
        rendering = self._cache.get(key)
        if rendering is None:
            rendering = self._cache[key] = self._render(tex, display)
            if rendering.html is not None:
                _RENDERED.add(rendering.html)
        return rendering

    def _render(self, tex: str, display: bool) -> Rendering:
        result = json.loads(self._js().call("kbRender", tex, display))
        if "html" in result:
            # KaTeX's MathML copy is for screen readers; Material's search indexes the copy a reader sees
            return Rendering(result["html"].replace(_MATHML, f'{_MATHML[:-1]} data-search-exclude="">', 1))
        shown = tex if len(tex) <= _SHOWN_TEX else tex[:_SHOWN_TEX - 1] + "…"
        if "refused" in result:
            commands = ", ".join(dict.fromkeys(result["refused"]))
            return Rendering(None, f"math: {commands} is not allowed (no links, classes, ids, styles or images in TeX) "
                                   f"in ${shown}$")
        where = f" at position {result['position'] + 1}" if isinstance(result.get("position"), int) else ""
        return Rendering(None, f"invalid TeX: {result['error']}{where} of ${shown}$")

    def _js(self) -> MiniRacer:
        if self._context is None:
            context = MiniRacer()
            atexit.register(context.close)  # an open context keeps its thread alive and the process from exiting
            with open(self.script_path, encoding="utf-8") as handle:
                context.eval(handle.read())
            context.eval(_RENDER)
            self._context = context
        return self._context


# The HTML of every formula rendered in this process: trusted output, which `html_safety.sanitize`
# keeps as it is (its allow-list would strip KaTeX's MathML and inline styles).
_RENDERED: set = set()


def is_rendered(fragment: str) -> bool:
    """Whether `fragment` is exactly KaTeX's HTML for a formula rendered in this process."""
    return fragment in _RENDERED


@functools.lru_cache(maxsize=None)
def _renderer(script_path: str) -> KatexRenderer:
    return KatexRenderer(script_path)


def renderer_for() -> KatexRenderer | None:
    """The process's renderer, or None when KaTeX is not in the package (reported by the build,
    with the missing asset files)."""
    script = vendor.path("katex", "katex.min.js")
    return _renderer(script) if script else None
