"""The reader's way in, in Chromium on the project's own site: the "Start here" path from the home
page, its previous and next links, the note's end sections in its table of contents, and the tags
page with notes apart from works."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import Watcher, free_port, serve


@pytest.fixture(scope="module")
def site(project_site):
    with serve(project_site, free_port()) as url:
        yield url


def test_a_reader_follows_the_start_here_path(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watcher = Watcher(page)
    page.goto(site)
    path = page.locator("ol.kb-path > li > a")
    expect(path).to_have_count(8)
    titles = path.all_inner_texts()
    path.first.click()
    expect(page.locator("article h1")).to_have_text(titles[0])
    expect(page.locator("nav.kb-path-nav")).to_contain_text("step 1 of 8")
    assert page.locator("nav.kb-path-nav a[rel=prev]").count() == 0
    page.locator("nav.kb-path-nav a[rel=next]").click()
    expect(page.locator("article h1")).to_have_text(titles[1])
    expect(page.locator("nav.kb-path-nav")).to_contain_text("step 2 of 8")
    page.locator("nav.kb-path-nav a[rel=prev]").click()
    expect(page.locator("article h1")).to_have_text(titles[0])
    page.locator(".md-sidebar--secondary a.md-nav__link", has_text="Linked from").click()  # an end section, from the TOC
    expect(page.locator("#linked-from")).to_be_in_viewport()
    assert watcher.errors == [] and watcher.outside == []
    page.close()


def test_the_tags_page_lists_notes_then_works_by_tag(browser, site):
    page = browser.new_page()
    watcher = Watcher(page)
    page.goto(site + "tags/")
    links = page.evaluate("""() => {
        const split = document.getElementById('works-by-tag');
        return [...document.querySelectorAll('article a[href]')].map(a => [
            split.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before',
            a.closest('.kb-groups') ? 'works' : '', new URL(a.href).pathname]);
    }""")
    before = [path for where, _, path in links if where == "before"]
    after = [path for where, part, path in links if where == "after" and part == "works"]
    assert any("/safety/" in path for path in before)  # Material's listing: notes
    assert not any("/papers/" in path for path in before)
    assert after and all("/papers/" in path for path in after)  # ours: works
    assert watcher.errors == [] and watcher.outside == []
    page.close()
