"""The whole knowledge base of a site: notes, glossary and registry, loaded and checked together."""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from .glossary import Glossary, load_glossary
from .matcher import TermMatcher
from .notes import load_notes
from .papers import Registry, load_registry

GLOSSARY_FILE = "glossary.yml"
PAPERS_FILE = "papers.yml"
NOTES_DIR = "notes"


@dataclass
class Knowledge:
    """Everything the linker needs to resolve terms, citations and note links."""

    root: str
    sections: list
    glossary: Glossary
    registry: Registry
    problems: list = field(default_factory=list)

    def __post_init__(self):
        self.notes = [note for section in self.sections for note in section.notes]
        self.matcher = TermMatcher((form, term.id) for term in self.glossary.terms for form in term.forms)
        self._notes_by_name: dict = {}
        for note in self.notes:
            for name in {note.title.casefold(), note.name.casefold(), f"{note.section}/{note.name}".casefold()}:
                self._notes_by_name.setdefault(name, []).append(note)
        self.notes_by_uri = {note.src_uri: note for note in self.notes}

    def find_notes(self, name: str) -> list:
        """Notes named by title, slug or `section/slug` (case-insensitive)."""
        return self._notes_by_name.get(name.strip().casefold(), [])


def load_knowledge(root: str, section_order: Sequence[str] = ()) -> Knowledge:
    """Load and validate the knowledge base under `root` (the folder of mkdocs.yml); sections
    named in `section_order` come first, in that order, then the others A-Z."""
    registry, problems = load_registry(os.path.join(root, PAPERS_FILE), PAPERS_FILE)
    glossary, glossary_problems = load_glossary(os.path.join(root, GLOSSARY_FILE), registry.papers, GLOSSARY_FILE)
    sections, note_problems = load_notes(os.path.join(root, NOTES_DIR), root)
    rank = {slug: index for index, slug in enumerate(section_order)}
    sections.sort(key=lambda section: (rank.get(section.slug, len(rank)), section.slug))
    return Knowledge(root, sections, glossary, registry, problems + glossary_problems + note_problems)
