"""What a `--dirty` rebuild reuses (`rebuild`), without a server: the memory of earlier builds
and the policy that reuses pages, against a default that renders everything."""
from types import SimpleNamespace

from kbsite.glossary import Glossary, Term
from kbsite.page_state import PageFindings
from kbsite.problems import Problem
from kbsite.rebuild import Built, BuildMemory, DirtyBuild, FullBuild

GLOSSARY = Glossary([Term("Reward model", "reward-model", "A model."), Term("Debate", "debate", "Two models argue.")])


def test_the_memory_is_kept_while_the_shape_holds_and_names_changed_terms():
    memory = BuildMemory()
    assert memory.begin("shape-1", GLOSSARY) is None  # first build: nothing to reuse
    memory.pages["safety/a.md"] = Built("digest", "A", PageFindings())
    assert memory.begin("shape-1", GLOSSARY) == set()
    changed = Glossary([Term("Reward model", "reward-model", "A model, changed."), Term("Debate", "debate", "Two models argue.")])
    assert memory.begin("shape-1", changed) == {"reward-model"}
    assert memory.pages  # same shape: kept
    assert memory.begin("shape-2", changed) is None and memory.pages == {}


def test_a_page_is_reused_only_with_the_same_source_an_output_and_no_changed_term(tmp_path):
    memory = BuildMemory()
    output = tmp_path / "a.html"
    output.write_text("x")
    file = SimpleNamespace(src_uri="safety/a.md", abs_dest_path=str(output))
    memory.pages["safety/a.md"] = Built("digest", "A", PageFindings(terms={"debate": None}))
    assert memory.reusable(file, "digest", set())
    assert not memory.reusable(file, "other digest", set())
    assert memory.reusable(file, "digest", {"reward-model"})
    assert not memory.reusable(file, "digest", {"debate"})
    output.unlink()
    assert not memory.reusable(file, "digest", set())


def test_removed_pages_are_forgotten_once():
    memory = BuildMemory()
    assert memory.forget_removed_pages({"/site/a.html", "/site/b.html"}) == []
    assert memory.forget_removed_pages({"/site/a.html"}) == ["/site/b.html"]
    assert memory.forget_removed_pages({"/site/a.html"}) == []


def test_reused_pages_get_their_findings_title_and_problems_again():
    memory = BuildMemory()
    findings = PageFindings(terms={"debate": None})
    problem = Problem("notes/safety/a.md", 3, "unknown citation key '@x2020' (not in papers.yml)")
    memory.pages["safety/a.md"] = Built("digest", "Alpha", findings, problems=(problem,))
    page = SimpleNamespace(title=None)
    found, reported = {}, []
    DirtyBuild(memory).reuse({"safety/a.md": page}, found, reported.append)
    assert found == {"safety/a.md": findings} and page.title == "Alpha" and reported == [problem]


def test_a_full_build_reuses_nothing():
    page, found, reported = SimpleNamespace(title=None), {}, []
    FullBuild().reuse({"safety/a.md": page}, found, reported.append)
    assert found == {} and page.title is None and reported == []
