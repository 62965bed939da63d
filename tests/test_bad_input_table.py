"""Bad and hostile input, case by case: `kb check` (in-process, the build's own validation) reports
each with the exact `path:line: message`, no traceback, and keeps the rest of the knowledge base.

A few of these cases are also built with `mkdocs build --strict` in test_bad_input.py, which proves
the same problems fail the build.
"""
from __future__ import annotations

import os

import pytest

from kbsite.bibtex import import_bibtex
from kbsite.check import check
from kbsite.papers import Registry
from kbfixture import PAPER
from sitebuild import fixture_config, write_site

TERM = "- term: Debate\n  definition: Two models argue; a judge decides.\n"
DIR, BROKEN_LINK = object(), object()


def config_line(key: str) -> int:
    """The line of `key:` in the fixture's mkdocs.yml."""
    return next(number for number, line in enumerate(fixture_config().splitlines(), 1) if line.strip().startswith(f"{key}:"))


def note(body: str = "Text.\n", front: str = "") -> str:
    return f"---\ntitle: A note\nsummary: One sentence.\n{front}---\n\n{body}"


def paper(**fields) -> str:
    """PAPER with fields replaced (value None removes the field) or added."""
    lines = PAPER.splitlines()
    out = []
    for line in lines:
        name = line.lstrip("- ").split(":", 1)[0]
        if name in fields:
            value = fields.pop(name)
            if value is not None:
                out.append(line.split(":", 1)[0] + ": " + value)
        else:
            out.append(line)
    out += [f"  {name}: {value}" for name, value in fields.items()]
    return "\n".join(out) + "\n"


def term(extra: str) -> str:
    return TERM + extra


# name: (files, the exact problem line expected among `kb check`'s findings)
CASES = {
    # --- YAML that parses but must be refused -------------------------------------------
    "alias bomb as order": (
        {"notes/safety/a.md": "---\ntitle: T\nsummary: S\nx: &a [1, 1, 1, 1, 1, 1, 1, 1]\norder: *a\n---\n"},
        "notes/safety/a.md:4: YAML error: YAML anchors and aliases (&a) are not allowed in knowledge files"),
    "alias as a paper's venue": (
        {"papers.yml": PAPER + "  venue: *v\n"},
        "papers.yml:6: YAML error: YAML anchors and aliases (*v) are not allowed in knowledge files"),
    "anchor on a glossary entry": (
        {"glossary.yml": "- &t\n  term: Debate\n  definition: d\n"},
        "glossary.yml:1: YAML error: YAML anchors and aliases (&t) are not allowed in knowledge files"),
    "alias as a term's id": (
        {"glossary.yml": "- term: &n Debate\n  id: *n\n  definition: d\n"},
        "glossary.yml:1: YAML error: YAML anchors and aliases (&n) are not allowed in knowledge files"),
    "unhashable key in glossary": (
        {"glossary.yml": TERM + "- ? [a, b]\n  : x\n  term: Other\n"},
        "glossary.yml:3: YAML error: a key must be text, not a list or mapping"),
    "unhashable key in front matter": (
        {"notes/safety/a.md": "---\ntitle: T\nsummary: S\n? {a: 1}\n: x\n---\n"},
        "notes/safety/a.md:4: YAML error: a key must be text, not a list or mapping"),
    "repeated key in a paper": (
        {"papers.yml": PAPER + "  year: 2021\n"},
        "papers.yml:6: YAML error: key 'year' repeated (first at line 4)"),
    "deep nesting": (
        {"glossary.yml": "".join(" " * i + "- \n" for i in range(2000))},
        "glossary.yml:1: YAML error: nested too deeply"),
    "python tag": (
        {"papers.yml": PAPER + "  venue: !!python/object/apply:os.system [echo]\n"},
        "papers.yml:6: YAML syntax error: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"),
    "scalar list item": (
        {"glossary.yml": TERM + "- just a word\n"},
        "glossary.yml:3: expected a mapping of fields for one of the terms, found just a word"),
    "list list item": (
        {"papers.yml": PAPER + "- [a, b]\n"},
        "papers.yml:6: expected a mapping of fields for one of the works, found a list"),
    "glossary is a mapping": (
        {"glossary.yml": "term: Debate\n"}, "glossary.yml:1: expected a YAML list of terms, found a mapping"),
    "papers is a string": ({"papers.yml": "hello\n"}, "papers.yml:1: expected a YAML list of works, found hello"),
    "two documents": (
        {"papers.yml": PAPER + "---\n" + PAPER},
        "papers.yml:6: YAML syntax error: expected a single document in the stream, but found another document"),
    "tab indentation": (
        {"glossary.yml": "- term: Debate\n\tdefinition: d\n"},
        "glossary.yml:2: YAML syntax error: while scanning a plain scalar, found a tab character that violates indentation"),
    "broken entry keeps the others": (
        {"papers.yml": PAPER + "- key: two\n  title: \"unclosed\n",
         "notes/safety/a.md": note("Still cited [@one2020first].\n")},
        "papers.yml:7: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream"),
    "papers.yml not UTF-8": ({"papers.yml": b"- key: a\n  title: Caf\xe9\n"}, "papers.yml:2: not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
    # --- types ------------------------------------------------------------------------------
    "authors as one string": (
        {"papers.yml": paper(authors="Ann One, Bob Two")},
        "papers.yml:3: entry 'one2020first': 'authors' must be a list, e.g. authors: [Ann One, Bob Two]"),
    "author that is a number": (
        {"papers.yml": paper(authors="[Ann One, 42]")},
        "papers.yml:3: entry 'one2020first': every item of 'authors' must be non-empty text (found 42; quote numbers)"),
    "empty authors": ({"papers.yml": paper(authors="[]")}, "papers.yml:3: entry 'one2020first': 'authors' must list at least one author"),
    "venue as a mapping": (
        {"papers.yml": paper(venue="{name: ICML}")},
        "papers.yml:6: entry 'one2020first': 'venue' must be text (found a mapping; quote it)"),
    "venue as a number": (
        {"papers.yml": paper(venue="2020")},
        "papers.yml:6: entry 'one2020first': 'venue' must be text (found 2020; quote it)"),
    "title as a number": (
        {"papers.yml": paper(title="1984")}, "papers.yml:2: entry 'one2020first': 'title' must be text (found 1984; quote it)"),
    "title as a list": (
        {"papers.yml": paper(title="[a, b]")}, "papers.yml:2: entry 'one2020first': 'title' must be text (found a list; quote it)"),
    "empty title": ({"papers.yml": paper(title="''")}, "papers.yml:2: entry 'one2020first': 'title' is empty"),
    "missing url": ({"papers.yml": paper(url=None)}, "papers.yml:1: entry 'one2020first': missing required field 'url'"),
    "missing authors": ({"papers.yml": paper(authors=None)}, "papers.yml:1: entry 'one2020first': missing required field 'authors'"),
    "missing key": ({"papers.yml": PAPER.replace("- key: one2020first\n  title", "- title")}, "papers.yml:1: entry: missing required field 'key'"),
    "key as a number": ({"papers.yml": paper(key="2020")}, "papers.yml:1: entry: key must match [a-z0-9][a-z0-9_-]* (got '2020')"),
    "year as a date": (
        {"papers.yml": paper(year="2020-01-01")},
        "papers.yml:4: entry 'one2020first': year must be a four-digit integer (got 'date')"),
    "year as text": ({"papers.yml": paper(year="'2020'")}, "papers.yml:4: entry 'one2020first': year must be a four-digit integer (got '2020')"),
    "year out of range": ({"papers.yml": paper(year="123456")}, "papers.yml:4: entry 'one2020first': year must be a four-digit integer (got '123456')"),
    "year true": ({"papers.yml": paper(year="true")}, "papers.yml:4: entry 'one2020first': year must be a four-digit integer (got 'true')"),
    "unknown kind": ({"papers.yml": paper(kind="blog")}, "papers.yml:6: entry 'one2020first': kind must be one of paper, post, talk, video, book, podcast (got 'blog')"),
    "arxiv as a float": (
        {"papers.yml": paper(arxiv="2001.00001")},
        "papers.yml:6: entry 'one2020first': not an arXiv id: '2001.00001' (quote it: arxiv: \"2212.08073\")"),
    "arxiv nonsense": ({"papers.yml": paper(arxiv="'not-an-id'")}, "papers.yml:6: entry 'one2020first': not an arXiv id: 'not-an-id' (quote it: arxiv: \"2212.08073\")"),
    "summary as a list": ({"papers.yml": paper(summary="[a]")}, "papers.yml:6: entry 'one2020first': 'summary' must be text (found a list; quote it)"),
    "paper tags as a string": (
        {"papers.yml": paper(tags="alignment")}, "papers.yml:6: entry 'one2020first': 'tags' must be a list, e.g. tags: [alignment]"),
    "paper tag with markup": (
        {"papers.yml": paper(tags="['<img src=x onerror=alert(1)>']")},
        "papers.yml:6: entry 'one2020first': 'tags': tag '<img src=x onerror=alert(1)>' must be words of letters, digits, '-', '_', '.' or '+'"),
    "long value is cut in the message": (
        {"papers.yml": paper(kind="x" * 100)},
        f"papers.yml:6: entry 'one2020first': kind must be one of paper, post, talk, video, book, podcast (got '{'x' * 39}…')"),
    "term as a number": ({"glossary.yml": "- term: 42\n  definition: d\n"}, "glossary.yml:1: entry: 'term' must be text (found 42; quote it)"),
    "term as a boolean": ({"glossary.yml": "- term: true\n  definition: d\n"}, "glossary.yml:1: entry: 'term' must be text (found true; quote it)"),
    "definition as a list": ({"glossary.yml": "- term: Debate\n  definition: [a]\n"}, "glossary.yml:2: term 'Debate': 'definition' must be text (found a list; quote it)"),
    "short as a mapping": ({"glossary.yml": term("  short: {a: 1}\n")}, "glossary.yml:3: term 'Debate': 'short' must be text (found a mapping; quote it)"),
    "aliases as a string": ({"glossary.yml": term("  aliases: Argument\n")}, "glossary.yml:3: term 'Debate': 'aliases' must be a list, e.g. aliases: [Argument]"),
    "alias that is a number": ({"glossary.yml": term("  aliases: [2001]\n")}, "glossary.yml:3: term 'Debate': every item of 'aliases' must be non-empty text (found 2001; quote numbers)"),
    "alias off and yes stay words": (
        {"glossary.yml": term("  aliases: [off, yes]\n") + "- term: Off\n  definition: d\n"},
        "glossary.yml:4: term 'Off': term 'Off' is already used as the alias of 'Debate' at line 1"),
    "one-letter term": ({"glossary.yml": "- term: a\n  definition: the article\n"}, "glossary.yml:1: term 'a': term 'a' is too short to match in prose (at least 2 characters)"),
    "one-letter alias": ({"glossary.yml": term("  aliases: [D]\n")}, "glossary.yml:3: term 'Debate': 'aliases': alias 'D' is too short to match in prose (at least 2 characters)"),
    "control character in a term": ({"glossary.yml": '- term: "De\\u0007bate"\n  definition: d\n'}, "glossary.yml:1: term 'De\x07bate': term 'De\x07bate' contains a control character"),
    "term id with markup": ({"glossary.yml": term('  id: "x\\" onmouseover=\\"alert(1)"\n')}, "glossary.yml:3: term 'Debate': id must match [a-z0-9][a-z0-9_-]* (got 'x\" onmouseover=\"alert(1)')"),
    "term tag with markup": ({"glossary.yml": term("  tags: ['<b>x</b>']\n")}, "glossary.yml:3: term 'Debate': 'tags': tag '<b>x</b>' must be words of letters, digits, '-', '_', '.' or '+'"),
    "see_also as a string": ({"glossary.yml": term("  see_also: Amplification\n")}, "glossary.yml:3: term 'Debate': 'see_also' must be a list, e.g. see_also: [Amplification]"),
    "glossary papers as a string": ({"glossary.yml": term("  papers: one2020first\n"), "papers.yml": PAPER}, "glossary.yml:3: term 'Debate': 'papers' must be a list, e.g. papers: [one2020first]"),
    "unknown glossary field": ({"glossary.yml": term("  defintion: x\n")}, "glossary.yml:3: term 'Debate': unknown field 'defintion' (allowed: aliases, definition, id, papers, see_also, short, tags, term)"),
    "numeric glossary field name": ({"glossary.yml": term("  1: x\n")}, "glossary.yml:3: term 'Debate': unknown field '1' (allowed: aliases, definition, id, papers, see_also, short, tags, term)"),
    # --- URLs in papers.yml -------------------------------------------------------------------
    "javascript url": ({"papers.yml": paper(url="javascript:alert(1)")}, "papers.yml:5: entry 'one2020first': url must be an http:// or https:// address (got 'javascript:alert(1)')"),
    "data url": ({"papers.yml": paper(url="'data:text/html,<script>alert(1)</script>'")}, "papers.yml:5: entry 'one2020first': url must be an http:// or https:// address (got 'data:text/html,<script>alert(1)</script>')"),
    "relative url": ({"papers.yml": paper(url="papers/x.html")}, "papers.yml:5: entry 'one2020first': url must be an http:// or https:// address (got 'papers/x.html')"),
    "url without host": ({"papers.yml": paper(url="https:///x")}, "papers.yml:5: entry 'one2020first': url must be an http:// or https:// address (got 'https:///x')"),
    "url with a quote": ({"papers.yml": paper(url="'https://a.org/\"onmouseover=alert(1)'")}, "papers.yml:5: entry 'one2020first': url must be an http:// or https:// address (got 'https://a.org/\"onmouseover=alert(1)')"),
    "url with a space": ({"papers.yml": paper(url="'https://a.org/a b'")}, "papers.yml:5: entry 'one2020first': url must be an http:// or https:// address (got 'https://a.org/a b')"),
    "ftp url": ({"papers.yml": paper(url="ftp://a.org/x")}, "papers.yml:5: entry 'one2020first': url must be an http:// or https:// address (got 'ftp://a.org/x')"),
    # --- script in the Markdown of glossary.yml and papers.yml ------------------------------
    "script in a definition": ({"glossary.yml": "- term: Debate\n  definition: >-\n    Argue.\n    <script>alert(1)</script>\n"}, "glossary.yml:4: raw HTML: <script> is not allowed"),
    "img onerror in a definition": ({"glossary.yml": "- term: Debate\n  definition: 'Argue <img src=x onerror=alert(1)>'\n"}, "glossary.yml:2: raw HTML: event-handler attribute 'onerror' is not allowed"),
    "attr_list handler in a definition": ({"glossary.yml": "- term: Debate\n  definition: '![x](https://a.org/x.png){: onerror=alert(1) }'\n"}, "glossary.yml:2: event-handler attribute 'onerror' is not allowed"),
    "javascript link in a definition": ({"glossary.yml": "- term: Debate\n  definition: '[x](javascript:alert(1))'\n"}, "glossary.yml:2: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "encoded javascript in a summary": ({"papers.yml": paper(summary="'[x](javascript&colon;alert(1))'")}, "papers.yml:6: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "decimal-encoded scheme in a summary": ({"papers.yml": paper(summary="'[x](&#106;avascript:alert(1))'")}, "papers.yml:6: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "reference link in a summary": ({"papers.yml": paper(summary="|\n    [x][r]\n\n    [r]: JAVASCRIPT:alert(1)")}, "papers.yml:9: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "iframe in a summary": ({"papers.yml": paper(summary="'<iframe src=\"https://a.org\"></iframe>'")}, "papers.yml:6: raw HTML: <iframe> is not allowed"),
    "svg onload in a summary": ({"papers.yml": paper(summary="'<svg onload=alert(1)></svg>'")}, "papers.yml:6: raw HTML: event-handler attribute 'onload' is not allowed"),
    "two summaries, one key each": (
        {"papers.yml": PAPER + "  summary: See [@ghost2020].\n" + PAPER.replace("one2020first", "two2020").replace("00001", "00002") + "  summary: Also [@ghost2020].\n"},
        "papers.yml:12: unknown citation key '@ghost2020' (not in papers.yml)"),
    "wikilink in a folded definition": (
        {"glossary.yml": "- term: Debate\n  definition: >-\n    Two models argue, see [[Nowhere\n    at all]].\n"},
        "glossary.yml:3: [[Nowhere at all]] names no note or glossary term"),
    # --- script in note bodies -----------------------------------------------------------------
    "script in a note": ({"notes/safety/a.md": note("Hi.\n\n<script>alert(1)</script>\n")}, "notes/safety/a.md:8: raw HTML: <script> is not allowed"),
    "inline script in a note": ({"notes/safety/a.md": note("Hi <script>alert(1)</script> there.\n")}, "notes/safety/a.md:6: raw HTML: <script> is not allowed"),
    "img onerror in a note": ({"notes/safety/a.md": note("<img src=x onerror=alert(1)>\n")}, "notes/safety/a.md:6: raw HTML: event-handler attribute 'onerror' is not allowed"),
    "upper-case handler in a note": ({"notes/safety/a.md": note("<b ONMOUSEOVER=alert(1)>x</b>\n")}, "notes/safety/a.md:6: raw HTML: event-handler attribute 'onmouseover' is not allowed"),
    "details ontoggle in a note": ({"notes/safety/a.md": note("<details open ontoggle=alert(1)><summary>x</summary></details>\n")}, "notes/safety/a.md:6: raw HTML: event-handler attribute 'ontoggle' is not allowed"),
    "javascript link in a note": ({"notes/safety/a.md": note("Line.\n\n[x](javascript:alert(1))\n")}, "notes/safety/a.md:8: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "mixed-case scheme in a note": ({"notes/safety/a.md": note("[x](JaVaScRiPt:alert(1))\n")}, "notes/safety/a.md:6: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "colon entity in a note": ({"notes/safety/a.md": note("[x](javascript&colon;alert(1))\n")}, "notes/safety/a.md:6: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "numeric colon in a note": ({"notes/safety/a.md": note("[x](javascript&#58;alert(1))\n")}, "notes/safety/a.md:6: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "hex letter in a note": ({"notes/safety/a.md": note("[x](&#x6A;avascript:alert(1))\n")}, "notes/safety/a.md:6: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "tab entity in a raw link": ({"notes/safety/a.md": note('<a href="jav&#x09;ascript:alert(1)">x</a>\n')}, "notes/safety/a.md:6: raw HTML: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "reference-style link in a note": ({"notes/safety/a.md": note("See [x][evil].\n\n[evil]: javascript:alert(1)\n")}, "notes/safety/a.md:8: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "image with javascript in a note": ({"notes/safety/a.md": note("![x](javascript:alert(1))\n")}, "notes/safety/a.md:6: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "data image in a note": ({"notes/safety/a.md": note("![x](data:image/svg+xml;base64,PHN2Zz4=)\n")}, "notes/safety/a.md:6: a 'data:' URL is not allowed (only http, https, mailto or relative links)"),
    "vbscript in a note": ({"notes/safety/a.md": note("[x](vbscript:msgbox(1))\n")}, "notes/safety/a.md:6: a 'vbscript:' URL is not allowed (only http, https, mailto or relative links)"),
    "attr_list handler on an image": ({"notes/safety/a.md": note("![x](https://a.org/x.png){: onerror=\"alert(1)\" }\n")}, "notes/safety/a.md:6: event-handler attribute 'onerror' is not allowed"),
    "attr_list handler on a paragraph": ({"notes/safety/a.md": note("Text.\n{: onclick=\"alert(1)\" }\n")}, "notes/safety/a.md:7: event-handler attribute 'onclick' is not allowed"),
    "attr_list href on a heading": ({"notes/safety/a.md": note("## Head {: href=\"javascript:alert(1)\" }\n")}, "notes/safety/a.md:6: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "md_in_html handler": ({"notes/safety/a.md": note("<div markdown onmouseover=\"alert(1)\">\n\n*x*\n\n</div>\n")}, "notes/safety/a.md:6: event-handler attribute 'onmouseover' is not allowed"),
    "iframe in a note": ({"notes/safety/a.md": note("<iframe src=\"https://a.org\"></iframe>\n")}, "notes/safety/a.md:6: raw HTML: <iframe> is not allowed"),
    "object in a note": ({"notes/safety/a.md": note("<object data=\"x.swf\"></object>\n")}, "notes/safety/a.md:6: raw HTML: <object> is not allowed"),
    "embed in a note": ({"notes/safety/a.md": note("<embed src=\"x.swf\">\n")}, "notes/safety/a.md:6: raw HTML: <embed> is not allowed"),
    "form in a note": ({"notes/safety/a.md": note("<form action=\"https://a.org\"><button>go</button></form>\n")}, "notes/safety/a.md:6: raw HTML: <form> is not allowed"),
    "meta refresh in a note": ({"notes/safety/a.md": note("<meta http-equiv=\"refresh\" content=\"0;url=https://a.org\">\n")}, "notes/safety/a.md:6: raw HTML: <meta> is not allowed"),
    "base tag in a note": ({"notes/safety/a.md": note("<base href=\"https://a.org/\">\n")}, "notes/safety/a.md:6: raw HTML: <base> is not allowed"),
    "handler in a raw title": ({"notes/safety/a.md": note("<abbr title=\"&lt;img src=x onerror=alert(1)&gt;\">x</abbr>\n")}, "notes/safety/a.md:6: raw HTML: event-handler attribute 'onerror' is not allowed"),
    "svg with script in a note": ({"notes/safety/a.md": note("<svg><script>alert(1)</script></svg>\n")}, "notes/safety/a.md:6: raw HTML: <script> is not allowed"),
    "svg animate sets an href": ({"notes/safety/a.md": note('<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="9">x</text></a></svg>\n')}, "notes/safety/a.md:6: raw HTML: <animate> is not allowed"),
    "svg set adds a handler": ({"notes/safety/a.md": note('<svg><set attributeName="onmouseover" to="alert(1)"/></svg>\n')}, "notes/safety/a.md:6: raw HTML: <set> is not allowed"),
    "xlink href in svg": ({"notes/safety/a.md": note('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>\n')}, "notes/safety/a.md:6: raw HTML: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "style with javascript url": ({"notes/safety/a.md": note("<b style=\"background:url(javascript:alert(1))\">x</b>\n")}, "notes/safety/a.md:6: raw HTML: a style with script is not allowed"),
    "srcset with javascript": ({"notes/safety/a.md": note("<img srcset=\"javascript:alert(1)\">\n")}, "notes/safety/a.md:6: raw HTML: a 'javascript:' URL is not allowed (only http, https, mailto or relative links)"),
    "script in a section introduction": ({"notes/safety/index.md": "---\ntitle: Safety\n---\n\n<script>alert(1)</script>\n"}, "notes/safety/index.md:5: raw HTML: <script> is not allowed"),
    # --- front matter ---------------------------------------------------------------------------
    "misspelt tags field": ({"notes/safety/a.md": note(front="tgas: [x]\n")}, "notes/safety/a.md:4: front matter: unknown field 'tgas' (allowed: glossary_links, hide, icon, order, summary, tags, template, title)"),
    "misspelt glossary_links": ({"notes/safety/a.md": note(front="glosary_links: all\n")}, "notes/safety/a.md:4: front matter: unknown field 'glosary_links' (allowed: glossary_links, hide, icon, order, summary, tags, template, title)"),
    "tags as a string": ({"notes/safety/a.md": note(front="tags: alignment\n")}, "notes/safety/a.md:4: front matter: 'tags' must be a list, e.g. tags: [alignment]"),
    "tag with markup": ({"notes/safety/a.md": note(front="tags: ['<script>x</script>']\n")}, "notes/safety/a.md:4: front matter: 'tags': tag '<script>x</script>' must be words of letters, digits, '-', '_', '.' or '+'"),
    "title as a number": ({"notes/safety/a.md": "---\ntitle: 1984\nsummary: S\n---\n"}, "notes/safety/a.md:2: front matter: 'title' must be text (found 1984; quote it)"),
    "summary as a list": ({"notes/safety/a.md": "---\ntitle: T\nsummary: [a]\n---\n"}, "notes/safety/a.md:3: front matter: 'summary' must be text (found a list; quote it)"),
    "order as text": ({"notes/safety/a.md": note(front="order: first\n")}, "notes/safety/a.md:4: front matter: 'order' must be an integer (got 'first')"),
    "order as a boolean": ({"notes/safety/a.md": note(front="order: true\n")}, "notes/safety/a.md:4: front matter: 'order' must be an integer (got 'true')"),
    "glossary_links unknown": ({"notes/safety/a.md": note(front="glossary_links: some\n")}, "notes/safety/a.md:4: front matter: 'glossary_links' must be one of first, all, off"),
    "hide unknown option": ({"notes/safety/a.md": note(front="hide: [sidebar]\n")}, "notes/safety/a.md:4: front matter: 'hide': 'sidebar' is not one of navigation, toc, footer, tags"),
    "template the theme lacks": ({"notes/safety/a.md": note(front="template: nowhere.html\n")}, "notes/safety/a.md:4: front matter: template 'nowhere.html' is not in the theme"),
    "icon the theme lacks": ({"notes/safety/a.md": note(front="icon: material/no-such-icon\n")}, "notes/safety/a.md:4: front matter: icon 'material/no-such-icon' is not one of the theme's icons"),
    "front matter closed at the end without newline": ({"notes/safety/a.md": "---\ntitle: T\nsummary: S\n---"}, "notes/safety/a.md:4: front matter: end the closing '---' with a newline"),
    "front matter is a list": ({"notes/safety/a.md": "---\n- a\n---\n"}, "notes/safety/a.md:2: front matter must be a mapping of fields"),
    "section title as a list": ({"notes/safety/index.md": "---\ntitle: [a]\n---\n"}, "notes/safety/index.md:2: front matter: 'title' must be text"),
    # --- files under notes/ -----------------------------------------------------------------------
    "note two folders deep": ({"notes/safety/deep/a.md": note()}, "notes/safety/deep: notes may not be nested: put the note in notes/<section>/<name>.md"),
    "upper-case extension": ({"notes/safety/a.MD": note()}, "notes/safety/a.MD: write the extension in lower case: .md"),
    "note directly in notes": ({"notes/a.md": note()}, "notes/a.md: a note must be in a section folder: notes/<section>/<name>.md"),
    "README in a section": ({"notes/safety/README.md": note()}, "notes/safety/README.md: README.md would replace the section's index page; use index.md for a section introduction"),
    "section named like a generated page": ({"notes/tags/a.md": note()}, "notes/tags: section folder not used: 'tags' is the folder of a generated page; rename it"),
    "section named glossary": ({"notes/glossary/a.md": note()}, "notes/glossary: section folder not used: 'glossary' is the folder of a generated page; rename it"),
    "section with a space": ({"notes/my section/a.md": note()}, "notes/my section: section folder not used: a section folder name may only use letters, digits, '-' and '_'; rename it"),
    "hash in a file name": ({"notes/safety/a#b.md": note()}, "notes/safety/a#b.md: a note's file name may only use letters, digits, '-' and '_' (it becomes the note's URL)"),
    "question mark in a file name": ({"notes/safety/a?b.md": note()}, "notes/safety/a?b.md: a note's file name may only use letters, digits, '-' and '_' (it becomes the note's URL)"),
    "directory named like a note": ({"notes/safety/x.md": DIR}, "notes/safety/x.md: a folder named like a note; notes are files"),
    "dangling symlink": ({"notes/safety/x.md": BROKEN_LINK}, "notes/safety/x.md: cannot be read (a broken symbolic link?)"),
    "glossary.yml a directory": ({"glossary.yml": DIR}, "glossary.yml: is a directory, not a file"),
    "papers.yml a dangling symlink": ({"papers.yml": BROKEN_LINK}, "papers.yml: cannot be read: a broken symbolic link"),
    # --- line numbers -----------------------------------------------------------------------------
    "unknown key first seen in a code span": (
        {"notes/safety/a.md": note("Write `[@nobody2020]` to cite.\n\nReal [@nobody2020].\n")},
        "notes/safety/a.md:8: unknown citation key '@nobody2020' (not in papers.yml)"),
    "unknown key first seen in a fence": (
        {"notes/safety/a.md": note("```\n[@nobody2020]\n```\n\nReal [@nobody2020].\n")},
        "notes/safety/a.md:10: unknown citation key '@nobody2020' (not in papers.yml)"),
    "citation of a broken entry": (
        {"papers.yml": paper(year="soon"), "notes/safety/a.md": note("Cites [@one2020first].\n")},
        "notes/safety/a.md:6: unknown citation key '@one2020first' (its entry in papers.yml has problems)"),
    "duplicate key reports the second": (
        {"papers.yml": PAPER + PAPER.replace("00001", "00002")},
        "papers.yml:6: entry 'one2020first': duplicate key 'one2020first', already used by 'one2020first' at line 1"),
    # --- mkdocs.yml ------------------------------------------------------------------------------
    "nav_max_notes as a word": (
        {"mkdocs.yml": fixture_config().replace("nav_max_notes: 100", "nav_max_notes: lots")},
        f"mkdocs.yml:{config_line('nav_max_notes')}: Config value 'plugins': Plugin 'kb' option 'nav_max_notes': "
        "Expected a whole number (0 or more), got 'lots'"),
    "nav_max_notes negative": (
        {"mkdocs.yml": fixture_config().replace("nav_max_notes: 100", "nav_max_notes: -1")},
        f"mkdocs.yml:{config_line('nav_max_notes')}: Config value 'plugins': Plugin 'kb' option 'nav_max_notes': "
        "Expected a whole number (0 or more), got -1"),
    "glossary_links unknown in mkdocs.yml": (
        {"mkdocs.yml": fixture_config().replace("glossary_links: first", "glossary_links: most")},
        f"mkdocs.yml:{config_line('glossary_links')}: Config value 'plugins': Plugin 'kb' option 'glossary_links': "
        "Expected one of: ('first', 'all', 'off') but received: 'most'"),
    "trusted_html not a boolean": (
        {"mkdocs.yml": fixture_config().replace("nav_max_notes: 100", "nav_max_notes: 100\n      trusted_html: maybe")},
        f"mkdocs.yml:{config_line('nav_max_notes') + 1}: Config value 'plugins': Plugin 'kb' option 'trusted_html': "
        "Expected type: <class 'bool'> but received: <class 'str'>"),
    "unknown option": (
        {"mkdocs.yml": fixture_config().replace("nav_max_notes: 100", "nav_max_notes: 100\n      glossary_link: all")},
        f"mkdocs.yml:{config_line('nav_max_notes') + 1}: Config value 'plugins': Plugin 'kb' option 'glossary_link': "
        "Unrecognised configuration name: glossary_link"),
    "section_order names no folder": (
        {"mkdocs.yml": fixture_config().replace("nav_max_notes: 100", "nav_max_notes: 100\n      section_order: [safety, nowhere]"),
         "notes/safety/a.md": note()},
        f"mkdocs.yml:{config_line('nav_max_notes') + 1}: section_order: no folder notes/nowhere/"),
}


def write(root, files: dict):
    """A fixture site with `files`; DIR makes a folder and BROKEN_LINK a symbolic link to nothing."""
    plain = {name: content for name, content in files.items() if content not in (DIR, BROKEN_LINK)}
    write_site(root, plain)
    for name, content in files.items():
        path = root / name
        if path.exists() and content in (DIR, BROKEN_LINK):
            path.unlink()
        if content is DIR:
            path.mkdir(parents=True)
        elif content is BROKEN_LINK:
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(root / "nowhere", path)


def test_the_table_is_large():
    assert len(CASES) >= 100


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_with_file_and_line(tmp_path, name):
    files, expected = CASES[name]
    write(tmp_path, files)
    found = [str(problem) for problem in check(str(tmp_path))]
    assert found.count(expected) == 1, "\n".join(found)


def test_one_broken_work_leaves_the_others_citable(tmp_path):
    write(tmp_path, {"papers.yml": PAPER + "- key: two\n  title: \"unclosed\n" + PAPER.replace("one2020first", "three2020").replace("00001", "00003"),
                     "notes/safety/a.md": note("Cites [@one2020first] and [@three2020].\n")})
    assert [str(problem) for problem in check(str(tmp_path))] == [
        "papers.yml:7: YAML syntax error: while scanning a quoted scalar, found unexpected end of stream"]


def test_documented_words_are_accepted(tmp_path):
    """`off`, `yes` and `no` are words: `glossary_links: off` is the documented value, in a note's
    front matter and in mkdocs.yml (which MkDocs reads as YAML 1.1, where `off` is false)."""
    write(tmp_path, {"notes/safety/a.md": note("Debate here.\n", front="glossary_links: off\n"), "glossary.yml": TERM,
                     "mkdocs.yml": fixture_config().replace("glossary_links: first", "glossary_links: off")})
    assert check(str(tmp_path)) == []


def test_bibtex_import_refuses_what_the_registry_refuses():
    """`kb import-bib` takes the registry's URL rule, and refuses values it cannot expand rather
    than importing them as written; each refusal names the .bib line. An unbalanced brace is one
    unreadable entry, not two authors merged."""
    bib = """@string{neu = "NeurIPS"}
@inproceedings{good2020,
  title = {Good}, author = {Ann One and Bob Two}, year = 2020, booktitle = neu,
  url = {https://example.org/good}
}
@article{concat2021,
  title = {Concatenated}, author = {Cy Three}, year = 2021, journal = neu # " 2021",
  url = {https://example.org/concat}
}
@article{script2021,
  title = {Script}, author = {Di Four}, year = 2021, url = {javascript:alert(1)}
}
@article{unbalanced2022,
  title = {Unbalanced}, author = {Ed Five and {Fay Six}, year = 2022,
  url = {https://example.org/unbalanced}
"""
    result = import_bibtex(bib, "refs.bib", Registry([]))
    assert [(work["key"], work["venue"]) for work in result.added] == [("good2020", "NeurIPS")]
    assert result.skipped == [
        ("concat2021", "journal: an undefined @string macro or a '#' concatenation (not expanded; write the value out) (refs.bib:6)"),
        ("script2021", "url must be an http:// or https:// address (got 'javascript:alert(1)') (refs.bib:10)")]
    assert [problem.line for problem in result.problems] == [13]


def test_trusted_html_lets_note_bodies_keep_raw_html(tmp_path):
    """`trusted_html: true` (a `kb` plugin option) is the one switch for sites whose every author is trusted: note
    bodies keep raw HTML, handlers and any URL; data files are still checked."""
    write(tmp_path, {"mkdocs.yml": fixture_config().replace("nav_max_notes: 100", "nav_max_notes: 100\n      trusted_html: true"),
                     "notes/safety/a.md": note("<script>window.x = 1</script>\n\n[x](javascript:void(0))\n"),
                     "glossary.yml": "- term: Debate\n  definition: '<script>x</script>'\n"})
    assert [str(problem) for problem in check(str(tmp_path))] == ["glossary.yml:2: raw HTML: <script> is not allowed"]
