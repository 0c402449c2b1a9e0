"""Generic actors: police, protesters, troops, the army; through the real pipeline."""

from __future__ import annotations

from typing import Any

from watchfloor.analysis import facts_json, load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def analyse(*paragraphs: str) -> dict[str, Any]:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="g", origin="g", text=text, blocks=blocks, published="2024-05-02")
    return facts_json(load_analyser().analyse(article))


def by_name(out: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["name"]: a for a in out["actors"]}


def test_police_and_protesters_act_with_agent_codes() -> None:
    out = analyse(
        "Protesters blocked the main road in Belgrade on Monday.",
        "Police arrested protesters on Tuesday.",
    )
    actors = by_name(out)
    assert actors["police"]["type"] == "ORG" and actors["police"]["agent"] == "COP"
    names = {a["id"]: a["name"] for a in out["actors"]}
    pairs = {(e["type"], names.get(e["source"]), names.get(e["target"])) for e in out["events"]}
    assert ("COERCE", "police", "protesters") in pairs
    assert actors["protesters"]["type"] == "GROUP" and actors["protesters"]["agent"] == "OPP"


def test_a_demonym_gives_the_group_its_state() -> None:
    out = analyse("North Korean troops attacked Ukrainian positions near Kursk.")
    troops = by_name(out)["troops"]
    assert (troops["country"], troops["agent"]) == ("PRK", "MIL")
    assert {e["source"] for e in out["events"]} == {troops["id"]}


def test_one_group_per_state() -> None:
    out = analyse(
        "Russian troops shelled the town on Monday.",
        "Georgian troops attacked the convoy on Tuesday.",
    )
    countries = {a["country"] for a in out["actors"] if a["name"] == "troops"}
    assert countries == {"RUS", "GEO"}


def test_groups_in_no_fact_are_dropped_and_ids_stay_consistent() -> None:
    out = analyse(
        "Germany will send more troops to Lithuania, Berlin said.",
        "Lithuania welcomed Germany's decision.",
    )
    assert "troops" not in by_name(out)  # only ever sent: a thing, not an actor
    ids = [a["id"] for a in out["actors"]]
    assert ids == [f"a{n}" for n in range(1, len(ids) + 1)]
    for section in ("events", "quotes", "claims", "forecasts"):
        for fact in out[section]:
            for field in ("source", "target", "speaker"):
                assert fact.get(field) is None or fact[field] in ids


def test_events_quotes_and_forecasts_resolve_a_pronoun_alike() -> None:
    """One resolution (participants.refer) serves every section, past the sentence before."""
    out = analyse(
        "Carrie Lam spoke in Hong Kong on Monday.",
        "The city has seen months of unrest.",
        'She condemned the attacks on police and said: "We will restore order."',
        "She said the unrest would likely end by the summer.",
    )
    names = {a["id"]: a["name"] for a in out["actors"]}
    assert {names[e["source"]] for e in out["events"] if e["type"] == "ACCUSE"} == {"Carrie Lam"}
    assert {names[q["speaker"]] for q in out["quotes"]} == {"Carrie Lam"}
    assert {names[f["source"]] for f in out["forecasts"]} == {"Carrie Lam"}


def test_a_surname_the_tagger_missed_still_names_the_person() -> None:
    out = analyse(
        "George Simion lost the vote.",
        'Simion responded on Facebook: "We have no choice but to fight!"',
    )
    names = {a["id"]: a["name"] for a in out["actors"]}
    assert [names.get(q["speaker"]) for q in out["quotes"]] == ["George Simion"]


def test_a_typhoon_is_no_actor() -> None:
    out = analyse(
        "Typhoon Phanfone made landfall on the Philippines, killing at least 16 people.",
        "Phanfone damaged the same regions as Typhoon Haiyan.",
    )
    assert all("Phanfone" not in a["name"] for a in out["actors"])
