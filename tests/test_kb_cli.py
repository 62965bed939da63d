"""The `kb` command on small fixture knowledge bases: in-process through `kbsite.cli.main`, as the
console script runs it, and a few real `kb` processes to prove the wiring (entry point, working
folder, exit status, standard error)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
import yaml

from kbcommand import Run, run_kb
from kbfixture import FILES, GLOSSARY, PAPER, PAPERS
from kbsite.check import check
from kbsite.papers import arxiv_id, load_registry
from kbsite.problems import Problem, unresolved_problems
from sitebuild import fixture_config, write_site

PROJECT = Path(__file__).resolve().parents[1]
NOTE = "---\ntitle: A note\nsummary: One sentence.\n---\n\n{body}"


def make_site(root: Path, files: dict) -> Path:
    """A fixture site (the build tests' own), with a plain home page."""
    return write_site(root, {"docs/index.md": "# Fixture\n", **files})


def kb_process(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the installed `kb` console script in `cwd`, as a user does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run([str(Path(sys.executable).parent / "kb"), *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def kb(monkeypatch, capsys):
    """`kb(cwd, *args)`: run `kb ARGS` in `cwd` in this process (what the console script calls)."""
    def run(cwd: Path, *args: str) -> Run:
        monkeypatch.chdir(cwd)
        return run_kb(capsys, list(args))
    return run


def lines(result: Run | subprocess.CompletedProcess) -> list:
    return result.stdout.splitlines()


# --- kb check ------------------------------------------------------------------

def test_check_passes_the_build_fixture(tmp_path):
    result = kb_process(make_site(tmp_path, FILES), "check")
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert "kb check: no problems" in result.stderr


BAD = {
    "missing title": (
        {"notes/safety/a.md": "---\nsummary: One sentence.\n---\n\nText.\n"},
        ["notes/safety/a.md:1: front matter: missing required 'title' (one line of text)"]),
    "bad YAML in glossary.yml": (
        {"glossary.yml": "# Terms.\n- term: Alpha\n  definition: ok\n- term: [broken\n  definition: x\n"},
        ["glossary.yml:4: YAML syntax error: while parsing a flow sequence, did not find expected ',' or ']'"]),
    "unknown citation key": (
        {"papers.yml": PAPER, "notes/safety/a.md": NOTE.format(body="Fine [@one2020first].\n\nBroken [@nobody2020].\n")},
        ["notes/safety/a.md:8: unknown citation key '@nobody2020' (not in papers.yml)"]),
    "unknown wikilink": (
        {"notes/safety/a.md": NOTE.format(body="Line one.\n\nLine two.\n\nSee [[Nowhere at all]].\n")},
        ["notes/safety/a.md:10: [[Nowhere at all]] names no note or glossary term"]),
    "broken relative link": (
        {"notes/safety/a.md": NOTE.format(body="See [the evals note](../evals/missing.md#part).\n"),
         "notes/evals/present.md": NOTE.format(body="Back to [a](../safety/a.md).\n")},
        ["notes/safety/a.md:6: broken link '../evals/missing.md#part': 'evals/missing.md' is no note, "
         "generated page or docs file"]),
    "broken link in a docs page": (
        {"docs/index.md": "# Home\n\nSee [the glossary](glossary/index.md) and [gone](safety/gone.md).\n"},
        ["docs/index.md:3: broken link 'safety/gone.md': 'safety/gone.md' is no note, generated page or docs file"]),
    "unknown wikilink in a glossary definition": (
        {"glossary.yml": "# Terms.\n- term: Debate\n  definition: >-\n    Two models argue; see [[Amplify]].\n"},
        ["glossary.yml:4: [[Amplify]] names no note or glossary term"]),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_check_reports_each_problem_with_its_line(tmp_path, name, kb):
    files, expected = BAD[name]
    result = kb(make_site(tmp_path, files), "check")
    assert lines(result) == expected, result.stderr
    assert result.returncode == 1


def several_problems(root: Path) -> Path:
    return make_site(root, {
        "papers.yml": PAPER,
        "glossary.yml": "- term: Debate\n  definition: ok\n  see_also: [Amplification]\n",
        "notes/safety/z.md": NOTE.format(body="[@one2020first] and [@gone2021]; [[Nowhere]].\n"),
        "notes/evals/a.md": "---\ntitle: A\nsummary: S\norder: first\n---\n",
    })


def test_check_output_is_sorted_by_path_and_line(tmp_path):
    result = kb_process(several_problems(tmp_path), "check")
    assert lines(result) == [
        "glossary.yml:3: term 'Debate': see_also 'Amplification' names no term",
        "notes/evals/a.md:4: front matter: 'order' must be an integer (got 'first')",
        "notes/safety/z.md:6: [[Nowhere]] names no note or glossary term",
        "notes/safety/z.md:6: unknown citation key '@gone2021' (not in papers.yml)",
    ]
    assert result.returncode == 1
    assert "kb check: 4 problems" in result.stderr


def test_check_json_format(tmp_path, kb):
    result = kb(several_problems(tmp_path), "check", "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["count"] == 4
    assert report["problems"][0] == {"path": "glossary.yml", "line": 3,
                                     "message": "term 'Debate': see_also 'Amplification' names no term"}
    assert [problem["path"] for problem in report["problems"]] == [
        "glossary.yml", "notes/evals/a.md", "notes/safety/z.md", "notes/safety/z.md"]


def test_check_json_format_without_problems(tmp_path, kb):
    result = kb(make_site(tmp_path, FILES), "check", "--format", "json")
    assert (result.returncode, json.loads(result.stdout)) == (0, {"count": 0, "problems": []})


def test_root_is_found_upwards_or_given(tmp_path):
    site = several_problems(tmp_path / "site")
    from_below = kb_process(site / "notes" / "safety", "check")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    given = kb_process(elsewhere, "check", "--root", str(site))
    assert lines(from_below) == lines(given) and len(lines(given)) == 4
    missing = kb_process(elsewhere, "check")
    assert missing.returncode == 2
    assert "no mkdocs.yml here or in any folder above" in missing.stderr


def test_check_reports_a_bad_mkdocs_yml_and_still_checks_the_data(tmp_path, kb):
    site = make_site(tmp_path, {"glossary.yml": "- term: Alpha\n"})
    (site / "mkdocs.yml").write_text(fixture_config().replace("name: material", "name: no-such-theme"))
    result = kb(site, "check")
    assert result.returncode == 1
    theme_line = fixture_config().splitlines().index("theme:") + 1
    assert lines(result) == ["glossary.yml:1: term 'Alpha': missing required field 'definition'",
                             f"mkdocs.yml:{theme_line}: Config value 'theme': Unrecognised theme name: 'no-such-theme'. "
                             "The available installed themes are: mkdocs, readthedocs, material"]


def test_repeated_needles_get_their_own_lines():
    found = [("[[X]]", "first"), ("[[X]]", "second"), ("@gone", "third"), ("[[Y]]", "absent")]
    problems = unresolved_problems("notes/a.md", "see [[X]]\n\nand [[X]] @gone\n", 6, found)
    assert problems == [Problem("notes/a.md", 6, "first"), Problem("notes/a.md", 8, "second"),
                        Problem("notes/a.md", 8, "third"), Problem("notes/a.md", 0, "absent")]


def test_check_passes_on_the_project():
    """The project builds with --strict (test_content.py), so its own check finds nothing either.
    How long it takes is measured in benchmarks/, not asserted here."""
    assert check(str(PROJECT)) == []


# --- kb new --------------------------------------------------------------------

def test_new_note_writes_front_matter_to_fill_in(tmp_path, kb):
    site = make_site(tmp_path, FILES)
    result = kb(site, "new", "note", "safety", "Reward hacking: C++ & Q&A")
    assert result.returncode == 0, result.stderr
    assert lines(result) == ["created notes/safety/reward-hacking-c-plus-plus-and-q-and-a.md: "
                             "write its summary and body, then run `kb check`"]
    text = (site / "notes/safety/reward-hacking-c-plus-plus-and-q-and-a.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Reward hacking: C++ & Q&A"\nsummary:  # TODO')
    assert "\ntags: []\norder: 3\n---\n" in text  # after the fixture's orders 2 and (none)
    check = kb(site, "check")
    assert lines(check) == ["notes/safety/reward-hacking-c-plus-plus-and-q-and-a.md:3: "
                            "front matter: missing required 'summary' (one line of text)"]


def test_new_note_refuses_to_overwrite(tmp_path, kb):
    site = make_site(tmp_path, {"notes/safety/reward-hacking.md": "mine\n"})
    result = kb(site, "new", "note", "safety", "Reward hacking")
    assert result.returncode == 1
    assert "notes/safety/reward-hacking.md already exists; not overwriting it" in result.stderr
    assert (site / "notes/safety/reward-hacking.md").read_text() == "mine\n"


@pytest.mark.parametrize("section, title, message", [
    ("Safety", "Fine", "section 'Safety' must be a folder name"),
    ("safety", "  ", "the title is empty"),
    ("safety", "Index", "'index.md' is reserved for a section's introduction"),
])
def test_new_note_rejects_bad_names(tmp_path, section, title, message, kb):
    result = kb(make_site(tmp_path, {}), "new", "note", section, title)
    assert result.returncode == 1 and message in result.stderr
    assert not list((tmp_path / "notes").rglob("*.md"))


def test_new_note_starts_a_new_section_at_order_1(tmp_path, kb):
    site = make_site(tmp_path, {})
    assert kb(site, "new", "note", "governance", "Compute governance").returncode == 0
    assert "\norder: 1\n" in (site / "notes/governance/compute-governance.md").read_text()


COMMENTED_GLOSSARY = (
    "# The glossary. Keep terms in topic order.\n\n"
    "# --- Interpretability ---\n\n"
    "- term: Superposition\n"
    "  aliases: [Polysemantic packing]   # an alias\n"
    "  definition: >-\n"
    "    A network representing more features than it has dimensions.\n"
    "  id: superpos\n\n"
    "# Terms below still need sources.\n"
)
STUB = (
    '- term: "Reward hacking: the #1 problem"\n'
    "  aliases: []\n"
    "  short:  # TODO: one plain-text line, shown when hovering the term\n"
    "  definition:  # TODO: a few sentences in your own words (Markdown)\n"
    "  see_also: []\n"
    "  papers: []\n"
    "  tags: []\n"
)


def test_new_term_appends_and_keeps_the_file_byte_for_byte(tmp_path, kb):
    site = make_site(tmp_path, {"glossary.yml": COMMENTED_GLOSSARY})
    result = kb(site, "new", "term", "Reward hacking: the #1 problem")
    assert result.returncode == 0, result.stderr
    assert lines(result)[0].startswith("glossary.yml:13: added 'Reward hacking: the #1 problem'")
    assert (site / "glossary.yml").read_bytes() == (COMMENTED_GLOSSARY + "\n" + STUB).encode()
    check = kb(site, "check")
    assert lines(check) == ["glossary.yml:13: term 'Reward hacking: the #1 problem': missing required field 'definition'"]


@pytest.mark.parametrize("old, separator", [
    ("- term: A\n  definition: a", "\n\n"),  # no final newline
    ("- term: A\n  definition: a\n\n\n", ""),  # blank lines already there
    ("- term: A\r\n  definition: a\r\n", "\r\n"),  # Windows line ends are kept
    ("", ""),
])
def test_new_term_separates_the_entry_from_any_file_ending(tmp_path, old, separator, kb):
    site = make_site(tmp_path, {"glossary.yml": old.encode()})
    assert kb(site, "new", "term", "B").returncode == 0
    stub = STUB.replace('"Reward hacking: the #1 problem"', "B")
    if "\r\n" in old:
        stub = stub.replace("\n", "\r\n")
    assert (site / "glossary.yml").read_bytes() == (old + separator + stub).encode()


@pytest.mark.parametrize("term", ["superposition", "POLYSEMANTIC PACKING", "Superpos"])
def test_new_term_refuses_a_duplicate_term_alias_or_id(tmp_path, term, kb):
    site = make_site(tmp_path, {"glossary.yml": COMMENTED_GLOSSARY})
    result = kb(site, "new", "term", term)
    assert result.returncode == 1
    assert f"glossary.yml:5: '{term}' is already the term, an alias or the id of 'Superposition'" in result.stderr
    assert (site / "glossary.yml").read_text() == COMMENTED_GLOSSARY


def test_new_term_refuses_a_duplicate_of_an_unfinished_stub(tmp_path, kb):
    site = make_site(tmp_path, {"glossary.yml": COMMENTED_GLOSSARY})
    assert kb(site, "new", "term", "Grokking").returncode == 0
    again = kb(site, "new", "term", "grokking")
    assert again.returncode == 1 and "already the term, an alias or the id of 'Grokking'" in again.stderr


def test_new_term_leaves_a_broken_glossary_alone(tmp_path, kb):
    broken = "- term: [unclosed\n  definition: x\n"
    site = make_site(tmp_path, {"glossary.yml": broken})
    result = kb(site, "new", "term", "Grokking")
    assert result.returncode == 1 and "glossary.yml:1: YAML syntax error" in result.stderr
    assert (site / "glossary.yml").read_text() == broken


# --- kb stats ------------------------------------------------------------------

STATS_FILES = {
    "papers.yml": PAPERS,
    "glossary.yml": GLOSSARY,
    "notes/safety/a.md": NOTE.format(body="RLHF [@bai2022constitutional] and Constitutional AI [@burns2022discovering].\n"),
    "notes/safety/b.md": "---\ntitle: B\nsummary: S\n---\n\nRLHF again [@bai2022constitutional], and [[Superposition]].\n",
    "notes/evals/c.md": "---\ntitle: C\nsummary: S\n---\n\nNo sources, only RLHF and C++.\n",
}


def test_stats_json(tmp_path, kb):
    result = kb(make_site(tmp_path, STATS_FILES), "stats", "--format", "json", "--top", "2")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["counts"] == {"notes": 3, "terms": 9, "works": 4, "citations": 3, "problems": 0}
    assert stats["orphan_terms"] == ["Reinforcement learning", "Sparse autoencoder", "GPT-4", "Q&A", "Approach"]
    assert stats["uncited_works"] == ["nanda2023mechanistic", "elhage2022toy"]
    assert stats["notes_without_citations"] == ["notes/evals/c.md"]
    assert stats["most_cited_works"] == [
        {"key": "bai2022constitutional", "title": "Constitutional AI: Harmlessness from AI Feedback", "notes": 2},
        {"key": "burns2022discovering",
         "title": "Discovering Latent Knowledge in Language Models Without Supervision", "notes": 1}]
    assert stats["most_linked_terms"] == [
        {"term": "Reinforcement learning from human feedback", "notes": 3}, {"term": "C++", "notes": 1}]


def test_stats_text(tmp_path, kb):
    result = kb(make_site(tmp_path, STATS_FILES), "stats")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert lines(result)[0] == "3 notes, 9 glossary terms, 4 works, 3 citations (note -> work)"
    assert "Orphan terms (never mentioned in a note): 5\n  Reinforcement learning\n" in text
    assert "Uncited works (no note or reading list cites them): 2\n  nanda2023mechanistic\n  elhage2022toy\n" in text
    assert "Notes with no citations: 1\n  notes/evals/c.md\n" in text
    assert "Most-cited works (citing notes):\n    2  bai2022constitutional  Constitutional AI" in text
    assert "Most-linked terms (notes mentioning them):\n    3  Reinforcement learning from human feedback" in text


def test_stats_counts_problems_and_points_to_check(tmp_path, kb):
    result = kb(several_problems(tmp_path), "stats")
    assert result.returncode == 0, result.stderr
    assert lines(result)[:2] == ["1 notes, 1 glossary terms, 1 works, 1 citations (note -> work)",
                                 "4 problems, so some entries may be missing: run `kb check`"]


# --- BibTeX --------------------------------------------------------------------

SPECIAL_PAPERS = PAPERS + """\
- key: fli2023pause
  title: "Pause Giant AI Experiments: 50% {braces} & C++ -- a_b ~ x^2 \\\\ $1 #2"
  authors: [Future of Life Institute]
  year: 2023
  url: https://futureoflife.org/open-letter/pause-giant-ai-experiments/
  venue: Future of Life Institute
  kind: post
- key: nanda2022walkthrough
  title: A Walkthrough of TransformerLens
  authors: [Neel Nanda, Chris van Merwijk]
  year: 2022
  url: https://www.youtube.com/watch?v=abc
  venue: YouTube
  kind: video
"""


def test_export_bib_writes_one_valid_entry_per_key(tmp_path, kb):
    site = make_site(tmp_path, {"papers.yml": SPECIAL_PAPERS})
    result = kb(site, "export-bib", "-o", "out.bib")
    assert result.returncode == 0, result.stderr
    assert "wrote 6 entries to out.bib" in result.stderr
    text = (site / "out.bib").read_text(encoding="utf-8")
    assert text == kb(site, "export-bib").stdout
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert list(entries) == ["bai2022constitutional", "burns2022discovering", "nanda2023mechanistic",
                             "elhage2022toy", "fli2023pause", "nanda2022walkthrough"]
    assert {key: entry.entry_type for key, entry in entries.items()} == {
        "bai2022constitutional": "article", "burns2022discovering": "article", "nanda2023mechanistic": "online",
        "elhage2022toy": "article", "fli2023pause": "online", "nanda2022walkthrough": "misc"}
    bai = entries["bai2022constitutional"]
    assert bai["author"] == "Yuntao Bai and Saurav Kadavath and Sandipan Kundu"
    assert (bai["year"], bai["eprint"], bai["archivePrefix"]) == ("2022", "2212.08073", "arXiv")
    assert bai["url"] == "https://arxiv.org/abs/2212.08073"
    assert entries["elhage2022toy"]["eprint"] == "2209.10652"
    fli = entries["fli2023pause"]
    assert fli["author"] == "{Future of Life Institute}"
    assert fli["title"] == (r"Pause Giant {AI} Experiments: 50\% \textbraceleft{}braces\textbraceright{} \& C++ -{}- "
                            r"a\_b \textasciitilde{} x\textasciicircum{}2 \textbackslash{} \$1 \#2")
    assert fli["organization"] == "Future of Life Institute"
    video = entries["nanda2022walkthrough"]
    assert (video["howpublished"], video["note"], video["author"]) == ("YouTube", "Video", "Neel Nanda and Chris van Merwijk")


def test_export_bib_leaves_out_invalid_entries_and_says_so(tmp_path, kb):
    site = make_site(tmp_path, {"papers.yml": PAPERS + "- key: broken2020\n  title: No authors\n"})
    result = kb(site, "export-bib")
    assert result.returncode == 1
    assert "papers.yml:31: entry 'broken2020': missing required field 'authors'" in result.stderr
    assert [entry.key for entry in bibtexparser.parse_string(result.stdout).entries] == [
        "bai2022constitutional", "burns2022discovering", "nanda2023mechanistic", "elhage2022toy"]


def test_every_exported_value_has_balanced_braces(tmp_path, kb):
    text = kb(make_site(tmp_path, {"papers.yml": SPECIAL_PAPERS}), "export-bib").stdout
    for entry in bibtexparser.parse_string(text).entries:
        for field in entry.fields:
            depths = [field.value[:end].count("{") - field.value[:end].count("}") for end in range(len(field.value) + 1)]
            assert min(depths) == 0 and depths[-1] == 0, field


def test_bibtex_round_trip_adds_nothing(tmp_path, kb):
    site = make_site(tmp_path, {"papers.yml": SPECIAL_PAPERS})
    before = (site / "papers.yml").read_bytes()
    assert kb(site, "export-bib", "-o", "papers.bib").returncode == 0
    result = kb(site, "import-bib", "papers.bib")
    assert result.returncode == 0, result.stderr
    assert all(line.startswith("skipped ") and line.endswith("(same key)") for line in lines(result))
    assert len(lines(result)) == 6
    assert "papers.yml: 0 added, 6 skipped" in result.stderr
    assert (site / "papers.yml").read_bytes() == before


@pytest.mark.parametrize("registry", [SPECIAL_PAPERS, (PROJECT / "papers.yml").read_text(encoding="utf-8")],
                         ids=["special", "project"])
def test_bibtex_import_into_an_empty_registry_rebuilds_it(tmp_path, registry, kb):
    source = make_site(tmp_path / "source", {"papers.yml": registry})
    target = make_site(tmp_path / "target", {"papers.yml": "# Imported.\n"})
    bib = kb(source, "export-bib").stdout
    (target / "in.bib").write_text(bib, encoding="utf-8")
    assert kb(target, "import-bib", "in.bib").returncode == 0
    old, old_problems = load_registry(str(source / "papers.yml"))
    new, new_problems = load_registry(str(target / "papers.yml"))
    assert old_problems == new_problems == []
    fields = ("key", "title", "authors", "year", "url", "arxiv", "venue", "kind", "tags")
    assert [[getattr(paper, name) for name in fields] for paper in new.papers.values()] == \
           [[getattr(paper, name) for name in fields] for paper in old.papers.values()]


BLOG = """\
- key: someone2021blog
  title: A blog post
  authors: [Some One]
  year: 2021
  url: https://example.org/blog/post
  kind: post
"""
FOREIGN_BIB = r"""% Exported from a reference manager.
@article{Bai2022:Constitutional,
  title={Constitutional {AI}: Harmlessness from {AI} Feedback},
  author={Bai, Yuntao and Kadavath, Saurav},
  journal={arXiv preprint arXiv:2212.08073},
  year={2022}
}
@misc{first_again, title={First again}, author={Ann One}, year={2020}, url={https://arxiv.org/pdf/2001.00001v2.pdf}}
@misc{one2020first, title={Same key}, author={Ann One}, year={2020}, url={https://example.org/other}}
@misc{elsewhere, title={Same URL}, author={Ann One}, year={2020}, url={http://www.example.org/blog/post/}}
@article{vaswani2017attention,
  title = "Attention is All you Need",
  author = "Vaswani, Ashish and Shazeer, Noam and {Google Brain Team}",
  booktitle = {Advances in Neural Information Processing Systems},
  year = 2017,
  eprint = {arXiv:1706.03762v7},
  archivePrefix = {arXiv},
  keywords = {transformers; attention},
}
@online{mueller2023, title={M{\"u}ller's 50\% post \& more}, author={M{\"u}ller, Jan}, year={2023},
  url={https://example.org/post\_1}, organization={A blog}}
@misc{talk2021, title={A talk}, author={Jane Doe}, date={2021-05-01}, url={https://youtube.com/x}, note={Talk}}
@misc{noyear, title={No year}, author={X Y}, url={https://example.org/noyear}}
@misc{talk2021, title={The same key again}, author={Jane Doe}, year={2021}, url={https://example.org/again}}
@misc{again, title={Attention again}, author={A B}, year={2017}, url={https://arxiv.org/abs/1706.03762}}
"""


def test_import_bib_adds_new_works_and_skips_known_ones(tmp_path, kb):
    site = make_site(tmp_path, {"papers.yml": "# The registry.\n" + PAPER + "  # the first work\n" + BLOG})
    before = (site / "papers.yml").read_bytes()
    (site / "in.bib").write_text(FOREIGN_BIB, encoding="utf-8")
    result = kb(site, "import-bib", "in.bib")
    assert result.returncode == 0, result.stderr
    assert lines(result) == [
        "added bai2022-constitutional: Constitutional AI: Harmlessness from AI Feedback",
        "added vaswani2017attention: Attention is All you Need",
        "added mueller2023: Müller's 50% post & more",
        "added talk2021: A talk",
        "skipped talk2021: key repeated in in.bib",
        "skipped first_again: already in papers.yml as 'one2020first' (same arXiv id)",
        "skipped one2020first: already in papers.yml as 'one2020first' (same key)",
        "skipped elsewhere: already in papers.yml as 'someone2021blog' (same url)",
        "skipped noyear: no usable year (in.bib:23)",
        "skipped again: already imported from in.bib as 'vaswani2017attention' (same arXiv id)",
    ]
    assert "papers.yml: 4 added, 6 skipped" in result.stderr
    after = (site / "papers.yml").read_bytes()
    assert after.startswith(before)
    assert after[len(before):].decode().startswith(
        "\n- key: bai2022-constitutional\n"
        '  title: "Constitutional AI: Harmlessness from AI Feedback"\n'
        "  authors: [Yuntao Bai, Saurav Kadavath]\n"
        "  year: 2022\n"
        "  url: https://arxiv.org/abs/2212.08073\n"
        '  arxiv: "2212.08073"\n'
        "  venue: arXiv\n"
        "  kind: paper\n\n")
    registry, problems = load_registry(str(site / "papers.yml"))
    assert problems == []
    vaswani = registry.get("vaswani2017attention")
    assert vaswani.authors == ["Ashish Vaswani", "Noam Shazeer", "Google Brain Team"]
    assert (vaswani.arxiv, vaswani.url, vaswani.venue) == ("1706.03762", "https://arxiv.org/abs/1706.03762",
                                                          "Advances in Neural Information Processing Systems")
    assert vaswani.tags == ["transformers", "attention"]
    mueller = registry.get("mueller2023")
    assert (mueller.authors, mueller.url, mueller.kind) == (["Jan Müller"], "https://example.org/post_1", "post")
    assert (registry.get("talk2021").kind, registry.get("talk2021").year) == ("talk", 2021)
    assert lines(kb(site, "check")) == []


def test_import_bib_writes_nothing_when_an_entry_is_unreadable(tmp_path, kb):
    site = make_site(tmp_path, {"papers.yml": PAPER})
    (site / "in.bib").write_text("@misc{fine, title={Fine}, author={A B}, year={2020}, url={https://a.org}}\n\n"
                                 "@misc{broken, title = {unclosed\n", encoding="utf-8")
    result = kb(site, "import-bib", "in.bib")
    assert result.returncode == 1
    assert lines(result) == ["in.bib:3: cannot read entry: Unexpectedly reached end of file."]
    assert "nothing was added" in result.stderr
    assert (site / "papers.yml").read_text() == PAPER


def test_import_bib_reports_a_missing_or_undecodable_file_in_one_line(tmp_path, kb):
    site = make_site(tmp_path, {"papers.yml": PAPER})
    (site / "latin1.bib").write_bytes(b"@misc{a, title={Caf\xe9}}\n")
    missing, undecodable = kb(site, "import-bib", "gone.bib"), kb(site, "import-bib", "latin1.bib")
    assert (missing.returncode, missing.stderr) == (1, "kb: gone.bib: cannot be read: no such file\n")
    assert (undecodable.returncode, undecodable.stderr) == (
        1, "kb: latin1.bib:1: not valid UTF-8 (byte 0xe9); save the file as UTF-8\n")
    assert (site / "papers.yml").read_text() == PAPER


def test_import_bib_refuses_a_registry_with_problems(tmp_path, kb):
    site = make_site(tmp_path, {"papers.yml": PAPER.replace("  year: 2020\n", "")})
    (site / "in.bib").write_text("@misc{fine, title={Fine}, author={A B}, year={2020}, url={https://a.org}}\n")
    result = kb(site, "import-bib", "in.bib")
    assert result.returncode == 1
    assert "papers.yml:1: entry 'one2020first': missing required field 'year'" in result.stderr


ARXIV_FORMS = [
    ("2212.08073", "2212.08073"),
    ("arXiv:2212.08073", "2212.08073"),
    ("arxiv:2212.08073v2", "2212.08073"),
    ("0704.0001", "0704.0001"),
    ("https://arxiv.org/abs/2212.08073", "2212.08073"),
    ("http://arxiv.org/abs/2212.08073v3", "2212.08073"),
    ("https://www.arxiv.org/abs/2212.08073/", "2212.08073"),
    ("https://arxiv.org/pdf/2212.08073", "2212.08073"),
    ("https://arxiv.org/pdf/2212.08073v1.pdf", "2212.08073"),
    ("https://arxiv.org/html/2212.08073v2", "2212.08073"),
    ("https://arxiv.org/abs/2212.08073?context=cs#top", "2212.08073"),
    ("hep-th/9901001", "hep-th/9901001"),
    ("https://arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001"),
    ("https://example.org/2212.08073", None),
    ("2212.080", None),
    ("see 2212.08073", None),
]


@pytest.mark.parametrize("text, expected", ARXIV_FORMS)
def test_arxiv_id_normalisation(text, expected):
    assert arxiv_id(text) == expected


@pytest.mark.parametrize("eprint", ["arXiv:2212.08073v2", "https://arxiv.org/pdf/2212.08073v1.pdf", "2212.08073"])
def test_import_recognises_an_arxiv_id_in_any_form(tmp_path, eprint, kb):
    site = make_site(tmp_path, {"papers.yml": PAPERS})
    (site / "in.bib").write_text(f"@misc{{x, title={{T}}, author={{A B}}, year={{2022}}, eprint={{{eprint}}}}}\n")
    result = kb(site, "import-bib", "in.bib")
    assert lines(result) == ["skipped x: already in papers.yml as 'bai2022constitutional' (same arXiv id)"]


def test_pre_commit_hook_runs_kb_check_when_the_knowledge_base_changes():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert (config["repos"][0]["repo"], hook["entry"], hook["pass_filenames"]) == ("local", ".venv/bin/kb check", False)
    assert (PROJECT / hook["entry"].split()[0]).is_file()
    changed = ["notes/safety/a.md", "glossary.yml", "papers.yml", "docs/index.md", "README.md", "tests/x.py"]
    assert [path for path in changed if re.search(hook["files"], path)] == changed[:4]


# --- help ----------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], ["check"], ["new"], ["new", "note"], ["new", "term"], ["stats"],
                                     ["export-bib"], ["import-bib"], ["add"], ["refresh"]])
def test_every_command_has_help_with_examples(tmp_path, command, kb):
    result = kb(tmp_path, *command, "--help")
    assert result.returncode == 0
    assert "examples:\n  kb " in result.stdout
    assert "--root DIR" in result.stdout
