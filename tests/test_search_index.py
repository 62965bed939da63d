"""The search index written entry by entry is byte for byte what Material's own writer produces."""
import datetime
import io
import json
from types import SimpleNamespace

from material.plugins.search.plugin import SearchIndex

from kbsite.search_index import INDEX_PATH, take_over_search_index, write_search_index

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stemmer"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}
ENTRIES = [
    {"location": "", "title": "Home", "text": "<p>Welcome.</p>"},
    {"location": "notes/a/#s-1", "title": "Gödel & \"quotes\"", "text": "<p>x < y — \u00e9t\u00e9 \U0001f600</p>",
     "tags": ["safety", "évals"]},
    {"location": "papers/b/", "title": "B", "text": "", "boost": 2, "date": datetime.date(2024, 5, 1)},
]


def index_with(entries):
    index = SearchIndex(**CONFIG)
    index.entries = list(entries)
    return index


def test_entries_written_one_by_one_match_materials_own_index():
    handle = io.StringIO()
    index = index_with(ENTRIES[:1])
    write_search_index(handle, index, ENTRIES)
    assert handle.getvalue() == index_with(ENTRIES).generate_search_index(None)
    assert index.entries == ENTRIES[:1]  # the plugin's own entries are left as they were
    assert json.loads(handle.getvalue())["docs"][2]["date"] == "2024-05-01"


def test_an_empty_index_matches_too():
    handle = io.StringIO()
    write_search_index(handle, index_with([]), [])
    assert handle.getvalue() == index_with([]).generate_search_index(None)
    assert json.loads(handle.getvalue())["docs"] == []


def test_taking_over_writes_the_file_and_switches_materials_writer_off(tmp_path):
    search = SimpleNamespace(config=SimpleNamespace(enabled=True), search_index=index_with(ENTRIES))
    take_over_search_index(search, str(tmp_path), ENTRIES)
    written = (tmp_path / INDEX_PATH).read_bytes()
    assert written == index_with(ENTRIES).generate_search_index(None).encode("utf-8")
    assert search.config.enabled is False
