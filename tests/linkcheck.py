"""Crawl a built site: every internal href and #fragment must resolve to a file and an element id."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.links.append(attrs[key])


def _resolve(site: Path, page: Path, href: str):
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    if parts.path.startswith("/"):
        target = site / unquote(parts.path).lstrip("/")
    else:
        target = Path(posixpath.normpath(str(page.parent / unquote(parts.path)))) if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def broken_links(site: Path) -> list:
    """(page, href) pairs whose file or fragment does not exist."""
    parsed = {}

    def load(path):
        if path not in parsed:
            parser = _Page()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken = []
    for page in sorted(site.rglob("*.html")):
        for href in load(page).links:
            resolved = _resolve(site, page, href)
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.is_file():
                broken.append((str(page.relative_to(site)), href))
            elif fragment and target.suffix == ".html" and unquote(fragment) not in load(target).ids:
                broken.append((str(page.relative_to(site)), href))
    return broken
