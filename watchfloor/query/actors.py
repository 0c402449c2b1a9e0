"""Queries about actors: listing, an actor's profile, and a dyad (two actors)."""

from __future__ import annotations

from typing import Any

from watchfloor.query import rows
from watchfloor.query.facts import events_page, facts_page
from watchfloor.query.pagination import Page, PageRequest, QueryError, clean, page_of
from watchfloor.query.results import (
    ActorInfo,
    ActorProfileResult,
    ActorRef,
    ActorSummary,
    DyadResult,
    Fact,
    Partner,
    QuadCounts,
    RoleItem,
    TimelinePoint,
)
from watchfloor.store.actors import ActorProfile
from watchfloor.store.sql_queries import FactQuery, QueryStore

PROFILE_ITEMS = 10  # items per list in a profile (each list says its total)
TOP_PARTNERS = 15
DYAD_ITEMS = 50


def list_actors(
    store: QueryStore,
    *,
    search: str | None = None,
    country: str | None = None,
    type: str | None = None,
    page: PageRequest | None = None,
) -> Page[ActorSummary]:
    """Actors in the registry, most reported first."""
    request = page or PageRequest()
    args = (clean(search), clean(country), clean(type))
    found = store.select_actors(*args, request.per_page, request.offset)
    return page_of([ActorSummary(**r) for r in found], request, store.count_actors(*args))


def find_actor(store: QueryStore, name: str) -> ActorProfile | None:
    """The actor a name, alias, surname or registry key stands for."""
    text = clean(name)
    return store.get_actor(text) if text else None


def actor_profile(
    store: QueryStore, name: str, items: int = PROFILE_ITEMS
) -> ActorProfileResult | None:
    """Events over time, top partners with their cooperation/conflict balance, quotes, claims."""
    profile = find_actor(store, name)
    if profile is None:
        return None
    actor_id = profile.summary.id
    first = PageRequest(1, max(1, min(items, 200)))
    timeline = _timeline(store.actor_timeline(actor_id))
    balance = QuadCounts.added([p.quads for p in timeline])
    lists = {
        "quotes_by": FactQuery(section="quotes", source_id=actor_id),
        "quotes_about": FactQuery(section="quotes", mentioned_id=actor_id, not_source_id=actor_id),
        "claims": FactQuery(section="claims", involving_id=actor_id),
        "forecasts": FactQuery(section="forecasts", source_id=actor_id),
    }
    totals = store.count_actor_facts(actor_id, list(lists.values()))
    pages = {
        name: facts_page(store, q, first, total)
        for (name, q), total in zip(lists.items(), totals, strict=True)
    }
    return ActorProfileResult(
        actor=_info(profile),
        balance=balance,
        timeline=timeline,
        partners=_partners(store.event_partners(actor_id, limit=TOP_PARTNERS)),
        # an event reported in two months counts in each, as in the timeline
        events=events_page(store, FactQuery(actor_id=actor_id), first, total=balance.total),
        **pages,
    )


def dyad(store: QueryStore, a: str, b: str, page: PageRequest | None = None) -> DyadResult | None:
    """Everything between actors ``a`` and ``b``: events both ways over time, quotes, claims."""
    first, second = find_actor(store, a), find_actor(store, b)
    if first is None or second is None:
        return None
    ida, idb = first.summary.id, second.summary.id
    if ida == idb:
        raise QueryError("a dyad needs two different actors")
    directions = store.event_partners(ida, partner_id=idb)
    return DyadResult(
        a=_ref(first),
        b=_ref(second),
        a_to_b=QuadCounts.of(rows.type_counts([r for r in directions if r["direction"] == "out"])),
        b_to_a=QuadCounts.of(rows.type_counts([r for r in directions if r["direction"] == "in"])),
        timeline=_timeline(store.event_timeline(FactQuery(section="events", pair=(ida, idb)))),
        events=events_page(store, FactQuery(pair=(ida, idb)), page or PageRequest()),
        quotes=_between(store, "quotes", ida, idb),
        claims=_between(store, "claims", ida, idb),
    )


def _between(store: QueryStore, section: str, a: int, b: int) -> list[Fact]:
    """Facts of one section by either actor whose evidence names the other, newest first."""
    found = [
        *store.select_facts(FactQuery(section=section, source_id=a, mentioned_id=b), DYAD_ITEMS),
        *store.select_facts(FactQuery(section=section, source_id=b, mentioned_id=a), DYAD_ITEMS),
    ]
    facts = [rows.fact(r) for r in found]
    return sorted(facts, key=lambda f: (f.date or f.article.published or "", -f.id), reverse=True)


def _ref(profile: ActorProfile) -> ActorRef:
    s = profile.summary
    return ActorRef(s.key, s.name, s.type, s.country)


def _info(profile: ActorProfile) -> ActorInfo:
    s = profile.summary
    return ActorInfo(
        key=s.key,
        name=s.name,
        type=s.type,
        country=s.country,
        wikidata=profile.wikidata,
        articles=s.articles,
        mentions=s.mentions,
        first_seen=s.first_seen,
        last_seen=s.last_seen,
        aliases=list(profile.aliases),
        countries=list(profile.countries),
        roles=[RoleItem(str(r), str(o), str(c), w) for r, o, c, w in profile.roles],
        agent=profile.agent,
    )


def _timeline(found: list[dict[str, Any]]) -> list[TimelinePoint]:
    """Events per month (undated ones last), with their quad classes."""
    by_period: dict[str, list[dict[str, Any]]] = {}
    for row in found:
        by_period.setdefault(str(row["period"] or ""), []).append(row)
    points = []
    for period in sorted(by_period, key=lambda p: (p == "", p)):
        quads = QuadCounts.of(rows.type_counts(by_period[period]))
        points.append(TimelinePoint(period or None, quads.total, quads))
    return points


def _partners(found: list[dict[str, Any]]) -> list[Partner]:
    """Partners, most events first, with the balance of their events by quad class."""
    by_id: dict[int, list[dict[str, Any]]] = {}
    for row in found:
        by_id.setdefault(int(row["id"]), []).append(row)
    partners = []
    for group in by_id.values():
        head = group[0]
        types = rows.type_counts(group)
        quads = QuadCounts.of(types)
        partners.append(
            Partner(
                actor=ActorRef(head["key"], head["name"], head["actor_type"], head["country"]),
                events=quads.total,
                as_source=sum(int(r["n"]) for r in group if r["direction"] == "out"),
                as_target=sum(int(r["n"]) for r in group if r["direction"] == "in"),
                types=dict(types),
                quads=quads,
            )
        )
    return sorted(partners, key=lambda p: (-p.events, p.actor.name))
