"""How notes connect: backlinks, related notes and the knowledge graph.

Plain functions over what the linker found on each page (`PageFindings` by docs path).
"""
from __future__ import annotations

import heapq
import json
import math
from collections import defaultdict
from dataclasses import dataclass

from . import urls


def backlinks(found: dict, notes_by_uri: dict) -> dict:
    """For each note, the notes linking to it: {target uri: [(source uri, context)]}, once per source."""
    links = defaultdict(dict)
    for source, state in found.items():
        if source not in notes_by_uri:
            continue
        for target, context in state.note_links:
            if target != source and source not in links[target]:
                links[target][source] = context
    return {target: sorted(sources.items()) for target, sources in links.items()}


@dataclass
class Related:
    """A note related to another, with what they share."""

    uri: str
    score: float
    terms: list
    works: list


def related_notes(found: dict, notes_by_uri: dict, limit: int = 5) -> dict:
    """Up to `limit` related notes per note, ranked by shared terms and works weighted by rarity.

    An item shared by few notes counts more (inverse document frequency). Items used by more
    than about twice the square root of the number of notes say little and are skipped, which
    also keeps the work near-linear in the number of notes.
    """
    items = {uri: ({("term", t) for t in found[uri].terms} | {("work", k) for k in found[uri].citations})
             for uri in notes_by_uri if uri in found}
    postings = defaultdict(list)
    for uri, owned in items.items():
        for item in owned:
            postings[item].append(uri)
    total = max(len(items), 1)
    ceiling = max(10, int(2 * math.sqrt(total)))
    weight = {item: math.log(1 + total / len(uris)) * (1.5 if item[0] == "work" else 1.0)
              for item, uris in postings.items() if 1 < len(uris) <= ceiling}
    result = {}
    for uri, owned in items.items():
        scores = defaultdict(float)
        for item in sorted(owned & weight.keys()):  # a fixed order of float sums: equal scores tie the same way every build
            item_weight = weight[item]
            for other in postings[item]:
                scores[other] += item_weight
        scores.pop(uri, None)
        best = heapq.nsmallest(limit, scores.items(), key=lambda pair: (-pair[1], pair[0]))
        result[uri] = [_related(other, score, owned & items[other] & weight.keys()) for other, score in best]
    return result


def _related(uri: str, score: float, shared: set) -> Related:
    return Related(uri, score, sorted(name for kind, name in shared if kind == "term"),
                   sorted(name for kind, name in shared if kind == "work"))


def graph_nodes(knowledge, url_of):
    """Every note, term and work as a node: id, type, title, url (relative to the site root), tags."""
    for note in knowledge.notes:
        yield {"id": f"note:{note.src_uri}", "type": "note", "title": note.title,
               "url": url_of(note.src_uri), "tags": note.tags, "section": note.section}
    for term in knowledge.glossary.terms:
        yield {"id": f"term:{term.id}", "type": "term", "title": term.term,
               "url": url_of(urls.GLOSSARY) + f"#{term.id}", "tags": term.tags}
    for paper in knowledge.registry.papers.values():
        yield {"id": f"work:{paper.key}", "type": "work", "title": paper.title,
               "url": url_of(urls.paper(paper.key)), "tags": paper.tags, "year": paper.year}


def graph_edges(knowledge, found: dict):
    """Every connection as (source id, target id, kind): a note links a note, mentions a term, cites a work."""
    for note in knowledge.notes:
        state = found.get(note.src_uri)
        if state is None:
            continue
        source = f"note:{note.src_uri}"
        for target in dict.fromkeys(target for target, _ in state.note_links):
            yield source, f"note:{target}", "links"
        for term_id in state.terms:
            yield source, f"term:{term_id}", "mentions"
        for key in state.citations:
            yield source, f"work:{key}", "cites"
    for term in knowledge.glossary.terms:
        for key in term.papers:
            if key in knowledge.registry.papers:
                yield f"term:{term.id}", f"work:{key}", "cites"


def write_graph(handle, nodes, edges):
    """Write `{"nodes": [...], "edges": [...]}` one item at a time, so no whole graph sits in memory."""
    def items(values):
        for index, value in enumerate(values):
            handle.write(("," if index else "") + json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    handle.write('{"nodes":[')
    items(nodes)
    handle.write('],"edges":[')
    items({"source": source, "target": target, "kind": kind} for source, target, kind in edges)
    handle.write("]}")
