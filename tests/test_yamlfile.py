"""The knowledge files' YAML: lines of every mapping and key, YAML 1.2 booleans, no anchors or
aliases, text keys, and one broken entry of a list reported without losing the others."""
from kbsite.yamlfile import load_entry_list, load_yaml


def test_key_lines_count_from_the_file_start():
    data, problems = load_yaml("# works\n- key: a\n\n- key: b\n  year: 2020\n", "papers.yml")
    assert problems == []
    assert [(entry.line, entry.key_lines) for entry in data] == [(2, {"key": 2}), (4, {"key": 4, "year": 5})]


def test_only_true_and_false_are_booleans():
    data, _ = load_yaml("a: [off, yes, no, on, y, n, true, False]\n", "x.yml")
    assert data["a"] == ["off", "yes", "no", "on", "y", "n", True, False]


def test_anchors_and_aliases_are_refused_before_expansion():
    laughs = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20))
    data, problems = load_yaml(laughs, "notes/a.md", first_line=2)
    assert data is None
    assert [str(problem) for problem in problems] == [
        "notes/a.md:2: YAML error: YAML anchors and aliases (&a) are not allowed in knowledge files"]


def test_a_key_that_is_a_list_is_one_problem():
    assert [str(p) for p in load_yaml("x: 1\n? [a, b]\n: 2\n", "g.yml")[1]] == [
        "g.yml:2: YAML error: a key must be text, not a list or mapping"]


def test_repeated_key():
    assert [str(p) for p in load_yaml("- a: 1\n  a: 2\n", "p.yml")[1]] == [
        "p.yml:2: YAML error: key 'a' repeated (first at line 1)"]


def test_deep_nesting_is_one_problem():
    assert [str(p) for p in load_yaml("[" * 5000 + "]" * 5000, "p.yml")[1]] == [
        "p.yml:1: YAML syntax error: while increasing flow level, exceeded maximum nesting depth"]


def test_one_broken_entry_keeps_the_others(tmp_path):
    path = tmp_path / "papers.yml"
    path.write_text("# works\n- key: a\n  title: A\n- key: b\n  title: \"unclosed\n- key: c\n  x: *nothing\n- key: d\n")
    entries, problems = load_entry_list(str(path), "papers.yml", "works")
    assert [entry["key"] for entry in entries] == ["a", "d"]
    assert [(problem.line, problem.message.split(":")[0]) for problem in problems] == [
        (5, "YAML syntax error"), (7, "YAML error")]


def test_items_that_are_not_mappings_have_their_line(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("- term: A\n  definition: a\n- just words\n- [a, list]\n")
    entries, problems = load_entry_list(str(path), "glossary.yml", "terms")
    assert [entry["term"] for entry in entries] == ["A"]
    assert [str(problem) for problem in problems] == [
        "glossary.yml:3: expected a mapping of fields for one of the terms, found just words",
        "glossary.yml:4: expected a mapping of fields for one of the terms, found a list"]


def test_a_directory_or_a_mapping_is_one_problem(tmp_path):
    (tmp_path / "glossary.yml").mkdir()
    assert [str(p) for p in load_entry_list(str(tmp_path / "glossary.yml"), "glossary.yml", "terms")[1]] == [
        "glossary.yml: is a directory, not a file"]
    (tmp_path / "papers.yml").write_text("key: a\n")
    assert [str(p) for p in load_entry_list(str(tmp_path / "papers.yml"), "papers.yml", "works")[1]] == [
        "papers.yml:1: expected a YAML list of works, found a mapping"]
