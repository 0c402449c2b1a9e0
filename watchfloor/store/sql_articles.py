"""Articles, their copies and the ingestion log, in portable SQL for every backend."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import Any

from watchfloor.models import Article, Block, BlockKind
from watchfloor.store.base import (
    ArticleSummary,
    CopyOf,
    CopyRow,
    Fingerprint,
    LogEntry,
    StoredArticle,
)
from watchfloor.store.search import UNSPACED_LANGUAGES, unspaced_terms
from watchfloor.store.sql_bands import SQLBands
from watchfloor.store.sql_base import clamp_limit, clamp_offset, like_escape, now

SUMMARY_COLUMNS = """a.id, a.doc_id, a.title, a.published, a.source, a.url, a.word_count,
    a.language, (SELECT count(*) FROM copies c WHERE c.article_id = a.id) AS copies"""
_ARTICLE_COLUMNS = (
    "id, doc_id, url, title, published, author, source, language, text, paragraphs,"
    " text_hash, origin, ingested_at"
)
_COPY_COLUMNS = "origin, url, source, kind, similarity, ingested_at"
_COUNTED = {
    "articles": "articles",
    "copies": "copies",
    "log": "ingestion_log",
    "actors": "actors",
    "mentions": "mentions",
    "facts": "facts",
}
_MINHASH_PAGE = 1000
_LARGEST_ID = 2**63 - 1


class SQLArticles(SQLBands):
    """Mixin: the article half of :class:`~watchfloor.store.base.Store`.

    Full-text search is the one part each backend writes itself, in
    :meth:`_search_articles`.
    """

    def schema_version(self) -> int:
        row = self._one("SELECT max(version) AS version FROM schema_migrations")
        return int(row["version"] or 0) if row else 0

    def _search_articles(
        self, search: str, where: list[str], params: list[Any], limit: int, offset: int
    ) -> list[dict[str, Any]] | None:
        """Summary rows (with a ``snippet``) matching ``search``, best first among the
        newest ``RANKED_MATCHES`` matches (store/search.py); None when
        the text holds nothing to search for."""
        raise NotImplementedError

    # -- writing ----------------------------------------------------------
    def find_by_hash(self, text_hash: str) -> int | None:
        row = self._one("SELECT id FROM articles WHERE text_hash = ?", (text_hash,))
        return int(row["id"]) if row else None

    def add_article(self, article: Article, fingerprint: Fingerprint) -> int:
        with self._transaction():
            return self._insert_article(article, fingerprint)

    def add_article_if_new(
        self,
        article: Article,
        fingerprint: Fingerprint,
        since: int,
        copy_of: Callable[[list[tuple[int, bytes]]], CopyOf | None],
    ) -> int | CopyOf:
        """See :meth:`watchfloor.store.base.Store.add_article_if_new`. The write lock
        (SQLite's ``BEGIN IMMEDIATE``, PostgreSQL's advisory lock) is taken before the
        newer signatures are read, so no other ingest can file an article between the
        check and the insert: of two copies filed at once, the second sees the first."""
        with self._transaction():
            newer = self._all(
                "SELECT id, minhash FROM articles WHERE id > ? AND minhash IS NOT NULL ORDER BY id",
                (since,),
            )
            if newer:
                found = copy_of([(int(row["id"]), bytes(row["minhash"])) for row in newer])
                if found is not None:
                    return found
            return self._insert_article(article, fingerprint)

    def _insert_article(self, article: Article, fingerprint: Fingerprint) -> int:
        stamp = now()
        doc_id = self._free_doc_id(article.doc_id, fingerprint.text_hash)
        article_id = self._insert(
            "INSERT INTO articles (doc_id, url, title, published, author, source, language,"
            " text, paragraphs, word_count, text_hash, minhash, origin, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                doc_id,
                article.url,
                article.title,
                article.published,
                article.author,
                article.source,
                article.language,
                article.text,
                blocks_json(article),
                article.word_count,
                fingerprint.text_hash,
                fingerprint.minhash,
                article.origin,
                stamp,
            ),
        )
        self._insert_copy(article_id, article, "original", 1.0, stamp)
        self._file_bands(article_id, fingerprint.minhash)  # its near-duplicate look-up keys
        return article_id

    def _free_doc_id(self, doc_id: str, text_hash: str) -> str:
        taken = self._one("SELECT id FROM articles WHERE doc_id = ?", (doc_id,))
        return f"{doc_id}-{text_hash[:8]}" if taken else doc_id

    def add_copy(self, article_id: int, article: Article, kind: str, similarity: float) -> bool:
        with self._transaction():
            return self._insert_copy(article_id, article, kind, similarity, now())

    def _insert_copy(
        self, article_id: int, article: Article, kind: str, similarity: float, stamp: str
    ) -> bool:
        if article.url and self._one(
            "SELECT id FROM copies WHERE article_id = ? AND url = ?", (article_id, article.url)
        ):
            return False  # the same page reached another way (a feed, a folder) is no new copy
        changed = self._run(
            "INSERT INTO copies (article_id, origin, url, source, title, published,"
            " kind, similarity, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            (
                article_id,
                article.origin,
                article.url,
                article.source,
                article.title,
                article.published,
                kind,
                similarity,
                stamp,
            ),
        )
        return changed > 0

    def log(
        self,
        origin: str,
        status: str,
        reason: str = "",
        detail: str = "",
        article_id: int | None = None,
    ) -> None:
        self._run(
            "INSERT INTO ingestion_log (origin, status, reason, detail, article_id, logged_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (origin, status, reason, detail[:2000], article_id, now()),
        )

    # -- reading ----------------------------------------------------------
    def iter_minhashes(self) -> Iterator[tuple[int, bytes]]:
        """Every stored signature, a page at a time (by id) so none is held whole."""
        last = 0
        while True:
            rows = self._all(
                "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL AND id > ?"
                " ORDER BY id LIMIT ?",
                (last, _MINHASH_PAGE),
            )
            for row in rows:
                yield int(row["id"]), bytes(row["minhash"])
            if len(rows) < _MINHASH_PAGE:
                return
            last = int(rows[-1]["id"])

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
        limit, offset = clamp_limit(limit, least=0), clamp_offset(offset)
        if search:
            search = _substring_search(search, where, params)
        rows = self._search_articles(search, where, params, limit, offset) if search else None
        if rows is None:
            rows = self._all(
                f"SELECT {SUMMARY_COLUMNS}, NULL AS snippet FROM articles a"
                f" WHERE {' AND '.join(where)}"
                " ORDER BY a.published DESC NULLS LAST, a.id DESC LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        names = [f.name for f in fields(ArticleSummary)]
        return [ArticleSummary(**{name: row[name] for name in names}) for row in rows]

    def get_article(self, key: int | str) -> StoredArticle | None:
        """The article with this id or doc_id (an id first, for a number)."""
        row = None
        if (number := _as_id(key)) is not None:
            row = self._one(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (number,))
        if row is None:
            row = self._one(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE doc_id = ?", (str(key),)
            )
        if row is None:
            return None
        copies = self._all(
            f"SELECT {_COPY_COLUMNS} FROM copies WHERE article_id = ? ORDER BY id", (row["id"],)
        )
        return StoredArticle(
            id=int(row["id"]),
            article=row_to_article(row),
            text_hash=row["text_hash"],
            ingested_at=row["ingested_at"],
            copies=[CopyRow(**copy) for copy in copies],
        )

    def log_entries(self, status: str | None = None, limit: int = 1000) -> list[LogEntry]:
        sql = "SELECT origin, status, reason, detail, article_id, logged_at FROM ingestion_log"
        params: list[Any] = []
        if status:
            sql += " WHERE status = ?"
            params.append(status)
        rows = self._all(sql + " ORDER BY id LIMIT ?", [*params, max(0, min(int(limit), 10**9))])
        return [LogEntry(**row) for row in rows]

    def counts(self) -> dict[str, int]:
        return {
            name: int((self._one(f"SELECT count(*) AS n FROM {table}") or {"n": 0})["n"])
            for name, table in _COUNTED.items()
        }


def _substring_search(search: str, where: list[str], params: list[Any]) -> str:
    """Add a substring match for each run of unspaced script in ``search`` (Chinese,
    Japanese, Thai: no word index splits them) to ``where``, among the articles in
    those languages; the rest of the search, for the full-text index."""
    rest, terms = unspaced_terms(search)
    if terms:
        marks = ", ".join("?" for _ in UNSPACED_LANGUAGES)
        where.append(f"a.language IN ({marks})")
        params.extend(UNSPACED_LANGUAGES)
    for term in terms:
        where.append("(a.text LIKE ? ESCAPE '\\' OR a.title LIKE ? ESCAPE '\\')")
        pattern = f"%{like_escape(term)}%"
        params.extend([pattern, pattern])
    return rest.strip() if terms else search


def _as_id(key: int | str) -> int | None:
    """``key`` as a row id, when it is a number that could be one."""
    if isinstance(key, int):
        return key if 0 <= key <= _LARGEST_ID else None
    text = str(key)
    if text.isascii() and text.isdigit() and int(text) <= _LARGEST_ID:
        return int(text)
    return None


def blocks_json(article: Article) -> str:
    return json.dumps(
        [
            {"text": b.text, "kind": b.kind.value, "start": b.start, "end": b.end}
            for b in article.blocks
        ],
        ensure_ascii=False,
    )


def row_to_article(row: dict[str, Any]) -> Article:
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
