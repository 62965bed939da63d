"""Author-year labels and citation parsing, without a build."""
import html as html_module
import re

import markdown
import pytest

from kbsite.glossary import Glossary
from kbsite.knowledge import Knowledge
from kbsite.linker import KnowledgeExtension
from kbsite.page_state import PageContext
from kbsite.papers import Paper, Registry, surname


@pytest.mark.parametrize("authors, label", [
    (["Neel Nanda"], "Nanda, 2023"),
    (["Collin Burns", "Haotian Ye"], "Burns & Ye, 2023"),
    (["Yuntao Bai", "Saurav Kadavath", "Sandipan Kundu"], "Bai et al., 2023"),
    (["Ludwig van Beethoven"], "van Beethoven, 2023"),
    (["Hoffmann, Jordan"], "Hoffmann, 2023"),
    (["Anthropic"], "Anthropic, 2023"),
    (["METR"], "METR, 2023"),
])
def test_author_year_labels(authors, label):
    assert Paper("k", "T", authors, 2023, "https://x.org").citation_label == label


def test_surname_keeps_names_in_capitals_whole():
    assert surname("DEEPMIND SAFETY") == "DEEPMIND SAFETY"


def test_a_link_finds_its_work_by_arxiv_id_doi_or_url():
    paper = Paper("a2020x", "Title A", ["Ann Alpha"], 2020, "https://a.org/x/", arxiv="2001.00001", doi="10.1234/abc")
    registry = Registry([paper])
    for href in ("https://arxiv.org/pdf/2001.00001v2", "https://doi.org/10.1234/ABC", "http://dx.doi.org/10.1234/abc",
                 "https://www.a.org/x"):
        assert registry.find_by_link(href) is paper, href
    assert registry.find_by_link("https://doi.org/10.1234/abd") is None


def render(text):
    registry = Registry([Paper("a2020x", "Title A", ["Ann Alpha"], 2020, "https://a.org"),
                         Paper("b2021y", "Title B", ["Bo Beta", "Cy Gamma"], 2021, "https://b.org")])
    extension = KnowledgeExtension(Knowledge(".", [], Glossary([]), registry))
    findings = extension.begin_page(PageContext(src_uri="safety/n.md", link_mode="off"))
    html = markdown.Markdown(extensions=["fenced_code", extension]).convert(text)
    return html, findings


@pytest.mark.parametrize("text, labels, keys", [
    ("See [@a2020x].", ["Alpha, 2020"], ["a2020x"]),
    ("See [@a2020x; @b2021y].", ["Alpha, 2020", "Beta & Gamma, 2021"], ["a2020x", "b2021y"]),
    ("See [@b2021y;@a2020x] twice [@a2020x].", ["Beta & Gamma, 2021", "Alpha, 2020", "Alpha, 2020"], ["b2021y", "a2020x"]),
    ("Not a citation: [@a2020x and more] or [see @a2020x] or mail a@a2020x.org.", [], []),
    ("Escaped \\[@a2020x] and `[@a2020x]` stay.", [], []),
])
def test_citation_parsing(text, labels, keys):
    html, page = render(text)
    assert [html_module.unescape(label) for label in re.findall(r'title="[^"]*Title [AB][^"]*">([^<]+)</a>', html)] == labels
    assert page.citations == keys


def test_unknown_key_is_reported_and_shown():
    html, page = render("Broken [@nobody2020; @a2020x].")
    assert page.unresolved == [("@nobody2020", "unknown citation key '@nobody2020' (not in papers.yml)")]
    assert '<span class="kb-unresolved">@nobody2020</span>' in html


def test_references_and_cards_shorten_long_author_lists():
    few = Paper("a2020x", "T", ["Ann One", "Bob Two", "Cy Three", "Di Four"], 2020, "https://a.org")
    many = Paper("b2020x", "T", ["Ann One", "Bob Two", "Cy Three", "Di Four", "Ed Five"], 2020, "https://b.org")
    assert few.short_author_list == "Ann One, Bob Two, Cy Three, Di Four"
    assert many.short_author_list == "Ann One, Bob Two, Cy Three et al."
    assert many.author_list.endswith("Ed Five")  # the paper page still lists everyone
