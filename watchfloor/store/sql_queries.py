"""The read queries behind :mod:`watchfloor.query`, in portable SQL.

A mixin for every backend: it uses only ``self._all`` and ``self._one`` with
``?`` placeholders, standard functions (substr, coalesce, lower, count, CASE),
every non-aggregated column in GROUP BY, LIKE patterns passed as parameters
and ISO dates compared as text. Rows come back as plain dicts.

An *event* is a merged event cluster, or a single event fact that no cluster
holds yet: its key is ``coalesce(f.cluster_id, -f.id)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from watchfloor.actors.kb import normalise
from watchfloor.store.base import Store
from watchfloor.store.sql_base import SQLBase, like_escape

EVENT_KEY = "coalesce(f.cluster_id, -f.id)"
_WHEN = "coalesce(f.date, a.published, '')"
_FACT_FROM = (
    " FROM facts f JOIN articles a ON a.id = f.article_id"
    " LEFT JOIN actors s ON s.id = f.source_actor_id"
    " LEFT JOIN actors t ON t.id = f.target_actor_id"
)
_FACT_COLUMNS = (
    "SELECT f.id AS id, f.section AS section, f.kind AS kind, f.date AS date,"
    " f.evidence AS evidence, f.evidence_start AS evidence_start,"
    " f.evidence_end AS evidence_end, f.data AS data, f.cluster_id AS cluster_id,"
    f" {EVENT_KEY} AS event_key, f.article_id AS article_id, a.doc_id AS doc_id,"
    " a.url AS url, a.title AS title, a.published AS published, a.source AS publisher,"
    " s.key AS source_key, s.name AS source_name, s.type AS source_type,"
    " s.country AS source_country, t.key AS target_key, t.name AS target_name,"
    " t.type AS target_type, t.country AS target_country"
)
# Registry ids of the actors a name, alias or registry key stands for.
_NAMED = (
    "(SELECT actor_id FROM actor_aliases WHERE alias_key = ?"
    " UNION SELECT id FROM actors WHERE key = ?)"
)
# The fact's evidence sentence mentions the actor.
_MENTIONED = (
    "EXISTS (SELECT 1 FROM mentions m WHERE m.actor_id = ? AND m.article_id = f.article_id"
    " AND m.start >= f.evidence_start AND m.start < f.evidence_end)"
)
# Implied by _MENTIONED: where nothing narrower filters the facts (a source), this lets
# the planner start from the actor's mentions instead of testing every fact of the
# section (bench/query.py, a million events: an actor profile 1.6 s -> 0.13 s on SQLite).
_IN_MENTIONING = "f.article_id IN (SELECT m.article_id FROM mentions m WHERE m.actor_id = ?)"
_ACTOR_FROM = (
    " FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id"
    " LEFT JOIN articles ar ON ar.id = m.article_id"
)


@dataclass(frozen=True)
class FactQuery:
    """Which facts to read; every field left as None does not filter."""

    section: str | None = None
    kinds: tuple[str, ...] = ()  # any of these kinds (case-insensitive)
    actor: str | None = None  # name, alias or key of the source or target
    source: str | None = None  # name, alias or key of the source (a quote's speaker)
    actor_id: int | None = None  # source or target
    source_id: int | None = None
    not_source_id: int | None = None
    mentioned_id: int | None = None  # named in the evidence sentence
    involving_id: int | None = None  # source, target, or named in the evidence
    pair: tuple[int, int] | None = None  # one is the source and the other the target
    country: str | None = None  # the source's or the target's country
    since: str | None = None  # fact date, else publication date, on or after
    until: str | None = None  # ... on or before (a whole day)
    modality: str | None = None  # an event's modality (a fixed word, not user text)
    search: str | None = None  # words in the evidence
    article_id: int | None = None
    after: str | None = None  # the fact's own date is missing or after this day
    through: str | None = None  # the fact's own date is on or before this day


def like_pattern(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching ``text`` anywhere, lower case."""
    return f"%{like_escape(text.lower())}%"


def _where(q: FactQuery) -> tuple[str, list[Any]]:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        where.append(sql)
        params.extend(values)

    if q.section:
        add("f.section = ?", q.section)
    if q.kinds:
        add(f"upper(f.kind) IN ({', '.join('?' for _ in q.kinds)})", *(k.upper() for k in q.kinds))
    if q.actor:
        key = normalise(q.actor)
        add(
            f"(f.source_actor_id IN {_NAMED} OR f.target_actor_id IN {_NAMED})",
            *(key, q.actor, key, q.actor),
        )
    if q.source:
        add(f"f.source_actor_id IN {_NAMED}", normalise(q.source), q.source)
    if q.actor_id is not None:
        add("(f.source_actor_id = ? OR f.target_actor_id = ?)", q.actor_id, q.actor_id)
    if q.source_id is not None:
        add("f.source_actor_id = ?", q.source_id)
    if q.not_source_id is not None:
        add("(f.source_actor_id IS NULL OR f.source_actor_id <> ?)", q.not_source_id)
    if q.mentioned_id is not None:
        if q.source_id is None:
            add(_IN_MENTIONING, q.mentioned_id)
        add(_MENTIONED, q.mentioned_id)
    if q.involving_id is not None:
        i = q.involving_id
        add(
            f"(f.source_actor_id = ? OR f.target_actor_id = ?"
            f" OR ({_IN_MENTIONING} AND {_MENTIONED}))",
            *(i, i, i, i),
        )
    if q.pair is not None:
        a, b = q.pair
        add(
            "((f.source_actor_id = ? AND f.target_actor_id = ?)"
            " OR (f.source_actor_id = ? AND f.target_actor_id = ?))",
            *(a, b, b, a),
        )
    _where_values(q, add)
    return " AND ".join(where), params


def _where_values(q: FactQuery, add: Callable[..., None]) -> None:
    """The filters on countries, dates and text."""
    if q.country:
        add("(upper(s.country) = upper(?) OR upper(t.country) = upper(?))", q.country, q.country)
    if q.since:
        add(f"{_WHEN} >= ?", q.since)
    if q.until:
        add(f"substr({_WHEN}, 1, 10) <= ?", q.until[:10])
    if q.modality:
        add("CAST(f.data AS TEXT) LIKE ?", f'%"modality": "{q.modality}"%')
    if q.search:
        add("lower(f.evidence) LIKE ? ESCAPE '\\'", like_pattern(q.search))
    if q.article_id is not None:
        add("f.article_id = ?", q.article_id)
    if q.after:
        add("(f.date IS NULL OR substr(f.date, 1, 10) > ?)", q.after[:10])
    if q.through:
        add("(f.date IS NOT NULL AND substr(f.date, 1, 10) <= ?)", q.through[:10])


class SQLQueries(SQLBase):
    """Mixin: read queries over articles, actors and facts, for any backend."""

    # -- facts ---------------------------------------------------------------
    def select_facts(self, q: FactQuery, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        """Facts with their article and actors, newest first."""
        where, params = _where(q)
        sql = (
            f"{_FACT_COLUMNS}{_FACT_FROM} WHERE {where}"
            f" ORDER BY {_WHEN} DESC, f.id LIMIT ? OFFSET ?"
        )
        return self._all(sql, [*params, limit, offset])

    def count_facts(self, q: FactQuery) -> int:
        where, params = _where(q)
        row = self._one(f"SELECT count(*) AS n{_FACT_FROM} WHERE {where}", params)
        return int(row["n"]) if row else 0

    # -- events: facts merged by cluster ---------------------------------------
    def select_event_keys(self, q: FactQuery, limit: int, offset: int = 0) -> list[int]:
        """Keys of the events some mention of which matches, latest first."""
        where, params = _where(q)
        sql = (
            f"SELECT {EVENT_KEY} AS event_key{_FACT_FROM} WHERE {where}"
            f" GROUP BY {EVENT_KEY} ORDER BY max({_WHEN}) DESC, min(f.id) LIMIT ? OFFSET ?"
        )
        return [int(r["event_key"]) for r in self._all(sql, [*params, limit, offset])]

    def count_events(self, q: FactQuery) -> int:
        where, params = _where(q)
        sql = f"SELECT count(DISTINCT {EVENT_KEY}) AS n{_FACT_FROM} WHERE {where}"
        row = self._one(sql, params)
        return int(row["n"]) if row else 0

    def select_event_mentions(self, keys: Sequence[int]) -> list[dict[str, Any]]:
        """Every event fact of these events, oldest first."""
        if not keys:
            return []
        marks = ", ".join("?" for _ in keys)
        sql = (
            f"{_FACT_COLUMNS}{_FACT_FROM} WHERE f.section = 'events'"
            f" AND {EVENT_KEY} IN ({marks}) ORDER BY f.id"
        )
        return self._all(sql, list(keys))

    def event_timeline(self, q: FactQuery) -> list[dict[str, Any]]:
        """Events per month and type: ``period`` (YYYY-MM, '' if undated), ``type``, ``n``."""
        where, params = _where(q)
        month = f"substr({_WHEN}, 1, 7)"
        sql = (
            f"SELECT {month} AS period, f.kind AS type, count(DISTINCT {EVENT_KEY}) AS n"
            f"{_FACT_FROM} WHERE {where} GROUP BY {month}, f.kind ORDER BY period"
        )
        return self._all(sql, params)

    def event_partners(self, actor_id: int, partner_id: int | None = None) -> list[dict[str, Any]]:
        """The actor's counterparts in events, per event type and direction (out: as source)."""
        inner = (
            "SELECT p.id AS id, p.key AS key, p.name AS name, p.type AS actor_type,"
            " p.country AS country, f.kind AS type,"
            " CASE WHEN f.source_actor_id = ? THEN 'out' ELSE 'in' END AS direction,"
            f" {EVENT_KEY} AS event_key FROM facts f JOIN actors p ON p.id ="
            " CASE WHEN f.source_actor_id = ? THEN f.target_actor_id ELSE f.source_actor_id END"
            " WHERE f.section = 'events' AND (f.source_actor_id = ? OR f.target_actor_id = ?)"
            " AND p.id <> ?"
        )
        params: list[Any] = [actor_id] * 5
        if partner_id is not None:
            inner += " AND p.id = ?"
            params.append(partner_id)
        sql = (
            "SELECT id, key, name, actor_type, country, type, direction,"
            f" count(DISTINCT event_key) AS n FROM ({inner}) x"
            " GROUP BY id, key, name, actor_type, country, type, direction"
            " ORDER BY n DESC, name"
        )
        return self._all(sql, params)

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
            " a.country AS country, count(DISTINCT m.article_id) AS articles,"
            " count(m.id) AS mentions, min(ar.published) AS first_seen,"
            f" max(ar.published) AS last_seen{_ACTOR_FROM} WHERE {where}"
            " GROUP BY a.id, a.key, a.name, a.type, a.country"
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

    def select_event_mentions(self, keys: Sequence[int]) -> list[dict[str, Any]]: ...

    def event_timeline(self, q: FactQuery) -> list[dict[str, Any]]: ...

    def event_partners(
        self, actor_id: int, partner_id: int | None = None
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
