"""Query benchmark: latency of the query service on a synthetic store of a million events.

Builds the corpus of ``bench/synthetic.py`` (2,000 actors, one article per ten
events, 300 outlets, five years; quotes, claims, forecasts, watch items,
mentions, event clusters and stories) straight into the real schema: the store
classes create it (so every migration runs), then the rows go in in bulk
(SQLite: ``executemany`` in one transaction; PostgreSQL: ``COPY FROM STDIN``).

Then, on each backend, through the functions of :mod:`watchfloor.query` (the
ones the CLI and the API call), after a warm-up, it times:

* ``actor_profile`` for actors across the popularity range (the ten busiest
  and the rest chosen evenly over the logarithm of their rank), and for the
  ten busiest alone (each in tens of thousands of events);
* ``dyad`` for pairs that share events (drawn event by event, so busy pairs
  come up more often) and for pairs that share none;
* ``search_articles`` for one to three words of the corpus's vocabulary;
* ``list_events`` by PLOVER type, country and a date range of one to twelve months.

and reports p50, p95 and the slowest call in milliseconds (aim: p95 under 50 ms),
with the machine, the backends' versions, build times and database sizes.

    .venv/bin/python bench/query.py [--events N] [--cache DIR] [--backend sqlite|postgres|both]
                                    [--pg-url URL] [--calls N] [--markdown]

``--cache DIR`` keeps the built SQLite file (and, with ``--pg-url``, the built
schema ``bench_<events>_s<seed>_g<generator version>`` stays in that database)
so that the next run skips building; ``--rebuild`` builds anyway. Without
``--pg-url`` a throwaway PostgreSQL server is started (``tests/pg_server.py``;
``scripts/ensure-postgres.sh`` installs the binaries) with 1 GB of
shared_buffers, and the corpus is copied in on each run.

The loader turns off foreign-key checks while it copies (the rows are
consistent, and clusters and facts point at each other), which on PostgreSQL
needs a superuser; PostgreSQL builds its other indexes once the rows are in.
After loading, the store fills the tables it keeps for the queries from the
loaded rows (``refresh_query_tables``, as migration 0006 does on an upgrade:
effective dates, the actors of each fact, events per actor and month and per
pair, actor totals), and both backends gather planner statistics (SQLite
``ANALYZE``, PostgreSQL ``VACUUM ANALYZE``): a bulk load leaves none, while a
store that was upgraded or maintained (autovacuum) has them.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout, uninstalled
sys.path.insert(1, str(ROOT / "tests"))  # pg_server: the throwaway PostgreSQL server

from rich.console import Console  # noqa: E402
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn  # noqa: E402
from rich.table import Table  # noqa: E402
from synthetic import (  # noqa: E402
    COLUMNS,
    EVENTS_PER_ARTICLE,
    GENERATOR_VERSION,
    TOPICS,
    Batch,
    Corpus,
    Plan,
    Row,
    places,
)

from watchfloor.facts.plover import PLOVER_TYPES  # noqa: E402
from watchfloor.query import (  # noqa: E402
    QueryStore,
    actor_profile,
    dyad,
    list_events,
    query_store,
    search_articles,
)
from watchfloor.store import SQLiteStore, Store, open_store  # noqa: E402

if TYPE_CHECKING:
    from pg_server import PgServer
    from psycopg import Connection

AIM_MS = 50.0
PG_SHARED_BUFFERS = "1GB"  # the test server has 32MB; PostgreSQL's advice is a quarter of RAM
WARMUP = 20
BUSIEST = 10
CONSOLE = Console(stderr=True)


# -- building --------------------------------------------------------------------
@dataclass
class Built:
    """One backend's store, ready to query, and how it came to be."""

    backend: str
    store: Store
    version: str
    build_s: float
    cached: bool  # built by an earlier run
    size_bytes: int
    notes: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        when = "an earlier run" if self.cached else "this run"
        size = _mb(self.size_bytes)
        return f"{self.backend} {self.version}: {size}, built in {self.build_s:.0f} s ({when})"


def _load(corpus: Corpus, write: Callable[[str, list[Row]], None], label: str) -> None:
    """Every row of the corpus through ``write``, with a progress bar."""
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=CONSOLE, transient=False) as progress:
        task = progress.add_task(f"{label}: articles", total=corpus.plan.n_articles)
        for done, batch in corpus.batches():
            _write_batch(batch, write)
            progress.advance(task, done)
        tail = progress.add_task(f"{label}: clusters, stories", total=None)
        for batch in corpus.tail():
            _write_batch(batch, write)
            progress.advance(tail, sum(len(rows) for rows in batch.values()))


def _write_batch(batch: Batch, write: Callable[[str, list[Row]], None]) -> None:
    for table, rows in batch.items():
        write(table, rows)


def _quoted(table: str) -> str:
    return ", ".join(f'"{c}"' for c in COLUMNS[table])


# -- SQLite ------------------------------------------------------------------------
def sqlite_file(cache: Path | None, events: int, seed: int) -> Path:
    folder = cache or Path(tempfile.mkdtemp(prefix="watchfloor-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"query-{events}-s{seed}-g{GENERATOR_VERSION}.db"


def open_sqlite(path: Path, plan: Plan, rebuild: bool) -> Built:
    done = path.with_suffix(".json")  # written once the file is complete
    cached = not rebuild and path.exists() and done.exists()
    if not cached:
        for stale in (path, done, *path.parent.glob(path.name + "-*")):
            stale.unlink(missing_ok=True)
        began = time.perf_counter()
        _build_sqlite(path, plan)
        done.write_text(json.dumps({"build_s": time.perf_counter() - began}), "utf-8")
    build_s = float(json.loads(done.read_text("utf-8"))["build_s"])
    CONSOLE.print(f"SQLite: {path}, built in {build_s:.0f} s")
    began = time.perf_counter()
    store = SQLiteStore(path)  # runs any migration newer than the file
    opened = time.perf_counter() - began
    size = _sqlite_size(path)
    built = Built("SQLite", store, sqlite3.sqlite_version, build_s, cached, size)
    if opened > 1:
        built.notes.append(f"SQLite: opening the file (new migrations) took {opened:.1f} s")
    return built


def _build_sqlite(path: Path, plan: Plan) -> None:
    building = path.with_name(path.name + ".building")
    building.unlink(missing_ok=True)
    store = SQLiteStore(building)  # the real schema, every migration
    db = store.db
    db.execute("PRAGMA foreign_keys=OFF")  # clusters and facts point at each other
    db.execute("PRAGMA journal_mode=OFF")  # a half-built file is thrown away anyway
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    db.execute("BEGIN")

    def write(table: str, rows: list[Row]) -> None:
        marks = ", ".join("?" for _ in COLUMNS[table])
        db.executemany(f"INSERT INTO {table} ({_quoted(table)}) VALUES ({marks})", rows)

    _load(Corpus(plan), write, "SQLite")
    with CONSOLE.status("SQLite: the tables kept for the queries, ANALYZE"):
        store.refresh_query_tables()  # rows loaded with plain SQL: as migration 0006 does
        store.refresh_person_names()  # ... and 0008
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode=WAL")  # as the store keeps it
    store.close()
    building.rename(path)


def _sqlite_size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


# -- PostgreSQL --------------------------------------------------------------------
@contextmanager
def postgres_url(given: str | None) -> Iterator[tuple[str, bool]]:
    """(a database URL, whether it is a throwaway server of ours)."""
    if given:
        yield given, False
        return
    from pg_server import INSTALL_HINT, find_bindir, start_server, stop_server

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit(f"PostgreSQL server binaries not found: {INSTALL_HINT}")
    server = start_server(bindir)
    try:
        _tune(server)
        yield server.url, True
    finally:
        stop_server(server)


def _tune(server: PgServer) -> None:
    """The test server's settings, but memory for a database of gigabytes (then a restart)."""
    import psycopg

    assert server.data_dir is not None and server.bindir is not None  # a server we started
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(f"ALTER SYSTEM SET shared_buffers = '{PG_SHARED_BUFFERS}'")
    log = server.data_dir.parent / "log"
    pg_ctl = [*server.run_as, str(server.bindir / "pg_ctl"), "-D", str(server.data_dir)]
    subprocess.run([*pg_ctl, "-l", str(log), "-w", "-t", "120", "restart"],
                   capture_output=True, timeout=180, check=True)  # fmt: skip


def open_postgres(url: str, plan: Plan, rebuild: bool, throwaway: bool) -> Built:
    schema = f"bench_{plan.events}_s{plan.seed}_g{GENERATOR_VERSION}"
    cached = _schema_ready(url, schema, rebuild)
    schema_url = _with_schema(url, schema)
    if not cached:
        began = time.perf_counter()
        _build_postgres(schema_url, plan)
        _execute(
            url, f"COMMENT ON SCHEMA {schema} IS 'built in {time.perf_counter() - began:.0f} s'"
        )
    store = open_store(schema_url)  # runs any migration newer than the schema
    comment = str(_scalar(store, f"SELECT obj_description('{schema}'::regnamespace)"))
    CONSOLE.print(f"PostgreSQL: schema {schema}, {comment}")
    version = str(_scalar(store, "SHOW server_version"))
    size = int(_scalar(store, _SCHEMA_SIZE) or 0)
    built = Built("PostgreSQL", store, version, float(comment.split()[2]), cached, size)
    if throwaway:
        buffers = _scalar(store, "SHOW shared_buffers")
        built.notes.append(f"PostgreSQL: tests/pg_server.py's server, shared_buffers {buffers}")
    return built


def _schema_ready(url: str, schema: str, rebuild: bool) -> bool:
    """Whether an earlier run built the schema; if not, it is made empty."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        row = admin.execute(
            "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
            (schema,),
        ).fetchone()
        if not rebuild and row is not None and str(row[0]).startswith("built in "):
            return True
        admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.execute(f"CREATE SCHEMA {schema}")
    return False


def _execute(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.encode())


_SCHEMA_SIZE = (
    "SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c"
    " JOIN pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')"
)


def _scalar(store: Store, sql: str) -> Any:
    row = store.db.execute(sql).fetchone()  # type: ignore[attr-defined]
    return None if row is None else next(iter(row.values()))


def _with_schema(url: str, schema: str) -> str:
    from urllib.parse import quote

    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}', safe='')}"


def _build_postgres(url: str, plan: Plan) -> None:
    store = open_store(url)  # the real schema, every migration
    db = store.db  # type: ignore[attr-defined]
    with db.transaction():
        db.execute("SET LOCAL session_replication_role = replica")  # no FK checks (superuser)
        db.execute("SET LOCAL maintenance_work_mem = '512MB'")
        indexes = _drop_indexes(db)  # built again once the rows are in: faster
        with db.cursor() as cursor:

            def write(table: str, rows: list[Row]) -> None:
                with cursor.copy(f"COPY {table} ({_quoted(table)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

            _load(Corpus(plan), write, "PostgreSQL")
        with CONSOLE.status("PostgreSQL: the tables kept for the queries"):
            store.refresh_query_tables()  # rows loaded with plain SQL: as migration 0006 does
            store.refresh_person_names()  # ... and 0008
        with CONSOLE.status(f"PostgreSQL: {len(indexes)} indexes"):
            for definition in indexes:
                db.execute(definition)
        _reset_sequences(db)
    with CONSOLE.status("PostgreSQL: VACUUM ANALYZE"):
        db.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    store.close()


def _drop_indexes(db: Connection[Any]) -> list[str]:
    """Drop the schema's indexes but those of keys and constraints; their definitions."""
    found = db.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
        " AND indexname NOT IN (SELECT conname FROM pg_constraint)"
    ).fetchall()
    for row in found:
        db.execute(f'DROP INDEX "{row["indexname"]}"')
    return [row["indexdef"] for row in found]


def _reset_sequences(db: Connection[Any]) -> None:
    """Identity columns go on after the ids copied in."""
    for table, columns in COLUMNS.items():
        if columns[0] == "id":
            db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
            )


# -- the workload --------------------------------------------------------------------
@dataclass(frozen=True)
class Workload:
    name: str
    call: Callable[[QueryStore, Any], object]
    warmup: list[Any]
    timed: list[Any]


def _profile(store: QueryStore, name: str) -> object:
    found = actor_profile(store, name)
    if found is None:
        raise LookupError(f"no profile for {name!r}")
    return found


def _dyad(store: QueryStore, pair: tuple[str, str]) -> object:
    found = dyad(store, *pair)
    if found is None:
        raise LookupError(f"no dyad for {pair!r}")
    return found


def _search(store: QueryStore, words: str) -> object:
    return search_articles(store, words)


def _events(store: QueryStore, args: tuple[str, str, str, str]) -> object:
    type_, country, since, until = args
    return list_events(store, type=type_, country=country, since=since, until=until)


def workloads(plan: Plan, calls: int) -> list[Workload]:
    rng = random.Random(plan.seed + 2)
    names = [a.name for a in plan.actors]
    return [
        _split("actor profile", _profile, _profile_names(rng, names, calls + WARMUP)),
        Workload("actor profile, 10 busiest", _profile, names[:BUSIEST], names[:BUSIEST] * 3),
        _split("dyad, pairs with events", _dyad, _sharing(rng, plan, calls + WARMUP)),
        _split("dyad, pairs without", _dyad, _strangers(rng, plan, max(1, calls // 4) + WARMUP)),
        _split("search articles", _search, _search_words(rng, plan, calls + WARMUP)),
        _split("list events (type, country, dates)", _events, _filters(rng, plan, calls + WARMUP)),
    ]


def _split(name: str, call: Callable[[QueryStore, Any], object], args: list[Any]) -> Workload:
    return Workload(name, call, args[:WARMUP], args[WARMUP:])


def _profile_names(rng: random.Random, names: list[str], count: int) -> list[str]:
    """The busiest actors, then ranks evenly spread over their logarithm."""
    ranks: list[int] = list(range(BUSIEST))
    while len(ranks) < min(count, len(names)):
        rank = int(math.exp(rng.uniform(math.log(BUSIEST), math.log(len(names)))))
        if rank not in ranks:
            ranks.append(rank)
    chosen = [names[r] for r in ranks]
    rng.shuffle(chosen)
    return chosen


def _sharing(rng: random.Random, plan: Plan, count: int) -> list[tuple[str, str]]:
    both = [
        w for w in range(len(plan.w_reports)) if plan.w_source[w] >= 0 and plan.w_target[w] >= 0
    ]
    events = rng.sample(both, count)
    names = plan.actors
    return [(names[plan.w_source[w]].name, names[plan.w_target[w]].name) for w in events]


def _strangers(rng: random.Random, plan: Plan, count: int) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    n = len(plan.actors)
    while len(found) < count:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b and (a, b) not in plan.pairs:
            found.append((plan.actors[a].name, plan.actors[b].name))
    return found


def _search_words(rng: random.Random, plan: Plan, count: int) -> list[str]:
    """One to three words, as people search: a topic's, a place, a surname, a verb."""
    verbs = ("sanctions", "talks", "protest", "accused", "ceasefire", "troops", "aid", "vote")
    surnames = sorted({a.name.split()[-1] for a in plan.actors if a.type == "PERSON"})
    towns = sorted({p for p in places() if " " not in p})
    found = []
    for _ in range(count):
        words = rng.choice(TOPICS).split()[: rng.choice((1, 2, 2, 3))]  # "grain", "grain exports"
        if rng.random() < 0.4:
            words.append(rng.choice((*verbs, *surnames, *towns)))
        found.append(" ".join(words))
    return found


def _filters(rng: random.Random, plan: Plan, count: int) -> list[tuple[str, str, str, str]]:
    countries = sorted({a.country for a in plan.actors[:200] if a.type == "GPE" and a.country})
    found = []
    for _ in range(count):
        start = plan.day(rng.randrange(0, 5 * 365 - 30))
        days = rng.randint(30, 365)
        end = (datetime.date.fromisoformat(start) + datetime.timedelta(days=days)).isoformat()
        found.append((rng.choice(PLOVER_TYPES), rng.choice(countries), start, end))
    return found


# -- timing ------------------------------------------------------------------------
@dataclass
class Timing:
    backend: str
    query: str
    ms: list[float]

    def pct(self, share: float) -> float:
        ordered = sorted(self.ms)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(built: Built, loads: list[Workload]) -> list[Timing]:
    store = query_store(built.store)
    built.rows = store.counts()
    found = []
    for load in loads:
        for args in load.warmup:
            load.call(store, args)
        ms = []
        with CONSOLE.status(f"{built.backend}: {load.name}"):
            for args in load.timed:
                began = time.perf_counter()
                load.call(store, args)
                ms.append((time.perf_counter() - began) * 1000)
        found.append(Timing(built.backend, load.name, ms))
        CONSOLE.print(f"{built.backend:10} {load.name:36} p95 {found[-1].pct(0.95):8.1f} ms")
    return found


# -- the report ----------------------------------------------------------------------
def machine() -> str:
    model = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model}, {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}"


def _mb(size: int) -> str:
    return f"{size / 1e6:,.0f} MB"


def report(plan: Plan, built: list[Built], timings: list[Timing], markdown: bool) -> None:
    head = [
        f"{datetime.date.today()}, {machine()}, Python {platform.python_version()}",
        _corpus(plan, built),
        *(b.describe() for b in built),
    ]
    rows = [
        (t.backend, t.query, str(len(t.ms)), f"{t.pct(0.5):.1f}", f"{t.pct(0.95):.1f}",
         f"{max(t.ms):.1f}", "yes" if t.pct(0.95) < AIM_MS else "NO")
        for t in timings
    ]  # fmt: skip
    header = ("backend", "query", "calls", "p50 ms", "p95 ms", "max ms", f"p95 < {AIM_MS:.0f} ms")
    notes = [n for b in built for n in b.notes]
    if markdown:
        _print_markdown(head, header, rows, notes)
        return
    table = Table(title="Query latency\n" + "\n".join(head), title_justify="left")
    for n, name in enumerate(header):
        table.add_column(name, justify="right" if 2 <= n <= 5 else "left")
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    for note in notes:
        Console().print(note)


def _corpus(plan: Plan, built: list[Built]) -> str:
    counts = built[0].rows if built else {}
    shown = ", ".join(
        f"{counts[k]:,} {k}" for k in ("articles", "facts", "mentions") if k in counts
    )
    return f"{plan.events:,} events, {len(plan.actors):,} actors; {shown} (seed {plan.seed})"


def _print_markdown(
    head: list[str], header: tuple[str, ...], rows: list[Any], notes: list[str]
) -> None:
    print("\n".join(f"{line}  " for line in head) + "\n")
    print("| " + " | ".join(header) + " |")
    print("|---|---|---:|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    for note in notes:
        print(f"\n{note}")


# -- main ----------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cache", type=Path, help="keep the built SQLite file here")
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--pg-url", help="a PostgreSQL database of yours (superuser)")
    parser.add_argument("--calls", type=int, default=200, help="timed calls per query")
    parser.add_argument("--rebuild", action="store_true", help="build even if cached")
    parser.add_argument("--markdown", action="store_true", help="the table as Markdown")
    args = parser.parse_args(argv)
    if args.calls < 1 or args.events < EVENTS_PER_ARTICLE:
        parser.error(f"--calls must be at least 1 and --events at least {EVENTS_PER_ARTICLE}")
    return args


def run_backend(name: str, args: argparse.Namespace, plan: Plan) -> tuple[Built, list[Timing]]:
    loads = workloads(plan, args.calls)
    if name == "sqlite":
        path = sqlite_file(args.cache, args.events, args.seed)
        built = open_sqlite(path, plan, args.rebuild)
        try:
            return built, measure(built, loads)
        finally:
            built.store.close()
            if args.cache is None:
                shutil.rmtree(path.parent, ignore_errors=True)
    with postgres_url(args.pg_url) as (url, throwaway):
        built = open_postgres(url, plan, args.rebuild, throwaway)
        try:
            return built, measure(built, loads)
        finally:
            built.store.close()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    plan = Plan(args.events, args.seed)
    CONSOLE.print(f"plan of {args.events:,} events in {time.perf_counter() - began:.1f} s")
    names = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    built, timings = [], []
    for name in names:
        one, found = run_backend(name, args, plan)
        built.append(one)
        timings.extend(found)
    report(plan, built, timings, args.markdown)
    CONSOLE.print(f"total {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
