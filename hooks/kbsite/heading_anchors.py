"""The ids a note's headings get in the build, for `[[Note#Heading]]`.

They are read from the note rendered with the site's own Markdown extensions, so the TOC's
slugify, `{#id}` attributes, setext headings and the `_1` suffixes of repeated headings all
count exactly as they do in the build. A note is rendered for this only when a link names
one of its headings, once per build.
"""
from __future__ import annotations

import html

import markdown


class HeadingAnchors:
    def __init__(self, extensions: list, configs: dict):
        self.extensions, self.configs = list(extensions), dict(configs)
        self._anchors: dict[str, dict[str, str]] = {}

    def find(self, note, heading: str) -> str | None:
        """The id of the heading of `note` named `heading` (its text, any case, or its id), or None."""
        anchors = self._anchors.get(note.src_uri)
        if anchors is None:
            anchors = self._anchors[note.src_uri] = self._read(note.read_body())
        return anchors.get(heading.strip().casefold())

    def _read(self, body: str) -> dict[str, str]:
        md = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
        md.convert(body)
        anchors: dict[str, str] = {}
        pending = list(getattr(md, "toc_tokens", []))  # set by the TOC extension; none without it
        while pending:
            token = pending.pop(0)
            anchors.setdefault(html.unescape(token["name"]).casefold(), token["id"])
            anchors.setdefault(token["id"].casefold(), token["id"])
            pending[:0] = token["children"]
        return anchors
