"""Math at build time: what rendering costs the build, and what a reader's browser gets (issue 18).

    .venv/bin/python benchmarks/mathcost.py [--site .] [--built SITE_DIR] [--pages URL ...] [--json FILE]

Without `--built`, builds the site at `--site` in this process (MkDocs' own `build`, the project's
mkdocs.yml) with the math treeprocessor and KaTeX's V8 start-up timed, and prints the build's wall
time, the time spent on math and the formulas rendered. Then (or on an already built site with
`--built`, e.g. one built from an older commit) it serves the site on 127.0.0.1 and loads each page
in Debian's Chromium with an empty cache: the layout shift (sum of `layout-shift` entries without
recent input, observed from the first paint until 3 s after load: CLS as the page settles) and the
bytes transferred (navigation plus every resource, `transferSize`; the test server does not compress).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS, chromium_path, free_port, serve  # noqa: E402

PAGES = ["interpretability/superposition-and-toy-models/", "evals/compute-trends/"]
SHIFTS = """
window.kbShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.kbShifts.push(entry.value);
}).observe({type: "layout-shift", buffered: true});
"""


def timed_build(site: Path, site_dir: Path) -> dict:
    """Build `site` into `site_dir` in this process, timing the math treeprocessor and KaTeX's start."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from kbsite import math_render, math_tree

    spent = {"math_s": 0.0, "v8_start_s": 0.0, "formulas": 0, "distinct": 0}
    run, js, render = math_tree.MathTreeprocessor.run, math_render.KatexRenderer._js, math_render.KatexRenderer._render

    def timed_run(self, root):
        started = time.perf_counter()
        spent["formulas"] += sum(1 for element in root.iter()
                                 if element.tag == "script" and (element.get("type") or "").startswith("math/tex"))
        try:
            return run(self, root)
        finally:
            spent["math_s"] += time.perf_counter() - started

    def timed_js(self):
        started, fresh = time.perf_counter(), self._context is None
        try:
            return js(self)
        finally:
            spent["v8_start_s"] += (time.perf_counter() - started) if fresh else 0.0

    def counted_render(self, tex, display):
        spent["distinct"] += 1
        return render(self, tex, display)

    math_tree.MathTreeprocessor.run, math_render.KatexRenderer._js = timed_run, timed_js
    math_render.KatexRenderer._render = counted_render
    try:
        config = load_config(str(site / "mkdocs.yml"), site_dir=str(site_dir))
        started = time.perf_counter()
        build(config)
        spent["build_s"] = time.perf_counter() - started
    finally:
        math_tree.MathTreeprocessor.run, math_render.KatexRenderer._js = run, js
        math_render.KatexRenderer._render = render
    return spent


def measure_pages(site_dir: Path, pages: list) -> dict:
    """CLS and bytes transferred for each page, loaded cold in Chromium."""
    from playwright.sync_api import sync_playwright

    results = {}
    port = free_port()
    with serve(site_dir, port) as url, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for path in pages:
            context = chromium.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.add_init_script(SHIFTS)
            page.goto(url + path, wait_until="load")
            page.wait_for_timeout(3000)
            results[path] = page.evaluate("""() => ({
                cls: window.kbShifts.reduce((sum, value) => sum + value, 0),
                bytes: performance.getEntriesByType("navigation")[0].transferSize
                       + performance.getEntriesByType("resource").reduce((sum, entry) => sum + entry.transferSize, 0),
                katex: performance.getEntriesByType("resource").filter(entry => entry.name.includes("katex"))
                       .map(entry => [entry.name.split("/").pop(), entry.transferSize]),
            })""")
            context.close()
        chromium.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT, help="folder of the site's mkdocs.yml")
    parser.add_argument("--built", type=Path, help="measure this built site instead of building")
    parser.add_argument("--pages", nargs="+", default=PAGES)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report: dict = {}
    with tempfile.TemporaryDirectory() as scratch:
        site_dir = args.built
        if site_dir is None:
            site_dir = Path(scratch) / "site"
            report["build"] = timed_build(args.site.resolve(), site_dir)
            build = report["build"]
            print(f"build {build['build_s']:.2f} s, math {build['math_s']:.3f} s "
                  f"({build['math_s'] / build['build_s']:.1%}; V8 and KaTeX start {build['v8_start_s']:.3f} s), "
                  f"{build['formulas']} formulas, {build['distinct']} rendered (the others from the cache)")
        report["pages"] = measure_pages(site_dir, args.pages)
    for path, page in report["pages"].items():
        print(f"{path}: CLS {page['cls']:.3f}, {page['bytes'] / 1024:.1f} KB transferred; KaTeX files {page['katex']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
