"""Material's search index, written to its file one entry at a time.

Material's search plugin serializes the whole index into one JSON string and then into its
UTF-8 bytes, so that the index is held about three times over in memory: the largest single
spike of a large build (benchmarks/README.md has the figures). Writing entry by entry produces
the same bytes.
"""
from __future__ import annotations

import json
import os

INDEX_PATH = os.path.join("search", "search_index.json")
DOCS_PLACEHOLDER = '"docs":[]'


def write_search_index(handle, index, entries: list) -> None:
    """Write `entries` to `handle` as Material's `SearchIndex.generate_search_index` writes an index
    holding them: its own output for no entries, with the entries serialized in between."""
    own_entries, index.entries = index.entries, []
    try:
        empty = index.generate_search_index(None)
    finally:
        index.entries = own_entries
    before, placeholder, after = empty.rpartition(DOCS_PLACEHOLDER)
    if not placeholder:
        raise ValueError(f"Material's search index has no {DOCS_PLACEHOLDER!r}: {empty[:200]}")
    handle.write(before + '"docs":[')
    for position, entry in enumerate(entries):
        if position:
            handle.write(",")
        handle.write(json.dumps(entry, separators=(",", ":"), default=str))
    handle.write("]" + after)


def take_over_search_index(search, site_dir: str, entries: list) -> None:
    """Write Material's index for it, then switch its plugin off for the rest of this build so that
    its `on_post_build` does not serialize the index again (MkDocs loads the plugin's config anew
    for every build, which switches it back on)."""
    path = os.path.join(site_dir, INDEX_PATH)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        write_search_index(handle, search.search_index, entries)
    search.config.enabled = False
