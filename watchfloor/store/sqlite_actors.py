"""The actor registry half of the SQLite store."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from watchfloor.actors.types import DocActor
from watchfloor.store.actors import (
    ActorProfile,
    ActorSummary,
    alias_key,
    registry_key,
    same_person,
)

_SUMMARY = """
    SELECT a.id, a.key, a.name, a.type, a.country,
           count(DISTINCT m.article_id) AS articles, count(m.id) AS mentions,
           min(ar.published) AS first_seen, max(ar.published) AS last_seen
    FROM actors a
    LEFT JOIN mentions m ON m.actor_id = a.id
    LEFT JOIN articles ar ON ar.id = m.article_id
"""


class SQLiteActors:
    """Mixin: needs ``self.db`` (a connection) and ``self._transaction()``."""

    db: sqlite3.Connection

    def _transaction(self) -> Any: ...  # provided by SQLiteStore

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
        """File an article's actors and facts in one transaction and mark it analysed."""
        with self._transaction():
            registry = self._file_actors(article_id, doc_id, actors)
            local = {f"a{n}": registry[a.key] for n, a in enumerate(actors, start=1)}
            self._file_facts(article_id, facts, local)  # type: ignore[attr-defined]
            self.db.execute(
                "INSERT OR IGNORE INTO analysed VALUES (?, ?)",
                (article_id, datetime.now(UTC).isoformat(timespec="seconds")),
            )

    def _file_actors(self, article_id: int, doc_id: str, actors: list[DocActor]) -> dict[str, int]:
        """Registry ids of the document's actors, by actor key."""
        registry: dict[str, int] = {}
        for actor in actors:
            actor_id = self._registry_id(actor, doc_id)
            registry[actor.key] = actor_id
            self._add_names(actor_id, actor)
            if actor.role or actor.organisation or actor.country:
                row = (actor.role or "", actor.organisation or "", actor.country or "")
                self.db.execute(
                    "INSERT OR IGNORE INTO actor_roles VALUES (?, ?, ?, ?, ?)",
                    (actor_id, article_id, *row),
                )
            self.db.executemany(
                "INSERT OR IGNORE INTO mentions (article_id, actor_id, start, end, text)"
                " VALUES (?, ?, ?, ?, ?)",
                [(article_id, actor_id, m.start, m.end, m.text) for m in actor.mentions],
            )
        return registry

    def _registry_id(self, actor: DocActor, doc_id: str) -> int:
        key = registry_key(actor, doc_id)
        row = self.db.execute("SELECT id FROM actors WHERE key = ?", (key,)).fetchone()
        if row is None and actor.type == "PERSON" and not actor.known and key == actor.key:
            row = self._variant_of(actor)
        country = actor.country if actor.country_from != "article" else None
        if row is not None:
            if country:
                self.db.execute(
                    "UPDATE actors SET country = coalesce(country, ?) WHERE id = ?",
                    (country, row[0]),
                )
            return int(row[0])
        cursor = self.db.execute(
            "INSERT INTO actors (key, name, type, country, wikidata, known)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, actor.name, actor.type, country, actor.wikidata, int(actor.known)),
        )
        return int(cursor.lastrowid or 0)

    def _variant_of(self, actor: DocActor) -> tuple[int] | None:
        """An unknown person already filed under a spelling variant of the name."""
        prefix = alias_key(actor.name)[:1]
        rows = self.db.execute(
            "SELECT DISTINCT a.id, aa.alias FROM actors a JOIN actor_aliases aa"
            " ON aa.actor_id = a.id WHERE a.type = 'PERSON' AND a.known = 0"
            " AND aa.alias_key LIKE ? AND instr(aa.alias, ' ') > 0",
            (prefix + "%",),
        ).fetchall()
        for actor_id, alias in rows:
            if same_person(actor.name, alias):
                return (int(actor_id),)
        return None

    def _add_names(self, actor_id: int, actor: DocActor) -> None:
        names = dict.fromkeys([actor.name, *actor.surface_forms])
        self.db.executemany(
            "INSERT OR IGNORE INTO actor_aliases VALUES (?, ?, ?)",
            [(actor_id, name, alias_key(name)) for name in names],
        )

    def is_analysed(self, article_id: int) -> bool:
        row = self.db.execute("SELECT 1 FROM analysed WHERE article_id = ?", (article_id,))
        return row.fetchone() is not None

    def unanalysed_ids(self, limit: int = 1000) -> list[int]:
        rows = self.db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM analysed)"
            " ORDER BY id LIMIT ?",
            (limit,),
        )
        return [int(r[0]) for r in rows]

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
            params.append("%" + _like(alias_key(search)) + "%")
        sql = (
            f"{_SUMMARY} WHERE {' AND '.join(where)} GROUP BY a.id"
            " ORDER BY articles DESC, mentions DESC, a.name LIMIT ?"
        )
        rows = self.db.execute(sql, [*params, max(1, min(int(limit), 10_000))]).fetchall()
        return [ActorSummary(*row) for row in rows]

    def get_actor(self, name: str) -> ActorProfile | None:
        """The profile of the actor best matching ``name`` (key, name or alias)."""
        key = alias_key(name)
        row = self.db.execute(
            f"{_SUMMARY} WHERE a.key = ? OR a.id IN"
            " (SELECT actor_id FROM actor_aliases WHERE alias_key = ?)"
            " GROUP BY a.id ORDER BY articles DESC LIMIT 1",
            (name, key),
        ).fetchone()
        if row is None and key and " " not in key:  # a surname: the most reported full name
            row = self.db.execute(
                f"{_SUMMARY} WHERE a.type = 'PERSON' AND a.id IN (SELECT actor_id FROM"
                " actor_aliases WHERE alias_key LIKE ? ESCAPE '\\')"
                " GROUP BY a.id ORDER BY articles DESC LIMIT 1",
                ("% " + _like(key),),
            ).fetchone()
        if row is None:
            return None
        summary = ActorSummary(*row)
        aliases = [
            r[0]
            for r in self.db.execute(
                "SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (summary.id,)
            )
        ]
        roles = [
            tuple(r)
            for r in self.db.execute(
                "SELECT r.role, r.organisation, r.country, max(a.published)"
                " FROM actor_roles r"
                " JOIN articles a ON a.id = r.article_id WHERE r.actor_id = ?"
                " GROUP BY r.role, r.organisation, r.country ORDER BY 4 DESC",
                (summary.id,),
            )
        ]
        wikidata = self.db.execute(
            "SELECT wikidata FROM actors WHERE id = ?", (summary.id,)
        ).fetchone()[0]
        countries = sorted({str(c) for _, _, c, _ in roles if c} | {summary.country or ""} - {""})
        return ActorProfile(summary, wikidata, aliases, roles, countries)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
