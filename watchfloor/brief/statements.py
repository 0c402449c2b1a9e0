"""The brief's sections over single facts: quotes, claims, forecasts, watch items.

Each section reads the facts stated in articles published in the window
(forecasts falling due: those whose horizon ends in it), keeps the ones worth
a reader's time, ranks them by the documented keys below and turns them into
items that link to their articles.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from watchfloor.brief.model import Item, Link
from watchfloor.store.sql_stories import SQLStories
from watchfloor.stories.summary import fact_data, when
from watchfloor.stories.text import shorten

Row = dict[str, Any]
CANDIDATES = 2000  # facts of one section read before ranking
# Quotes this short say little ("No."), this long are speeches.
QUOTE_CHARS = (25, 600)


def key_quotes(db: SQLStories, since: str | None, until: str, limit: int) -> list[Item]:
    """Quotes with a known speaker, one per speaker: direct ones first, then the
    speakers reported in the most articles, then the newest."""
    rows = [r for r in db.window_facts("quotes", since, until, CANDIDATES) if r["source_name"]]
    rows = [
        r for r in rows if QUOTE_CHARS[0] <= len(fact_data(r).get("text") or "") <= QUOTE_CHARS[1]
    ]
    rows.sort(key=lambda r: (fact_data(r).get("kind") != "direct", -(r["source_articles"] or 0)))
    items: list[Item] = []
    speakers: set[str] = set()
    for row in rows:
        if row["source_name"] in speakers:
            continue
        speakers.add(row["source_name"])
        quote = f"“{shorten(fact_data(row)['text'], 240)}”"
        items.append(
            Item(row["source_name"], quote, fact_data(row).get("kind") or "", (Link.of(row),))
        )
    return items[:limit]


def numeric_claims(db: SQLStories, since: str | None, until: str, limit: int) -> list[Item]:
    """Numbers stated in the window, with their change: the one the sentence gives
    ("rose to", "from ... to") and the one from the last figure the same story
    gave for the same subject and unit. Changed figures come first, then
    attributed ones, then those with a unit."""
    rows = [r for r in db.window_facts("claims", since, until, CANDIDATES) if _is_figure(r)]
    earlier = _earlier_figures(db, rows)
    rows.sort(key=lambda r: -_claim_rank(r, earlier.get(r["fact_id"])))
    seen: set[tuple[object, ...]] = set()
    items: list[Item] = []
    for row in rows:
        figure = (row["story_id"] or -row["article_id"], *_figure_key(row), _value(row))
        if figure not in seen:  # the same figure of the same story, said again
            seen.add(figure)
            items.append(_claim_item(row, earlier.get(row["fact_id"])))
    return items[:limit]


def forecasts_made(db: SQLStories, since: str | None, until: str, limit: int) -> list[Item]:
    """Forecasts stated in the window: attributed ones first, then those with a
    probability, then those with a horizon. Questions are not forecasts."""
    rows = [
        r
        for r in db.window_facts("forecasts", since, until, CANDIDATES)
        if not r["evidence"].rstrip(" \"'”’").endswith("?")
    ]
    rows.sort(key=_forecast_rank, reverse=True)
    return [_forecast_item(r) for r in rows[:limit]]


def forecasts_due(db: SQLStories, since: str | None, until: str, limit: int) -> list[Item]:
    """Forecasts whose horizon ends in the window, soonest first."""
    rows = db.facts_due("forecasts", since[:10] if since else None, until, limit)
    return [_forecast_item(r, due=True) for r in rows]


def watch_items(db: SQLStories, since: str | None, until: str, limit: int) -> list[Item]:
    """Things to watch named in the window, dated ones first."""
    rows = db.window_facts("watch_items", since, until, CANDIDATES)
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or ""))
    return [
        Item(
            f"due {r['date']}" if r["date"] else "open",
            shorten(r["evidence"]),
            "",
            (Link.of(r),),
        )
        for r in rows[:limit]
    ]


# -- claims -------------------------------------------------------------------
def _is_figure(row: Row) -> bool:
    data = fact_data(row)
    return data.get("value") is not None and bool(data.get("unit") or data.get("subject"))


def _figure_key(row: Row) -> tuple[str, str]:
    data = fact_data(row)
    return (str(data.get("subject") or "").casefold(), str(data.get("unit") or "").casefold())


def _earlier_figures(db: SQLStories, rows: list[Row]) -> dict[int, Row]:
    """For each claim, the latest earlier claim of its story on the same subject and unit
    with another value."""
    by_story: dict[int, list[Row]] = defaultdict(list)
    for row in db.story_facts("claims", sorted({r["story_id"] for r in rows if r["story_id"]})):
        by_story[row["story_id"]].append(row)
    found: dict[int, Row] = {}
    for row in rows:
        before = [
            other
            for other in by_story.get(row["story_id"], [])
            if when(other) < when(row)
            and _figure_key(other) == _figure_key(row)
            and _value(other) != _value(row)
        ]
        if before:
            found[row["fact_id"]] = before[-1]
    return found


def _value(row: Row) -> str:
    return str(fact_data(row).get("value"))


def _claim_rank(row: Row, earlier: Row | None) -> float:
    data = fact_data(row)
    changed = earlier is not None or bool(data.get("change") or data.get("previous"))
    return 4 * changed + 2 * bool(row["source_name"]) + bool(data.get("unit"))


def _claim_item(row: Row, earlier: Row | None) -> Item:
    data = fact_data(row)
    label = f"{data.get('subject') or data.get('unit')}: {_figure(data)}"
    changes = []
    if data.get("change"):
        changes.append(str(data["change"]))
    previous = data.get("previous")
    if previous is not None and str(previous) not in " ".join(changes):
        changes.append(f"from {_number(previous)}")
    if earlier is not None:
        changes.append(f"was {_figure(fact_data(earlier))} on {when(earlier)[:10]}")
    note = "; ".join(changes) or "new"
    if row["source_name"]:
        note += f" · according to {row['source_name']}"
    links = (Link.of(row),) + ((Link.of(earlier),) if earlier is not None else ())
    return Item(label, shorten(row["evidence"]), note, links)


def _figure(data: dict[str, Any]) -> str:
    unit = data.get("currency") or data.get("unit") or ""
    parts = [data.get("qualifier") or "", _number(data.get("value")), str(unit)]
    return " ".join(p for p in parts if p)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int | float) else str(value)


# -- forecasts ------------------------------------------------------------------
def _forecast_rank(row: Row) -> tuple[int, int, int, str]:
    data = fact_data(row)
    return (
        bool(row["source_name"]),
        data.get("p_low") is not None,
        data.get("horizon_end") is not None,
        when(row),
    )


def _forecast_item(row: Row, due: bool = False) -> Item:
    data = fact_data(row)
    phrase = str(data.get("phrase") or "").lower()
    who = row["source_name"] or "unattributed"
    label = f"due {row['date']} · {who}" if due else f"{who}: {phrase}"
    notes = [_chance(data)]
    if data.get("horizon_end") and not due:
        notes.append(f"by {data['horizon_end']} ({data.get('horizon_text') or 'horizon'})")
    if due:
        notes.append(f"forecast made {when(row)[:10]}: {phrase}")
    return Item(label, shorten(row["evidence"]), " · ".join(n for n in notes if n), (Link.of(row),))


def _chance(data: dict[str, Any]) -> str:
    low, high = data.get("p_low"), data.get("p_high")
    if low is None or high is None:
        return ""
    return f"chance {round(100 * low)}–{round(100 * high)}%"
