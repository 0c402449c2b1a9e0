"""The brief's section of alerts: what each watch rule caught since the last brief.

A brief that is not a preview leaves a mark (store/sql_briefs.py); the next one lists
the alerts fired after it, whatever its window. The first brief of a store, and a
store that keeps no marks, list the alerts with an article published in the window.
"""

from __future__ import annotations

import json
from typing import Any

from watchfloor.brief.model import Item, Link, Section
from watchfloor.brief.window import Window
from watchfloor.store.sql_briefs import SQLBriefMarks
from watchfloor.store.sql_stories import SQLStories
from watchfloor.stories.text import shorten

CANDIDATES = 500
TITLE = "Caught by watch rules"
Row = dict[str, Any]


def caught_section(
    db: SQLStories, window: Window, limit: int, mark: Row | None, up_to: int
) -> Section:
    """The alerts fired after ``mark`` up to alert id ``up_to`` (no mark: in the window)."""
    if mark is None or not isinstance(db, SQLBriefMarks):
        items = rule_alerts(db, window.since, window.until, limit)
        return Section(TITLE, "No watch rule fired in this window.", tuple(items))
    rows = db.alerts_after_mark(mark, up_to, limit)
    return Section(
        TITLE,
        "No watch rule fired since the last brief.",
        tuple(_item(row, json.loads(row["payload"])) for row in rows),
        note=f"Since the last brief, produced {mark['produced_at']}.",
    )


def rule_alerts(db: SQLStories, since: str | None, until: str, limit: int) -> list[Item]:
    """Alerts with an article published in the window (the brief's window is one of
    publication), grouped by rule, newest first within a rule."""
    list_alerts = getattr(db, "list_alerts", None)
    if list_alerts is None:  # a store that keeps no rules
        return []
    rows = [(r, json.loads(r["payload"])) for r in list_alerts(None, None, CANDIDATES)]
    rows = [(r, p) for r, p in rows if _in_window(r, p, since, until)]
    rows.sort(key=lambda pair: str(pair[0]["rule"]))
    return [_item(row, payload) for row, payload in rows[:limit]]


def _item(row: Row, payload: dict[str, Any]) -> Item:
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
    return Item(f"{row['rule']}: {row['title']}", evidence, note, links)


def _in_window(row: Row, payload: dict[str, Any], since: str | None, until: str) -> bool:
    days = [str(a.get("published") or row["created_at"]) for a in payload.get("articles", [])]
    return any((since is None or day >= since) and day[: len(until)] <= until for day in days)
