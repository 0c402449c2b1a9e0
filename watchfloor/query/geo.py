"""Where events happen: events by country, and the places a list of events names."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from watchfloor.query.facts import _kinds
from watchfloor.query.pagination import clean
from watchfloor.query.results import Event
from watchfloor.store.sql_queries import FactQuery, QueryStore

TOP_PLACES = 30
MAP_PLACES = 200  # marks on the map, most events first


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
class PlaceMark:
    """A place events were resolved to (GeoNames), with their number."""

    place_id: int
    name: str | None
    kind: str | None  # city, state, or country (placed at its capital)
    country: str | None  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    events: int


@dataclass(frozen=True)
class EventMap:
    """Distinct events per country (of their source or target), and per place where
    their location was resolved."""

    countries: list[CountryCount]
    places: list[PlaceMark] = field(default_factory=list)


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
    places = [
        PlaceMark(
            int(r["place_id"]),
            r["name"],
            r["kind"],
            r["country"],
            float(r["lat"]),
            float(r["lon"]),
            int(r["events"]),
        )
        for r in store.event_places(q, MAP_PLACES)
    ]
    return EventMap([CountryCount(c, n) for c, n in store.event_countries(q)], places)


def places_of(events: list[Event]) -> list[PlaceCount]:
    """The places these events name where their location was resolved (the phrase
    "in/at/near X" of the trigger), with the events naming each, most first."""
    counted: Counter[tuple[str, str | None]] = Counter()
    for event in events:
        place, country = event.data.get("location"), event.data.get("location_country")
        if isinstance(place, str) and place.strip():
            counted[(place.strip(), country if isinstance(country, str) else None)] += 1
    return [PlaceCount(p, c, n) for (p, c), n in counted.most_common(TOP_PLACES)]
