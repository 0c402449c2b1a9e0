"""Tables kept up to date for the read queries, in portable SQL.

An actor profile over a million events cannot recount an actor's events, partners
and mentions on every call (bench/query.py: seconds for the busiest actors). So, as
articles are filed, the store keeps:

* ``facts.effective_date``: the fact's own date, else its article's publication time;
* ``fact_actors``: every actor a fact involves (source, target, named in the evidence),
  and ``actor_fact_counts`` how many facts per actor, section and part;
* ``actor_months``: distinct events per actor, month and PLOVER type;
* ``actor_partners``: distinct events per actor, counterpart, type and direction,
  and ``actor_partner_totals`` their sum per actor and counterpart;
* ``actor_totals``: articles and mentions per actor, first and last seen;
* ``actor_role_seen``: each role an actor was given, last seen when.

``save_analysis`` updates them for the article it files, and the story stage
refreshes the counts an event merge changes (``refresh_fact_rollups``).
:meth:`SQLRollups.refresh_query_tables` recomputes all of them from the stored rows:
migration 0006 runs it, and so must anyone who writes facts, mentions or clusters
with plain SQL (a bulk load).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from watchfloor.store.fact_query import EVENT_KEY
from watchfloor.store.sql_base import SQLBase
from watchfloor.store.sql_map_rollup import MAP_VERSION, MapState

MonthKey = tuple[int, str]  # actor id, period (YYYY-MM, '' when undated)
PairKey = tuple[int, int]  # two actor ids, the lower first
# The kept tables (refresh_query_tables empties and fills them).
KEPT_TABLES = (
    "fact_actors",
    "actor_fact_counts",
    "actor_months",
    "actor_partners",
    "actor_partner_totals",
    "actor_totals",
    "actor_role_seen",
)
_EFFECTIVE_DATE = (
    "UPDATE facts SET effective_date = coalesce(date,"
    " (SELECT a.published FROM articles a WHERE a.id = facts.article_id), '')"
)
# Who a fact involves: {only} narrows the facts ("AND f.article_id = ?").
_FACT_ACTORS = """INSERT INTO fact_actors
    (fact_id, actor_id, section, effective_date, is_source, is_target, named, source_actor_id)
    SELECT fact_id, actor_id, section, effective_date,
           max(is_source), max(is_target), max(named), source_actor_id
    FROM (
        SELECT f.id AS fact_id, f.source_actor_id AS actor_id, f.section AS section,
               f.effective_date AS effective_date, 1 AS is_source, 0 AS is_target,
               0 AS named, f.source_actor_id AS source_actor_id
        FROM facts f WHERE f.source_actor_id IS NOT NULL {only}
        UNION ALL
        SELECT f.id, f.target_actor_id, f.section, f.effective_date, 0, 1, 0, f.source_actor_id
        FROM facts f WHERE f.target_actor_id IS NOT NULL {only}
        UNION ALL
        SELECT f.id, m.actor_id, f.section, f.effective_date, 0, 0, 1, f.source_actor_id
        FROM facts f JOIN mentions m ON m.article_id = f.article_id
             AND m.start >= f.evidence_start AND m.start < f.evidence_end
        WHERE f.evidence_start IS NOT NULL {only}
    ) x GROUP BY fact_id, actor_id, section, effective_date, source_actor_id"""
# Facts per actor, section and part; {only} narrows to one article's facts.
_PART_COUNTS = """SELECT x.actor_id AS actor_id, x.section AS section, x.is_source AS is_source,
    x.is_target AS is_target, x.named AS named, count(*) AS facts FROM fact_actors x
    WHERE 1 = 1 {only} GROUP BY x.actor_id, x.section, x.is_source, x.is_target, x.named"""
_OF_ARTICLE = "AND x.fact_id IN (SELECT id FROM facts WHERE article_id = ?)"
_ADD_PART_COUNTS = """INSERT INTO actor_fact_counts
    (actor_id, section, is_source, is_target, named, facts) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (actor_id, section, is_source, is_target, named)
    DO UPDATE SET facts = actor_fact_counts.facts + excluded.facts"""
_AS_SOURCE_OR_TARGET = "x.section = 'events' AND (x.is_source = 1 OR x.is_target = 1)"
# Distinct events per actor, month and type; {only} narrows to one actor and month.
_MONTHS = f"""SELECT x.actor_id AS actor_id, substr(x.effective_date, 1, 7) AS period,
    coalesce(f.kind, '') AS kind, count(DISTINCT {EVENT_KEY}) AS events
    FROM fact_actors x JOIN facts f ON f.id = x.fact_id
    WHERE {_AS_SOURCE_OR_TARGET} {{only}}
    GROUP BY x.actor_id, substr(x.effective_date, 1, 7), coalesce(f.kind, '')"""
_ONE_MONTH = (
    "AND x.actor_id = ? AND x.effective_date >= ? AND x.effective_date < ?"
    " AND substr(x.effective_date, 1, 7) = ?"
)
# Each event fact with a source and a target, seen from both sides; {only} narrows.
_PAIRS = f"""SELECT f.source_actor_id AS actor_id, f.target_actor_id AS partner_id,
        coalesce(f.kind, '') AS kind, 'out' AS direction, {EVENT_KEY} AS event_key
        FROM facts f WHERE f.section = 'events' AND f.source_actor_id <> f.target_actor_id
        {{only}}
    UNION ALL
    SELECT f.target_actor_id, f.source_actor_id, coalesce(f.kind, ''), 'in', {EVENT_KEY}
        FROM facts f WHERE f.section = 'events' AND f.source_actor_id <> f.target_actor_id
        {{only}}"""
_PARTNERS = (
    "SELECT actor_id, partner_id, kind, direction, count(DISTINCT event_key) AS events"
    " FROM ({pairs}) p GROUP BY actor_id, partner_id, kind, direction"
)
_ONE_PAIR = "AND f.source_actor_id IN (?, ?) AND f.target_actor_id IN (?, ?)"
_TOTALS = """INSERT INTO actor_totals (actor_id, articles, mentions, first_seen, last_seen)
    SELECT m.actor_id, count(DISTINCT m.article_id), count(*), min(a.published),
           max(a.published)
    FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.actor_id"""
# One article's mentions added to its actors' totals (first and last seen only widen).
_ADD_TOTALS = """INSERT INTO actor_totals (actor_id, articles, mentions, first_seen, last_seen)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT (actor_id) DO UPDATE SET
    articles = actor_totals.articles + excluded.articles,
    mentions = actor_totals.mentions + excluded.mentions,
    first_seen = CASE WHEN actor_totals.first_seen IS NULL
        OR excluded.first_seen < actor_totals.first_seen
        THEN excluded.first_seen ELSE actor_totals.first_seen END,
    last_seen = CASE WHEN actor_totals.last_seen IS NULL
        OR excluded.last_seen > actor_totals.last_seen
        THEN excluded.last_seen ELSE actor_totals.last_seen END"""


_ROLES_SEEN = """INSERT INTO actor_role_seen (actor_id, role, organisation, country, last_seen)
    SELECT r.actor_id, r.role, r.organisation, r.country, max(a.published)
    FROM actor_roles r JOIN articles a ON a.id = r.article_id
    GROUP BY r.actor_id, r.role, r.organisation, r.country"""
# A role given again: it was last seen in the latest article that gave it.
_SEE_ROLE = """INSERT INTO actor_role_seen (actor_id, role, organisation, country, last_seen)
    VALUES (?, ?, ?, ?, (SELECT published FROM articles WHERE id = ?))
    ON CONFLICT (actor_id, role, organisation, country) DO UPDATE SET
    last_seen = CASE WHEN actor_role_seen.last_seen IS NULL
        OR excluded.last_seen > actor_role_seen.last_seen
        THEN coalesce(excluded.last_seen, actor_role_seen.last_seen)
        ELSE actor_role_seen.last_seen END"""


class SQLRollups(SQLBase):
    """Mixin: the tables of this module, filled as articles are filed."""

    # provided by SQLMapRollup (store/sql_map_rollup.py) and SQLArticles
    refresh_country_months: Callable[[], None]
    _fact_map_change: Callable[[Sequence[int]], tuple[MapState, MapState]]
    _refresh_map: Callable[[MapState, MapState], None]
    schema_version: Callable[[], int]

    def refresh_query_tables(self) -> None:
        """Recompute every kept table from the stored articles, mentions and facts."""
        self._run(_EFFECTIVE_DATE)
        for table in KEPT_TABLES:
            self._run(f"DELETE FROM {table}")
        self._run(_FACT_ACTORS.format(only=""))
        self._run(
            "INSERT INTO actor_fact_counts (actor_id, section, is_source, is_target, named,"
            f" facts) {_PART_COUNTS.format(only='')}"
        )
        self._run(
            "INSERT INTO actor_months (actor_id, period, kind, events) " + _MONTHS.format(only="")
        )
        self._run(
            "INSERT INTO actor_partners (actor_id, partner_id, kind, direction, events) "
            + _PARTNERS.format(pairs=_PAIRS.format(only=""))
        )
        self._run(
            "INSERT INTO actor_partner_totals (actor_id, partner_id, events)"
            " SELECT actor_id, partner_id, sum(events) FROM actor_partners"
            " GROUP BY actor_id, partner_id"
        )
        self._run(_TOTALS)
        self._run(_ROLES_SEEN)
        for table in ("facts", *KEPT_TABLES):
            self._run(f"ANALYZE {table}")  # statistics for the planner on the new rows
        if self.schema_version() >= MAP_VERSION:  # the map's counts (migration 0015 on)
            self.refresh_country_months()

    # -- one article, inside save_analysis's transaction ----------------------------
    def _article_mentions(self, article_id: int) -> dict[int, int]:
        """Mentions per actor in one article."""
        rows = self._all(
            "SELECT actor_id, count(*) AS n FROM mentions WHERE article_id = ? GROUP BY actor_id",
            (article_id,),
        )
        return {int(r["actor_id"]): int(r["n"]) for r in rows}

    def _add_actor_totals(self, article_id: int, before: dict[int, int]) -> None:
        """Add what the article's newly filed mentions change to its actors' totals."""
        after = self._article_mentions(article_id)
        row = self._one("SELECT published FROM articles WHERE id = ?", (article_id,))
        published = row["published"] if row else None
        changes = []
        for actor_id, count in after.items():
            added = count - before.get(actor_id, 0)
            if added or actor_id not in before:
                new_article = int(actor_id not in before)
                changes.append((actor_id, new_article, added, published, published))
        self._run_many(_ADD_TOTALS, changes)

    def _see_role(self, actor_id: int, article_id: int, role: tuple[str, str, str]) -> None:
        """Keep when the actor was last given this role (an article just gave it)."""
        self._run(_SEE_ROLE, (actor_id, *role, article_id))

    def _file_fact_actors(self, article_id: int) -> None:
        """Who each of the article's facts involves (its facts are filed already), and
        what that changes in the actors' fact counts."""
        before = self._part_counts(article_id)
        self._run(
            "DELETE FROM fact_actors WHERE fact_id IN (SELECT id FROM facts WHERE article_id = ?)",
            (article_id,),
        )
        self._run(_FACT_ACTORS.format(only="AND f.article_id = ?"), (article_id,) * 3)
        after = self._part_counts(article_id)
        changes = [(*part, after.get(part, 0) - before.get(part, 0)) for part in after | before]
        self._run_many(_ADD_PART_COUNTS, [c for c in changes if c[-1]])

    def _part_counts(self, article_id: int) -> dict[tuple[Any, ...], int]:
        """The article's facts per actor, section and part."""
        rows = self._all(_PART_COUNTS.format(only=_OF_ARTICLE), (article_id,))
        return {
            (r["actor_id"], r["section"], r["is_source"], r["is_target"], r["named"]): int(
                r["facts"]
            )
            for r in rows
        }

    def _rollup_keys(self, where: str, params: Sequence[Any]) -> tuple[set[MonthKey], set[PairKey]]:
        """The month and pair counts that the event facts ``where`` selects feed."""
        rows = self._all(
            "SELECT x.actor_id AS actor_id, substr(x.effective_date, 1, 7) AS period"
            f" FROM fact_actors x JOIN facts f ON f.id = x.fact_id"
            f" WHERE {_AS_SOURCE_OR_TARGET} AND {where}",
            params,
        )
        months = {(int(r["actor_id"]), str(r["period"])) for r in rows}
        rows = self._all(
            "SELECT f.source_actor_id AS a, f.target_actor_id AS b FROM facts f"
            f" WHERE f.section = 'events' AND f.source_actor_id <> f.target_actor_id AND {where}",
            params,
        )
        pairs = {(int(r["a"]), int(r["b"])) for r in rows}
        return months, {(min(a, b), max(a, b)) for a, b in pairs}

    def _article_rollup_keys(self, article_id: int) -> tuple[set[MonthKey], set[PairKey]]:
        return self._rollup_keys("f.article_id = ?", (article_id,))

    def refresh_fact_rollups(self, fact_ids: Sequence[int]) -> None:
        """Recount the months and pairs of these event facts (after they changed event)."""
        if fact_ids:
            marks = ", ".join("?" for _ in fact_ids)
            self._refresh_rollups(*self._rollup_keys(f"f.id IN ({marks})", fact_ids))
            self._refresh_map(*self._fact_map_change(fact_ids))

    def _refresh_rollups(self, months: Iterable[MonthKey], pairs: Iterable[PairKey]) -> None:
        for actor_id, period in sorted(months):
            self._refresh_month(actor_id, period)
        for first, second in sorted(pairs):
            self._refresh_pair(first, second)

    def _refresh_month(self, actor_id: int, period: str) -> None:
        self._run("DELETE FROM actor_months WHERE actor_id = ? AND period = ?", (actor_id, period))
        high = period + "~" if period else "\x01"  # '~' sorts after every date character
        rows = self._all(_MONTHS.format(only=_ONE_MONTH), (actor_id, period, high, period))
        self._run_many(
            "INSERT INTO actor_months (actor_id, period, kind, events) VALUES (?, ?, ?, ?)",
            [(actor_id, period, r["kind"], r["events"]) for r in rows],
        )

    def _refresh_pair(self, first: int, second: int) -> None:
        """Recount the events between two actors, as seen from each of them."""
        for table in ("actor_partners", "actor_partner_totals"):
            self._run(
                f"DELETE FROM {table} WHERE (actor_id = ? AND partner_id = ?)"
                " OR (actor_id = ? AND partner_id = ?)",
                (first, second, second, first),
            )
        pairs = _PAIRS.format(only=_ONE_PAIR)
        rows = self._all(_PARTNERS.format(pairs=pairs), (first, second) * 4)
        keys = ("actor_id", "partner_id", "kind", "direction", "events")
        self._run_many(
            "INSERT INTO actor_partners (actor_id, partner_id, kind, direction, events)"
            " VALUES (?, ?, ?, ?, ?)",
            [tuple(r[k] for k in keys) for r in rows],
        )
        totals: dict[tuple[int, int], int] = {}
        for r in rows:
            side = (int(r["actor_id"]), int(r["partner_id"]))
            totals[side] = totals.get(side, 0) + int(r["events"])
        self._run_many(
            "INSERT INTO actor_partner_totals (actor_id, partner_id, events) VALUES (?, ?, ?)",
            [(*side, events) for side, events in totals.items()],
        )
