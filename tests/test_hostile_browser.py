"""A hostile knowledge base in Chromium: nothing a contribution writes runs as script, in any sink.

The corpus puts script into every place knowledge-base text reaches HTML: note, section, term,
alias and work titles, summaries, definitions, authors, venues, link and abbreviation titles, raw
HTML and URLs. It is built without --strict (as `mkdocs serve` shows it while the writer fixes the
problems), then every page is loaded, hovered, focused and clicked, the graph hovered and the
search used, with `alert` and a sentinel global watched. The refused inputs also fail --strict.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import Watcher, free_port, serve
from kbfixture import FILES, GLOSSARY, PAPERS
from search_quality import shown_results
from sitebuild import build, build_site

RUN = "window.kbPwned=(window.kbPwned||0)+1"
IMG = f'"><img src=x onerror="{RUN}">'
SCRIPT = f"<script>{RUN}</script>"
TEXT = f"Cats & Dogs {IMG} {SCRIPT}"  # must show exactly like this wherever it appears
YAML_TEXT = TEXT.replace("'", "''")

CORPUS = {
    "glossary.yml": GLOSSARY + f"""\
- term: 'Hostile {YAML_TEXT}'
  aliases: ['Evil alias {YAML_TEXT}']
  short: 'Short {YAML_TEXT}'
  definition: 'Defined as {YAML_TEXT} here, with [a link](javascript:{RUN}) and ![x](x.png){{: onerror="alert(3)" }}.'
- term: Quiet term
  definition: 'Its first sentence carries {YAML_TEXT} only'
""",
    "papers.yml": PAPERS + f"""\
- key: evil2024paper
  title: 'Evil {YAML_TEXT}'
  authors: ['Mallory {YAML_TEXT}', 'Eve']
  year: 2024
  url: https://example.org/evil
  venue: 'Venue {YAML_TEXT}'
  summary: 'Summary {YAML_TEXT} and [x](java&#115;cript:{RUN}).'
""",
    "notes/safety/index.md": f"---\ntitle: 'Safety {YAML_TEXT}'\n---\n\nThe section's introduction.\n",
    "notes/safety/hostile.md": f"""\
---
title: 'Note {YAML_TEXT}'
summary: 'Summary {YAML_TEXT}'
tags: [alignment]
---

The Hostile {TEXT} term, the quiet term and the evil alias {TEXT} appear here [@evil2024paper].
A [titled link](https://example.org/ "Title {IMG}") and an ABBR.

*[ABBR]: Abbreviation {IMG}

Raw: {IMG} and <a href="javascript:{RUN}">a raw link</a>, [a Markdown link](JavaScript:{RUN}),
[an encoded one](javascript&colon;{RUN}), and a paragraph with a handler.
{{: onmouseover="alert(4)" }}

## A heading {IMG}

See [[RLHF and its limits]].
""",
    "notes/safety/linking.md": """\
---
title: Linking note
summary: Links the hostile note, so its title shows in previews, backlinks and related notes.
---

Read [[safety/hostile]] and the [hostile note](hostile.md); it cites [@evil2024paper].
""",
    "notes/reading-lists/evil-list.md": """\
---
title: Evil reading list
summary: A card for the hostile work.
---

## Week 1

- [@evil2024paper] — the hostile work.
""",
}
PAGES = ["", "safety/", "safety/hostile/", "safety/linking/", "glossary/", "papers/", "papers/evil2024paper/",
         "reading-lists/evil-list/", "tags/", "graph/"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    port = free_port()
    result = build_site(tmp_path_factory.mktemp("hostile"), {**FILES, **CORPUS}, strict=False,
                        site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
    assert "Traceback" not in result.output
    with serve(result.site, port) as url:
        yield url, result


def test_the_refused_inputs_fail_strict(hostile_site):
    _url, result = hostile_site
    strict = build(result.root, strict=True)
    assert strict.returncode != 0
    definition, summary = GLOSSARY.count("\n") + 4, PAPERS.count("\n") + 7  # the lines in CORPUS' entries
    for expected in (f"glossary.yml:{definition}: a 'javascript:' URL is not allowed",
                     f"glossary.yml:{definition}: event-handler attribute 'onerror' is not allowed",
                     f"papers.yml:{summary}: a 'javascript:' URL is not allowed",
                     "notes/safety/hostile.md:7: raw HTML: <script> is not allowed",
                     "notes/safety/hostile.md:10: raw HTML: event-handler attribute 'onerror' is not allowed",
                     "notes/safety/hostile.md:12: raw HTML: a 'javascript:' URL is not allowed",
                     "notes/safety/hostile.md:12: a 'javascript:' URL is not allowed",
                     "notes/safety/hostile.md:13: a 'javascript:' URL is not allowed",
                     "notes/safety/hostile.md:14: event-handler attribute 'onmouseover' is not allowed"):
        assert expected in strict.output, strict.output


def poke(page):
    """Hover, focus, open and click what a reader would: tooltips, previews, details, the graph, a link."""
    for link in page.locator("article [title], article abbr, article a[data-preview]").all()[:40]:
        if link.is_visible():
            link.hover()
            page.wait_for_timeout(150)
    for _ in range(15):
        page.keyboard.press("Tab")
    for details in page.locator("article details").all():
        details.evaluate("element => { element.open = true; }")
    graph = page.locator(".kb-graph__canvas canvas")
    if graph.count():
        page.wait_for_timeout(1500)
        box = graph.first.bounding_box()
        for x in range(1, 10):
            for y in range(1, 6):
                page.mouse.move(box["x"] + box["width"] * x / 10, box["y"] + box["height"] * y / 6)
        page.wait_for_timeout(200)


SENTINEL = """Object.defineProperty(window, "kbPwned", {configurable: true,
  get() { return this.kbPwnedBy ? 1 : undefined; },
  set(value) { this.kbPwnedBy = new Error("the sentinel ran").stack; }});"""


def open_page(browser):
    """A page whose sentinel records the stack of whatever set it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(SENTINEL)
    page = context.new_page()
    page.watcher = Watcher(page)
    return context, page


def nothing_ran(page):
    assert page.watcher.dialogs == [], "alert ran"
    assert page.evaluate("() => window.kbPwnedBy") is None
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"], [onerror], [onmouseover], "
                         "a[href^=\"javascript\" i]').length") == 0
    assert page.watcher.outside == []


@pytest.mark.parametrize("path", PAGES)
def test_no_script_runs_on_any_page(browser, hostile_site, path):
    url, _result = hostile_site
    context, page = open_page(browser)
    page.goto(url + path)
    page.wait_for_load_state("networkidle")
    poke(page)
    nothing_ran(page)
    context.close()


def test_text_is_shown_once_escaped(browser, hostile_site):
    url, _result = hostile_site
    context, page = open_page(browser)
    page.goto(url + "safety/hostile/")
    assert page.locator("article h1").inner_text() == f"Note {TEXT}"
    assert page.title().startswith(f"Note {TEXT}")
    assert f"Note {TEXT}" in page.locator("nav.md-nav--primary").inner_text()
    assert f"Safety {TEXT}" in page.locator("nav.md-nav--primary").inner_text()
    page.locator('a.kb-term:text-is("quiet term")').hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(timeout=5000)
    assert tooltip.inner_text() == f"Its first sentence carries {TEXT} only"
    references = page.locator("ol.kb-references").inner_text()
    assert f"Mallory {TEXT}" in references and f"Evil {TEXT}" in references
    page.goto(url + "safety/linking/")
    page.locator("article a.kb-note-link").first.hover()  # Material's instant preview of the hostile note
    preview = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    expect(preview.locator("h3")).to_have_text(f"Note {TEXT}")
    related = page.locator(".kb-related").inner_text()  # the work's label: the surname is the script, as text
    assert "Evil reading list shares 1 work (<script>window.kbPwned=(window.kbPwned||0)+1</script> & Eve, 2024)" in related
    page.goto(url + "papers/evil2024paper/")
    article = page.locator("article").inner_text()
    assert f"Venue {TEXT}" in article and "Summary Cats & Dogs" in article  # the summary's raw HTML was refused: shown inert
    assert "&amp;" not in article
    page.goto(url + "glossary/")
    mentioned = page.locator("article").inner_text()
    assert f"Note {TEXT}" in mentioned and "&amp;" not in mentioned
    nothing_ran(page)
    context.close()


def test_search_results_are_text(browser, hostile_site):
    """Titles, sections, authors, short definitions and excerpts in the search panel show as text,
    once escaped; Pagefind's excerpts keep only their <mark>s as elements."""
    url, _result = hostile_site
    context, page = open_page(browser)
    page.goto(url)
    panel = page.locator(".kb-search [data-kb-search-list]")
    shown = shown_results(page, url, "Cats Dogs", "pagefind")
    assert "safety/hostile/" in shown and "papers/evil2024paper/" in shown
    note = page.locator('.kb-search a.kb-search__link[data-kind="note"]', has_text="Note Cats").first
    assert note.locator("h1").inner_text() == f"Note {TEXT}"
    assert note.locator(".kb-search__facts").inner_text() == f"Safety {TEXT}"
    excerpt = note.locator(".kb-search__excerpt")
    assert 'onerror="window.kbPwned' in excerpt.inner_text()  # the refused raw HTML, as text
    assert excerpt.locator("mark").count() > 0
    assert excerpt.evaluate("node => [...node.querySelectorAll('*')].every(child => child.tagName === 'MARK')")
    work = page.locator('.kb-search a.kb-search__link[data-kind="paper"]', has_text="Evil Cats").first
    assert work.locator("h1").inner_text() == f"Evil {TEXT}"
    shown_results(page, url, "Hostile", "pagefind")
    term = page.locator('.kb-search a.kb-search__link[data-kind="definition"]', has_text="Hostile Cats").first
    assert term.locator("h1").inner_text() == f"Hostile {TEXT}"
    assert term.locator(".kb-search__short").inner_text() == f"Short {TEXT}"
    assert term.locator(".kb-search__facts").inner_text() == f"Also: Evil alias {TEXT}"
    for result in page.locator(".kb-search a.kb-search__link").all()[:10]:
        result.hover()
    assert "&amp;" not in panel.inner_text() and "&lt;" not in panel.inner_text()
    assert panel.evaluate("node => node.querySelectorAll('img, script, [onerror]').length") == 0
    nothing_ran(page)
    context.close()


def test_new_sinks_show_text_once_escaped(browser, hostile_site):
    """The citation card, the touch definition popup and the graph's list of connections."""
    url, _result = hostile_site
    context, page = open_page(browser)
    page.goto(url + "safety/hostile/")
    page.locator('span.kb-cite a[href$="evil2024paper/"]').hover()
    card = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    card.wait_for(timeout=5000)
    title, facts, summary = card.inner_text().split("\n")
    assert (title, facts) == (f"Evil {TEXT}", f"Mallory {TEXT}, Eve · 2024 · Venue {TEXT}")
    assert summary.startswith(f"Summary {TEXT} and x")  # the refused link's text; the rest as plain text
    page.goto(url + "graph/")
    listed = page.locator("details.kb-graph-list")
    listed.locator("summary").click()
    line = listed.locator("li", has=page.locator("a", has_text="Linking note")).first
    assert f"Note {TEXT}" in line.inner_text() and f"Evil {TEXT}" in line.inner_text()
    nothing_ran(page)
    context.close()
    touch = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    touch.add_init_script(SENTINEL)
    page = touch.new_page()
    page.watcher = Watcher(page)
    page.goto(url + "safety/hostile/")
    page.locator('a.kb-term:text-is("quiet term")').tap()
    assert page.locator(".kb-term-popup p").inner_text() == f"Its first sentence carries {TEXT} only"
    nothing_ran(page)
    touch.close()
