"""`kb new`: start a note or a glossary term that the contributor then fills in.

The placeholders are left empty on purpose: `kb check` (and the build) report them
until they are written.
"""
from __future__ import annotations

import os
import re

from .glossary import entry_names, name_key, slugify
from .knowledge import GLOSSARY_FILE, NOTES_DIR
from .notes import SECTION_INTRO, load_notes
from .yamlfile import load_entry_list
from .yamltext import append_entries, scalar

SECTION_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")

NOTE_TEMPLATE = """\
---
title: {title}
summary:  # TODO: one sentence saying what this note explains (shown in lists and search)
tags: []
order: {order}
---

<!-- One idea per note, in your own words. Cite the source of every claim by its key in
     papers.yml and link related notes and glossary terms (see CONTRIBUTING.md).
     Run `kb check` when you are done. -->
"""

TERM_TEMPLATE = """\
- term: {term}
  aliases: []
  short:  # TODO: one plain-text line, shown when hovering the term
  definition:  # TODO: a few sentences in your own words (Markdown)
  see_also: []
  papers: []
  tags: []
"""


class ScaffoldError(Exception):
    """The file was not written (it exists, the name is taken or invalid)."""


def new_note(root: str, section: str, title: str) -> str:
    """Write `notes/<section>/<slug>.md` from the template; return its path below `root`."""
    title = " ".join(title.split())
    if not SECTION_PATTERN.match(section):
        raise ScaffoldError(f"section '{section}' must be a folder name like 'safety' or 'reading-lists'")
    if not title:
        raise ScaffoldError("the title is empty")
    name = slugify(title) + ".md"
    if name == SECTION_INTRO:
        raise ScaffoldError(f"'{name}' is reserved for a section's introduction; choose another title")
    display = f"{NOTES_DIR}/{section}/{name}"
    path = os.path.join(root, NOTES_DIR, section, name)
    if os.path.exists(path):
        raise ScaffoldError(f"{display} already exists; not overwriting it")
    order = next_order(root, section)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(NOTE_TEMPLATE.format(title=scalar(title), order=order))
    return display


def next_order(root: str, section: str) -> int:
    """One more than the highest `order` of the section's notes (1 for a new section)."""
    sections, _problems = load_notes(os.path.join(root, NOTES_DIR), root)
    notes = [note for found in sections if found.slug == section for note in found.notes]
    orders = [note.order for note in notes if note.order is not None]
    return max(orders, default=0) + 1


def new_term(root: str, term: str) -> int:
    """Append a stub entry for `term` to glossary.yml as text; return the line where it starts."""
    term = " ".join(term.split())
    if not term:
        raise ScaffoldError("the term is empty")
    path = os.path.join(root, GLOSSARY_FILE)
    taken = glossary_names(path)
    for _kind, form in entry_names(term, [], None):
        if name_key(form) in taken:
            owner, line = taken[name_key(form)]
            raise ScaffoldError(f"{GLOSSARY_FILE}:{line}: '{form}' is already the term, an alias or the id "
                                f"of '{owner}'")
    expected = {"term": term, "aliases": [], "short": None, "definition": None,
                "see_also": [], "papers": [], "tags": []}
    return append_entries(path, GLOSSARY_FILE, TERM_TEMPLATE.format(term=scalar(term)), [expected])


def glossary_names(path: str) -> dict:
    """Every term, alias and id of glossary.yml entries, even incomplete ones: folded name -> (term, line)."""
    entries, _problems = load_entry_list(path, GLOSSARY_FILE, "terms")
    taken = {}
    for entry in entries:
        term = entry.get("term")
        if not isinstance(term, str) or not term.strip():
            continue
        aliases = entry.get("aliases") if isinstance(entry.get("aliases"), list) else []
        term_id = entry.get("id")
        for _kind, name in entry_names(term, [str(alias) for alias in aliases], str(term_id) if term_id else None):
            taken.setdefault(name_key(name), (term.strip(), entry.line))
    return taken
