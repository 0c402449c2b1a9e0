"""Stories and merged events, on real stores built from articles run through the analyser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from watchfloor.analysis import load_analyser
from watchfloor.brief import build_brief, to_markdown
from watchfloor.cli import app
from watchfloor.models import Page, PageKind
from watchfloor.service import analyse_stored, ingest_pages
from watchfloor.store import SQLiteStore, Store
from watchfloor.stories import file_article, file_pending, rebuild
from watchfloor.stories.filing import backend
from watchfloor.stories.merging import ClusterView, EventMention, choose_cluster
from watchfloor.stories.text import count_outlets, stems

EU_WIRE = {
    "url": "https://wire-one.example/world/eu-sanctions-russia",
    "title": "EU imposes new sanctions on Russia over Ukraine war",
    "published": "2024-05-07",
    "source": "Wire One",
    "text": "The European Union imposed new sanctions on Russia on Tuesday over its war in "
    "Ukraine, targeting banks and oil exports, officials in Brussels said.\n\n"
    "The package freezes the assets of twelve Russian banks and bans imports of refined oil "
    "products from Russia from July.\n\n"
    '"Russia must pay a price for its aggression," the foreign policy chief Josep Borrell '
    "told reporters in Brussels.\n\n"
    "The Kremlin condemned the measures and said they would hurt European consumers more "
    "than Russia.",
}
EU_DAILY = {
    "url": "https://daily-two.example/2024/05/08/brussels-sanctions",
    "title": "Brussels hits Russian banks and oil with sanctions",
    "published": "2024-05-08",
    "source": "Daily Two",
    "text": "The European Union imposed sanctions on Russia on Tuesday, freezing the assets of "
    "twelve Russian banks and banning imports of refined oil products.\n\n"
    "European foreign ministers agreed on the package after weeks of talks, diplomats said."
    "\n\nJosep Borrell said the sanctions would weaken Russia's ability to finance the war "
    "in Ukraine.",
}
IRAN = {
    "url": "https://daily-two.example/2024/05/08/iran-sanctions",
    "title": "US imposes sanctions on Iran over missile programme",
    "published": "2024-05-08",
    "source": "Daily Two",
    "text": "The United States imposed sanctions on Iran on Tuesday over its missile programme, "
    "the Treasury Department said.\n\n"
    "The measures target six companies accused of supplying parts for Iranian drones and "
    "ballistic missiles.\n\nIran's foreign ministry called the sanctions illegal.",
}
EU_LATER = {
    "url": "https://wire-one.example/world/eu-fourteenth-package",
    "title": "EU adopts another sanctions package against Russia",
    "published": "2024-06-24",
    "source": "Wire One",
    "text": "The European Union imposed new sanctions on Russia on Monday, targeting liquefied "
    "natural gas shipments for the first time.\n\n"
    "The package also lists dozens of companies in China and Turkey accused of helping Moscow "
    "evade earlier measures.\n\n"
    "Hungary dropped its objections after securing an exemption for a gas pipeline.",
}
ARTICLES = [EU_WIRE, EU_DAILY, IRAN, EU_LATER]


def page(record: dict[str, str], **changes: str) -> Page:
    fields = {**record, **changes}
    return Page(
        origin=fields["url"],
        kind=PageKind.RECORD,
        data=fields["text"],
        url=fields["url"],
        title=fields["title"],
        published=fields["published"],
        source=fields["source"],
    )


def ingest_and_file(store: SQLiteStore, records: list[dict[str, str]]) -> None:
    """Ingest, analyse with the real analyser, and file each article, as the service does."""
    ingest_pages(store, [page(r) for r in records])
    analyse_stored(store)
    for row in store._all("SELECT id FROM articles ORDER BY id"):
        file_article(store, row["id"])


@pytest.fixture(scope="module")
def filed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stories") / "filed.db"
    store = SQLiteStore(path)
    ingest_and_file(store, ARTICLES)
    store.close()
    return path


@pytest.fixture
def filed(filed_db: Path, tmp_path: Path) -> Iterator[SQLiteStore]:
    """A fresh copy of the filed store for each test."""
    copy = tmp_path / "copy.db"
    shutil.copy(filed_db, copy)
    store = SQLiteStore(copy)
    yield store
    store.close()


def clusters(store: SQLiteStore) -> list[dict[str, Any]]:
    return store._all(
        "SELECT c.id, c.type, s.key AS source, t.key AS target, c.first_date, c.last_date,"
        " c.mention_count, c.article_count, c.source_count, c.story_id, c.evidence"
        " FROM event_clusters c LEFT JOIN actors s ON s.id = c.source_actor_id"
        " LEFT JOIN actors t ON t.id = c.target_actor_id ORDER BY c.id"
    )


def sanctions(store: SQLiteStore, source: str, target: str) -> list[dict[str, Any]]:
    return [
        c
        for c in clusters(store)
        if (c["type"], c["source"], c["target"]) == ("SANCTION", source, target)
    ]


def snapshot(store: SQLiteStore) -> tuple[list[tuple[Any, ...]], ...]:
    queries = (
        "SELECT * FROM stories ORDER BY id",
        "SELECT * FROM story_articles ORDER BY article_id",
        "SELECT * FROM event_clusters ORDER BY id",
        "SELECT id, cluster_id FROM facts ORDER BY id",
    )
    return tuple([tuple(r.values()) for r in store._all(q)] for q in queries)


def test_two_reports_of_one_event_become_one_event(filed: SQLiteStore) -> None:
    eu_may, _ = sanctions(filed, "org:eu", "state:RUS")
    assert eu_may["first_date"] == "2024-05-07"  # "on Tuesday", in both reports
    assert (eu_may["article_count"], eu_may["source_count"], eu_may["mention_count"]) == (2, 2, 2)
    members = filed._all(
        "SELECT DISTINCT a.url FROM facts f JOIN articles a ON a.id = f.article_id"
        " WHERE f.cluster_id = ?",
        (eu_may["id"],),
    )
    assert {m["url"] for m in members} == {EU_WIRE["url"], EU_DAILY["url"]}
    assert eu_may["evidence"].startswith("The European Union imposed new sanctions")


def test_different_events_stay_apart(filed: SQLiteStore) -> None:
    (iran,) = sanctions(filed, "state:USA", "state:IRN")  # same day, other actors
    assert (iran["article_count"], iran["mention_count"]) == (1, 1)
    eu_june = sanctions(filed, "org:eu", "state:RUS")[1]  # same actors, seven weeks later
    assert eu_june["first_date"] == "2024-06-24" and eu_june["article_count"] == 1
    for cluster in clusters(filed):  # every count comes from at least one member fact
        assert cluster["mention_count"] >= 1 and cluster["article_count"] >= 1


def test_articles_about_the_same_story_are_grouped(filed: SQLiteStore) -> None:
    stories = filed._all(
        "SELECT s.id, s.article_count, s.source_count, s.title FROM stories s ORDER BY s.id"
    )
    assert [s["article_count"] for s in stories] == [2, 1, 1]
    assert stories[0]["title"] == EU_WIRE["title"] and stories[0]["source_count"] == 2
    (merged,) = sanctions(filed, "org:eu", "state:RUS")[:1]
    assert merged["story_id"] == stories[0]["id"]


def test_filing_again_changes_nothing(filed: SQLiteStore) -> None:
    before = snapshot(filed)
    for row in filed._all("SELECT id FROM articles"):
        file_article(filed, row["id"])
    assert file_pending(filed) == 0
    assert snapshot(filed) == before


def test_reanalysing_an_article_does_not_double_counts(filed: SQLiteStore) -> None:
    before = clusters(filed)
    row = filed._one("SELECT id FROM articles WHERE url = ?", (EU_DAILY["url"],))
    stored = filed.get_article(row["id"]) if row else None
    assert stored is not None
    analysed = load_analyser().analyse(stored.article)
    filed.save_analysis(stored.id, stored.article.doc_id, analysed.actors, analysed.facts)
    assert file_pending(filed) == 1  # its facts left their clusters: it is filed again
    # a cluster of this article's facts alone is made again (under a new id), no other
    assert without_ids(clusters(filed)) == without_ids(before)


def without_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept = [{k: v for k, v in row.items() if k != "id"} for row in rows]
    return sorted(
        kept, key=lambda r: (r["type"], str(r["source"]), str(r["target"]), r["evidence"])
    )


def test_rebuild_recomputes_the_same_stories_and_events(filed: SQLiteStore) -> None:
    def shape(store: SQLiteStore) -> list[tuple[Any, ...]]:
        rows = clusters(store)
        return sorted(
            (c["type"], c["source"], c["target"], c["first_date"], c["mention_count"],
             c["article_count"], c["source_count"])
            for c in rows
        )  # fmt: skip

    before = shape(filed)
    rebuild(filed)
    assert shape(filed) == before
    assert filed._one("SELECT count(*) AS n FROM stories")["n"] == 3  # type: ignore[index]


def test_a_syndicated_copy_adds_no_mention(filed: SQLiteStore) -> None:
    before = snapshot(filed)
    copy = page(EU_WIRE, url="https://syndicator.example/eu-sanctions", source="Syndicator")
    summary = ingest_pages(filed, [copy])
    assert (summary.ingested, summary.duplicates) == (0, 1)
    assert analyse_stored(filed) == 0 and file_pending(filed) == 0
    assert snapshot(filed) == before  # the copy is in `copies`, not a new article
    (merged,) = sanctions(filed, "org:eu", "state:RUS")[:1]
    assert (merged["article_count"], merged["source_count"]) == (2, 2)


def test_stories_command_lists_and_rebuilds(filed: SQLiteStore) -> None:
    runner = CliRunner()
    for args in ([], ["--rebuild"]):
        out = runner.invoke(app, ["stories", "--db", filed.path, *args])
        assert out.exit_code == 0, out.output
        assert "EU imposes new sanctions" in out.output


# -- the merge rules on their own ------------------------------------------------
def mention(**changes: Any) -> EventMention:
    fields: dict[str, Any] = {
        "fact_id": 99,
        "article_id": 5,
        "type": "ASSAULT",
        "modality": "asserted",
        "source": 1,
        "target": 2,
        "earliest": date(2024, 5, 6),
        "latest": date(2024, 5, 6),
        "words": stems("Northland troops shelled Calder on Monday, killing three"),
    }
    return EventMention(**{**fields, **changes})


CLUSTER = ClusterView(
    cluster_id=7,
    type="ASSAULT",
    modality="asserted",
    source=1,
    target=2,
    first_date=date(2024, 5, 6),
    words=(stems("Northland shelled the city of Calder overnight on Monday"),),
)


def test_merge_rules() -> None:
    assert choose_cluster(mention(), [CLUSTER]) == 7
    assert choose_cluster(mention(target=None), [CLUSTER]) == 7  # one side unknown: compatible
    assert choose_cluster(mention(target=3), [CLUSTER]) is None  # another known target
    assert choose_cluster(mention(type="PROTEST"), [CLUSTER]) is None
    assert choose_cluster(mention(modality="negated"), [CLUSTER]) is None
    late = date(2024, 5, 10)
    assert choose_cluster(mention(earliest=late, latest=late), [CLUSTER]) is None
    unrelated = stems("A ceremony in Calder honoured the veterans of the Northland navy")
    # with one actor unknown, or both, the evidence must carry the match
    assert choose_cluster(mention(target=None, words=unrelated), [CLUSTER]) is None
    assert choose_cluster(mention(source=None, target=None), [CLUSTER]) == 7
    assert choose_cluster(mention(source=None, target=None, words=unrelated), [CLUSTER]) is None
    assert choose_cluster(mention(words=unrelated), [CLUSTER]) == 7  # both actors vouch
    same_article = replace(CLUSTER, articles=frozenset({5}))
    assert choose_cluster(mention(target=None, words=unrelated), [same_article]) == 7


def test_outlets_are_counted_once() -> None:
    pairs = [
        ("Wire One", None),
        ("wire one", "https://wire-one.example/a"),
        (None, "https://www.daily-two.example/b"),
        (None, "https://daily-two.example/c"),
        (None, None),
    ]
    assert count_outlets(pairs) == 3


def test_every_backend_files_and_briefs_alike(any_store: Store) -> None:
    """The same SQL runs on SQLite and PostgreSQL: same merges, same idempotency, a brief."""
    ingest_pages(any_store, [page(r) for r in ARTICLES])
    analyse_stored(any_store)  # files each article in its story as it is analysed
    assert file_pending(any_store) == 0
    db = backend(any_store)
    rows = db.list_stories()
    assert sorted(r["article_count"] for r in rows) == [1, 1, 2]
    rebuild(any_store)
    assert sorted(r["article_count"] for r in db.list_stories()) == [1, 1, 2]
    brief = build_brief(any_store, "all")
    top = brief.sections[0].items[0]
    assert top.label == "SANCTION · European Union → Russia"
    assert "2 mentions in 2 articles from 2 sources" in top.note
    assert "](https://" in to_markdown(brief)
