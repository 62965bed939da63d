"""Connected notes: backlinks, related notes, hover previews, the graph and tags, on the fixture build."""
import json


def test_backlinks_with_context(fixture_build):
    page = fixture_build.html("interpretability/superposition/")
    items = page.select("ul.kb-backlinks > li")
    assert [item.find("a").get_text() for item in items] == ["RLHF and its limits"]
    assert items[0].find("a")["href"] == "../../safety/rlhf-limits/"
    assert "See Constitutional AI, the feedback recipe and Superposition notes" in items[0].get_text()
    back = fixture_build.html("safety/rlhf-limits/").select("ul.kb-backlinks > li")
    assert [item.find("a").get_text() for item in back] == ["Superposition notes"]  # by a relative .md link
    assert "Back to the RLHF note." in back[0].get_text()
    unlinked = fixture_build.html("safety/another/").select_one(".kb-connections")
    assert unlinked.select("#linked-from, ul.kb-backlinks") == [] and "Linked from" not in unlinked.get_text()


def test_related_notes_leave_out_linked_notes_and_say_briefly_what_they_share(fixture_build):
    page = fixture_build.html("safety/rlhf-limits/")
    shared = {item.find("a").get_text(): item.select_one(".kb-related__shared").get_text()
              for item in page.select("ul.kb-related > li")}
    assert "Superposition notes" not in shared  # it links this note: it is under "Linked from" instead
    assert shared == {"Starter reading list": "shares 4 works (Bai et al., 2022; Burns & Ye, 2022; …)",
                      "Another safety note": "shares 1 term (Reinforcement learning)"}
    toc = [link.get_text(strip=True) for link in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc[-3:] == ["Linked from", "Related notes", "Local graph"]


def test_linked_from_marks_the_linking_phrase(fixture_build):
    context = fixture_build.html("safety/rlhf-limits/").select_one(".kb-backlinks__context")
    assert context.mark.get_text() == "the RLHF note" and context.get_text().endswith("the RLHF note.")


def test_note_links_ask_for_materials_instant_preview(fixture_build):
    page = fixture_build.html("safety/rlhf-limits/")
    link = page.select_one("a.kb-note-link")
    assert link.has_attr("data-preview") and not link.has_attr("title")
    relative = fixture_build.html("interpretability/superposition/").find("a", string="the RLHF note")
    assert relative.has_attr("data-preview")
    summary = fixture_build.html("interpretability/superposition/").select_one("article p.kb-summary")
    assert summary.get_text() == "Features stored in fewer dimensions than there are features."


def test_graph_json_counts_match_the_knowledge_base(fixture_build):
    data = json.loads((fixture_build.site / "graph.json").read_text())
    kinds = {}
    for node in data["nodes"]:
        kinds[node["type"]] = kinds.get(node["type"], 0) + 1
    assert kinds == {"note": 4, "term": 9, "work": 4}
    ids = {node["id"] for node in data["nodes"]}
    assert all(edge["source"] in ids and edge["target"] in ids for edge in data["edges"])
    edges = {(edge["source"], edge["target"], edge["kind"]) for edge in data["edges"]}
    assert ("note:safety/rlhf-limits.md", "note:interpretability/superposition.md", "links") in edges
    assert ("note:interpretability/superposition.md", "note:safety/rlhf-limits.md", "links") in edges
    assert ("note:safety/rlhf-limits.md", "work:elhage2022toy", "cites") in edges
    assert ("note:safety/rlhf-limits.md", "term:c-plus-plus", "mentions") in edges
    assert ("term:constitutional-ai", "work:bai2022constitutional", "cites") in edges
    node = next(node for node in data["nodes"] if node["id"] == "work:elhage2022toy")
    assert node["url"] == "papers/elhage2022toy/" and node["title"] == "Toy Models of Superposition"


def test_graph_page_and_local_graph(fixture_build):
    page = fixture_build.html("graph/")
    view = page.select_one("div.kb-graph")
    assert view["data-kb-graph"] == "../graph.json"
    assert view["data-kb-graph-library"] == "../assets/vendor/force-graph/force-graph.min.js"
    assert (fixture_build.site / "assets/vendor/force-graph/force-graph.min.js").is_file()
    local = fixture_build.html("safety/rlhf-limits/").select_one("details.kb-local-graph div.kb-graph--local")
    assert local["data-kb-focus"] == "note:safety/rlhf-limits.md"
    assert local["data-kb-graph"] == "../../graph.json"


def test_graph_page_lists_every_connection_as_text(fixture_build):
    """The text alternative holds exactly graph.json's edges, each a link from its source's line."""
    data = json.loads((fixture_build.site / "graph.json").read_text())
    titles = {node["id"]: node["title"] for node in data["nodes"]}
    listed = fixture_build.html("graph/").select_one("details.kb-graph-list")
    assert listed.select_one("summary").get_text() == "The connections as a list"
    found = set()
    for item in listed.select("li"):
        source = item.select_one("a").get_text()
        found |= {(source, link.get_text()) for link in item.select("a")[1:]}
    assert found == {(titles[edge["source"]], titles[edge["target"]]) for edge in data["edges"]}
    line = next(item for item in listed.select("li") if item.select_one("a").get_text() == "RLHF and its limits")
    assert line.select_one("a")["href"] == "../safety/rlhf-limits/"
    text = line.get_text(" ", strip=True)
    assert "(note) links to Superposition notes" in text and "; cites " in text and "; mentions " in text
    assert line.find("a", string="Toy Models of Superposition")["href"] == "../papers/elhage2022toy/"


def test_tags_index_covers_notes_and_works(fixture_build):
    text = fixture_build.html("tags/").select_one("article").get_text(" ", strip=True)
    assert "superposition" in text and "Toy Models of Superposition" in text and "Superposition notes" in text
