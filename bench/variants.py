"""Spelling-variant look-up of unknown people: the person_names range against a full scan.

    python bench/variants.py [--people N] [--probes P] [--markdown]

Files N unknown people (random two-word names) in a fresh SQLite store, then
times, for P new names, the look-up filing does for a spelling variant already
filed: the index range of ``person_names`` (migration 0008) against the scan of
every actor that was used before it (kept here as the baseline), and checks
that both answer the same. Prints milliseconds per new person and the ratio.
"""

from __future__ import annotations

import argparse
import platform
import random
import string
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from watchfloor.actors.types import DocActor
from watchfloor.store import SQLiteStore
from watchfloor.store.actors import alias_key, same_person

# The look-up before migration 0008: every unknown person's full names of one initial.
SCAN = (
    "SELECT DISTINCT a.id, aa.alias FROM actors a JOIN actor_aliases aa ON aa.actor_id = a.id"
    " WHERE a.type = 'PERSON' AND a.known = 0 AND aa.alias_key LIKE ? ESCAPE '\\'"
    " AND aa.alias LIKE ? ORDER BY a.id, aa.alias"
)


def fill(store: SQLiteStore, names: list[str]) -> None:
    db = store.db
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO actors (id, key, name, type, known) VALUES (?, ?, ?, 'PERSON', 0)",
        [(n, f"person:{n}", name) for n, name in enumerate(names, start=1)],
    )
    db.executemany(
        "INSERT INTO actor_aliases (actor_id, alias, alias_key) VALUES (?, ?, ?)",
        [(n, name, alias_key(name)) for n, name in enumerate(names, start=1)],
    )
    store.refresh_person_names()  # rows written with plain SQL, as a bulk load does
    db.execute("COMMIT")


def scan(store: SQLiteStore, actor: DocActor) -> int | None:
    rows = store._all(SCAN, (alias_key(actor.name)[:1] + "%", "% %"))
    return next((int(r["id"]) for r in rows if same_person(actor.name, r["alias"])), None)


def timed(
    look_up: Callable[[DocActor], int | None], probes: list[DocActor]
) -> tuple[float, list[int | None]]:
    start = time.perf_counter()
    found = [look_up(actor) for actor in probes]
    return (time.perf_counter() - start) * 1000 / len(probes), found


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    rng = random.Random(2026)

    def word() -> str:
        size = rng.randint(3, 9)
        return rng.choice(string.ascii_uppercase) + "".join(
            rng.choice(string.ascii_lowercase) for _ in range(size)
        )

    names = [f"{word()} {word()}" for _ in range(args.people)]
    # half the probes are variants of filed names (one letter dropped), half are new
    probes = [
        DocActor(f"probe:{n}", rng.choice(names)[:-1] if n % 2 else f"{word()} {word()}", "PERSON")
        for n in range(args.probes)
    ]
    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "variants.db")
        fill(store, names)
        scan_ms, scanned = timed(lambda actor: scan(store, actor), probes)
        range_ms, ranged = timed(store._variant_of, probes)
        store.close()
    found = sum(x is not None for x in ranged)
    print(f"# variant look-up, {date.today()}, {platform.processor() or platform.machine()}")
    print(f"# {args.people:,} unknown people filed, {args.probes} new names ({found} variants)")
    rows = [
        ["look-up", "ms per new person", "vs scan"],
        ["scan of every actor (before 0008)", f"{scan_ms:.2f}", "1.00x"],
        ["person_names range (0008)", f"{range_ms:.2f}", f"{scan_ms / range_ms:.1f}x"],
    ]
    if args.markdown:
        print("| " + " | ".join(rows[0]) + " |\n|---|---:|---:|")
    for row in rows[1:] if args.markdown else rows:
        print(("| " + " | ".join(row) + " |") if args.markdown else "  ".join(row))
    print(f"same answers: {scanned == ranged}")
    return 0 if scanned == ranged else 1


if __name__ == "__main__":
    sys.exit(main())
