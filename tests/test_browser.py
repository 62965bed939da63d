"""The site as a reader meets it, in headless Chromium from Debian's packages, served from 127.0.0.1."""
import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from browser import Watcher, free_port, screenshot, serve
from kbfixture import FILES
from sitebuild import build_site

def served_site(tmp_path_factory, files):
    port = free_port()
    result = build_site(tmp_path_factory.mktemp("browser"), files, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.output
    return serve(result.site, port)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with served_site(tmp_path_factory, FILES) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.watcher = Watcher(page)
    yield page
    context.close()


def assert_clean(page):
    assert page.watcher.outside == [], "requests left 127.0.0.1"
    assert page.watcher.errors == [], "console errors"
    assert page.watcher.dialogs == [], "a script ran"


def result_paths(results):
    """Result links without Material's `?h=` highlight query, read in one go."""
    return [re.sub(r"\?h=[^#]*", "", href) for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")]


def search(page, text):
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(text)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    results.first.wait_for(timeout=15000)
    # Each typed letter re-renders the results; wait until the list for the whole query stays put.
    previous, deadline = None, time.monotonic() + 15
    while time.monotonic() < deadline:
        current = result_paths(results)
        if current and current == previous:
            return results
        previous = current
        page.wait_for_timeout(300)
    raise AssertionError(f"search results for {text!r} kept changing")


def hover_tooltip(page, selector):
    """Hover until Material's tooltip shows (its listeners attach just after an instant navigation)."""
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    for _attempt in range(3):
        page.locator(selector).first.hover()
        try:
            tooltip.wait_for(timeout=3000)
            return tooltip.inner_text()
        except PlaywrightTimeout:
            page.mouse.move(0, 0)
    raise AssertionError(f"no tooltip on {selector}")


def katex_styling(page) -> dict:
    """What KaTeX's stylesheet does to the page's first formula: its MathML copy is only for screen
    readers (positioned off the page), its glyphs are in KaTeX's fonts, served by the site."""
    return page.evaluate("""async () => {
        await document.fonts.ready;
        return {
            mathml: getComputedStyle(document.querySelector("article .katex-mathml")).position,
            font: getComputedStyle(document.querySelector("article .katex")).fontFamily.split(",")[0],
            loaded: [...document.fonts].some(face => face.family === "KaTeX_Main" && face.status === "loaded"),
        };
    }""")


STYLED = {"mathml": "absolute", "font": "KaTeX_Main", "loaded": True}


def katex_requests(requested: list) -> list:
    return [url for url in requested if "katex" in url]


def test_math_is_typeset_without_javascript(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.watcher = Watcher(page)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "interpretability/superposition/")
    assert page.locator("article .kb-math > .katex").count() == 1
    assert page.locator("article .kb-math > .katex-display").count() == 1
    assert katex_styling(page) == STYLED
    text = page.locator("article").inner_text()
    assert "$" not in text and "\\mathrm" not in text  # no TeX shows, not even KaTeX's annotation of it
    assert "katex.min.css" in " ".join(katex_requests(requested))
    assert not [url for url in katex_requests(requested) if url.endswith(".js")]
    screenshot(page, "note.png")
    assert_clean(page)
    context.close()


def test_math_is_styled_after_instant_navigation_from_a_page_without_math(page, site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "interpretability/")
    assert page.locator("article .katex").count() == 0
    assert katex_requests(requested) == []  # no math, no KaTeX
    page.locator("article a", has_text="Superposition notes").click()  # an instant (XHR) navigation
    page.wait_for_url("**/interpretability/superposition/")
    page.locator("article .katex").first.wait_for()
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    page.wait_for_function("() => getComputedStyle(document.querySelector('article .katex-mathml')).position === 'absolute'")
    assert katex_styling(page) == STYLED
    assert not [url for url in katex_requests(requested) if url.endswith(".js")]
    assert_clean(page)


def test_search_finds_a_glossary_term_by_its_acronym(page, site):
    page.goto(site)
    results = search(page, "RLHF")
    assert any(href.endswith("glossary/#reinforcement-learning-from-human-feedback") for href in result_paths(results))
    entry = page.locator('.md-search-result__item a[href$="#reinforcement-learning-from-human-feedback"]').first
    assert entry.is_visible()  # listed, not folded away under "more on this page"
    entry.click()
    page.wait_for_url(lambda url: url.endswith("#reinforcement-learning-from-human-feedback"))
    expect(page.locator("#reinforcement-learning-from-human-feedback")).to_be_in_viewport()
    screenshot(page, "glossary.png")
    assert_clean(page)


@pytest.mark.parametrize("query", ["Constitutional AI Harmlessness", "Kadavath"])
def test_search_finds_a_paper_by_title_and_author(page, site, query):
    page.goto(site)
    results = search(page, query)
    hrefs = result_paths(results)
    assert any(href.endswith("papers/bai2022constitutional/") for href in hrefs[:3]), hrefs
    assert_clean(page)


def test_term_tooltip_survives_instant_navigation(page, site):
    page.goto(site + "safety/rlhf-limits/")
    text = hover_tooltip(page, 'article a.kb-term[href$="#sparse-autoencoder"]')
    assert text == "An autoencoder with a sparsity penalty, used to pull features out of superposition."
    page.mouse.move(0, 0)
    page.locator("a.kb-note-link").first.click()  # an instant (XHR) navigation
    page.wait_for_url("**/interpretability/superposition/")
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    page.mouse.move(0, 0)
    text = hover_tooltip(page, "article a.kb-term")
    assert text == "A network representing more features than it has dimensions."
    assert_clean(page)


def test_citation_leads_to_paper_page_that_lists_the_note(page, site):
    page.goto(site + "safety/rlhf-limits/")
    page.locator("span.kb-cite a", has_text="Nanda, 2023").click()
    page.wait_for_url("**/papers/nanda2023mechanistic/")
    cited = page.locator("ul.kb-link-list").first
    assert "RLHF and its limits" in cited.inner_text()
    screenshot(page, "paper.png")
    assert_clean(page)


def test_dark_mode_toggle(page, site):
    page.goto(site)
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') !== '{scheme}'")
    assert page.locator("body").get_attribute("data-md-color-scheme") in {"default", "slate"} - {scheme}
    assert_clean(page)


def test_papers_filter_by_tag(page, site):
    page.goto(site + "papers/")
    page.locator("button.kb-tag-button", has_text="superposition").click()
    visible = page.locator("article li:visible")
    assert visible.count() == 1 and "Toy Models of Superposition" in visible.first.inner_text()
    page.locator("button.kb-tag-button", has_text="all").click()
    assert page.locator("article li:visible").count() == 4
    assert_clean(page)


def test_note_link_preview_on_hover_and_keyboard_focus(page, site):
    page.goto(site + "reading-lists/starter/")
    page.locator(".md-tabs__link", has_text="Safety").click()  # instant navigation first
    page.wait_for_url("**/safety/")
    page.locator("article a", has_text="RLHF and its limits").click()
    page.wait_for_url("**/safety/rlhf-limits/")
    text = hover_tooltip(page, "a.kb-note-link")
    assert text.startswith("Superposition notes") and "Features stored in fewer dimensions" in text
    assert page.locator(".md-tooltip2--active .md-tooltip2__inner strong").inner_text() == "Superposition notes"
    page.mouse.move(0, 0)
    page.locator(".md-tooltip2--active").wait_for(state="detached", timeout=5000)
    page.locator("a.kb-note-link").first.focus()
    expect(page.locator(".md-tooltip2--active .md-tooltip2__inner")).to_contain_text("Superposition notes")
    assert_clean(page)


def test_graph_page_renders_nodes_and_a_click_navigates(page, site):
    page.goto(site + "graph/")
    graph = page.locator(".kb-graph:not(.kb-graph--local)")
    page.wait_for_selector(".kb-graph[data-kb-graph-ready]", timeout=30000)
    assert graph.get_attribute("data-kb-nodes") == "17"  # 4 notes, 9 terms, 4 works
    page.locator(".kb-graph__controls input[data-type=term]").uncheck()
    expect(graph).to_have_attribute("data-kb-nodes", "8")
    page.wait_for_selector(".kb-graph[data-kb-graph-ready]", timeout=30000)
    point = page.evaluate("""() => {
        const container = document.querySelector('.kb-graph');
        const node = container.kbGraph.graphData().nodes.find(n => n.id === 'note:safety/another.md');
        const local = container.kbGraph.graph2ScreenCoords(node.x, node.y);
        const box = container.querySelector('canvas').getBoundingClientRect();
        return {x: box.left + local.x, y: box.top + local.y};
    }""")
    page.mouse.move(point["x"], point["y"])  # force-graph picks the node under the pointer on move
    page.wait_for_timeout(300)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url("**/safety/another/")
    assert_clean(page)


def test_local_graph_opens_on_a_note(page, site):
    page.goto(site + "safety/rlhf-limits/")
    page.locator("details.kb-local-graph summary").click()
    page.wait_for_selector(".kb-graph--local[data-kb-graph-ready]", timeout=30000)
    nodes = int(page.locator(".kb-graph--local").get_attribute("data-kb-nodes"))
    assert 5 <= nodes < 17
    assert_clean(page)
