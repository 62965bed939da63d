"""What keeps a contribution from running script in a reader's browser.

The knowledge base takes notes and data by pull request, and a reviewer reads a diff of Markdown
and YAML, where `<img src=x onerror=...>` or a `javascript:` link is easy to miss. So:

- every page's element tree and raw HTML are checked for script: a refused element, an `on*`
  attribute, or a URL whose scheme is not http, https or mailto (whatever its encoding). Each is a
  problem with its file and line, and it never reaches the page: the attribute is dropped, the raw
  HTML is shown as text. the `kb` plugin's `trusted_html: true` turns this off for note bodies, for sites
  whose every author is trusted;
- link and image titles written by authors are escaped once more, because Material's tooltips
  insert a title as HTML (the linker escapes its own titles the same way);
- pages built from `glossary.yml` and `papers.yml` (whose `definition` and `summary` are Markdown)
  also go through nh3, an allow-list sanitizer, after Markdown.
"""
from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable
from html.parser import HTMLParser

import nh3
from markdown.treeprocessors import Treeprocessor

from .math_render import is_rendered
from .math_tree import MATH_END, MATH_START

WEB_SCHEMES = frozenset({"http", "https", "mailto"})
REFUSED_TAGS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
                          "link", "form", "noscript", "template",
                          # SVG animation can set an attribute (an `href`, a handler) after the page is checked
                          "animate", "animatemotion", "animatetransform", "set", "handler", "listener"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background",
                            "cite", "srcset", "ping", "lowsrc", "dynsrc", "longdesc"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_MATH = re.compile(f"{re.escape(MATH_START)}(.*?){re.escape(MATH_END)}", re.S)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\u2028\u2029\ufeff]+")

ALLOWED_TAGS = {"a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
                "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
                "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
                "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"}
ALLOWED_ATTRIBUTES = {"*": {"class", "id", "title", "role", "aria-label", "aria-level", "aria-hidden", "lang", "dir"},
                      "a": {"href"}, "img": {"src", "alt", "width", "height", "loading"},
                      "td": {"align", "colspan", "rowspan"}, "th": {"align", "colspan", "rowspan"}, "ol": {"start"}}


def url_refusal(url: str) -> str | None:
    """Why a URL may not appear on the site, or None: only http(s), mailto and relative URLs.

    The scheme is read as a browser reads it: character references decoded, and whitespace and
    control characters (which browsers drop from URLs) removed.
    """
    cleaned = _INVISIBLE.sub("", html.unescape(html.unescape(url))).lower()
    match = _SCHEME.match(cleaned)
    if match and match.group(1) not in WEB_SCHEMES:
        return f"a '{match.group(1)}:' URL is not allowed (only http, https, mailto or relative links)"
    return None


def attribute_refusal(name: str, value: str | None) -> str | None:
    """Why an attribute may not appear on the site, or None."""
    name = name.lower()
    if name.startswith("on"):
        return f"event-handler attribute '{name}' is not allowed"
    if name in URL_ATTRIBUTES and value:
        return url_refusal(value)
    if name == "style" and value and re.search(r"expression\s*\(|url\s*\(\s*['\"]?\s*javascript", value, re.I):
        return "a style with script is not allowed"
    return None


def tooltip_text(text: str) -> str:
    """A `title` for Material's tooltips, which insert the attribute's value as HTML.

    Escaped twice: Python-Markdown's serializer leaves `&lt;` alone (it is already an
    entity), so a single escape would reach the tooltip as `<`. Twice, the browser's
    attribute value is `&lt;` and the tooltip shows a literal `<`.
    """
    return html.escape(html.escape(" ".join(text.split())))


class _RawHtmlScanner(HTMLParser):
    """The refusals in a piece of raw HTML: (needle in the source, message)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refusals: list = []

    def handle_starttag(self, tag, attrs):
        as_written = self.get_starttag_text() or f"<{tag}"  # the needle that finds the line in the source
        if tag in REFUSED_TAGS:
            self.refusals.append((as_written, f"raw HTML: <{tag}> is not allowed"))
        for name, value in attrs:
            refusal = attribute_refusal(name, value)
            if refusal:
                self.refusals.append((as_written, f"raw HTML: {refusal}"))
            elif name == "title" and value and "<" in value:
                self.refusals += [(as_written, message) for _needle, message in raw_html_refusals(value)]

    handle_startendtag = handle_starttag


def raw_html_refusals(fragment: str) -> list:
    """(needle, message) for each thing in raw HTML that could run script."""
    scanner = _RawHtmlScanner()
    scanner.feed(fragment)
    scanner.close()
    return scanner.refusals


class ScriptGuard(Treeprocessor):
    """Checks a page's elements and raw HTML for script (see the module's docstring).

    `report(needle, message)` records a problem; `trusted(element)` says whether the linker
    set that element's title; `checks_markup()` is False for pages whose authors are trusted.
    """

    def __init__(self, md, report: Callable[[str, str], None], trusted: Callable[[object], bool],
                 checks_markup: Callable[[], bool]):
        super().__init__(md)
        self.report = report
        self.trusted = trusted
        self.checks_markup = checks_markup

    def run(self, root):
        checking = self.checks_markup()
        for parent in list(root.iter()):
            for child in list(parent):
                if checking and isinstance(child.tag, str) and child.tag.lower() in REFUSED_TAGS:
                    self.report(f"<{child.tag}", f"<{child.tag}> is not allowed")
                    parent.remove(child)
            if "title" in parent.attrib and not self.trusted(parent):
                parent.set("title", tooltip_text(parent.get("title")))
            if checking:
                for name, value in list(parent.attrib.items()):
                    refusal = attribute_refusal(name, value)
                    if refusal and name.lower().startswith("on"):
                        self.report(value or name, refusal)
                        del parent.attrib[name]
                    elif refusal:  # kept, made inert: MkDocs expects every link to have its href
                        self.report(value, refusal)
                        parent.set(name, "#")
        if checking:
            stash = self.md.htmlStash.rawHtmlBlocks
            for index, block in enumerate(stash):
                refusals = raw_html_refusals(str(block))
                for needle, message in refusals:
                    self.report(needle, message)
                if refusals:
                    stash[index] = html.escape(str(block))


def sanitize(page_html: str) -> str:
    """HTML of a page built from data files, through nh3's allow-list (comments kept: they are
    the markers of the site-wide lists).

    Formulas are set aside and put back unchanged: KaTeX's HTML is ours (`math_render`), and the
    allow-list would strip its MathML and inline styles. Only the exact HTML of a formula rendered
    in this process is set aside; anything else between math markers is cleaned like the rest.
    """
    nonce = secrets.token_hex(8)  # the token for a formula cannot be written in a data file
    formulas: list = []

    def set_aside(match: re.Match) -> str:
        if not is_rendered(match.group(1)):
            return match.group(0)
        formulas.append(match.group(0))
        return f"<!--kb-math {nonce} {len(formulas) - 1}-->"

    cleaned = nh3.clean(_MATH.sub(set_aside, page_html), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        generic_attribute_prefixes={"data-"}, url_schemes=set(WEB_SCHEMES), link_rel=None,
                        strip_comments=False)
    return re.sub(f"<!--kb-math {nonce} (\\d+)-->", lambda match: formulas[int(match.group(1))], cleaned)
