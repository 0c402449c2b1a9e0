"""The stored summary of a story or an event cluster, recomputed from its members.

Counts are never incremented: each is recomputed from the rows that make it
up, so that filing an article twice, or re-analysing it, cannot inflate them.
Only distinct analysed articles are members; syndicated copies live in the
``copies`` table, produce no facts and so never add a mention, an article or a
source.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from watchfloor.facts.plover import quad_class
from watchfloor.stories.dates import interval
from watchfloor.stories.text import count_outlets

Row = dict[str, Any]


def when(row: Row) -> str:
    """An article's publication date, else the day it was ingested."""
    return str(row.get("published") or row.get("ingested_at") or "")


def event_day(row: Row) -> str:
    """A fact's date: the event date the text gives, else its article's publication day."""
    return str(row.get("date") or when(row)[:10])


def story_fields(members: list[Row]) -> dict[str, Any]:
    """title, first/last publication and counts of a story from its articles."""
    ordered = sorted(members, key=lambda r: (when(r), r["article_id"]))
    first = ordered[0]
    return {
        "title": first.get("title") or first.get("doc_id"),
        "first_published": when(first),
        "last_published": max(when(r) for r in ordered),
        "article_count": len({r["article_id"] for r in ordered}),
        "source_count": count_outlets(_outlets(ordered)),
    }


def cluster_fields(members: list[Row]) -> dict[str, Any]:
    """Everything an event cluster stores, from its member facts."""
    first = min(members, key=_mention_order)
    days = sorted({event_day(r) for r in members}, key=_day_key)
    mentions = {(r["article_id"], r.get("evidence_start") or r["evidence"]) for r in members}
    return {
        "type": str(first["type"]).upper(),
        "mode": _most_common([fact_data(r).get("mode") for r in members]),
        "quad": quad_class(first["type"]),
        "source_actor_id": _most_common([r["source_id"] for r in members], first["source_id"]),
        "target_actor_id": _most_common([r["target_id"] for r in members], first["target_id"]),
        "first_date": days[0],
        "last_date": days[-1],
        "evidence": first["evidence"],
        "fact_id": first["fact_id"],
        "story_id": first.get("story_id"),
        "mention_count": len(mentions),
        "article_count": len({r["article_id"] for r in members}),
        "source_count": count_outlets(_outlets(members)),
    }


def modality(row: Row) -> str:
    """The event fact's modality (asserted unless the fact says otherwise)."""
    return str(fact_data(row).get("modality") or "asserted")


def _outlets(rows: list[Row]) -> list[tuple[str | None, str | None]]:
    by_article = {r["article_id"]: (r.get("source"), r.get("url")) for r in rows}
    return list(by_article.values())


def _mention_order(row: Row) -> tuple[Any, ...]:
    return (_day_key(event_day(row)), when(row), row["fact_id"])


def _day_key(day: str) -> tuple[str, str]:
    span = interval(day)
    return (span[0].isoformat(), day) if span else ("9999", day)


def _most_common(values: list[Any], prefer: Any = None) -> Any:
    """The most frequent non-null value; ``prefer`` wins ties; None when all are null."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    top = max(counts.values())
    if prefer is not None and counts.get(prefer) == top:
        return prefer
    return min(v for v, n in counts.items() if n == top)


def fact_data(row: Row) -> dict[str, Any]:
    """A fact row's data, parsed (an empty dict when it is missing or broken)."""
    raw = row.get("data")
    if isinstance(raw, dict):
        return raw
    try:
        parsed = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}
