"""The follower, measured on a local feed server: alert latency, SIGKILLs, memory.

    python bench/follow.py latency [--feeds 200] [--every 20] [--window 120]
    python bench/follow.py kills [--kills 20] [--articles 30]
    python bench/follow.py soak [--minutes 120] [--feeds 50] [--every 10]

Every run starts ``watchfloor follow`` as a real subprocess on a fresh SQLite file,
with news sites on tests/loopback_server.py (127.0.0.1 only) and a webhook receiver
that checks each signature (tests/follow_sites.py). Articles are generated: each
reports one country sanctioning another (a distinct pair, so a distinct merged
event) among filler sentences drawn at random, and the one rule fires on SANCTION.

latency: once every feed has been polled, one new item appears on each feed at a
random moment of the window; the latency of an item is the time from its appearing
to its webhook arriving. Target (issue 16): median < 2 x polling interval + the
analysis time of one article (measured here, in-process, on the same articles).
kills: ``--kills`` SIGKILLs at random moments, then a run to the end; every alert
must reach the receiver (by idempotency key) and none twice under different keys.
soak: the follower's resident memory, sampled every 5 s while items keep coming.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from follow_sites import NewsSite, WebhookReceiver, receiver
from loopback_server import LoopbackServer, serve

from watchfloor.alerts.rules import add_rule, new_rule
from watchfloor.models import Page, PageKind
from watchfloor.store import SQLiteStore

SECRET = "bench-secret-" + "b" * 20
COUNTRIES = [
    "France",
    "Germany",
    "Japan",
    "Canada",
    "Brazil",
    "India",
    "Turkey",
    "Egypt",
    "Kenya",
    "Mexico",
    "Spain",
    "Italy",
    "Poland",
    "Sweden",
    "Norway",
    "Chile",
    "Peru",
    "Vietnam",
    "Indonesia",
    "Australia",
    "Argentina",
    "Nigeria",
]
CITIES = [
    "Lyon",
    "Osaka",
    "Quebec",
    "Recife",
    "Pune",
    "Izmir",
    "Giza",
    "Mombasa",
    "Monterrey",
    "Seville",
    "Turin",
    "Gdansk",
]
THINGS = ["ports", "schools", "bridges", "farms", "factories", "clinics", "railways", "markets"]
GROUPS = ["engineers", "teachers", "farmers", "nurses", "traders", "students", "pilots", "miners"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(index: int, rng: random.Random) -> tuple[str, str]:
    """A title and text: country A sanctions country B (pair ``index``), plus filler."""
    pairs = [(a, b) for a in COUNTRIES for b in COUNTRIES if a != b]
    source, target = pairs[index % len(pairs)]
    lines = [
        f"{source} imposed new sanctions on {target} on {rng.choice(DAYS)} over a dispute about "
        f"{rng.choice(THINGS)}, officials in the capital said."
    ]
    for _ in range(3):
        lines.append(
            f"In {rng.choice(CITIES)}, {rng.randint(20, 900)} {rng.choice(GROUPS)} inspected "
            f"{rng.randint(2, 60)} {rng.choice(THINGS)} on {rng.choice(DAYS)}, and "
            f"{rng.randint(3, 90)} {rng.choice(GROUPS)} asked for new {rng.choice(THINGS)}."
        )
    return f"{source} sanctions {target} ({index})", "\n\n".join(lines)


def start_follower(db: Path, sources: Path, every: float, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from watchfloor.cli import app; app()", "follow"]
    args = [str(sources), "--db", str(db), "--every", f"{every}s", "--per-host-delay", "0"]
    with log.open("ab") as out:
        return subprocess.Popen(
            [*command, *args, "--allow-private", "--retry-after", "0.5", "--max-new", "50"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@contextmanager
def bench_setup(
    feeds: int,
) -> Iterator[tuple[Path, LoopbackServer, list[NewsSite], WebhookReceiver]]:
    with tempfile.TemporaryDirectory() as folder, serve() as server, receiver(SECRET) as hook:
        db = Path(folder) / "follow.db"
        store = SQLiteStore(db)
        rule = new_rule("sanctions", types=["SANCTION"], webhook=hook.url, webhook_secret=SECRET)
        add_rule(store, rule)
        store.close()
        sites = [NewsSite(server, f"f{i}", f"Outlet {i}") for i in range(feeds)]
        (Path(folder) / "sources.txt").write_text("\n".join(s.feed_url for s in sites) + "\n")
        yield Path(folder), server, sites, hook


def query(db: Path, sql: str) -> list[dict[str, object]]:
    store = SQLiteStore(db)
    try:
        return store._all(sql)
    finally:
        store.close()


def analysis_seconds(samples: int = 12) -> float:
    """Median seconds to ingest, analyse and file one generated article, in-process."""
    from watchfloor.service import analyse_stored, ingest_pages

    rng = random.Random(7)
    store = SQLiteStore(":memory:")
    analyse_stored(store)  # load the models first
    times = []
    for index in range(samples):
        title, text = article(1000 + index, rng)
        page = Page(f"bench:{index}", PageKind.RECORD, text, title=title, source=f"S{index}")
        started = time.perf_counter()
        ingest_pages(store, [page])
        analyse_stored(store, batch_size=1)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def wait_for(condition: object, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def latency(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    with bench_setup(args.feeds) as (folder, _server, sites, hook):
        db, log = folder / "follow.db", folder / "follow.log"
        process = start_follower(db, folder / "sources.txt", args.every, log)
        try:
            polled = "SELECT count(*) AS n FROM follow_sources WHERE polls > 0"
            assert wait_for(lambda: query(db, polled)[0]["n"] == args.feeds, 600), "first round"
            appeared: dict[str, float] = {}
            plan = sorted((rng.uniform(0, args.window), i) for i in range(args.feeds))
            started = time.time()
            for offset, index in plan:
                time.sleep(max(0.0, started + offset - time.time()))
                url = sites[index].publish(f"a{index}", *article(index, rng))
                appeared[url] = time.time()
            arrived = wait_for(lambda: len(hook.deliveries) >= args.feeds, args.window * 4 + 600)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=120)
    latencies = sorted(
        d.at - appeared[d.body["articles"][0]["url"]]
        for d in hook.deliveries
        if d.body["articles"] and d.body["articles"][0]["url"] in appeared
    )
    analysis = analysis_seconds()
    target = 2 * args.every + analysis
    median = statistics.median(latencies) if latencies else float("nan")
    machine()
    print(f"feeds {args.feeds}, polling every {args.every:g} s, items over {args.window:g} s")
    print("| measure | seconds |\n| --- | ---: |")
    print(
        f"| items delivered | {len(latencies)} of {args.feeds}{'' if arrived else ' (timed out)'} |"
    )
    for name, value in (
        ("median latency", median),
        ("90th percentile", latencies[int(len(latencies) * 0.9)] if latencies else float("nan")),
        ("max", latencies[-1] if latencies else float("nan")),
        ("analysis of one article (median)", analysis),
        ("target: 2 x interval + analysis", target),
    ):
        print(f"| {name} | {value:.2f} |")
    print(f"| median / target | {median / target:.2f} |")


def kills(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    with bench_setup(4) as (folder, _server, sites, hook):
        hook.fail_first = 2
        db, log, listing = folder / "follow.db", folder / "follow.log", folder / "sources.txt"
        for index in range(args.articles):
            sites[index % len(sites)].publish(f"a{index}", *article(index, rng), delay=0.2)
        landed = []
        for _ in range(args.kills):
            before = len(query(db, "SELECT id FROM articles"))
            process = start_follower(db, listing, 1.0, log)
            # once it is at work (a new article stored), a random moment later
            wait_for(lambda n=before: len(query(db, "SELECT id FROM articles")) > n, 60)
            time.sleep(rng.uniform(0.0, 3.0))
            process.kill()
            process.wait(timeout=60)
            landed.append(query(db, "SELECT count(*) AS n FROM alerts")[0]["n"])
        process = start_follower(db, listing, 1.0, log)
        try:
            done = "SELECT count(*) AS n FROM alert_outbox WHERE status <> 'sent'"
            wait_for(
                lambda: (
                    query(db, done)[0]["n"] == 0
                    and len(query(db, "SELECT id FROM articles")) == args.articles
                ),
                900,
            )
            time.sleep(3)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=120)
        keys = {str(r["key"]) for r in query(db, "SELECT key FROM alerts")}
        seen = [d.delivery_id for d in hook.deliveries]
        subjects = query(db, "SELECT count(DISTINCT subject) AS n FROM alerts")[0]["n"]
    machine()
    print(f"{args.kills} SIGKILLs of watchfloor follow, {args.articles} articles")
    print("| measure | count |\n| --- | ---: |")
    for name, value in (
        ("alerts stored", len(keys)),
        ("distinct merged events alerted", subjects),
        ("alerts delivered (by key)", len(keys & set(seen))),
        ("alerts lost", len(keys - set(seen))),
        ("deliveries under a key not stored", len(set(seen) - keys)),
        ("repeat POSTs of a key (dropped by the receiver)", len(seen) - len(set(seen))),
        ("kills that landed after some alert was stored", sum(1 for n in landed if n)),
        (
            "kills that landed before all alerts were stored",
            sum(1 for n in landed if n < len(keys)),
        ),
    ):
        print(f"| {name} | {value} |")


def soak(args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    samples: list[float] = []
    with bench_setup(args.feeds) as (folder, _server, sites, hook):
        db, log = folder / "follow.db", folder / "follow.log"
        process = start_follower(db, folder / "sources.txt", args.every, log)
        stop = threading.Event()
        published = 0
        try:
            end = time.time() + args.minutes * 60
            while time.time() < end:
                site = rng.choice(sites)
                site.publish(f"a{published}", *article(published, rng))
                published += 1
                samples.append(rss_mb(process.pid))
                if len(samples) % 60 == 0:  # progress, every 5 minutes
                    minutes = len(samples) * 5 / 60
                    print(f"{minutes:.0f} min: {published} items, {samples[-1]:.0f} MB", flush=True)
                stop.wait(5.0)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=120)
        delivered = len({d.delivery_id for d in hook.deliveries})
    machine()
    print(
        f"soak: {args.minutes:g} min, {args.feeds} feeds every {args.every:g} s, "
        f"{published} items, {delivered} alerts delivered"
    )
    samples = [mb for mb in samples if mb > 0] or [0.0]  # none before the process runs
    print("| resident memory of the follower | MB |\n| --- | ---: |")
    for share in (0.25, 0.5, 0.75, 1.0):
        at = samples[min(len(samples) - 1, int(len(samples) * share))]
        print(f"| after {share * args.minutes:g} min | {at:.0f} |")
    print(f"| max | {max(samples):.0f} |\n| limit (issue 16) | 600 |")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def machine() -> None:
    load = os.getloadavg()[0]
    print(
        f"\nmachine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load {load:.1f} when done"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    one = sub.add_parser("latency")
    one.add_argument("--feeds", type=int, default=200)
    one.add_argument("--every", type=float, default=20.0)
    one.add_argument("--window", type=float, default=120.0)
    two = sub.add_parser("kills")
    two.add_argument("--kills", type=int, default=20)
    two.add_argument("--articles", type=int, default=30)
    three = sub.add_parser("soak")
    three.add_argument("--minutes", type=float, default=120.0)
    three.add_argument("--feeds", type=int, default=50)
    three.add_argument("--every", type=float, default=10.0)
    for each in (one, two, three):
        each.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    {"latency": latency, "kills": kills, "soak": soak}[args.mode](args)


if __name__ == "__main__":
    main()
