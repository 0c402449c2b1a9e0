"""Is a store whole? The checks run after a crash (bench/crash.py, tests/test_crash.py).

Every write that files an article, a copy, an analysis or a story is one transaction,
so a process killed at any point must leave:

* no half-filed article: each article has its ``original`` copy;
* no row without its article: copies, mentions, facts, story members, log entries;
* no half-filed analysis: facts and mentions only of articles marked analysed;
* kept tables equal to a recount: ``refresh_query_tables`` run inside a transaction
  that is rolled back gives the very rows already stored.

:func:`unfinished` says what a run still has to do (articles not analysed or not
filed in a story): after a crash that is expected, after a completed run it is a bug.
"""

from __future__ import annotations

from typing import Any

from watchfloor.store.sql_map_rollup import MAP_TABLES
from watchfloor.store.sql_rollups import KEPT_TABLES
from watchfloor.store.sql_store import SQLStore

_ORPHANS = {
    "article without its original copy": "SELECT count(*) AS n FROM articles a WHERE NOT EXISTS"
    " (SELECT 1 FROM copies c WHERE c.article_id = a.id AND c.kind = 'original')",
    "copy without its article": "SELECT count(*) AS n FROM copies c WHERE NOT EXISTS"
    " (SELECT 1 FROM articles a WHERE a.id = c.article_id)",
    "fact without its article": "SELECT count(*) AS n FROM facts f WHERE NOT EXISTS"
    " (SELECT 1 FROM articles a WHERE a.id = f.article_id)",
    "fact of an article not marked analysed": "SELECT count(*) AS n FROM facts f WHERE NOT EXISTS"
    " (SELECT 1 FROM analysed d WHERE d.article_id = f.article_id)",
    "mention of an article not marked analysed": "SELECT count(*) AS n FROM mentions m"
    " WHERE NOT EXISTS (SELECT 1 FROM analysed d WHERE d.article_id = m.article_id)",
    "analysed mark without its article": "SELECT count(*) AS n FROM analysed d WHERE NOT EXISTS"
    " (SELECT 1 FROM articles a WHERE a.id = d.article_id)",
    "story member without its article": "SELECT count(*) AS n FROM story_articles s"
    " WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)",
    "log entry naming a missing article": "SELECT count(*) AS n FROM ingestion_log g"
    " WHERE g.article_id IS NOT NULL AND NOT EXISTS"
    " (SELECT 1 FROM articles a WHERE a.id = g.article_id)",
    "two articles with one text": "SELECT count(*) AS n FROM (SELECT text_hash FROM articles"
    " GROUP BY text_hash HAVING count(*) > 1) x",
}
_UNFINISHED = {
    "articles not analysed": "SELECT count(*) AS n FROM articles a WHERE NOT EXISTS"
    " (SELECT 1 FROM analysed d WHERE d.article_id = a.id)",
    "analysed articles in no story": "SELECT count(*) AS n FROM analysed d WHERE NOT EXISTS"
    " (SELECT 1 FROM story_articles s WHERE s.article_id = d.article_id)",
}


class _RollBack(Exception):
    """Raised to leave a transaction without keeping what it did."""


def problems(store: SQLStore) -> list[str]:
    """What is wrong with the store, one line each; empty when it is whole."""
    found = [f"{label}: {n}" for label, n in _counts(store, _ORPHANS).items() if n]
    return found + kept_table_drift(store)


def unfinished(store: SQLStore) -> dict[str, int]:
    """Work a run left undone (non-zero counts only)."""
    return {label: n for label, n in _counts(store, _UNFINISHED).items() if n}


def kept_table_drift(store: SQLStore) -> list[str]:
    """The kept tables whose rows differ from a recount (done and rolled back)."""
    tables = (*KEPT_TABLES, *MAP_TABLES)
    stored = {table: _rows(store, table) for table in tables}
    effective = _effective_dates(store)
    recounted: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with store._transaction():
            store.refresh_query_tables()
            recounted = {table: _rows(store, table) for table in tables}
            recounted["facts.effective_date"] = _effective_dates(store)
            raise _RollBack
    except _RollBack:
        pass
    stored["facts.effective_date"] = effective
    return [
        f"{table}: {len(stored[table])} rows kept, a recount gives {len(rows)}"
        + ("" if len(rows) != len(stored[table]) else " (different values)")
        for table, rows in recounted.items()
        if rows != stored[table]
    ]


def _counts(store: SQLStore, queries: dict[str, str]) -> dict[str, int]:
    return {label: int((store._one(sql) or {"n": 0})["n"]) for label, sql in queries.items()}


def _rows(store: SQLStore, table: str) -> list[tuple[Any, ...]]:
    return sorted((tuple(row.values()) for row in store._all(f"SELECT * FROM {table}")), key=repr)


def _effective_dates(store: SQLStore) -> list[tuple[Any, ...]]:
    rows = store._all("SELECT id, effective_date FROM facts")
    return sorted(((row["id"], row["effective_date"]) for row in rows), key=repr)
