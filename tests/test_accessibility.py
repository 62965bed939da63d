"""Accessibility, measured: axe-core (npm, pinned in package.json) on the project's own site.

Every kind of page a reader meets is checked in both colour schemes against the WCAG 2.0/2.1
A and AA rules, Material's own chrome included; a violation fails with its rule and elements.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser import Watcher, free_port, serve
from sitebuild import PROJECT

AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # 2.2 AA adds target-size
PAGES = {
    "home": "",
    "section": "safety/",
    "note": "safety/rlhf-and-its-limits/",
    "glossary": "glossary/",
    "papers": "papers/",
    "paper": "papers/christiano2017deep/",
    "graph": "graph/",
    "tags": "tags/",
}
SCHEMES = {"light": "default", "dark": "slate"}  # the reader's preference -> Material's scheme


@pytest.fixture(scope="module")
def site(project_site):
    with serve(project_site, free_port()) as url:
        yield url


def violations(page) -> list:
    """axe-core's WCAG A/AA violations on the page as it is now: (rule, impact, element selectors)."""
    assert AXE.is_file(), "axe-core is missing: `make setup` installs it from package.json"
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
        .then(result => result.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]))""", WCAG_AA)
    return [(rule, impact, nodes) for rule, impact, nodes in found]


def report(found: list) -> str:
    return "\n".join(f"{rule} ({impact}, {len(nodes)}): {', '.join(nodes[:6])}" for rule, impact, nodes in found)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations(browser, site, name, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    watcher = Watcher(page)
    page.goto(site + PAGES[name])
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[scheme])
    if name == "graph":
        page.wait_for_selector(".kb-graph[data-kb-graph-ready]", timeout=30000)  # its legend is drawn by script
    found = violations(page)
    assert found == [], f"axe-core on {PAGES[name] or 'home'} ({scheme}):\n{report(found)}"
    assert watcher.outside == [] and watcher.errors == []
    context.close()
