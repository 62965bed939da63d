"""A glossary entry's names: one rule for the glossary's look-up and clashes and for `kb new term`."""
from kbsite.glossary import Glossary, Term, entry_names, load_glossary
from kbsite.scaffold import glossary_names


def test_an_entry_is_named_by_its_term_aliases_and_id():
    assert entry_names("C++", ["cpp"], None) == [("term", "C++"), ("alias", "cpp"), ("id", "c-plus-plus")]
    assert entry_names("Q&A", [], "qa") == [("term", "Q&A"), ("id", "qa")]


def test_the_glossary_finds_a_term_by_any_name_ignoring_case_and_spaces():
    term = Term("Sparse autoencoder", "sae-id", "d", aliases=["SAE"])
    glossary = Glossary([term])
    assert [glossary.find(name) for name in ("sparse AUTOENCODER", " sae ", "SAE-ID")] == [term, term, term]
    assert glossary.find("autoencoder") is None


def test_kb_new_term_and_the_glossary_take_the_same_names(tmp_path):
    """A stub without a definition is no term of the glossary yet, but its names are already taken."""
    path = tmp_path / "glossary.yml"
    path.write_text("- term: Sparse autoencoder\n  aliases: [SAE]\n  definition: d\n"
                    "- term: Q&A\n  id: qa\n", encoding="utf-8")
    glossary, _problems = load_glossary(str(path))
    [complete] = glossary.terms
    assert {name.casefold() for _kind, name in complete.names} | {"q&a", "qa"} == set(glossary_names(str(path)))
    assert glossary_names(str(path))["qa"] == ("Q&A", 4)
