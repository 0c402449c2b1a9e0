"""The SQLite store: schema, writing, reading, search, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest

from watchfloor.dedup import fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.store import SQLiteStore, open_store


def make_article(doc_id: str = "a1", text: str | None = None, **meta: str) -> Article:
    body, blocks = build_blocks(
        [
            (BlockKind.PARAGRAPH, text or "Ministers from both states met in Calder on Monday."),
            (BlockKind.SUBHEADING, "What comes next?"),
            (BlockKind.PARAGRAPH, "A second round of talks is due to start next month."),
        ]
    )
    return Article(doc_id=doc_id, origin=f"/tmp/{doc_id}.html", text=body, blocks=blocks, **meta)


def test_migrations_create_schema_once(tmp_path: Path) -> None:
    first = SQLiteStore(tmp_path / "x.db")
    first_version = first.schema_version()
    assert first_version >= 2
    first.close()
    again = SQLiteStore(tmp_path / "x.db")  # re-opening runs nothing twice
    assert again.schema_version() == first_version
    mode = again.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    again.close()


def test_article_round_trip_keeps_blocks_and_offsets(store: SQLiteStore) -> None:
    article = make_article(
        title="Talks open", published="2024-03-04", source="Wire", url="https://e.org/a"
    )
    fp, _ = fingerprint(article.text)
    article_id = store.add_article(article, fp)
    stored = store.get_article(article_id)
    assert stored is not None
    assert stored.article.text == article.text
    assert stored.article.blocks == article.blocks
    for block in stored.article.blocks:
        assert stored.article.text[block.start : block.end] == block.text
    assert stored.urls == ["https://e.org/a"]
    assert [c.kind for c in stored.copies] == ["original"]
    assert store.get_article("a1") is not None


def test_same_doc_id_for_a_different_text_gets_a_distinct_id(store: SQLiteStore) -> None:
    one = make_article("index")
    two = make_article("index", text="A different story entirely, about harbour fees in Bellport.")
    id1 = store.add_article(one, fingerprint(one.text)[0])
    id2 = store.add_article(two, fingerprint(two.text)[0])
    assert id1 != id2
    docs = {store.get_article(i).article.doc_id for i in (id1, id2)}  # type: ignore[union-attr]
    assert len(docs) == 2 and "index" in docs


def test_copies_are_unique_per_origin(store: SQLiteStore) -> None:
    article = make_article()
    article_id = store.add_article(article, fingerprint(article.text)[0])
    assert store.add_copy(article_id, article, "exact", 1.0) is False  # the original's own origin
    other = Article(doc_id="b", origin="/tmp/other.html", text=article.text, blocks=article.blocks)
    assert store.add_copy(article_id, other, "exact", 1.0) is True
    assert store.add_copy(article_id, other, "exact", 1.0) is False
    assert store.counts()["copies"] == 2


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "NOT", "AND OR", "a*b(c)", "'; DROP TABLE articles; --", "title:x", "\x00", ""],
)
def test_hostile_search_queries_never_raise(store: SQLiteStore, query: str) -> None:
    article = make_article(title="Talks open in Calder")
    store.add_article(article, fingerprint(article.text)[0])
    store.list_articles(search=query)
    assert store.counts()["articles"] == 1


def test_full_text_search_ranks_and_filters(store: SQLiteStore) -> None:
    a = make_article("a", published="2024-03-04", title="Harbour talks")
    b = make_article(
        "b",
        text="Grain convoy reaches Bellport after delay at the border.",
        published="2023-01-01",
        title="Grain convoy",
    )
    for art in (a, b):
        store.add_article(art, fingerprint(art.text)[0])
    hits = store.list_articles(search="convoy")
    assert [h.doc_id for h in hits] == ["b"] and hits[0].snippet
    assert [h.doc_id for h in store.list_articles(search="harb*")] == ["a"]
    assert [h.doc_id for h in store.list_articles(since="2024-01-01")] == ["a"]


def test_ingestion_log_is_idempotent(store: SQLiteStore) -> None:
    store.log("/x", "skipped", "empty", "no content")
    store.log("/x", "skipped", "empty", "no content")
    assert len(store.log_entries("skipped")) == 1


def test_open_store_urls(tmp_path: Path) -> None:
    s = open_store(f"sqlite:///{tmp_path / 'u.db'}")
    assert s.schema_version() >= 2
    s.close()
    with pytest.raises(ValueError, match="unsupported"):
        open_store("mysql://host/db")
