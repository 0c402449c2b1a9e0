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

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

from watchfloor.store.fact_query import EVENT_KEY, FactQuery, plan_of
from watchfloor.store.sql_map_rollup import SQLMapRollup

CountryEvents = tuple[str, int]  # country (alpha-3, upper case), distinct events
_COUNTRY_SIDE = (
    "SELECT upper(c.country) AS country, {key} AS event_key{source}"
    " JOIN actors c ON c.id = f.{side}_actor_id"
    " WHERE {where} AND c.country IS NOT NULL AND c.country <> ''"
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

    def _counted_countries(self, q: FactQuery, period: str | None = None) -> dict[str, int]:
        """Countries of the matching events, counted over the facts."""
        return {c: len(keys) for c, keys in self._country_events(q, period).items()}

    def _country_events(self, q: FactQuery, period: str | None = None) -> dict[str, set[int]]:
        """The keys of the matching events per country (within one month, if given)."""
        plan = plan_of(q)
        where, params = plan.where, list(plan.params)
        if period is not None:  # the month's range of the index, then the month itself
            where += " AND f.effective_date >= ? AND f.effective_date < ?"
            where += " AND substr(f.effective_date, 1, 7) = ?"
            params += [period, period + "~" if period else "\x01", period]
        sql = " UNION ".join(
            _COUNTRY_SIDE.format(
                key=EVENT_KEY, source=plan.from_(columns=False, facts=True), side=side, where=where
            )
            for side in ("source", "target")
        )
        found: dict[str, set[int]] = defaultdict(set)
        for row in self._all(sql, [*params, *params]):
            found[str(row["country"])].add(int(row["event_key"]))
        return found

    def _kept_countries(self, q: FactQuery, kinds: tuple[str, ...]) -> dict[str, int]:
        periods = [
            str(r["period"]) for r in self._all("SELECT DISTINCT period FROM country_months")
        ]
        inside = [p for p in periods if _covers(q, p) is True]
        cut = [p for p in periods if _covers(q, p) is None]
        counts: Counter[str] = Counter()
        spanning: Counter[tuple[str, int]] = Counter()
        if inside:
            where, params = _cells(inside, kinds)
            for row in self._all(
                f"SELECT country, sum(events) AS n FROM country_months WHERE {where}"
                " GROUP BY country",
                params,
            ):
                counts[str(row["country"])] += int(row["n"])
            for row in self._all(
                f"SELECT country, event_key FROM country_event_spans WHERE {where}", params
            ):
                spanning[(str(row["country"]), int(row["event_key"]))] += 1
        for (country, _), cells in spanning.items():
            counts[country] -= cells - 1  # an event in several cells counts once
        partly: dict[str, set[int]] = defaultdict(set)  # in the months the dates cut
        for period in cut:
            for country, keys in self._country_events(q, period).items():
                partly[country] |= keys
        for country, keys in partly.items():  # those not counted in a whole month yet
            counts[country] += sum(1 for k in keys if (country, k) not in spanning)
        return dict(counts)

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
