"""The knowledge graph as text: every note (and term) with what it links to, mentions and cites.

The graph page's alternative to the canvas, for screen readers, keyboards and readers without
script; it is built from the same nodes and edges as graph.json (`connections`).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

from markupsafe import escape

VERBS = ("links to", "mentions", "cites")  # the edge kinds, in the order a line lists them


def connection_list(nodes: Iterable[dict], edges: Iterable[tuple], link: Callable[[str], str]) -> str:
    """A `<details>` list of each node with outgoing connections; `link(url)` makes a site URL relative.

    Titles are text from the knowledge base, escaped here once (`escape` leaves `Markup` alone)."""
    by_id = {node["id"]: node for node in nodes}
    outgoing: dict = defaultdict(lambda: defaultdict(list))
    for source, target, kind in edges:
        if source in by_id and target in by_id:
            outgoing[source]["links to" if kind == "links" else kind].append(by_id[target])
    items = []
    for node_id, node in by_id.items():
        if node_id not in outgoing:
            continue
        parts = [f"{verb} " + ", ".join(_anchor(target, link) for target in outgoing[node_id][verb])
                 for verb in VERBS if outgoing[node_id][verb]]
        items.append(f'<li>{_anchor(node, link)} <span class="kb-graph-list__type">({node["type"]})</span> '
                     f'{"; ".join(parts)}</li>')
    return ('<details class="kb-graph-list" data-search-exclude><summary>The connections as a list</summary>'
            f'<ul>{"".join(items)}</ul></details>')


def _anchor(node: dict, link: Callable[[str], str]) -> str:
    return f'<a href="{escape(link(node["url"]))}">{escape(node["title"])}</a>'
