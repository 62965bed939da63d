"""The site as a reader meets it, in headless Chromium from Debian's packages, served from 127.0.0.1."""
import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from browser import Watcher, free_port, screenshot, serve
from kbfixture import FILES
from search_quality import shown_results, site_relative
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


def search(page, site, text):
    """Type `text` into the header search box; the results shown, as site-relative URLs."""
    return shown_results(page, site, text, "pagefind")


def group_titles(page):
    return page.locator(".kb-search .kb-search__group-title").all_inner_texts()


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


@pytest.mark.parametrize("query", ["RLHF", "reinforcement learning from human feedback"])
def test_search_answers_a_term_or_alias_with_its_definition_first(page, site, query):
    page.goto(site)
    shown = search(page, site, query)
    assert shown[0] == "glossary/#reinforcement-learning-from-human-feedback", shown
    card = page.locator(".kb-search__group--answer")
    assert group_titles(page)[0].upper() == "DEFINITION"
    assert "Fine-tuning a model against a reward learned from human preference comparisons." in card.inner_text()
    assert "Also: RLHF" in card.inner_text()
    card.locator("a").click()
    page.wait_for_url(lambda url: url.endswith("#reinforcement-learning-from-human-feedback"))
    expect(page.locator("#reinforcement-learning-from-human-feedback")).to_be_in_viewport()
    marks = page.locator("article mark.kb-search-highlight")
    marks.first.wait_for()
    assert {text.lower() for text in marks.all_inner_texts()} >= set(query.lower().split())
    screenshot(page, "glossary.png")
    assert_clean(page)


def test_search_groups_notes_and_works_and_shows_what_each_is(page, site):
    page.goto(site)
    shown = search(page, site, "superposition")
    assert shown[0] == "glossary/#superposition"
    groups = page.locator(".kb-search__group")
    kinds = groups.evaluate_all("groups => groups.map(group => group.dataset.kind)")
    assert kinds[:3] == ["definition", "note", "paper"], kinds
    note = groups.nth(1).locator("a.kb-search__link").first
    assert site_relative(note.get_attribute("href"), page.url, site) == "interpretability/superposition/"
    assert "Interpretability" in note.locator(".kb-search__facts").inner_text()  # its section
    assert note.locator(".kb-search__excerpt mark").count() >= 1
    work = groups.nth(2).locator("a.kb-search__link").first
    assert work.locator("h1").inner_text() == "Toy Models of Superposition"
    assert work.locator(".kb-search__facts").inner_text() == "Elhage et al. · 2022 · paper"
    screenshot(page, "search.png")
    assert_clean(page)


@pytest.mark.parametrize("query", ["Constitutional AI Harmlessness", "Bai 2022"])
def test_search_finds_a_paper_by_title_and_author(page, site, query):
    page.goto(site)
    shown = search(page, site, query)
    assert "papers/bai2022constitutional/" in shown[:3], shown
    assert_clean(page)


def test_search_filters_by_kind_section_and_tag(page, site):
    page.goto(site)
    everything = search(page, site, "superposition")
    assert any(url.startswith("papers/") for url in everything) and any(url.startswith("glossary/") for url in everything)
    filters = page.locator(".kb-search__filters")
    filters.locator("select[name=kind]").select_option("paper")
    page.wait_for_function("() => [...document.querySelectorAll('.kb-search a.kb-search__link')]"
                           ".every(a => a.dataset.kind === 'paper')")
    papers = search_results_now(page, site)
    assert papers and all(url.startswith("papers/") for url in papers), papers
    filters.locator("select[name=kind]").select_option("")
    filters.locator("select[name=section]").select_option("Interpretability")
    page.wait_for_function("() => [...document.querySelectorAll('.kb-search a.kb-search__link')]"
                           ".every(a => a.dataset.kind === 'note')")
    assert sorted(search_results_now(page, site)) == ["interpretability/", "interpretability/superposition/"]
    filters.locator("select[name=section]").select_option("")
    filters.locator("select[name=tag]").select_option("superposition")
    page.wait_for_function("() => !document.querySelector('.kb-search a[href*=\"interpretability/superposition/\"]')")
    assert search_results_now(page, site) == ["papers/elhage2022toy/"]  # the one record tagged so
    assert_clean(page)


def search_results_now(page, site):
    hrefs = page.locator(".kb-search a.kb-search__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [site_relative(href, page.url, site) for href in hrefs]


def test_search_by_keyboard_alone(page, site):
    page.goto(site + "safety/rlhf-limits/")
    page.locator("article").click()
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("Toy Models")
    page.locator(".kb-search a.kb-search__link").first.wait_for()
    page.keyboard.press("ArrowDown")
    first = page.locator(".kb-search a.kb-search__link").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".kb-search a.kb-search__link").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(first).to_be_focused()
    page.keyboard.press("Escape")
    assert page.locator("#__search").is_checked() is False
    page.keyboard.press("s")
    assert page.locator("#__search").is_checked() is True
    target = site_relative(first.get_attribute("href"), page.url, site)
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(lambda url: site_relative(url, url, site) == target)
    assert_clean(page)


def test_search_works_after_instant_navigation(page, site):
    page.goto(site)
    page.evaluate("() => { window.sameDocument = true; }")
    page.locator(".md-tabs a", has_text="Interpretability").first.click()
    page.wait_for_url(lambda url: url.endswith("/interpretability/"))
    page.locator("article h1").first.wait_for()
    assert page.evaluate("() => window.sameDocument === true")  # Material's instant navigation, not a page load
    shown = search(page, site, "superposition")
    assert shown[0] == "glossary/#superposition"
    page.locator(".kb-search a.kb-search__link").nth(1).click()
    page.wait_for_url(lambda url: "/glossary/" not in url)
    page.locator("article mark.kb-search-highlight").first.wait_for()
    shown = search(page, site, "Constitutional AI")
    assert shown[0] == "glossary/#constitutional-ai"
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
    """Material's instant preview of a linked note (its title and summary, fetched from the site),
    after an instant navigation, on hover and on keyboard focus; a term keeps its definition tooltip."""
    page.goto(site + "reading-lists/starter/")
    page.locator(".md-tabs__link", has_text="Safety").click()  # instant navigation first
    page.wait_for_url("**/safety/")
    page.locator("article a", has_text="RLHF and its limits").click()
    page.wait_for_url("**/safety/rlhf-limits/")
    page.locator("a.kb-note-link").first.hover()
    preview = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    expect(preview.locator("h3")).to_have_text("Superposition notes")
    expect(preview.locator("p.kb-summary")).to_have_text("Features stored in fewer dimensions than there are features.")
    page.mouse.move(0, 0)
    page.locator(".md-tooltip2--active").wait_for(state="detached", timeout=5000)
    page.locator("a.kb-note-link").first.focus()
    expect(preview.locator("h3")).to_have_text("Superposition notes")
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


GRAPH_POINT = """id => {
    const container = document.querySelector('.kb-graph');
    const node = container.kbGraph.graphData().nodes.find(n => n.id === id);
    const local = container.kbGraph.graph2ScreenCoords(node.x, node.y);
    const box = container.querySelector('canvas').getBoundingClientRect();
    return {x: box.left + local.x, y: box.top + local.y};
}"""
PIXEL = """point => {  // the commonest colour of the 7x7 pixels around a node's centre (a link may cross it)
    const canvas = document.querySelector('.kb-graph canvas'), box = canvas.getBoundingClientRect();
    const scale = canvas.width / box.width;
    const data = canvas.getContext('2d').getImageData(
        Math.round((point.x - box.left) * scale) - 3, Math.round((point.y - box.top) * scale) - 3, 7, 7).data;
    const counts = {};
    for (let i = 0; i < data.length; i += 4) {
        const key = [data[i], data[i + 1], data[i + 2]].join();
        counts[key] = (counts[key] || 0) + 1;
    }
    return Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0].split(',').map(Number);
}"""


def settled_graph(page, site):
    page.goto(site + "graph/")
    page.wait_for_selector(".kb-graph[data-kb-graph-ready]", timeout=30000)
    page.wait_for_timeout(500)  # well past the last frame force-graph draws on its own


def test_graph_hover_highlights_neighbours_after_the_layout_settles(page, site):
    settled_graph(page, site)
    hovered = page.evaluate(GRAPH_POINT, "note:safety/another.md")
    other = page.evaluate(GRAPH_POINT, "work:elhage2022toy")  # not a neighbour of the hovered note
    before = page.evaluate(PIXEL, other)
    page.mouse.move(hovered["x"], hovered["y"])
    page.wait_for_timeout(300)
    after = page.evaluate(PIXEL, other)
    assert before == [46, 125, 50]  # the work's green
    assert after != before and max(after) - min(after) < 10  # greyed out, without a pan or zoom
    box = page.locator(".kb-graph canvas").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)  # an empty corner of the graph
    page.wait_for_timeout(300)
    assert page.evaluate(PIXEL, other) == before
    assert_clean(page)


def test_graph_labels_notes_and_fits_the_view(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("""window.kbLabels = [];
        const fillText = CanvasRenderingContext2D.prototype.fillText;
        CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
            window.kbLabels.push(text); return fillText.call(this, text, ...rest); };""")
    page = context.new_page()
    page.watcher = Watcher(page)
    settled_graph(page, site)
    labels = set(page.evaluate("() => window.kbLabels"))
    assert {"RLHF and its limits", "Superposition notes", "Another safety note", "Starter reading list"} <= labels
    assert "Toy Models of Superposition" not in labels and "Sparse autoencoder" not in labels  # notes only
    box = page.locator(".kb-graph canvas").bounding_box()
    ids = page.evaluate("() => document.querySelector('.kb-graph').kbGraph.graphData().nodes.map(n => n.id)")
    points = [page.evaluate(GRAPH_POINT, node_id) for node_id in ids]
    xs, ys = [p["x"] for p in points], [p["y"] for p in points]
    assert box["x"] <= min(xs) and max(xs) <= box["x"] + box["width"]
    assert box["y"] <= min(ys) and max(ys) <= box["y"] + box["height"]
    assert max(max(xs) - min(xs), max(ys) - min(ys)) > 0.6 * box["height"]  # zoomed to fit, not a speck
    assert_clean(page)
    context.close()


def test_graph_connections_list_is_reachable_by_keyboard(page, site):
    page.goto(site + "graph/")
    summary = page.locator("details.kb-graph-list summary")
    for _ in range(60):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    else:
        raise AssertionError("the list of connections is not reachable with Tab")
    page.keyboard.press("Enter")
    first = page.locator("details.kb-graph-list li a").first
    expect(first).to_be_visible()
    page.keyboard.press("Tab")
    expect(first).to_be_focused()
    assert_clean(page)


def test_citation_hover_shows_authors_year_and_summary(page, site):
    page.goto(site + "safety/rlhf-limits/")
    text = hover_tooltip(page, 'span.kb-cite a[href$="bai2022constitutional/"]')
    assert text.split("\n") == ["Constitutional AI: Harmlessness from AI Feedback",
                                "Yuntao Bai, Saurav Kadavath, Sandipan Kundu · 2022",
                                "Training a harmless assistant from a list of principles instead of human labels."]
    sizes = page.evaluate("""() => [parseFloat(getComputedStyle(document.querySelector('.md-tooltip2--active .md-tooltip2__inner')).fontSize),
                                    parseFloat(getComputedStyle(document.documentElement).fontSize)]""")
    assert sizes[0] >= 0.8 * sizes[1]
    assert_clean(page)


def test_skip_link_lands_on_the_title(page, site):
    page.goto(site + "safety/rlhf-limits/")
    page.keyboard.press("Tab")
    expect(page.locator("a.md-skip")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**#kb-title")
    title = page.locator("article h1#kb-title")
    expect(title).to_have_text("RLHF and its limits")
    expect(title).to_be_in_viewport()
    assert_clean(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_tap_on_a_term_shows_its_definition_then_the_glossary(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=True, is_mobile=width < 600)
    page = context.new_page()
    page.watcher = Watcher(page)
    page.goto(site + "safety/rlhf-limits/")
    term = page.locator('article a.kb-term[href$="#sparse-autoencoder"]').first
    term.tap()
    popup = page.locator(".kb-term-popup")
    expect(popup.locator("p")).to_have_text("An autoencoder with a sparsity penalty, used to pull features out of superposition.")
    expect(popup.locator("a")).to_have_text("Open in the glossary")
    assert popup.locator("a").get_attribute("href").endswith("glossary/#sparse-autoencoder")
    assert page.url.endswith("/safety/rlhf-limits/")  # the tap did not navigate away
    sizes = popup.evaluate("element => [parseFloat(getComputedStyle(element).fontSize), parseFloat(getComputedStyle(document.documentElement).fontSize)]")
    assert sizes[0] >= 0.8 * sizes[1]
    expect(page.locator(".md-tooltip2--active")).not_to_be_visible()  # one card, not Material's as well
    term.tap()  # the second tap follows the link
    page.wait_for_url("**/glossary/#sparse-autoencoder")
    expect(popup).to_have_count(0)
    assert_clean(page)
    context.close()


def test_tap_elsewhere_closes_the_definition_and_the_popup_link_opens_the_glossary(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.watcher = Watcher(page)
    page.goto(site + "safety/rlhf-limits/")
    page.locator('article a.kb-term[href$="#sparse-autoencoder"]').first.tap()
    page.locator("article h1").tap()
    expect(page.locator(".kb-term-popup")).to_have_count(0)
    page.locator('article a.kb-term[href$="#sparse-autoencoder"]').first.tap()
    page.locator(".kb-term-popup a").tap()
    page.wait_for_url("**/glossary/#sparse-autoencoder")
    assert_clean(page)
    context.close()
