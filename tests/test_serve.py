"""`mkdocs serve` picks up edits to glossary.yml and notes, with no state carried between rebuilds."""
import json
import os
import subprocess
import sys
import time
import urllib.request

from bs4 import BeautifulSoup

from browser import free_port
from kbfixture import FILES, GLOSSARY
from sitebuild import write_site


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return BeautifulSoup(response.read().decode("utf-8"), "html.parser")


def wait_for(check, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def mentioned(page, term_id):
    entry = page.select_one(f'div[data-kb-term="{term_id}"]')
    return [link.get_text() for link in entry.select("ul.kb-link-list a")] if entry else None


def test_serve_rebuilds_glossary_and_notes_without_leaking_state(tmp_path):
    port = free_port()
    root = write_site(tmp_path, FILES, site_url=f"http://127.0.0.1:{port}/")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        base = f"http://127.0.0.1:{port}/"
        first = wait_for(lambda: fetch(base + "glossary/"))
        assert mentioned(first, "superposition") == ["Superposition notes"]
        (root / "glossary.yml").write_text(GLOSSARY + "- term: Toy model\n  definition: A small model built to study one effect.\n",
                                           encoding="utf-8")
        page = wait_for(lambda: (lambda p: p if mentioned(p, "toy-model") is not None else None)(fetch(base + "glossary/")))
        assert mentioned(page, "toy-model") == ["RLHF and its limits", "Starter reading list"]
        assert mentioned(page, "superposition") == ["Superposition notes"]  # not doubled
        note = root / "notes/safety/another.md"
        note.write_text(note.read_text(encoding="utf-8") + "\nIt also mentions the toy model.\n", encoding="utf-8")
        page = wait_for(lambda: (lambda p: p if len(mentioned(p, "toy-model")) == 3 else None)(fetch(base + "glossary/")))
        assert mentioned(page, "toy-model") == ["Another safety note", "RLHF and its limits", "Starter reading list"]
        backlinks = fetch(base + "interpretability/superposition/").select("ul.kb-backlinks > li")
        assert len(backlinks) == 1
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_dirty_build_keeps_every_site_wide_list(tmp_path):
    """`mkdocs build --dirty` (what `serve --dirty` runs) after one note changed: the lists that span
    all pages (mentions, backlinks, search) still include the notes MkDocs would have skipped."""
    root = write_site(tmp_path, FILES)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def dirty_build():
        run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty"], cwd=root, env=env,
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return run.stderr

    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root, env=env, check=True,
                   capture_output=True)
    note = root / "notes/safety/another.md"
    time.sleep(0.05)  # a later modification time than the built page
    note.write_text(note.read_text(encoding="utf-8") + "\nIt also mentions superposition.\n", encoding="utf-8")
    log = dirty_build()
    assert "every page is rebuilt" in log
    glossary = BeautifulSoup((root / "site/glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    assert mentioned(glossary, "superposition") == ["Another safety note", "Superposition notes"]
    backlinks = BeautifulSoup((root / "site/interpretability/superposition/index.html").read_text(encoding="utf-8"),
                              "html.parser").select("ul.kb-backlinks > li")
    assert len(backlinks) == 1
    index = json.loads((root / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [entry["location"] for entry in index]
    assert len(locations) == len(set(locations))
    assert "interpretability/superposition/" in locations and "safety/another/" in locations
