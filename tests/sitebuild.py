"""Build fixture sites with the real `mkdocs build --strict` and read their HTML."""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parents[1]


def fixture_config(site_url: str = "http://127.0.0.1:8000/") -> str:
    """The project's mkdocs.yml (its `kb` plugin is installed with the project), watching the library's
    folder for a site in another folder; without the project's `section_order`, which names its folders."""
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    text = "".join(line for line in text.splitlines(keepends=True) if not line.strip().startswith("section_order:"))
    text = text.replace("\n  - hooks\n", f"\n  - {PROJECT / 'hooks'}\n")
    return re.sub(r"^site_url: .*$", f"site_url: {site_url}", text, count=1, flags=re.M)


def write_site(root: Path, files: dict, site_url: str = "http://127.0.0.1:8000/") -> Path:
    """Write a fixture site: mkdocs.yml, docs/index.md, empty glossary/registry, then `files`."""
    defaults = {
        "mkdocs.yml": fixture_config(site_url),
        "docs/index.md": "# Fixture\n\n<!-- kb:stats -->\n",
        "glossary.yml": "",
        "papers.yml": "",
    }
    for name, content in {**defaults, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    (root / "notes").mkdir(exist_ok=True)
    return root


@dataclass
class Build:
    """The outcome of one `mkdocs build --strict`."""

    root: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, url_path: str) -> BeautifulSoup:
        """Parse the page built at `url_path` (e.g. `safety/rlhf/`)."""
        path = self.site / url_path
        if url_path.endswith("/") or not url_path:
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def search_records(self) -> dict:
        """What Pagefind indexed, by URL: each record's text, meta and filters (a fragment file is
        gzip of `pagefind_dcd` and the record's JSON)."""
        records = {}
        for path in sorted((self.site / "pagefind" / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            assert data.startswith(b"pagefind_dcd"), path
            record = json.loads(data[len(b"pagefind_dcd"):])
            records[record["url"]] = record
        return records

    def warnings(self) -> list:
        """Our hook's warning lines (`WARNING - kb: path:line: message`), message part only."""
        return [line.split("kb: ", 1)[1] for line in self.output.splitlines() if line.startswith("WARNING") and "kb: " in line]


def build(root: Path, strict: bool = True) -> Build:
    """Run the real MkDocs CLI on a fixture site."""
    command = [sys.executable, "-m", "mkdocs", "build", "--clean"] + (["--strict"] if strict else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=300)
    return Build(root, result.returncode, result.stdout + result.stderr)


def build_site(root: Path, files: dict, strict: bool = True, site_url: str = "http://127.0.0.1:8000/") -> Build:
    """Write and build a fixture site."""
    return build(write_site(root, files, site_url), strict)


def heading_texts(page, tag: str = "h2") -> list:
    """The article's headings of one level, without Material's permalink sign."""
    return [heading.get_text(strip=True).rstrip("¶") for heading in page.select(f"article {tag}")]


def build_project(out: Path, hash_seed: str, **variables: str) -> Path:
    """Build the project's own knowledge base with --strict into `out` (`variables`: environment, e.g. SITE_URL)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": hash_seed, **variables}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                            cwd=PROJECT, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out
