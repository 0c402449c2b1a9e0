"""The read queries behind :mod:`watchfloor.query`, in portable SQL.

A mixin for every backend: it uses only ``self._all`` and ``self._one`` with
``?`` placeholders, standard functions (substr, coalesce, lower, count, CASE),
every non-aggregated column in GROUP BY, LIKE patterns passed as parameters
and ISO dates compared as text. Rows come back as plain dicts.

An *event* is a merged event cluster, or a single event fact that no cluster
holds yet: its key is ``coalesce(f.cluster_id, -f.id)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from watchfloor.actors.kb import normalise
from watchfloor.store.base import Store
from watchfloor.store.fact_query import (
    ACTOR_JOINS,
    ARTICLE_JOIN,
    EVENT_KEY,
    FACT_COLUMNS,
    FactQuery,
    counts_for,
    kept_count_actor,
    like_pattern,
    plan_of,
)
from watchfloor.store.sql_base import SQLBase

__all__ = ["EVENT_KEY", "FactQuery", "QueryStore", "SQLQueries", "like_pattern"]


class SQLQueries(SQLBase):
    """Mixin: read queries over articles, actors and facts, for any backend."""

    # -- facts ---------------------------------------------------------------
    def select_facts(self, q: FactQuery, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        """Facts with their article and actors, newest first."""
        plan = plan_of(q)
        sql = (
            f"{FACT_COLUMNS}{plan.from_(columns=True)} WHERE {plan.where}"
            f" ORDER BY {plan.order} LIMIT ? OFFSET ?"
        )
        return self._all(sql, [*plan.params, limit, offset])

    def count_facts(self, q: FactQuery) -> int:
        kept = kept_count_actor(q)
        if kept is not None:  # an actor's facts of a section, as kept at filing
            return self.count_actor_facts(kept, [q])[0]
        plan = plan_of(q)
        row = self._one(
            f"SELECT count(*) AS n{plan.from_(columns=False)} WHERE {plan.where}", plan.params
        )
        return int(row["n"]) if row else 0

    # -- events: facts merged by cluster ---------------------------------------
    def select_event_keys(self, q: FactQuery, limit: int, offset: int = 0) -> list[int]:
        """Keys of the events some mention of which matches, latest mention first.

        The matching facts are read newest first and each event is taken where its
        first (latest) mention comes: a page needs only the facts down to its last
        event, not every match grouped and sorted.
        """
        plan = plan_of(q)
        sql = (
            f"SELECT {EVENT_KEY} AS event_key{plan.from_(columns=False, facts=True)}"
            f" WHERE {plan.where}"
            f" ORDER BY {plan.order} LIMIT ?"
        )
        wanted, fetch = offset + limit, max(4 * (offset + limit), 64)
        while True:
            rows = self._all(sql, [*plan.params, fetch])
            keys = list(dict.fromkeys(int(r["event_key"]) for r in rows))
            if len(keys) >= wanted or len(rows) < fetch:
                return keys[offset:wanted]
            fetch *= 4

    def count_actor_facts(self, actor_id: int, queries: Sequence[FactQuery]) -> list[int]:
        """How many facts each of these queries about one actor matches, in one read of
        the kept counts (each query names only the actor and a section)."""
        rows = self._all(
            "SELECT section, is_source, is_target, named, facts FROM actor_fact_counts"
            " WHERE actor_id = ?",
            (actor_id,),
        )
        return [sum(int(r["facts"]) for r in rows if counts_for(q, r)) for q in queries]

    def count_events(self, q: FactQuery) -> int:
        plan = plan_of(q)
        sql = (
            f"SELECT count(DISTINCT {EVENT_KEY}) AS n{plan.from_(columns=False, facts=True)}"
            f" WHERE {plan.where}"
        )
        row = self._one(sql, plan.params)
        return int(row["n"]) if row else 0

    def select_event_mentions(self, keys: Sequence[int]) -> list[dict[str, Any]]:
        """Every event fact of these events, oldest first."""
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        sql = (
            f"{FACT_COLUMNS} FROM facts f{ARTICLE_JOIN}{ACTOR_JOINS} WHERE f.section = 'events'"
            f" AND {EVENT_KEY} IN ({marks}) ORDER BY f.id"
        )
        return self._all(sql, list(keys))

    def event_timeline(self, q: FactQuery) -> list[dict[str, Any]]:
        """Events per month and type: ``period`` (YYYY-MM, '' if undated), ``type``, ``n``."""
        plan = plan_of(q)
        month = "substr(f.effective_date, 1, 7)"
        sql = (
            f"SELECT {month} AS period, f.kind AS type, count(DISTINCT {EVENT_KEY}) AS n"
            f"{plan.from_(columns=False, facts=True)} WHERE {plan.where} GROUP BY {month}, f.kind"
            " ORDER BY period"
        )
        return self._all(sql, plan.params)

    def actor_timeline(self, actor_id: int) -> list[dict[str, Any]]:
        """:meth:`event_timeline` of the events the actor is a party to, as kept."""
        return self._all(
            "SELECT period, kind AS type, events AS n FROM actor_months WHERE actor_id = ?"
            " ORDER BY period, kind",
            (actor_id,),
        )

    def event_partners(
        self, actor_id: int, partner_id: int | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """The actor's counterparts in events, per event type and direction (out: as
        source): one partner, or the ``limit`` with the most events (all by default)."""
        sql = (
            "SELECT p.id AS id, p.key AS key, p.name AS name, p.type AS actor_type,"
            " p.country AS country, r.kind AS type, r.direction AS direction, r.events AS n"
            " FROM actor_partners r JOIN actors p ON p.id = r.partner_id WHERE r.actor_id = ?"
        )
        params: list[Any] = [actor_id]
        if partner_id is not None:
            sql += " AND r.partner_id = ?"
            params.append(partner_id)
        elif limit is not None:  # the busiest partners (ties by registry id)
            sql += (
                " AND r.partner_id IN (SELECT k.partner_id FROM actor_partner_totals k"
                " WHERE k.actor_id = ? ORDER BY k.events DESC, k.partner_id LIMIT ?)"
            )
            params += [actor_id, limit]
        return self._all(sql + " ORDER BY n DESC, name", params)

    # -- actors ------------------------------------------------------------------
    def select_actors(
        self,
        search: str | None,
        country: str | None,
        kind: str | None,
        limit: int,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Actors with their article and mention counts, most reported first."""
        where, params = _actor_where(search, country, kind)
        sql = (
            "SELECT a.id AS id, a.key AS key, a.name AS name, a.type AS type,"
            " a.country AS country, coalesce(k.articles, 0) AS articles,"
            " coalesce(k.mentions, 0) AS mentions, k.first_seen AS first_seen,"
            " k.last_seen AS last_seen FROM actors a"
            f" LEFT JOIN actor_totals k ON k.actor_id = a.id WHERE {where}"
            " ORDER BY articles DESC, mentions DESC, name, id LIMIT ? OFFSET ?"
        )
        return self._all(sql, [*params, limit, offset])

    def count_actors(self, search: str | None, country: str | None, kind: str | None) -> int:
        where, params = _actor_where(search, country, kind)
        row = self._one(f"SELECT count(*) AS n FROM actors a WHERE {where}", params)
        return int(row["n"]) if row else 0

    def count_articles(self, since: str | None = None) -> int:
        sql, params = "SELECT count(*) AS n FROM articles a", []
        if since:
            sql, params = sql + " WHERE a.published >= ?", [since]
        row = self._one(sql, params)
        return int(row["n"]) if row else 0


def _actor_where(
    search: str | None, country: str | None, kind: str | None
) -> tuple[str, list[Any]]:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if country:
        where.append("upper(a.country) = upper(?)")
        params.append(country)
    if kind:
        where.append("upper(a.type) = upper(?)")
        params.append(kind)
    if search:
        where.append(
            "a.id IN (SELECT actor_id FROM actor_aliases WHERE alias_key LIKE ? ESCAPE '\\')"
        )
        params.append(like_pattern(normalise(search)))
    return " AND ".join(where), params


class QueryStore(Store, Protocol):
    """A :class:`Store` that also answers the read queries of :class:`SQLQueries`."""

    def select_facts(self, q: FactQuery, limit: int, offset: int = 0) -> list[dict[str, Any]]: ...

    def count_facts(self, q: FactQuery) -> int: ...

    def select_event_keys(self, q: FactQuery, limit: int, offset: int = 0) -> list[int]: ...

    def count_events(self, q: FactQuery) -> int: ...

    def count_actor_facts(self, actor_id: int, queries: Sequence[FactQuery]) -> list[int]: ...

    def select_event_mentions(self, keys: Sequence[int]) -> list[dict[str, Any]]: ...

    def event_timeline(self, q: FactQuery) -> list[dict[str, Any]]: ...

    def actor_timeline(self, actor_id: int) -> list[dict[str, Any]]: ...

    def event_partners(
        self, actor_id: int, partner_id: int | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]: ...

    def select_actors(
        self,
        search: str | None,
        country: str | None,
        kind: str | None,
        limit: int,
        offset: int = 0,
    ) -> list[dict[str, Any]]: ...

    def count_actors(self, search: str | None, country: str | None, kind: str | None) -> int: ...

    def count_articles(self, since: str | None = None) -> int: ...
