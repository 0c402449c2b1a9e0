"""The query service: search, profiles, dyads and fact listings, every row tied to its evidence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from query_corpus import NORTH, SOUTH, Small, build_small, sample_db
from typer.testing import CliRunner

from watchfloor import query
from watchfloor.cli import app
from watchfloor.facts.plover import PLOVER_TYPES
from watchfloor.query import PageRequest, QueryError, QueryStore
from watchfloor.query.pagination import clean
from watchfloor.query.results import Event, Fact
from watchfloor.store import open_store
from watchfloor.store.sql_queries import SQLQueries

HOSTILE = [
    "'; DROP TABLE facts; --",
    "\x00\ud800\u202e",
    'NEAR(a b) "unclosed',
    "*",
    "%_\\",
    "ﷺ" * 300,
    "title:iran OR",
]


@pytest.fixture
def small(any_store: object, request: pytest.FixtureRequest) -> Iterator[tuple[QueryStore, Small]]:
    """The hand-made articles, on every backend that has the read queries."""
    if not isinstance(any_store, SQLQueries):
        pytest.skip(f"{type(any_store).__name__} has no read queries yet")
    store = query.query_store(any_store)  # type: ignore[arg-type]
    yield store, build_small(store)


@pytest.fixture(scope="module")
def sample() -> Iterator[QueryStore]:
    store = open_store(sample_db())
    yield query.query_store(store)
    store.close()


def _check_evidence(store: QueryStore, row: Fact | Event) -> None:
    """A row's evidence is a sentence of the article it names, at the offsets it gives."""
    stored = store.get_article(row.article.doc_id)
    assert stored is not None and stored.article.url == row.article.url
    assert stored.article.title == row.article.title
    start = row.mentions[0].evidence_start if isinstance(row, Event) else row.evidence_start
    assert start is not None
    assert stored.article.text[start:].startswith(row.evidence)


def test_events_merge_clustered_mentions(small: tuple[QueryStore, Small]) -> None:
    store, ids = small
    page = query.list_events(store)
    assert page.total == 5 and len(page.items) == 5 and page.next_page is None
    assert [e.type for e in page.items] == ["CONSULT", "ACCUSE", "ACCUSE", "ASSAULT", "ASSAULT"]
    shelling = page.items[-1]
    assert shelling.id == f"cluster-{ids.cluster_id}"
    assert (shelling.mention_count, shelling.article_count, shelling.source_count) == (2, 2, 2)
    assert [m.article.doc_id for m in shelling.mentions] == ["north-1", "south-1"]
    assert shelling.evidence == NORTH[0] and shelling.quad == "material conflict"
    assert shelling.source and shelling.source.name == "Northland"
    lone = page.items[0]
    assert lone.id.startswith("fact-") and lone.mention_count == 1
    for event in page.items:
        _check_evidence(store, event)


def test_event_filters(small: tuple[QueryStore, Small]) -> None:
    store, _ = small

    def types(**kw: object) -> list[str | None]:
        return [e.type for e in query.list_events(store, **kw).items]  # type: ignore[arg-type]

    assert types(modality="predicted") == ["ASSAULT"]
    assert types(modality="planned") == ["CONSULT"]
    assert types(type="accuse") == ["ACCUSE", "ACCUSE"]
    assert types(quad="verbal cooperation") == ["CONSULT"]
    assert types(type="ASSAULT", quad="verbal conflict") == []
    assert len(types(country="cld")) == 5  # Calder, or Jon Ode of Calder
    assert types(country="XXX") == []
    assert types(actor="Jon Ode") == ["ACCUSE"]
    assert types(actor="person:jon-ode") == ["ACCUSE"]
    assert types(since="2024-05-03") == ["CONSULT", "ACCUSE"]
    assert types(until="2024-04-29") == ["ASSAULT"]
    assert types(search="geneva") == ["CONSULT"]
    with pytest.raises(QueryError):
        query.list_events(store, modality="maybe")
    with pytest.raises(QueryError):
        query.list_events(store, type="HUG")


def test_pagination(small: tuple[QueryStore, Small]) -> None:
    store, _ = small
    first = query.list_events(store, page=PageRequest(1, 2))
    last = query.list_events(store, page=PageRequest(3, 2))
    assert (first.total, first.next_page, len(first.items)) == (5, 2, 2)
    assert (last.next_page, len(last.items)) == (None, 1)
    beyond = query.list_events(store, page=PageRequest(100, 2))
    assert beyond.items == [] and beyond.next_page is None
    for bad in ((0, 10), (1, 0), (1, 201), (query.MAX_PAGE + 1, 1)):
        with pytest.raises(QueryError):
            PageRequest(*bad)


def test_actor_profile(small: tuple[QueryStore, Small]) -> None:
    store, _ = small
    profile = query.actor_profile(store, "Northland")
    assert profile is not None and profile.actor.key == "state:NTH"
    (calder,) = profile.partners
    assert calder.actor.name == "Calder"
    assert (calder.events, calder.as_source, calder.as_target) == (3, 2, 1)
    assert calder.quads.material_conflict == 2 and calder.quads.verbal_cooperation == 1
    assert calder.quads.balance == pytest.approx(-1 / 3, abs=0.001)
    assert [(p.period, p.events) for p in profile.timeline] == [("2024-04", 1), ("2024-05", 2)]
    assert profile.balance.total == 3
    assert profile.events.total == 3
    assert [f.data["phrase"] for f in profile.forecasts.items] == ["likely"]
    berg = query.actor_profile(store, "anna berg")
    assert berg is not None
    assert [q.evidence for q in berg.quotes_by.items] == [NORTH[1]]
    assert [q.evidence for q in berg.quotes_about.items] == [SOUTH[2]]
    assert {p.actor.name for p in berg.partners} == {"Calder", "Jon Ode"}
    calder_profile = query.actor_profile(store, "Calder")
    assert calder_profile is not None and calder_profile.claims.total == 1
    assert query.actor_profile(store, "Nobody Atall") is None


def test_dyad(small: tuple[QueryStore, Small]) -> None:
    store, _ = small
    pair = query.dyad(store, "Northland", "Calder")
    assert pair is not None
    assert pair.a_to_b.material_conflict == 2 and pair.a_to_b.balance == -1.0
    assert pair.b_to_a.verbal_cooperation == 1 and pair.b_to_a.balance == 1.0
    assert pair.events.total == 3
    assert [p.events for p in pair.timeline] == [1, 2]
    talk = query.dyad(store, "Anna Berg", "Calder")
    assert talk is not None and [q.evidence for q in talk.quotes] == [NORTH[1]]
    assert query.dyad(store, "Northland", "Nowhere") is None
    with pytest.raises(QueryError):
        query.dyad(store, "Northland", "state:NTH")


def test_quotes_claims_forecasts_watch(small: tuple[QueryStore, Small]) -> None:
    store, _ = small
    assert [q.kind for q in query.list_quotes(store, speaker="Anna Berg").items] == ["direct"]
    assert query.list_quotes(store, kind="indirect").total == 1
    assert [c.data["value"] for c in query.list_claims(store, subject="HURT").items] == [40]
    assert query.list_claims(store, subject="nothing like it").total == 0

    def statements(**kw: object) -> list[str]:
        page = query.list_forecasts(store, **kw)  # type: ignore[arg-type]
        return [f.data["statement"] for f in page.items]

    assert statements(status="open", as_of="2024-06-01") == [
        "the talks fail",
        "Northland attacks Calder",
    ]
    assert statements(status="due", as_of="2024-07-01") == ["Northland attacks Calder"]
    assert statements(status="open", as_of="2024-07-01") == ["the talks fail"]
    assert statements(due_before="2025-01-01") == ["Northland attacks Calder"]
    assert query.list_watch(store).total == 1
    assert query.list_watch(store, due_before="2024-05-01").total == 0


def test_article_detail_and_search(small: tuple[QueryStore, Small]) -> None:
    store, _ = small
    detail = query.article_detail(store, "north-1")
    assert detail is not None and detail.source == "Northern Post"
    assert {k: len(v) for k, v in detail.facts.items()} == {
        "events": 3,
        "quotes": 1,
        "claims": 1,
        "forecasts": 1,
    }
    for facts in detail.facts.values():
        for fact in facts:
            assert detail.text[fact.evidence_start : fact.evidence_end] == fact.evidence
            assert fact.article.doc_id == "north-1"
    assert query.article_detail(store, "missing") is None
    listed = query.search_articles(store)
    assert listed.total == 2 and [a.doc_id for a in listed.items] == ["south-1", "north-1"]
    assert query.search_articles(store, since="2024-05-03").total == 1
    actors = query.list_actors(store, page=PageRequest(1, 3))
    assert actors.total == 4 and actors.next_page == 2
    assert [a.name for a in query.list_actors(store, search="berg").items] == ["Anna Berg"]


def test_on_sample_articles(sample: QueryStore) -> None:
    found = query.search_articles(sample, "Soleimani", page=PageRequest(1, 5))
    assert found.items[0].doc_id == "wn-2020-01-05-united-states-military-kills-qasem-soleimani"
    events = query.list_events(sample, page=PageRequest(1, 200))
    assert events.total == len(events.items) > 10
    for event in events.items:
        _check_evidence(sample, event)
        assert event.type in PLOVER_TYPES
    iran = query.actor_profile(sample, "Iran")
    assert iran is not None and iran.actor.country == "IRN"
    assert iran.events.total and iran.partners
    assert sum(p.events for p in iran.timeline) == iran.balance.total
    quotes = query.list_quotes(sample, speaker="Rouhani")
    assert quotes.total and all(q.source and "Rouhani" in q.source.name for q in quotes.items)
    for quote in quotes.items:
        _check_evidence(sample, quote)
    pair = query.dyad(sample, "United States", "Iran")
    assert pair is not None and pair.a.country == "USA"


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_sane_answers(sample: QueryStore, text: str) -> None:
    query.search_articles(sample, text)
    query.list_events(sample, actor=text, country=text, search=text, since=text, until=text)
    query.list_quotes(sample, speaker=text, kind=text, search=text)
    query.list_claims(sample, subject=text, source=text)
    query.list_forecasts(sample, due_before=text, source=text)
    query.list_actors(sample, search=text, country=text, type=text)
    assert query.actor_profile(sample, text) is None
    assert query.article_detail(sample, text) is None
    assert sample.counts()["facts"] > 0  # nothing was dropped


def test_clean() -> None:
    assert clean("  a\x00b \n c ") == "ab c"
    assert clean("\ud800x") == "?x"
    assert clean("   ") is None and clean(None) is None
    assert len(clean("x" * 1000) or "") == 200


def test_cli_commands() -> None:
    db = str(sample_db())
    runner = CliRunner()
    out = runner.invoke(app, ["search", "Soleimani", "--db", db, "--json", "--limit", "2"])
    assert out.exit_code == 0, out.output
    first = json.loads(out.stdout.splitlines()[0])
    assert first["doc_id"].endswith("qasem-soleimani")
    out = runner.invoke(app, ["events", "--db", db, "--json", "--modality", "asserted"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows and all(r["modality"] == "asserted" and r["url"] and r["evidence"] for r in rows)
    assert runner.invoke(app, ["events", "--db", db, "--modality", "sort-of"]).exit_code == 2
    out = runner.invoke(app, ["profile", "Iran", "--db", db])
    assert out.exit_code == 0 and "partners" in out.stdout
    out = runner.invoke(app, ["profile", "Iran", "--db", db, "--json"])
    assert json.loads(out.stdout)["actor"]["key"] == "state:IRN"
    out = runner.invoke(app, ["dyad", "United States", "Iran", "--db", db])
    assert out.exit_code == 0 and "United States" in out.stdout
    assert runner.invoke(app, ["dyad", "Iran", "Nobody Atall", "--db", db]).exit_code == 1


def test_cli_events_on_a_fresh_database(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    out = CliRunner().invoke(app, ["events", "--db", db])
    assert out.exit_code == 0, out.output
