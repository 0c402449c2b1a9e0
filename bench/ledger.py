"""Ledger benchmark: ``GET /ledger`` / ``watchfloor ledger`` on a synthetic store of
10,000 sources and 1,000,000 forecasts, on SQLite and PostgreSQL.

The forecasts go straight into the real schema (the store classes create it, so every
migration runs): sources drawn by a Zipf law (a few prolific pundits, a long tail),
stated probabilities from the ICD 203 midpoints and round percentages, five years of
forecasts, each due 1 week to 1 year after it was made; those due before 2026 are
resolved (85%, the outcome drawn from the probability bent by the source's own
miscalibration), void (5%) or waiting for review (10%); the rest are open. Then the
store computes its per-source tallies (``ledger_refresh_sources``, as every update does
for the sources it touches) and gathers planner statistics.

Through :func:`watchfloor.ledger.service.ledger_report` (what the CLI and the API call),
after a warm-up, it times:

* the default ledger: the 50 most scored sources (Brier, bootstrap, calibration) and
  the 50 latest forecasts;
* one source, by key (sources drawn by their number of forecasts) and by a part of a name;
* every source's forecasts made since a day of the last three months (``--since``),
  counted afresh;
* the open forecasts.

and prints p50, p95 and the slowest call in milliseconds (aim: p95 under 200 ms).

    .venv/bin/python bench/ledger.py [--forecasts N] [--sources N] [--backend sqlite|postgres|both]
                                     [--pg-url URL] [--calls N]
"""

from __future__ import annotations

import argparse
import datetime
import math
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "tests"))
sys.path.insert(2, str(ROOT / "bench"))

from query import machine, postgres_url  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from watchfloor.ledger.service import ledger_report, ledger_store  # noqa: E402
from watchfloor.store import open_store  # noqa: E402

AIM_MS = 200.0
WARMUP = 10
CONSOLE = Console(stderr=True)
PROBABILITIES = [0.03, 0.125, 0.325, 0.5, 0.675, 0.875, 0.97, 0.1, 0.2, 0.25, 0.3, 0.4, 0.6,
                 0.7, 0.75, 0.8, 0.9]  # fmt: skip
KINDS = ["person", "organisation", "outlet", "state", "group"]
COLUMNS = ("fkey", "statement", "source_key", "source", "source_kind", "p", "made", "due",
           "status", "outcome", "doc_id", "evidence")  # fmt: skip
START = datetime.date(2021, 1, 1)
CUTOFF = "2026-01-01"  # forecasts due before it are settled (or voided, or waiting)
SYLLABLES = ["ka", "ro", "mi", "ten", "sa", "vol", "der", "an", "is", "ko", "bel", "ur"]


def _name(i: int) -> str:
    rng = random.Random(i)
    first = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
    last = "".join(rng.choice(SYLLABLES) for _ in range(3)).title()
    return f"{first} {last} {i}"


def forecasts(count: int, sources: int, seed: int) -> Iterator[tuple[Any, ...]]:
    """The synthetic forecasts, as rows of :data:`COLUMNS`."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(sources)]
    bias = [rng.uniform(-0.2, 0.2) for _ in range(sources)]  # each source's miscalibration
    drawn = rng.choices(range(sources), weights=weights, k=count)
    for n, s in enumerate(drawn):
        p = rng.choice(PROBABILITIES)
        made = START + datetime.timedelta(days=rng.randrange(5 * 365))
        due = made + datetime.timedelta(days=rng.randrange(7, 366))
        status, outcome = "open", None
        if due.isoformat() < CUTOFF:
            roll = rng.random()
            status = "resolved" if roll < 0.85 else "void" if roll < 0.9 else "due"
            if status == "resolved":
                chance = min(1.0, max(0.0, 0.5 + (p - 0.5) * (1 - bias[s]) + bias[s] / 4))
                outcome = "yes" if rng.random() < chance else "no"
        yield (f"k{n}", f"proposition {n} of source {s}", f"src:{s}", _name(s), KINDS[s % 5],
               p, made.isoformat(), due.isoformat(), status, outcome, f"doc-{n // 3}",
               f"sentence {n}")  # fmt: skip


def build(store: Any, count: int, sources: int, seed: int) -> float:
    """Fill the ledger tables; seconds taken."""
    began = time.perf_counter()
    rows = forecasts(count, sources, seed)
    if store.backend == "sqlite":
        marks = ", ".join("?" for _ in COLUMNS)
        with store._transaction():
            store.db.executemany(
                f"INSERT INTO ledger_forecasts ({', '.join(COLUMNS)}) VALUES ({marks})", rows
            )
    else:
        with store.db.cursor() as cursor:
            copy_sql = f"COPY ledger_forecasts ({', '.join(COLUMNS)}) FROM STDIN"
            with cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
    ledger_store(store).ledger_refresh_sources([f"src:{s}" for s in range(sources)])
    store._run("ANALYZE") if store.backend == "sqlite" else store.db.execute("VACUUM ANALYZE")
    return time.perf_counter() - began


Call = Callable[[Any], object]


def workloads(sources: int, calls: int, seed: int) -> list[tuple[str, list[Call]]]:
    rng = random.Random(seed + 1)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(sources)]
    keys = rng.choices(range(sources), weights=weights, k=calls + WARMUP)
    parts = [_name(rng.randrange(sources)).split()[1][:5] for _ in range(calls + WARMUP)]
    last = START + datetime.timedelta(days=5 * 365)  # the day after the last forecast
    days = [
        (last - datetime.timedelta(days=rng.randrange(1, 91))).isoformat()
        for _ in range(calls + WARMUP)
    ]

    n = calls + WARMUP
    return [
        ("ledger (50 sources, 50 forecasts)", [_report()] * n),
        ("ledger --source KEY", [_report(source=f"src:{k}") for k in keys]),
        ("ledger --source 'part of a name'", [_report(source=p) for p in parts]),
        ("ledger --since (the last 1-90 days)", [_report(since=d) for d in days]),
        ("ledger, open forecasts", [_report(status="open")] * n),
    ]


def _report(**options: str) -> Call:
    return lambda store: ledger_report(store, today=CUTOFF, **options)  # type: ignore[arg-type]


def measure(store: Any, loads: list[tuple[str, list[Call]]]) -> list[tuple[str, list[float]]]:
    found = []
    for name, calls in loads:
        for call in calls[:WARMUP]:
            call(store)
        ms = []
        for call in calls[WARMUP:]:
            began = time.perf_counter()
            call(store)
            ms.append((time.perf_counter() - began) * 1000)
        found.append((name, ms))
        CONSOLE.print(f"{store.backend:9} {name:36} p95 {pct(ms, 0.95):8.1f} ms")
    return found


def pct(ms: list[float], share: float) -> float:
    ordered = sorted(ms)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def run(name: str, args: argparse.Namespace, folder: Path) -> tuple[str, float, list[Any]]:
    loads = workloads(args.sources, args.calls, args.seed)
    if name == "sqlite":
        store = open_store(folder / "ledger.db")
        return _run_on(store, "SQLite " + _version(store), args, loads)
    with postgres_url(args.pg_url) as (url, _):
        store = open_store(url)
        return _run_on(store, "PostgreSQL " + _version(store), args, loads)


def _run_on(
    store: Any, label: str, args: argparse.Namespace, loads: list[tuple[str, list[Call]]]
) -> tuple[str, float, list[Any]]:
    try:
        with CONSOLE.status(f"{label}: building {args.forecasts:,} forecasts"):
            built = build(store, args.forecasts, args.sources, args.seed)
        CONSOLE.print(f"{label}: built in {built:.0f} s")
        return label, built, measure(store, loads)
    finally:
        store.close()


def _version(store: Any) -> str:
    sql = "SELECT sqlite_version() AS v" if store.backend == "sqlite" else "SHOW server_version"
    row = store._one(sql)
    return str(next(iter(row.values())))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forecasts", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--pg-url", default=None, help="A database of yours (else a throwaway server)."
    )
    args = parser.parse_args(argv)
    names = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    title = f"ledger of {args.sources:,} sources, {args.forecasts:,} forecasts"
    header = ("backend", "query", "calls", "p50 ms", "p95 ms", "max ms", f"p95 < {AIM_MS:.0f} ms")
    table = Table(*header, title=title)
    with tempfile.TemporaryDirectory(prefix="watchfloor-ledger-bench-") as tmp:
        for name in names:
            label, built, timings = run(name, args, Path(tmp))
            for query, ms in timings:
                p50, p95 = pct(ms, 0.5), pct(ms, 0.95)
                aim = "yes" if p95 < AIM_MS else "NO"
                table.add_row(label, query, str(len(ms)), f"{p50:.1f}", f"{p95:.1f}",
                              f"{max(ms):.1f}", aim)  # fmt: skip
            table.add_row(label, f"(built in {built:.0f} s)", "", "", "", "", "")
    console = Console(width=140)
    console.print(f"{datetime.date.today()}, {machine()}, Python {platform.python_version()}")
    console.print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
