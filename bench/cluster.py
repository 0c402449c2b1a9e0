"""The ingest on a Dask cluster: one local worker against two, and what the store costs.

    python bench/cluster.py [--corpus DIR] [--rounds R] [--records N] [--postgres]
                            [--markdown]

The corpus's articles (the bundled Wikinews sample by default; ``--corpus
../shared/data/wikinews/articles`` is the larger one) are written as HTML pages
into one WARC, as a news crawl holds them. Each run starts in a fresh Python
process with a fresh store: ``watchfloor ingest WARC --dask local:N`` (a
LocalCluster of N one-thread worker processes, WARC record ranges of ``--records``
pages), N = 1 and 2, alternating across rounds.

Per run: wall time from the start (cluster start and model loading included) and
*steady* time from the moment every worker had its models loaded to the last
partition filed (the forecast ledger's update after it is its own column, "ledger
s"); articles per second on each; the seconds the filing process spent writing;
CPU per article of the filing, of the whole driver process (client, the local
scheduler and the filing) and of the workers. The ratio of two workers to one is
the median of each round's own ratio of steady articles/s (the runs of one round
are minutes apart). Each round ends with a control: a fixed CPU loop in two
processes against one. Linux shares the CPUs between sessions, not processes, so on
a machine where other sessions are busy the control falls from 2.0 toward 1.0 and
the two-worker ratio with it: read the ratio against the control and the load.

``--postgres`` files into a throwaway PostgreSQL server (tests/pg_server.py) and
adds the store's cost per article: rows, bytes on disk per table with its indexes,
and WAL written. (The de-duplicator keeps no index in memory any more: bench/dedup.py
measures its memory and filing time against the in-memory index it replaced.)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
RUNS = ("local:1", "local:2")
TABLES = ("articles", "copies", "mentions", "facts", "actors", "actor_aliases", "ingestion_log")


def build_warc(corpus: Path, path: Path) -> int:
    """Every JSON article of ``corpus`` as an HTML response record; how many."""
    import io
    from html import escape

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    files = sorted(corpus.glob("*.json"))
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for file in files:
            record = json.loads(file.read_text("utf-8"))
            paras = "".join(f"<p>{escape(p)}</p>" for p in record["text"].split("\n\n") if p)
            title = escape(record.get("title") or "")
            body = (
                f"<html><head><title>{title}</title><meta name='date' "
                f"content='{record.get('published') or ''}'></head><body><article>"
                f"<h1>{title}</h1>{paras}</article></body></html>"
            ).encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
            url = record.get("url") or f"http://bench.test/{file.stem}"
            warc = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(warc)
    return len(files)


# -- one run, in its own process ------------------------------------------------------
def child(run: str, warc: Path, db: str, records: int) -> None:
    from watchfloor.scale.run import ClusterOptions, ingest_on_dask
    from watchfloor.store import open_store

    store = open_store(db)
    wal, server_cpu = _wal(store), _server_cpu(store)
    began = time.perf_counter()
    progress = ingest_on_dask(store, [str(warc)], ClusterOptions(run, records))
    ended = progress.ended or time.perf_counter()
    steady = (progress.filed_at or ended) - (progress.ready or began)
    out = {
        "seconds": ended - began,
        "steady": steady,
        "ledger": ended - (progress.filed_at or ended),
        "articles": progress.summary.ingested,
        "filing": progress.filing_seconds,
        "worker_cpu": progress.worker_cpu_seconds,
        "driver_cpu": progress.driver_cpu_seconds,
        "filing_cpu": progress.filing_cpu_seconds + _server_cpu(store) - server_cpu,
        "partitions": progress.partitions,
        "wal_bytes": None if wal is None else (_wal(store) or 0) - wal,
        "sizes": _sizes(store) if getattr(store, "backend", "") == "postgres" else {},
    }
    store.close()
    print(json.dumps(out))


def _wal(store: Any) -> int | None:
    if getattr(store, "backend", "") != "postgres":
        return None
    row = store._one("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS n")
    return int(row["n"])


def _server_cpu(store: Any) -> float:
    """CPU seconds of this connection's PostgreSQL backend process so far (a local server)."""
    if getattr(store, "backend", "") != "postgres":
        return 0.0
    pid = store._one("SELECT pg_backend_pid() AS pid")["pid"]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _sizes(store: Any) -> dict[str, list[int]]:
    """Rows and bytes on disk (table, indexes and TOAST) of each table."""
    sizes = {}
    for table in TABLES:
        row = store._one(
            f"SELECT count(*) AS n, pg_total_relation_size('{table}') AS bytes FROM {table}"
        )
        sizes[table] = [int(row["n"]), int(row["bytes"])]
    return sizes


def measure(warc: Path, rounds: int, records: int, db_for: Any) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for r in range(rounds):
        order = RUNS if r % 2 == 0 else RUNS[::-1]
        this_round: dict[str, Any] = {}
        for run in order:
            db = db_for(run, r)
            cmd = [
                sys.executable,
                __file__,
                "--child",
                run,
                "--warc",
                str(warc),
                "--db",
                db,
                "--records",
                str(records),
            ]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"{run} failed:\n{done.stderr[-3000:]}")
            this_round[run] = json.loads(done.stdout.strip().splitlines()[-1])
            this_round[run]["load"] = os.getloadavg()[0]
            print(f"round {r + 1} {run}: {this_round[run]['seconds']:.1f} s", file=sys.stderr)
        this_round["control"] = control()
        results.append(this_round)
    return results


def control() -> float:
    """What two processes of this session get done against one, right now: a fixed CPU
    loop, in one process and then in two at once. On an idle 2-CPU machine about 2.0;
    on a shared one Linux shares the CPUs between sessions (autogroups), not processes,
    so while other sessions are busy a second process of this one adds little."""
    loop = "x = 0\nfor i in range(20_000_000):\n    x += i\n"

    def wall(n: int) -> float:
        began = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", loop]) for _ in range(n)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - began

    return 2 * wall(1) / wall(2)


def report(results: list[dict[str, Any]], pages: int, records: int, markdown: bool) -> None:
    head = [
        "run",
        "articles",
        "partitions",
        "wall s",
        "articles/s (wall)",
        "steady s",
        "articles/s (steady)",
        "filing s/article",
        "filing CPU s/article",
        "driver CPU s/article",
        "worker CPU s/article",
        "ledger s",
        "x 1 worker (median)",
    ]
    rows = []
    for run in RUNS:
        best = min((r[run] for r in results), key=lambda x: x["steady"])
        ratio = statistics.median(
            (r[run]["articles"] / r[run]["steady"])
            / (r["local:1"]["articles"] / r["local:1"]["steady"])
            for r in results
        )
        rows.append(
            [
                run,
                best["articles"],
                best["partitions"],
                f"{best['seconds']:.1f}",
                f"{best['articles'] / best['seconds']:.2f}",
                f"{best['steady']:.1f}",
                f"{best['articles'] / best['steady']:.2f}",
                f"{best['filing'] / max(1, best['articles']):.3f}",
                f"{best['filing_cpu'] / max(1, best['articles']):.3f}",
                f"{best.get('driver_cpu', 0.0) / max(1, best['articles']):.3f}",
                f"{best['worker_cpu'] / max(1, best['articles']):.3f}",
                f"{best.get('ledger', 0.0):.1f}",
                f"{ratio:.2f}",
            ]
        )
    print(f"\n{machine()}; {pages} pages, {records} per partition, {len(results)} rounds (best)")
    _table(head, rows, markdown)
    loads = ", ".join(f"{r[run]['load']:.1f}" for r in results for run in RUNS if "load" in r[run])
    controls = [r["control"] for r in results if "control" in r]
    if controls:
        print(
            f"\nload average after each run: {loads}; control, a CPU loop in two processes"
            f" of this session against one, each round: {', '.join(f'{c:.2f}' for c in controls)}"
            f" (median {statistics.median(controls):.2f}; 2.0 on an idle 2-CPU machine)"
        )


def report_store(result: dict[str, Any], markdown: bool) -> None:
    articles = max(1, result["articles"])
    rows = [
        [t, n, f"{n / articles:.1f}", f"{b / articles / 1024:.1f}"]
        for t, (n, b) in result["sizes"].items()
    ]
    total = sum(b for _, b in result["sizes"].values())
    rows.append(["all of these", "", "", f"{total / articles / 1024:.1f}"])
    rows.append(["WAL written", "", "", f"{(result['wal_bytes'] or 0) / articles / 1024:.1f}"])
    print(f"\nPostgreSQL store after {articles} articles (local:2 run)")
    _table(["table", "rows", "rows/article", "KiB/article"], rows, markdown)


def _table(head: list[str], rows: list[list[Any]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in rows:
            print("| " + " | ".join(str(c) for c in row) + " |")
        return
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows, strict=True)]
    for row in [head, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{date.today()}, {cpu}, {os.cpu_count()} CPUs; load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--records", type=int, default=6)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("--warc", type=Path)
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.warc, args.db, args.records)
        return
    with tempfile.TemporaryDirectory() as folder, _database(args.postgres, Path(folder)) as db_for:
        corpus = args.corpus or Path(str(resources.files("watchfloor") / "data" / "sample"))
        warc = Path(folder) / "corpus.warc.gz"
        pages = build_warc(corpus, warc)
        results = measure(warc, args.rounds, args.records, db_for)
        print(json.dumps(results), file=sys.stderr)  # the raw figures, kept whatever follows
        report(results, pages, args.records, args.markdown)
        if args.postgres:
            report_store(results[-1]["local:2"], args.markdown)


class _database:
    """A fresh database per run: a SQLite file, or a schema of a throwaway PostgreSQL."""

    def __init__(self, postgres: bool, folder: Path) -> None:
        self.postgres, self.folder, self.server = postgres, folder, None

    def __enter__(self) -> Any:
        if self.postgres:
            from pg_server import find_bindir, start_server

            bindir = find_bindir()
            if bindir is None:
                raise SystemExit("no PostgreSQL server binaries: run scripts/ensure-postgres.sh")
            self.server = start_server(bindir)
        return self.db_for

    def db_for(self, run: str, round_: int) -> str:
        if self.server is None:
            return str(self.folder / f"{run.replace(':', '')}-{round_}-{random.random()}.db")
        return str(self.server.schema_url(self.server.new_schema()))

    def __exit__(self, *_: object) -> None:
        if self.server is not None:
            from pg_server import stop_server

            stop_server(self.server)


if __name__ == "__main__":
    main()
