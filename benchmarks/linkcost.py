"""What our Markdown extension costs per note, without a profiler's overhead.

    .venv/bin/python benchmarks/linkcost.py --size M [--terms 5000] [--notes 400]

Loads a generated corpus' knowledge base with kbsite and converts the same notes with Python-Markdown
and the site's configured extensions, in variants that switch parts of kbsite.linker on and off:

  base        the configured extensions only (what the plain build runs)
  +kb         plus KnowledgeExtension, as the hook installs it
  +kb no-tree plus the extension without its tree processor (wikilinks and citations only)
  +kb off     plus the extension with glossary linking off (tree walk, references; no term matching)

Each variant converts every sampled note `--repeat` times; the best total is reported per note.
MkDocs' own per-page extensions are left out: they are the same for both builds.

It also counts the matcher's work (automaton hits before the whole-word and overlap checks, and
matches kept), and with `--site-lists` converts every note once to time the site-wide steps that run
in `on_env` over what the linker found (kbsite.connections: backlinks, related notes, graph data).
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import markdown
from mkdocs.config import load_config

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
import run  # noqa: E402
from kbsite.knowledge import load_knowledge  # noqa: E402
from kbsite.linker import KnowledgeExtension  # noqa: E402
from kbsite.page_state import PageContext  # noqa: E402


def convert_all(notes, extensions, configs, ext=None, mode="first", drop=(), found=None):
    bodies = [note.read_body() for note in notes]
    started = time.perf_counter()
    for note, body in zip(notes, bodies):
        if ext is not None:
            findings = ext.begin_page(PageContext(src_uri=note.src_uri, link_mode=mode))
        md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        for name in drop:
            md.treeprocessors.deregister(name)
        md.convert(body)
        if found is not None:
            found[note.src_uri] = findings
    return time.perf_counter() - started


def best_of(repeat: int, call) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="M", choices=sorted(generate.SIZES))
    parser.add_argument("--terms", type=int)
    parser.add_argument("--notes", type=int, default=400, help="notes sampled")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=run.OUT)
    parser.add_argument("--site-lists", action="store_true", help="also time kbsite.connections over all notes")
    args = parser.parse_args(argv)
    notes_count, terms, works = generate.SIZES[args.size]
    terms = args.terms or terms
    kb_dir, _plain = run.corpus(args.out.resolve() / "corpora", notes_count, terms, works, args.seed)

    started = time.perf_counter()
    knowledge = load_knowledge(str(kb_dir))
    load_s = time.perf_counter() - started
    config = load_config(str(kb_dir / "mkdocs.yml"))
    extensions = [name for name in config.markdown_extensions if isinstance(name, str)]
    configs = config.mdx_configs
    for name in ("attr_list", "md_in_html"):
        if name not in extensions:
            extensions.append(name)
    step = max(1, len(knowledge.notes) // args.notes)
    notes = knowledge.notes[::step][:args.notes]
    ext = KnowledgeExtension(knowledge)
    variants = {
        "base": lambda: convert_all(notes, extensions, configs),
        "+kb": lambda: convert_all(notes, extensions + [ext], configs, ext),
        "+kb no-tree": lambda: convert_all(notes, extensions + [ext], configs, ext, drop=("kb-glossary-entries", "kb-math", "kb-link-records", "kb-term-links", "kb-page-endings")),
        "+kb off": lambda: convert_all(notes, extensions + [ext], configs, ext, mode="off"),
    }
    best = {name: float("inf") for name in variants}
    for _ in range(args.repeat):
        for name, variant in variants.items():  # interleaved, so drifts hit every variant alike
            best[name] = min(best[name], variant())
    matcher_s = float("inf")
    texts = [note.read_body() for note in notes]
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text in texts:
            knowledge.matcher.find(text)
        matcher_s = min(matcher_s, time.perf_counter() - started)

    per = {name: 1000 * value / len(notes) for name, value in best.items()}
    print(f"{len(notes)} notes of {kb_dir} ({len(knowledge.glossary)} terms, {len(knowledge.registry)} works); "
          f"load_knowledge {load_s:.2f} s")
    for name, value in per.items():
        print(f"  {name:<12} {value:6.2f} ms/note   (+{value - per['base']:5.2f} over base)")
    print(f"  term linking (tree processor, +kb minus +kb off): {per['+kb'] - per['+kb off']:.2f} ms/note")
    print(f"  tree processor in all (+kb minus +kb no-tree):    {per['+kb'] - per['+kb no-tree']:.2f} ms/note")
    print(f"  matcher.find over the whole note source once:     {1000 * matcher_s / len(notes):.2f} ms/note")
    hits = sum(1 for text in texts for automaton, fold in knowledge.matcher._automata
               for _ in automaton.iter(text.lower() if fold else text))
    kept = sum(len(knowledge.matcher.find(text)) for text in texts)
    print(f"  matcher work per note source: {hits / len(notes):.0f} automaton hits, {kept / len(notes):.0f} matches kept")
    if args.site_lists:
        from kbsite import connections

        found: dict = {}
        convert_all(knowledge.notes, extensions + [ext], configs, ext, found=found)
        by_uri = knowledge.notes_by_uri
        postings: dict = {}
        for state in found.values():
            for term_id in state.terms:
                postings[term_id] = postings.get(term_id, 0) + 1
        pairs = sum(count * count for count in postings.values())
        print(f"site-wide steps over all {len(found)} notes (term mentions per note "
              f"{sum(len(s.terms) for s in found.values()) / len(found):.1f}; sum over terms of notes^2: {pairs:,}):")
        for name, call in (("backlinks", lambda: connections.backlinks(found, by_uri)),
                           ("related_notes", lambda: connections.related_notes(found, by_uri)),
                           ("graph_json", lambda: connections.write_graph(
                               io.StringIO(), connections.graph_nodes(knowledge, lambda uri: uri),
                               connections.graph_edges(knowledge, found)))):
            print(f"  {name:<14} {best_of(args.repeat, call):7.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
