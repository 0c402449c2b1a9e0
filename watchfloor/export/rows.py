"""The rows every export format writes, read from a store a page at a time.

Each table comes out as a stream of batches (at most ``BATCH`` rows), so an
export holds one batch in memory whatever the size of the store. Every fact
row carries its evidence sentence, its article's doc_id and every URL the
article was seen at (its own and its syndicated copies').
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from watchfloor.export.schema import (
    ACTOR_FIELDS,
    ACTOR_ROLES,
    ACTORS,
    ARTICLES,
    SECTIONS,
    Row,
    fact_columns,
    project,
)

BATCH = 500  # rows per page read from the store


@runtime_checkable
class ExportSource(Protocol):
    """The reads an export needs (``watchfloor.store.sql_export.SQLExport`` provides them)."""

    def export_articles(
        self, since: str | None, after: int, limit: int
    ) -> list[dict[str, Any]]: ...

    def export_actors(self, since: str | None, after: int, limit: int) -> list[dict[str, Any]]: ...

    def export_facts(
        self, section: str, since: str | None, after: int, limit: int
    ) -> list[dict[str, Any]]: ...

    def export_urls(self, article_ids: Sequence[int]) -> dict[int, list[str]]: ...

    def export_aliases(self, actor_ids: Sequence[int]) -> dict[int, list[str]]: ...


def export_source(store: object) -> ExportSource:
    """The store as an export source; a clear error for a backend without the reads."""
    if not isinstance(store, ExportSource):
        raise TypeError(f"{type(store).__name__} cannot export: it lacks the SQLExport reads")
    return store


def table_batches(
    source: ExportSource, table: str, since: str | None = None, size: int = BATCH
) -> Iterator[list[Row]]:
    """Batches of one table's rows, oldest first."""
    if table == "articles":
        return article_batches(source, since, size)
    if table == "actors":
        return actor_batches(source, since, size)
    if table in SECTIONS:
        return fact_batches(source, table, since, size)
    raise ValueError(f"unknown table {table!r}")


def article_batches(
    source: ExportSource, since: str | None, size: int = BATCH
) -> Iterator[list[Row]]:
    for rows in _pages(lambda after: source.export_articles(since, after, size)):
        urls = source.export_urls([int(r["id"]) for r in rows])
        yield [project(ARTICLES, {**r, "urls": urls[int(r["id"])]}) for r in rows]


def actor_batches(
    source: ExportSource, since: str | None, size: int = BATCH
) -> Iterator[list[Row]]:
    for rows in _pages(lambda after: source.export_actors(since, after, size)):
        aliases = source.export_aliases([int(r["id"]) for r in rows])
        yield [project(ACTORS, {**r, "aliases": aliases[int(r["id"])]}) for r in rows]


def fact_batches(
    source: ExportSource, section: str, since: str | None, size: int = BATCH
) -> Iterator[list[Row]]:
    """One section's facts, each with its actors, evidence, article and URLs."""
    table = fact_columns(section)
    for rows in _pages(lambda after: source.export_facts(section, since, after, size)):
        urls = source.export_urls(sorted({int(r["article_id"]) for r in rows}))
        yield [project(table, fact_values(section, r, urls[int(r["article_id"])])) for r in rows]


def fact_values(section: str, raw: dict[str, Any], urls: list[str]) -> Row:
    """Everything a fact row is made of: the stored fact JSON, its actors, its article."""
    data = raw["data"] if isinstance(raw["data"], dict) else json.loads(raw["data"])
    values: Row = {**data, **raw, "fact_id": raw["id"], "urls": urls}
    for prefix, side in ACTOR_ROLES[section]:
        for name, _ in ACTOR_FIELDS:
            values[f"{prefix}_{name}"] = raw.get(f"{side}_{name}")
    if section == "events":
        values["quad_class"] = _quad_class(data.get("type"))
    return values


def _quad_class(type_: Any) -> str | None:
    from watchfloor.facts.plover import quad_class

    return quad_class(type_ if isinstance(type_, str) else None)


def _pages(read: Callable[[int], list[dict[str, Any]]]) -> Iterator[list[dict[str, Any]]]:
    """Pages of rows by increasing id, each read after the last id of the one before."""
    after = 0
    while rows := read(after):
        yield rows
        after = int(rows[-1]["id"])
