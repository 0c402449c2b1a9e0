"""Crashes lose nothing: ``watchfloor ingest`` killed with SIGKILL dozens of times.

    python bench/crash.py [--kills 24] [--per-trial 3] [--articles 12] [--concurrent 3]
                          [--restarts 3] [--backends sqlite,postgres] [--seed 1]

On each backend (SQLite in a temporary file, PostgreSQL on a throwaway server that
tests/pg_server.py starts), from an empty store each trial kills a real
``watchfloor ingest`` subprocess ``--per-trial`` times at random points of its work
(once the store shows a random number of inputs logged and articles analysed, after
a random pause of up to half a second), checks the store after each
kill (watchfloor.store.consistency: no half-filed article, no row without its
article, no facts of an unanalysed article, kept tables equal to a recount), then
runs the ingest to the end and compares the store with one uninterrupted run's
(the same articles by text, the same copies, facts and mentions for each, nothing
left to do). Then ``--concurrent`` rounds of two ingests at once on one store, and
on PostgreSQL ``--restarts`` server restarts in the middle of an ingest (the run
must stop with exit 3 and no traceback, the next one must finish the work).

The corpus: the first ``--articles`` sample articles, a syndicated copy of one
(another URL and source), and a broken JSON file. The table says where the kills
landed (before any article was stored, while storing, while analysing) and how
many checks failed; ``make crash`` runs it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from crash_harness import (
    Snapshot,
    TrialResult,
    concurrent,
    run_ingest,
    snapshot,
    start_ingest,
    store_problems,
    trial,
    wait_for_articles,
)
from pg_server import PgServer, _tool, find_bindir, start_server, stop_server


@dataclass
class Row:
    backend: str
    scenario: str
    runs: int = 0
    kills: int = 0
    before_store: int = 0
    storing: int = 0
    analysing: int = 0
    failed: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def add(self, result: TrialResult, articles: int) -> None:
        self.runs += 1
        for kill in result.kills:
            if not kill.killed:
                continue
            self.kills += 1
            if kill.articles == 0:
                self.before_store += 1
            elif kill.articles < articles and kill.analysed == 0:
                self.storing += 1
            else:
                self.analysing += 1
        if not result.ok:
            self.failed += 1
            self.notes.append(_failure(result))


def _failure(result: TrialResult) -> str:
    parts = [p for k in result.kills for p in k.problems]
    parts += result.final_problems + result.differences
    parts += [f"{k}: {v}" for k, v in result.unfinished.items()]
    if result.final_code:
        parts.append(f"exit {result.final_code}: {result.output.strip()[-300:]}")
    return "; ".join(parts)


def make_corpus(folder: Path, articles: int) -> Path:
    with resources.as_file(resources.files("watchfloor") / "data" / "sample") as sample:
        files = sorted(Path(sample).glob("*.json"))[:articles]
        for path in files:
            shutil.copy(path, folder / path.name)
        record = json.loads(files[0].read_text(encoding="utf-8"))
    record.update(doc_id="syndicated", url="https://syndicator.example/story", source="Other")
    (folder / "zz-syndicated.json").write_text(json.dumps(record), encoding="utf-8")
    (folder / "zz-broken.json").write_text('{"text": "unterminated', encoding="utf-8")
    return folder


@contextmanager
def postgres() -> Iterator[PgServer]:
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL server binaries: run scripts/ensure-postgres.sh")
    server = start_server(bindir)
    try:
        yield server
    finally:
        stop_server(server)


def run_backend(
    name: str, new_db: Callable[[], str], corpus: Path, args: argparse.Namespace
) -> tuple[list[Row], float]:
    """Kills, concurrent runs (and restarts: see main) on one backend."""
    inputs = [str(corpus)]
    began = time.monotonic()
    reference_db = new_db()
    code, output = run_ingest(reference_db, inputs)
    if code != 0:
        raise SystemExit(f"the reference run failed:\n{output}")
    took = time.monotonic() - began
    reference = snapshot(reference_db)
    rng = random.Random(args.seed)
    kills = Row(name, f"SIGKILL x{args.per_trial}, then a run to the end")
    started = time.monotonic()
    while kills.kills < args.kills:
        result = trial(new_db(), inputs, reference, args.per_trial, rng)
        kills.add(result, args.articles)
        print(f"  {name}: {kills.kills} kills, {kills.failed} failed trials", file=sys.stderr)
    kills.seconds = time.monotonic() - started
    together = Row(name, "two ingests at once on one store")
    started = time.monotonic()
    for _ in range(args.concurrent):
        together.add(concurrent(new_db(), inputs, reference), args.articles)
    together.seconds = time.monotonic() - started
    return [kills, together], took


def restarts(
    server: PgServer,
    new_db: Callable[[], str],
    corpus: Path,
    reference: Snapshot,
    times: int,
    took: float,
) -> Row:
    """Restart the server while an ingest runs; the run stops cleanly, the next resumes."""
    row = Row("postgres", "server restarted mid-ingest, then a rerun")
    assert server.data_dir is not None
    log = str(server.data_dir.parent / "log")
    restart = _tool(server, "pg_ctl", "-m", "immediate", "-l", log, "-w", "restart")
    started = time.monotonic()
    for _ in range(times):
        db = new_db()
        process = start_ingest(db, [str(corpus)])
        wait_for_articles(db, 2, process, took * 3)
        running = process.poll() is None
        subprocess.run(restart, capture_output=True, timeout=120, check=True)
        output = process.communicate(timeout=600)[0].decode(errors="replace")
        row.runs += 1
        row.kills += int(running)
        clean = process.returncode == 3 and "Traceback" not in output
        code, _ = run_ingest(db, [str(corpus)])
        found = store_problems(db)
        if (
            not running
            or not clean
            or code != 0
            or found
            or snapshot(db).articles != reference.articles
        ):
            row.failed += 1
            row.notes.append(f"exit {process.returncode}, rerun {code}, {found}: {output[-300:]}")
    row.seconds = time.monotonic() - started
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=24, help="kills per backend")
    parser.add_argument("--per-trial", type=int, default=3)
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--concurrent", type=int, default=3)
    parser.add_argument("--restarts", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="watchfloor-crash-") as tmp:
        folder = Path(tmp)
        corpus = make_corpus(Path(tempfile.mkdtemp(dir=folder)), args.articles)
        counter = iter(range(10**6))
        if "sqlite" in args.backends:
            found, _ = run_backend(
                "sqlite", lambda: str(folder / f"s{next(counter)}.db"), corpus, args
            )
            rows += found
        if "postgres" in args.backends:
            with postgres() as server:

                def new_db() -> str:
                    return str(server.schema_url(server.new_schema()))

                found, took = run_backend("postgres", new_db, corpus, args)
                rows += found
                reference_db = new_db()
                run_ingest(reference_db, [str(corpus)])
                rows.append(
                    restarts(server, new_db, corpus, snapshot(reference_db), args.restarts, took)
                )
    print_table(rows, args)


def print_table(rows: list[Row], args: argparse.Namespace) -> None:
    print(
        f"# Crash bench, {date.today()}, {platform.machine()} {platform.system()},"
        f" {os.cpu_count()} CPUs, Python {platform.python_version()};"
        f" {args.articles} articles + 1 syndicated copy + 1 broken file, seed {args.seed}"
    )
    print()
    print(
        "| backend | scenario | runs | kills landed | before any article | storing"
        " | analysing | failed | s |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r.backend} | {r.scenario} | {r.runs} | {r.kills} | {r.before_store} | {r.storing}"
            f" | {r.analysing} | {r.failed} | {r.seconds:.0f} |"
        )
    for r in rows:
        for note in r.notes:
            print(f"- {r.backend} {r.scenario}: {note}")


if __name__ == "__main__":
    main()
