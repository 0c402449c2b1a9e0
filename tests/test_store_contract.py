"""The Store contract: every behaviour here holds on SQLite and on PostgreSQL.

Each test runs once per backend (``[sqlite]`` and ``[postgres]``): ``store`` and
``store_url`` come from the parametrised fixtures of conftest.py; PostgreSQL
runs in a server the tests start themselves (tests/pg_server.py).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_actor_registry import (  # noqa: F401  (collected here again, on every backend)
    person,
    stored_article,
    test_same_person_across_articles_is_one_actor,
    test_saving_twice_changes_nothing,
    test_unknown_people_sharing_a_surname_stay_apart,
)
from typer.testing import CliRunner

from watchfloor.cli import app
from watchfloor.dedup import fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.service import ingest
from watchfloor.store import Store, open_store
from watchfloor.store.migrations import migrations_for

HOSTILE_SEARCHES = [
    '"unbalanced',
    "NOT",
    "AND OR",
    "a*b(c)",
    "'; DROP TABLE articles; --",
    "title:x",
    "\x00",
    "",
    "*",
    '"" OR ""',
    "talks NOT",
    "%_\\",
    "é" * 600,
    "日本語 ニュース",
    "x" * 5000,
    "NEAR(a b) ^c {d} -e +f",
    "\U00020000" * 600,  # a word character of four bytes in UTF-8
]
ODD_CHARACTERS = "ab AND OR NOT NEAR \"'*()[]{}:^-+%_\\\x00\t\né日\U00020000\u202e\ufeff<->&|!"


@pytest.fixture
def store(any_store: Store) -> Iterator[Store]:
    yield any_store


def make_article(doc_id: str = "a1", text: str | None = None, **meta: str) -> Article:
    body, blocks = build_blocks(
        [
            (BlockKind.PARAGRAPH, text or "Ministers from both states met in Calder on Monday."),
            (BlockKind.SUBHEADING, "What comes next?"),
            (BlockKind.PARAGRAPH, "A second round of talks is due to start next month."),
        ]
    )
    return Article(doc_id=doc_id, origin=f"/tmp/{doc_id}.html", text=body, blocks=blocks, **meta)


def add(store: Store, article: Article) -> int:
    return store.add_article(article, fingerprint(article.text)[0])


def test_every_backend_has_the_same_migrations() -> None:
    sqlite, postgres = migrations_for("sqlite"), migrations_for("postgres")
    assert [(m.version, m.name) for m in sqlite] == [(m.version, m.name) for m in postgres]


def test_migrations_run_once_and_reopening_keeps_the_data(store_url: str) -> None:
    first = open_store(store_url)
    version = first.schema_version()
    backend = "postgres" if store_url.startswith("postgres") else "sqlite"
    assert version == len(migrations_for(backend)) >= 4
    article_id = add(first, make_article(title="Talks open"))
    first.close()
    again = open_store(store_url)  # re-opening runs nothing twice
    assert again.schema_version() == version
    stored = again.get_article(article_id)
    assert stored is not None and stored.article.title == "Talks open"
    assert again.counts()["articles"] == 1
    again.close()


def test_article_round_trip_keeps_blocks_and_offsets(store: Store) -> None:
    article = make_article(
        title="Talks open", published="2024-03-04", source="Wire", url="https://e.org/a"
    )
    fp, _ = fingerprint(article.text)
    article_id = store.add_article(article, fp)
    stored = store.get_article(article_id)
    assert stored is not None
    assert stored.article == article
    for block in stored.article.blocks:
        assert stored.article.text[block.start : block.end] == block.text
    assert stored.urls == ["https://e.org/a"] and stored.text_hash == fp.text_hash
    assert [c.kind for c in stored.copies] == ["original"]
    assert store.get_article("a1") == stored == store.get_article(str(article_id))
    assert store.find_by_hash(fp.text_hash) == article_id
    assert list(store.iter_minhashes()) == [(article_id, fp.minhash)]


def test_odd_article_keys_find_nothing(store: Store) -> None:
    add(store, make_article())
    for key in ("9" * 40, "²", "-1", -1, 2**70, "", "\x00", "a1\x00"):
        assert store.get_article(key) is None
    assert store.find_by_hash("nope") is None


def test_same_doc_id_for_a_different_text_gets_a_distinct_id(store: Store) -> None:
    one = make_article("index")
    two = make_article("index", text="A different story entirely, about harbour fees in Bellport.")
    id1, id2 = add(store, one), add(store, two)
    assert id1 != id2
    docs = {store.get_article(i).article.doc_id for i in (id1, id2)}  # type: ignore[union-attr]
    assert len(docs) == 2 and "index" in docs


def test_copies_are_unique_per_origin_and_url(store: Store) -> None:
    article = make_article(url="https://e.org/a")
    article_id = add(store, article)
    assert store.add_copy(article_id, article, "exact", 1.0) is False  # the original's own origin
    other = Article(doc_id="b", origin="/tmp/other.html", text=article.text, blocks=article.blocks)
    assert store.add_copy(article_id, other, "near", 0.87) is True
    assert store.add_copy(article_id, other, "near", 0.87) is False
    same_page = Article(
        doc_id="c", origin="feed.xml", text=article.text, blocks=article.blocks, url=article.url
    )
    assert store.add_copy(article_id, same_page, "exact", 1.0) is False
    assert store.counts()["copies"] == 2
    stored = store.get_article(article_id)
    assert stored is not None and [(c.kind, c.similarity) for c in stored.copies] == [
        ("original", 1.0),
        ("near", 0.87),
    ]


@pytest.mark.parametrize("query", HOSTILE_SEARCHES)
def test_hostile_search_queries_never_raise(store: Store, query: str) -> None:
    add(store, make_article(title="Talks open in Calder"))
    store.list_articles(search=query)
    assert store.counts()["articles"] == 1


def test_random_search_text_never_raises(store: Store) -> None:
    add(store, make_article(title="Talks open in Calder"))
    rng = random.Random(5)
    for _ in range(60):
        text = "".join(rng.choice(ODD_CHARACTERS) for _ in range(rng.randint(1, 40)))
        store.list_articles(search=text, limit=3)
        store.list_actors(search=text, limit=3)
        store.list_facts("quotes", actor=text, search=text, limit=3)


def test_hostile_limits_are_clamped(store: Store) -> None:
    article_id = add(store, make_article(title="Talks open in Calder"))
    store.log("/x", "skipped", "empty")
    huge = 10**30
    assert len(store.list_articles(limit=huge, offset=0)) == 1
    assert store.list_articles(limit=huge, offset=huge) == []
    assert store.list_articles(limit=-5, offset=-5) == []
    assert len(store.list_articles(search="talks", limit=huge)) == 1
    assert store.list_articles(search="talks", offset=huge) == []
    assert len(store.log_entries(limit=huge)) == 1 and store.log_entries(limit=-1) == []
    assert store.unanalysed_ids(limit=huge) == [article_id] and store.unanalysed_ids(-1) == []
    assert store.list_actors(limit=huge) == [] and store.list_facts("events", limit=-1) == []


def test_full_text_search_ranks_and_filters(store: Store) -> None:
    a = make_article("a", published="2024-03-04", title="Harbour talks")
    b = make_article(
        "b",
        text="Grain convoy reaches Bellport after delay at the border.",
        published="2023-01-01",
        title="Grain convoy",
    )
    for art in (a, b):
        add(store, art)
    hits = store.list_articles(search="convoy")
    assert [h.doc_id for h in hits] == ["b"] and hits[0].snippet and "[" in hits[0].snippet
    assert [h.doc_id for h in store.list_articles(search="harb*")] == ["a"]
    assert [h.doc_id for h in store.list_articles(since="2024-01-01")] == ["a"]
    assert [h.doc_id for h in store.list_articles(search="convoy", since="2024-01-01")] == []


def test_search_ranks_only_the_newest_matches_of_a_common_word(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import watchfloor.store.postgres as postgres
    import watchfloor.store.sqlite as sqlite

    for backend in (sqlite, postgres):
        monkeypatch.setattr(backend, "RANKED_MATCHES", 2)
    texts = {
        "oldest": "Parley, parley, parley: the parley went on and on, a parley at last.",
        "middle": "A grain parley resumed in Bellport on the border.",
        "newest": "The harbour parley ended early at the border post.",
        "other": "A quiet day in Bellport harbour.",
    }
    for doc_id, text in texts.items():  # stored in this order
        add(store, make_article(doc_id, text=text, title=doc_id.title()))
    found = [h.doc_id for h in store.list_articles(search="parley")]
    assert sorted(found) == ["middle", "newest"]  # the oldest, best match is not ranked
    assert {h.doc_id for h in store.list_articles(search="harbour")} == {"other", "newest"}
    assert [h.doc_id for h in store.list_articles(search="parley", offset=1)] == found[1:]


def test_search_folds_accents_on_every_backend(store: Store) -> None:
    add(store, make_article("sp", text="Talks in São Paulo with Recep Tayyip Erdoğan ended."))
    add(store, make_article("other", text="Nothing about that city here."))

    def found(query: str) -> set[str]:
        return {h.doc_id for h in store.list_articles(search=query)}

    assert found("Sao Paulo") == found("São Paulo") == {"sp"}
    assert found("Erdogan") == found("erdoğan") == {"sp"}


def test_search_reads_phrases_and_operators_alike(store: Store) -> None:
    a = make_article("a", title="Harbour talks")
    b = make_article("b", text="Grain convoy reaches Bellport after talks at the border.")
    for art in (a, b):
        add(store, art)

    def found(query: str) -> set[str]:
        return {h.doc_id for h in store.list_articles(search=query)}

    assert found('"grain convoy"') == {"b"} and found('"convoy grain"') == set()
    assert found("harbour OR convoy") == {"a", "b"}
    assert found("talks NOT grain") == {"a"}
    assert found("talks ministers") == {"a"}  # every word must match
    assert found("reaching") == {"b"}  # stemmed, as FTS5's porter tokenizer does
    assert found("the") == {"b"}  # no stop words on either backend
    assert found("\x00talks") == {"a", "b"}


def test_listing_puts_undated_articles_last(store: Store) -> None:
    add(store, make_article("undated", text="A story nobody dated."))
    add(store, make_article("old", text="An old story.", published="2020-01-01"))
    add(store, make_article("new", text="A new story.", published="2024-01-01"))
    assert [h.doc_id for h in store.list_articles()] == ["new", "old", "undated"]


def test_ingestion_log_is_idempotent(store: Store) -> None:
    store.log("/x", "skipped", "empty", "no content")
    store.log("/x", "skipped", "empty", "no content")
    store.log("/y", "ingested", detail="d" * 5000)
    assert len(store.log_entries("skipped")) == 1
    (ingested,) = store.log_entries("ingested")
    assert len(ingested.detail) == 2000 and store.counts()["log"] == 2


def test_registry_filters_roles_and_surnames(store: Store) -> None:
    one = stored_article(store, "a", "2024-01-02")  # type: ignore[arg-type]
    two = stored_article(store, "b", "2024-02-03")  # type: ignore[arg-type]
    store.save_actors(one, "a", [person("Ada Penrose", role="Minister", country="GBR")])
    store.save_actors(two, "b", [person("Ada Penrose", role="Prime Minister", country="GBR")])
    assert [a.name for a in store.list_actors(country="gbr", kind="person")] == ["Ada Penrose"]
    assert store.list_actors(country="FRA") == [] and store.list_actors(search="50%_") == []
    profile = store.get_actor("Penrose")  # a surname finds the full name
    assert profile is not None and profile.countries == ["GBR"]
    assert [r[0] for r in profile.roles] == ["Prime Minister", "Minister"]  # newest first
    assert store.get_actor("Nobody At All") is None
    assert store.is_analysed(one) and store.unanalysed_ids() == []


# -- the whole ingest path on PostgreSQL, against SQLite on the same input ----------------
def _listing(store: Store) -> tuple[object, ...]:
    """What a user sees of a store: articles, copies, log, actors and every fact section."""
    articles = store.list_articles(limit=1000)
    stored = [store.get_article(a.id) for a in articles]
    facts = {s: store.list_facts(s, limit=1000) for s in ("events", "quotes", "claims")}
    log = [(e.origin, e.status, e.reason, e.article_id) for e in store.log_entries()]
    copies = [[(c.origin, c.kind, c.similarity) for c in s.copies] for s in stored if s]
    return articles, copies, log, store.list_actors(limit=1000), facts, store.counts()


@pytest.mark.postgres
def test_cli_ingests_the_sample_corpus_into_postgres_as_into_sqlite(
    postgres_url: str, tmp_path: Path, sample_dir: Path
) -> None:
    runner = CliRunner()
    for db in (postgres_url, f"sqlite:///{tmp_path / 's.db'}", postgres_url):  # twice: no change
        out = runner.invoke(app, ["ingest", str(sample_dir), "--db", db, "--no-analyse"])
        assert out.exit_code == 0, out.output
    pg, lite = open_store(postgres_url), open_store(f"sqlite:///{tmp_path / 's.db'}")
    try:
        assert _listing(pg) == _listing(lite) and pg.counts()["articles"] >= 45
        assert {h.doc_id for h in pg.list_articles(search="police", limit=100)} == {
            h.doc_id for h in lite.list_articles(search="police", limit=100)
        }
    finally:
        pg.close()
        lite.close()


@pytest.mark.postgres
def test_analysed_articles_are_filed_alike_on_postgres(
    postgres_url: str, tmp_path: Path, fixtures: Path
) -> None:
    records = str(fixtures / "records" / "actors.jsonl")
    stores = [open_store(postgres_url), open_store(tmp_path / "a.db")]
    try:
        summaries = [ingest(store, [records]) for store in stores]
        assert summaries[0] == summaries[1] and summaries[0].analysed == 2
        pg, lite = (_listing(store) for store in stores)
        assert pg == lite
        assert stores[0].get_actor("Paris") == stores[1].get_actor("Paris") is not None
    finally:
        for store in stores:
            store.close()
