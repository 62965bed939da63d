"""The judged query set (`search_queries.yml`) on the real knowledge base, in Chromium: each query's
judged results are among the first three shown. The mean reciprocal rank is printed (`-s`) and
compared with Material's lunr search in benchmarks/README.md."""
import pytest
from playwright.sync_api import sync_playwright

from browser import CHROMIUM_ARGS, Watcher, chromium_path, free_port, serve
from search_quality import judged_queries, mean_reciprocal_rank, shown_results


@pytest.fixture(scope="module")
def real_site(project_site):
    return project_site  # the project's own knowledge base, built once per session with --strict


def test_judged_queries_find_their_results_in_the_top_three(real_site):
    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    queries = judged_queries()
    assert len(queries) >= 25
    ranks, missing = [], {}
    with serve(real_site, free_port()) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        watcher = Watcher(page)
        page.goto(root)
        for judged in queries:
            shown = shown_results(page, root, judged.query, "pagefind")
            ranks.append(judged.reciprocal_rank(shown))
            if judged.missing(shown):
                missing[judged.query] = (judged.missing(shown), shown[:3])
        browser.close()
    print(f"\nmean reciprocal rank over {len(queries)} judged queries: {mean_reciprocal_rank(ranks):.3f}")
    assert missing == {}
    assert watcher.outside == [] and watcher.errors == []
