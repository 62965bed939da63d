"""A benchmark-only MkDocs hook: time every page's two build steps, by kind of page.

Added (last) to a copy of a corpus' mkdocs.yml by benchmarks/pagetimes.py, never to the site itself.
It wraps `mkdocs.commands.build._populate_page` (read, on_page_markdown, Markdown conversion with every
extension, on_page_content) and `_build_page` (on_page_context - where Material's search plugin
indexes the page - template rendering, on_post_page, write), and the global events. On post_build it
writes JSON to $KB_PAGE_TIMES. Run with PYTHONTRACEMALLOC=1 and it also records Python memory by
source file at on_env (every page rendered to HTML) and at on_post_build.
"""
from __future__ import annotations

import json
import os
import time
import tracemalloc
from collections import defaultdict

import mkdocs.commands.build as build_module

_STARTED = time.perf_counter()
_times: dict = defaultdict(lambda: {"pages": 0, "populate_s": 0.0, "build_s": 0.0})
_marks: dict = {}
_memory: dict = {}


def _memory_by_file(label: str, top: int = 15):
    if not tracemalloc.is_tracing():
        return
    current, peak = tracemalloc.get_traced_memory()
    stats = tracemalloc.take_snapshot().statistics("filename")
    _memory[label] = {"current_mb": current / 2 ** 20, "peak_mb": peak / 2 ** 20,
                      "by_file": [{"file": stat.traceback[0].filename.split("site-packages/")[-1],
                                   "mb": round(stat.size / 2 ** 20, 2), "blocks": stat.count}
                                  for stat in stats[:top]]}


def kind_of(src_uri: str) -> str:
    if src_uri == "index.md":
        return "home"
    if src_uri == "glossary/index.md":
        return "glossary"
    if src_uri == "papers/index.md":
        return "papers index"
    if src_uri.startswith("papers/"):
        return "paper page"
    if src_uri in ("tags.md", "tags/index.md"):
        return "tags"
    if src_uri in ("graph.md", "graph/index.md"):
        return "graph"
    if src_uri.endswith("/index.md"):
        return "section index"
    return "note"


def _wrap(name: str, field: str):
    original = getattr(build_module, name)
    if getattr(original, "_kb_timed", False):
        return

    def timed(page, *args, **kwargs):
        started = time.perf_counter()
        try:
            return original(page, *args, **kwargs)
        finally:
            entry = _times[kind_of(page.file.src_uri)]
            entry[field] += time.perf_counter() - started
            if field == "populate_s":
                entry["pages"] += 1

    timed._kb_timed = True
    setattr(build_module, name, timed)


def on_startup(command, dirty):
    _wrap("_populate_page", "populate_s")
    _wrap("_build_page", "build_s")


def on_config(config):
    _marks["config_done"] = time.perf_counter()
    return config


def on_files(files, config):
    _marks["files_start"] = time.perf_counter()
    return files


def on_nav(nav, config, files):
    _marks["nav"] = time.perf_counter()
    return nav


def on_env(env, config, files):
    _marks["env"] = time.perf_counter()
    _memory_by_file("on_env")
    return env


def on_post_build(config):
    _marks["post_build"] = time.perf_counter()
    _memory_by_file("on_post_build")
    path = os.environ.get("KB_PAGE_TIMES")
    if path:
        marks = {name: value - _STARTED for name, value in _marks.items()}
        with open(path, "w", encoding="utf-8") as handle:
            json.dump({"kinds": dict(_times), "marks_s": marks, "memory": _memory}, handle, indent=2)
