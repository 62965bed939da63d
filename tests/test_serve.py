"""`mkdocs serve` picks up edits to glossary.yml and notes, with no state carried between rebuilds."""
import json
import os
import subprocess
import sys
import time
import urllib.error
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


def tooltip(page, term_id):
    """The tooltip of the page's link to a glossary term ("" if it has none)."""
    link = page.select_one(f'article a.kb-term[href$="#{term_id}"]')
    return link["title"] if link is not None else ""


def search_count(base):
    """How many records the site's search index holds (Pagefind's entry file)."""
    with urllib.request.urlopen(base + "pagefind/pagefind-entry.json", timeout=5) as response:
        return sum(language["page_count"] for language in json.loads(response.read())["languages"].values())


def serve_dirty(root, port, log):
    """`mkdocs serve --dirty` on the site at `root`, its output written to `log`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w") as output:
        return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                cwd=root, stdout=output, stderr=output, env=env)


def test_serve_dirty_renders_only_the_edited_note_and_updates_every_list(tmp_path):
    """`mkdocs serve --dirty`: after a note's body changes, only that note is rendered again; the
    lists other pages show (mentions, backlinks) still cover every page."""
    port = free_port()
    root = write_site(tmp_path, FILES, site_url=f"http://127.0.0.1:{port}/")
    log = tmp_path / "serve.log"
    server = serve_dirty(root, port, log)
    try:
        base = f"http://127.0.0.1:{port}/"
        first = wait_for(lambda: fetch(base + "glossary/"))
        assert mentioned(first, "superposition") == ["Superposition notes"]
        before = search_count(base)
        note = root / "notes/safety/another.md"
        note.write_text(note.read_text(encoding="utf-8") + "\nSee [[Superposition notes]] on superposition.\n",
                        encoding="utf-8")
        page = wait_for(lambda: (lambda p: p if len(mentioned(p, "superposition")) == 2 else None)(fetch(base + "glossary/")))
        assert mentioned(page, "superposition") == ["Another safety note", "Superposition notes"]
        backlinks = fetch(base + "interpretability/superposition/").select("ul.kb-backlinks > li a")
        assert [link.get_text() for link in backlinks] == ["Another safety note", "RLHF and its limits"]
        edited = fetch(base + "safety/another/")
        assert [link.get_text() for link in edited.select("article a.kb-note-link")] == ["Superposition notes"]
        assert search_count(base) == before  # every page once, none lost or doubled
        text = log.read_text()
        assert "--dirty: rendering 1 of" in text
        assert "--dirty: updated the backlinks and lists of" in text

        (root / "glossary.yml").write_text(GLOSSARY + "- term: Toy model\n  definition: A small model built to study one effect.\n",
                                           encoding="utf-8")
        page = wait_for(lambda: (lambda p: p if mentioned(p, "toy-model") is not None else None)(fetch(base + "glossary/")))
        assert mentioned(page, "toy-model") == ["RLHF and its limits", "Starter reading list"]
        assert mentioned(page, "superposition") == ["Another safety note", "Superposition notes"]
        assert search_count(base) == before + 1  # the new term
        assert log.read_text().count("rendering 16 of 16 pages (first build, or glossary") == 2

        # A definition's new first sentence: the glossary page and the pages that link the term
        # are rendered again, and show it in their tooltips.
        (root / "glossary.yml").write_text(
            GLOSSARY.replace("A network representing more features", "Many features packed into fewer dimensions. A network representing more features")
            + "- term: Toy model\n  definition: A small model built to study one effect.\n", encoding="utf-8")
        updated = wait_for(lambda: (lambda title: title if title.startswith("Many") else None)(
            tooltip(fetch(base + "safety/another/"), "superposition")))
        assert updated == "Many features packed into fewer dimensions."
        assert "rendering 3 of 16 pages (changed glossary entries: 1)" in log.read_text()
        assert search_count(base) == before + 1  # the new term
    finally:
        server.terminate()
        server.wait(timeout=10)


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_serve_dirty_survives_bad_edits_and_forgets_deleted_notes(tmp_path):
    """An edit that breaks the knowledge base is one line in the log, the last good site stays up and
    the next good save recovers; a problem on a page `--dirty` reuses is reported in every rebuild;
    a deleted note stops being served."""
    port = free_port()
    files = {**FILES, "notes/safety/broken.md": "---\ntitle: Broken cite\nsummary: S.\n---\n\nCites [@ghost2020].\n"}
    root = write_site(tmp_path, files, site_url=f"http://127.0.0.1:{port}/")
    log = tmp_path / "serve.log"
    server = serve_dirty(root, port, log)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(lambda: fetch(base + "glossary/"))
        problem = "notes/safety/broken.md:6: unknown citation key '@ghost2020' (not in papers.yml)"
        assert log.read_text().count(problem) == 1

        note = root / "notes/safety/another.md"
        note.write_text(note.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
        wait_for(lambda: "Edited." in fetch(base + "safety/another/").get_text())
        wait_for(lambda: log.read_text().count(problem) == 2)  # the reused page's problem, again

        (root / "glossary.yml").write_text(GLOSSARY + "- ? [a, b]\n  : x\n", encoding="utf-8")
        wait_for(lambda: "glossary.yml:26: YAML error: a key must be text, not a list or mapping" in log.read_text())
        assert status(base + "glossary/") == 200
        (root / "glossary.yml").write_text(GLOSSARY + "- term: Toy model\n  definition: A small model.\n", encoding="utf-8")
        wait_for(lambda: mentioned(fetch(base + "glossary/"), "toy-model") is not None)

        (root / "notes/safety/broken.md").unlink()
        wait_for(lambda: status(base + "safety/broken/") == 404)
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
