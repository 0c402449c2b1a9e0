"""How many events are placed on the map: the share resolved to coordinates.

    python bench/places.py [--shared ../shared] [--sets dev train] [--misses]

Every gold file's input (``gold/<set>/*.json``, read as ``watchfloor eval`` reads
it) is analysed; the gold does not mark locations, so the check is on the
engine's own events. Per set it prints:

- events: all events found;
- named: events whose evidence sentence names a place (a GPE, LOC or FAC entity
  of the NLP stage inside the evidence span) — the issue's denominator;
- located: of those, the events with a ``location`` (an in/at/near phrase);
- coords: of those named, the events with coordinates (``location_lat``);
- resolved/located: of the events with a ``location``, the share with coordinates.

``--misses`` lists the location names the gazetteer did not resolve.
"""

from __future__ import annotations

import argparse
import platform
from collections import Counter
from pathlib import Path
from typing import Any

from watchfloor.analysis import AnalysedArticle, load_analyser
from watchfloor.evaluation.runner import article_for, load_gold
from watchfloor.models import Article, SkipError

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _articles(folder: Path, root: Path) -> list[Article]:
    found: list[Article] = []
    for gold in load_gold(folder):
        try:
            found.append(article_for(gold["doc_id"], root / gold["input"]))
        except (SkipError, LookupError) as exc:
            print(f"skipped {gold['doc_id']}: {exc}")
    return found


def _names_place(analysed: AnalysedArticle, event: dict[str, Any]) -> bool:
    start, end = event.get("evidence_start"), event.get("evidence_end")
    if start is None or end is None:
        return False
    ents = analysed.doc.token_table.ents
    return any(e.label_ in PLACE_LABELS and start <= e.start_char < end for e in ents)


def tally(analysed: list[AnalysedArticle], misses: Counter[str]) -> dict[str, int]:
    counts = Counter[str]()
    for one in analysed:
        for event in one.facts.get("events", []):
            counts["events"] += 1
            named = _names_place(one, event)
            has_coords = event.get("location_lat") is not None
            if event.get("location"):
                counts["located"] += 1
                counts["resolved"] += has_coords
                if not has_coords:
                    misses[str(event["location"])] += 1
            if named:
                counts["named"] += 1
                counts["named_located"] += bool(event.get("location"))
                counts["coords"] += has_coords
    return dict(counts)


def _share(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--sets", nargs="+", default=["dev", "train"])
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    analyser = load_analyser()
    print(f"machine: {platform.machine()} {platform.system()}, Python {platform.python_version()}")
    print("| set | events | named a place | located (of named) | coords (of named) "
          "| coords / located |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    misses = Counter[str]()
    for name in args.sets:
        folder = args.shared / "gold" / name
        analysed = list(analyser.analyse_many(_articles(folder, args.shared)))
        c = Counter(tally(analysed, misses))
        print(
            f"| {name} | {c['events']} | {c['named']} | {_share(c['named_located'], c['named'])}"
            f" | {_share(c['coords'], c['named'])} | {_share(c['resolved'], c['located'])} |"
        )
    if args.misses:
        print("not resolved:", ", ".join(f"{n} ({k})" for n, k in misses.most_common()))


if __name__ == "__main__":
    main()
