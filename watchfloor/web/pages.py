"""The dashboard's pages: each a thin layer over :mod:`watchfloor.query` and the brief."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from watchfloor import query
from watchfloor.api.deps import StoreDep
from watchfloor.brief import build_brief
from watchfloor.facts.plover import PLOVER_TYPES, QUAD_CLASSES
from watchfloor.languages import UNKNOWN
from watchfloor.query import PageRequest, QueryError
from watchfloor.query.results import Event
from watchfloor.web import article_view, charts
from watchfloor.web.extras import calibration_plot, ledger_of, map_of, story_of
from watchfloor.web.map_marks import near_of, place_marks
from watchfloor.web.setup import check_key, render, with_headers

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_key)])
Text = Annotated[str | None, Query(max_length=200)]
Day = Annotated[str | None, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]
LIST = 50


def _blank(value: str | None) -> str | None:
    return value.strip() or None if value else None


@cache
def world() -> dict[str, Any]:
    """The country outlines (Natural Earth via world-atlas; scripts/build_world_map.py)."""
    text = (resources.files("watchfloor") / "web" / "data" / "world-110m.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@router.get("/")
def brief_page(request: Request, store: StoreDep, since: Text = None) -> Response:
    """Today's brief (or any window), every line linked to its article."""
    window = _blank(since) or "1d"
    try:
        brief = build_brief(store, window)
    except ValueError as exc:
        return render(request, "error.html", 400, title="Brief", message=str(exc))
    return render(request, "brief.html", brief=brief, since=window, page="brief")


@router.get("/search")
def search_page(
    request: Request,
    store: StoreDep,
    q: Text = None,
    source: Text = None,
    language: Annotated[str | None, Query(max_length=20)] = None,
    actor: Text = None,
    country: Annotated[str | None, Query(max_length=3)] = None,
    type: Annotated[str | None, Query(max_length=20)] = None,
    since: Day = None,
) -> Response:
    """Articles and events matching words, with facets to narrow them."""
    words, since = _blank(q), _blank(since)
    every = PageRequest(1, 200)
    articles = query.search_articles(store, words, since, every).items
    facets_articles = {
        "source": Counter(a.source or "unknown" for a in articles),
        "language": Counter(a.language or UNKNOWN for a in articles),
        "month": Counter((a.published or "")[:7] or "undated" for a in articles),
    }
    if _blank(source):
        articles = [a for a in articles if (a.source or "unknown") == source]
    if _blank(language):
        articles = [a for a in articles if (a.language or UNKNOWN) == language]
    try:
        events = query.list_events(
            store,
            type=_blank(type),
            actor=_blank(actor),
            country=_blank(country),
            since=since,
            search=words,
            page=every,
        ).items
    except QueryError as exc:
        return render(request, "error.html", 400, title="Search", message=str(exc))
    facets_events = {
        "type": Counter(e.type or "" for e in events),
        "actor": Counter(a.name for e in events for a in (e.source, e.target) if a),
        "country": Counter(
            a.country for e in events for a in (e.source, e.target) if a and a.country
        ),
    }
    chosen = {
        "q": words,
        "source": _blank(source),
        "language": _blank(language),
        "actor": _blank(actor),
        "country": _blank(country),
        "type": _blank(type),
        "since": since,
    }
    return render(
        request,
        "search.html",
        page="search",
        articles=articles[:LIST],
        events=events[:LIST],
        facets={**facets_articles, **facets_events},
        chosen=chosen,
    )


@router.get("/article/{doc_id}")
def article_page(
    request: Request,
    store: StoreDep,
    doc_id: Annotated[str, Path(max_length=500)],
    find: Annotated[str | None, Query(max_length=1000)] = None,
) -> Response:
    """The clean text with every fact highlighted in place, and the facts beside it."""
    detail = query.article_detail(store, doc_id)
    if detail is None:
        return render(request, "error.html", 404, title="Article", message="No such article.")
    stored = store.get_article(detail.id)
    return render(
        request,
        "article.html",
        page="article",
        a=detail,
        segments=article_view.segments(detail),
        sections=[
            (s, article_view.LABELS[s], detail.facts.get(s, [])) for s in article_view.SECTIONS
        ],
        label=article_view.fact_label,
        focus=article_view.focus_fact(detail, find),
        copies=stored.copies if stored else [],
        story=story_of(store, detail.id),
    )


@router.get("/outlook/calibration.svg")
def calibration_image(store: StoreDep) -> Response:
    """The ledger's calibration plot, as an image (its text escaped by the ledger)."""
    svg = calibration_plot(store)
    if svg is None:
        return Response(status_code=404)
    return with_headers(Response(svg, media_type="image/svg+xml"))


@router.get("/actor")
def actors_page(request: Request, store: StoreDep, search: Text = None) -> Response:
    """The actors most reported, or those a name matches."""
    found = query.list_actors(store, search=_blank(search), page=PageRequest(1, 100))
    return render(request, "actors.html", page="actor", actors=found.items, search=search or "")


@router.get("/actor/{name}")
def actor_page(
    request: Request, store: StoreDep, name: Annotated[str, Path(max_length=200)]
) -> Response:
    """Events over time by type, partners as a network, quotes, claims, forecasts."""
    profile = query.actor_profile(store, name, items=20)
    found = query.find_actor(store, name)
    if profile is None or found is None:
        return render(request, "error.html", 404, title="Actor", message="No such actor.")
    info = profile.actor
    rows = store.actor_timeline(found.summary.id)
    return render(
        request,
        "actor.html",
        page="actor",
        p=profile,
        timeline=charts.type_timeline(rows),
        network=charts.network(info.name, info.key, profile.balance.total, profile.partners),
        ledger=ledger_of(store, source=info.key, forecasts=20),
    )


@router.get("/dyad")
def dyad_page(request: Request, store: StoreDep, a: Text = None, b: Text = None) -> Response:
    """Everything between two actors over time."""
    if not _blank(a) or not _blank(b):
        return render(request, "dyad.html", page="actor", d=None, a=a or "", b=b or "")
    try:
        found = query.dyad(store, str(a), str(b), PageRequest(1, LIST))
    except QueryError as exc:
        return render(request, "error.html", 400, title="Dyad", message=str(exc))
    if found is None:
        return render(request, "error.html", 404, title="Dyad", message="No such actor.")
    chart = charts.quad_timeline(found.timeline)
    return render(request, "dyad.html", page="actor", d=found, a=a, b=b, timeline=chart)


def _map_filters(
    type: Annotated[str | None, Query(max_length=20)] = None,
    actor: Text = None,
    since: Day = None,
    until: Day = None,
) -> dict[str, str | None]:
    return {
        "type": _blank(type),
        "actor": _blank(actor),
        "since": _blank(since),
        "until": _blank(until),
    }


Filters = Annotated[dict[str, str | None], Depends(_map_filters)]
Near = Annotated[str | None, Query(max_length=40, pattern=r"^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$")]
PLACE_KM = 1.0  # a place's events: those resolved to within a kilometre of it


@router.get("/map")
def map_page(
    request: Request,
    store: StoreDep,
    filters: Filters,
    country: Annotated[str | None, Query(max_length=3)] = None,
    near: Near = None,
) -> Response:
    """A choropleth of events by country, with marks at the places events were resolved
    to; a country's (or a place's) events listed with their evidence."""
    try:
        found = map_of(store, request.app.state.settings.database, filters)
        listed = _country_events(store, filters, country, near)
    except QueryError as exc:
        return render(request, "error.html", 400, title="Map", message=str(exc))
    counts = {c.country: c.events for c in found.countries}
    shapes = charts.choropleth(world(), counts)
    named = {s.id: s.name for s in shapes if s.id}
    return render(
        request,
        "map.html",
        page="map",
        world=world(),
        shapes=shapes,
        marks=place_marks(found.places, float(world()["width"])),
        near=near,
        place=next((p.name for p in found.places if near_of(p) == near), None),
        found=found,
        filters=filters,
        country=country,
        events=listed,
        names=named,
        types=PLOVER_TYPES,
        quads=QUAD_CLASSES,
        colours=charts.QUAD_COLOURS,
        shades=charts.SHADES,
    )


@router.get("/map/events")
def map_events(
    request: Request,
    store: StoreDep,
    filters: Filters,
    country: Annotated[str | None, Query(min_length=3, max_length=3)] = None,
    near: Near = None,
    place: Text = None,
) -> Response:
    """The events of one country, or of one place (``near``: its lat,lon), a fragment
    the map page puts beside the map."""
    if not country and not near:
        return render(request, "error.html", 400, title="Map", message="No country or place.")
    try:
        listed = _country_events(store, filters, country, near)
    except QueryError as exc:
        return render(request, "error.html", 400, title="Map", message=str(exc))
    names = {c["id"]: c["name"] for c in world()["countries"] if c["id"]}
    chosen = None if near else (country or "").upper()
    return render(
        request,
        "_country_events.html",
        country=chosen,
        near=near,
        place=place,
        events=listed,
        names=names,
    )


def _country_events(
    store: query.QueryStore,
    filters: dict[str, str | None],
    country: str | None,
    near: str | None = None,
) -> list[Event] | None:
    if near:
        return query.list_events(
            store, near=near, km=PLACE_KM, page=PageRequest(1, LIST), **filters
        ).items
    if not country:
        return None
    return query.list_events(store, country=country, page=PageRequest(1, LIST), **filters).items


@router.get("/outlook")
def outlook_page(
    request: Request,
    store: StoreDep,
    status: Annotated[str | None, Query(pattern="^(open|due|all)?$")] = None,
    as_of: Day = None,
) -> Response:
    """Forecasts: open (horizon not passed) and due (horizon passed)."""
    chosen: query.ForecastStatus | None = (
        "open" if status == "open" else "due" if status == "due" else None
    )
    found = query.list_forecasts(
        store, status=chosen, as_of=_blank(as_of), page=PageRequest(1, 200)
    )
    ledger = ledger_of(store)
    return render(
        request,
        "outlook.html",
        page="outlook",
        forecasts=found,
        status=status or "all",
        as_of=as_of or "",
        ledger=ledger,
    )
