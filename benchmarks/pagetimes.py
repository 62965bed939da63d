"""Where a build's time goes, by kind of page: one timed build of each kind at a size.

    .venv/bin/python benchmarks/pagetimes.py --size M [--terms 5000] [--json FILE]

Builds the corpus of benchmarks/run.py (same seed and folders) once plain and once with our hook,
each with benchmarks/page_timer.py added as a last hook to a copy of its mkdocs.yml, and prints for
every kind of page (note, paper page, glossary, ...) the pages built and the time in `_populate_page`
(Markdown and every extension, ours included) and in `_build_page` (search indexing, template, write).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import run  # noqa: E402

TIMER = Path(__file__).resolve().parent / "page_timer.py"


def timed_config(site: Path) -> Path:
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    if "\nhooks:\n" in text:
        text = text.replace("\nhooks:\n", f"\nhooks:\n  - {TIMER}\n", 1)
        # the timer must come last: move it after the project's hook
        lines = text.split("\n")
        start = lines.index("hooks:")
        end = start + 1
        while end < len(lines) and lines[end].startswith("  - "):
            end += 1
        entries = lines[start + 1:end]
        entries.append(entries.pop(0))
        lines[start + 1:end] = entries
        text = "\n".join(lines)
    else:
        text += f"\nhooks:\n  - {TIMER}\n"
    path = site / "mkdocs-timed.yml"
    path.write_text(text, encoding="utf-8")
    return path


def timed_build(site: Path, out: Path, timeout: float) -> dict:
    config = timed_config(site)
    times = out / f"pagetimes-{site.parent.name}-{site.name}.json"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config)], cwd=site,
                   env={**run.env_for_builds(), "KB_PAGE_TIMES": str(times)}, capture_output=True, timeout=timeout,
                   check=True)
    wall = time.perf_counter() - started
    data = json.loads(times.read_text(encoding="utf-8"))
    data["wall_s"] = wall
    return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="M", choices=sorted(generate.SIZES))
    parser.add_argument("--terms", type=int, help="override the size's glossary terms")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=run.OUT)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    notes, terms, works = generate.SIZES[args.size]
    terms = args.terms or terms
    kb_dir, plain_dir = run.corpus(args.out.resolve() / "corpora", notes, terms, works, args.seed)
    results = {"size": args.size, "notes": notes, "terms": terms, "works": works}
    for kind, site in (("plain", plain_dir), ("kb", kb_dir)):
        results[kind] = timed_build(site, args.out, args.timeout)
    header = f"{'build':<7}{'page kind':<15}{'pages':>7}{'populate s':>12}{'ms/page':>9}{'build s':>10}{'ms/page':>9}{'total ms/page':>15}"
    print(header)
    print("-" * len(header))
    for kind in ("plain", "kb"):
        data = results[kind]
        pages_s = 0.0
        for name, entry in sorted(data["kinds"].items(), key=lambda item: -item[1]["pages"]):
            count = entry["pages"] or 1
            pages_s += entry["populate_s"] + entry["build_s"]
            print(f"{kind:<7}{name:<15}{entry['pages']:>7}{entry['populate_s']:>12.2f}{1000 * entry['populate_s'] / count:>9.2f}"
                  f"{entry['build_s']:>10.2f}{1000 * entry['build_s'] / count:>9.2f}"
                  f"{1000 * (entry['populate_s'] + entry['build_s']) / count:>15.2f}")
        data["pages_s"] = pages_s
        print(f"{kind:<7}{'(outside pages)':<15}{'':>7}{data['wall_s'] - pages_s:>12.2f}   wall {data['wall_s']:.2f} s; "
              f"marks: " + ", ".join(f"{name} {value:.2f}" for name, value in data["marks_s"].items()))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
