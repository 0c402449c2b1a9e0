"""Queries over facts: events, quotes, claims, forecasts and watch items."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Literal

from watchfloor.facts.plover import PLOVER_TYPES, QUAD_CLASSES, quad_classes
from watchfloor.query import places, rows
from watchfloor.query.pagination import Page, PageRequest, QueryError, clean, page_of
from watchfloor.query.results import Event, Fact
from watchfloor.store.sql_queries import FactQuery, QueryStore

MODALITIES = ("asserted", "planned", "predicted", "possible", "negated")
ForecastStatus = Literal["open", "due"]


def events_page(
    store: QueryStore, q: FactQuery, request: PageRequest, total: int | None = None
) -> Page[Event]:
    """A page of events (clusters, or lone mentions) with a mention matching ``q``;
    ``total`` where the caller knows how many there are."""
    q = replace(q, section="events")
    keys = store.select_event_keys(q, request.per_page, request.offset)
    found = rows.events(keys, store.select_event_mentions(keys))
    return page_of(found, request, store.count_events(q) if total is None else total)


def facts_page(
    store: QueryStore, q: FactQuery, request: PageRequest, total: int | None = None
) -> Page[Fact]:
    """A page of facts matching ``q``; ``total`` where the caller knows how many match."""
    found = store.select_facts(q, request.per_page, request.offset)
    count = store.count_facts(q) if total is None else total
    return page_of([rows.fact(r) for r in found], request, count)


def list_events(
    store: QueryStore,
    *,
    type: str | None = None,
    actor: str | None = None,
    country: str | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | None = None,
    quad: str | None = None,
    search: str | None = None,
    location_country: str | None = None,
    near: str | None = None,
    km: float | str | None = None,
    page: PageRequest | None = None,
) -> Page[Event]:
    """Events filtered by PLOVER type or quad class, actor, country, dates and modality,
    and by their place: its country, or within ``km`` of the place ``near`` names."""
    kinds = _kinds(clean(type), clean(quad))
    if modality is not None and modality not in MODALITIES:
        raise QueryError(f"modality must be one of {', '.join(MODALITIES)}")
    q = FactQuery(
        section="events",
        kinds=kinds,
        actor=clean(actor),
        country=clean(country),
        since=clean(since),
        until=clean(until),
        modality=modality,
        search=clean(search),
        location_country=places.location_country(location_country),
        near=places.near_point(near, km),
    )
    return events_page(store, q, page or PageRequest())


def _kinds(type_: str | None, quad: str | None) -> tuple[str, ...]:
    """The event types asked for, by type and by quad class (both must hold)."""
    kinds = set(PLOVER_TYPES)
    if type_ is not None:
        if type_.upper() not in PLOVER_TYPES:
            raise QueryError(f"unknown PLOVER type {type_!r}")
        kinds &= {type_.upper()}
    if quad is not None:
        if quad.lower() not in QUAD_CLASSES:
            raise QueryError(f"quad must be one of {', '.join(QUAD_CLASSES)}")
        kinds &= {t for t, q in quad_classes().items() if q == quad.lower()}
    if type_ is None and quad is None:
        return ()
    return tuple(sorted(kinds)) or ("",)  # a type outside the quad class matches nothing


def list_quotes(
    store: QueryStore,
    *,
    speaker: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page: PageRequest | None = None,
) -> Page[Fact]:
    """Quotes, by speaker (name, alias or key), direct or indirect."""
    kind = clean(kind)
    q = FactQuery(
        section="quotes",
        kinds=(kind,) if kind else (),
        source=clean(speaker),
        search=clean(search),
        since=clean(since),
        until=clean(until),
    )
    return facts_page(store, q, page or PageRequest())


def list_claims(
    store: QueryStore,
    *,
    subject: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    page: PageRequest | None = None,
) -> Page[Fact]:
    """Claims about a subject (words of the claim's sentence), optionally by a source."""
    q = FactQuery(
        section="claims",
        search=clean(subject),
        source=clean(source),
        since=clean(since),
        until=clean(until),
    )
    return facts_page(store, q, page or PageRequest())


def list_forecasts(
    store: QueryStore,
    *,
    status: ForecastStatus | None = None,
    due_before: str | None = None,
    source: str | None = None,
    as_of: str | None = None,
    page: PageRequest | None = None,
) -> Page[Fact]:
    """Forecasts: ``open`` ones (horizon not passed, or none), ``due`` ones (horizon passed).

    ``due_before`` keeps forecasts whose horizon ends on or before that day;
    ``as_of`` is the day that counts as today.
    """
    today = clean(as_of) or datetime.now(UTC).date().isoformat()
    if status not in (None, "open", "due"):
        raise QueryError("status must be open or due")
    q = FactQuery(
        section="forecasts",
        source=clean(source),
        after=today if status == "open" else None,
        through=_earliest(today if status == "due" else None, clean(due_before)),
    )
    return facts_page(store, q, page or PageRequest())


def _earliest(*days: str | None) -> str | None:
    known = [d[:10] for d in days if d]
    return min(known) if known else None


def list_watch(
    store: QueryStore,
    *,
    search: str | None = None,
    due_before: str | None = None,
    page: PageRequest | None = None,
) -> Page[Fact]:
    """Watch items: things to look out for, with their due dates where given."""
    q = FactQuery(section="watch_items", search=clean(search), through=clean(due_before))
    return facts_page(store, q, page or PageRequest())
