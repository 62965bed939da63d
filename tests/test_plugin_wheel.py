"""Another knowledge base installs the built wheel in a fresh virtual environment and needs only
`plugins: - kb` in its mkdocs.yml: notes, terms and works become a linked site with its assets."""
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parents[1]
SITE = {
    "mkdocs.yml": """\
        site_name: Another knowledge base
        theme:
          name: material
        plugins:
          - kb
        """,
    "docs/index.md": "# Home\n\n<!-- kb:stats -->\n",
    "glossary.yml": """\
        - term: Reward model
          short: A model trained to score outputs the way people would.
          definition: A model trained on human comparisons to score outputs.
        """,
    "papers.yml": """\
        - key: one2020first
          title: The First Work
          authors: [Ann One]
          year: 2020
          url: https://example.org/first
        """,
    "notes/safety/a.md": """\
        ---
        title: A note
        summary: One sentence.
        ---

        A reward model is trained first [@one2020first].
        """,
}


def run(*command: str, cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def test_a_site_builds_from_the_wheel_with_only_plugins_kb(tmp_path):
    source = tmp_path / "source"  # a clean copy: setuptools' build/ folder would keep modules since removed
    shutil.copytree(PROJECT / "hooks", source / "hooks", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path / "dist"), str(source), cwd=tmp_path)
    wheel = next((tmp_path / "dist").glob("kbsite-*.whl"))
    run(sys.executable, "-m", "venv", str(tmp_path / "venv"), cwd=tmp_path)
    python = tmp_path / "venv" / "bin" / "python"
    run(str(python), "-m", "pip", "install", "--quiet", str(wheel), cwd=tmp_path)
    site = tmp_path / "site-src"
    for name, content in SITE.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(textwrap.dedent(content), encoding="utf-8")
    output = run(str(python), "-m", "mkdocs", "build", "--strict", cwd=site)
    assert not [line for line in output.splitlines() if line.startswith("WARNING")], output
    built = site / "site"
    note = BeautifulSoup((built / "safety" / "a" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert note.select_one("a.kb-term")["href"] == "../../glossary/#reward-model"
    assert note.select_one("span.kb-cite a").get_text() == "One, 2020"
    assert (built / "glossary" / "index.html").is_file() and (built / "papers" / "one2020first" / "index.html").is_file()
    assert (built / "assets" / "vendor" / "force-graph" / "force-graph.min.js").is_file()
    assert (built / "assets" / "kb" / "kb.js").is_file()
