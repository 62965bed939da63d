"""A work's identity: one rule for the registry's duplicates, its links, `kb add` and `kb import-bib`."""
import pytest

from kbsite.lookup import parse_identifier
from kbsite.papers import KnownWorks, Paper, Registry, identities, link_identities, load_registry

TOY = Paper("elhage2022toy", "Toy Models", ["Nelson Elhage"], 2022, "https://www.transformer-circuits.pub/toy/",
            arxiv="2209.10652", doi="10.1234/toy")


def test_identities_are_normalised_and_in_the_order_clashes_are_reported():
    assert TOY.identities == [("key", "elhage2022toy"), ("arXiv id", "2209.10652"), ("DOI", "10.1234/toy"),
                              ("url", "transformer-circuits.pub/toy")]
    assert identities(url="", arxiv=None) == []  # nothing is no identity, so works without one never clash


@pytest.mark.parametrize("href, expected", [
    ("https://arxiv.org/pdf/2209.10652v2.pdf", ("arXiv id", "2209.10652")),
    ("https://doi.org/10.1234/TOY", ("DOI", "10.1234/toy")),
    ("http://transformer-circuits.pub/toy#intro", ("url", "transformer-circuits.pub/toy")),
])
def test_a_link_and_an_identifier_name_a_work_as_its_entry_does(href, expected):
    assert expected in TOY.identities
    assert link_identities(href)[0] == expected
    assert parse_identifier(href).identity == expected
    assert Registry([TOY]).find_by_link(href) is TOY


def test_a_doi_org_link_to_an_arxiv_doi_names_the_arxiv_work():
    assert parse_identifier("https://doi.org/10.48550/arXiv.2209.10652").identity == ("arXiv id", "2209.10652")


def test_known_works_say_why_a_work_is_not_new():
    known = KnownWorks(Registry([TOY]), "papers.yml")
    assert known.keys == {"elhage2022toy"}
    assert known.duplicate(identities(url="https://example.org/new")) is None
    assert known.duplicate(identities(key="other", url="https://example.org/new", doi="10.1234/toy")) == \
        "already in papers.yml as 'elhage2022toy' (same DOI)"
    new = identities(key="new2023", url="https://example.org/new")
    known.accept(new, "already imported from in.bib as 'new2023'")
    assert known.keys == {"elhage2022toy", "new2023"}
    assert known.duplicate(identities(url="http://www.example.org/new/")) == \
        "already imported from in.bib as 'new2023' (same url)"


def test_the_registry_refuses_a_second_entry_with_an_identity_of_the_first(tmp_path):
    (tmp_path / "papers.yml").write_text(
        "- key: a2020x\n  title: A\n  authors: [Ann A]\n  year: 2020\n  url: https://arxiv.org/abs/2001.00001\n"
        "- key: b2020x\n  title: B\n  authors: [Bo B]\n  year: 2020\n  url: https://b.org\n  arxiv: '2001.00001'\n",
        encoding="utf-8")
    registry, problems = load_registry(str(tmp_path / "papers.yml"))
    assert list(registry.papers) == ["a2020x"]
    assert [str(problem) for problem in problems] == [
        "papers.yml:6: entry 'b2020x': duplicate arXiv id '2001.00001', already used by 'a2020x' at line 1"]
