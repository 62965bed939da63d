"""`kb add` and `kb refresh`, run in-process as the console script calls them, against a local server
answering like arXiv, Crossref and web pages (127.0.0.1 only)."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import bibtexparser
import pytest

from kbcommand import Run, run_kb
from kbsite.http_client import RateLimiter, Services, user_agent
from kbsite.lookup import parse_identifier
from kbsite.papers import load_registry, propose_key
from metadata_server import ATOM, JSON, Answer, MetadataServer, arxiv_route, fixture, route, serve
from sitebuild import write_site

CAI_AUTHORS = (
    "Yuntao Bai, Saurav Kadavath, Sandipan Kundu, Amanda Askell, Jackson Kernion, Andy Jones, Anna Chen, Anna Goldie, "
    "Azalia Mirhoseini, Cameron McKinnon, Carol Chen, Catherine Olsson, Christopher Olah, Danny Hernandez, Dawn Drain, "
    "Deep Ganguli, Dustin Li, Eli Tran-Johnson, Ethan Perez, Jamie Kerr, Jared Mueller, Jeffrey Ladish, Joshua Landau, "
    "Kamal Ndousse, Kamile Lukosuite, Liane Lovitt, Michael Sellitto, Nelson Elhage, Nicholas Schiefer, Noemi Mercado, "
    "Nova DasSarma, Robert Lasenby, Robin Larson, Sam Ringer, Scott Johnston, Shauna Kravec, Sheer El Showk, "
    "Stanislav Fort, Tamera Lanham, Timothy Telleen-Lawton, Tom Conerly, Tom Henighan, Tristan Hume, Samuel R. Bowman, "
    "Zac Hatfield-Dodds, Ben Mann, Dario Amodei, Nicholas Joseph, Sam McCandlish, Tom Brown, Jared Kaplan")
REGISTRY = """\
# The registry. Comments and order must survive kb add and kb refresh.

- key: elhage2022toy   # superposition
  title: Toy Models of Superposition
  authors: [Nelson Elhage, Tristan Hume]
  year: 2022
  url: https://transformer-circuits.pub/2022/toy_model/index.html
  arxiv: "2209.10652"
  kind: paper
"""


@pytest.fixture
def server():
    state = MetadataServer()
    httpd = serve(state)
    yield state
    httpd.shutdown()
    httpd.server_close()


def site(tmp_path: Path, registry: str = REGISTRY) -> Path:
    return write_site(tmp_path, {"docs/index.md": "# Fixture\n", "papers.yml": registry})


@pytest.fixture
def kb(monkeypatch, capsys):
    """`kb(root, server, *args, **env)`: run `kb ARGS` in `root`, in this process (what the console
    script calls), with every service pointed at the local server and no proxy."""
    for name in [name for name in os.environ if "proxy" in name.lower()]:
        monkeypatch.delenv(name)

    def run(root: Path, server: MetadataServer, *args: str, **env: str) -> Run:
        monkeypatch.chdir(root)
        for name, value in server.environment(**env).items():
            monkeypatch.setenv(name, value)
        return run_kb(capsys, list(args))
    return run


def added_text(root: Path, before: str) -> str:
    after = (root / "papers.yml").read_text(encoding="utf-8")
    assert after.startswith(before)
    return after[len(before):]


# --- kb add ----------------------------------------------------------------------

def test_add_an_arxiv_work_appends_its_entry_and_keeps_the_file(tmp_path, server, kb):
    server.routes[arxiv_route("2212.08073")] = fixture("arxiv/2212.08073.xml", ATOM)
    root = site(tmp_path)
    result = kb(root, server, "add", "https://arxiv.org/pdf/2212.08073v1")
    assert result.returncode == 0, result.stderr
    entry = (
        "- key: bai2022constitutional\n"
        '  title: "Constitutional AI: Harmlessness from AI Feedback"\n'
        f"  authors: [{CAI_AUTHORS}]\n"
        "  year: 2022\n"
        "  url: https://arxiv.org/abs/2212.08073\n"
        '  arxiv: "2212.08073"\n'
        "  venue: arXiv\n"
        "  kind: paper\n")
    assert added_text(root, REGISTRY) == "\n" + entry
    assert result.stdout.splitlines()[0] == "papers.yml:11: added bai2022constitutional; cite it as [@bai2022constitutional]"
    assert entry in result.stdout
    assert server.routes_asked() == [arxiv_route("2212.08073")]
    assert server.requests[0][1]["User-Agent"].startswith("kbsite/")
    check = kb(root, server, "check")
    assert check.returncode == 0, check.stdout


def test_add_several_kinds_of_identifier_in_one_call(tmp_path, server, kb):
    server.routes.update({
        arxiv_route("hep-ex/0307015"): fixture("arxiv/hep-ex_0307015.xml", ATOM),
        route("/crossref/works/10.1145/3132847.3132886"): fixture("crossref/10.1145_3132847.3132886.json", JSON),
        route("/pages/branch"): fixture("pages/distill-branch-specialization.html", "text/html"),
        route("/pages/ghost"): fixture("pages/ghost-more-is-different.html", "text/html"),
        route("/pages/claude"): fixture("pages/og-announcement.html", "text/html; charset=utf-8"),
    })
    root = site(tmp_path)
    result = kb(root, server, "add", "arXiv:hep-ex/0307015v1", "doi:10.1145/3132847.3132886",
                f"{server.url}/pages/branch", f"{server.url}/pages/ghost", f"{server.url}/pages/claude")
    assert result.returncode == 0, result.stderr
    registry, problems = load_registry(str(root / "papers.yml"))
    assert problems == []
    works = {key: registry.get(key) for key in list(registry.papers)[1:]}
    assert list(works) == ["h1collaboration2003multielectron", "haque2017fusion", "voss2021branch",
                           "steinhardt2022more", "anthropic2023introducing"]
    h1, fusion, branch, more, claude = works.values()
    assert (h1.title, h1.authors, h1.year, h1.arxiv, h1.venue) == (
        "Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA", ["H1 Collaboration"], 2003,
        "hep-ex/0307015", "Eur.Phys.J. C31 (2003) 17-29")
    assert (fusion.title, fusion.year, fusion.doi, fusion.url, fusion.venue, fusion.kind) == (
        "FUSION: An Online Method for Multistream Classification", 2017, "10.1145/3132847.3132886",
        "https://doi.org/10.1145/3132847.3132886", "CIKM '17", "paper")
    assert fusion.authors == ["Ahsanul Haque", "Zhuoyi Wang", "Swarup Chandra", "Bo Dong", "Latifur Khan",
                              "Kevin W. Hamlen"]
    assert (branch.authors, branch.year, branch.url, branch.doi, branch.venue, branch.kind) == (
        ["Chelsea Voss", "Gabriel Goh", "Nick Cammarata", "Michael Petrov", "Ludwig Schubert", "Chris Olah"], 2021,
        "https://distill.pub/2020/circuits/branch-specialization", "10.23915/distill.00024.008", "Distill", "paper")
    assert (more.title, more.authors, more.year, more.url, more.venue, more.kind) == (
        "More Is Different for AI", ["Jacob Steinhardt"], 2022, "https://bounded-regret.ghost.io/more-is-different-for-ai/",
        "Bounded Regret", "post")
    assert (claude.title, claude.authors, claude.year, claude.url, claude.kind) == (
        "Introducing Claude", ["Anthropic"], 2023, "https://www.anthropic.com/news/introducing-claude", "post")
    assert "kb add: " + f"{server.url}/pages/claude: check it: the page names no author; its publisher 'Anthropic'" \
        in result.stderr
    assert result.stdout.count("cite it as [@") == 5
    assert kb(root, server, "check").returncode == 0


def test_arxiv_ids_are_asked_for_in_one_request_and_a_published_work_gets_its_venue(tmp_path, server, kb):
    server.routes.update({
        arxiv_route("2212.08073", "1811.10154"): fixture("arxiv/batch-2212.08073-1811.10154.xml", ATOM),
        route("/crossref/works/10.1038/s42256-019-0048-x"): fixture("crossref/10.1038_s42256-019-0048-x.json", JSON),
    })
    root = site(tmp_path)
    result = kb(root, server, "add", "2212.08073", "https://arxiv.org/abs/1811.10154v2")
    assert result.returncode == 0, result.stderr
    assert server.routes_asked() == [arxiv_route("2212.08073", "1811.10154"),
                                     route("/crossref/works/10.1038/s42256-019-0048-x")]
    rudin = load_registry(str(root / "papers.yml"))[0].get("rudin2019stop")
    assert (rudin.title, rudin.year, rudin.doi, rudin.venue, rudin.url) == (
        "Stop Explaining Black Box Machine Learning Models for High Stakes Decisions and Use Interpretable Models "
        "Instead", 2019, "10.1038/s42256-019-0048-x", "Nature Machine Intelligence", "https://arxiv.org/abs/1811.10154")


def test_a_work_already_in_the_registry_is_refused_with_its_key(tmp_path, server, kb):
    registry = REGISTRY + """
- key: haque2017fusion
  title: FUSION
  authors: [Ahsanul Haque]
  year: 2017
  url: https://dl.acm.org/doi/10.1145/3132847.3132886
  doi: 10.1145/3132847.3132886

- key: distill2021branch
  title: Branch Specialization
  authors: [Chelsea Voss]
  year: 2021
  url: https://distill.pub/2020/circuits/branch-specialization/
"""
    server.routes[route("/pages/branch")] = fixture("pages/distill-branch-specialization.html", "text/html")
    root = site(tmp_path, registry)
    result = kb(root, server, "add", "https://arxiv.org/abs/2209.10652v2", "https://doi.org/10.1145/3132847.3132886",
                f"{server.url}/pages/branch", "2209.10652")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "kb add: https://arxiv.org/abs/2209.10652v2: already in papers.yml as 'elhage2022toy' (same arXiv id)",
        "kb add: https://doi.org/10.1145/3132847.3132886: already in papers.yml as 'haque2017fusion' (same DOI)",
        f"kb add: {server.url}/pages/branch: already in papers.yml as 'distill2021branch' (same url)",
        "kb add: 2209.10652: already in papers.yml as 'elhage2022toy' (same arXiv id)",
    ]
    assert server.routes_asked() == [route("/pages/branch")]  # the others were known without asking
    assert (root / "papers.yml").read_text(encoding="utf-8") == registry


def test_the_same_work_given_twice_is_added_once(tmp_path, server, kb):
    server.routes[arxiv_route("2212.08073")] = fixture("arxiv/2212.08073.xml", ATOM)
    root = site(tmp_path)
    result = kb(root, server, "add", "2212.08073", "arXiv:2212.08073v1", "10.48550/arXiv.2212.08073")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["kb add: arXiv:2212.08073v1: given twice",
                                          "kb add: 10.48550/arXiv.2212.08073: given twice"]
    assert added_text(root, REGISTRY).count("- key:") == 1


def test_dry_run_and_bib_print_without_writing(tmp_path, server, kb):
    server.routes[route("/crossref/works/10.1145/3132847.3132886")] = fixture(
        "crossref/10.1145_3132847.3132886.json", JSON)
    root = site(tmp_path)
    dry = kb(root, server, "add", "--dry-run", "10.1145/3132847.3132886")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.startswith("would add haque2017fusion; cite it as [@haque2017fusion]\n- key: haque2017fusion\n")
    bib = kb(root, server, "add", "--bib", "10.1145/3132847.3132886")
    assert bib.returncode == 0, bib.stderr
    [entry] = bibtexparser.parse_string(bib.stdout).entries
    assert (entry.key, entry.entry_type, entry["doi"], entry["journal"], entry["year"]) == (
        "haque2017fusion", "article", "10.1145/3132847.3132886", "CIKM '17", "2017")
    assert (root / "papers.yml").read_text(encoding="utf-8") == REGISTRY


FAULTS = {
    "HTTP error": ("10.5555/fail", {route("/crossref/works/10.5555/fail"): Answer(b"oops", "text/plain", 500)},
                   "127.0.0.1 answered HTTP 500 Internal Server Error"),
    "timeout": ("10.5555/slow", {route("/crossref/works/10.5555/slow"): Answer(b"{}", JSON, delay=3)},
                "127.0.0.1 did not answer within 0.5 s"),
    "malformed JSON": ("10.5555/garbled", {route("/crossref/works/10.5555/garbled"): Answer(b"<html>", JSON)},
                       "Crossref answered DOI 10.5555/garbled with something that is not a work record"),
    "unknown DOI": ("10.5555/nothing", {}, "Crossref has no work with DOI 10.5555/nothing"),
    "unknown arXiv id": ("2301.00001", {arxiv_route("2301.00001"): fixture("arxiv/empty.xml", ATOM)},
                         "arXiv has no work with id 2301.00001"),
    "arXiv error feed": ("2301.00002", {arxiv_route("2301.00002"): fixture("arxiv/error.xml", ATOM)},
                         "arXiv: incorrect id format for 1234.12345"),
    "truncated Atom": ("2301.00003", {arxiv_route("2301.00003"): Answer(
        (Path(__file__).parent / "fixtures/metadata/arxiv/2212.08073.xml").read_bytes()[:900], ATOM)},
        "arXiv answered with something that is not XML (unclosed token"),
    "arXiv throttling": ("2301.00004", {arxiv_route("2301.00004"): Answer(b"Rate exceeded.", "text/plain", 503)},
                         "127.0.0.1 answered HTTP 503 Service Unavailable"),
    "page without a date": ("PAGE/pages/nodate", {route("/pages/nodate"): fixture("pages/no-date.html", "text/html")},
                            "PAGE/pages/nodate: the page gives no publication date"),
    "not an identifier": ("Constitutional AI", {}, "not an arXiv id, a DOI or an http(s) URL"),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_fault_gives_one_line_and_writes_nothing(tmp_path, server, name, kb):
    given, routes, message = FAULTS[name]
    given = given.replace("PAGE", server.url)
    server.routes.update(routes)
    root = site(tmp_path)
    result = kb(root, server, "add", given, KB_HTTP_TIMEOUT="0.5")
    assert result.returncode == 1
    assert result.stderr.startswith(f"kb add: {given}: {message.replace('PAGE', server.url)}"), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stdout == ""
    assert (root / "papers.yml").read_text(encoding="utf-8") == REGISTRY


def test_a_fault_spares_the_other_identifiers(tmp_path, server, kb):
    server.routes[route("/crossref/works/10.1145/3132847.3132886")] = fixture(
        "crossref/10.1145_3132847.3132886.json", JSON)
    root = site(tmp_path)
    result = kb(root, server, "add", "10.5555/nothing", "10.1145/3132847.3132886")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["kb add: 10.5555/nothing: Crossref has no work with DOI 10.5555/nothing"]
    assert added_text(root, REGISTRY).startswith("\n- key: haque2017fusion\n")


def test_an_unreachable_service_is_one_line(tmp_path, server, kb):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    root = site(tmp_path)
    result = kb(root, server, "add", "10.1145/3132847.3132886", KB_CROSSREF_API=f"http://127.0.0.1:{port}")
    assert result.returncode == 1
    assert result.stderr.startswith("kb add: 10.1145/3132847.3132886: cannot reach 127.0.0.1: ")
    assert len(result.stderr.splitlines()) == 1


# --- kb refresh -------------------------------------------------------------------

STALE = REGISTRY.replace('  arxiv: "2209.10652"\n', "") + """
# Alignment methods.
- key: bai2022constitutional
  title: "Constitutional AI: Harmlessness from AI Feedback"
  authors: [Yuntao Bai, Saurav Kadavath, Sandipan Kundu]   # cut
  year: 2022
  url: https://arxiv.org/abs/2212.08073
  venue: arXiv
  tags: [alignment]
  summary: >-
    Training a harmless assistant
    from a list of principles.

- key: rudin2019stop
  title: Stop explaining black box models
  authors:
    - Cynthia Rudin
  year: 2019
  url: https://arxiv.org/abs/1811.10154
  arxiv: "1811.10154"
  venue: arXiv
  kind: paper
"""
REFRESHED = STALE.replace(
    "  authors: [Yuntao Bai, Saurav Kadavath, Sandipan Kundu]   # cut",
    f"  authors: [{CAI_AUTHORS}]   # cut").replace(
    "  title: Stop explaining black box models\n",
    "  title: Stop Explaining Black Box Machine Learning Models for High Stakes Decisions and Use Interpretable "
    "Models Instead\n").replace(
    '  arxiv: "1811.10154"\n  venue: arXiv\n',
    '  arxiv: "1811.10154"\n  doi: 10.1038/s42256-019-0048-x\n  venue: Nature Machine Intelligence\n')


def refresh_routes(server):
    server.routes.update({
        arxiv_route("2212.08073", "1811.10154"): fixture("arxiv/batch-2212.08073-1811.10154.xml", ATOM),
        route("/crossref/works/10.1038/s42256-019-0048-x"): fixture("crossref/10.1038_s42256-019-0048-x.json", JSON),
    })


def test_refresh_shows_the_differences_as_a_diff_and_apply_writes_them(tmp_path, server, kb):
    refresh_routes(server)
    root = site(tmp_path, STALE)
    shown = kb(root, server, "refresh")
    assert shown.returncode == 0, shown.stderr
    assert (root / "papers.yml").read_text(encoding="utf-8") == STALE
    diff = shown.stdout.splitlines()
    assert diff[:2] == ["--- papers.yml", "+++ papers.yml (refreshed)"]
    assert "-  authors: [Yuntao Bai, Saurav Kadavath, Sandipan Kundu]   # cut" in diff
    assert "-  venue: arXiv" in diff and "+  venue: Nature Machine Intelligence" in diff
    assert "+  doi: 10.1038/s42256-019-0048-x" in diff
    assert "kb refresh: 2 works checked, 2 with changes (run `kb refresh --apply` to write them)" in shown.stderr
    assert server.routes_asked()[0] == arxiv_route("2212.08073", "1811.10154")  # one request for every arXiv id
    applied = kb(root, server, "refresh", "--apply")
    assert applied.returncode == 0, applied.stderr
    assert (root / "papers.yml").read_text(encoding="utf-8") == REFRESHED
    assert kb(root, server, "check").returncode == 0
    again = kb(root, server, "refresh")
    assert (again.returncode, again.stdout) == (0, "")
    assert "2 works checked, no changes" in again.stderr


def test_refresh_of_one_key_and_of_an_unknown_key(tmp_path, server, kb):
    server.routes[arxiv_route("1811.10154")] = fixture("arxiv/1811.10154.xml", ATOM)
    server.routes[route("/crossref/works/10.1038/s42256-019-0048-x")] = fixture(
        "crossref/10.1038_s42256-019-0048-x.json", JSON)
    root = site(tmp_path, STALE)
    one = kb(root, server, "refresh", "rudin2019stop", "--apply")
    assert one.returncode == 0, one.stderr
    assert "Yuntao Bai, Saurav Kadavath, Sandipan Kundu]   # cut" in (root / "papers.yml").read_text()
    assert "venue: Nature Machine Intelligence" in (root / "papers.yml").read_text()
    unknown = kb(root, server, "refresh", "nobody2020")
    assert (unknown.returncode, unknown.stderr.strip()) == (1, "kb: papers.yml: no work with key 'nobody2020'")


def test_refresh_reports_a_work_it_cannot_fetch(tmp_path, server, kb):
    root = site(tmp_path, STALE)
    result = kb(root, server, "refresh")  # the server knows no route: arXiv answers 404
    assert result.returncode == 1
    assert "kb refresh: bai2022constitutional: 127.0.0.1 answered HTTP 404 Not Found" in result.stderr.splitlines()
    assert (root / "papers.yml").read_text(encoding="utf-8") == STALE


# --- the pieces -------------------------------------------------------------------

def test_rate_limiter_spaces_requests_by_its_interval():
    now, slept = [100.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    pace = RateLimiter(3.0, clock=lambda: now[0], sleep=sleep)
    pace.wait()               # the first request goes at once
    now[0] += 1.0
    pace.wait()               # one second later: waits two more
    now[0] += 5.0
    pace.wait()               # five seconds later: no wait
    pace.wait()               # straight after: a full interval
    assert slept == [2.0, 3.0]


def test_services_default_to_arxiv_and_crossref_with_the_arxiv_interval():
    services = Services.from_environment({})
    assert (services.arxiv_api, services.crossref_api, services.arxiv_interval) == (
        "https://export.arxiv.org/api/query", "https://api.crossref.org", 3.0)
    assert "mailto:me@example.org" in user_agent("me@example.org")


@pytest.mark.parametrize("given, kind, value", [
    ("2212.08073", "arxiv", "2212.08073"),
    ("arXiv:2212.08073v2", "arxiv", "2212.08073"),
    ("https://arxiv.org/abs/2212.08073", "arxiv", "2212.08073"),
    ("https://arxiv.org/pdf/2212.08073v1", "arxiv", "2212.08073"),
    ("hep-th/9901001", "arxiv", "hep-th/9901001"),
    ("10.48550/arXiv.2212.08073", "arxiv", "2212.08073"),
    ("10.1038/s42256-019-0048-x", "doi", "10.1038/s42256-019-0048-x"),
    ("doi:10.1038/S42256-019-0048-X", "doi", "10.1038/s42256-019-0048-x"),
    ("https://doi.org/10.1016/S0550-3213(01)00405-9", "doi", "10.1016/s0550-3213(01)00405-9"),
    ("https://www.alignmentforum.org/posts/x/y", "url", "https://www.alignmentforum.org/posts/x/y"),
])
def test_identifiers_in_every_form(given, kind, value):
    identifier = parse_identifier(given)
    assert (identifier.kind, identifier.value) == (kind, value)


@pytest.mark.parametrize("given", ["Constitutional AI", "ftp://example.org/x", "1234.12345", "10.12/x"])
def test_what_is_not_an_identifier(given):
    with pytest.raises(ValueError):
        parse_identifier(given)


@pytest.mark.parametrize("authors, year, title, key", [
    (["Yuntao Bai"], 2022, "Constitutional AI: Harmlessness from AI Feedback", "bai2022constitutional"),
    (["François Chollet"], 2019, "On the Measure of Intelligence", "chollet2019measure"),
    (["Catherine Olsson"], 2022, "In-context Learning and Induction Heads", "olsson2022incontext"),
    (["Jason Wei"], 2022, "Chain-of-Thought Prompting Elicits Reasoning", "wei2022chain"),
    (["Future of Life Institute"], 2023, "Pause Giant AI Experiments", "futureoflifeinstitute2023pause"),
    (["Ludwig van Beethoven"], 1808, "Symphony No. 5", "vanbeethoven1808symphony"),
    (["Jan Müller"], 2023, "Über alles", "muller2023uber"),
])
def test_the_key_rule(authors, year, title, key):
    assert propose_key(authors, year, title, set()) == key


def test_the_key_rule_makes_keys_unique():
    taken = {"bai2022constitutional", "bai2022constitutionalb"}
    assert propose_key(["Yuntao Bai"], 2022, "Constitutional AI", taken) == "bai2022constitutionalc"


def test_the_project_registry_keys_mostly_follow_the_rule():
    """The rule is the one the registry's keys were written by (a few were chosen by hand)."""
    registry, problems = load_registry(str(Path(__file__).resolve().parents[1] / "papers.yml"))
    assert problems == []
    differing = [paper.key for paper in registry.papers.values()
                 if propose_key(paper.authors, paper.year, paper.title, set()) != paper.key]
    assert len(differing) <= len(registry) // 20, differing


def test_the_fixtures_readme_names_every_fixture():
    readme = (Path(__file__).parent / "fixtures/metadata/README.md").read_text(encoding="utf-8")
    files = [path for path in (Path(__file__).parent / "fixtures/metadata").rglob("*") if path.is_file()]
    missing = [path.name for path in files if path.name != "README.md" and path.name not in readme]
    assert missing == []


def test_the_docs_show_kb_add_as_the_way_to_add_a_work():
    project = Path(__file__).resolve().parents[1]
    contributing = (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = contributing.split("## Add a work", 1)[1]
    assert section.split("```sh\n", 1)[1].startswith("kb add ")
    assert "| a paper, post, talk... | `papers.yml` | `kb add" in contributing
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert readme.split("**A work**: ", 1)[1].startswith("`kb add ")
