"""Facts in the store: every fact with its evidence, actors by registry, listing filters.

Every test runs on each backend (SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from watchfloor.actors.types import DocActor, Mention
from watchfloor.cli import app
from watchfloor.dedup import fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.store import Store, open_store

TEXT = "Northland troops shelled Calder on Monday. The mayor said 40 people were hurt."


@pytest.fixture
def store(any_store: Store) -> Iterator[Store]:
    yield any_store


def setup(store: Store) -> int:
    body, blocks = build_blocks([(BlockKind.PARAGRAPH, TEXT)])
    article = Article(
        doc_id="shelling",
        origin="x",
        text=body,
        blocks=blocks,
        published="2024-05-02",
        url="https://example.org/shelling",
    )
    article_id = store.add_article(article, fingerprint(body)[0])
    russia = DocActor(
        key="state:RUS",
        name="Russia",
        type="GPE",
        country="RUS",
        known=True,
        mentions=[Mention(0, 9, "Northland")],
    )
    ukraine = DocActor(
        key="state:UKR",
        name="Ukraine",
        type="GPE",
        country="UKR",
        known=True,
        mentions=[Mention(24, 30, "Calder")],
    )
    first = TEXT.index(".") + 1
    facts = {
        "events": [
            {
                "type": "ASSAULT",
                "source": "a1",
                "target": "a2",
                "modality": "asserted",
                "date": "2024-04-29",
                "evidence": TEXT[:first],
                "evidence_start": 0,
                "evidence_end": first,
            }
        ],
        "claims": [
            {"value": 40, "unit": "people", "source": None, "evidence": TEXT[first + 1 :]},
            {"value": 3, "unit": "people", "evidence": ""},
        ],  # no evidence: not kept
    }
    store.save_analysis(article_id, "shelling", [russia, ukraine], facts)
    return article_id


def test_facts_are_stored_with_evidence_and_registry_actors(store: Store) -> None:
    setup(store)
    (event,) = store.list_facts("events")
    assert (event.kind, event.source, event.target, event.date) == (
        "ASSAULT",
        "Russia",
        "Ukraine",
        "2024-04-29",
    )
    assert TEXT[event.data["evidence_start"] : event.data["evidence_end"]] == event.evidence
    assert event.data["source"] == "state:RUS"  # registry keys, not document ids
    assert [c.data["value"] for c in store.list_facts("claims")] == [40]


def test_filters(store: Store) -> None:
    setup(store)
    assert len(store.list_facts("events", actor="Russia")) == 1
    assert store.list_facts("events", actor="France") == []
    assert len(store.list_facts("events", kind="assault", country="UKR")) == 1
    assert store.list_facts("events", since="2024-05-01") == []
    assert len(store.list_facts("events", until="2024-04-30", search="shelled")) == 1
    assert store.list_facts("events", search="%_'") == []


def test_saving_the_same_analysis_twice_changes_nothing(store: Store) -> None:
    article_id = setup(store)
    before = store.counts()
    store.save_analysis(article_id, "shelling", [], {})
    assert store.counts() == before


def test_cli_lists_facts(store_url: str) -> None:
    store = open_store(store_url)
    setup(store)
    store.close()
    db = store_url
    runner = CliRunner()
    out = runner.invoke(app, ["events", "--db", db, "--json", "--type", "ASSAULT"])
    assert out.exit_code == 0, out.output
    (line,) = [json.loads(x) for x in out.output.splitlines()]
    assert line["url"] == "https://example.org/shelling" and line["type"] == "ASSAULT"
    bad = runner.invoke(app, ["events", "--db", db, "--since", "soonish"])
    assert bad.exit_code != 0


def test_generic_actors_are_filed_per_agent_and_country_with_their_code(store: Store) -> None:
    def police(doc_id: str, country: str | None) -> int:
        body, blocks = build_blocks(
            [(BlockKind.PARAGRAPH, f"Police arrested protesters ({doc_id}).")]
        )
        article = Article(
            doc_id=doc_id, origin="x", text=body, blocks=blocks, published="2024-05-02"
        )
        article_id = store.add_article(article, fingerprint(body)[0])
        cop = DocActor(
            key="group:cop:police:",
            name="police",
            type="ORG",
            country=country,
            country_from="article",
            agent="COP",
            mentions=[Mention(0, 6, "Police")],
        )
        store.save_analysis(article_id, doc_id, [cop], {})
        return article_id

    police("hk1", "HKG")
    police("hk2", "HKG")
    police("us1", "USA")
    police("none1", None)
    profile = store.get_actor("police")
    assert profile is not None and profile.agent == "COP"
    keys = {a.key for a in store.list_actors(search="police")}
    assert keys == {"group:cop:police:HKG", "group:cop:police:USA", "group:cop:police:@none1"}
