"""The cross-document actor registry in the store, and the actors/actor commands."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from watchfloor.actors.types import DocActor, Mention
from watchfloor.cli import app
from watchfloor.dedup import fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.service import ingest
from watchfloor.store import SQLiteStore


def stored_article(store: SQLiteStore, doc_id: str, published: str) -> int:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, f"Story {doc_id} happened on {published}.")])
    article = Article(doc_id=doc_id, origin=doc_id, text=text, blocks=blocks, published=published)
    return store.add_article(article, fingerprint(article.text)[0])


def person(name: str, key: str | None = None, known: bool = False, **extra: str) -> DocActor:
    actor = DocActor(
        key=key or "person:" + name.lower().replace(" ", "-"),
        name=name,
        type="PERSON",
        known=known,
        **extra,
    )  # type: ignore[arg-type]
    start = sum(map(ord, name))  # distinct people get distinct offsets
    actor.mentions.append(Mention(start, start + len(name), name))
    return actor


def test_same_person_across_articles_is_one_actor(store: SQLiteStore) -> None:
    one = stored_article(store, "a", "2024-01-02")
    two = stored_article(store, "b", "2024-03-04")
    zel = "person:volodymyr-zelenskyy"
    store.save_actors(one, "a", [person("Volodymyr Zelensky", zel, known=True, role="President")])
    store.save_actors(two, "b", [person("Volodymyr Zelenskyy", zel, known=True, country="UKR")])
    profile = store.get_actor("Zelensky")
    assert profile is not None
    assert profile.summary.articles == 2
    assert (profile.summary.first_seen, profile.summary.last_seen) == ("2024-01-02", "2024-03-04")
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskyy"} <= set(profile.aliases)
    assert store.get_actor("volodymyr zelenskyy") == profile


def test_unknown_people_sharing_a_surname_stay_apart(store: SQLiteStore) -> None:
    one = stored_article(store, "a", "2024-01-02")
    two = stored_article(store, "b", "2024-01-03")
    store.save_actors(one, "a", [person("Okafor")])
    store.save_actors(two, "b", [person("Okafor")])
    store.save_actors(two, "b", [person("Oleksandr Kovalenko")])
    store.save_actors(one, "a", [person("Oleksander Kovalenko")])  # a spelling variant
    assert len(store.list_actors(search="okafor")) == 2
    (kovalenko,) = store.list_actors(search="kovalenko")
    assert kovalenko.articles == 2


def test_saving_twice_changes_nothing(store: SQLiteStore) -> None:
    one = stored_article(store, "a", "2024-01-02")
    actors = [person("Oleksandr Kovalenko", role="Mayor", country="UKR")]
    store.save_actors(one, "a", actors)
    before = store.counts()
    store.save_actors(one, "a", actors)
    assert store.counts() == before and store.is_analysed(one)


def test_ingest_files_actors_and_cli_lists_them(tmp_path: Path, fixtures: Path) -> None:
    db = tmp_path / "a.db"
    store = SQLiteStore(db)
    summary = ingest(store, [str(fixtures / "records" / "actors.jsonl")])
    assert summary.analysed == 2 and store.unanalysed_ids() == []
    store.close()
    runner = CliRunner()
    out = runner.invoke(app, ["actors", "--db", str(db), "--country", "FRA", "--json"]).output
    names = {json.loads(line)["name"] for line in out.splitlines()}
    assert "France" in names
    shown = runner.invoke(app, ["actor", "Paris", "--db", str(db)])
    assert shown.exit_code == 0 and "2 articles" in shown.output
    missing = runner.invoke(app, ["actor", "Nobody At All", "--db", str(db)])
    assert missing.exit_code == 1
