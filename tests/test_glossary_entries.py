"""The glossary page's entries are assembled around each term's heading, in page order."""
import html
import xml.etree.ElementTree as etree

import markdown
from markdown.util import AtomicString

from kbsite import pages
from kbsite.glossary import Glossary, Term
from kbsite.glossary_entries import TermHeadingsText, TermHeadingsToc, build_entries
from kbsite.papers import Registry

GLOSSARY = Glossary([
    Term("Beta", "beta", "Second.", see_also=["Alpha", "gone"], tags=["x"]),
    Term("alpha", "alpha", "First.", aliases=["A<1>"]),
])


def entries(html: str):
    """The page's tree as Python-Markdown has it when our tree processor runs (ids set)."""
    md = markdown.Markdown()
    root = etree.fromstring(f"<div>{html}</div>")
    build_entries(root, GLOSSARY, Registry([]), lambda key: f"../papers/{key}.md", md.htmlStash.store)
    return root, md


def test_each_heading_opens_an_entry_that_ends_with_facts_and_a_marker():
    root, md = entries('<h1>Glossary</h1><p>Intro.</p><h2 id="alpha">alpha</h2><p>First.</p><p>More.</p>'
                       '<h2 id="beta">Beta</h2><p>Second.</p>')
    assert [child.tag for child in root] == ["h1", "p", "h2", "div", "h2", "div"]
    alpha, beta = root[3], root[5]
    assert alpha.get("data-kb-term") == "alpha" and [child.tag for child in alpha] == ["p", "p", "p", "p"]
    assert "".join(alpha[2].itertext()) == "Also: A<1>"  # text, escaped when serialized
    assert md.htmlStash.rawHtmlBlocks[0] == "<!-- kb:mentioned:alpha -->"
    facts = beta.find("p[@class='kb-term-facts kb-nolink']")
    assert "".join(facts.itertext()) == "See also: alpha\nTags: x"  # a see_also naming no term is left out
    assert facts.find("a").get("href") == "#alpha"


def test_a_heading_inside_a_definition_stays_in_its_entry():
    # (`toc` gives such a heading its id after our tree processor has run)
    root, _ = entries('<h2 id="alpha">alpha</h2><p>First.</p><h2>Details</h2><p>Inner.</p>'
                      '<h2 id="beta">Beta</h2><p>Second.</p>')
    assert [child.tag for child in root] == ["h2", "div", "h2", "div"]
    assert [child.tag for child in root[1]][:3] == ["p", "h2", "p"]


def test_the_toc_processor_leaves_term_headings_out_but_gives_them_permalinks():
    md = markdown.Markdown(extensions=["attr_list", "toc"], extension_configs={"toc": {"permalink": "#"}})
    md.treeprocessors.register(TermHeadingsToc(md, md.treeprocessors["toc"], GLOSSARY.by_id), "toc", 5)
    html = md.convert("# Glossary\n\n## alpha {#alpha}\n\nFirst.\n\n### Alpha\n\nInner.\n\n## Beta {#beta}\n\nSecond.\n")
    root = etree.fromstring(f"<div>{html}</div>")
    assert [(heading.tag, heading.get("id")) for heading in root if heading.tag.startswith("h")] == [
        ("h1", "glossary"), ("h2", "alpha"), ("h3", "alpha_1"), ("h2", "beta")]  # ids stay unique
    assert all(heading.find("a[@class='headerlink']").get("href") == f"#{heading.get('id')}"
               for heading in root if heading.tag.startswith("h"))
    assert md.toc_tokens[0]["id"] == "glossary"
    assert [child["id"] for child in md.toc_tokens[0]["children"]] == ["alpha_1"]  # no line per term


def test_term_headings_from_the_data_render_as_their_markdown_would():
    glossary = Glossary([Term("Q&A <b> a_b*c [x]", "q-and-a", "One."), Term("C++", "c-plus-plus", "Two.", aliases=["CPP"])])
    body = pages.glossary_page(glossary).split("---\n", 2)[2]  # without its front matter

    def convert(from_data: bool):
        md = markdown.Markdown(extensions=["attr_list"])
        if from_data:
            md.treeprocessors.register(TermHeadingsText(md, glossary), "kb-term-headings", 25)
        return md.convert(body)

    assert html.unescape(convert(True)) == html.unescape(convert(False))  # the same text; entities may differ
    assert '<h2 id="q-and-a">Q&amp;A &lt;b&gt; a_b*c [x]</h2>' in convert(True)
    root = etree.fromstring("<div><h2>C++ (CPP) {#c-plus-plus}</h2><h2>Q&amp;A {#q-and-a}</h2><h2>Again {#q-and-a}</h2></div>")
    TermHeadingsText(markdown.Markdown(), glossary).run(root)  # glossary order: C++, then Q&A
    assert [(h.get("id"), h.text, isinstance(h.text, AtomicString)) for h in root] == [
        ("c-plus-plus", "C++ (CPP)", True), ("q-and-a", "Q&A <b> a_b*c [x]", True),
        (None, "Again {#q-and-a}", False)]  # one heading per term, in page order
