"""What pages show besides the query service's results: an article's story, and
the forecast ledger's scores and calibration (watchfloor/ledger/service.py)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import Any

from watchfloor.ledger.plot import calibration_svg
from watchfloor.ledger.service import Ledger, ledger_report
from watchfloor.query.geo import EventMap, event_map
from watchfloor.store.sql_queries import QueryStore
from watchfloor.store.sql_stories import SQLStories

STORY_ARTICLES = 20
MAPS_KEPT = 64
_maps: OrderedDict[tuple[Any, ...], EventMap] = OrderedDict()
_maps_lock = Lock()


@dataclass(frozen=True)
class StoryView:
    id: int
    articles: list[dict[str, Any]]  # doc_id, title, source, published, url


def story_of(store: object, article_id: int) -> StoryView | None:
    """The story the article was filed in, with its articles (earliest first)."""
    if not isinstance(store, SQLStories):
        return None
    row = store.story_article(article_id, 0)
    if row is None or row.get("story_id") is None:
        return None
    members = store.story_members(int(row["story_id"]))[:STORY_ARTICLES]
    return StoryView(int(row["story_id"]), members)


def ledger_of(store: object, source: str | None = None, forecasts: int = 100) -> Ledger | None:
    """The forecast ledger (watchfloor/ledger): per-source scores and the latest forecasts
    with their resolutions, of one source or all; None for a store without a ledger."""
    try:
        return ledger_report(store, source=source, forecasts=forecasts)
    except TypeError:
        return None


def calibration_plot(store: object) -> str | None:
    """The ledger's calibration plot of the best-scored sources (SVG text), if any."""
    ledger = ledger_of(store, forecasts=0)
    if ledger is None or not any(s["scored"] for s in ledger.sources):
        return None
    return calibration_svg(ledger.sources, "calibration: said vs happened")


def map_of(store: QueryStore, database: str, filters: dict[str, str | None]) -> EventMap:
    """:func:`~watchfloor.query.geo.event_map`, kept while the store's map counts stay
    as they are (``facts_version``): the same for every reader."""
    key = (database, store.facts_version(), *sorted(filters.items()))
    with _maps_lock:
        if key in _maps:
            _maps.move_to_end(key)
            return _maps[key]
    found = event_map(store, **filters)
    with _maps_lock:
        _maps[key] = found
        while len(_maps) > MAPS_KEPT:
            _maps.popitem(last=False)
    return found
