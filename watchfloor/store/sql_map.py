"""Events by country, for the dashboard's map, in portable SQL.

An event counts for a country when its source or its target is an actor of that
country, as the ``country`` filter of :class:`~watchfloor.store.fact_query.FactQuery`
reads it. A map filtered by nothing but types and dates is summed from the counts
kept per country, month and type (store/sql_map_rollup.py): every whole month
inside the dates from the kept cells (less the events counted in two cells of a
country), the months the dates cut from the facts. Any other filter (an actor)
counts the matching events themselves.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from typing import Any

from watchfloor.store.fact_query import ACTOR_JOINS, EVENT_KEY, FactQuery, plan_of
from watchfloor.store.sql_map_rollup import SQLMapRollup

_UNNAMED: dict[str, str | None] = {"name": None, "kind": None}
CountryEvents = tuple[str, int]  # country (alpha-3, upper case), distinct events
# Each matching event fact's source and target countries (alias ``f``; then WHERE).
_EVENT_SIDES = (
    f"SELECT upper(s.country) AS source, upper(t.country) AS target, {EVENT_KEY} AS event_key"
    f"{{source}}{ACTOR_JOINS}"
)
# ... one row per side with a country, from their rows (``m``).
_SIDES = " UNION ALL ".join(
    f"SELECT {side} AS country, event_key FROM m WHERE {side} IS NOT NULL AND {side} <> ''"
    for side in ("source", "target")
)


class SQLMap(SQLMapRollup):
    """Mixin: the map's counts of events per country."""

    def event_countries(self, q: FactQuery) -> list[CountryEvents]:
        """Distinct events of ``q`` (its section is taken as events, its country filter
        left out) per country of their source or target, most first."""
        q = replace(q, section="events", country=None)
        kept = _kept_filters(q)
        counts = self._kept_countries(*kept) if kept else self._counted_countries(q)
        return sorted(((c, n) for c, n in counts.items() if n > 0), key=lambda t: (-t[1], t[0]))

    def _counted_countries(self, q: FactQuery) -> dict[str, int]:
        """Countries of the matching events, counted over the facts."""
        plan = plan_of(q)
        rows = self._all(
            f"WITH m AS MATERIALIZED ({_EVENT_SIDES.format(source=plan.from_(False, True))}"
            f" WHERE {plan.where}) SELECT country, count(DISTINCT event_key) AS n"
            f" FROM ({_SIDES}) b GROUP BY country",
            plan.params,
        )
        return {str(r["country"]): int(r["n"]) for r in rows}

    def _kept_countries(self, q: FactQuery, kinds: tuple[str, ...]) -> dict[str, int]:
        periods = [
            str(r["period"]) for r in self._all("SELECT DISTINCT period FROM country_months")
        ]
        inside = [p for p in periods if _covers(q, p) is True]
        cut = [p for p in periods if _covers(q, p) is None]
        counts: Counter[str] = Counter()
        if inside:
            where, params = _cells(inside, kinds)
            for row in self._all(
                f"SELECT country, sum(events) AS n FROM country_months WHERE {where}"
                " GROUP BY country",
                params,
            ):
                counts[str(row["country"])] += int(row["n"])
            for row in self._all(  # an event in several cells counts once
                "SELECT country, sum(n - 1) AS n FROM (SELECT country, event_key, count(*) AS n"
                f" FROM country_event_spans WHERE {where} GROUP BY country, event_key) x"
                " GROUP BY country",
                params,
            ):
                counts[str(row["country"])] -= int(row["n"])
        if cut:
            counts.update(self._cut_countries(q, cut, inside, kinds))
        return dict(counts)

    def _cut_countries(
        self, q: FactQuery, cut: list[str], inside: list[str], kinds: tuple[str, ...]
    ) -> dict[str, int]:
        """Per country, the matching events of the months the dates cut that no whole
        month counted, read from the index of event facts by month (migration 0015)."""
        plan = plan_of(q)
        month = (
            _EVENT_SIDES.format(source=plan.from_(columns=False, facts=True))
            + " WHERE f.section = 'events' AND substr(f.effective_date, 1, 7) = ?"
            f" AND f.effective_date >= ? AND f.effective_date < ? AND {plan.where}"
        )
        months = " UNION ALL ".join(month for _ in cut)
        params: list[Any] = []
        for period in cut:
            params += [period, period, period + "~" if period else "\x01", *plan.params]
        spans, counted = "", ""
        if inside:  # the few events that span cells, read once; those counted already
            where, values = _cells(inside, kinds)
            spans = (
                ", sp AS MATERIALIZED (SELECT DISTINCT country, event_key"
                f" FROM country_event_spans WHERE {where})"
            )
            counted = (
                " LEFT JOIN sp ON sp.country = b.country AND sp.event_key = b.event_key"
                " WHERE sp.event_key IS NULL"
            )
            params += values
        rows = self._all(
            f"WITH m AS MATERIALIZED ({months}){spans} SELECT b.country AS country,"
            f" count(DISTINCT b.event_key) AS n FROM ({_SIDES}) b{counted} GROUP BY b.country",
            params,
        )
        return {str(r["country"]): int(r["n"]) for r in rows}

    def event_places(self, q: FactQuery, limit: int = 200) -> list[dict[str, Any]]:
        """The places the events of ``q`` are resolved to (migration 0014), most events
        first: ``place_id``, ``name``, ``kind`` (city, state or country: a country is
        placed at its capital), ``country``, ``lat``, ``lon`` and ``events``."""
        placed = "SELECT 1 AS placed FROM facts WHERE location_lat IS NOT NULL LIMIT 1"
        if self._one(placed) is None:  # (from the index of placed events: none placed)
            return []
        plan = plan_of(replace(q, section="events", country=None))
        rows = self._all(
            "SELECT f.place_id AS place_id, min(f.location_lat) AS lat,"
            " min(f.location_lon) AS lon, min(f.location_country) AS country,"
            f" count(DISTINCT {EVENT_KEY}) AS events, min(f.id) AS fact_id"
            f"{plan.from_(columns=False, facts=True)} WHERE f.location_lat IS NOT NULL"
            f" AND f.place_id IS NOT NULL AND {plan.where} GROUP BY f.place_id"
            " ORDER BY events DESC, place_id LIMIT ?",
            [*plan.params, max(1, int(limit))],
        )
        named = self._place_names([int(r["fact_id"]) for r in rows])
        keys = ("place_id", "lat", "lon", "country", "events")
        return [{**{k: r[k] for k in keys}, **named.get(int(r["fact_id"]), _UNNAMED)} for r in rows]

    def _place_names(self, fact_ids: list[int]) -> dict[int, dict[str, str | None]]:
        """The name and kind (city, state, country) of the place each of these event
        facts was resolved to, from its facts JSON."""
        if not fact_ids:
            return {}
        marks = ", ".join("?" for _ in fact_ids)
        found: dict[int, dict[str, str | None]] = {}
        for row in self._all(f"SELECT id, data FROM facts WHERE id IN ({marks})", fact_ids):
            data = json.loads(row["data"])
            name, kind = data.get("place_name") or data.get("location"), data.get("place_kind")
            found[int(row["id"])] = {
                "name": name if isinstance(name, str) and name else None,
                "kind": kind if isinstance(kind, str) and kind else None,
            }
        return found

    def facts_version(self) -> int:
        """A number that moves whenever the events on the map change."""
        return self.map_version()


def _kept_filters(q: FactQuery) -> tuple[FactQuery, tuple[str, ...]] | None:
    """(the query, its types in upper case) where the kept cells answer it: a query
    filtered by types and dates alone; None for any other."""
    kinds = tuple(sorted({k.upper() for k in q.kinds}))
    bare = FactQuery(section="events", kinds=q.kinds, since=q.since, until=q.until)
    return (q, kinds) if q == bare and "" not in kinds else None


def _covers(q: FactQuery, period: str) -> bool | None:
    """Whether every effective date of a month (``period``: the first 7 characters)
    passes the date filters (True), none does (False), or some do (None). A period
    shorter than 7 characters is a whole effective date."""
    high = q.until[:10] + "~" if q.until else None  # as fact_query reads until
    if len(period) < 7:
        return (not q.since or period >= q.since) and (high is None or period < high)
    sides = [
        _side(period, q.since, below=False) if q.since else True,
        _side(period, high, below=True) if high else True,
    ]
    return False if False in sides else True if all(s is True for s in sides) else None


def _side(period: str, bound: str, below: bool) -> bool | None:
    """Whether every text starting with ``period`` is ``>= bound`` (``below``: ``< bound``):
    True, False, or None where the bound falls inside the month."""
    if bound.startswith(period):
        return None
    return (period < bound) if below else (period > bound)


def _cells(periods: list[str], kinds: tuple[str, ...]) -> tuple[str, list[Any]]:
    where = f"period IN ({', '.join('?' for _ in periods)})"
    params: list[Any] = list(periods)
    if kinds:
        where += f" AND kind IN ({', '.join('?' for _ in kinds)})"
        params += list(kinds)
    return where, params
