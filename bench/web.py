"""Dashboard benchmark: the actor page and the map on the synthetic store of bench/query.py.

Builds (or, with ``--cache``, reuses) the SQLite store of a million events that
``bench/query.py`` times the query service on, serves ``watchfloor serve``'s app
with uvicorn on 127.0.0.1 and times, after a warm-up, whole page requests over
loopback (so: the server's time plus one local round trip):

* ``/actor/{key}`` for actors across the popularity range (the busiest ten, and
  the rest evenly over the logarithm of their rank), as bench/query.py picks them;
* ``/map`` unfiltered, and filtered by one PLOVER type, by one actor (as the actor
  page picks them), or by a range of 30 to 365 days (each its own row);
* ``/map/events?country=X`` (the list a click on a country brings).

It reports p50, p95 and the slowest request in milliseconds and the largest page
in bytes (targets: p95 under 300 ms, no page over 2 MB), with the machine.

    .venv/bin/python bench/web.py [--events N] [--cache DIR] [--calls N]
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).parent))
from query import WARMUP, Timing, _profile_names, machine, open_sqlite, sqlite_file
from synthetic import PLOVER_TYPES, Plan

from watchfloor.api import ApiSettings, create_app

MAX_PAGE = 2 * 1024 * 1024


@contextmanager
def serving(database: str) -> Iterator[httpx.Client]:
    app = create_app(ApiSettings(database=database))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(10)


def paths(plan: Plan, calls: int) -> dict[str, list[str]]:
    rng = random.Random(plan.seed + 3)
    keys = {a.name: a.key for a in plan.actors}
    names = _profile_names(rng, [a.name for a in plan.actors], calls + WARMUP)
    countries = sorted({a.country for a in plan.actors[:200] if a.type == "GPE" and a.country})
    maps: dict[str, list[str]] = {"type": [], "actor": [], "dates": []}
    for _ in range(calls + WARMUP):
        start = plan.day(rng.randrange(0, 5 * 365 - 30))
        end = datetime.date.fromisoformat(start) + datetime.timedelta(days=rng.randint(30, 365))
        chosen = {
            "type": {"type": rng.choice(PLOVER_TYPES)},
            "actor": {"actor": rng.choice(names)},
            "dates": {"since": start, "until": end.isoformat()},
        }
        for kind, filters in chosen.items():
            maps[kind].append("/map?" + urlencode(filters))
    return {
        "actor page": [f"/actor/{quote(keys[n], safe='')}" for n in names],
        "map, unfiltered": ["/map"] * (calls // 4 + WARMUP),
        "map, filtered by type": maps["type"],
        "map, filtered by actor": maps["actor"],
        "map, filtered by dates (30 to 365 days)": maps["dates"],
        "map click: a country's events": [
            f"/map/events?country={rng.choice(countries)}" for _ in range(calls + WARMUP)
        ],
    }


def measure(client: httpx.Client, name: str, urls: list[str]) -> tuple[Timing, int]:
    biggest = 0
    for url in urls[:WARMUP]:
        client.get(url)
    timing = Timing("SQLite", name, [])
    for url in urls[WARMUP:]:
        began = time.perf_counter()
        response = client.get(url)
        timing.ms.append(1000 * (time.perf_counter() - began))
        assert response.status_code == 200, (url, response.status_code)
        biggest = max(biggest, len(response.content))
    return timing, biggest


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--cache", type=Path, help="keep (and reuse) the built SQLite file here")
    parser.add_argument("--calls", type=int, default=100, help="timed requests per page kind")
    args = parser.parse_args(argv)
    plan = Plan(args.events, args.seed)
    built = open_sqlite(sqlite_file(args.cache, args.events, args.seed), plan, rebuild=False)
    path = str(built.store.path) if hasattr(built.store, "path") else ""
    built.store.close()
    print(f"# Dashboard pages on {args.events:,} synthetic events ({built.describe()})")
    print(f"# machine: {machine()}")
    print(f"{'page':40} {'calls':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'largest':>10}")
    with serving(path) as client:
        for name, urls in paths(plan, args.calls).items():
            timing, biggest = measure(client, name, urls)
            flag = "" if timing.pct(0.95) < 300 and biggest < MAX_PAGE else "  (over target)"
            print(
                f"{name:40} {len(timing.ms):5} {timing.pct(0.5):8.1f} {timing.pct(0.95):8.1f}"
                f" {max(timing.ms):8.1f} {biggest:10,}{flag}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
