"""Reads for exports, in portable SQL over the store primitives ``_all`` and ``_one``.

Every read takes a page at a time by key (``id > after ... ORDER BY id LIMIT n``),
so an export streams a store of any size in bounded memory. ``since`` keeps
what belongs to articles published (or, undated, ingested) on or after a date.
The SQL is portable: ``?`` placeholders, standard functions, full GROUP BY.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from watchfloor.store.sql_base import SQLBase

_SINCE = "coalesce(a.published, a.ingested_at) >= ?"

_ARTICLES = """
    SELECT a.id AS id, a.doc_id AS doc_id, a.title AS title, a.published AS published,
           a.ingested_at AS ingested_at, a.source AS source, a.author AS author, a.url AS url,
           a.language AS language, a.word_count AS word_count, a.origin AS origin,
           a.text AS text, (SELECT count(*) FROM copies c WHERE c.article_id = a.id) AS copies
    FROM articles a
    WHERE a.id > ? {since}
    ORDER BY a.id LIMIT ?
"""

_ACTORS = """
    SELECT r.id AS id, r.key AS key, r.name AS name, r.type AS type, r.country AS country,
           r.wikidata AS wikidata, r.known AS known,
           count(DISTINCT m.article_id) AS articles, count(m.id) AS mentions,
           min(a.published) AS first_seen, max(a.published) AS last_seen
    FROM actors r
    {join} mentions m ON m.actor_id = r.id
    {join} articles a ON a.id = m.article_id
    WHERE r.id > ? {since}
    GROUP BY r.id, r.key, r.name, r.type, r.country, r.wikidata, r.known
    ORDER BY r.id LIMIT ?
"""

_ACTOR_COLUMNS = ("key", "name", "country", "type", "wikidata")
_FACTS = """
    SELECT f.id AS id, f.article_id AS article_id, f.section AS section,
           f.ordinal AS ordinal, f.date AS date, f.evidence AS evidence,
           f.evidence_start AS evidence_start, f.evidence_end AS evidence_end, f.data AS data,
           a.doc_id AS doc_id, a.title AS title, a.url AS url, a.published AS published,
           a.ingested_at AS ingested_at, a.source AS publication,
           {actors}
    FROM facts f
    JOIN articles a ON a.id = f.article_id
    LEFT JOIN actors s ON s.id = f.source_actor_id
    LEFT JOIN actors t ON t.id = f.target_actor_id
    WHERE f.section = ? AND f.id > ? {since}
    ORDER BY f.id LIMIT ?
""".replace(
    "{actors}",
    ", ".join(
        f"{alias}.{column} AS {side}_{column}"
        for alias, side in (("s", "source"), ("t", "target"))
        for column in _ACTOR_COLUMNS
    ),
)


class SQLExport(SQLBase):
    """Mixin: export reads for any backend, through the portable ``_all`` primitive."""

    def export_articles(self, since: str | None, after: int, limit: int) -> list[dict[str, Any]]:
        """Articles with ``id > after``, oldest first, with their number of copies."""
        sql, params = _with_since(_ARTICLES, since, [after])
        return self._all(sql, [*params, limit])

    def export_actors(self, since: str | None, after: int, limit: int) -> list[dict[str, Any]]:
        """Registry actors with their article and mention counts (within ``since``)."""
        join = "JOIN" if since else "LEFT JOIN"  # with a date, only actors seen since then
        sql, params = _with_since(_ACTORS.replace("{join}", join), since, [after])
        return self._all(sql, [*params, limit])

    def export_facts(
        self, section: str, since: str | None, after: int, limit: int
    ) -> list[dict[str, Any]]:
        """Facts of one section with their article and their source and target actors."""
        sql, params = _with_since(_FACTS, since, [section, after])
        return self._all(sql, [*params, limit])

    def export_urls(self, article_ids: Sequence[int]) -> dict[int, list[str]]:
        """Every URL each article was seen at: its own, then its copies' (syndication)."""
        if not article_ids:
            return {}
        marks = ", ".join("?" for _ in article_ids)
        urls: dict[int, list[str]] = {int(i): [] for i in article_ids}
        for row in self._all(
            f"SELECT a.id AS id, a.url AS url, 0 AS n FROM articles a WHERE a.id IN ({marks})"
            " AND a.url IS NOT NULL UNION ALL SELECT c.article_id, c.url, c.id FROM copies c"
            f" WHERE c.article_id IN ({marks}) AND c.url IS NOT NULL ORDER BY 1, 3",
            [*article_ids, *article_ids],
        ):
            found = urls[int(row["id"])]
            if row["url"] not in found:
                found.append(row["url"])
        return urls

    def export_aliases(self, actor_ids: Sequence[int]) -> dict[int, list[str]]:
        """Every name each actor went by, alphabetically."""
        if not actor_ids:
            return {}
        marks = ", ".join("?" for _ in actor_ids)
        aliases: dict[int, list[str]] = {int(i): [] for i in actor_ids}
        for row in self._all(
            "SELECT actor_id AS actor_id, alias AS alias FROM actor_aliases"
            f" WHERE actor_id IN ({marks}) ORDER BY actor_id, alias",
            list(actor_ids),
        ):
            aliases[int(row["actor_id"])].append(row["alias"])
        return aliases


def _with_since(sql: str, since: str | None, params: list[Any]) -> tuple[str, list[Any]]:
    if since is None:
        return sql.replace("{since}", ""), params
    return sql.replace("{since}", f"AND {_SINCE}"), [*params, since]
