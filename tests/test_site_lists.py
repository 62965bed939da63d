"""The site-wide lists, from what the linker found on each page (no build): who mentions a term,
who cites a work, which reading lists hold it, backlinks, and one renderer per marker kind."""
import pytest

from kbsite import markers
from kbsite.glossary import Glossary, Term
from kbsite.knowledge import Knowledge
from kbsite.notes import Note, Section
from kbsite.page_state import LinkContext, PageFindings
from kbsite.papers import Paper, Registry
from kbsite.site_lists import PageLink, SiteLists


def note(section: str, name: str, title: str) -> Note:
    return Note(section, name, f"notes/{section}/{name}.md", title, "S.", "", 5, ())


NOTES = {"safety": [note("safety", "a", "Alpha & co"), note("safety", "b", "Beta")],
         "reading-lists": [note("reading-lists", "week-1", "Week 1")]}
KNOWLEDGE = Knowledge("/nowhere", [Section(slug, slug.title(), notes=items) for slug, items in NOTES.items()],
                      Glossary([Term("Reward model", "reward-model", "A model.")]),
                      Registry([Paper("one2020first", "The First Work", ["Ann One"], 2020, "https://example.org/1")]))
FOUND = {
    "safety/a.md": PageFindings(terms={"reward-model": None}, citations=["one2020first"],
                                note_links=[("safety/b.md", LinkContext("Alpha links ", "Beta", " here."))]),
    "safety/b.md": PageFindings(terms={"reward-model": None}),
    "reading-lists/week-1.md": PageFindings(citations=["one2020first"]),
    "glossary/index.md": PageFindings(terms={"reward-model": None}),  # the glossary does not "mention" its terms
}
LINKS = {"safety/a.md": PageLink("safety/a/", "Alpha & co"), "safety/b.md": PageLink("safety/b/", "Beta"),
         "reading-lists/week-1.md": PageLink("reading-lists/week-1/", "Week 1"),
         "glossary/index.md": PageLink("glossary/", "Glossary")}


@pytest.fixture
def lists() -> SiteLists:
    return SiteLists(KNOWLEDGE, FOUND, LINKS, ["reading-lists"])


def test_the_lists_are_indexed_from_the_findings(lists):
    assert lists.mentions == {"reward-model": ["safety/a.md", "safety/b.md"]}
    assert lists.cited == {"one2020first": ["safety/a.md"]}
    assert lists.listed == {"one2020first": ["reading-lists/week-1.md"]}
    assert lists.incoming == {"safety/b.md": [("safety/a.md", LinkContext("Alpha links ", "Beta", " here."))]}


def test_each_kind_renders_with_links_relative_to_the_page(lists):
    mentioned = lists.render("mentioned", "reward-model", "glossary/")
    assert '<a href="../safety/a/">Alpha &amp; co</a></li><li><a href="../safety/b/">Beta</a>' in mentioned
    assert lists.render("cited", "one2020first", "papers/one2020first/") == (
        '<ul class="kb-link-list" data-search-exclude><li><a href="../../safety/a/">Alpha &amp; co</a></li></ul>')
    assert "Week 1" in lists.render("lists", "one2020first", "papers/one2020first/")
    assert lists.render("count", "one2020first", "papers/") == '<span class="kb-count">2 citing notes</span>'
    assert 'data-kb-graph="../graph.json"' in lists.render("graph", "site", "graph/")
    connections = lists.render("connections", "safety/b.md", "safety/b/")
    assert 'id="linked-from"' in connections and '<a href="../a/">Alpha &amp; co</a>' in connections
    assert "Alpha links <mark>Beta</mark> here." in connections
    assert 'id="related-notes"' not in connections  # the only note sharing its term links it already


def test_empty_lists_say_so(lists):
    assert "No note cites this work yet." in lists.render("cited", "nobody", "papers/nobody/")
    assert 'id="linked-from"' not in lists.render("connections", "safety/a.md", "safety/a/")


def test_every_marker_kind_has_a_renderer_and_no_other(lists):
    for kind in markers.KINDS:
        assert isinstance(lists.render(kind, "one2020first" if kind != "connections" else "safety/a.md", "x/"), str)
    with pytest.raises(KeyError):
        lists.render("counted", "x", "x/")
    with pytest.raises(ValueError):
        markers.marker("counted", "x")
    assert markers.fill("<!-- kb:counted:x -->", lambda kind, ident: "filled") == "<!-- kb:counted:x -->"
