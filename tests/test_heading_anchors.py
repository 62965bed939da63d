"""`[[Note#Heading]]` links to the id the build gives the heading: the TOC's slugify, `{#id}`
attributes, setext headings and the `_1` of a repeated heading."""
import markdown

from kbsite.heading_anchors import HeadingAnchors
from kbsite.glossary import Glossary
from kbsite.knowledge import Knowledge
from kbsite.linker import KnowledgeExtension
from kbsite.notes import Note, Section
from kbsite.page_state import PageContext
from kbsite.papers import Registry

BODY = """# Toy models

## Toy model {#toy}

Setext heading
--------------

## Results

## Results

```
## Not a heading
```
"""
EXTENSIONS = ["attr_list", "toc", "fenced_code"]


def a_note(tmp_path) -> Note:
    path = tmp_path / "toy.md"
    path.write_text(f"---\ntitle: Toy\nsummary: S.\n---\n{BODY}", encoding="utf-8")
    return Note("safety", "toy", "notes/safety/toy.md", "Toy", "S.", str(path), 5, ())


def test_anchors_are_the_ids_the_build_gives(tmp_path):
    anchors, note = HeadingAnchors(EXTENSIONS, {}), a_note(tmp_path)
    assert anchors.find(note, "Toy model") == "toy"  # the attribute's id, not toy-model
    assert anchors.find(note, "toy") == "toy"
    assert anchors.find(note, "setext HEADING") == "setext-heading"
    assert anchors.find(note, "Results") == "results"
    assert anchors.find(note, "results_1") == "results_1"  # the TOC's id for the second "Results"
    assert anchors.find(note, "Not a heading") is None  # inside a fence
    assert anchors.find(note, "toy-model") is None


def test_a_wikilink_to_a_heading_uses_its_real_id(tmp_path):
    note = a_note(tmp_path)
    knowledge = Knowledge(str(tmp_path), [Section("safety", "Safety", notes=[note])], Glossary([]), Registry([]))
    extension = KnowledgeExtension(knowledge, HeadingAnchors(EXTENSIONS, {}))
    findings = extension.begin_page(PageContext(src_uri="safety/other.md", link_mode="off"))
    html = markdown.Markdown(extensions=[*EXTENSIONS, extension]).convert("[[Toy#Toy model]] and [[Toy#Missing]]")
    assert 'href="toy.md#toy"' in html  # the same folder as the linking page
    assert findings.unresolved == [("[[Toy#Missing]]", "[[Toy#Missing]]: note 'Toy' has no heading 'Missing'")]
