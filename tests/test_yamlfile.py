"""The item-by-item loader of entry lists (papers.yml, glossary.yml) gives what a whole-document
load gives: the same data, key lines and problems."""
import pytest

from kbsite.yamlfile import _ItemLoader, load_yaml

CASES = {
    "list of mappings": "- key: a\n  title: A\n\n- key: b\n  tags: [x, y]\n",
    "second document": "- a: 1\n---\n- b: 2\n",
    "top-level mapping": "a: 1\n",
    "empty": "",
    "only a comment": "# nothing yet\n",
    "unclosed bracket mid-file": "- a: 1\n- b: [1, 2\n- c: 3\n",
    "repeated key": "- a: 1\n  a: 2\n",
    "aliases across items": "- &x {a: 1}\n- *x\n- b: *x\n",
    "bad indentation": "- a: 1\n b: 2\n",
}


def lines(data):
    """Every mapping's own line and key lines, in order."""
    if isinstance(data, dict):
        return [(data.line, data.key_lines)] + [item for value in data.values() for item in lines(value)]
    if isinstance(data, list):
        return [item for value in data for item in lines(value)]
    return []


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_item_loader_matches_a_whole_document_load(text):
    streamed, whole = load_yaml(text, "papers.yml", loader_class=_ItemLoader), load_yaml(text, "papers.yml")
    assert streamed == whole
    assert lines(streamed[0]) == lines(whole[0])


def test_key_lines_count_from_the_file_start():
    data, problems = load_yaml("# works\n- key: a\n\n- key: b\n  year: 2020\n", "papers.yml", loader_class=_ItemLoader)
    assert problems == []
    assert [(entry.line, entry.key_lines) for entry in data] == [(2, {"key": 2}), (4, {"key": 4, "year": 5})]
