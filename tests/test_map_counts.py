"""The map's counts of events per country (store/sql_map.py), on both backends.

The counts kept per country, month and type (migration 0015, store/sql_map_rollup.py)
must answer the map exactly as counting the matching events does, whatever way the
facts were filed: analysed, merged into events across a month's end by the story
stage, analysed again, an actor gaining its country; and a store upgraded to 0015
must have them filled.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from old_store import open_before

from watchfloor.actors.types import DocActor, Mention
from watchfloor.dedup import fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.query import query_store
from watchfloor.query.geo import event_map
from watchfloor.store import Store, open_store
from watchfloor.store.fact_query import FactQuery
from watchfloor.stories import file_article

NAMES = {  # key: (name, type, country)
    "state:NTH": ("Northland", "GPE", "NTH"),
    "state:CLD": ("Calder", "GPE", "CLD"),
    "state:RVA": ("Rivia", "GPE", "RVA"),
    "person:ivo-lind": ("Ivo Lind", "PERSON", None),  # gains RVA later
    "org:acme": ("Acme", "ORG", None),  # never has a country
}
TYPES = ("ASSAULT", "CONSULT", "ACCUSE", "AID")
FIRST = date(2024, 3, 27)
TABLES = {
    "country_months": "period, kind, country",
    "country_event_spans": "event_key, country, period, kind",
}


def _article(n: int, published: str, sentences: list[str]) -> Article:
    body, blocks = build_blocks([(BlockKind.PARAGRAPH, " ".join(sentences))])
    doc_id = f"map-{n}"
    return Article(
        doc_id=doc_id,
        origin=f"test:{doc_id}",
        text=body,
        blocks=blocks,
        title=f"Report {n}",
        published=published,
        source=f"Outlet {n % 3}",
        url=f"https://example.org/{doc_id}",
    )


def _analysis(
    article: Article, events: list[dict[str, Any]], countries: dict[str, str | None]
) -> tuple[list[DocActor], dict[str, list[dict[str, Any]]]]:
    """The article's actors (every one is named in it) and its events, one a sentence."""
    text = article.text
    actors = []
    for key, (name, kind, _) in NAMES.items():
        start = text.index(name)
        actors.append(
            DocActor(
                key,
                name,
                kind,
                countries.get(key),
                country_from="kb",
                known=True,
                mentions=[Mention(start, start + len(name), name)],
            )
        )
    ids = {a.key: f"a{n}" for n, a in enumerate(actors, start=1)}
    facts = []
    for n, event in enumerate(events):
        sentence = f"Event {n} was reported."
        start = text.index(sentence)
        fact = {k: ids.get(v, v) for k, v in event.items()}
        facts.append(
            {
                **fact,
                "evidence": sentence,
                "evidence_start": start,
                "evidence_end": start + len(sentence),
            }
        )
    return actors, {"events": facts}


def _events(rng: random.Random, published: date) -> list[dict[str, Any]]:
    found = []
    for _ in range(rng.randint(2, 5)):
        source, target = rng.sample(list(NAMES), 2)
        event: dict[str, Any] = {"type": rng.choice(TYPES), "source": source, "target": target}
        if rng.random() < 0.6:  # else undated: its article's publication time
            event["date"] = (published - timedelta(days=rng.randint(0, 3))).isoformat()
        found.append(event)
    return found


def _sentences(n: int, events: int) -> list[str]:
    names = " ".join(f"{name} was named." for name, _, _ in NAMES.values())
    return [f"Report {n}.", names, *(f"Event {i} was reported." for i in range(events))]


def _file(
    store: Store, n: int, published: date, events: list[dict[str, Any]], gained: bool = False
) -> int:
    sentences = _sentences(n, len(events))
    zone = "T22:30:00+02:00" if n % 2 else ""  # zoned and bare publication times
    article = _article(n, published.isoformat() + zone, sentences)
    article_id = store.add_article(article, fingerprint(article.text)[0])
    countries = {k: c for k, (_, _, c) in NAMES.items()}
    if gained:
        countries["person:ivo-lind"] = "RVA"
    actors, facts = _analysis(article, events, countries)
    store.save_analysis(article_id, article.doc_id, actors, facts)
    return article_id


def _kept(store: Store) -> dict[str, list[dict[str, Any]]]:
    run: Any = store
    return {t: run._all(f"SELECT * FROM {t} ORDER BY {order}") for t, order in TABLES.items()}


def _queries(rng: random.Random) -> list[FactQuery]:
    """No filter, each type, two types, and date ranges cutting months or not."""
    found = [FactQuery(), *(FactQuery(kinds=(t,)) for t in TYPES)]
    found.append(FactQuery(kinds=("assault", "AID")))
    days = [FIRST + timedelta(days=d) for d in range(0, 80)]
    for _ in range(25):
        low, high = sorted(rng.sample(days, 2))
        kinds = (rng.choice(TYPES),) if rng.random() < 0.3 else ()
        found.append(FactQuery(kinds=kinds, since=low.isoformat(), until=high.isoformat()))
    found += [
        FactQuery(since="2024-04-01", until="2024-04-30"),  # one whole month
        FactQuery(since="2024-04-01"),
        FactQuery(until="2024-04-15"),  # undated facts pass an upper bound alone
        FactQuery(since="2024-04-15T12:00:00Z", until="2024-05-02"),
    ]
    return found


def _check(store: Store, rng: random.Random) -> None:
    """The kept rows equal a recount, and the map's counts a direct count."""
    run: Any = store
    kept = _kept(store)
    run.refresh_country_months()
    assert kept == _kept(store)
    for q in _queries(rng):
        counted = run._counted_countries(FactQuery(section="events", **_fields(q)))
        direct = sorted(((c, n) for c, n in counted.items() if n), key=lambda t: (-t[1], t[0]))
        assert store.event_countries(q) == direct, q


def _fields(q: FactQuery) -> dict[str, Any]:
    return {"kinds": q.kinds, "since": q.since, "until": q.until}


def _merge(store: Store, fact_ids: list[int]) -> None:
    """Merge these event facts into one event, as the story stage does."""
    run: Any = store
    cluster = run._insert(
        "INSERT INTO event_clusters (type, quad, first_date, last_date, evidence, fact_id,"
        " mention_count, article_count, source_count) VALUES ('ASSAULT', 'material conflict',"
        " '2024-04-29', '2024-05-02', 'x', ?, 2, 2, 2) RETURNING id",
        (fact_ids[0],),
    )
    for fact_id in fact_ids:
        run.assign_cluster(fact_id, cluster)
    run.refresh_fact_rollups(fact_ids)


def test_kept_map_counts_equal_a_direct_count(any_store: Store) -> None:
    rng = random.Random(15)
    run: Any = any_store
    filed = []
    for n in range(14):
        published = FIRST + timedelta(days=rng.randint(0, 75))
        filed.append(_file(any_store, n, published, _events(rng, published)))
    for article_id in filed:
        file_article(any_store, article_id)  # the story stage merges reports of one event
    _check(any_store, rng)
    assert _kept(any_store)["country_months"]

    # two reports of one event either side of a month's end, merged
    events = [
        {"type": "ASSAULT", "source": "state:NTH", "target": "state:CLD", "date": d}
        for d in ("2024-04-30", "2024-05-01")
    ]
    ids = [_file(any_store, 20 + i, date(2024, 5, 2), [e]) for i, e in enumerate(events)]
    facts = [run._one("SELECT id FROM facts WHERE article_id = ?", (i,))["id"] for i in ids]
    _merge(any_store, facts)
    spans = _kept(any_store)["country_event_spans"]
    assert {(r["country"], r["period"]) for r in spans} >= {("NTH", "2024-04"), ("NTH", "2024-05")}
    whole = dict(any_store.event_countries(FactQuery(since="2024-04-01", until="2024-05-31")))
    _check(any_store, rng)

    # analysed again: the April report is now Rivia's aid to Calder (out of the event)
    article = _article(20, "2024-05-02", _sentences(20, 1))
    actors, again = _analysis(
        article,
        [{"type": "AID", "source": "state:RVA", "target": "state:CLD", "date": "2024-04-30"}],
        {k: c for k, (_, _, c) in NAMES.items()},
    )
    any_store.save_analysis(ids[0], article.doc_id, actors, again)
    file_article(any_store, ids[0])
    after = dict(any_store.event_countries(FactQuery(since="2024-04-01", until="2024-05-31")))
    assert after["NTH"] == whole["NTH"]  # the event's May report still names Northland
    _check(any_store, rng)

    # Ivo Lind gains a country: the events filed before count for it
    before = dict(any_store.event_countries(FactQuery()))
    lind = [{"type": "CONSULT", "source": "person:ivo-lind", "target": "org:acme"}]
    _file(any_store, 30, date(2024, 3, 30), lind, gained=True)
    now = dict(any_store.event_countries(FactQuery()))
    assert now["RVA"] > before["RVA"] + 1  # the new event and the earlier ones of Ivo Lind
    _check(any_store, rng)


def test_the_map_reads_the_store_method(any_store: Store) -> None:
    """The query function behind the API and the dashboard; its version moves."""
    version = any_store.facts_version()
    _file(
        any_store,
        1,
        date(2024, 4, 30),
        [{"type": "AID", "source": "state:NTH", "target": "state:CLD", "date": "2024-04-30"}],
    )
    assert any_store.facts_version() > version
    found = event_map(query_store(any_store), type="AID", since="2024-04-01", until="2024-04-30")
    assert [(c.country, c.events) for c in found.countries] == [("CLD", 1), ("NTH", 1)]
    assert event_map(query_store(any_store), since="2024-05-01").countries == []


def test_an_upgraded_store_fills_the_map_counts(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store written before migration 0015 gets the counts when it is opened."""
    old = open_before(store_url, 15, monkeypatch)
    article = _article(1, "2024-04-30", ["Northland shelled Calder.", "Calder met Rivia."])
    article_id = old.add_article(article, fingerprint(article.text)[0])
    ids = {
        key: old._insert(
            "INSERT INTO actors (key, name, type, country, known) VALUES (?, ?, 'GPE', ?, 1)"
            " RETURNING id",
            (key, name, country),
        )
        for key, (name, _, country) in list(NAMES.items())[:3]
    }
    for ordinal, (kind, source, target, when) in enumerate(
        [
            ("ASSAULT", "state:NTH", "state:CLD", "2024-04-30"),
            ("CONSULT", "state:CLD", "state:RVA", None),
        ]
    ):
        old._run(
            "INSERT INTO facts (article_id, section, ordinal, kind, source_actor_id,"
            " target_actor_id, date, evidence, data, effective_date)"
            " VALUES (?, 'events', ?, ?, ?, ?, ?, 'x', '{}', ?)",
            (article_id, ordinal, kind, ids[source], ids[target], when, when or "2024-04-30"),
        )
    old.close()
    monkeypatch.undo()
    upgraded: Any = open_store(store_url)
    try:
        assert upgraded.schema_version() >= 15
        assert upgraded.event_countries(FactQuery(since="2024-04-01")) == [
            ("CLD", 2),
            ("NTH", 1),
            ("RVA", 1),
        ]
        assert upgraded._all(
            "SELECT period, kind, country, events FROM country_months ORDER BY country, kind"
        ) == [
            {"period": "2024-04", "kind": "ASSAULT", "country": "CLD", "events": 1},
            {"period": "2024-04", "kind": "CONSULT", "country": "CLD", "events": 1},
            {"period": "2024-04", "kind": "ASSAULT", "country": "NTH", "events": 1},
            {"period": "2024-04", "kind": "CONSULT", "country": "RVA", "events": 1},
        ]
    finally:
        upgraded.close()


def test_the_api_answers_the_map(store_url: str) -> None:
    """``GET /events/map``: the same query function as the dashboard's map."""
    from fastapi.testclient import TestClient

    from watchfloor.api import ApiSettings, create_app

    store = open_store(store_url)
    event = {"type": "AID", "source": "state:NTH", "target": "state:CLD", "date": "2024-04-30"}
    _file(store, 1, date(2024, 4, 30), [event])
    _file(store, 2, date(2024, 5, 3), [{**event, "type": "ACCUSE", "date": "2024-05-02"}])
    expected = event_map(query_store(store), since="2024-05-01")
    store.close()
    with TestClient(create_app(ApiSettings(database=store_url))) as client:
        answer = client.get("/events/map", params={"since": "2024-05-01"})
        assert answer.status_code == 200
        assert answer.json()["countries"] == [
            {"country": c.country, "events": c.events} for c in expected.countries
        ]
        assert [c["country"] for c in answer.json()["countries"]] == ["CLD", "NTH"]
        assert client.get("/events/map", params={"type": "AID"}).json()["countries"] == [
            {"country": "CLD", "events": 1},
            {"country": "NTH", "events": 1},
        ]
        assert client.get("/events/map", params={"since": "May 1"}).status_code == 422
