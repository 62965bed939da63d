"""Glossary linking rules, checked in the HTML of the fixture build."""
import json


def term_links(page):
    return [(link.get_text(), link["href"].split("#")[1]) for link in page.select("article a.kb-term")]


def test_longest_match_case_plural_and_literal_terms(fixture_build):
    links = term_links(fixture_build.html("safety/rlhf-limits/"))
    assert ("Reinforcement learning from human feedback", "reinforcement-learning-from-human-feedback") in links
    assert ("reinforcement learning", "reinforcement-learning") in links
    assert ("Sparse autoencoders", "sparse-autoencoder") in links
    assert ("approaches", "approach") in links
    assert ("C++", "c-plus-plus") in links and ("GPT-4", "gpt-4") in links and ("Q&A", "q-and-a") in links
    assert not any(text == "rlhf" for text, _ in links)  # acronyms match in their own case only


def test_first_mention_only_by_default(fixture_build):
    links = term_links(fixture_build.html("safety/rlhf-limits/"))
    automatic = [text for text, target in links if target == "reinforcement-learning-from-human-feedback"]
    # the first prose mention, plus the explicit [[RLHF|...]] link
    assert automatic == ["Reinforcement learning from human feedback", "the feedback recipe"]


def test_front_matter_all_mode_links_every_mention(fixture_build):
    links = term_links(fixture_build.html("interpretability/superposition/"))
    assert [text for text, _ in links].count("Superposition") + [text for text, _ in links].count("superposition") == 3


def test_never_inside_code_headings_links_or_math(fixture_build):
    page = fixture_build.html("safety/rlhf-limits/")
    article = page.select_one("article")
    for selector in ("code", "pre", "h1", "h2", "script"):
        for element in article.select(selector):
            assert not element.select("a.kb-term"), selector
    for link in article.select("a"):
        assert not link.find("a")
    assert article.find("a", href="https://example.com/").get_text() == "link about superposition"


def test_tooltip_is_short_text_escaped(fixture_build):
    page = fixture_build.html("safety/rlhf-limits/")
    link = page.select_one('article a.kb-term[href$="#sparse-autoencoder"]')
    assert link["title"] == "An autoencoder with a sparsity penalty, used to pull features out of superposition."
    rlhf = page.select_one('article a.kb-term[href$="#reinforcement-learning-from-human-feedback"]')
    assert rlhf["title"] == "Fine-tuning a model against a reward learned from human preference comparisons."


def test_explicit_links_to_terms_and_notes(fixture_build):
    page = fixture_build.html("safety/rlhf-limits/")
    explicit = page.find("a", string="the feedback recipe")
    assert explicit["href"] == "../../glossary/#reinforcement-learning-from-human-feedback"
    notes = page.select("a.kb-note-link")
    assert [link["href"] for link in notes] == ["../../interpretability/superposition/",
                                                "../../interpretability/superposition/#the-toy-model"]


def test_glossary_page_entries(fixture_build):
    page = fixture_build.html("glossary/")
    headings = [heading["id"] for heading in page.select("article h2")]
    assert headings == sorted(headings) and "c-plus-plus" in headings and "q-and-a" in headings
    bar = page.select_one("nav.kb-az")
    assert bar.find("a", string="R")["href"] == "#reinforcement-learning"
    assert bar.find("span", string="B") is not None
    entry = page.select_one('div[data-kb-term="reinforcement-learning-from-human-feedback"]')
    text = entry.get_text(" ", strip=True)
    assert "Also: RLHF" in text
    assert entry.find("a", string="Constitutional AI")["href"] == "#constitutional-ai"
    mentioned = [link.get_text() for link in entry.select(".kb-link-list a")]
    assert "RLHF and its limits" in mentioned and "Glossary" not in mentioned
    papers = page.select_one('div[data-kb-term="constitutional-ai"]').find("a", string="Bai et al., 2022")
    assert papers["href"] == "../papers/bai2022constitutional/"


def test_glossary_table_of_contents_has_a_line_per_initial(fixture_build):
    page = fixture_build.html("glossary/")
    bar = [(link.get_text(), link["href"]) for link in page.select("nav.kb-az a")]
    toc = [(link.get_text(strip=True), link["href"]) for link in page.select(".md-sidebar--secondary nav.md-nav--secondary a")]
    assert toc == bar and ("R", "#reinforcement-learning") in toc
    assert len(toc) < len(page.select("article h2"))


def test_term_is_not_linked_inside_its_own_entry(fixture_build):
    page = fixture_build.html("glossary/")
    entry = page.select_one('div[data-kb-term="sparse-autoencoder"]')
    targets = [link["href"] for link in entry.select("a.kb-term")]
    assert not any(target.endswith("#sparse-autoencoder") for target in targets)
    assert "#superposition" in targets  # a link to a place on the same page is its bare #fragment


def test_every_term_and_alias_is_searchable(fixture_build):
    from kbsite.glossary import load_glossary
    glossary, _ = load_glossary(str(fixture_build.root / "glossary.yml"))
    records = {record["meta"].get("link"): record for record in fixture_build.search_records().values()
               if record["filters"]["kind"] == ["definition"]}
    assert set(records) == {f"glossary/#{term.id}" for term in glossary.terms}
    for term in glossary.terms:
        record = records[f"glossary/#{term.id}"]
        assert json.loads(record["meta"]["forms"]) == [term.term, *term.aliases]
        assert record["meta"]["short"] == term.tooltip
        assert all(form in record["content"] for form in term.forms)
    assert "/glossary/" not in fixture_build.search_records()  # the page of every term would match every query