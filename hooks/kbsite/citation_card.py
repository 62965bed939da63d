"""The hover card of a citation: the work's title, a short author list, year and venue, and the
first sentence of its summary (Material's tooltips show a link's `title` as HTML)."""
from __future__ import annotations

from .glossary import first_sentence
from .html_safety import tooltip_text


def citation_card(paper) -> str:
    """Every piece of knowledge-base text in it escaped for a tooltip by `tooltip_text`, once."""
    facts = " · ".join(part for part in (paper.short_author_list, str(paper.year), paper.venue) if part)
    card = f"<strong>{tooltip_text(paper.title)}</strong><br>{tooltip_text(facts)}"
    summary = first_sentence(paper.summary) if paper.summary else ""
    return card + (f"<br>{tooltip_text(summary)}" if summary else "")
