"""`kb stats`: what the knowledge base holds and how well it is connected."""
from __future__ import annotations

from collections import Counter

from .check import load_site


def collect_stats(root: str, top: int = 10) -> dict:
    """Counts and lists, from rendering every note as the build does."""
    site = load_site(root)
    knowledge = site.knowledge
    site.render_all(knowledge.notes_by_uri)
    found = {note.path: site.found[note.src_uri] for note in knowledge.notes}
    citing = Counter(key for state in found.values() for key in state.citations)
    mentions = Counter(term_id for state in found.values() for term_id in state.terms)
    registry, glossary = knowledge.registry, knowledge.glossary
    return {
        "counts": {"notes": len(knowledge.notes), "terms": len(glossary), "works": len(registry),
                   "citations": sum(citing.values()), "problems": len(set(site.problems))},
        "orphan_terms": [term.term for term in glossary.terms if not mentions[term.id]],
        "uncited_works": [key for key in registry.papers if not citing[key]],
        "notes_without_citations": [path for path, state in found.items() if not state.citations],
        "most_cited_works": [{"key": key, "title": registry.get(key).title, "notes": count}
                             for key, count in _top(citing, top)],
        "most_linked_terms": [{"term": glossary.by_id[term_id].term, "notes": count}
                              for term_id, count in _top(mentions, top)],
    }


def _top(counter: Counter, top: int) -> list:
    """The `top` most common items, ties in name order."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:top]


def format_stats(stats: dict) -> str:
    """The statistics as a short human-readable report."""
    counts = stats["counts"]
    lines = [f"{counts['notes']} notes, {counts['terms']} glossary terms, {counts['works']} works, "
             f"{counts['citations']} citations (note -> work)"]
    if counts["problems"]:
        lines.append(f"{counts['problems']} problems, so some entries may be missing: run `kb check`")
    for title, items in (("Orphan terms (never mentioned in a note)", stats["orphan_terms"]),
                         ("Uncited works (no note or reading list cites them)", stats["uncited_works"]),
                         ("Notes with no citations", stats["notes_without_citations"])):
        lines += ["", f"{title}: {len(items)}"] + [f"  {item}" for item in items]
    lines += ["", "Most-cited works (citing notes):"]
    lines += [f"  {item['notes']:3}  {item['key']}  {item['title']}" for item in stats["most_cited_works"]]
    lines += ["", "Most-linked terms (notes mentioning them):"]
    lines += [f"  {item['notes']:3}  {item['term']}" for item in stats["most_linked_terms"]]
    return "\n".join(lines)
