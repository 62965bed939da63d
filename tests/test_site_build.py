"""The site foundation, checked on a real `mkdocs build --strict` of the fixture knowledge base."""


def test_notes_are_mounted_at_section_urls(fixture_build):
    assert (fixture_build.site / "safety/rlhf-limits/index.html").is_file()
    assert (fixture_build.site / "interpretability/superposition/index.html").is_file()
    assert fixture_build.html("safety/rlhf-limits/").find("h1").get_text() == "RLHF and its limits"


def test_section_index_lists_notes_by_order_then_title(fixture_build):
    page = fixture_build.html("safety/")
    items = page.select("article li")
    titles = [item.find("a").get_text() for item in items]
    assert titles == ["RLHF and its limits", "Another safety note"]  # order: 2 beats no order
    assert "How reinforcement learning from human feedback works" in items[0].get_text()
    assert items[0].find("a")["href"] == "rlhf-limits/"


def test_navigation_has_sections_glossary_and_papers(fixture_build):
    nav = fixture_build.html("safety/rlhf-limits/").select_one("nav.md-tabs")
    tabs = [link.get_text(" ", strip=True) for link in nav.select("a.md-tabs__link")]
    assert tabs == ["Home", "Interpretability", "Reading lists", "Safety", "Glossary", "Papers", "Tags", "Graph"]


def test_navigation_is_pruned_to_the_active_section(fixture_build):
    sidebar = fixture_build.html("safety/rlhf-limits/").select_one("nav.md-nav--primary")
    hrefs = [link["href"] for link in sidebar.select("a[href]")]
    assert any("another/" in href for href in hrefs)
    assert not any("interpretability/superposition" in href for href in hrefs)


def test_edit_links_point_at_real_sources(fixture_build):
    def edit(url):
        return fixture_build.html(url).select_one('a[rel="edit"]')["href"]
    base = "https://github.com/ai-safety-notes/knowledge-base/edit/main/"
    assert edit("safety/rlhf-limits/") == base + "notes/safety/rlhf-limits.md"
    assert edit("") == base + "docs/index.md"
    assert edit("glossary/") == base + "glossary.yml"
    assert edit("papers/elhage2022toy/") == base + "papers.yml"


def test_math_is_rendered_at_build_time(fixture_build):
    page = fixture_build.html("interpretability/superposition/")
    assert not page.select("script[type^=\"math/tex\"]")  # instant navigation would run them as JavaScript
    inline, display = page.select("article span.kb-math")
    assert inline.select_one(".katex annotation").get_text() == "h = Wx"
    assert display.select_one(".katex-display annotation").get_text() == "x' = \\mathrm{ReLU}(W^T h + b)"
    assert not [script for script in page.find_all("script") if "katex" in script.get("src", "")]


def test_no_asset_is_loaded_from_another_host(fixture_build):
    page = fixture_build.html("interpretability/superposition/")
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in page.find_all(tag):
            value = element.get(attribute) or ""
            if tag == "link" and "stylesheet" not in (element.get("rel") or []):
                continue
            assert not value.startswith(("http:", "https:", "//")), value


def test_home_page_counts_are_computed(fixture_build):
    text = fixture_build.html("").select_one("article").get_text(" ", strip=True)
    assert "4 notes" in text and "9 glossary terms" in text and "4 papers" in text
    sections = [heading.a.get_text() + " " + heading.find_next_sibling("p").em.get_text()
                for heading in fixture_build.html("").select("article h3")]
    assert sections == ["Interpretability 1 note.", "Reading lists 1 note.", "Safety 2 notes."]


def test_tags_index_lists_note_tags(fixture_build):
    text = fixture_build.html("tags/").select_one("article").get_text(" ", strip=True)
    assert "alignment" in text and "RLHF and its limits" in text


def test_no_broken_internal_links(fixture_build):
    from linkcheck import broken_links
    assert broken_links(fixture_build.site) == []


def test_a_note_can_hold_a_tags_listing(tmp_path):
    # Pages' HTML is held compressed between rendering and writing, except where Material's
    # tags plugin must write a listing into it.
    from kbfixture import FILES
    from sitebuild import build_site
    note = FILES["notes/safety/another.md"] + "\n<!-- material/tags { include: [alignment] } -->\n"
    result = build_site(tmp_path, {**FILES, "notes/safety/another.md": note})
    assert result.returncode == 0, result.output
    listing = result.html("safety/another/").select_one("article")
    assert listing.find("a", string="RLHF and its limits") is not None
    assert "superposition" in result.html("interpretability/superposition/").select_one("article").get_text().lower()


def test_skip_link_targets_the_title_which_leads_the_table_of_contents(fixture_build):
    for url, title in (("safety/rlhf-limits/", "RLHF and its limits"), ("safety/", "Safety")):
        page = fixture_build.html(url)
        assert page.select_one("a.md-skip")["href"] == "#kb-title"
        assert [h1.get_text() for h1 in page.select("article h1")] == [title]
        assert page.select_one("article h1")["id"] == "kb-title"
    toc = fixture_build.html("safety/rlhf-limits/").select_one("nav.md-nav--secondary")
    entries = [link.get_text(strip=True) for link in toc.select("a.md-nav__link")]
    assert entries and "RLHF and its limits" not in entries  # Material lists the title's children
    assert fixture_build.html("glossary/").select_one("a.md-skip")["href"] == "#glossary"  # an own `# Title` stays
