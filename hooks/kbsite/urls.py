"""Where each page of the site sits in the docs, and links between docs paths.

Every address is a docs-relative `.md` path (a "src_uri"): MkDocs validates links to
them and rewrites them to the site's URLs, whichever `use_directory_urls` is set.
"""
from __future__ import annotations

import posixpath

HOME = "index.md"
GLOSSARY = "glossary/index.md"
PAPERS = "papers/index.md"
TAGS = "tags.md"
GRAPH = "graph/index.md"
GRAPH_DATA = "graph.json"  # written beside the pages, not a page
GRAPH_LIBRARY = "assets/vendor/force-graph/force-graph.min.js"
ASSETS = "assets/kb"
VENDOR = "assets/vendor"


def note(section: str, name: str) -> str:
    return f"{section}/{name}.md"


def section_index(section: str) -> str:
    return f"{section}/index.md"


def paper(key: str) -> str:
    """The page of a work of the registry."""
    return f"papers/{key}.md"


def term(term_id: str) -> str:
    """A term's entry on the glossary page."""
    return f"{GLOSSARY}#{term_id}"


def relative(from_uri: str, target: str) -> str:
    """A link from the page at `from_uri` to `target` (a docs path, with an optional #fragment).
    A link to a place on the same page is its bare #fragment, to a page in the same folder its name."""
    path, hash_mark, fragment = target.partition("#")
    if hash_mark and path == from_uri:
        return "#" + fragment
    folder = from_uri.rpartition("/")[0]
    if folder and path.startswith(folder + "/") and "/" not in path[len(folder) + 1:]:
        return target[len(folder) + 1:]  # a page in the same folder: its bare name
    return "../" * from_uri.count("/") + target


def resolve(from_uri: str, href: str) -> str:
    """The docs path a relative link `href` on the page at `from_uri` points to (fragment dropped)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), href.split("#")[0]))
