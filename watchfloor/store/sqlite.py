"""The SQLite store: one file, WAL mode, FTS5 search."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from watchfloor.store.migrations import migrations_for
from watchfloor.store.search import RANKED_MATCHES, fts_query
from watchfloor.store.sql_articles import SUMMARY_COLUMNS
from watchfloor.store.sql_base import now
from watchfloor.store.sql_store import SQLStore


class SQLiteStore(SQLStore):  # new portable mixins go in sql_store.SQLStore
    """A :class:`~watchfloor.store.base.Store` in one SQLite file.

    Everything but the connection, migrations, transactions and full-text search
    comes from the backend-neutral mixins.
    """

    backend = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=10000")
        self._migrate()

    # -- schema -----------------------------------------------------------
    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.db.execute("SELECT version FROM schema_migrations")}
        for migration in migrations_for(self.backend):
            if migration.version in done:
                continue
            with self._transaction():
                if self._one(
                    "SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)
                ):
                    continue  # another process applied it while this one waited for the lock
                for statement in _split_sql(migration.sql):
                    self.db.execute(statement)
                if migration.after:
                    getattr(self, migration.after)()
                self.db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (migration.version, migration.name, now()),
                )

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    # -- portable SQL primitives ---------------------------------------------
    # Mixins shared by every backend write portable SQL with ``?`` placeholders
    # and run it through these; each backend translates as it must.
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.db.execute(sql, tuple(params)).fetchall()]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        cursor = self.db.execute(sql, tuple(params))
        row = cursor.fetchone()
        cursor.close()  # resets the statement: an INSERT ... RETURNING is complete
        return None if row is None else dict(row)

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; the number of rows it changed."""
        return int(self.db.execute(sql, tuple(params)).rowcount)

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, (tuple(row) for row in rows))

    # -- full-text search -------------------------------------------------------
    def _search_articles(
        self, search: str, where: list[str], params: list[Any], limit: int, offset: int
    ) -> list[dict[str, Any]] | None:
        query = fts_query(search)
        if not query:
            return None
        # Rank first, from the index alone, then read the page's rows and snippets: an
        # article row holds its text before the summary's last columns, so reading it for
        # every match of a common word cost most of a search (bench/query.py).
        filtered = where != ["1 = 1"]
        join = " JOIN articles a ON a.id = articles_fts.rowid" if filtered else ""
        oldest = self._one(
            "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (query, RANKED_MATCHES - 1),
        )
        ranked = self._all(
            f"SELECT articles_fts.rowid AS id FROM articles_fts{join}"
            f" WHERE articles_fts MATCH ? AND articles_fts.rowid >= ? AND {' AND '.join(where)}"
            " ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?",
            [query, oldest["id"] if oldest else 0, *params, limit, offset],
        )
        ids = [int(r["id"]) for r in ranked]
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        rows = self._all(
            f"SELECT {SUMMARY_COLUMNS}, snippet(articles_fts, 1, '[', ']', ' … ', 12)"
            " AS snippet FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})",
            [query, *ids],
        )
        by_id = {int(r["id"]): r for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def close(self) -> None:
        # Keep the query planner's statistics current: without them SQLite walks every
        # event of a section instead of one actor's (bench/query.py: a profile 15 s -> 0.1 s).
        with contextlib.suppress(sqlite3.Error):  # a read-only or busy database still closes
            self.db.execute("PRAGMA optimize")
        self.db.close()


class _Transaction:
    """``with``-block that wraps statements in BEGIN IMMEDIATE ... COMMIT/ROLLBACK."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script; trigger bodies stay whole."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        if line.strip().startswith("--") and not current:
            continue
        current.append(line)
        joined = "\n".join(current)
        if sqlite3.complete_statement(joined):
            statements.append(joined.strip())
            current = []
    return [s for s in statements if s.strip(" ;\n")]
