"""The read routes: thin layers over :mod:`watchfloor.query`."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BeforeValidator

from watchfloor import query
from watchfloor.api.deps import NOT_FOUND, PageDep, StoreDep
from watchfloor.query import Page
from watchfloor.query.geo import EventMap, event_map
from watchfloor.query.places import UnknownPlace
from watchfloor.query.results import (
    ActorProfileResult,
    ActorSummary,
    ArticleDetail,
    ArticleSummary,
    DyadResult,
    Event,
    Fact,
)

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
QuadClass = Literal[
    "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"
]
Modality = Literal["asserted", "planned", "predicted", "possible", "negated"]
ActorType = Literal["PERSON", "ORG", "GPE", "GROUP"]

Text = Annotated[str | None, Query(max_length=500)]
Name = Annotated[str | None, Query(max_length=200, description="Name, alias or registry key.")]
Country = Annotated[
    str | None, Query(pattern="^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code.")
]
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_only(value: object) -> object:
    """Dates as YYYY-MM-DD only (not the timestamps pydantic would also take)."""
    if isinstance(value, str) and not _ISO_DAY.match(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_only)]
Day = Annotated[IsoDate | None, Query(description="ISO date (YYYY-MM-DD).")]

router = APIRouter()
T = TypeVar("T")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _found(value: T | None, what: str) -> T:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


@router.get("/articles", tags=["articles"])
def articles(
    store: StoreDep,
    paging: PageDep,
    search: Annotated[str | None, Query(max_length=500, description="Full-text query.")] = None,
    since: Day = None,
) -> Page[ArticleSummary]:
    """Articles matching a full-text search (best first among the 1,000 most recently
    stored matches), else the newest first."""
    return query.search_articles(store, search, _iso(since), paging)


@router.get("/articles/{doc_id}", tags=["articles"], responses=NOT_FOUND)
def article(store: StoreDep, doc_id: Annotated[str, Path(max_length=500)]) -> ArticleDetail:
    """One article, with every fact read in it."""
    return _found(query.article_detail(store, doc_id), "article")


@router.get("/actors", tags=["actors"])
def actors(
    store: StoreDep,
    paging: PageDep,
    search: Annotated[str | None, Query(max_length=200, description="Part of a name.")] = None,
    country: Country = None,
    type: ActorType | None = None,
) -> Page[ActorSummary]:
    """Actors in the registry, most reported first."""
    return query.list_actors(store, search=search, country=country, type=type, page=paging)


@router.get("/actors/{name}", tags=["actors"], responses=NOT_FOUND)
def actor(
    store: StoreDep,
    name: Annotated[str, Path(max_length=200, description="Name, alias or registry key.")],
    items: Annotated[int, Query(ge=1, le=50, description="Items per list.")] = 10,
) -> ActorProfileResult:
    """An actor's profile: events over time, partners, quotes by and about it, claims."""
    return _found(query.actor_profile(store, name, items), "actor")


@router.get("/dyads", tags=["actors"], responses=NOT_FOUND)
def dyads(
    store: StoreDep,
    paging: PageDep,
    a: Annotated[str, Query(min_length=1, max_length=200)],
    b: Annotated[str, Query(min_length=1, max_length=200)],
) -> DyadResult:
    """Everything between actors A and B over time."""
    return _found(query.dyad(store, a, b, paging), "actor")


@router.get("/events", tags=["facts"], responses=NOT_FOUND)
def events(
    store: StoreDep,
    paging: PageDep,
    type: EventType | None = None,
    quad: QuadClass | None = None,
    actor: Name = None,
    country: Country = None,
    since: Day = None,
    until: Day = None,
    modality: Modality | None = None,
    search: Text = None,
    location_country: Country = None,
    near: Annotated[
        str | None, Query(max_length=200, description="A place name, or lat,lon.")
    ] = None,
    km: Annotated[float | None, Query(gt=0, le=1000, description="Distance from near.")] = None,
) -> Page[Event]:
    """Events (merged reports of one event), latest first, with every mention's evidence;
    ``location_country`` and ``near`` (within ``km``, 50 by default) filter by the
    GeoNames place each event's location resolves to (404: an unknown place)."""
    try:
        return query.list_events(
            store,
            type=type,
            quad=quad,
            actor=actor,
            country=country,
            since=_iso(since),
            until=_iso(until),
            modality=modality,
            search=search,
            location_country=location_country,
            near=near,
            km=km,
            page=paging,
        )
    except UnknownPlace as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/events/map", tags=["facts"])
def events_map(
    store: StoreDep,
    type: EventType | None = None,
    quad: QuadClass | None = None,
    actor: Name = None,
    since: Day = None,
    until: Day = None,
) -> EventMap:
    """The dashboard's map: distinct events per country of their source or target, and
    per place their location was resolved to (GeoNames), most first."""
    return event_map(store, type=type, quad=quad, actor=actor, since=_iso(since), until=_iso(until))


@router.get("/quotes", tags=["facts"])
def quotes(
    store: StoreDep,
    paging: PageDep,
    speaker: Name = None,
    kind: Literal["direct", "indirect"] | None = None,
    search: Text = None,
    since: Day = None,
    until: Day = None,
) -> Page[Fact]:
    """Quotes, newest first, by speaker."""
    return query.list_quotes(
        store,
        speaker=speaker,
        kind=kind,
        search=search,
        since=_iso(since),
        until=_iso(until),
        page=paging,
    )


@router.get("/claims", tags=["facts"])
def claims(
    store: StoreDep,
    paging: PageDep,
    subject: Annotated[str | None, Query(max_length=500, description="Words of the claim.")] = None,
    source: Name = None,
    since: Day = None,
    until: Day = None,
) -> Page[Fact]:
    """Numeric claims about a subject."""
    return query.list_claims(
        store, subject=subject, source=source, since=_iso(since), until=_iso(until), page=paging
    )


@router.get("/forecasts", tags=["facts"])
def forecasts(
    store: StoreDep,
    paging: PageDep,
    status: Literal["open", "due"] | None = None,
    due_before: Day = None,
    source: Name = None,
    as_of: Annotated[IsoDate | None, Query(description="The day that counts as today.")] = None,
) -> Page[Fact]:
    """Forecasts: open (horizon not passed) or due (horizon passed), by horizon."""
    return query.list_forecasts(
        store,
        status=status,
        due_before=_iso(due_before),
        source=source,
        as_of=_iso(as_of),
        page=paging,
    )


@router.get("/watch", tags=["facts"])
def watch(
    store: StoreDep, paging: PageDep, search: Text = None, due_before: Day = None
) -> Page[Fact]:
    """Watch items: what to look out for."""
    return query.list_watch(store, search=search, due_before=_iso(due_before), page=paging)
