"""Event-coding benchmark: watchfloor's events against the PLOVER gold standard records.

``../shared/data/plover-gsr/PLOVER_GSR_CAMEO.json`` holds 322 sentences, each
hand-coded with one PLOVER event type and source/target actors as country
codes (see its README). Each sentence goes through the whole engine as a
one-paragraph article; its PLOVER 0.5 label is mapped to today's 16 types
(DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).

Reported, as a table:

* type accuracy over all records: some event found has the gold type;
* type accuracy where the engine finds the gold actors: over the records where
  one event has a source (or target) whose country is a gold source (target)
  code, the share whose event has the gold type;
* source and target country accuracy: over the records with gold codes, the
  share where some event's source (target) actor has one of them.

A measurement to steer the cue lexicon, not a source of per-sentence rules.

    .venv/bin/python bench/plover.py [--data FILE] [--limit N] [--show-misses]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout, uninstalled

from watchfloor.analysis import AnalysedArticle, load_analyser
from watchfloor.models import Article, BlockKind, build_blocks

DEFAULT_DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
)
LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    type: str
    sources: frozenset[str]
    targets: frozenset[str]


@dataclass
class Outcome:
    type_hit: bool
    actors_found: bool  # an event carries a gold source or target country
    type_hit_with_actors: bool
    source_hit: bool | None  # None where the record has no source codes
    target_hit: bool | None


def codes(field: Any) -> frozenset[str]:
    if not isinstance(field, list):
        return frozenset()
    return frozenset(a["code"] for a in field if isinstance(a, dict) and a.get("code"))


def read_records(path: Path) -> list[Record]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [
        Record(
            r["id"],
            r["text"],
            LABELS.get(r["event"], r["event"]),
            codes(r.get("source")),
            codes(r.get("target")),
        )
        for r in raw
        if r.get("event") != "DOCUMENT" and r.get("text")
    ]


def analyse(records: list[Record]) -> list[AnalysedArticle]:
    articles = []
    for record in records:
        text, blocks = build_blocks([(BlockKind.PARAGRAPH, record.text)])
        articles.append(Article(doc_id=record.id, origin=record.id, text=text, blocks=blocks))
    return list(load_analyser().analyse_many(articles))


def outcome(record: Record, analysed: AnalysedArticle) -> Outcome:
    ids = analysed.actor_ids()
    country = {ids[a.key]: a.country for a in analysed.actors}
    events = analysed.facts.get("events", [])
    src = [country.get(e["source"]) in record.sources for e in events]
    tgt = [country.get(e["target"]) in record.targets for e in events]
    with_actors = [e for e, s, t in zip(events, src, tgt, strict=True) if s or t]
    return Outcome(
        type_hit=any(e["type"] == record.type for e in events),
        actors_found=bool(with_actors),
        type_hit_with_actors=any(e["type"] == record.type for e in with_actors),
        source_hit=any(src) if record.sources else None,
        target_hit=any(tgt) if record.targets else None,
    )


def share(flags: list[bool]) -> str:
    return f"{sum(flags) / len(flags):.3f} ({sum(flags)}/{len(flags)})" if flags else "-"


def table(outcomes: list[Outcome]) -> list[tuple[str, str]]:
    found = [o for o in outcomes if o.actors_found]
    return [
        ("records", str(len(outcomes))),
        ("type accuracy, all records", share([o.type_hit for o in outcomes])),
        ("records where gold actors are found", share([o.actors_found for o in outcomes])),
        (
            "type accuracy where gold actors are found",
            share([o.type_hit_with_actors for o in found]),
        ),
        (
            "source country accuracy",
            share([o.source_hit for o in outcomes if o.source_hit is not None]),
        ),
        (
            "target country accuracy",
            share([o.target_hit for o in outcomes if o.target_hit is not None]),
        ),
    ]


def show_misses(
    records: list[Record], analysed: list[AnalysedArticle], outcomes: list[Outcome]
) -> None:
    for record, result, out in zip(records, analysed, outcomes, strict=True):
        if out.actors_found and not out.type_hit_with_actors:
            found = [f"{e['type']}[{e['trigger']}]" for e in result.facts.get("events", [])]
            print(f"{record.type:10} {' '.join(found):40} {record.text[:110]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"no PLOVER gold records at {args.data} (pass --data)", file=sys.stderr)
        return 2
    records = read_records(args.data)[: args.limit or None]
    analysed = analyse(records)
    outcomes = [outcome(r, a) for r, a in zip(records, analysed, strict=True)]
    if args.show_misses:
        show_misses(records, analysed, outcomes)
    rows = table(outcomes)
    width = max(len(name) for name, _ in rows)
    print(f"| {'PLOVER-GSR'.ljust(width)} | value |\n|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    print(
        f"\n{datetime.date.today().isoformat()} · {platform.platform()} · "
        f"{platform.processor() or platform.machine()} · {os.cpu_count()} CPUs · "
        f"Python {platform.python_version()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
