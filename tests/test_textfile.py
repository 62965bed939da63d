"""The one reader of the knowledge base's text files, and the writers that keep a file's bytes."""
import os

import pytest

from kbsite.problems import Problem
from kbsite.textfile import read_text
from kbsite.yamltext import AppendError, append_entries, set_fields

STORED = b"\xef\xbb\xbf- term: Caf\xc3\xa9\r\n  definition: d\r\n"


def test_text_to_parse_drops_the_mark_and_windows_line_ends(tmp_path):
    (tmp_path / "g.yml").write_bytes(STORED)
    assert read_text(str(tmp_path / "g.yml"), "g.yml") == ("- term: Café\n  definition: d\n", [])


def test_exact_text_is_the_file_as_stored(tmp_path):
    (tmp_path / "g.yml").write_bytes(STORED)
    assert read_text(str(tmp_path / "g.yml"), "g.yml", exact=True) == (STORED.decode("utf-8"), [])


def test_a_missing_file_is_empty_unless_it_is_required(tmp_path):
    assert read_text(str(tmp_path / "none.yml"), "none.yml") == ("", [])
    assert read_text(str(tmp_path / "none.bib"), "none.bib", missing_ok=False) == (
        None, [Problem("none.bib", 0, "cannot be read: no such file")])


@pytest.mark.parametrize("make, message", [
    (lambda path: path.write_bytes(b"a: 1\nb: caf\xe9\n"), "not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
    (lambda path: path.mkdir(), "is a directory, not a file"),
    (lambda path: os.symlink(path.parent / "nowhere", path), "cannot be read: a broken symbolic link"),
])
def test_what_cannot_be_read_is_one_problem(tmp_path, make, message):
    path = tmp_path / "g.yml"
    make(path)
    text, problems = read_text(str(path), "g.yml")
    assert text is None
    assert [problem.message for problem in problems] == [message]
    assert problems[0].line == (2 if "UTF-8" in message else 0)


def test_appending_keeps_the_mark_and_the_line_ends(tmp_path):
    path = tmp_path / "g.yml"
    path.write_bytes(STORED)
    line = append_entries(str(path), "g.yml", "- term: B\n  definition: b\n", [{"term": "B", "definition": "b"}])
    assert path.read_bytes() == STORED + b"\r\n- term: B\r\n  definition: b\r\n"
    assert line == 4


def test_appending_to_a_file_that_is_only_a_mark_adds_no_blank_lines(tmp_path):
    path = tmp_path / "g.yml"
    path.write_bytes(b"\xef\xbb\xbf")
    assert append_entries(str(path), "g.yml", "- term: B\n  definition: b\n", [{"term": "B", "definition": "b"}]) == 1
    assert path.read_bytes() == b"\xef\xbb\xbf- term: B\n  definition: b\n"


def test_appending_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "g.yml"
    path.write_bytes(b"- term: caf\xe9\n")
    with pytest.raises(AppendError, match=r"^g\.yml:1: not valid UTF-8 \(byte 0xe9\)"):
        append_entries(str(path), "g.yml", "- term: B\n", [{"term": "B"}])
    assert path.read_bytes() == b"- term: caf\xe9\n"


def test_changing_a_field_keeps_the_mark_of_the_exact_text(tmp_path):
    (tmp_path / "p.yml").write_bytes(b"\xef\xbb\xbf- key: a\r\n  year: 2020\r\n")
    old, _ = read_text(str(tmp_path / "p.yml"), "p.yml", exact=True)
    assert set_fields(old, "p.yml", "key", {"a": {"year": 2021}}, ("key", "year")) == "\ufeff- key: a\r\n  year: 2021\r\n"
