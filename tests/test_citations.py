"""Citations, references, paper pages and reading lists, checked on the fixture build."""
import pytest

from kbfixture import GLOSSARY, PAPERS
from sitebuild import build_site, heading_texts


def test_author_year_citations_link_paper_pages(fixture_build):
    page = fixture_build.html("safety/rlhf-limits/")
    cites = [cite.get_text() for cite in page.select("span.kb-cite")]
    assert cites[:3] == ["(Bai et al., 2022)", "(Bai et al., 2022; Burns & Ye, 2022)", "(Nanda, 2023)"]
    link = page.select_one("span.kb-cite a")
    assert link["href"] == "../../papers/bai2022constitutional/"
    assert link["title"] == ("<strong>Constitutional AI: Harmlessness from AI Feedback</strong><br>"
                             "Yuntao Bai, Saurav Kadavath, Sandipan Kundu · 2022<br>"
                             "Training a harmless assistant from a list of principles instead of human labels.")


def test_escaped_citations_code_and_email_stay_literal(fixture_build):
    text = fixture_build.html("safety/rlhf-limits/").select_one("article").get_text()
    assert "[@bai2022constitutional] and an e-mail someone@example.com" in text
    assert '"in a fence"  # [@elhage2022toy]' in text


def test_plain_arxiv_link_counts_as_citation(fixture_build):
    page = fixture_build.html("safety/rlhf-limits/")
    original = page.find("a", string="the arXiv abstract")
    assert original["href"] == "https://arxiv.org/pdf/2209.10652v3.pdf"
    badge = original.find_next_sibling("sup")
    assert badge.find("a")["href"] == "../../papers/elhage2022toy/"


def test_references_section_in_first_citation_order(fixture_build):
    page = fixture_build.html("safety/rlhf-limits/")
    assert page.select_one("article h2#references") is not None
    items = page.select("ol.kb-references > li")
    assert [item["id"] for item in items] == ["ref-bai2022constitutional", "ref-burns2022discovering",
                                              "ref-nanda2023mechanistic", "ref-elhage2022toy"]
    first = items[0]
    assert first.get_text().startswith("Yuntao Bai, Saurav Kadavath, Sandipan Kundu (2022). Constitutional AI")
    assert first.select_one("a.kb-paper-source")["href"] == "https://arxiv.org/abs/2212.08073"
    assert first.select_one("a.kb-paper-page")["href"] == "../../papers/bai2022constitutional/"
    assert page.select("a.kb-references") == []
    assert fixture_build.html("safety/another/").select_one("h2#references") is None


def test_paper_page_lists_citing_notes_terms_and_reading_lists(fixture_build):
    page = fixture_build.html("papers/bai2022constitutional/")
    article = page.select_one("article")
    assert heading_texts(page, "h1") == ["Constitutional AI: Harmlessness from AI Feedback"]
    text = article.get_text(" ", strip=True)
    assert "Yuntao Bai" in text and "2022" in text and "instead of human labels" in text
    lists = article.select("ul.kb-link-list")
    cited_in = [link.get_text() for link in lists[0].select("a")]
    assert cited_in == ["RLHF and its limits"]
    assert article.find("a", string="Constitutional AI")["href"] == "../../glossary/#constitutional-ai"
    assert [link.get_text() for link in lists[1].select("a")] == ["Starter reading list"]


def test_paper_page_links_the_doi(fixture_build):
    article = fixture_build.html("papers/burns2022discovering/").select_one("article")
    link = article.find("a", string="10.48550/arxiv.2212.03827")
    assert link["href"] == "https://doi.org/10.48550/arxiv.2212.03827"
    assert "DOI:" in link.parent.get_text()


def test_paper_searchable_by_title_authors_and_summary_not_its_source_line(fixture_build):
    record = fixture_build.search_records()["/papers/bai2022constitutional/"]
    assert record["meta"]["title"] == "Constitutional AI: Harmlessness from AI Feedback"
    assert record["meta"]["authors"] == "Bai et al." and record["meta"]["year"] == "2022"
    assert record["filters"]["kind"] == ["paper"]
    text = record["content"]
    assert "Yuntao Bai" in text and "2022" in text and "instead of human labels" in text
    # not the page's boilerplate, nor the lists filled in after indexing
    assert "Source" not in text and "https://" not in text and "Cited in" not in text


def test_papers_index_grouped_by_year_with_counts_and_tags(fixture_build):
    page = fixture_build.html("papers/")
    years = heading_texts(page)
    assert years == ["2023", "2022"]
    item = page.find("a", string="Toy Models of Superposition").find_parent("li")
    assert item["data-tags"] == "interpretability superposition"
    assert "3 citing notes" in item.get_text()  # rlhf (plain arXiv link), superposition, reading list
    assert page.select_one("[data-kb-tag-filter]") is not None


def test_reading_list_items_render_as_cards(fixture_build):
    page = fixture_build.html("reading-lists/starter/")
    cards = page.select("li.kb-card")
    assert len(cards) == 4
    first = cards[0]
    assert first.select_one(".kb-card__title")["href"] == "https://arxiv.org/abs/2212.08073"
    assert first.select_one(".kb-card__meta").get_text() == "Yuntao Bai, Saurav Kadavath, Sandipan Kundu · 2022 · paper"
    assert first.select_one(".kb-card__page")["href"] == "../../papers/bai2022constitutional/"
    assert first.select_one(".kb-card__note").get_text() == "how a constitution replaces human labels."
    assert heading_texts(page) == ["Week 1", "Week 2"]


@pytest.fixture(scope="module")
def order_build(tmp_path_factory):
    """A reading list whose card note holds a term, and a note citing a work first by its URL."""
    files = {"papers.yml": PAPERS, "glossary.yml": GLOSSARY,
             "notes/reading-lists/one.md":
                 "---\ntitle: One list\nsummary: S.\n---\n\n- [@elhage2022toy] — a study of superposition in toy models.\n",
             "notes/safety/a.md":
                 "---\ntitle: Order\nsummary: S.\n---\n\nFirst [the toy models](https://arxiv.org/abs/2209.10652).\n\n"
                 "Then [@bai2022constitutional] and again [@elhage2022toy].\n"}
    result = build_site(tmp_path_factory.mktemp("order"), files)
    assert result.returncode == 0, result.output
    return result


def test_a_card_note_keeps_a_linked_term_inside_its_sentence(order_build):
    """A glossary term in a card's note is linked inside the note, with the spaces around it kept."""
    note = order_build.html("reading-lists/one/").select_one("li.kb-card .kb-card__note")
    assert note.get_text() == "a study of superposition in toy models."
    assert note.select_one("a.kb-term").get_text() == "superposition"


def test_references_follow_the_order_of_first_citation_however_cited(order_build):
    """A work first cited by a plain link to its URL comes before one cited later with [@key]."""
    items = order_build.html("safety/a/").select("ol.kb-references > li")
    assert [item["id"] for item in items] == ["ref-elhage2022toy", "ref-bai2022constitutional"]
