"""References inside one article: shorter forms of names, "the commission", "she" (invented
people and bodies, real states), through the real pipeline."""

from __future__ import annotations

from typing import Any

from watchfloor.actors.taking_part import keep_actors_taking_part
from watchfloor.actors.types import DocActor, Mention
from watchfloor.analysis import load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def analyse(*paragraphs: str) -> tuple[dict[str, Any], dict[str, str]]:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="r", origin="r", text=text, blocks=blocks, published="2024-05-02")
    analysed = load_analyser().analyse(article)
    ids = analysed.actor_ids()
    return analysed.facts, {ids[a.key]: a.name for a in analysed.actors}


def speakers(facts: dict[str, Any], names: dict[str, str]) -> list[tuple[str | None, str]]:
    return [(names.get(q["speaker"] or ""), q["text"]) for q in facts["quotes"]]


def test_a_name_without_its_article_prefix_is_the_same_person() -> None:
    _, names = analyse(
        "Libyan envoy Karim al-Mansouri arrived in Rome on Monday.",
        "Italy's foreign minister met Mansouri the next day.",
    )
    assert sorted(names.values()).count("Karim al-Mansouri") == 1
    assert "Mansouri" not in names.values()


def test_the_last_words_of_a_full_name_are_the_same_person() -> None:
    facts, names = analyse(
        "Foreign Minister Anna Maria Lindqvist spoke in Stockholm on Monday.",
        "Maria Lindqvist said Sweden was open to talks.",
    )
    assert ("Anna Maria Lindqvist", "Sweden was open to talks") in speakers(facts, names)
    assert "Maria Lindqvist" not in names.values()


def test_the_commission_is_the_commission_named_before() -> None:
    facts, names = analyse(
        "The Harbour Safety Commission of Norland counted 19 injured workers.",
        "Police closed the docks, and the commission said unsafe cranes operated in two ports.",
    )
    said = speakers(facts, names)
    # the name goes on over "of Norland" (mentions._extend_body)
    commission = "Harbour Safety Commission of Norland"
    assert (commission, "unsafe cranes operated in two ports") in said


def test_a_that_clause_the_parse_hung_under_a_time_clause_is_reported() -> None:
    facts, names = analyse(
        "Tomas Berger, the envoy to Iraq, said after the Khor Mor strike that Iraq had a"
        ' "historic opportunity" to end the era of militias.',
    )
    assert [s for s, text in speakers(facts, names) if "historic opportunity" in text] == [
        "Tomas Berger"
    ]


def test_she_skips_a_man_the_text_calls_he() -> None:
    facts, names = analyse(
        "Prime Minister Mette Halvorsen flew to Nuuk on Monday.",
        "Halvorsen said she would defend the island.",
        "Minister Jon Brekke said he was worried. She accused the United States of pressure.",
    )
    accuse = [e for e in facts["events"] if e["type"] == "ACCUSE"]
    assert [names[e["source"]] for e in accuse] == ["Mette Halvorsen"]


def test_a_place_inside_the_name_of_a_thing_is_no_actor() -> None:
    facts, names = analyse("Sweden joined the Paris Agreement in 2016, officials said.")
    assert "France" not in names.values()
    assert not [e for e in facts["events"] if names.get(e["target"] or "") == "France"]


def test_a_one_word_person_is_kept_only_when_it_takes_part() -> None:
    facts, names = analyse(
        "Fighting spread to Tigray and Amhara last week.",
        'Mirelka told reporters: "We have no water left."',
    )
    assert "Tigray" not in names.values()
    assert "Mirelka" in {names.get(q["speaker"] or "") for q in facts["quotes"]}


def test_unnamed_bodies_and_groups_speak() -> None:
    facts, names = analyse(
        "Sixty people were injured, according to health officials.",
        "Rights groups say the strikes have also killed civilians.",
        "The presidential office said the navy could defend the coast.",
    )
    said = speakers(facts, names)
    assert ("health officials", "Sixty people were injured") in said
    assert ("Rights groups", "the strikes have also killed civilians") in said
    assert ("presidential office", "the navy could defend the coast") in said
    assert {"health officials", "Rights groups", "presidential office"} <= set(names.values())


def test_an_unnamed_body_that_says_nothing_is_no_actor() -> None:
    _, names = analyse("The interior ministry building was closed on Monday.")
    assert "interior ministry" not in names.values()


def test_an_article_prefixed_surname_alone_is_the_same_person() -> None:
    facts, names = analyse(
        "Information Minister Moammar al-Rashidi spoke on Monday.",
        "According to al-Rashidi, the rebels are backed by a foreign power.",
    )
    said = speakers(facts, names)
    assert ("Moammar al-Rashidi", "the rebels are backed by a foreign power.") in said


def test_a_subject_pronoun_continues_the_subject_before_it() -> None:
    facts, names = analyse(
        "Foreign Minister Clara Ostberg met her counterpart Ivo Brandt in Oslo on Monday."
        ' "Some wounds will heal," she said.',
        "Ostberg criticised Erik Lund over the delay. He has not replied.",
    )
    said = speakers(facts, names)
    assert ("Clara Ostberg", "Some wounds will heal") in said


def test_an_object_pronoun_takes_the_nearest_mention() -> None:
    facts, names = analyse(
        "Prime Minister Omar Haddad condemned the strike on Monday.",
        "In 2007 the United States labelled General Hassan Rahimi a terrorist and imposed"
        " sanctions on him.",
    )
    sanctions = [e for e in facts["events"] if e["type"] == "SANCTION"]
    assert [names.get(e["target"] or "") for e in sanctions] == ["Hassan Rahimi"]


def test_a_person_of_no_stated_country_belongs_to_a_dominant_state() -> None:
    text, blocks = build_blocks(
        [
            (BlockKind.PARAGRAPH, "Kenya's parliament passed the finance bill on Tuesday."),
            (BlockKind.PARAGRAPH, "Kalonzo Mwangi said the vote was a betrayal of Kenya."),
        ]
    )
    article = Article(doc_id="k", origin="k", text=text, blocks=blocks, published="2024-05-02")
    countries = {a.name: a.country for a in load_analyser().analyse(article).actors}
    assert countries["Kalonzo Mwangi"] == "KEN"


def _actor(key: str, name: str, type_: str, text: str, known: bool = False) -> DocActor:
    mentions = [
        Mention(n, n + len(name), name) for n in range(len(text)) if text.startswith(name, n)
    ]
    return DocActor(key, name, type_, known=known, mentions=mentions)


def test_a_name_met_only_after_a_preposition_of_place_is_a_place() -> None:
    text = (
        "Clashes broke out in Ruvala on Monday. Dozens gathered outside the Harlen Plaza. "
        "Kestrel Holdings said it would close its offices. Talks were held in Sweden."
    )
    actors = [
        _actor("d:ruvala", "Ruvala", "ORG", text),
        _actor("d:plaza", "Harlen Plaza", "PERSON", text),
        _actor("d:kestrel", "Kestrel Holdings", "ORG", text),
        _actor("Q34", "Sweden", "GPE", text, known=True),
        _actor("d:cited", "Harlen Plaza Trust", "ORG", text + " in Harlen Plaza Trust"),
    ]
    facts = {"quotes": [{"speaker": "a5", "text": "x"}]}
    kept = keep_actors_taking_part(actors, facts, text + " in Harlen Plaza Trust")
    assert [a.name for a in kept] == ["Kestrel Holdings", "Sweden", "Harlen Plaza Trust"]
    assert facts["quotes"][0]["speaker"] == "a3"  # renumbered to the kept actors
