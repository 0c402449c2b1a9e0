"""The PostgreSQL store (psycopg 3): the same :class:`~watchfloor.store.base.Store`.

Everything but the connection, migrations, transactions and full-text search
comes from the backend-neutral mixins, whose ``?`` placeholders become psycopg's
``%s`` here. The connection runs in autocommit mode; ``_transaction()`` blocks
are real transactions (nested ones become savepoints). A writing transaction
first takes a lock of its schema, as SQLite's ``BEGIN IMMEDIATE`` does: two ingests
at once would otherwise both register one new actor, or both refile one article's
kept rows, and one of them would fail on a unique key (tests/test_crash.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import DictRow, dict_row

from watchfloor.store.migrations import Migration, migrations_for
from watchfloor.store.postgres_search import CONFIG, ts_query
from watchfloor.store.search import RANKED_MATCHES
from watchfloor.store.sql_articles import SUMMARY_COLUMNS
from watchfloor.store.sql_base import now
from watchfloor.store.sql_store import SQLStore

_MIGRATION_LOCK = 0x77617463  # pg_advisory_lock key: one migrating process at a time
_WRITE_LOCK = 0x77726974  # pg_advisory_xact_lock key, with the schema: one writer at a time
_HEADLINE = (  # the snippet: like SQLite's snippet(..., '[', ']', ' … ', 12)
    'StartSel=[, StopSel=], MaxWords=12, MinWords=6, MaxFragments=1, FragmentDelimiter=" … "'
)
# The newest RANKED_MATCHES matches are ranked, then the page's snippets are made.
_SEARCH = """
SELECT hit.*, ts_headline('{config}', a.text, to_tsquery('{config}', ?), ?) AS snippet
FROM (
    SELECT {columns}, ts_rank(a.fts, q.query) AS rank
    FROM (
        SELECT r.id FROM articles r WHERE r.fts @@ to_tsquery('{config}', ?)
        ORDER BY r.id DESC LIMIT ?
    ) AS recent JOIN articles a ON a.id = recent.id, to_tsquery('{config}', ?) AS q (query)
    WHERE {where}
    ORDER BY rank DESC, a.id DESC LIMIT ? OFFSET ?
) AS hit JOIN articles a ON a.id = hit.id
ORDER BY hit.rank DESC, hit.id DESC"""


class PostgresStore(SQLStore):  # new portable mixins go in sql_store.SQLStore
    """A :class:`~watchfloor.store.base.Store` in a PostgreSQL database.

    ``url`` is a libpq URL (``postgresql://user@host:port/db``); options such as
    ``?options=-csearch_path%3Dname`` pick a schema.
    """

    backend = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            if "connect_timeout" not in conninfo_to_dict(url):
                url = make_conninfo(url, connect_timeout=10)
            self.db: psycopg.Connection[DictRow] = psycopg.connect(
                url, autocommit=True, row_factory=dict_row
            )
        except psycopg.Error as exc:  # reported as an OSError, like a SQLite file that won't open
            raise ConnectionError(str(exc).strip()) from exc
        try:
            # JIT compiling adds 20-30 ms to each aggregate over many facts and pays back
            # nothing at this size (bench/query.py: an actor profile 0.74 s -> 0.57 s).
            self.db.execute("SET jit = off")
            self._migrate()
        except BaseException:
            self.db.close()
            raise

    # -- schema -----------------------------------------------------------
    def _migrate(self) -> None:
        self.db.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {row["version"] for row in self._all("SELECT version FROM schema_migrations")}
            for migration in migrations_for(self.backend):
                if migration.version not in done:
                    self._apply(migration)
        finally:
            self.db.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))

    def _apply(self, migration: Migration) -> None:
        with self._transaction():
            self.db.execute(migration.sql.encode())  # a whole script: no parameters
            if migration.after:
                getattr(self, migration.after)()
            self._run(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, now()),
            )

    def _transaction(self) -> AbstractContextManager[Any]:
        return self._writing()

    @contextmanager
    def _writing(self) -> Iterator[Any]:
        outermost = self.db.info.transaction_status == psycopg.pq.TransactionStatus.IDLE
        with self.db.transaction() as transaction:
            if outermost:
                self.db.execute(
                    "SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))", (_WRITE_LOCK,)
                )
            yield transaction

    # -- portable SQL primitives ---------------------------------------------
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return self.db.execute(_pg(sql), _params(params)).fetchall()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        return self.db.execute(_pg(sql), _params(params)).fetchone()

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.db.execute(_pg(sql), _params(params)).rowcount

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [_params(row) for row in rows]
        if batch:
            with self.db.cursor() as cursor:
                cursor.executemany(_pg(sql), batch)

    # -- full-text search -------------------------------------------------------
    def _search_articles(
        self, search: str, where: list[str], params: list[Any], limit: int, offset: int
    ) -> list[dict[str, Any]] | None:
        query = ts_query(search)
        if not query:
            return None
        sql = _SEARCH.format(config=CONFIG, columns=SUMMARY_COLUMNS, where=" AND ".join(where))
        ranked = (query, RANKED_MATCHES, query)
        return self._all(sql, [query, _HEADLINE, *ranked, *params, limit, offset])

    def close(self) -> None:
        self.db.close()


@lru_cache(maxsize=512)
def _pg(sql: str) -> str:
    """Portable SQL in psycopg's dialect: ``?`` placeholders become ``%s``.

    A literal ``%`` is doubled first, so it stays a ``%``; a ``?`` inside a quoted
    literal would be taken for a placeholder, so portable SQL passes such text as
    a parameter.
    """
    return sql.replace("%", "%%").replace("?", "%s")


def _params(params: Sequence[Any]) -> tuple[Any, ...]:
    """The parameters as PostgreSQL takes them: text cannot hold NUL characters, so
    each becomes U+FFFD (stored text keeps a mark; a look-up still finds nothing)."""
    return tuple(p.replace("\x00", "\ufffd") if isinstance(p, str) else p for p in params)
