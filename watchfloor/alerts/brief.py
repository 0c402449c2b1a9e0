"""The brief's section of alerts: what each watch rule caught in the brief's window."""

from __future__ import annotations

import json
from typing import Any

from watchfloor.brief.model import Item, Link
from watchfloor.store.sql_stories import SQLStories
from watchfloor.stories.text import shorten

CANDIDATES = 500


def rule_alerts(db: SQLStories, since: str | None, until: str, limit: int) -> list[Item]:
    """Alerts with an article published in the window (the brief's window is one of
    publication), grouped by rule, newest first within a rule."""
    list_alerts = getattr(db, "list_alerts", None)
    if list_alerts is None:  # a store that keeps no rules
        return []
    rows = [(r, json.loads(r["payload"])) for r in list_alerts(None, None, CANDIDATES)]
    rows = [(r, p) for r, p in rows if _in_window(r, p, since, until)]
    rows.sort(key=lambda pair: str(pair[0]["rule"]))
    items = []
    for row, payload in rows[:limit]:
        evidence = shorten(payload["evidence"][0], 240) if payload.get("evidence") else ""
        links = tuple(
            Link(
                a.get("url") or "",
                a.get("title") or a.get("url") or "",
                a.get("published"),
                a.get("url"),
            )
            for a in payload.get("articles", [])
        )
        note = f"{row['source_count']} source(s)"
        items.append(Item(f"{row['rule']}: {row['title']}", evidence, note, links))
    return items


def _in_window(row: dict[str, Any], payload: dict[str, Any], since: str | None, until: str) -> bool:
    days = [str(a.get("published") or row["created_at"]) for a in payload.get("articles", [])]
    return any((since is None or day >= since) and day[: len(until)] <= until for day in days)
