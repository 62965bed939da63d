"""Benchmark the knowledge-base build against a plain MkDocs + Material build of the same notes.

    .venv/bin/python benchmarks/run.py --sizes S M            # what `make bench` runs
    .venv/bin/python benchmarks/run.py --sizes XS --runs 1 --glossary-at XS --serve-at XS   # smoke

For every size it generates a synthetic corpus (benchmarks/generate.py) and builds it two ways,
alternating (plain, ours, plain, ours, ...), `--runs` times each, every build a fresh
`mkdocs build` subprocess:

  plain  MkDocs + Material with the project's theme, features, plugins and Markdown extensions but
         no hook: the notes are copied into docs/ as ordinary pages;
  kb     the project's full configuration (the `kb` plugin): notes, section indexes, glossary, papers.

Reported per build: median wall time, mkdocs' own "Documentation built in" time, peak RSS
(`os.wait4` rusage of that one child), size of site/ and of its search index (Material's
search_index.json, or Pagefind's bundle), pages built (HTML files written), cost per page; and the
ratios kb/plain (total, per page, memory). Then one `kb check` of our corpus: wall and CPU time, and
its ratio to our build.

Also measured:
  growth    time(larger)/time(smaller) against the ratio of note counts, for each pair of sizes;
  glossary  at the notes and works of `--glossary-at` (default M), our build with T = 100 and
            T = 5,000 terms (`--glossary-terms`), alternating: time ratio, and that of each pair;
  serve     at `--serve-at` (default M): `mkdocs serve` (live-reload and `--dirty`) on 127.0.0.1 on a
            free port; one note is edited (and restored: two samples) and, for our site, one
            glossary entry, timed from the write until the log says "Reloading browsers".
  profile   `--profile SIZE`: cProfile of one build of each kind; top functions by cumulative and
            own time, and the time spent in the hook's library (hooks/kbsite).

A table goes to stdout and everything to JSON (`--json`, default benchmarks/out/results.json).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import platform
import pstats
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

PROJECT = generate.PROJECT
OUT = PROJECT / "benchmarks" / "out"
BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")


def env_for_builds(tmpdir: Path | None = None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    return env


# --- corpora ------------------------------------------------------------------------------------
def corpus(root: Path, notes: int, terms: int, works: int, seed: int) -> tuple:
    """Generate (or reuse) a corpus; return (our site folder, plain site folder)."""
    name = f"n{notes}-t{terms}-p{works}-s{seed}"
    kb_dir, plain_dir = root / name / "kb", root / name / "plain"
    started = time.perf_counter()
    generate.generate(kb_dir, notes, terms, works, seed)
    generate.write_plain(kb_dir, plain_dir)
    print(f"  corpus {name}: ready in {time.perf_counter() - started:.1f} s", flush=True)
    return kb_dir, plain_dir


# --- one build ----------------------------------------------------------------------------------
def site_stats(site_dir: Path) -> dict:
    total, pages = 0, 0
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            pages += name.endswith(".html")
    return {"pages": pages, "site_bytes": total, "search_index_bytes": search_index_bytes(site_dir)}


def search_index_bytes(site_dir: Path) -> int:
    """The size of a site's search index on disk: Material's search_index.json, or Pagefind's bundle."""
    lunr, pagefind = site_dir / "search" / "search_index.json", site_dir / "pagefind"
    if lunr.is_file():
        return lunr.stat().st_size
    return sum(path.stat().st_size for path in pagefind.rglob("*") if path.is_file()) if pagefind.is_dir() else 0


def timed_run(command: list, site: Path, timeout: float, log_path: Path) -> tuple:
    """Run `command` in `site` with its output to `log_path`: (exit code, wall s, the child's own rusage, output)."""
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=site, stdout=log, stderr=subprocess.STDOUT, env=env_for_builds())
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    return os.waitstatus_to_exitcode(status), wall, usage, log_path.read_text(encoding="utf-8", errors="replace")


def build_once(site: Path, timeout: float, log_path: Path) -> dict:
    """One `mkdocs build --clean` in a subprocess: wall time, own rusage, log facts, site sizes."""
    returncode, wall, usage, output = timed_run([sys.executable, "-m", "mkdocs", "build", "--clean"], site, timeout,
                                                log_path)
    built = BUILT_IN.search(output)
    result = {
        "returncode": returncode,
        "wall_s": wall,
        "built_in_s": float(built.group(1)) if built else None,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "max_rss_mb": usage.ru_maxrss / 1024,  # Linux: kilobytes
        "warnings": [line.strip() for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))][:20],
    }
    if returncode != 0:
        raise RuntimeError(f"build failed in {site} (exit {returncode}); log: {log_path}\n{output[-3000:]}")
    result.update(site_stats(site / "site"))
    return result


def check_once(site: Path, timeout: float, log_path: Path) -> dict:
    """One `kb check` (what a contributor runs before each commit) in a subprocess: wall and CPU time."""
    returncode, wall, usage, output = timed_run([sys.executable, "-m", "kbsite.cli", "check"], site, timeout, log_path)
    if returncode != 0:
        raise RuntimeError(f"kb check failed in {site} (exit {returncode}); log: {log_path}\n{output[-3000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "max_rss_mb": usage.ru_maxrss / 1024}


def summarise(samples: list) -> dict:
    """Medians of the samples, and the samples themselves."""
    walls = [sample["wall_s"] for sample in samples]
    built = [sample["built_in_s"] for sample in samples if sample["built_in_s"] is not None]
    last = samples[-1]
    wall = statistics.median(walls)
    return {
        "runs": len(samples),
        "wall_s": wall,
        "wall_s_all": walls,
        "built_in_s": statistics.median(built) if built else None,
        "cpu_s": statistics.median(sample["cpu_s"] for sample in samples),
        "cpu_s_all": [sample["cpu_s"] for sample in samples],
        "max_rss_mb": max(sample["max_rss_mb"] for sample in samples),
        "pages": last["pages"],
        "ms_per_page": 1000 * wall / last["pages"],
        "built_ms_per_page": 1000 * statistics.median(built) / last["pages"] if built else None,
        "cpu_ms_per_page": 1000 * statistics.median(sample["cpu_s"] for sample in samples) / last["pages"],
        "site_mb": last["site_bytes"] / 2 ** 20,
        "search_index_mb": last["search_index_bytes"] / 2 ** 20,
        "warnings": last["warnings"],
    }


def alternate(builds: dict, runs: int, timeout: float, logs: Path, deadline: float | None = None) -> dict:
    """Run each named build `runs` times, alternating between them; return their summaries.

    Past `deadline` (a perf_counter time) no new round starts; the first round always runs.
    """
    samples = {name: [] for name in builds}
    for run in range(runs):
        if run and deadline is not None and time.perf_counter() > deadline:
            print(f"    time budget spent: {run} run(s) of each", flush=True)
            break
        for name, site in builds.items():
            sample = build_once(site, timeout, logs / f"{name}-{run}.log")
            samples[name].append(sample)
            print(f"    {name:<8} run {run + 1}/{runs}: {sample['wall_s']:7.2f} s  {sample['pages']:6d} pages  "
                  f"{sample['max_rss_mb']:7.0f} MB", flush=True)
    return {name: summarise(found) for name, found in samples.items()}


def ratio(a, b):
    return (a / b) if a is not None and b else None


def bench_size(label: str, notes: int, terms: int, works: int, args) -> dict:
    print(f"\n== size {label}: {notes} notes, {terms} terms, {works} works", flush=True)
    kb_dir, plain_dir = corpus(args.corpora, notes, terms, works, args.seed)
    logs = args.logs / label
    logs.mkdir(parents=True, exist_ok=True)
    deadline = time.perf_counter() + args.budget if args.budget else None
    result = alternate({"plain": plain_dir, "kb": kb_dir}, args.runs, args.timeout, logs, deadline)
    result["check"] = check_once(kb_dir, args.timeout, logs / "check.log")
    plain, kb = result["plain"], result["kb"]
    result.update({"notes": notes, "terms": terms, "works": works, **size_ratios(plain, kb),
                   "site_dirs": {"plain": str(plain_dir), "kb": str(kb_dir)}})
    return result


def size_ratios(plain: dict, kb: dict) -> dict:
    """kb/plain ratios of one size's medians."""
    return {
        "ratio_total": ratio(kb["wall_s"], plain["wall_s"]),
        "ratio_per_page": ratio(kb["ms_per_page"], plain["ms_per_page"]),
        "ratio_built_per_page": ratio(kb["built_ms_per_page"], plain["built_ms_per_page"]),
        "ratio_cpu_total": ratio(kb["cpu_s"], plain["cpu_s"]),
        "ratio_cpu_per_page": ratio(kb["cpu_ms_per_page"], plain["cpu_ms_per_page"]),
        "ratio_memory": ratio(kb["max_rss_mb"], plain["max_rss_mb"]),
    }


def check_ratio(size: dict) -> float | None:
    """`kb check` against our build of the same size (None in results from before it was measured)."""
    return ratio(size["check"]["wall_s"], size["kb"]["wall_s"]) if "check" in size else None


def bench_glossary(notes: int, works: int, low: int, high: int, args) -> dict:
    print(f"\n== glossary size: {notes} notes, {works} works, T = {low} vs T = {high}", flush=True)
    low_dir, _ = corpus(args.corpora, notes, low, works, args.seed)
    high_dir, _ = corpus(args.corpora, notes, high, works, args.seed)
    logs = args.logs / "glossary"
    logs.mkdir(parents=True, exist_ok=True)
    found = alternate({f"T={low}": low_dir, f"T={high}": high_dir}, args.runs, args.timeout, logs)
    low_run, high_run = found[f"T={low}"], found[f"T={high}"]
    return {"notes": notes, "works": works, "low_terms": low, "high_terms": high, "low": low_run, "high": high_run,
            **glossary_ratios(low_run, high_run)}


def glossary_ratios(low: dict, high: dict) -> dict:
    """T = high over T = low: ratios of the medians, and the wall-time ratio of each alternating pair of
    runs (the machine's speed drifts between rounds, less within one)."""
    pairs = [ratio(high_wall, low_wall) for low_wall, high_wall in zip(low["wall_s_all"], high["wall_s_all"])]
    return {"time_ratio": ratio(high["wall_s"], low["wall_s"]),
            "built_ratio": ratio(high["built_in_s"], low["built_in_s"]),
            "cpu_ratio": ratio(high["cpu_s"], low["cpu_s"]),
            "memory_ratio": ratio(high["max_rss_mb"], low["max_rss_mb"]),
            "pair_ratios": pairs, "pair_ratio_median": statistics.median(pairs) if pairs else None}


def derive(results: dict) -> dict:
    """(Re)compute every derived figure from the raw medians, so that `--report` can redo them."""
    for size in results["sizes"].values():
        plain, kb = size["plain"], size["kb"]
        for run in (plain, kb):
            run["ms_per_page"] = 1000 * run["wall_s"] / run["pages"]
            run["cpu_ms_per_page"] = 1000 * run["cpu_s"] / run["pages"]
        size.update(size_ratios(plain, kb), ratio_check=check_ratio(size))
    results["growth"] = growth(results["sizes"])
    glossary = results.get("glossary")
    if glossary:
        glossary.update(glossary_ratios(glossary["low"], glossary["high"]))
    return results


def growth(sizes: dict) -> list:
    """For each pair of consecutive sizes: time ratios against the ratio of note counts."""
    ordered = sorted(sizes.items(), key=lambda item: item[1]["notes"])
    out = []
    for (small_name, small), (large_name, large) in zip(ordered, ordered[1:]):
        notes_ratio = large["notes"] / small["notes"]
        entry = {"pair": f"{large_name}/{small_name}", "notes_ratio": notes_ratio}
        for kind in ("plain", "kb"):
            time_ratio = ratio(large[kind]["wall_s"], small[kind]["wall_s"])
            cpu_ratio = ratio(large[kind]["cpu_s"], small[kind]["cpu_s"])
            entry[kind] = {"time_ratio": time_ratio, "vs_notes_ratio": ratio(time_ratio, notes_ratio),
                           "cpu_ratio": cpu_ratio, "cpu_vs_notes_ratio": ratio(cpu_ratio, notes_ratio),
                           "built_ratio": ratio(large[kind]["built_in_s"], small[kind]["built_in_s"]),
                           "pages_ratio": ratio(large[kind]["pages"], small[kind]["pages"])}
        out.append(entry)
    return out


# --- mkdocs serve -------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`mkdocs serve` in a subprocess whose log lines are read with their arrival time."""

    def __init__(self, site: Path, dirty: bool, log_path: Path, tmpdir: Path):
        self.port = free_port()
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"]
        if dirty:
            command.append("--dirty")
        self.log = open(log_path, "w", encoding="utf-8")
        self.lines: queue.Queue = queue.Queue()
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     env=env_for_builds(tmpdir), start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            now = time.perf_counter()
            self.log.write(f"[{now - self.started:9.3f}] {line}")
            self.log.flush()
            self.lines.put((now, line))
        self.lines.put((time.perf_counter(), None))

    def wait_for(self, needle: str, timeout: float, seen: list | None = None):
        """Wait for a log line containing `needle`; return (time, line). Lines passed go to `seen`."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no '{needle}' in the serve log within {timeout:.0f} s")
            try:
                when, line = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError(f"mkdocs serve exited (code {self.proc.poll()}) before '{needle}'")
            if seen is not None:
                seen.append(line.rstrip())
            if "An error happened during the rebuild" in line:
                raise RuntimeError("mkdocs serve reported a rebuild error")
            if needle in line:
                return when, line

    def drain(self) -> list:
        out = []
        while True:
            try:
                _when, line = self.lines.get_nowait()
            except queue.Empty:
                return out
            if line is not None:
                out.append(line.rstrip())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # lets mkdocs remove its temporary site folder
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        self.reader.join(timeout=10)
        self.log.close()


def timed_change(server: Server, path: Path, text: str, timeout: float, settle: float) -> dict:
    """Write `text` to `path`; time until the rebuild it causes is complete."""
    time.sleep(settle)  # let the file watcher take its snapshot, and any earlier rebuild finish
    stray = server.drain()
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    seen: list = []
    detected_at, _ = server.wait_for("Detected file changes", timeout, seen)
    done_at, _ = server.wait_for("Reloading browsers", timeout, seen)
    # MkDocs drops a log message identical to an earlier one, so "Documentation built in" may be missing.
    built = next((BUILT_IN.search(line) for line in seen if BUILT_IN.search(line)), None)
    return {"wall_s": done_at - started, "detect_s": detected_at - started,
            "built_in_s": float(built.group(1)) if built else None, "stray_lines_before": len(stray)}


def serve_session(site: Path, dirty: bool, edits: list, args, log_path: Path) -> dict:
    """Start `mkdocs serve`, wait for the first build, then time each edit and its restoration."""
    tmpdir = args.out / "tmp"
    tmpdir.mkdir(parents=True, exist_ok=True)
    originals = {path: path.read_text(encoding="utf-8") for _label, path, _change in edits}
    server = Server(site, dirty, log_path, tmpdir)
    result = {"mode": "dirty" if dirty else "livereload"}
    try:
        when, _ = server.wait_for("Serving on", args.timeout)
        result["initial_s"] = when - server.started
        for label, path, change in edits:
            samples = []
            for text in (change(originals[path]), originals[path]):  # the edit, then undoing it
                samples.append(timed_change(server, path, text, args.timeout, args.settle))
            built = [sample["built_in_s"] for sample in samples if sample["built_in_s"] is not None]
            result[label] = {"wall_s": statistics.median(sample["wall_s"] for sample in samples),
                             "detect_s": statistics.median(sample["detect_s"] for sample in samples),
                             "built_in_s": statistics.median(built) if built else None, "samples": samples}
            print(f"    serve {result['mode']:<10} {label:<14} {result[label]['wall_s']:7.2f} s "
                  f"(change seen after {result[label]['detect_s']:.2f} s; mkdocs: {fmt(result[label]['built_in_s'])} s)",
                  flush=True)
    finally:
        for path, text in originals.items():
            if path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
        server.stop()
    return result


def edit_note(text: str) -> str:
    return text.rstrip("\n") + "\n\nEdited for the benchmark: one more sentence in one note.\n"


def edit_glossary(text: str) -> str:
    return text.replace('definition: "', 'definition: "Edited for the benchmark. ', 1)


def bench_serve(label: str, notes: int, terms: int, works: int, args) -> dict:
    print(f"\n== mkdocs serve at {label}: {notes} notes, {terms} terms, {works} works", flush=True)
    kb_dir, plain_dir = corpus(args.corpora, notes, terms, works, args.seed)
    note = sorted((kb_dir / "notes").glob("*/*.md"))[len(list((kb_dir / "notes").glob("*/*.md"))) // 2]
    relative = note.relative_to(kb_dir / "notes")
    logs = args.logs / "serve"
    logs.mkdir(parents=True, exist_ok=True)
    out = {"size": label, "notes": notes, "terms": terms, "works": works, "note": str(relative)}
    for kind, site, edits in (
        ("plain", plain_dir, [("note_edit", plain_dir / "docs" / relative, edit_note)]),
        ("kb", kb_dir, [("note_edit", note, edit_note), ("glossary_edit", kb_dir / "glossary.yml", edit_glossary)]),
    ):
        out[kind] = {}
        for dirty in (False, True):
            mode = "dirty" if dirty else "livereload"
            print(f"  {kind} {mode}", flush=True)
            out[kind][mode] = serve_session(site, dirty, edits, args, logs / f"{kind}-{mode}.log")
    shutil.rmtree(args.out / "tmp", ignore_errors=True)
    return out


# --- profile ------------------------------------------------------------------------------------
def profile_build(site: Path, out_file: Path, timeout: float, top: int = 25) -> dict:
    """cProfile one `mkdocs build`; return the top functions and the time inside the hook's library."""
    command = [sys.executable, "-m", "cProfile", "-o", str(out_file), "-m", "mkdocs", "build", "--clean"]
    started = time.perf_counter()
    subprocess.run(command, cwd=site, env=env_for_builds(), capture_output=True, timeout=timeout, check=True)
    wall = time.perf_counter() - started
    stats = pstats.Stats(str(out_file))
    hooks_dir = str(PROJECT / "hooks")

    def rows(key: str) -> list:
        ordered = sorted(stats.stats.items(), key=lambda item: item[1][3 if key == "cumulative" else 2], reverse=True)
        return [{"function": f"{Path(file).name}:{line}({name})", "file": file, "calls": calls,
                 "tottime_s": round(tottime, 3), "cumtime_s": round(cumtime, 3)}
                for (file, line, name), (_cc, calls, tottime, cumtime, _callers) in ordered[:top]]

    own = {f"{Path(file).name}:{line}({name})": (tottime, cumtime, calls)
           for (file, line, name), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items()
           if file.startswith(hooks_dir)}
    text = io.StringIO()
    pstats.Stats(str(out_file), stream=text).sort_stats("cumulative").print_stats(top)
    return {"wall_s_profiled": wall, "total_s": stats.total_tt,
            "hooks_tottime_s": sum(value[0] for value in own.values()),
            "hooks_functions": sorted(({"function": name, "tottime_s": round(t, 3), "cumtime_s": round(c, 3), "calls": n}
                                       for name, (t, c, n) in own.items()), key=lambda row: -row["cumtime_s"])[:top],
            "top_cumulative": rows("cumulative"), "top_tottime": rows("tottime"), "profile": str(out_file)}


def bench_profile(label: str, notes: int, terms: int, works: int, args) -> dict:
    print(f"\n== profile at {label}", flush=True)
    kb_dir, plain_dir = corpus(args.corpora, notes, terms, works, args.seed)
    out = {"size": label}
    for kind, site in (("plain", plain_dir), ("kb", kb_dir)):
        out[kind] = profile_build(site, args.out / f"prof-{label}-{kind}.out", args.timeout)
        print(f"  {kind}: {out[kind]['total_s']:.1f} s profiled, {out[kind]['hooks_tottime_s']:.1f} s own time in hooks/",
              flush=True)
    return out


# --- report -------------------------------------------------------------------------------------
def machine() -> dict:
    memory = None
    try:
        with open("/proc/meminfo") as handle:
            memory = round(int(handle.readline().split()[1]) / 2 ** 20, 1)
    except OSError:
        pass
    versions = {}
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pyahocorasick"):
        try:
            from importlib.metadata import version
            versions[name] = version(name)
        except Exception:  # noqa: BLE001
            versions[name] = None
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    digest = hashlib.sha256()
    for path in sorted((PROJECT / "hooks").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
            digest.update(str(path.relative_to(PROJECT)).encode() + b"\0" + path.read_bytes())
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gb": memory, "python": platform.python_version(),
            "platform": platform.platform(), **versions, "hooks_sha256": digest.hexdigest()[:16],
            "load_average": os.getloadavg()}


def fmt(value, spec=".2f", suffix="") -> str:
    return "-" if value is None else f"{value:{spec}}{suffix}"


def table(results: dict) -> str:
    lines = []
    header = (f"{'size':<5}{'build':<7}{'pages':>7}{'median s':>10}{'mkdocs s':>10}{'CPU s':>8}{'ms/page':>9}"
              f"{'CPU ms/p':>9}{'peak MB':>9}{'site MB':>9}{'index MB':>10}")
    lines += [header, "-" * len(header)]
    for label, size in results["sizes"].items():
        for kind in ("plain", "kb"):
            run = size[kind]
            lines.append(f"{label:<5}{kind:<7}{run['pages']:>7}{run['wall_s']:>10.2f}{fmt(run['built_in_s']):>10}"
                         f"{run['cpu_s']:>8.2f}{run['ms_per_page']:>9.2f}{run['cpu_ms_per_page']:>9.2f}"
                         f"{run['max_rss_mb']:>9.0f}{run['site_mb']:>9.1f}"
                         f"{run['search_index_mb']:>10.1f}")
        lines.append(f"{'':<5}{'kb/plain':<12} total {fmt(size['ratio_total'], '.2f', 'x')}, per page "
                     f"{fmt(size['ratio_per_page'], '.2f', 'x')} (mkdocs time per page "
                     f"{fmt(size['ratio_built_per_page'], '.2f', 'x')}, CPU per page "
                     f"{fmt(size['ratio_cpu_per_page'], '.2f', 'x')}), peak memory {fmt(size['ratio_memory'], '.2f', 'x')}")
        if "check" in size:
            lines.append(f"{'':<5}{'kb check':<12} {size['check']['wall_s']:.2f} s (CPU {size['check']['cpu_s']:.2f} s), "
                         f"{fmt(size['ratio_check'], '.2f', 'x')} our build")
    for entry in results.get("growth", []):
        lines.append(f"growth {entry['pair']}: notes x{entry['notes_ratio']:.1f}; time plain "
                     f"x{fmt(entry['plain']['time_ratio'])}, kb x{fmt(entry['kb']['time_ratio'])} "
                     f"(kb time ratio / notes ratio = {fmt(entry['kb']['vs_notes_ratio'])}; CPU: plain "
                     f"x{fmt(entry['plain']['cpu_ratio'])}, kb x{fmt(entry['kb']['cpu_ratio'])})")
    glossary = results.get("glossary")
    if glossary:
        lines.append(f"glossary at {glossary['notes']} notes: T={glossary['low_terms']} {glossary['low']['wall_s']:.2f} s, "
                     f"T={glossary['high_terms']} {glossary['high']['wall_s']:.2f} s: ratio {fmt(glossary['time_ratio'])}x "
                     f"(mkdocs time {fmt(glossary['built_ratio'])}x, CPU {fmt(glossary['cpu_ratio'])}x, "
                     f"memory {fmt(glossary['memory_ratio'])}x); pairs of runs "
                     f"{', '.join(fmt(pair) for pair in glossary['pair_ratios'])}, median {fmt(glossary['pair_ratio_median'])}x")
    serve = results.get("serve")
    if serve:
        for kind in ("plain", "kb"):
            for mode, run in serve[kind].items():
                parts = [f"first build {run['initial_s']:.1f} s"]
                for label in ("note_edit", "glossary_edit"):
                    if label in run:
                        parts.append(f"{label} {run[label]['wall_s']:.2f} s (mkdocs {fmt(run[label]['built_in_s'])} s)")
                lines.append(f"serve {serve['size']} {kind:<5} {mode:<10} " + ", ".join(parts))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="*", default=["S", "M"], choices=sorted(generate.SIZES))
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size (alternating)")
    parser.add_argument("--json", type=Path, default=OUT / "results.json")
    parser.add_argument("--out", type=Path, default=OUT, help="corpora, logs and profiles go here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed for one build or rebuild")
    parser.add_argument("--glossary-at", choices=sorted(generate.SIZES),
                        help="notes/works of this size for T=low vs T=high (default: M if listed, else the largest)")
    parser.add_argument("--glossary-terms", nargs=2, type=int, default=[100, 5000], metavar=("LOW", "HIGH"))
    parser.add_argument("--no-glossary", action="store_true", help="skip the glossary-size measurement")
    parser.add_argument("--serve-at", choices=sorted(generate.SIZES),
                        help="size for the `mkdocs serve` edit timings (default: M if listed, else the largest)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `mkdocs serve` measurement")
    parser.add_argument("--settle", type=float, default=1.5, help="seconds to wait before each edit under serve")
    parser.add_argument("--budget", type=float, help="seconds per size after which no new round of builds starts")
    parser.add_argument("--profile", choices=sorted(generate.SIZES), help="also cProfile one build of each kind")
    parser.add_argument("--report", type=Path, metavar="JSON", help="only print the table of an earlier results file")
    args = parser.parse_args(argv)
    if args.report:
        results = derive(json.loads(args.report.read_text(encoding="utf-8")))
        print(table(results))
        return 0
    # On SIGTERM, unwind normally, so that a running `mkdocs serve` is stopped and edited files are restored.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    args.out = args.out.resolve()
    args.corpora = args.out / "corpora"
    args.logs = args.out / "logs"
    args.logs.mkdir(parents=True, exist_ok=True)

    listed = sorted(args.sizes, key=lambda name: generate.SIZES[name][0])
    default_at = "M" if "M" in listed else (listed[-1] if listed else None)
    results = {"command": " ".join([Path(sys.executable).name, *sys.argv]) if argv is None else " ".join(argv),
               "machine": machine(), "runs": args.runs, "seed": args.seed, "sizes": {}}
    started = time.perf_counter()
    for label in listed:
        results["sizes"][label] = bench_size(label, *generate.SIZES[label], args)
    glossary_at = args.glossary_at or default_at
    if glossary_at and not args.no_glossary:
        notes, _terms, works = generate.SIZES[glossary_at]
        results["glossary"] = bench_glossary(notes, works, *args.glossary_terms, args)
        results["glossary"]["size"] = glossary_at
    serve_at = args.serve_at or default_at
    if serve_at and not args.no_serve:
        results["serve"] = bench_serve(serve_at, *generate.SIZES[serve_at], args)
    if args.profile:
        results["profile"] = bench_profile(args.profile, *generate.SIZES[args.profile], args)
    results["elapsed_s"] = time.perf_counter() - started
    derive(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print("\n" + table(results))
    if "profile" in results:
        for kind in ("plain", "kb"):
            found = results["profile"][kind]
            print(f"\nprofile {results['profile']['size']} {kind}: {found['total_s']:.1f} s; own time in hooks/ "
                  f"{found['hooks_tottime_s']:.2f} s; top by cumulative time:")
            for row in found["top_cumulative"][:15]:
                print(f"  {row['cumtime_s']:8.2f} {row['tottime_s']:8.2f} {row['calls']:>9}  {row['function']}")
    print(f"\nwritten {args.json} in {results['elapsed_s']:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
