"""The read queries behind :mod:`watchfloor.query`, in portable SQL.

A mixin for every backend: it uses only ``self._all`` and ``self._one`` with
``?`` placeholders, standard functions (substr, coalesce, lower, count, CASE),
every non-aggregated column in GROUP BY, LIKE patterns passed as parameters
and ISO dates compared as text. Rows come back as plain dicts.

An *event* is a merged event cluster, or a single event fact that no cluster
holds yet: its key is ``coalesce(f.cluster_id, -f.id)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from watchfloor.actors.kb import normalise
from watchfloor.store.base import Store
from watchfloor.store.sql_base import SQLBase, like_escape

EVENT_KEY = "coalesce(f.cluster_id, -f.id)"
_ARTICLE = " JOIN articles a ON a.id = f.article_id"
_ACTORS = (
    " LEFT JOIN actors s ON s.id = f.source_actor_id LEFT JOIN actors t ON t.id = f.target_actor_id"
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
_READS_FACTS = re.compile(r"\bf\.")  # a condition on the facts table (alias f)
_OF_COUNTRY = "(SELECT c.id FROM actors c WHERE upper(c.country) = upper(?))"
# How an actor takes part in a fact, as a condition on its fact_actors row.
_AS_ANY = "1 = 1"
_AS_SOURCE = "{x}.is_source = 1"
_AS_PARTY = "({x}.is_source = 1 OR {x}.is_target = 1)"
_AS_NAMED = "{x}.named = 1"
_SOURCE = "the fact's source"  # read from the driving row's source_actor_id
_INVOLVES = (
    "EXISTS (SELECT 1 FROM fact_actors y WHERE y.fact_id = f.id AND y.actor_id = ? AND {how})"
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

    def actor_filters(self) -> list[tuple[int, str]]:
        """The filters on registry ids: (actor id, how it takes part), narrowest first."""
        found: list[tuple[int, str]] = []  # a pair is found through the facts' own index
        if self.actor_id is not None:
            found.append((self.actor_id, _AS_PARTY))
        if self.mentioned_id is not None:
            found.append((self.mentioned_id, _AS_NAMED))
        if self.involving_id is not None:
            found.append((self.involving_id, _AS_ANY))
        if self.source_id is not None:  # last: another actor's rows give the source too
            found.append((self.source_id, _AS_SOURCE) if not found else (self.source_id, _SOURCE))
        return found


@dataclass(frozen=True)
class _Plan:
    """How to read the facts of a query: FROM, WHERE, its parameters and the order.

    Where the query names an actor by registry id, the facts are read from that
    actor's rows of ``fact_actors`` (alias ``x``), newest first, in index order; a
    count that tests nothing of the facts themselves reads that index alone.
    """

    driven: bool  # read from the actor's rows of fact_actors
    conditions: list[str]
    params: list[Any]

    @property
    def where(self) -> str:
        return " AND ".join(self.conditions)

    @property
    def order(self) -> str:
        return "x.effective_date DESC, x.fact_id" if self.driven else "f.effective_date DESC, f.id"

    def from_(self, columns: bool, facts: bool = False) -> str:
        """FROM with the joins that the columns (``columns``: a fact's; ``facts``: some
        of the facts table) or, at least, the WHERE need."""
        if not self.driven:
            source = "facts f"
        elif columns or facts or any(_READS_FACTS.search(c) for c in self.conditions):
            source = "fact_actors x JOIN facts f ON f.id = x.fact_id"
        else:
            source = "fact_actors x"
        return f" FROM {source}{_ARTICLE}{_ACTORS}" if columns else f" FROM {source}"


def like_pattern(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching ``text`` anywhere, lower case."""
    return f"%{like_escape(text.lower())}%"


def _plan(q: FactQuery) -> _Plan:
    where: list[str] = ["1 = 1"]
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        where.append(sql)
        params.extend(values)

    filters = q.actor_filters()
    driver = filters[0][0] if filters else None
    if filters:
        add(f"x.actor_id = ? AND {filters[0][1].format(x='x')}", driver)
        if q.section:
            add("x.section = ?", q.section)
    elif q.section:
        add("f.section = ?", q.section)
    for actor_id, how in filters[1:]:
        if how == _SOURCE:
            add("x.source_actor_id = ?", actor_id)
        else:
            add(_INVOLVES.format(how=how.format(x="y")), actor_id)
    if q.not_source_id is not None:
        if q.not_source_id == driver:
            add("x.is_source = 0")
        else:
            add("(f.source_actor_id IS NULL OR f.source_actor_id <> ?)", q.not_source_id)
    _where_actors(q, add)
    _where_values(q, "x.effective_date" if filters else "f.effective_date", add)
    return _Plan(bool(filters), where, params)


def _kept_count(q: FactQuery) -> tuple[str, list[Any]] | None:
    """The count of an actor's facts of one section, from actor_fact_counts, where the
    query asks nothing else."""
    filters = q.actor_filters()
    if not q.section or len(filters) != 1:
        return None
    actor_id, how = filters[0]
    bare = FactQuery(
        section=q.section,
        actor_id=q.actor_id,
        source_id=q.source_id,
        mentioned_id=q.mentioned_id,
        involving_id=q.involving_id,
        not_source_id=actor_id if q.mentioned_id is not None else None,
    )
    if q != bare and q != replace(bare, not_source_id=None):
        return None
    if q.not_source_id is not None:
        how += " AND {x}.is_source = 0"
    sql = (
        "SELECT sum(x.facts) AS n FROM actor_fact_counts x WHERE x.actor_id = ?"
        f" AND x.section = ? AND {how.format(x='x')}"
    )
    return sql, [actor_id, q.section]


def _counts_for(q: FactQuery, row: dict[str, Any]) -> bool:
    """Whether a row of actor_fact_counts counts towards ``q`` (see :func:`_kept_count`)."""
    if _kept_count(q) is None:
        raise ValueError(f"not a count the store keeps: {q}")
    source, target, named = (bool(row[k]) for k in ("is_source", "is_target", "named"))
    if row["section"] != q.section:
        return False
    if q.actor_id is not None:
        return source or target
    if q.source_id is not None:
        return source
    if q.mentioned_id is not None:
        return named and not (q.not_source_id is not None and source)
    return True  # involving: any part


def _where_actors(q: FactQuery, add: Callable[..., None]) -> None:
    """The filters on actors by name, on the pair's other side, and on the source."""
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
    if q.pair is not None:
        a, b = q.pair
        add(
            "((f.source_actor_id = ? AND f.target_actor_id = ?)"
            " OR (f.source_actor_id = ? AND f.target_actor_id = ?))",
            *(a, b, b, a),
        )


def _where_values(q: FactQuery, day: str, add: Callable[..., None]) -> None:
    """The filters on countries, dates and text; ``day`` is the effective date column."""
    if q.country:
        add(f"(f.source_actor_id IN {_OF_COUNTRY} OR f.target_actor_id IN {_OF_COUNTRY})",
            q.country, q.country)  # fmt: skip
    if q.since:
        add(f"{day} >= ?", q.since)
    if q.until:  # the whole day; undated facts ('') pass, as they always have
        add(f"{day} < ?", q.until[:10] + "~")  # '~' sorts after every date character
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
        plan = _plan(q)
        sql = (
            f"{_FACT_COLUMNS}{plan.from_(columns=True)} WHERE {plan.where}"
            f" ORDER BY {plan.order} LIMIT ? OFFSET ?"
        )
        return self._all(sql, [*plan.params, limit, offset])

    def count_facts(self, q: FactQuery) -> int:
        kept = _kept_count(q)
        if kept is not None:  # an actor's facts of a section, as kept at filing
            sql, params = kept
            row = self._one(sql, params)
            return int(row["n"] or 0) if row else 0
        plan = _plan(q)
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
        plan = _plan(q)
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
        return [sum(int(r["facts"]) for r in rows if _counts_for(q, r)) for q in queries]

    def count_events(self, q: FactQuery) -> int:
        plan = _plan(q)
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
            f"{_FACT_COLUMNS} FROM facts f{_ARTICLE}{_ACTORS} WHERE f.section = 'events'"
            f" AND {EVENT_KEY} IN ({marks}) ORDER BY f.id"
        )
        return self._all(sql, list(keys))

    def event_timeline(self, q: FactQuery) -> list[dict[str, Any]]:
        """Events per month and type: ``period`` (YYYY-MM, '' if undated), ``type``, ``n``."""
        plan = _plan(q)
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
