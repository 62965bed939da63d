"""Bad input fails `mkdocs build --strict` with one line naming the file and line, never a traceback.

Every case is checked in-process with `kb check` (the build's own validation); a few are also built
with `mkdocs build --strict` to prove the build reports exactly the same lines and fails on them.
"""
import re

import pytest

from kbfixture import GLOSSARY, PAPER, PAPERS
from kbsite.check import check
from sitebuild import build_site, fixture_config, write_site

NOTE = "---\ntitle: A note\nsummary: One sentence.\n---\n\nText.\n"


def note(body: str) -> str:
    return NOTE.replace("Text.\n", body)


CASES = {
    "glossary YAML syntax": (
        {"glossary.yml": "- term: Alpha\n  definition: ok\n- term: [broken\n  definition: x\n"},
        r"glossary\.yml:3: YAML syntax error: while parsing a flow sequence"),
    "papers YAML syntax": (
        {"papers.yml": PAPER + "- key: two\n  title: \"unclosed\n"},
        r"papers\.yml:7: YAML syntax error"),
    "duplicate term": (
        {"glossary.yml": "- term: Superposition\n  definition: a\n- term: superposition\n  definition: b\n"},
        r"glossary\.yml:3: term 'superposition': term 'superposition' is already used as the term of 'Superposition' at line 1"),
    "duplicate alias": (
        {"glossary.yml": "- term: Reward model\n  aliases: [RM]\n  definition: a\n"
                         "- term: Risk management\n  aliases: [rm]\n  definition: b\n"},
        r"glossary\.yml:5: term 'Risk management': alias 'rm' is already used as the alias of 'Reward model' at line 1"),
    "term without definition": (
        {"glossary.yml": "- term: Lonely\n  short: no definition here\n"},
        r"glossary\.yml:1: term 'Lonely': missing required field 'definition'"),
    "entry without term": (
        {"glossary.yml": "- term: Fine\n  definition: ok\n- definition: nameless\n"},
        r"glossary\.yml:3: entry: missing required field 'term'"),
    "see_also to unknown term": (
        {"glossary.yml": "- term: Debate\n  definition: ok\n  see_also: [Amplification]\n"},
        r"glossary\.yml:3: term 'Debate': see_also 'Amplification' names no term"),
    "glossary paper key unknown": (
        {"glossary.yml": "- term: Debate\n  definition: ok\n  papers: [irving2018ai]\n"},
        r"glossary\.yml:3: term 'Debate': papers 'irving2018ai' is not a key of papers\.yml"),
    "glossary unknown field": (
        {"glossary.yml": "- term: Debate\n  definiton: typo\n  definition: ok\n"},
        r"glossary\.yml:2: term 'Debate': unknown field 'definiton'"),
    "paper missing title": (
        {"papers.yml": PAPER.replace("  title: First\n", "")},
        r"papers\.yml:1: entry 'one2020first': missing required field 'title'"),
    "paper missing year": (
        {"papers.yml": PAPER.replace("  year: 2020\n", "")},
        r"papers\.yml:1: entry 'one2020first': missing required field 'year'"),
    "paper year not integer": (
        {"papers.yml": PAPER.replace("year: 2020", "year: twenty")},
        r"papers\.yml:4: entry 'one2020first': year must be a four-digit integer"),
    "paper bad key": (
        {"papers.yml": PAPER.replace("one2020first", "One 2020")},
        r"papers\.yml:1: entry 'One 2020': key must match"),
    "paper unknown field": (
        {"papers.yml": PAPER + "  autors: [typo]\n"},
        r"papers\.yml:6: entry 'one2020first': unknown field 'autors'"),
    "duplicate key": (
        {"papers.yml": PAPER + PAPER.replace("2001.00001", "2001.00002")},
        r"papers\.yml:6: entry 'one2020first': duplicate key 'one2020first', already used by 'one2020first' at line 1"),
    "duplicate url": (
        {"papers.yml": PAPER.replace("https://arxiv.org/abs/2001.00001", "https://example.org/a") +
                       PAPER.replace("one2020first", "two2020second").replace("https://arxiv.org/abs/2001.00001", "http://www.example.org/a/")},
        r"papers\.yml:6: entry 'two2020second': duplicate url 'example\.org/a', already used by 'one2020first' at line 1"),
    "duplicate arXiv id in another form": (
        {"papers.yml": PAPER + PAPER.replace("one2020first", "two2020second").replace(
            "https://arxiv.org/abs/2001.00001", "https://arxiv.org/pdf/2001.00001v3.pdf")},
        r"papers\.yml:6: entry 'two2020second': duplicate arXiv id '2001\.00001', already used by 'one2020first' at line 1"),
    "paper DOI malformed": (
        {"papers.yml": PAPER + "  doi: 10.12/x\n"},
        r"papers\.yml:6: entry 'one2020first': not a DOI: '10\.12/x'"),
    "duplicate DOI in another form": (
        {"papers.yml": PAPER + "  doi: 10.1234/ABC\n" + PAPER.replace("one2020first", "two2020second").replace(
            "2001.00001", "2001.00002") + "  doi: https://doi.org/10.1234/abc\n"},
        r"papers\.yml:7: entry 'two2020second': duplicate DOI '10\.1234/abc', already used by 'one2020first' at line 1"),
    "unknown citation key": (
        {"papers.yml": PAPER, "notes/safety/a.md": note("Fine [@one2020first].\n\nBroken [@nobody2020].\n")},
        r"notes/safety/a\.md:8: unknown citation key '@nobody2020'"),
    "unknown citation key also named in the summary": (
        {"notes/safety/a.md": "---\ntitle: T\nsummary: About [@ghost2020].\n---\n\nText.\n\nCites [@ghost2020].\n"},
        r"notes/safety/a\.md:8: unknown citation key '@ghost2020'"),
    "unknown wikilink in a section introduction": (
        {"notes/safety/index.md": "---\ntitle: Safety\n---\n\nStart with [[Nowhere]].\n"},
        r"notes/safety/index\.md:5: \[\[Nowhere\]\] names no note or glossary term"),
    "unknown wikilink": (
        {"notes/safety/a.md": note("Line one.\n\nSee [[Nowhere at all]].\n")},
        r"notes/safety/a\.md:8: \[\[Nowhere at all\]\] names no note or glossary term"),
    "wikilink matching a note and a term": (
        {"glossary.yml": "- term: Debate\n  definition: ok\n",
         "notes/safety/debate.md": "---\ntitle: Debate\nsummary: S.\n---\n",
         "notes/safety/a.md": note("Line one.\n\nSee [[Debate]].\n")},
        r"notes/safety/a\.md:8: \[\[Debate\]\] is ambiguous: it matches notes/safety/debate\.md, glossary term 'Debate'"),
    "missing heading in wikilink": (
        {"notes/safety/a.md": note("## Real\n\nSee [[A note#Imaginary]].\n")},
        r"notes/safety/a\.md:8: \[\[A note#Imaginary\]\]: note 'A note' has no heading 'Imaginary'"),
    "note without title": (
        {"notes/safety/a.md": "---\nsummary: One sentence.\n---\n\nText.\n"},
        r"notes/safety/a\.md:1: front matter: missing required 'title'"),
    "note without summary": (
        {"notes/safety/a.md": "---\ntitle: T\nsummary: ''\n---\n\nText.\n"},
        r"notes/safety/a\.md:3: front matter: missing required 'summary'"),
    "note without front matter": (
        {"notes/safety/a.md": "# Just a heading\n"},
        r"notes/safety/a\.md:1: missing front matter"),
    "malformed front matter": (
        {"notes/safety/a.md": "---\ntitle: T\nsummary: [unclosed\n---\n\nText.\n"},
        r"notes/safety/a\.md:\d: YAML syntax error"),
    "order not an integer": (
        {"notes/safety/a.md": "---\ntitle: T\nsummary: S\norder: first\n---\n"},
        r"notes/safety/a\.md:4: front matter: 'order' must be an integer"),
    "note clashing with a docs page": (
        {"notes/safety/a.md": NOTE, "docs/safety/a.md": "# A hand-written page\n"},
        r"notes/safety/a\.md:1: its page safety/a\.md clashes with docs/safety/a\.md; rename one"),
    "note not UTF-8": (
        {"notes/safety/a.md": b"---\ntitle: Caf\xe9\nsummary: S\n---\n"},
        r"notes/safety/a\.md:2: not valid UTF-8"),
}


# One case of each kind of input (a data file's YAML, a registry entry, a note's body, its front
# matter, its file and its encoding), built for real; every case is checked in-process below.
BUILT = ["glossary YAML syntax", "paper missing year", "unknown citation key", "note without front matter",
         "note clashing with a docs page", "note not UTF-8"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_kb_check_reports_bad_input_with_file_and_line(tmp_path, name):
    files, expected = CASES[name]
    found = [str(problem) for problem in check(str(write_site(tmp_path, files)))]
    assert len([line for line in found if re.search(expected, line)]) == 1, found
    assert all(re.match(r"\S+:\d+: ", line) for line in found), found


@pytest.mark.parametrize("name", BUILT)
def test_bad_input_fails_strict_build_with_file_and_line(tmp_path, name):
    files, expected = CASES[name]
    result = build_site(tmp_path, files)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    matching = [line for line in result.output.splitlines() if re.search(expected, line)]
    assert len(matching) == 1, result.output
    assert re.match(r"WARNING\s+-\s+kb: \S+:\d+: ", matching[0]), matching[0]
    assert sorted(result.warnings()) == [str(problem) for problem in check(str(tmp_path))]


def test_problems_do_not_stop_the_rest_of_the_site(tmp_path):
    files = {"glossary.yml": GLOSSARY + "- term: Broken\n", "papers.yml": PAPERS,
             "notes/safety/a.md": note("Superposition is linked even though another entry is broken.\n")}
    result = build_site(tmp_path, files, strict=False)
    assert result.returncode == 0
    assert result.html("safety/a/").select_one("a.kb-term")["href"].endswith("#superposition")


def test_empty_notes_folder_and_empty_glossary_still_build(tmp_path):
    result = build_site(tmp_path, {"glossary.yml": "", "papers.yml": "[]\n"})
    assert result.returncode == 0, result.output
    assert "0 notes" in result.html("").select_one("article").get_text(" ")
    assert result.html("glossary/").select_one("article h1").get_text().startswith("Glossary")


def test_placeholder_text_as_a_term_leaves_stashed_html_alone(tmp_path):
    """Python-Markdown stands raw HTML in for `\x02wzxhzdk:N\x03` until the end: a term spelt like
    that placeholder is linked in prose but never inside one."""
    files = {"glossary.yml": "- term: wzxhzdk\n  definition: A word that looks like a placeholder.\n",
             "notes/safety/a.md": note("Some <b>bold</b> text, then wzxhzdk in prose, and <i>more</i>.\n")}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.output
    paragraph = result.html("safety/a/").select_one("article p:not(.kb-summary)")
    assert [tag.name for tag in paragraph.find_all(True)] == ["b", "a", "i"]
    assert paragraph.select_one("a.kb-term").get_text() == "wzxhzdk"


def test_glossary_links_off_in_mkdocs_yml_links_no_term(tmp_path):
    files = {"glossary.yml": GLOSSARY, "papers.yml": PAPERS, "notes/safety/a.md": note("Superposition and RLHF.\n"),
             "mkdocs.yml": fixture_config().replace("glossary_links: first", "glossary_links: off")}
    result = build_site(tmp_path, files)
    assert result.returncode == 0, result.output
    assert result.html("safety/a/").select("a.kb-term") == []


def test_kb_check_and_the_build_find_the_same_problems(tmp_path):
    """The glossary page goes through the same processors in `kb check` (one Markdown for every page)
    as in the build (a Markdown per page): the same findings, line for line."""
    files = {"papers.yml": PAPERS, "glossary.yml": GLOSSARY + (
                 "- term: Broken links\n  definition: >-\n    See [[Nowhere]] and [@ghost2020],\n"
                 "    <img src=x onerror=alert(1)>.\n"),
             "notes/safety/a.md": note("Cites [@ghost2020] and [[Nowhere]].\n\n## Superposition {#toy}\n\n[[A note#Toy model]]\n")}
    result = build_site(tmp_path, files)
    built = sorted(re.sub(r"^WARNING\s+-\s+kb: ", "", line) for line in result.output.splitlines()
                   if line.startswith("WARNING") and "kb: " in line)
    checked = sorted(str(problem) for problem in check(str(tmp_path)))
    assert built == checked and len(checked) == 6, (built, checked)
