"""The actor registry, in portable SQL for every backend."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from watchfloor.actors.types import DocActor, local_ids
from watchfloor.store.actors import (
    ActorProfile,
    ActorSummary,
    alias_key,
    first_variant,
    name_lengths,
    registry_key,
)
from watchfloor.store.sql_base import SQLBase, clamp_limit, like_escape, now
from watchfloor.store.sql_map_rollup import MapState
from watchfloor.store.sql_rollups import MonthKey, PairKey

# Counts are kept in actor_totals as articles are filed (store/sql_rollups.py).
_SUMMARY = """
    SELECT a.id, a.key, a.name, a.type, a.country,
           coalesce(t.articles, 0) AS articles, coalesce(t.mentions, 0) AS mentions,
           t.first_seen AS first_seen, t.last_seen AS last_seen
    FROM actors a LEFT JOIN actor_totals t ON t.actor_id = a.id
"""
# The unknown people's full names that variant look-ups search (migration 0008).
_PERSON_NAMES = """INSERT INTO person_names (actor_id, alias, alias_key, initial, length)
    SELECT aa.actor_id, aa.alias, aa.alias_key, substr(aa.alias_key, 1, 1), length(aa.alias_key)
    FROM actor_aliases aa JOIN actors a ON a.id = aa.actor_id
    WHERE a.type = 'PERSON' AND a.known = 0 AND aa.alias LIKE '% %' AND aa.alias_key <> ''"""
_ADD_PERSON_NAME = """INSERT INTO person_names (actor_id, alias, alias_key, initial, length)
    SELECT id, ?, ?, ?, ? FROM actors WHERE id = ? AND type = 'PERSON' AND known = 0
    ON CONFLICT DO NOTHING"""


class SQLActors(SQLBase):
    """Mixin: actors, their names, roles and mentions; ``save_analysis`` files facts too."""

    # provided by SQLFacts and SQLRollups (declared, not defined, so that they never
    # shadow those)
    _file_facts: Callable[[int, dict[str, list[dict[str, Any]]], dict[str, int]], None]
    _article_mentions: Callable[[int], dict[int, int]]
    _add_actor_totals: Callable[[int, dict[int, int]], None]
    _file_fact_actors: Callable[[int], None]
    _see_role: Callable[[int, int, tuple[str, str, str]], None]
    _article_rollup_keys: Callable[[int], tuple[set[MonthKey], set[PairKey]]]
    _refresh_rollups: Callable[[Iterable[MonthKey], Iterable[PairKey]], None]
    _article_map_keys: Callable[[int, MapState | None], MapState]  # SQLMapRollup: the map
    _refresh_map: Callable[[MapState, MapState], None]

    def save_actors(self, article_id: int, doc_id: str, actors: list[DocActor]) -> None:
        """File a document's actors in the registry, with their mentions and roles."""
        self.save_analysis(article_id, doc_id, actors, {})

    def save_analysis(
        self,
        article_id: int,
        doc_id: str,
        actors: list[DocActor],
        facts: dict[str, list[dict[str, Any]]],
    ) -> None:
        """File an article's actors and facts in one transaction and mark it analysed;
        the tables kept for the queries follow (store/sql_rollups.py)."""
        with self._transaction():
            mentioned = self._article_mentions(article_id)
            old_months, old_pairs = self._article_rollup_keys(article_id)
            old_map = self._article_map_keys(article_id, None)
            registry = self._file_actors(article_id, doc_id, actors)
            local = {local: registry[key] for key, local in local_ids(actors).items()}
            self._file_facts(article_id, facts, local)
            self._file_fact_actors(article_id)
            self._add_actor_totals(article_id, mentioned)
            months, pairs = self._article_rollup_keys(article_id)
            self._refresh_rollups(old_months | months, old_pairs | pairs)
            self._refresh_map(old_map, self._article_map_keys(article_id, old_map))
            self._run(
                "INSERT INTO analysed (article_id, analysed_at) VALUES (?, ?)"
                " ON CONFLICT DO NOTHING",
                (article_id, now()),
            )

    def _file_actors(self, article_id: int, doc_id: str, actors: list[DocActor]) -> dict[str, int]:
        """Registry ids of the document's actors, by actor key."""
        registry: dict[str, int] = {}
        for actor in actors:
            actor_id = self._registry_id(actor, doc_id)
            registry[actor.key] = actor_id
            self._add_names(actor_id, actor)
            if actor.role or actor.organisation or actor.country:
                role = (actor.role or "", actor.organisation or "", actor.country or "")
                self._run(
                    "INSERT INTO actor_roles (actor_id, article_id, role, organisation, country)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (actor_id, article_id, *role),
                )
                self._see_role(actor_id, article_id, role)
            self._run_many(
                'INSERT INTO mentions (article_id, actor_id, start, "end", text)'
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(article_id, actor_id, m.start, m.end, m.text) for m in actor.mentions],
            )
        return registry

    def _registry_id(self, actor: DocActor, doc_id: str) -> int:
        key = registry_key(actor, doc_id)
        row = self._one("SELECT id FROM actors WHERE key = ?", (key,))
        found = int(row["id"]) if row else None
        if found is None and actor.type == "PERSON" and not actor.known and key == actor.key:
            found = self._variant_of(actor)
        country = actor.country if actor.country_from != "article" else None
        if found is not None:
            if country:
                self._run(
                    "UPDATE actors SET country = coalesce(country, ?) WHERE id = ?",
                    (country, found),
                )
            return found
        return self._insert(
            "INSERT INTO actors (key, name, type, country, wikidata, known, agent)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (key, actor.name, actor.type, country, actor.wikidata, int(actor.known), actor.agent),
        )

    def _variant_of(self, actor: DocActor) -> int | None:
        """An unknown person already filed under a spelling variant of the name."""
        key = alias_key(actor.name)
        if not key:
            return None
        rows = self._all(
            "SELECT actor_id, alias_key FROM person_names WHERE initial = ?"
            " AND length BETWEEN ? AND ? ORDER BY actor_id, alias",
            (key[:1], *name_lengths(len(key))),
        )
        first = first_variant(actor.name, [row["alias_key"] for row in rows])
        return None if first is None else int(rows[first]["actor_id"])

    def _add_names(self, actor_id: int, actor: DocActor) -> None:
        names = dict.fromkeys([actor.name, *actor.surface_forms])
        keys = {name: alias_key(name) for name in names}
        self._run_many(
            "INSERT INTO actor_aliases (actor_id, alias, alias_key) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            [(actor_id, name, key) for name, key in keys.items()],
        )
        self._run_many(  # full names of unknown people (the insert checks the registry row)
            _ADD_PERSON_NAME,
            [(n, k, k[:1], len(k), actor_id) for n, k in keys.items() if " " in n and k],
        )

    def refresh_person_names(self) -> None:
        """Refill the variant look-up table from the registry (migration 0008, bulk loads)."""
        self._run("DELETE FROM person_names")
        self._run(_PERSON_NAMES)

    def is_analysed(self, article_id: int) -> bool:
        row = self._one("SELECT article_id FROM analysed WHERE article_id = ?", (article_id,))
        return row is not None

    def unanalysed_ids(self, limit: int = 1000) -> list[int]:
        rows = self._all(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM analysed)"
            " ORDER BY id LIMIT ?",
            (max(0, min(int(limit), 10**9)),),
        )
        return [int(r["id"]) for r in rows]

    def list_actors(
        self,
        country: str | None = None,
        kind: str | None = None,
        search: str | None = None,
        limit: int = 50,
    ) -> list[ActorSummary]:
        where, params = ["1 = 1"], []  # type: list[str], list[Any]
        if country:
            where.append("a.country = ?")
            params.append(country.upper())
        if kind:
            where.append("a.type = ?")
            params.append(kind.upper())
        if search:
            where.append(
                "a.id IN (SELECT actor_id FROM actor_aliases WHERE alias_key LIKE ? ESCAPE '\\')"
            )
            params.append("%" + like_escape(alias_key(search)) + "%")
        rows = self._all(
            f"{_SUMMARY} WHERE {' AND '.join(where)}"
            " ORDER BY articles DESC, mentions DESC, a.name, a.id LIMIT ?",
            [*params, clamp_limit(limit)],
        )
        return [ActorSummary(**row) for row in rows]

    def get_actor(self, name: str) -> ActorProfile | None:
        """The profile of the actor best matching ``name`` (key, name or alias)."""
        summary = self._best_actor(name)
        if summary is None:
            return None
        aliases = [
            r["alias"]
            for r in self._all(
                "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (summary.id,)
            )
        ]
        roles = [
            (r["role"], r["organisation"], r["country"], r["last_seen"])
            for r in self._all(
                "SELECT r.role, r.organisation, r.country, r.last_seen FROM actor_role_seen r"
                " WHERE r.actor_id = ?"
                " ORDER BY r.last_seen DESC NULLS LAST, r.role, r.organisation, r.country",
                (summary.id,),
            )
        ]
        row = self._one("SELECT wikidata, agent FROM actors WHERE id = ?", (summary.id,))
        wikidata = row["wikidata"] if row else None
        agent = row["agent"] if row else None
        countries = sorted({str(c) for _, _, c, _ in roles if c} | {summary.country or ""} - {""})
        return ActorProfile(summary, wikidata, aliases, roles, countries, agent)

    def _best_actor(self, name: str) -> ActorSummary | None:
        key = alias_key(name)
        row = self._one(
            f"{_SUMMARY} WHERE a.key = ? OR a.id IN"
            " (SELECT actor_id FROM actor_aliases WHERE alias_key = ?)"
            " ORDER BY articles DESC, a.id LIMIT 1",
            (name, key),
        )
        if row is None and key and " " not in key:  # a surname: the most reported full name
            row = self._one(
                f"{_SUMMARY} WHERE a.type = 'PERSON' AND a.id IN (SELECT actor_id FROM"
                " actor_aliases WHERE alias_key LIKE ? ESCAPE '\\')"
                " ORDER BY articles DESC, a.id LIMIT 1",
                ("% " + like_escape(key),),
            )
        return ActorSummary(**row) if row else None
