"""Where events happen: events by country and the places they name, for the map."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from watchfloor.query.facts import _kinds
from watchfloor.query.pagination import clean
from watchfloor.store.sql_base import SQLBase
from watchfloor.store.sql_map import event_countries, event_places
from watchfloor.store.sql_queries import FactQuery, QueryStore

TOP_PLACES = 30


@dataclass(frozen=True)
class CountryCount:
    country: str  # ISO 3166-1 alpha-3
    events: int


@dataclass(frozen=True)
class PlaceCount:
    place: str
    country: str | None
    events: int


@dataclass(frozen=True)
class EventMap:
    """Distinct events per country (of their source or target) and per place named."""

    countries: list[CountryCount]
    places: list[PlaceCount]


def event_map(
    store: QueryStore,
    *,
    type: str | None = None,
    quad: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> EventMap:
    """Events by country and by place, filtered as :func:`~watchfloor.query.list_events`."""
    q = FactQuery(
        section="events",
        kinds=_kinds(clean(type), clean(quad)),
        actor=clean(actor),
        since=clean(since),
        until=clean(until),
    )
    if not isinstance(store, SQLBase):
        raise TypeError(f"{type_name(store)} does not answer SQL queries")
    countries = [CountryCount(str(r["country"]), int(r["n"])) for r in event_countries(store, q)]
    return EventMap(countries, _places(event_places(store, q)))


def type_name(value: object) -> str:
    return type(value).__name__


def _places(found: list[dict[str, Any]]) -> list[PlaceCount]:
    """Distinct events per (place, country), most first."""
    events: dict[tuple[str, str | None], set[int]] = {}
    for row in found:
        data = row["data"]
        data = json.loads(data) if isinstance(data, str | bytes) else data
        place = data.get("location") if isinstance(data, dict) else None
        if isinstance(place, str) and place.strip():
            country = data.get("location_country")
            key = (place.strip(), country if isinstance(country, str) else None)
            events.setdefault(key, set()).add(int(row["event_key"]))
    counted = Counter({key: len(keys) for key, keys in events.items()})
    return [PlaceCount(p, c, n) for (p, c), n in counted.most_common(TOP_PLACES)]
