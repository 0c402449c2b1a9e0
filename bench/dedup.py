"""Near-duplicate filing, measured: memory of the process and time per article.

    python bench/dedup.py [--articles 20000] [--baseline REV] [--postgres]

Two designs, each in fresh processes on a fresh store, on the same generated articles:

* baseline: the de-duplicator of git revision ``REV`` (by default the one before the
  band keys moved into the store), extracted with ``git archive`` and run from there:
  an in-memory ``datasketch`` MinHashLSH of every stored signature;
* current: this working tree's, whose LSH band keys live in the store
  (``article_bands``) and are looked up in SQL.

One process files ``--articles`` articles through ``service.store_extracted`` (the
function every ingest, the follower and a cluster run file with), one de-duplicator
for its life as the follower keeps. Articles are random word texts of 300 words from
a vocabulary of 3,000; every tenth is a near copy (3 words changed, Jaccard about 0.9)
of an earlier one, so both designs must report the same number of copies. Then a
second process opens the filled store and builds a de-duplicator (a restart).

Columns: resident memory (VmRSS) growth of the filing process over the articles (from
the 100th on), per article; filing time per article (median, 90th percentile, mean:
the ``store_extracted`` call only, not generating or fingerprinting the text); a
restart's time to build its de-duplicator and its memory growth; the store's size on
disk per article (the SQLite file and WAL; on PostgreSQL the schema's tables with
their indexes and TOAST).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "dba240b^"  # the last revision with the in-memory index
VOCABULARY = [f"w{n:04d}" for n in range(3000)]
WORDS = 300
COPY_EVERY = 10


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def texts(count: int) -> Any:
    """The articles' texts, made one at a time (none is kept but the copied ones' words)."""
    rng = random.Random(42)
    originals: list[list[str]] = []
    for n in range(count):
        if n % COPY_EVERY == COPY_EVERY - 1 and originals:
            words = list(rng.choice(originals))
            for k in rng.sample(range(0, WORDS, 15), 3):
                words[k] = f"changed{n}"
        else:
            words = [rng.choice(VOCABULARY) for _ in range(WORDS)]
            if len(originals) < 500:
                originals.append(words)
        yield n, " ".join(words)


def fill(db: str, count: int) -> dict[str, Any]:
    """File ``count`` articles through one de-duplicator, as the follower does."""
    from watchfloor import dedup as module
    from watchfloor.dedup import Deduplicator, fingerprint
    from watchfloor.models import Article, BlockKind, build_blocks
    from watchfloor.service import IngestSummary, Outcome, store_extracted
    from watchfloor.store import open_store

    store = open_store(db)
    dedup = Deduplicator(store)
    summary = IngestSummary()
    seconds: list[float] = []
    copies, before = 0, 0
    for n, text in texts(count):
        if n == 100:  # past the first statements, caches and imports
            before = rss()
        body, blocks = build_blocks([(BlockKind.PARAGRAPH, text)])
        article = Article(doc_id=f"a{n}", origin=f"bench:{n}", text=body, blocks=blocks)
        fp, signature = fingerprint(article.text)
        began = time.perf_counter()
        filed = store_extracted(store, dedup, article, fp, signature, summary)
        seconds.append(time.perf_counter() - began)
        copies += filed.outcome is Outcome.DUPLICATE
    after = rss()
    disk = stored_bytes(store, db)
    store.close()
    seconds.sort()
    return {
        "rss_before": before,
        "rss_after": after,
        "per_article": (after - before) / max(1, count - 100),
        "median_ms": statistics.median(seconds) * 1000,
        "mean_ms": statistics.fmean(seconds) * 1000,
        "p90_ms": seconds[int(len(seconds) * 0.9)] * 1000,
        "disk_per_article": disk / count,
        "copies": copies,
        "code": str(Path(str(module.__file__)).parents[1]),
    }


def stored_bytes(store: Any, db: str) -> int:
    """The store's size on disk: the SQLite file (and its WAL), or the schema's tables
    with their indexes and TOAST on PostgreSQL."""
    if getattr(store, "backend", "") != "postgres":
        return sum(Path(db + end).stat().st_size for end in ("", "-wal") if Path(db + end).exists())
    row = store._one(
        "SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c"
        " JOIN pg_namespace s ON s.oid = c.relnamespace"
        " WHERE s.nspname = current_schema() AND c.relkind = 'r'"
    )
    return int(row["n"] or 0)


def restart(db: str) -> dict[str, Any]:
    """Open the filled store and build a de-duplicator, as a new process does."""
    from watchfloor.dedup import Deduplicator
    from watchfloor.store import open_store

    store = open_store(db)
    before, began = rss(), time.perf_counter()
    dedup = Deduplicator(store)
    seconds, after = time.perf_counter() - began, rss()
    assert dedup is not None
    store.close()
    return {"restart_s": seconds, "restart_mb": (after - before) / 2**20}


def child(code: Path, *args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def extract(revision: str, folder: Path) -> Path:
    """The ``watchfloor`` package as it was at ``revision``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision, "watchfloor"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def measure(name: str, code: Path, db: str, count: int) -> dict[str, Any]:
    print(f"{name}: filing {count} articles ...", file=sys.stderr, flush=True)
    result = {"design": name, **child(code, "--fill", db, "--articles", str(count))}
    result.update(child(code, "--restart", db))
    print(json.dumps(result), file=sys.stderr, flush=True)
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}; load {load}"


def report(rows: list[dict[str, Any]], count: int, backend: str) -> None:
    print(f"\n{count} articles ({count // COPY_EVERY} near copies), {backend}; {machine()}\n")
    head = (
        "| design | RSS growth MB | KB per article | filing ms/article (median / p90 / mean)"
        " | copies found | restart: build s | restart: MB | disk KB/article |"
    )
    print(head)
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        grown = (r["rss_after"] - r["rss_before"]) / 2**20
        print(
            f"| {r['design']} | {grown:.1f} | {r['per_article'] / 1024:.2f}"
            f" | {r['median_ms']:.2f} / {r['p90_ms']:.2f} / {r['mean_ms']:.2f} | {r['copies']}"
            f" | {r['restart_s']:.2f} | {r['restart_mb']:.1f}"
            f" | {r['disk_per_article'] / 1024:.2f} |"
        )
    base, now = rows
    print(
        f"\ncurrent / baseline: memory per article {now['per_article'] / base['per_article']:.3f},"
        f" filing median {now['median_ms'] / base['median_ms']:.2f},"
        f" mean {now['mean_ms'] / base['mean_ms']:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20000)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--fill")
    parser.add_argument("--restart")
    args = parser.parse_args()
    if args.fill:
        print(json.dumps(fill(args.fill, args.articles)))
        return
    if args.restart:
        print(json.dumps(restart(args.restart)))
        return
    with tempfile.TemporaryDirectory() as folder:
        base = extract(args.baseline, Path(folder) / "baseline")
        dbs = _databases(args.postgres, Path(folder))
        try:
            rows = [
                measure(f"baseline ({args.baseline})", base, dbs.url("baseline"), args.articles),
                measure("current", ROOT, dbs.url("current"), args.articles),
            ]
        finally:
            dbs.close()
        report(rows, args.articles, "PostgreSQL" if args.postgres else "SQLite")


class _databases:
    """A SQLite file per design, or a schema of a throwaway PostgreSQL server."""

    def __init__(self, postgres: bool, folder: Path) -> None:
        self.folder, self.server = folder, None
        if postgres:
            sys.path.insert(0, str(ROOT / "tests"))
            from pg_server import find_bindir, start_server

            bindir = find_bindir()
            if bindir is None:
                raise SystemExit("no PostgreSQL server binaries: run scripts/ensure-postgres.sh")
            self.server = start_server(bindir)

    def url(self, name: str) -> str:
        if self.server is None:
            return str(self.folder / f"{name}.db")
        return str(self.server.schema_url(self.server.new_schema()))

    def close(self) -> None:
        if self.server is not None:
            from pg_server import stop_server

            stop_server(self.server)


if __name__ == "__main__":
    main()
