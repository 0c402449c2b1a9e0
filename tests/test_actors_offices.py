"""Offices named without a name ("the U.S. president") resolved by the article's date,
with the real spaCy model and the packaged knowledge base. The texts are written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from watchfloor.actors.kb import load_knowledge_base
from watchfloor.actors.offices import office_index
from watchfloor.actors.types import DocActor
from watchfloor.analysis import Analyser, article_when, load_analyser
from watchfloor.models import Article, BlockKind, build_blocks


def actors_of(text: str, published: str | None) -> list[DocActor]:
    blocks_text, blocks = build_blocks([(BlockKind.PARAGRAPH, text)])
    article = Article(doc_id="t", origin="t", text=blocks_text, blocks=blocks, published=published)
    analyser = Analyser(load_analyser().annotator, with_facts=False)
    return analyser.analyse(article).actors


def holder(actors: list[DocActor], phrase: str) -> str | None:
    found = [a.name for a in actors if phrase in a.surface_forms]
    assert len(found) <= 1, found
    return found[0] if found else None


SENTENCE = "The U.S. president told reporters that the tariffs on steel would stay in place."


@pytest.mark.parametrize(
    ("published", "name"),
    [
        ("2019-05-01", "Donald Trump"),
        ("2022-05-01", "Joe Biden"),
        ("2025-06-01T08:00:00Z", "Donald Trump"),
        ("2021-01-19", "Donald Trump"),  # Biden took office on 20 January 2021
        ("2021-01-21", "Joe Biden"),
    ],
)
def test_the_us_president_on_the_articles_day(published: str, name: str) -> None:
    actors = actors_of(SENTENCE, published)
    assert holder(actors, "The U.S. president") == name
    person = next(a for a in actors if a.name == name)
    assert (person.type, person.country, person.role, person.known) == (
        "PERSON",
        "USA",
        "President",
        True,
    )


def test_a_year_with_two_holders_resolves_to_no_one() -> None:
    assert holder(actors_of(SENTENCE, "2021"), "The U.S. president") is None


def test_no_date_no_office_resolution() -> None:
    assert holder(actors_of(SENTENCE, None), "The U.S. president") is None


def test_possessive_state_and_of_phrase() -> None:
    text = (
        "Russia's foreign minister met Iran's president in Moscow. "
        "Later the president of Ukraine spoke to parliament."
    )
    actors = actors_of(text, "2023-03-01")
    assert holder(actors, "Russia's foreign minister") == "Sergei Lavrov"
    assert holder(actors, "Iran's president") == "Ebrahim Raisi"
    assert holder(actors, "the president of Ukraine") == "Volodymyr Zelenskyy"
    actors = actors_of(text, "2025-03-01")
    assert holder(actors, "Iran's president") == "Masoud Pezeshkian"


def test_a_named_holder_gets_the_mention() -> None:
    text = (
        "Joe Biden visited a factory in Ohio on Monday. "
        "The U.S. president said the plant would hire 400 workers."
    )
    actors = actors_of(text, "2022-05-01")
    biden = [a for a in actors if a.name == "Joe Biden"]
    assert len(biden) == 1 and "The U.S. president" in biden[0].surface_forms


def test_titles_before_names_and_appositions_are_not_office_references() -> None:
    text = "Daria Velk, the French foreign minister, met the U.S. president Marta Quill."
    actors = actors_of(text, "2019-05-01")
    assert all(a.name not in {"Donald Trump", "Jean-Yves Le Drian"} for a in actors)


def test_holders_on_a_handover_day() -> None:
    index = office_index(load_knowledge_base())
    on_day = index.holders("President", "USA", date(2021, 1, 20))
    assert [a.name for a, _ in on_day] == ["Joe Biden"]
    assert len(index.holders("President", "USA", 2021)) == 2
    assert index.canonical("foreign minister") == "Foreign Minister"
    assert index.canonical("weather") is None


def test_article_when() -> None:
    assert article_when("2019-05-01T10:00:00+00:00") == date(2019, 5, 1)
    assert article_when("2019") == 2019
    assert article_when("2019-13-45") == 2019
    assert article_when(None) is None
    assert article_when("yesterday") is None


def test_other_offices_of_the_same_name_are_left_alone() -> None:
    text = (
        "The U.S. president-elect met the president of the European Commission, "
        "and the U.S. vice president spoke to reporters."
    )
    actors = actors_of(text, "2021-05-01")
    assert holder(actors, "the president") is None
    assert all(a.name not in {"Joe Biden", "Donald Trump"} for a in actors)
    assert holder(actors, "the U.S. vice president") == "Kamala Harris"
