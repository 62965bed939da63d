"""The judged query set (`search_queries.yml`) and how to score a search box against it in Chromium.

Shared by tests/test_search_quality.py and benchmarks/search_bench.py, so that the same queries
score Material's lunr search and ours on the same site.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

QUERIES_FILE = Path(__file__).with_name("search_queries.yml")
# The links of the results shown, in the order shown, for each search box.
RESULT_LINKS = {
    "lunr": ".md-search-result__item a.md-search-result__link:visible",
    "pagefind": ".kb-search a.kb-search__link:visible",
}


@dataclass(frozen=True)
class Judged:
    query: str
    top3: tuple  # tuples of URLs; one URL of each must be among the first three results

    def relevant(self) -> set:
        return {url for group in self.top3 for url in group}

    def reciprocal_rank(self, shown: list) -> float:
        """1/rank of the first result shown that is a judged one (0 if none is)."""
        relevant = self.relevant()
        return next((1 / rank for rank, url in enumerate(shown, 1) if url in relevant), 0.0)

    def missing(self, shown: list) -> list:
        """The judged results not among the first three shown."""
        return [group for group in self.top3 if not set(group) & set(shown[:3])]


def judged_queries() -> list:
    with open(QUERIES_FILE, encoding="utf-8") as handle:
        entries = yaml.safe_load(handle)
    return [Judged(entry["query"], tuple(tuple(item) if isinstance(item, list) else (item,) for item in entry["top3"]))
            for entry in entries]


def site_relative(href: str, page_url: str, root: str) -> str:
    """A result link as a URL relative to the site root, without highlight queries."""
    parts = urlsplit(urljoin(page_url, href))
    path = parts.path[len(urlsplit(root).path):]
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def shown_results(page, root: str, query: str, box: str, timeout: float = 15) -> list:
    """Type `query` into the header search box of the open page and return the results shown once
    they stop changing, as site-relative URLs."""
    field = page.locator("input.md-search__input").first
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field.fill("")
    field.press_sequentially(query)
    links = page.locator(RESULT_LINKS[box])
    if box == "pagefind":  # results of an earlier prefix may be on screen until this query's arrive
        page.locator("[data-kb-search-list]").first.wait_for(state="attached")
        page.wait_for_function("query => document.querySelector('[data-kb-search-list]').dataset.kbQuery === query",
                               arg=query, timeout=timeout * 1000)
    previous, deadline = None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        current = [site_relative(href, page.url, root) for href in hrefs]
        if current and current == previous:
            return current
        previous = current
        page.wait_for_timeout(300)
    raise AssertionError(f"search results for {query!r} did not settle: {previous}")


def mean_reciprocal_rank(ranks: list) -> float:
    return sum(ranks) / len(ranks) if ranks else 0.0


STRIP_QUERY = re.compile(r"\?[^#]*")
