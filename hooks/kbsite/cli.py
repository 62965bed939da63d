"""The `kb` command: check, scaffold and report on the knowledge base without a MkDocs build."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time

from .adding import add_works, as_paper
from .bibtex import export_bibtex, import_into_registry
from .check import CONFIG_FILE, ConfigProblems, check
from .http_client import Fetcher, FetchError, Services
from .knowledge import PAPERS_FILE
from .papers import Registry, load_registry
from .refresh import apply, refresh_registry
from .scaffold import ScaffoldError, new_note, new_term
from .stats import collect_stats, format_stats
from .textfile import read_text
from .yamltext import AppendError, list_item

DESCRIPTION = "Check, extend and report on the AI-safety knowledge base (notes/, glossary.yml, papers.yml)."
EXAMPLES = {
    "kb": """\
examples:
  kb check                          list every problem as path:line: message
  kb new note safety "Reward hacking"
  kb new term "Reward hacking"
  kb add 2212.08073                 add a work by its arXiv id, DOI or web page URL
  kb refresh                        show how the works' metadata changed since they were added
  kb stats
  kb export-bib -o papers.bib
  kb import-bib ~/Downloads/library.bib
run `kb COMMAND --help` for the details of a command.""",
    "check": """\
examples:
  kb check
  kb check --format json | jq '.problems[].message'
  kb check --root ~/src/knowledge-base""",
    "new": """\
examples:
  kb new note interpretability "Induction heads"
  kb new term 'Induction head'""",
    "note": """\
examples:
  kb new note safety "Reward hacking"        -> notes/safety/reward-hacking.md
  kb new note reading-lists "Week 1: RLHF"   -> notes/reading-lists/week-1-rlhf.md""",
    "term": """\
examples:
  kb new term "Reward hacking"
  kb new term 'Q&A'""",
    "stats": """\
examples:
  kb stats
  kb stats --top 5
  kb stats --format json""",
    "export-bib": """\
examples:
  kb export-bib > papers.bib
  kb export-bib -o papers.bib""",
    "add": """\
examples:
  kb add 2212.08073
  kb add arXiv:2212.08073v2 https://arxiv.org/pdf/2209.10652 hep-th/9901001
  kb add 10.1038/s42256-019-0048-x          a DOI (also doi:... or https://doi.org/...)
  kb add https://distill.pub/2020/circuits/branch-specialization
  kb add --dry-run 2212.08073               show the entry, change nothing
  kb add --bib 2212.08073 >> paper.bib      BibTeX instead of a papers.yml entry""",
    "refresh": """\
examples:
  kb refresh                        the differences, as a diff of papers.yml
  kb refresh bai2022constitutional  only these works
  kb refresh --apply                write them""",
    "import-bib": """\
examples:
  kb import-bib library.bib
  kb export-bib -o papers.bib && kb import-bib papers.bib   # adds nothing""",
}
DETAILS = {
    "check": """\
Checks notes (front matter, UTF-8), glossary.yml, papers.yml, [@key] citations, [[links]] and
relative links between notes with the same code as the MkDocs build, without running it. Prints
one `path:line: message` per problem, sorted; exits 1 if there is any problem, else 0.""",
    "note": """\
Writes notes/SECTION/<slug of TITLE>.md with front matter to fill in (title, summary, tags,
order); never overwrites a file. The summary is left empty, so `kb check` reminds you to write it.""",
    "term": """\
Appends a stub entry to the end of glossary.yml; the rest of the file is left exactly as it was
(comments and order kept). Refuses a term that is already a term, alias or id. The definition is
left empty, so `kb check` reminds you to write it.""",
    "stats": """\
Counts notes, terms, works and citations (each note citing a work once), and lists orphan terms
(never mentioned in a note), uncited works, notes without citations, the most-cited works and the
most-linked terms.""",
    "export-bib": """\
Writes papers.yml as BibTeX, one entry per key: @article for papers, @online for posts, @book for
books and @misc for talks, videos and podcasts; arXiv works get eprint and archivePrefix.""",
    "add": """\
Looks each identifier up (arXiv's API for arXiv ids, Crossref for DOIs and for the published version
of an arXiv work, a web page's citation_* tags, JSON-LD or Open Graph for a URL), proposes a key
(first author's surname + year + first significant title word) and appends the entry to the end of
papers.yml, the rest of the file left as it was. Refuses a work already in papers.yml (same arXiv id
in any form, DOI or URL). An identifier that cannot be looked up gets one line on standard error and
nothing is written for it; the exit status is then 1. Add `tags` and a `summary` by hand.
Environment: KB_ARXIV_API, KB_CROSSREF_API (service base URLs), KB_ARXIV_INTERVAL (seconds between
arXiv requests, default 3), KB_HTTP_TIMEOUT (seconds, default 20), KB_MAILTO (a contact for Crossref).""",
    "refresh": """\
Fetches again the metadata of every work with an arXiv id or a DOI and prints the differences
(title, authors, year, DOI, venue) as a diff of papers.yml; --apply writes them, keeping comments
and order. Keys never change. A venue typed in by hand is replaced only by the published version's.
Exit status 1 if a work could not be fetched. Same environment variables as `kb add`.""",
    "import-bib": """\
Appends the entries of a BibTeX file that are not in papers.yml yet (same key, same URL or same
arXiv id in any form) to the end of papers.yml, and reports what was added and skipped. The
existing file is left as it was; nothing is written if the BibTeX file has unreadable entries.""",
}


def find_root(start: str) -> str | None:
    """The nearest folder from `start` upwards that holds mkdocs.yml."""
    folder = os.path.abspath(start)
    while not os.path.isfile(os.path.join(folder, CONFIG_FILE)):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder


def fail(message: str, code: int = 1) -> int:
    """Print an error for the user; return the exit code."""
    print(f"kb: {message}", file=sys.stderr)
    return code


def run_check(args) -> int:
    """`kb check`: print every problem; exit 1 if there is any."""
    started = time.perf_counter()
    problems = check(args.root)
    if args.format == "json":
        print(json.dumps({"count": len(problems), "problems": [problem.as_dict() for problem in problems]}, indent=2))
    else:
        for problem in problems:
            print(problem)
    summary = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems else "no problems"
    print(f"kb check: {summary} ({time.perf_counter() - started:.2f} s)", file=sys.stderr)
    return 1 if problems else 0


def run_new_note(args) -> int:
    """`kb new note SECTION TITLE`."""
    try:
        path = new_note(args.root, args.section, args.title)
    except ScaffoldError as error:
        return fail(str(error))
    print(f"created {path}: write its summary and body, then run `kb check`")
    return 0


def run_new_term(args) -> int:
    """`kb new term TERM`."""
    try:
        line = new_term(args.root, args.term)
    except (ScaffoldError, AppendError) as error:
        return fail(str(error))
    print(f"glossary.yml:{line}: added '{' '.join(args.term.split())}': write its short text and definition, "
          "then run `kb check`")
    return 0


def run_stats(args) -> int:
    """`kb stats`."""
    try:
        stats = collect_stats(args.root, args.top)
    except ConfigProblems as invalid:
        for problem in invalid.problems:
            print(problem)
        return fail(f"{CONFIG_FILE} is not valid")
    print(json.dumps(stats, indent=2, ensure_ascii=False) if args.format == "json" else format_stats(stats))
    return 0


def run_export_bib(args) -> int:
    """`kb export-bib`: the registry as BibTeX; exit 1 if entries had to be left out."""
    registry, problems = load_registry(os.path.join(args.root, PAPERS_FILE), PAPERS_FILE)
    for problem in problems:
        print(problem, file=sys.stderr)
    text = export_bibtex(registry)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(f"wrote {len(registry)} entries to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return fail("entries with problems were left out (see above)") if problems else 0


def run_import_bib(args) -> int:
    """`kb import-bib FILE.bib`: add new works, report what was added and skipped."""
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # unreadable entries are reported below
    text, problems = read_text(args.file, args.file, missing_ok=False)
    if text is None:
        return fail(str(problems[0]))
    try:
        result = import_into_registry(args.root, text, args.file)
    except AppendError as error:
        return fail(str(error))
    if result.problems:
        for problem in result.problems:
            print(problem)
        return fail(f"nothing was added: fix the entries of {args.file} listed above")
    for work in result.added:
        print(f"added {work['key']}: {work['title']}")
    for key, reason in result.skipped:
        print(f"skipped {key}: {reason}")
    print(f"{PAPERS_FILE}: {len(result.added)} added, {len(result.skipped)} skipped", file=sys.stderr)
    return 0


def run_add(args) -> int:
    """`kb add IDENTIFIER...`: add works by arXiv id, DOI or URL; exit 1 if any could not be added."""
    try:
        with Fetcher(Services.from_environment()) as fetcher:
            outcomes = add_works(args.root, args.identifiers, fetcher, write=not (args.dry_run or args.bib))
    except (AppendError, FetchError) as error:
        return fail(str(error))
    added = [outcome for outcome in outcomes if outcome.work]
    if args.bib:
        sys.stdout.write(export_bibtex(Registry([as_paper(outcome.work) for outcome in added])))
    for outcome in added:
        if not args.bib:
            where = f"{PAPERS_FILE}:{outcome.line}: added" if outcome.line else "would add"
            print(f"{where} {outcome.work['key']}; cite it as [@{outcome.work['key']}]")
            print(list_item(outcome.work))
        for note in outcome.notes:
            print(f"kb add: {outcome.given}: check it: {note}", file=sys.stderr)
    failed = [outcome for outcome in outcomes if outcome.problem]
    for outcome in failed:
        print(f"kb add: {outcome.given}: {outcome.problem}", file=sys.stderr)
    return 1 if failed else 0


def run_refresh(args) -> int:
    """`kb refresh [KEY...]`: the metadata's differences as a diff; --apply writes them."""
    try:
        with Fetcher(Services.from_environment()) as fetcher:
            refresh = refresh_registry(args.root, fetcher, args.keys)
    except (AppendError, FetchError) as error:
        return fail(str(error))
    sys.stdout.write(refresh.diff())
    for key, message in refresh.problems:
        print(f"kb refresh: {key}: {message}", file=sys.stderr)
    if refresh.changes and args.apply:
        apply(args.root, refresh)
        outcome = f"{PAPERS_FILE}: {len(refresh.changes)} changed"
    elif refresh.changes:
        outcome = f"{len(refresh.changes)} with changes (run `kb refresh --apply` to write them)"
    else:
        outcome = "no changes"
    print(f"kb refresh: {refresh.checked} works checked, {outcome}", file=sys.stderr)
    return 1 if refresh.problems else 0


def _command(subparsers, name: str, common, help_text: str, run=None):
    """Add subcommand `name` with its description, examples and the common options."""
    description = f"{help_text}.\n\n{DETAILS[name]}" if name in DETAILS else f"{help_text}."
    parser = subparsers.add_parser(name, help=help_text, description=description, epilog=EXAMPLES[name],
                                   parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter)
    if run is not None:
        parser.set_defaults(run=run)
    return parser


def _format_option(parser):
    """Add `--format text|json`."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def build_parser() -> argparse.ArgumentParser:
    """The `kb` argument parser with all subcommands."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", metavar="DIR", default=argparse.SUPPRESS,
                        help="the project folder (default: the nearest folder upwards holding mkdocs.yml)")
    parser = argparse.ArgumentParser(prog="kb", description=DESCRIPTION, epilog=EXAMPLES["kb"], parents=[common],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _format_option(_command(commands, "check", common, "validate the knowledge base like the build does", run_check))
    new = _command(commands, "new", common, "start a note or a glossary term")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    note = _command(kinds, "note", common, "write a new note to fill in", run_new_note)
    note.add_argument("section", metavar="SECTION", help="folder under notes/, e.g. safety")
    note.add_argument("title", metavar="TITLE", help="the note's title; its slug names the file")
    term = _command(kinds, "term", common, "append a stub glossary entry to fill in", run_new_term)
    term.add_argument("term", metavar="TERM", help="the term as it should be matched in prose")
    stats = _command(commands, "stats", common, "count notes, terms, works and citations; list gaps", run_stats)
    _format_option(stats)
    stats.add_argument("--top", type=int, default=10, metavar="N", help="length of the most-cited/linked lists")
    export = _command(commands, "export-bib", common, "write papers.yml as BibTeX", run_export_bib)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    imported = _command(commands, "import-bib", common, "add new works from a BibTeX file to papers.yml",
                        run_import_bib)
    imported.add_argument("file", metavar="FILE.bib", help="the BibTeX file to import")
    add = _command(commands, "add", common, "add works to papers.yml by arXiv id, DOI or web page URL", run_add)
    add.add_argument("identifiers", nargs="+", metavar="IDENTIFIER", help="an arXiv id, a DOI or a URL")
    add.add_argument("--dry-run", action="store_true", help="print the entries without writing papers.yml")
    add.add_argument("--bib", action="store_true", help="print BibTeX instead of adding to papers.yml")
    refresh = _command(commands, "refresh", common, "compare the works' metadata with arXiv and Crossref now",
                       run_refresh)
    refresh.add_argument("keys", nargs="*", metavar="KEY", help="only these works (default: all with an arXiv id or DOI)")
    refresh.add_argument("--apply", action="store_true", help="write the changes to papers.yml")
    return parser


def main(argv=None) -> int:
    """Run `kb`; return the exit status."""
    args = build_parser().parse_args(argv)
    given = getattr(args, "root", None)
    root = os.path.abspath(given) if given else find_root(os.getcwd())
    if root is None or not os.path.isfile(os.path.join(root, CONFIG_FILE)):
        where = f"in {given}" if given else "here or in any folder above"
        return fail(f"no {CONFIG_FILE} {where}: run kb inside the project or pass --root DIR", 2)
    args.root = root
    try:
        return args.run(args)
    except BrokenPipeError:  # the output went to a pipe that stopped reading, e.g. `kb check | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
