"""The site's options: `plugins: - kb: {...}` in mkdocs.yml, checked by MkDocs itself, so a
wrong value is an MkDocs configuration error naming the option."""
from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .notes import LINK_MODES
from .textfile import read_text


class LinkMode(c.Choice):
    """One of `LINK_MODES`; `off` written bare is YAML 1.1's false in mkdocs.yml, read as "off"."""

    def run_validation(self, value: object) -> str:
        return super().run_validation("off" if value is False else value)


class WholeNumber(c.BaseConfigOption[int]):
    def __init__(self, default: int):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValidationError(f"Expected a whole number (0 or more), got {value!r}")
        return value


class KnowledgeConfig(base.Config):
    glossary_links = LinkMode(LINK_MODES, default="first")  # which mentions of a term in prose become links
    nav_max_notes = WholeNumber(default=100)  # a section with more notes lists only its index in the nav
    trusted_html = c.Type(bool, default=False)  # note bodies may use raw HTML and scripts (html_safety)
    section_order = c.ListOfItems(c.Type(str), default=[])  # section folders in reading order; others follow A-Z
    reading_lists = c.ListOfItems(c.Type(str), default=["reading-lists"])  # sections whose citations become cards
    start_here = c.Type(str, default="reading-lists/start-here.md")  # the note whose links, in order, are the reader's path


def option_line(config_file: str, message: str) -> int:
    """The line in `config_file` of the option a message names (its last quoted 'name'), or 0:
    MkDocs keeps no lines of its configuration."""
    text, _problems = read_text(config_file, config_file)
    lines = (text or "").split("\n")
    for name in reversed(re.findall(r"'([A-Za-z_][A-Za-z0-9_]*)'", message)):
        for number, line in enumerate(lines, 1):
            if line.strip().lstrip("- ").startswith(f"{name}:"):
                return number
    return 0
