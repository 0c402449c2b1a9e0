"""The brief's top events: merged event clusters ranked by salience.

Salience = reach x intensity x certainty, where

* reach = 3 per distinct source + 1 per article + 0.5 per mention: an event
  confirmed by independent outlets outranks one an outlet repeated, which
  outranks one an article repeated; syndicated copies add nothing;
* intensity = 2.0 for ASSAULT, 1.6 for other material conflict, 1.3 for verbal
  conflict, 1.0 for cooperation (PLOVER quad classes);
* certainty = 1.0 for events reported as having happened, 0.5 for planned,
  possible, predicted or denied ones;
* timeliness = 1.0, or 0.25 for background: an event dated more than 30 days
  before its first report ("Osama bin Laden was killed in 2011").
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from watchfloor.brief.model import Item, Link, plural
from watchfloor.store.sql_stories import SQLStories
from watchfloor.stories.dates import day_of, interval
from watchfloor.stories.summary import modality
from watchfloor.stories.text import count_outlets, outlet, shorten

SOURCE_WEIGHT = 3.0
ARTICLE_WEIGHT = 1.0
MENTION_WEIGHT = 0.5
INTENSITY = {
    "material conflict": 1.6,
    "verbal conflict": 1.3,
    "material cooperation": 1.0,
    "verbal cooperation": 1.0,
}
ASSAULT_INTENSITY = 2.0
UNASSERTED = 0.5
BACKGROUND_DAYS = 30
BACKGROUND = 0.25
# Clusters read from the store before ranking (the best reported first).
CANDIDATES = 2000
LINKS_PER_EVENT = 3

Row = dict[str, Any]


def salience(row: Row) -> float:
    """The documented score of one cluster row."""
    reach = (
        SOURCE_WEIGHT * row["source_count"]
        + ARTICLE_WEIGHT * row["article_count"]
        + MENTION_WEIGHT * row["mention_count"]
    )
    intensity = (
        ASSAULT_INTENSITY if row["type"] == "ASSAULT" else INTENSITY.get(row["quad"] or "", 1.0)
    )
    certainty = 1.0 if modality(row) == "asserted" else UNASSERTED
    timeliness = BACKGROUND if _background(row) else 1.0
    return round(float(reach * intensity * certainty * timeliness), 1)


def _background(row: Row) -> bool:
    """Whether the event happened well before anyone in the store reported it."""
    happened, reported = interval(row["last_date"]), day_of(row.get("first_reported"))
    if happened is None or reported is None:
        return False
    return (reported - happened[1]).days > BACKGROUND_DAYS


def top_events(db: SQLStories, since: str | None, until: str, limit: int) -> list[Item]:
    """The most salient clusters reported in the window, as brief items."""
    rows = db.window_clusters(since, until, CANDIDATES)
    newest_first = sorted(rows, key=lambda r: (r["last_date"] or "", r["id"]), reverse=True)
    ranked = _one_per_sentence(sorted(newest_first, key=lambda r: -salience(r)))[:limit]
    articles = _articles(db, [r["id"] for r in ranked])
    copies = _copies(db, [a for links in articles.values() for a in links])
    return [_item(row, articles[row["id"]], copies) for row in ranked]


def _one_per_sentence(rows: list[Row]) -> list[Row]:
    """The first of the clusters told by the same sentence ("the US airstrike that killed
    Soleimani in Iraq" coded twice, with either target): one line says it."""
    seen: set[str] = set()
    kept = []
    for row in rows:
        if row["evidence"] not in seen:
            seen.add(row["evidence"])
            kept.append(row)
    return kept


def _item(row: Row, articles: list[Row], copies: dict[int, list[Row]]) -> Item:
    who = f"{row['source_name'] or '?'} → {row['target_name'] or '?'}"
    label = row["type"] if who == "? → ?" else f"{row['type']} · {who}"
    said = modality(row)
    if said != "asserted":
        label += f" ({said})"
    links = tuple(Link.of(a) for a in articles[:LINKS_PER_EVENT])
    return Item(label, shorten(row["evidence"]), _note(row, articles, copies), links)


def _note(row: Row, articles: list[Row], copies: dict[int, list[Row]]) -> str:
    days = (
        row["first_date"]
        if row["first_date"] == row["last_date"]
        else (f"{row['first_date']} to {row['last_date']}")
    )
    parts = [
        days,
        f"{plural(row['mention_count'], 'mention')} in {plural(row['article_count'], 'article')}"
        f" from {plural(row['source_count'], 'source')}",
    ]
    carried = _carried_by(articles, copies)
    if carried:
        parts.append(f"also carried by {plural(carried, 'other outlet')} (copies, not counted)")
    if len(articles) > LINKS_PER_EVENT:
        parts.append(f"{len(articles) - LINKS_PER_EVENT} more articles")
    parts.append(f"salience {salience(row)}")
    return " · ".join(parts)


def _carried_by(articles: list[Row], copies: dict[int, list[Row]]) -> int:
    """Outlets that carried a copy of the cluster's articles and published none of them."""
    own = {outlet(a["source"], a["url"]) for a in articles}
    pairs = [
        (c["source"], c["url"])
        for a in articles
        for c in copies.get(a["article_id"], [])
        if outlet(c["source"], c["url"]) not in own
    ]
    return count_outlets(pairs) if pairs else 0


def _articles(db: SQLStories, cluster_ids: list[int]) -> dict[int, list[Row]]:
    """Each cluster's distinct articles, earliest first."""
    found: dict[int, dict[int, Row]] = defaultdict(dict)
    for row in db.cluster_articles(cluster_ids):
        found[row["cluster_id"]].setdefault(row["article_id"], row)
    return {cid: list(found[cid].values()) for cid in cluster_ids}


def _copies(db: SQLStories, articles: list[Row]) -> dict[int, list[Row]]:
    found: dict[int, list[Row]] = defaultdict(list)
    for row in db.article_copies(sorted({a["article_id"] for a in articles})):
        found[row["article_id"]].append(row)
    return found
