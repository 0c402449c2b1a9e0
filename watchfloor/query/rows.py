"""Rows of :class:`~watchfloor.store.sql_queries.SQLQueries` made into result objects."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from watchfloor.facts.plover import quad_class
from watchfloor.query.results import ActorRef, ArticleRef, Event, Fact, Mention

MAX_MENTIONS = 20  # mentions listed per event (the counts cover them all)


def article_ref(row: dict[str, Any]) -> ArticleRef:
    return ArticleRef(row["doc_id"], row["url"], row["title"], row["published"], row["publisher"])


def actor_ref(row: dict[str, Any], prefix: str) -> ActorRef | None:
    key = row.get(f"{prefix}_key")
    if key is None:
        return None
    return ActorRef(
        str(key), row[f"{prefix}_name"], row[f"{prefix}_type"], row[f"{prefix}_country"]
    )


def _data(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    loaded = json.loads(value) if isinstance(value, str | bytes) else {}
    return loaded if isinstance(loaded, dict) else {}


def fact(row: dict[str, Any]) -> Fact:
    return Fact(
        id=int(row["id"]),
        section=row["section"],
        kind=row["kind"],
        date=row["date"],
        source=actor_ref(row, "source"),
        target=actor_ref(row, "target"),
        evidence=row["evidence"],
        evidence_start=row["evidence_start"],
        evidence_end=row["evidence_end"],
        article=article_ref(row),
        data=_data(row["data"]),
    )


def _mention(row: dict[str, Any]) -> Mention:
    modality = _data(row["data"]).get("modality")
    return Mention(
        fact_id=int(row["id"]),
        date=row["date"] or row["published"],
        modality=modality if isinstance(modality, str) else None,
        evidence=row["evidence"],
        evidence_start=row["evidence_start"],
        evidence_end=row["evidence_end"],
        article=article_ref(row),
    )


def event_id(key: int) -> str:
    """The public id of an event key: ``cluster-N``, or ``fact-N`` for a lone mention."""
    return f"cluster-{key}" if key > 0 else f"fact-{-key}"


def events(keys: Sequence[int], rows: list[dict[str, Any]]) -> list[Event]:
    """Events in the order of ``keys``, from all their mention rows (oldest first)."""
    by_key: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        by_key.setdefault(int(row["event_key"]), []).append(row)
    return [_event(key, by_key[key]) for key in keys if key in by_key]


def _event(key: int, rows: list[dict[str, Any]]) -> Event:
    first = rows[0]
    data = _data(first["data"])
    dates = sorted(d for d in (r["date"] or r["published"] for r in rows) if d)
    mode, modality = data.get("mode"), data.get("modality")
    return Event(
        id=event_id(key),
        type=first["kind"],
        quad=quad_class(first["kind"]),
        mode=mode if isinstance(mode, str) else None,
        modality=modality if isinstance(modality, str) else None,
        source=actor_ref(first, "source"),
        target=actor_ref(first, "target"),
        date=first["date"] or first["published"],
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        evidence=first["evidence"],
        article=article_ref(first),
        mention_count=len(rows),
        article_count=len({r["article_id"] for r in rows}),
        source_count=len({r["publisher"] for r in rows if r["publisher"]}),
        mentions=[_mention(r) for r in rows[:MAX_MENTIONS]],
        data=data,
    )


def type_counts(rows: list[dict[str, Any]]) -> Counter[str]:
    """``n`` per event ``type`` over rows of event_timeline or event_partners."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts[str(row["type"] or "")] += int(row["n"])
    return counts
