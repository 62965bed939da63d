"""The Markdown of the generated pages (section indexes, the papers index, paper pages, the
glossary), for small knowledge bases loaded in-process: no build."""
import pytest

from kbfixture import FILES
from kbsite.knowledge import load_knowledge
from kbsite.notes import Section
from kbsite.pages import glossary_page, paper_page, papers_index, section_index
from sitebuild import write_site


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory):
    """The build tests' fixture knowledge base, plus a section with an introduction and a hostile title."""
    files = {**FILES,
             "notes/evals/index.md": "---\ntitle: Evaluations\n---\n\nHow models are *tested*.\n",
             "notes/evals/b.md": "---\ntitle: 'C++ & <b>bold</b> [x](y) $z$'\nsummary: '*Not* emphasis'\norder: 1\n---\n",
             "notes/evals/a.md": "---\ntitle: Zeta\nsummary: Last by order.\norder: 2\n---\n",
             "glossary.yml": FILES["glossary.yml"] + "- term: 3D convolution\n  definition: A convolution in three dimensions.\n"}
    loaded = load_knowledge(str(write_site(tmp_path_factory.mktemp("kb"), files)))
    assert loaded.problems == []
    return loaded


def body(markdown: str) -> list:
    """The lines after the front matter, without blank ones."""
    return [line for line in markdown.split("---\n", 2)[2].splitlines() if line.strip()]


def test_a_section_index_lists_its_notes_by_order_then_title_with_text_escaped(knowledge):
    evals = next(section for section in knowledge.sections if section.slug == "evals")
    page = section_index(evals)
    assert page.startswith("---\ntitle: Evaluations\n---\n")
    assert body(page) == [
        "How models are *tested*.",
        "- [C++ &amp; &lt;b&gt;bold&lt;/b&gt; &#91;x&#93;(y) &#36;z&#36;](b.md) — &#42;Not&#42; emphasis",
        "- [Zeta](a.md) — Last by order."]
    safety = next(section for section in knowledge.sections if section.slug == "safety")
    assert body(section_index(safety)) == [
        "- [RLHF and its limits](rlhf-limits.md) — How reinforcement learning from human feedback works and where it breaks.",
        "- [Another safety note](another.md) — A second note, to check ordering by title."]


def test_an_empty_section_says_so():
    assert body(section_index(Section(slug="empty", title="Empty"))) == ["*No notes in this section yet.*"]


def test_the_papers_index_groups_by_year_newest_first_then_by_title(knowledge):
    page = papers_index(knowledge.registry)
    lines = body(page)
    assert lines[:3] == ["# Papers", "4 works cited across the knowledge base. Filter by tag:",
                         '<div class="kb-tag-filter" data-kb-tag-filter></div>']
    assert [line for line in lines if line.startswith("## ")] == ["## 2023", "## 2022"]
    assert [line.split("](")[0] for line in lines if line.startswith("- [")] == [
        "- [A Comprehensive Mechanistic Interpretability Explainer", "- [Constitutional AI: Harmlessness from AI Feedback",
        "- [Discovering Latent Knowledge in Language Models Without Supervision", "- [Toy Models of Superposition"]
    assert ("- [Toy Models of Superposition](elhage2022toy.md) — Elhage et al. · paper · interpretability, superposition"
            " · <!-- kb:count:elhage2022toy -->\n    {: data-tags=\"interpretability superposition\" }") in page
    assert "Burns &amp; Ye · paper" in page  # the short author list is text, escaped once


def test_a_paper_page_lists_its_facts_terms_and_the_markers_filled_later(knowledge):
    lines = body(paper_page(knowledge.registry.get("burns2022discovering"), knowledge.glossary))
    assert lines == [
        "# Discovering Latent Knowledge in Language Models Without Supervision",
        '<div class="kb-paper-meta" markdown>',
        "**Authors:** Collin Burns, Haotian Ye  ",
        "**Year:** 2022 · **Kind:** paper  ",
        "**Source:** <https://arxiv.org/abs/2212.03827>  ",
        "**arXiv:** [2212.03827](https://arxiv.org/abs/2212.03827)  ",
        "**DOI:** [10.48550/arxiv.2212.03827](https://doi.org/10.48550/arxiv.2212.03827)  ",
        "**Tags:** latent-knowledge",
        "</div>",
        "## Cited in { data-search-exclude }",
        "<!-- kb:cited:burns2022discovering -->",
        "## Glossary terms",
        "*No glossary term lists this work.*",
        "## In reading lists { data-search-exclude }",
        "<!-- kb:lists:burns2022discovering -->"]


def test_a_paper_page_has_its_summary_and_the_terms_that_list_it(knowledge):
    page = paper_page(knowledge.registry.get("bai2022constitutional"), knowledge.glossary)
    # no `tags` in its front matter: Material's tags listing is for notes; the tags page lists works apart
    assert page.startswith("---\ntitle: 'Constitutional AI: Harmlessness from AI Feedback'\n---\n")
    lines = body(page)
    assert "**Tags:** alignment" in lines
    assert "Training a harmless assistant from a list of principles instead of human labels." in lines
    assert lines[lines.index("## Glossary terms") + 1] == "- [Constitutional AI](../glossary/index.md#constitutional-ai)"
    assert not any(line.startswith("**DOI:**") for line in lines)


def test_the_glossary_has_an_a_to_z_bar_and_an_entry_per_term_a_to_z(knowledge):
    lines = body(glossary_page(knowledge.glossary))
    assert lines[:2] == ["# Glossary", "10 terms. Each links to the pages that use it; hover a linked term anywhere "
                                       "on the site to read its definition."]
    bar = lines[2]
    assert bar.startswith('<nav class="kb-az" aria-label="Jump to letter"><a href="#approach">A</a> '
                          '<span class="kb-az__off">B</span> <a href="#c-plus-plus">C</a> ')
    assert '<a href="#sparse-autoencoder">S</a>' in bar  # the first S term A-Z, not the first in the file
    assert bar.endswith('<span class="kb-az__off">Z</span> <a href="#3d-convolution">#</a></nav>')
    headings = [line for line in lines if line.startswith("## ")]
    assert headings[:3] == ["## 3D convolution {#3d-convolution}", "## Approach {#approach}", "## C++ {#c-plus-plus}"]
    assert "## Q&amp;A {#q-and-a}" in headings
    assert "## Reinforcement learning from human feedback (RLHF) {#reinforcement-learning-from-human-feedback}" in headings
    assert lines[lines.index("## Superposition {#superposition}") + 1] == \
        "A network representing more features than it has dimensions."
