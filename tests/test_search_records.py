"""Search records (`kbsite.search`): what each kind of page gives Pagefind, escaped once."""
from kbsite.glossary import Term
from kbsite.papers import Paper
from markupsafe import Markup

from kbsite.search import SearchRecords, page_record, paper_record, term_record, text_title

HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)>'
PAGE = """<html><body><nav>Site navigation</nav><div class="md-content">
<article class="md-content__inner md-typeset"><h1>A note</h1><p>Prose &amp; more.</p></article>
</div><footer>Footer</footer></body></html>"""


def test_a_note_record_is_its_article_with_kind_section_and_tags():
    record = page_record(PAGE, "A note", "Safety & oversight", ["rlhf", HOSTILE], "en")
    assert "<h1>A note</h1><p>Prose &amp; more.</p>" in record
    assert "Site navigation" not in record and "Footer" not in record
    assert 'data-pagefind-filter="kind:note"' in record
    assert 'data-pagefind-filter="section:Safety &amp; oversight"' in record
    assert 'data-pagefind-filter="tag:&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img' in record
    assert "<script>" not in record and "<img" not in record
    assert page_record("<html><body><p>No article</p></body></html>", "x", "", [], "en") is None


def test_a_work_record_has_its_facts_and_summary_but_not_its_source():
    paper = Paper(key="evil2024", title=f"Evil {HOSTILE}", authors=["Mallory Mal", "Bob Bee"], year=2024,
                  url="https://example.org/evil", venue="NeurIPS", summary=f"A *summary* with [a link](https://x.org) {HOSTILE}")
    record = paper_record(paper, "en")
    assert "<script>" not in record and "<img" not in record
    assert "Evil &lt;script&gt;" in record and "Mallory Mal" in record and "2024 · paper · NeurIPS" in record
    assert "A summary with a link" in record and "https://" not in record
    assert 'data-pagefind-meta="authors:Mal &amp; Bee"' in record and 'data-pagefind-meta="year:2024"' in record


def test_a_term_record_carries_its_names_and_short_definition():
    term = Term(term="Sparse autoencoder", id="sparse-autoencoder", definition=f"Learns **sparse** codes {HOSTILE}.",
                aliases=["SAE"], short="A wide, sparsely active autoencoder.")
    record = term_record(term, "glossary/#sparse-autoencoder", "en")
    assert 'data-pagefind-meta="forms:[&quot;Sparse autoencoder&quot;, &quot;SAE&quot;]"' in record
    assert 'data-pagefind-meta="short:A wide, sparsely active autoencoder."' in record
    assert 'data-pagefind-meta="link:glossary/#sparse-autoencoder"' in record
    assert "Learns sparse codes &lt;script&gt;" in record and "<script>" not in record


def test_records_are_written_where_pagefind_reads_their_url(tmp_path):
    records = SearchRecords(str(tmp_path / "records"))
    records.write("index.md", [("", "home")])
    records.write("safety/rlhf.md", [("safety/rlhf/", "note")])
    records.write("papers/x.md", [("papers/x.html", "page without directory URLs")])
    assert (tmp_path / "records/index.html").read_text() == "home"
    assert (tmp_path / "records/safety/rlhf/index.html").read_text() == "note"
    assert (tmp_path / "records/papers/x.html").read_text() == "page without directory URLs"
    records.remove()
    assert not (tmp_path / "records").exists()


def test_a_page_written_again_replaces_its_records_and_pages_gone_lose_theirs(tmp_path):
    records = SearchRecords(str(tmp_path / "records"))
    records.write("glossary.md", [("_terms/a/", "A"), ("_terms/b/", "B")])
    records.write("safety/old.md", [("safety/old/", "old note")])
    records.write("glossary.md", [("_terms/a/", "A again")])  # term b was removed from the glossary
    assert (tmp_path / "records/_terms/a/index.html").read_text() == "A again"
    assert not (tmp_path / "records/_terms/b/index.html").exists()
    records.keep_only({"glossary.md"})  # safety/old.md was deleted
    assert not (tmp_path / "records/safety/old/index.html").exists()
    assert (tmp_path / "records/_terms/a/index.html").is_file()


def test_a_page_title_is_given_as_text_once():
    assert text_title(Markup("Cats &amp; Dogs &lt;b&gt;")) == "Cats & Dogs <b>"
    assert text_title("Plain & simple") == "Plain & simple"
    record = page_record(PAGE, text_title(Markup("Cats &amp; Dogs")), "", [], "en")
    assert "<title>Cats &amp; Dogs</title>" in record
