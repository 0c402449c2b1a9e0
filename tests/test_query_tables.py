"""The tables the store keeps for the queries (store/sql_rollups.py), on both backends.

Whatever way articles are filed (analysed, merged into events by the story stage,
analysed again), the kept tables must hold exactly what recomputing them from the
stored rows gives.
"""

from __future__ import annotations

from typing import Any

import pytest
from old_store import open_before
from query_corpus import NORTH, SOUTH, _article, _file

from watchfloor.dedup import fingerprint
from watchfloor.query import actor_profile, query_store
from watchfloor.store import Store, open_store
from watchfloor.store.sql_queries import FactQuery
from watchfloor.stories import file_article

KEPT = {
    "fact_actors": "fact_id, actor_id",
    "actor_fact_counts": "actor_id, section, is_source, is_target, named",
    "actor_months": "actor_id, period, kind",
    "actor_partners": "actor_id, partner_id, kind, direction",
    "actor_partner_totals": "actor_id, partner_id",
    "actor_totals": "actor_id",
    "actor_role_seen": "actor_id, role, organisation, country",
}


def _snapshot(store: Store) -> dict[str, list[dict[str, Any]]]:
    run: Any = store
    found = {
        table: run._all(f"SELECT * FROM {table} ORDER BY {order}") for table, order in KEPT.items()
    }
    found["facts"] = run._all("SELECT id, effective_date FROM facts ORDER BY id")
    return found


def _kept_equals_recomputed(store: Store) -> dict[str, list[dict[str, Any]]]:
    kept = _snapshot(store)
    store.refresh_query_tables()  # type: ignore[attr-defined]
    assert kept == _snapshot(store)
    return kept


def _shelling(target: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "ASSAULT",
        "source": "state:NTH",
        "target": target,
        "date": "2024-04-29",
        **extra,
    }


def _file_two(store: Store) -> tuple[int, int]:
    """Two outlets report the same shelling (the story stage merges them) and more."""
    north = _file(
        store,
        _article("north-1", "Northern Post", "2024-05-02", NORTH),
        {
            "events": [
                (0, _shelling("state:CLD", modality="asserted")),
                (1, {"type": "ACCUSE", "source": "person:anna-berg", "target": "state:CLD"}),
            ],
            "quotes": [(1, {"speaker": "person:anna-berg", "text": "Calder provoked this war."})],
        },
        NORTH,
    )
    south = _file(
        store,
        _article("south-1", "Southern Star", "2024-05-03", SOUTH),
        {
            "events": [
                (0, _shelling("state:CLD", modality="asserted")),
                (1, {"type": "MEET", "source": "state:CLD", "target": "state:NTH"}),
            ],
            "quotes": [(2, {"speaker": "person:jon-ode", "text": "Anna Berg had lied."})],
        },
        SOUTH,
    )
    for article_id in (north, south):
        file_article(store, article_id)
    return north, south


def test_kept_tables_follow_filing_and_merging(any_store: Store) -> None:
    _file_two(any_store)
    kept = _kept_equals_recomputed(any_store)
    run: Any = any_store
    northland = run._one("SELECT id FROM actors WHERE key = 'state:NTH'")["id"]
    months = {
        (r["period"], r["kind"]): r["events"]
        for r in kept["actor_months"]
        if r["actor_id"] == northland
    }
    assert months[("2024-04", "ASSAULT")] == 1  # two mentions, one merged event
    assert months[("2024-05", "MEET")] == 1  # undated: the publication month
    totals = {r["actor_id"]: r for r in kept["actor_totals"]}
    assert totals[northland]["articles"] == 2
    assert totals[northland]["first_seen"] == "2024-05-02"
    named = [r for r in kept["fact_actors"] if r["actor_id"] == northland and r["named"]]
    assert named  # named in the evidence of the facts about it
    assert {r["last_seen"] for r in kept["actor_role_seen"]} == {"2024-05-03"}


def test_kept_tables_follow_a_second_analysis(any_store: Store) -> None:
    north, _ = _file_two(any_store)
    article = _article("north-1", "Northern Post", "2024-05-02", NORTH)
    again = {  # the shelling now hits Jon Ode; the accusation is gone
        "events": [(0, _shelling("person:jon-ode", modality="asserted"))],
        "quotes": [],
    }
    from query_corpus import _actors, _fact

    actors, ids = _actors(article.text)
    facts = {
        s: [_fact(article.text, NORTH[n], ids, f) for n, f in items] for s, items in again.items()
    }
    any_store.save_analysis(north, article.doc_id, actors, facts)
    file_article(any_store, north)
    _kept_equals_recomputed(any_store)


def test_profile_reads_the_kept_counts(any_store: Store) -> None:
    _file_two(any_store)
    profile = actor_profile(query_store(any_store), "Northland")
    assert profile is not None
    assert profile.actor.articles == 2
    assert sum(p.events for p in profile.timeline) == profile.events.total == 2
    assert [p.actor.name for p in profile.partners] == ["Calder"]
    assert profile.partners[0].as_source == 1 and profile.partners[0].as_target == 1


def test_kept_counts_equal_the_counted_facts(any_store: Store) -> None:
    _file_two(any_store)
    run: Any = any_store
    for actor in run._all("SELECT id FROM actors"):
        i = int(actor["id"])
        for section in ("events", "quotes"):
            queries = [
                FactQuery(section=section, actor_id=i),
                FactQuery(section=section, source_id=i),
                FactQuery(section=section, involving_id=i),
                FactQuery(section=section, mentioned_id=i, not_source_id=i),
                FactQuery(section=section, mentioned_id=i),
            ]
            counted = [len(run.select_facts(q, 1000)) for q in queries]
            assert [run.count_facts(q) for q in queries] == counted
            assert run.count_actor_facts(i, queries) == counted


def test_an_upgraded_store_fills_the_kept_tables(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written before migration 0006 gets its kept tables when it is opened."""
    from watchfloor.store.migrations import migrations_for

    old = open_before(store_url, 6, monkeypatch)
    assert old.schema_version() == 5
    article = _article("north-1", "Northern Post", "2024-05-02", NORTH)
    article_id = old.add_article(article, fingerprint(article.text)[0])
    ids = {
        key: old._insert(
            "INSERT INTO actors (key, name, type, known) VALUES (?, ?, 'GPE', 1) RETURNING id",
            (key, name),
        )
        for key, name in (("state:NTH", "Northland"), ("state:CLD", "Calder"))
    }
    sentence = NORTH[0]  # "Northland troops shelled Calder on Monday."
    start = article.text.index(sentence)
    old._run(
        'INSERT INTO mentions (article_id, actor_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
        (article_id, ids["state:NTH"], start, start + 9, "Northland"),
    )
    old._run(
        "INSERT INTO facts (article_id, section, ordinal, kind, source_actor_id,"
        " target_actor_id, date, evidence, evidence_start, evidence_end, data)"
        " VALUES (?, 'events', 0, 'ASSAULT', ?, ?, NULL, ?, ?, ?, '{}')",
        (article_id, ids["state:NTH"], ids["state:CLD"], sentence, start, start + len(sentence)),
    )
    old.close()
    monkeypatch.undo()

    upgraded: Any = open_store(store_url)  # runs 0006 (and what follows) on the rows above
    try:
        assert upgraded.schema_version() == len(migrations_for(upgraded.backend))
        fact = upgraded._one("SELECT effective_date FROM facts")
        assert fact["effective_date"] == "2024-05-02"  # undated: its article's publication
        kept = _kept_equals_recomputed(upgraded)
        parts = {
            (r["actor_id"], r["is_source"], r["is_target"], r["named"]) for r in kept["fact_actors"]
        }
        assert parts == {(ids["state:NTH"], 1, 0, 1), (ids["state:CLD"], 0, 1, 0)}
        profile = actor_profile(query_store(upgraded), "state:NTH")  # no aliases were filed
        assert profile is not None and profile.actor.articles == 1
        assert [(p.period, p.events) for p in profile.timeline] == [("2024-05", 1)]
        assert [p.actor.name for p in profile.partners] == ["Calder"]
    finally:
        upgraded.close()
