"""The storage interface every backend implements, and the rows it returns."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from watchfloor.actors.types import DocActor
from watchfloor.models import Article
from watchfloor.store.actors import ActorProfile, ActorSummary
from watchfloor.store.fact_query import FactQuery
from watchfloor.store.sql_facts import FactRow

CopyOf = TypeVar("CopyOf")


@dataclass(frozen=True)
class Fingerprint:
    """What de-duplication knows of an article's text."""

    text_hash: str
    minhash: bytes


@dataclass(frozen=True)
class ArticleSummary:
    """One line of an article listing."""

    id: int
    doc_id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    word_count: int
    copies: int
    snippet: str | None = None
    language: str | None = None  # ISO 639-1, as detected at ingestion


@dataclass(frozen=True)
class CopyRow:
    origin: str
    url: str | None
    source: str | None
    kind: str
    similarity: float
    ingested_at: str


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored, with every copy of it that was seen."""

    id: int
    article: Article
    text_hash: str
    ingested_at: str
    copies: list[CopyRow] = field(default_factory=list)

    @property
    def urls(self) -> list[str]:
        seen = [self.article.url, *(c.url for c in self.copies)]
        return list(dict.fromkeys(u for u in seen if u))


@dataclass(frozen=True)
class LogEntry:
    origin: str
    status: str
    reason: str
    detail: str
    article_id: int | None
    logged_at: str


class Store(Protocol):
    """Articles, their copies and the ingestion log, in one database."""

    def find_by_hash(self, text_hash: str) -> int | None: ...

    def add_article(self, article: Article, fingerprint: Fingerprint) -> int: ...

    def add_article_if_new(
        self,
        article: Article,
        fingerprint: Fingerprint,
        since: int,
        copy_of: Callable[[list[tuple[int, bytes]]], CopyOf | None],
    ) -> int | CopyOf:
        """Store a new article unless ``copy_of``, given the signatures of the articles
        stored after id ``since`` (by any process), says what it copies; both under the
        store's write lock, in one transaction. The new id, or what ``copy_of`` said."""
        ...

    def add_copy(self, article_id: int, article: Article, kind: str, similarity: float) -> bool: ...

    def log(
        self,
        origin: str,
        status: str,
        reason: str = "",
        detail: str = "",
        article_id: int | None = None,
    ) -> None: ...

    def iter_minhashes(self) -> Iterator[tuple[int, bytes]]: ...

    # -- near-duplicate look-up by LSH band keys (store/sql_bands.py) ----------
    def newest_article_id(self) -> int: ...

    def near_candidates(
        self, rows: int, keys: Sequence[int]
    ) -> tuple[int, list[tuple[int, bytes]]]: ...

    def keep_bands(self, rows: int) -> None: ...

    def list_articles(
        self,
        search: str | None = None,
        since: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[ArticleSummary]: ...

    def get_article(self, key: int | str) -> StoredArticle | None: ...

    def log_entries(self, status: str | None = None, limit: int = 1000) -> list[LogEntry]: ...

    def counts(self) -> dict[str, int]: ...

    def language_counts(
        self, since: str | None = None, until: str | None = None
    ) -> dict[str, int]: ...

    def schema_version(self) -> int: ...

    # -- the actor registry ------------------------------------------------
    def save_actors(self, article_id: int, doc_id: str, actors: list[DocActor]) -> None: ...

    def save_analysis(
        self,
        article_id: int,
        doc_id: str,
        actors: list[DocActor],
        facts: dict[str, list[dict[str, Any]]],
    ) -> None: ...

    def list_facts(
        self,
        section: str,
        actor: str | None = None,
        kind: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        limit: int = 50,
    ) -> list[FactRow]: ...

    def is_analysed(self, article_id: int) -> bool: ...

    # -- the map (store/sql_map.py) ----------------------------------------
    def event_countries(self, q: FactQuery) -> list[tuple[str, int]]: ...

    def event_places(self, q: FactQuery, limit: int = 200) -> list[dict[str, Any]]: ...

    def facts_version(self) -> int: ...

    def unanalysed_ids(self, limit: int = 1000) -> list[int]: ...

    def list_actors(
        self,
        country: str | None = None,
        kind: str | None = None,
        search: str | None = None,
        limit: int = 50,
    ) -> list[ActorSummary]: ...

    def get_actor(self, name: str) -> ActorProfile | None: ...

    # -- the ledger of a cluster ingest (store/sql_partitions.py) ------------
    def finished_partitions(self, keys: Sequence[str]) -> set[str]: ...

    def finish_partition(
        self, key: str, pages: int, articles: int, seconds: float, worker: str = ""
    ) -> None: ...

    def forget_partitions(self, prefix: str = "") -> int: ...

    def close(self) -> None: ...
