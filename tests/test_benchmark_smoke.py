"""The benchmark harness (benchmarks/) at a tiny size, so it never rots. No timing assertions."""
import filecmp
import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
GENERATE = PROJECT / "benchmarks" / "generate.py"
RUN = PROJECT / "benchmarks" / "run.py"


def _same_tree(left: Path, right: Path) -> bool:
    compared = filecmp.dircmp(left, right)
    if compared.left_only or compared.right_only or compared.funny_files:
        return False
    _match, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    return not mismatch and not errors and all(_same_tree(left / name, right / name) for name in compared.common_dirs)


def test_generator_is_deterministic(tmp_path):
    for name in ("a", "b"):
        subprocess.run([sys.executable, str(GENERATE), "--size", "XS", "--seed", "3", "--out", str(tmp_path / name),
                        "--plain", str(tmp_path / f"{name}-plain")], check=True, capture_output=True, timeout=120)
    assert _same_tree(tmp_path / "a", tmp_path / "b")
    notes = sorted((tmp_path / "a" / "notes").glob("*/*.md"))
    assert len(notes) == 20
    text = notes[0].read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ") and "\n## " in text and "```python" in text and "$$" in text and "[@" in text
    assert len(sorted((tmp_path / "a-plain" / "docs").glob("*/*.md"))) == 20


def test_benchmark_runs_at_xs(tmp_path):
    out, results = tmp_path / "out", tmp_path / "results.json"
    command = [sys.executable, str(RUN), "--sizes", "XS", "--runs", "1", "--glossary-at", "XS",
               "--glossary-terms", "20", "40", "--serve-at", "XS", "--settle", "1", "--timeout", "300",
               "--out", str(out), "--json", str(results)]
    finished = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=900)
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    data = json.loads(results.read_text(encoding="utf-8"))

    size = data["sizes"]["XS"]
    for kind in ("plain", "kb"):
        build = size[kind]
        assert build["runs"] == 1
        assert build["wall_s"] > 0 and build["ms_per_page"] > 0 and build["max_rss_mb"] > 0
        assert build["pages"] > 20  # every note plus the home page
        assert build["site_mb"] > 0 and build["search_index_mb"] > 0
        site = Path(size["site_dirs"][kind]) / "site"
        assert (site / "index.html").is_file()
        assert (site / ("pagefind/pagefind-entry.json" if kind == "kb" else "search/search_index.json")).is_file()
    assert size["kb"]["pages"] > size["plain"]["pages"]  # glossary, paper and section pages
    assert not [line for line in size["kb"]["warnings"] if "kb:" in line], size["kb"]["warnings"]
    assert size["ratio_total"] > 0 and size["ratio_per_page"] > 0
    assert size["check"]["wall_s"] > 0 and size["check"]["cpu_s"] > 0 and size["ratio_check"] > 0

    kb_site = Path(size["site_dirs"]["kb"]) / "site"
    assert (kb_site / "glossary" / "index.html").is_file()
    note_pages = [path for path in kb_site.glob("*/*/index.html") if path.parent.parent.name not in ("papers", "tags")]
    assert len(note_pages) == 20
    assert 'class="kb-term"' in note_pages[0].read_text(encoding="utf-8")

    glossary = data["glossary"]
    assert glossary["low"]["wall_s"] > 0 and glossary["high"]["wall_s"] > 0
    assert glossary["pair_ratios"] == [glossary["high"]["wall_s"] / glossary["low"]["wall_s"]]  # one run each
    assert glossary["pair_ratio_median"] == glossary["pair_ratios"][0]
    serve = data["serve"]
    assert serve["kb"]["livereload"]["note_edit"]["wall_s"] > 0
    assert serve["kb"]["dirty"]["glossary_edit"]["wall_s"] > 0
    assert serve["plain"]["livereload"]["note_edit"]["wall_s"] > 0
    assert not (out / "tmp").exists() or not any((out / "tmp").iterdir())  # serve cleaned up its site folders
    assert data["machine"]["nproc"] >= 1


def test_analysis_helpers_run_at_xs(tmp_path):
    """pagetimes.py and linkcost.py, used for the analysis in benchmarks/README.md."""
    times = tmp_path / "pagetimes.json"
    for script, extra in (("pagetimes.py", ["--json", str(times)]),
                          ("linkcost.py", ["--notes", "10", "--repeat", "1", "--site-lists"])):
        finished = subprocess.run([sys.executable, str(PROJECT / "benchmarks" / script), "--size", "XS",
                                   "--out", str(tmp_path / "out"), *extra],
                                  cwd=PROJECT, capture_output=True, text=True, timeout=600)
        assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    data = json.loads(times.read_text(encoding="utf-8"))
    assert data["kb"]["kinds"]["note"]["pages"] == 20 and data["plain"]["kinds"]["note"]["pages"] == 20
    assert "related_notes" in finished.stdout and "graph_json" in finished.stdout
