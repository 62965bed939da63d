"""Search benchmark: Pagefind (the site's search) and Material's lunr search on the same site.

For each site (the real knowledge base and the generated sizes), the site is built twice with our
hook: as configured (Pagefind) and with Material's search plugin added (lunr; the hook then leaves
search to Material). Each build is served from 127.0.0.1 and driven in Chromium:

- bytes of search files transferred (Pagefind's bundle, or lunr's index and worker) from the page
  load until the first query's results show, the query typed right after the load event;
- the time from the last keystroke of a query to its results' last change (median of 20 queries,
  typed one after the other into the open box);
- the size of the index on disk, and the build's time; for Pagefind, its indexing time (the
  hook's log line), which is part of the build;
- for the real site, the mean reciprocal rank of the judged query set (tests/search_queries.yml).

Queries: the judged set's for the real site; glossary term names for the generated sites.
Results go to a table on stdout and to JSON (`--json`, default benchmarks/out/search.json).
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

import generate  # noqa: E402
from browser import CHROMIUM_ARGS, chromium_path, free_port, serve  # noqa: E402
from search_quality import judged_queries, mean_reciprocal_rank, shown_results  # noqa: E402

PROJECT = generate.PROJECT
OUT = PROJECT / "benchmarks" / "out"
BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")
INDEXED = re.compile(r"Pagefind indexed (\d+) records in ([0-9.]+) s")
SEARCH_FILES = re.compile(r"/pagefind/|/search/search_index\.json|/workers/search\.")
RESULTS = {"pagefind": "[data-kb-search-list]", "lunr": ".md-search-result__list"}
QUERIES = 20


def build(site: Path, engine: str, timeout: float) -> dict:
    """Build `site` with `engine`; the built folder, the build time and Pagefind's indexing time."""
    config, out = site / "mkdocs.yml", site / f"site-{engine}"
    if engine == "lunr":
        config = site / "mkdocs-lunr.yml"
        config.write_text(generate.with_lunr_search((site / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config), "-d", str(out)],
                          cwd=site, capture_output=True, text=True, timeout=timeout,
                          env={**generate.os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"})
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{engine} build of {site} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    log = done.stdout + done.stderr
    built, indexed = BUILT_IN.search(log), INDEXED.search(log)
    index = out / "pagefind" if engine == "pagefind" else out / "search"
    return {"site": str(out), "wall_s": wall, "built_in_s": float(built.group(1)) if built else None,
            "indexing_s": float(indexed.group(2)) if indexed else None,
            "records": int(indexed.group(1)) if indexed else None,
            "index_bytes": sum(path.stat().st_size for path in index.rglob("*") if path.is_file())}


WATCH = """(selector) => {
  window.kbBench = { keys: [], changes: [] };
  addEventListener("keydown", () => window.kbBench.keys.push(performance.now()), true);
  new MutationObserver(() => window.kbBench.changes.push(performance.now()))
    .observe(document.querySelector(selector), { childList: true, subtree: true, characterData: true });
}"""


def settle(page, timeout: float, quiet: float = 1.0) -> None:
    """Wait until the results have not changed for `quiet` seconds (and have changed at all)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        idle = page.evaluate("() => kbBench.changes.length ? (performance.now() - kbBench.changes.at(-1)) / 1000 : -1")
        if idle >= quiet:
            return
        page.wait_for_timeout(100)
    raise TimeoutError("search results did not settle")


def latency_ms(page) -> float:
    return page.evaluate("() => kbBench.changes.at(-1) - kbBench.keys.at(-1)")


def measure(site_dir: Path, engine: str, queries: list, timeout: float) -> dict:
    """Bytes until the first results, and the keystroke-to-results time of each query."""
    from playwright.sync_api import sync_playwright
    finished = []  # requests of the page and its workers (Pagefind searches in a web worker)
    with serve(site_dir, free_port()) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("requestfinished", lambda request: finished.append(request))
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                   else route.abort())
        page.goto(root, wait_until="load")
        page.evaluate(WATCH, RESULTS[engine])
        field = page.locator("input.md-search__input").first
        field.click()
        started = time.perf_counter()
        field.press_sequentially(queries[0])
        settle(page, timeout)
        first = {"first_ms": latency_ms(page), "first_wall_s": time.perf_counter() - started,
                 "first_bytes": search_bytes(finished)}
        times = []
        for query in queries:
            field.fill("")
            page.wait_for_timeout(300)
            page.evaluate("() => { kbBench.keys = []; kbBench.changes = []; }")
            field.press_sequentially(query)
            settle(page, timeout)
            times.append(latency_ms(page))
        total = search_bytes(finished)
        browser.close()
    return {**first, "median_ms": statistics.median(times), "max_ms": max(times), "search_bytes_total": total}


def search_bytes(requests: list) -> int:
    """Bytes received (headers and body) for the search files among `requests`."""
    total = 0
    for request in requests:
        if SEARCH_FILES.search(request.url):
            sizes = request.sizes()
            total += sizes["responseHeadersSize"] + sizes["responseBodySize"]
    return total


def quality(site_dir: Path, engine: str) -> float:
    from playwright.sync_api import sync_playwright
    box = "pagefind" if engine == "pagefind" else "lunr"
    ranks = []
    with serve(site_dir, free_port()) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for judged in judged_queries():
            page.goto(root)
            ranks.append(judged.reciprocal_rank(shown_results(page, root, judged.query, box)))
        browser.close()
    return mean_reciprocal_rank(ranks)


def term_queries(site: Path) -> list:
    terms = yaml.safe_load((site / "glossary.yml").read_text(encoding="utf-8")) or []
    return [entry["term"] for entry in terms[:: max(1, len(terms) // QUERIES)]][:QUERIES]


def site_for(label: str, corpora: Path) -> tuple:
    """(site folder, queries) for "real" or a generated size."""
    if label == "real":
        copy = OUT / "search-real"
        if copy.exists():
            shutil.rmtree(copy)
        copy.mkdir(parents=True)
        for name in ("mkdocs.yml", "glossary.yml", "papers.yml"):
            shutil.copy(PROJECT / name, copy / name)
        for name in ("docs", "notes"):
            shutil.copytree(PROJECT / name, copy / name)
        config = generate.site_config()
        (copy / "mkdocs.yml").write_text(config, encoding="utf-8")
        return copy, [judged.query for judged in judged_queries()][:QUERIES]
    notes, terms, works = generate.SIZES[label]
    site = corpora / f"n{notes}-t{terms}-p{works}-s1" / "kb"
    generate.generate(site, notes, terms, works, 1)
    return site, term_queries(site)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", nargs="+", default=["real", "S"], help="real and/or sizes (S, M, L, XS)")
    parser.add_argument("--corpora", type=Path, default=OUT / "corpora")
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--json", type=Path, default=OUT / "search.json")
    args = parser.parse_args(argv)
    results = json.loads(args.json.read_text()) if args.json.is_file() else {}
    for label in args.sites:
        site, queries = site_for(label, args.corpora)
        row = {}
        for engine in ("pagefind", "lunr"):
            print(f"{label} {engine}: building", flush=True)
            built = build(site, engine, args.timeout)
            print(f"{label} {engine}: measuring in Chromium", flush=True)
            row[engine] = {**built, **measure(Path(built["site"]), engine, queries, 120)}
            if label == "real":
                row[engine]["mrr"] = quality(Path(built["site"]), engine)
            print(f"  {json.dumps(row[engine])}", flush=True)
        results[label] = row
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    print(table(results))
    return 0


def table(results: dict) -> str:
    lines = ["| site | engine | index on disk | build | indexing | bytes to first results | first query | median of 20 | MRR |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, row in results.items():
        for engine, r in row.items():
            indexing = f"{r['indexing_s']:.2f} s" if r.get("indexing_s") is not None else "-"
            lines.append(f"| {label} | {engine} | {r['index_bytes'] / 1024:,.0f} KB | {r['built_in_s']:.1f} s | {indexing} "
                         f"| {r['first_bytes'] / 1024:,.0f} KB | {r['first_ms']:,.0f} ms | {r['median_ms']:,.0f} ms "
                         f"| {r['mrr']:.3f} |" if "mrr" in r else
                         f"| {label} | {engine} | {r['index_bytes'] / 1024:,.0f} KB | {r['built_in_s']:.1f} s | {indexing} "
                         f"| {r['first_bytes'] / 1024:,.0f} KB | {r['first_ms']:,.0f} ms | {r['median_ms']:,.0f} ms | - |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
