"""The SQLite store: one file, WAL mode, FTS5 search."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from watchfloor.models import Article, Block, BlockKind
from watchfloor.store.base import (
    ArticleSummary,
    CopyRow,
    Fingerprint,
    LogEntry,
    StoredArticle,
)
from watchfloor.store.migrations import migrations_for
from watchfloor.store.search import fts_query
from watchfloor.store.sqlite_actors import SQLiteActors
from watchfloor.store.sqlite_facts import SQLiteFacts

_SUMMARY_COLUMNS = """a.id, a.doc_id, a.title, a.published, a.source, a.url, a.word_count,
    (SELECT count(*) FROM copies c WHERE c.article_id = a.id) AS copies"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(SQLiteActors, SQLiteFacts):
    """A :class:`~watchfloor.store.base.Store` in one SQLite file."""

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
                for statement in _split_sql(migration.sql):
                    self.db.execute(statement)
                self.db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                    (migration.version, migration.name, _now()),
                )

    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    # -- portable SQL primitives ---------------------------------------------
    # Mixins shared by every backend write portable SQL with ``?`` placeholders
    # and run it through these three; each backend translates as it must.
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(row) for row in self.db.execute(sql, tuple(params)).fetchall()]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        row = self.db.execute(sql, tuple(params)).fetchone()
        return None if row is None else dict(row)

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; the number of rows it changed."""
        return int(self.db.execute(sql, tuple(params)).rowcount)

    # -- writing ----------------------------------------------------------
    def find_by_hash(self, text_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE text_hash = ?", (text_hash,)
        ).fetchone()
        return int(row[0]) if row else None

    def add_article(self, article: Article, fingerprint: Fingerprint) -> int:
        now = _now()
        with self._transaction():
            doc_id = self._free_doc_id(article.doc_id, fingerprint.text_hash)
            cursor = self.db.execute(
                "INSERT INTO articles (doc_id, url, title, published, author, source, language,"
                " text, paragraphs, word_count, text_hash, minhash, origin, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc_id,
                    article.url,
                    article.title,
                    article.published,
                    article.author,
                    article.source,
                    article.language,
                    article.text,
                    _blocks_json(article),
                    article.word_count,
                    fingerprint.text_hash,
                    fingerprint.minhash,
                    article.origin,
                    now,
                ),
            )
            article_id = int(cursor.lastrowid or 0)
            self._insert_copy(article_id, article, "original", 1.0, now)
        return article_id

    def _free_doc_id(self, doc_id: str, text_hash: str) -> str:
        taken = self.db.execute("SELECT 1 FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
        return f"{doc_id}-{text_hash[:8]}" if taken else doc_id

    def add_copy(self, article_id: int, article: Article, kind: str, similarity: float) -> bool:
        with self._transaction():
            return self._insert_copy(article_id, article, kind, similarity, _now())

    def _insert_copy(
        self, article_id: int, article: Article, kind: str, similarity: float, now: str
    ) -> bool:
        if (
            article.url
            and self.db.execute(
                "SELECT 1 FROM copies WHERE article_id = ? AND url = ?", (article_id, article.url)
            ).fetchone()
        ):
            return False  # the same page reached another way (a feed, a folder) is no new copy
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO copies (article_id, origin, url, source, title, published,"
            " kind, similarity, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                article.origin,
                article.url,
                article.source,
                article.title,
                article.published,
                kind,
                similarity,
                now,
            ),
        )
        return cursor.rowcount > 0

    def log(
        self,
        origin: str,
        status: str,
        reason: str = "",
        detail: str = "",
        article_id: int | None = None,
    ) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO ingestion_log (origin, status, reason, detail, article_id,"
            " logged_at) VALUES (?, ?, ?, ?, ?, ?)",
            (origin, status, reason, detail[:2000], article_id, _now()),
        )

    # -- reading ----------------------------------------------------------
    def iter_minhashes(self) -> Iterator[tuple[int, bytes]]:
        for row in self.db.execute("SELECT id, minhash FROM articles WHERE minhash IS NOT NULL"):
            yield int(row[0]), bytes(row[1])

    def list_articles(
        self,
        search: str | None = None,
        since: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ArticleSummary]:
        where: list[str] = ["1 = 1"]
        params: list[Any] = []
        if since:
            where.append("a.published >= ?")
            params.append(since)
        limit, offset = max(0, min(int(limit), 10_000)), max(0, int(offset))
        if search and (query := fts_query(search)):
            sql = (
                f"SELECT {_SUMMARY_COLUMNS}, snippet(articles_fts, 1, '[', ']', ' … ', 12)"
                " AS snippet FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                f" WHERE articles_fts MATCH ? AND {' AND '.join(where)}"
                " ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?"
            )
            rows = self.db.execute(sql, [query, *params, limit, offset]).fetchall()
        else:
            sql = (
                f"SELECT {_SUMMARY_COLUMNS}, NULL AS snippet FROM articles a"
                f" WHERE {' AND '.join(where)}"
                " ORDER BY a.published DESC, a.id DESC LIMIT ? OFFSET ?"
            )
            rows = self.db.execute(sql, [*params, limit, offset]).fetchall()
        return [ArticleSummary(**dict(row)) for row in rows]

    def get_article(self, key: int | str) -> StoredArticle | None:
        column = "id" if isinstance(key, int) or str(key).isdigit() else "doc_id"
        row = self.db.execute(f"SELECT * FROM articles WHERE {column} = ?", (key,)).fetchone()
        if row is None and column == "id":
            row = self.db.execute("SELECT * FROM articles WHERE doc_id = ?", (str(key),)).fetchone()
        if row is None:
            return None
        copies = [
            CopyRow(
                r["origin"], r["url"], r["source"], r["kind"], r["similarity"], r["ingested_at"]
            )
            for r in self.db.execute(
                "SELECT * FROM copies WHERE article_id = ? ORDER BY id", (row["id"],)
            )
        ]
        return StoredArticle(
            id=row["id"],
            article=_row_to_article(row),
            text_hash=row["text_hash"],
            ingested_at=row["ingested_at"],
            copies=copies,
        )

    def log_entries(self, status: str | None = None, limit: int = 1000) -> list[LogEntry]:
        sql = "SELECT origin, status, reason, detail, article_id, logged_at FROM ingestion_log"
        params: list[Any] = []
        if status:
            sql += " WHERE status = ?"
            params.append(status)
        rows = self.db.execute(sql + " ORDER BY id LIMIT ?", [*params, limit]).fetchall()
        return [LogEntry(**dict(row)) for row in rows]

    def counts(self) -> dict[str, int]:
        tables = {
            "articles": "articles",
            "copies": "copies",
            "log": "ingestion_log",
            "actors": "actors",
            "mentions": "mentions",
            "facts": "facts",
        }
        return {
            name: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for name, table in tables.items()
        }

    def close(self) -> None:
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


def _blocks_json(article: Article) -> str:
    return json.dumps(
        [
            {"text": b.text, "kind": b.kind.value, "start": b.start, "end": b.end}
            for b in article.blocks
        ],
        ensure_ascii=False,
    )


def _row_to_article(row: sqlite3.Row) -> Article:
    blocks = tuple(
        Block(text=b["text"], kind=BlockKind(b["kind"]), start=b["start"], end=b["end"])
        for b in json.loads(row["paragraphs"])
    )
    return Article(
        doc_id=row["doc_id"],
        origin=row["origin"],
        text=row["text"],
        blocks=blocks,
        title=row["title"],
        url=row["url"],
        published=row["published"],
        author=row["author"],
        source=row["source"],
        language=row["language"],
    )
