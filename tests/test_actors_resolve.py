"""Actor resolution in running text, with the real spaCy model and knowledge base.

The texts are written for these tests; the people in them are invented, the
states and institutions are real.
"""

from __future__ import annotations

import pytest

from watchfloor.actors.types import DocActor
from watchfloor.analysis import load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def actors_of(*paragraphs: str, published: str = "2024-05-02") -> list[DocActor]:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="t", origin="t", text=text, blocks=blocks, published=published)
    return load_analyser().analyse(article).actors


def by_name(actors: list[DocActor], name: str) -> DocActor:
    for actor in actors:
        if actor.name == name or name in actor.surface_forms:
            return actor
    raise AssertionError(f"{name!r} not among {[a.name for a in actors]}")


def test_titles_demonyms_and_surnames() -> None:
    actors = actors_of(
        "Estonian Foreign Minister Kaja Tamsalu met her Latvian counterpart in Riga on Monday.",
        "Tamsalu said Riga and Tallinn would coordinate their positions before the summit.",
    )
    tamsalu = by_name(actors, "Kaja Tamsalu")
    assert (tamsalu.type, tamsalu.country, tamsalu.role) == ("PERSON", "EST", "Foreign Minister")
    assert tamsalu.surface_forms == ["Kaja Tamsalu", "Tamsalu"]
    assert by_name(actors, "Riga").name == "Latvia"  # a capital stands for its state
    assert not any(a.name in {"Estonian", "Latvian"} for a in actors)  # demonyms alone


def test_possessive_state_and_organisation_affiliation() -> None:
    actors = actors_of(
        "Ukraine's Defence Minister Taras Hlibenko said Kyiv needed more air defence.",
        "Harbourline Research analyst Mira Olsen said the request would be granted.",
    )
    hlibenko = by_name(actors, "Taras Hlibenko")
    assert hlibenko.country == "UKR" and hlibenko.role == "Defence Minister"
    ukraine = [a for a in actors if a.country == "UKR" and a.type == "GPE"]
    assert len(ukraine) == 1 and set(ukraine[0].surface_forms) == {"Ukraine", "Kyiv"}
    olsen = by_name(actors, "Mira Olsen")
    assert olsen.organisation == "Harbourline Research" and olsen.country is None
    assert by_name(actors, "Harbourline Research").type == "ORG"


def test_metonyms_and_known_institutions() -> None:
    actors = actors_of(
        "The Kremlin rejected the proposal, while the Pentagon said it was studying it.",
        "The Federal Reserve left rates unchanged; the best fed troops were elsewhere.",
    )
    russia = by_name(actors, "Russia")
    assert any("Kremlin" in form for form in russia.surface_forms)
    pentagon = by_name(actors, "Pentagon")
    assert (pentagon.type, pentagon.country) == ("ORG", "USA")
    assert not any(form == "fed" for a in actors for form in a.surface_forms)


@pytest.mark.parametrize("variant", ["Zelensky", "Zelenskyy"])
def test_spelling_variants_resolve_to_one_known_person(variant: str) -> None:
    actors = actors_of(f"President Volodymyr {variant} addressed parliament in Kyiv on Friday.")
    assert by_name(actors, f"Volodymyr {variant}").key == "person:volodymyr-zelenskyy"


def test_mentions_carry_offsets_into_the_text() -> None:
    first = "Turkish Interior Minister Deniz Arkan said 40 people had been detained in Ankara."
    actors = actors_of(first)
    for actor in actors:
        for mention in actor.mentions:
            assert first[mention.start : mention.end] == mention.text


def test_unnamed_collectives_become_group_actors() -> None:
    actors = actors_of(
        "Ukraine's allies met in Brussels on Tuesday. Western allies pledged more air defence.",
        "Ukrainian soldiers held the line near the river.",
    )
    groups = {a.name: a for a in actors if a.type == "GROUP"}
    assert set(groups) == {"Ukraine's allies", "Western allies"}
    assert all(g.country is None for g in groups.values())


def test_the_role_phrase_refers_to_the_one_holder() -> None:
    actors = actors_of(
        "Latvian Foreign Minister Ilze Kalnina met Prime Minister Anders Holm in Copenhagen.",
        "The foreign minister said the talks had been useful.",
    )
    kalnina = by_name(actors, "Ilze Kalnina")
    assert any(m.text.lower() == "the foreign minister" for m in kalnina.mentions)
    assert not any(
        "foreign minister" in m.text.lower() for m in by_name(actors, "Anders Holm").mentions
    )


def test_a_short_state_name_is_the_state_named_before() -> None:
    actors = actors_of(
        "South Korea signed the trade deal on Monday.",
        "The envoy praised Korea as a model ally on Tuesday.",
    )
    korea = by_name(actors, "South Korea")
    assert "Korea" in korea.surface_forms
    assert [a.name for a in actors if a.type == "GPE"] == ["South Korea"]


def test_an_ambiguous_state_name_is_the_one_already_named() -> None:
    actors = actors_of(
        "The Republic of the Congo signed the accord on Monday.",
        "Rwanda praised Congo on Tuesday.",
    )
    states = {a.name for a in actors if a.type == "GPE"}
    assert states == {"Republic of the Congo", "Rwanda"}


def test_a_sitting_leaders_surname_the_tagger_took_for_an_organisation() -> None:
    text = "Trump said on Monday that the strikes would continue."
    assert by_name(actors_of(text, published="2025-06-02"), "Donald Trump").type == "PERSON"
    assert by_name(actors_of(text, published="2024-05-02"), "Trump").type != "PERSON"


def test_a_longer_name_with_another_nations_demonym_is_its_own_body() -> None:
    actors = actors_of("The Nepali Congress said on Monday it would join the government.")
    assert [a.name for a in actors if a.type == "ORG"] == ["Nepali Congress"]
    actors = actors_of("The US Congress said on Monday it would vote on the bill.")
    assert [a.name for a in actors if a.type == "ORG"] == ["US Congress"]
