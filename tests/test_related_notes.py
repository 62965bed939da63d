"""Backlinks and related notes, computed from what the linker found on each page, without a build."""
import math
from types import SimpleNamespace

from kbsite.connections import Related, backlinks, related_notes


def found(note_links=(), terms=(), citations=()) -> SimpleNamespace:
    """What the linker records on one page: the parts connections read."""
    return SimpleNamespace(note_links=list(note_links), terms=list(terms), citations=list(citations))


def notes(*uris: str) -> dict:
    return {uri: object() for uri in uris}


# --- backlinks ----------------------------------------------------------------------

def test_a_backlink_per_linking_note_with_the_context_of_its_first_link():
    pages = {"s/b.md": found([("s/a.md", "first mention"), ("s/a.md", "second mention")]),
             "s/a.md": found([("s/a.md", "a link to itself"), ("s/c.md", "to c")]),
             "s/c.md": found(),
             "s/index.md": found([("s/a.md", "a section index is no note")]),
             "other/z.md": found([("s/a.md", "from z")])}
    assert backlinks(pages, notes("s/a.md", "s/b.md", "s/c.md", "other/z.md")) == {
        "s/a.md": [("other/z.md", "from z"), ("s/b.md", "first mention")],
        "s/c.md": [("s/a.md", "to c")]}


# --- related notes ------------------------------------------------------------------

def test_a_rarer_shared_term_ranks_higher():
    pages = {"a.md": found(terms=["rare", "common"]), "b.md": found(terms=["rare"]),
             "c.md": found(terms=["common"]), "d.md": found(terms=["common"]), "e.md": found(terms=["common"]),
             "f.md": found()}
    related = related_notes(pages, notes(*pages))["a.md"]
    assert [(item.uri, item.terms) for item in related] == [
        ("b.md", ["rare"]), ("c.md", ["common"]), ("d.md", ["common"]), ("e.md", ["common"])]
    assert related[0].score == math.log(1 + 6 / 2) and related[1].score == math.log(1 + 6 / 4)


def test_a_shared_work_counts_half_as_much_again_as_a_shared_term():
    pages = {"a.md": found(terms=["t"], citations=["w"]), "b.md": found(terms=["t"]), "c.md": found(citations=["w"])}
    related = related_notes(pages, notes(*pages))["a.md"]
    assert related == [Related("c.md", 1.5 * math.log(1 + 3 / 2), [], ["w"]),
                       Related("b.md", math.log(1 + 3 / 2), ["t"], [])]


def test_items_of_one_note_and_items_above_the_ceiling_relate_nothing():
    """With 12 notes the ceiling is 10: an item shared by 11 notes says little and is skipped."""
    uris = [f"n{number:02}.md" for number in range(12)]
    pages = {uri: found(terms=["everywhere" if number < 11 else "own"]) for number, uri in enumerate(uris)}
    assert all(items == [] for items in related_notes(pages, notes(*uris)).values())
    for uri in uris[:10]:
        pages[uri].terms.append("ten")
    related = related_notes(pages, notes(*uris), limit=20)
    assert [item.uri for item in related["n00.md"]] == uris[1:10]
    assert {term for item in related["n00.md"] for term in item.terms} == {"ten"}
    assert related["n10.md"] == [] and related["n11.md"] == []


def test_ties_are_ordered_by_uri_whatever_the_order_pages_were_found_in():
    uris = ["d.md", "b.md", "a.md", "c.md", "e.md", "f.md", "g.md"]
    pages = {uri: found(terms=["t", "u"]) for uri in uris}
    forward = related_notes(pages, notes(*uris), limit=5)
    backward = related_notes(dict(reversed(pages.items())), notes(*reversed(uris)), limit=5)
    assert [item.uri for item in forward["d.md"]] == ["a.md", "b.md", "c.md", "e.md", "f.md"]
    assert forward == backward


def test_only_notes_are_related_and_a_note_never_to_itself():
    pages = {"a.md": found(terms=["t"]), "b.md": found(terms=["t"]), "index.md": found(terms=["t"])}
    related = related_notes(pages, notes("a.md", "b.md", "missing.md"))
    assert {uri: [item.uri for item in items] for uri, items in related.items()} == {"a.md": ["b.md"], "b.md": ["a.md"]}
