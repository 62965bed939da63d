"""Find glossary terms in prose: whole words, longest match, in one pass per text.

Built once per build with Aho-Corasick (`pyahocorasick`), so the cost per text
does not grow with the number of terms.
"""
from __future__ import annotations

from dataclasses import dataclass

import ahocorasick


def is_word_char(char: str) -> bool:
    """Letters, digits and underscore make up words."""
    return char.isalnum() or char == "_"


def needs_exact_case(form: str) -> bool:
    """Forms with two or more capitals (RLHF, GPT-4, ELK) match only in their own case."""
    return sum(1 for char in form if char.isupper()) >= 2


def plural(form: str) -> str | None:
    """The simple plural of the last word (`autoencoders`, `approaches`, `policies`), or None."""
    if not form or not form[-1].isalpha():
        return None
    lower = form.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return form + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return form[:-1] + "ies"
    return form + "s"


@dataclass(frozen=True)
class Match:
    """A term found at text[start:end]."""

    start: int
    end: int
    term_id: str


def _fold(text: str) -> str:
    """Lower-case `text` keeping every character at its index."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


class TermMatcher:
    """Matches surface forms of many terms in text.

    Two automata: one over case-folded text for ordinary forms, one over the text as written
    for forms that must match in their own case (acronyms), so no hit is rejected for its case.
    """

    def __init__(self, forms):
        """`forms` is an iterable of (surface form, term id)."""
        variants = [(form.strip(), term_id, False) for form, term_id in forms if form.strip()]
        variants += [(plural(form), term_id, True) for form, term_id, _ in list(variants) if plural(form)]
        folded, exact = {}, {}
        for form, term_id, is_plural in variants:
            table, key = (exact, form) if needs_exact_case(form) else (folded, _fold(form))
            candidates = table.setdefault(key, [])
            if is_plural and any(not other_plural for *_, other_plural in candidates):
                continue
            candidates.append((form, term_id, is_plural))
        self._automata = [(automaton, fold) for automaton, fold in
                          ((_automaton(folded), True), (_automaton(exact), False)) if automaton is not None]

    def find(self, text: str) -> list:
        """Non-overlapping matches in `text`, longest first on overlap, in text order."""
        if not self._automata or not text:
            return []
        found = []
        for automaton, fold in self._automata:
            for end_index, (length, candidates) in automaton.iter(_fold(text) if fold else text):
                start, end = end_index - length + 1, end_index + 1
                form, term_id, _ = candidates[0]
                if is_word_char(form[0]) and start > 0 and is_word_char(text[start - 1]):
                    continue
                if is_word_char(form[-1]) and end < len(text) and is_word_char(text[end]):
                    continue
                found.append(Match(start, end, term_id))
        if len(found) < 2:
            return found
        found.sort(key=lambda match: (match.start - match.end, match.start))
        taken: list = []
        for match in found:
            if all(match.end <= other.start or match.start >= other.end for other in taken):
                taken.append(match)
        taken.sort(key=lambda match: match.start)
        return taken


def _automaton(entries: dict):
    """An Aho-Corasick automaton over `entries` (key -> candidates), or None when empty."""
    if not entries:
        return None
    automaton = ahocorasick.Automaton()
    for key, candidates in entries.items():
        automaton.add_word(key, (len(key), tuple(candidates)))
    automaton.make_automaton()
    return automaton
