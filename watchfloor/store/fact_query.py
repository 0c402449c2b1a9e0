"""Which facts a query asks for (:class:`FactQuery`) and how to read them in SQL.

Portable SQL for :mod:`watchfloor.store.sql_queries`. An *event* is a merged event
cluster, or a single event fact that no cluster holds yet: its key is
``coalesce(f.cluster_id, -f.id)``. Where a query names an actor by registry id, the
facts are read from that actor's rows of ``fact_actors``, kept as articles are filed
(store/sql_rollups.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from watchfloor.actors.kb import normalise
from watchfloor.store.sql_base import like_escape
from watchfloor.store.sql_places import near_condition

EVENT_KEY = "coalesce(f.cluster_id, -f.id)"
ARTICLE_JOIN = " JOIN articles a ON a.id = f.article_id"
ACTOR_JOINS = (
    " LEFT JOIN actors s ON s.id = f.source_actor_id LEFT JOIN actors t ON t.id = f.target_actor_id"
)
FACT_COLUMNS = (
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
    location_country: str | None = None  # an event's place is in this country (alpha-3)
    near: tuple[float, float, float] | None = None  # an event's place within (lat, lon, km)

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
class FactPlan:
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
        return f" FROM {source}{ARTICLE_JOIN}{ACTOR_JOINS}" if columns else f" FROM {source}"


def like_pattern(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching ``text`` anywhere, lower case."""
    return f"%{like_escape(text.lower())}%"


def plan_of(q: FactQuery) -> FactPlan:
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
    return FactPlan(bool(filters), where, params)


def kept_count_actor(q: FactQuery) -> int | None:
    """The actor whose kept fact counts (actor_fact_counts) answer how many facts ``q``
    matches: a query naming only one actor and a section; None for any other."""
    filters = q.actor_filters()
    if not q.section or len(filters) != 1:
        return None
    actor_id = filters[0][0]
    bare = FactQuery(
        section=q.section,
        actor_id=q.actor_id,
        source_id=q.source_id,
        mentioned_id=q.mentioned_id,
        involving_id=q.involving_id,
        not_source_id=actor_id if q.mentioned_id is not None else None,
    )
    return actor_id if q in (bare, replace(bare, not_source_id=None)) else None


def counts_for(q: FactQuery, row: dict[str, Any]) -> bool:
    """Whether a row of actor_fact_counts counts towards ``q``."""
    if kept_count_actor(q) is None:
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
    if q.location_country:
        add("f.location_country = ?", q.location_country.upper())
    if q.near is not None:
        sql, values = near_condition(*q.near)
        add(sql, *values)
