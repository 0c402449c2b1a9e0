"""Stories, merged events and the brief's reads, in portable SQL.

A mixin for every backend: it uses only ``self._all``, ``self._one``,
``self._run`` and ``self._transaction()``, with ``?`` placeholders, standard
functions (substr, coalesce, count), every non-aggregated column in GROUP BY,
``ON CONFLICT DO NOTHING`` and ``RETURNING id``, and ISO dates compared as
text. The decisions (which story, which cluster, the counts) are made in
:mod:`watchfloor.stories`; this class only reads and writes rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from watchfloor.store.sql_base import SQLBase, clamp_limit
from watchfloor.store.sql_times import utc_text

Row = dict[str, Any]

_WHEN = "coalesce(a.published, a.ingested_at)"
_ARTICLE = (
    "a.id AS article_id, a.doc_id AS doc_id, a.title AS title, a.url AS url,"
    " a.source AS source, a.published AS published, a.ingested_at AS ingested_at"
)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


class SQLStories(SQLBase):
    """Mixin: the rows behind stories, event clusters and the brief."""

    # provided by SQLRollups (declared, not defined, so that they never shadow those)
    refresh_fact_rollups: Callable[[Sequence[int]], None]
    refresh_query_tables: Callable[[], None]

    def stories_transaction(self) -> AbstractContextManager[Any]:
        """One transaction around the filing of an article."""
        return self._transaction()

    # -- articles as grouping sees them ---------------------------------------
    def story_article(self, article_id: int, lead_chars: int) -> Row | None:
        """An article's headline, lead, dates and outlet, and its story if filed."""
        return self._one(
            f"SELECT {_ARTICLE}, substr(a.text, 1, ?) AS lead, sa.story_id AS story_id"
            " FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id"
            " WHERE a.id = ?",
            (lead_chars, article_id),
        )

    def story_neighbours(self, low: str, high: str, lead_chars: int, limit: int) -> list[Row]:
        """Filed articles published between ``low`` and ``high``, newest first."""
        return self._all(
            f"SELECT {_ARTICLE}, substr(a.text, 1, ?) AS lead, sa.story_id AS story_id"
            " FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            f" WHERE {_WHEN} >= ? AND {_WHEN} <= ? ORDER BY {_WHEN} DESC, a.id DESC LIMIT ?",
            (lead_chars, low, high, limit),
        )

    def article_actor_counts(self, article_ids: Sequence[int]) -> list[Row]:
        """(article_id, actor_id, mentions) of the given articles."""
        if not article_ids:
            return []
        return self._all(
            "SELECT article_id, actor_id, count(*) AS mentions FROM mentions"
            f" WHERE article_id IN ({_marks(article_ids)}) GROUP BY article_id, actor_id",
            list(article_ids),
        )

    def unfiled_article_ids(self) -> list[int]:
        """Analysed articles not in a story yet, or with event facts in no cluster."""
        rows = self._all(
            "SELECT article_id FROM analysed WHERE article_id NOT IN"
            " (SELECT article_id FROM story_articles) UNION SELECT article_id FROM facts"
            " WHERE section = 'events' AND kind IS NOT NULL AND cluster_id IS NULL"
            " ORDER BY article_id"
        )
        return [int(r["article_id"]) for r in rows]

    # -- stories -------------------------------------------------------------
    def new_story(self) -> int:
        return self._insert(
            "INSERT INTO stories (article_count, source_count) VALUES (0, 0) RETURNING id"
        )

    def add_story_article(self, story_id: int, article_id: int, similarity: float) -> None:
        self._run(
            "INSERT INTO story_articles (story_id, article_id, similarity) VALUES (?, ?, ?)"
            " ON CONFLICT (article_id) DO NOTHING",
            (story_id, article_id, similarity),
        )

    def story_members(self, story_id: int) -> list[Row]:
        return self._all(
            f"SELECT {_ARTICLE} FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            f" WHERE sa.story_id = ? ORDER BY {_WHEN}, a.id",
            (story_id,),
        )

    def update_story(self, story_id: int, fields: dict[str, Any]) -> None:
        names = ", ".join(f"{name} = ?" for name in fields)
        self._run(f"UPDATE stories SET {names} WHERE id = ?", [*fields.values(), story_id])

    def list_stories(self, since: str | None = None, limit: int = 50) -> list[Row]:
        """Stories, latest first: id, title, dates and counts."""
        where, params = ("WHERE last_published >= ?", [since]) if since else ("", [])
        return self._all(
            "SELECT id, title, first_published, last_published, article_count, source_count"
            f" FROM stories {where} ORDER BY last_published DESC NULLS LAST,"
            " article_count DESC, id DESC LIMIT ?",
            [*params, clamp_limit(limit)],
        )

    # -- event clusters ---------------------------------------------------------
    def article_events(self, article_id: int) -> list[Row]:
        """The article's event facts, in order, with the cluster each is in."""
        return self._all(
            "SELECT f.id AS fact_id, f.kind AS type, f.source_actor_id AS source_id,"
            " f.target_actor_id AS target_id, f.date AS date, f.evidence AS evidence,"
            " f.data AS data, f.cluster_id AS cluster_id, f.article_id AS article_id,"
            " a.published AS published,"
            " a.ingested_at AS ingested_at FROM facts f JOIN articles a ON a.id = f.article_id"
            " WHERE f.article_id = ? AND f.section = 'events' AND f.kind IS NOT NULL"
            " ORDER BY f.ordinal",
            (article_id,),
        )

    def cluster_candidates(self, type_: str, low: str, high: str) -> list[Row]:
        """Every member of the clusters of a type whose first date is in [low, high]."""
        return self._all(
            "SELECT c.id AS cluster_id, c.type AS type, c.source_actor_id AS source_id,"
            " c.target_actor_id AS target_id, c.first_date AS first_date,"
            " f.evidence AS evidence, f.data AS data, f.article_id AS article_id"
            " FROM event_clusters c"
            " JOIN facts f ON f.cluster_id = c.id"
            " WHERE c.type = ? AND c.first_date >= ? AND c.first_date <= ? ORDER BY c.id, f.id",
            (type_, low, high),
        )

    def new_cluster(self, fields: dict[str, Any]) -> int:
        names = ", ".join(fields)
        return self._insert(
            f"INSERT INTO event_clusters ({names}) VALUES ({_marks(list(fields))}) RETURNING id",
            list(fields.values()),
        )

    def assign_cluster(self, fact_id: int, cluster_id: int) -> None:
        self._run("UPDATE facts SET cluster_id = ? WHERE id = ?", (cluster_id, fact_id))

    def cluster_members(self, cluster_ids: Sequence[int]) -> list[Row]:
        """Every fact of the given clusters with its article, outlet and story."""
        if not cluster_ids:
            return []
        return self._all(
            "SELECT f.cluster_id AS cluster_id, f.id AS fact_id, f.kind AS type,"
            " f.date AS date, f.evidence AS evidence, f.evidence_start AS evidence_start,"
            " f.source_actor_id AS source_id, f.target_actor_id AS target_id, f.data AS data,"
            f" {_ARTICLE}, sa.story_id AS story_id FROM facts f"
            " JOIN articles a ON a.id = f.article_id"
            " LEFT JOIN story_articles sa ON sa.article_id = f.article_id"
            f" WHERE f.cluster_id IN ({_marks(cluster_ids)}) ORDER BY f.cluster_id, f.id",
            list(cluster_ids),
        )

    def update_cluster(self, cluster_id: int, fields: dict[str, Any]) -> None:
        names = ", ".join(f"{name} = ?" for name in fields)
        self._run(f"UPDATE event_clusters SET {names} WHERE id = ?", [*fields.values(), cluster_id])

    def delete_cluster(self, cluster_id: int) -> None:
        self._run("UPDATE facts SET cluster_id = NULL WHERE cluster_id = ?", (cluster_id,))
        self._run("DELETE FROM event_clusters WHERE id = ?", (cluster_id,))

    def clusters_near(self, story_id: int | None, low: str, high: str) -> list[int]:
        """Clusters of a story, or whose dates overlap [low, high]: where stale counts hide."""
        rows = self._all(
            "SELECT id FROM event_clusters WHERE story_id = ?"
            " OR (last_date >= ? AND first_date <= ?) ORDER BY id",
            (story_id, low, high),
        )
        return [int(r["id"]) for r in rows]

    def clear_stories(self) -> None:
        """Forget every story and cluster (the facts stay)."""
        self._run("UPDATE facts SET cluster_id = NULL WHERE cluster_id IS NOT NULL")
        self._run("DELETE FROM event_clusters")
        self._run("DELETE FROM story_articles")
        self._run("DELETE FROM stories")

    # -- the brief ---------------------------------------------------------------
    def newest_article_times(self) -> Row:
        """The newest publication date and the newest ingestion time of any article."""
        row = self._one(
            f"SELECT max({utc_text('published', self.backend)}) AS published,"
            f" max({utc_text('ingested_at', self.backend)}) AS ingested,"
            " count(*) AS articles FROM articles"
        )
        return row or {"published": None, "ingested": None, "articles": 0}

    def window_counts(self, since: str | None, until: str) -> Row:
        """How many articles, stories and event clusters the window holds."""
        where, params = _window(since, until, self.backend)
        row = self._one(
            "SELECT count(*) AS articles, count(DISTINCT sa.story_id) AS stories,"
            " count(DISTINCT a.source) AS outlets FROM articles a"
            f" LEFT JOIN story_articles sa ON sa.article_id = a.id WHERE {where}",
            params,
        )
        events = self._one(
            "SELECT count(DISTINCT f.cluster_id) AS events FROM facts f"
            f" JOIN articles a ON a.id = f.article_id WHERE f.cluster_id IS NOT NULL AND {where}",
            params,
        )
        return {**(row or {}), **(events or {})}

    def window_clusters(self, since: str | None, until: str, limit: int) -> list[Row]:
        """Clusters with a mention published in the window, best reported first."""
        where, params = _window(since, until, self.backend)
        return self._all(
            "SELECT c.id AS id, c.type AS type, c.mode AS mode, c.quad AS quad,"
            " c.first_date AS first_date, c.last_date AS last_date, c.evidence AS evidence,"
            " c.mention_count AS mention_count, c.article_count AS article_count,"
            " c.source_count AS source_count, s.name AS source_name,"
            " t.name AS target_name, ff.data AS data, (SELECT min(coalesce(a2.published,"
            " a2.ingested_at)) FROM facts f2 JOIN articles a2 ON a2.id = f2.article_id"
            " WHERE f2.cluster_id = c.id) AS first_reported FROM event_clusters c"
            " LEFT JOIN actors s ON s.id = c.source_actor_id"
            " LEFT JOIN actors t ON t.id = c.target_actor_id"
            " LEFT JOIN facts ff ON ff.id = c.fact_id"
            " WHERE c.id IN (SELECT f.cluster_id FROM facts f JOIN articles a"
            f" ON a.id = f.article_id WHERE f.cluster_id IS NOT NULL AND {where})"
            " ORDER BY c.source_count DESC, c.article_count DESC, c.mention_count DESC, c.id"
            " LIMIT ?",
            [*params, clamp_limit(limit)],
        )

    def cluster_articles(self, cluster_ids: Sequence[int]) -> list[Row]:
        """(cluster_id, article) for every fact of the clusters, earliest article first."""
        if not cluster_ids:
            return []
        return self._all(
            f"SELECT f.cluster_id AS cluster_id, {_ARTICLE} FROM facts f"
            f" JOIN articles a ON a.id = f.article_id WHERE f.cluster_id IN ({_marks(cluster_ids)})"
            f" ORDER BY f.cluster_id, {_WHEN}, a.id",
            list(cluster_ids),
        )

    def article_copies(self, article_ids: Sequence[int]) -> list[Row]:
        """Syndicated and re-published copies (not the originals) of the articles."""
        if not article_ids:
            return []
        return self._all(
            "SELECT article_id, source, url FROM copies WHERE kind <> 'original'"
            f" AND article_id IN ({_marks(article_ids)}) ORDER BY id",
            list(article_ids),
        )

    def window_facts(self, section: str, since: str | None, until: str, limit: int) -> list[Row]:
        """Facts of a section stated in articles published in the window, newest first."""
        where, params = _window(since, until, self.backend)
        return self._all(
            f"{_FACTS} WHERE f.section = ? AND {where} ORDER BY {_WHEN} DESC, f.id LIMIT ?",
            [section, *params, clamp_limit(limit)],
        )

    def facts_due(self, section: str, since: str | None, until: str, limit: int) -> list[Row]:
        """Facts of a section whose date (a forecast's horizon) falls in the window."""
        low = "f.date >= ? AND " if since else ""
        return self._all(
            f"{_FACTS} WHERE f.section = ? AND {low}f.date <= ? ORDER BY f.date, f.id LIMIT ?",
            [section, *([since] if since else []), until, clamp_limit(limit)],
        )

    def story_facts(self, section: str, story_ids: Sequence[int]) -> list[Row]:
        """Facts of a section from every article of the given stories, oldest first."""
        if not story_ids:
            return []
        return self._all(
            f"{_FACTS} JOIN story_articles sa ON sa.article_id = f.article_id"
            f" WHERE f.section = ? AND sa.story_id IN ({_marks(story_ids)})"
            f" ORDER BY {_WHEN}, f.id",
            [section, *story_ids],
        )


_FACTS = (
    "SELECT f.id AS fact_id, f.kind AS kind, f.date AS date, f.evidence AS evidence,"
    f" f.data AS data, s.name AS source_name, {_ARTICLE},"
    " (SELECT sa2.story_id FROM story_articles sa2 WHERE sa2.article_id = a.id) AS story_id,"
    " (SELECT count(DISTINCT m.article_id) FROM mentions m"
    " WHERE m.actor_id = f.source_actor_id) AS source_articles"
    " FROM facts f JOIN articles a ON a.id = f.article_id"
    " LEFT JOIN actors s ON s.id = f.source_actor_id"
)


def _window(since: str | None, until: str, backend: str) -> tuple[str, list[str]]:
    """The condition that an article (``a``) was published in the window, compared as
    times in UTC (store/sql_times.py): ``since`` and ``until`` are UTC times or days."""
    when = utc_text(_WHEN, backend)
    if since is None:
        return f"{when} <= ?", [until]
    return f"{when} >= ? AND {when} <= ?", [since, until]
