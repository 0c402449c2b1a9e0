"""Events per country, month and type, kept as facts are filed (migration 0015).

The dashboard's map counts distinct events per country (an event counts for the
countries of its source and target actors). Counting them over a million events
takes seconds, so the store keeps:

* ``country_months``: distinct events per month (YYYY-MM of the effective date),
  PLOVER type (upper case) and country (alpha-3, upper case);
* ``country_event_spans``: for an event that falls in more than one (month, type)
  cell of one country, each of its cells, so that a sum over cells can count it once;
* ``country_map_stale``: actors whose country changed (a trigger writes them), whose
  events are recounted with the next filing;
* ``country_map_version``: bumped whenever the rows change.

``save_analysis`` reads the cells the events of an article's facts fall in before and
after filing (``refresh_fact_rollups`` those of facts merged into an event), and
:meth:`SQLMapRollup._refresh_map` changes the counts by the difference: recounting a
busy country's month would read thousands of facts for each article. The spans of
those events, and every cell of an actor whose country changed, are recounted.
:meth:`SQLMapRollup.refresh_country_months` recomputes everything (migration 0015,
and ``refresh_query_tables`` after a bulk load).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from watchfloor.store.fact_query import EVENT_KEY
from watchfloor.store.sql_base import SQLBase

MAP_TABLES = ("country_months", "country_event_spans")
MAP_VERSION = 15  # the migration that creates them
CellKey = tuple[str, str]  # country, period
MapKeys = tuple[set[CellKey], set[int]]  # the cells and the events to recount
Member = tuple[int, str, str, str]  # event key, country, period, type: a cell an event is in
MapState = tuple[set[int], set[Member]]  # events, and the cells they are in
CHUNK = 500

_COUNTRY = "upper(c.country)"
_PERIOD = "substr(f.effective_date, 1, 7)"
_KIND = "upper(coalesce(f.kind, ''))"
# One side (source or target) of every event fact with an actor of some country.
_SIDE = f"""SELECT {_COUNTRY} AS country, {EVENT_KEY} AS event_key, {_PERIOD} AS period,
    {_KIND} AS kind FROM facts f JOIN actors c ON c.id = f.{{side}}_actor_id
    WHERE f.section = 'events' AND c.country IS NOT NULL AND c.country <> '' {{only}}"""
_BOTH = f"({' UNION ALL '.join(_SIDE.format(side=s, only='') for s in ('source', 'target'))})"
_ALL_CELLS = f"""INSERT INTO country_months (period, kind, country, events)
    SELECT period, kind, country, count(DISTINCT event_key) FROM {_BOTH} s
    GROUP BY period, kind, country"""
# An event spans cells of a country when its months or its types differ.
_ALL_SPANS = f"""INSERT INTO country_event_spans (event_key, country, period, kind)
    SELECT DISTINCT s.event_key, s.country, s.period, s.kind FROM {_BOTH} s
    JOIN (SELECT country, event_key FROM {_BOTH} d GROUP BY country, event_key
          HAVING min(period) <> max(period) OR min(kind) <> max(kind)) m
      ON m.country = s.country AND m.event_key = s.event_key"""
# The cells (country, month, type) of the events of the facts ``where`` selects.
_MEMBERS = f"""SELECT DISTINCT {{key}} AS event_key, {_COUNTRY} AS country,
    {_PERIOD} AS period, {_KIND} AS kind
    FROM facts f JOIN actors c ON c.id IN (f.source_actor_id, f.target_actor_id)
    WHERE f.section = 'events' AND c.country IS NOT NULL AND c.country <> '' AND {{where}}"""
# Events added to (or, negative, taken from) a cell; a cell left with none goes.
_ADD_CELL = """INSERT INTO country_months (period, kind, country, events) VALUES (?, ?, ?, ?)
    ON CONFLICT (period, kind, country) DO UPDATE
    SET events = country_months.events + excluded.events"""
_EMPTY_CELL = (
    "DELETE FROM country_months WHERE period = ? AND kind = ? AND country = ? AND events <= 0"
)
# One cell's events per type, read through the country's actors' rows of fact_actors.
_CELL = f"""SELECT {_KIND} AS kind, count(DISTINCT {EVENT_KEY}) AS events
    FROM actors c JOIN fact_actors x ON x.actor_id = c.id JOIN facts f ON f.id = x.fact_id
    WHERE {_COUNTRY} = ? AND x.section = 'events' AND (x.is_source = 1 OR x.is_target = 1)
    AND x.effective_date >= ? AND x.effective_date < ? AND substr(x.effective_date, 1, 7) = ?
    GROUP BY {_KIND}"""
# The events of an actor, for a changed country.
_ACTOR_EVENTS = f"""SELECT DISTINCT substr(x.effective_date, 1, 7) AS period,
    {EVENT_KEY} AS event_key FROM fact_actors x JOIN facts f ON f.id = x.fact_id
    WHERE x.actor_id = ? AND x.section = 'events' AND (x.is_source = 1 OR x.is_target = 1)"""


class SQLMapRollup(SQLBase):
    """Mixin: the tables of this module, filled as facts are filed."""

    def refresh_country_months(self) -> None:
        """Recompute the map's kept tables from the stored facts and actors."""
        for table in (*MAP_TABLES, "country_map_stale"):
            self._run(f"DELETE FROM {table}")
        self._run(_ALL_CELLS)
        self._run(_ALL_SPANS)
        self._bump_map_version()
        for table in MAP_TABLES:
            self._run(f"ANALYZE {table}")

    def _members(self, where: str, params: Sequence[Any], key: str = EVENT_KEY) -> set[Member]:
        """The cells (country, month, type) each event of the facts ``where`` (alias
        ``f``) falls in, keyed by ``key``."""
        rows = self._all(_MEMBERS.format(key=key, where=where), params)
        return {(int(r["event_key"]), r["country"], r["period"], r["kind"]) for r in rows}

    def _events_members(self, events: Iterable[int]) -> set[Member]:
        found: set[Member] = set()
        ordered = sorted(events)
        for low in range(0, len(ordered), CHUNK):
            chunk = ordered[low : low + CHUNK]
            found |= self._members(f"{EVENT_KEY} IN ({_marks(chunk)})", chunk)
        return found

    def _article_map_keys(self, article_id: int, before: MapState | None) -> MapState:
        """The events of the article's event facts (and each fact's own key: it was its
        event before it joined one), with ``before``'s, and the cells they fall in now."""
        rows = self._all(
            f"SELECT {EVENT_KEY} AS event_key, f.id AS id FROM facts f"
            " WHERE f.article_id = ? AND f.section = 'events'",
            (article_id,),
        )
        events = {int(r["event_key"]) for r in rows} | {-int(r["id"]) for r in rows}
        events |= before[0] if before else set()
        return events, self._events_members(events)

    def _fact_map_change(self, fact_ids: Sequence[int]) -> tuple[MapState, MapState]:
        """(before, after) of facts that have just joined events: before, each was an
        event of its own and their events held only their other facts."""
        ids = sorted(set(fact_ids))
        before: set[Member] = set()
        events: set[int] = set()
        for low in range(0, len(ids), CHUNK):
            chunk = ids[low : low + CHUNK]
            rows = self._all(
                f"SELECT {EVENT_KEY} AS event_key FROM facts f WHERE f.id IN ({_marks(chunk)})",
                chunk,
            )
            joined = {int(r["event_key"]) for r in rows}
            events |= joined | {-i for i in chunk}
            before |= self._members(f"f.id IN ({_marks(chunk)})", chunk, key="-f.id")
            others = sorted(joined)
            before |= self._members(
                f"{EVENT_KEY} IN ({_marks(others)}) AND f.id NOT IN ({_marks(chunk)})",
                [*others, *chunk],
            )
        return (events, before), (events, self._events_members(events))

    def _refresh_map(self, before: MapState, after: MapState) -> None:
        """Change the cells by what the events of ``after`` fall in now against what
        they fell in ``before``; recount their spans, and every cell of the actors whose
        country changed."""
        change: Counter[tuple[str, str, str]] = Counter(m[1:] for m in after[1])
        change.subtract(m[1:] for m in before[1])
        cells, events = self._stale_map_keys()
        events |= before[0] | after[0]
        rows = [(p, k, c, n) for (c, p, k), n in sorted(change.items()) if n]
        if not rows and not cells and not events:
            return
        self._run_many(_ADD_CELL, rows)
        self._run_many(_EMPTY_CELL, [(p, k, c) for p, k, c, n in rows if n < 0])
        for country, period in sorted(cells):
            self._refresh_cell(country, period)
        ordered = sorted(events)
        for low in range(0, len(ordered), CHUNK):
            self._refresh_spans(ordered[low : low + CHUNK])
        self._bump_map_version()

    def _stale_map_keys(self) -> MapKeys:
        """The cells and events of the actors whose country changed (then forgotten)."""
        rows = self._all("SELECT actor_id, country FROM country_map_stale")
        cells: set[CellKey] = set()
        events: set[int] = set()
        for row in rows:
            now = self._one("SELECT country FROM actors WHERE id = ?", (row["actor_id"],))
            countries = {str(c).upper() for c in (row["country"], now and now["country"]) if c}
            for found in self._all(_ACTOR_EVENTS, (row["actor_id"],)):
                events.add(int(found["event_key"]))
                cells |= {(c, str(found["period"])) for c in countries}
        if rows:
            self._run("DELETE FROM country_map_stale")
        return cells, events

    def _refresh_cell(self, country: str, period: str) -> None:
        self._run("DELETE FROM country_months WHERE period = ? AND country = ?", (period, country))
        high = period + "~" if period else "\x01"  # '~' sorts after every date character
        rows = self._all(_CELL, (country, period, high, period))
        self._run_many(
            "INSERT INTO country_months (period, kind, country, events) VALUES (?, ?, ?, ?)",
            [(period, r["kind"], country, int(r["events"])) for r in rows if r["events"]],
        )

    def _refresh_spans(self, events: Sequence[int]) -> None:
        marks = ", ".join("?" for _ in events)
        self._run(f"DELETE FROM country_event_spans WHERE event_key IN ({marks})", events)
        only = f"AND {EVENT_KEY} IN ({marks})"
        sides = " UNION ".join(_SIDE.format(side=s, only=only) for s in ("source", "target"))
        cells: dict[tuple[str, int], set[tuple[str, str]]] = defaultdict(set)
        for r in self._all(sides, [*events, *events]):
            cells[(str(r["country"]), int(r["event_key"]))].add((r["period"], r["kind"]))
        self._run_many(
            "INSERT INTO country_event_spans (event_key, country, period, kind)"
            " VALUES (?, ?, ?, ?)",
            [
                (key, country, period, kind)
                for (country, key), found in cells.items()
                if len(found) > 1
                for period, kind in sorted(found)
            ],
        )

    def _bump_map_version(self) -> None:
        self._run("UPDATE country_map_version SET version = version + 1 WHERE id = 1")

    def map_version(self) -> int:
        """A number that moves whenever the map's kept counts change."""
        row = self._one("SELECT version FROM country_map_version WHERE id = 1")
        return int(row["version"]) if row else 0


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)
