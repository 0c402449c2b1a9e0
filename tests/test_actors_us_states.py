"""US states among the actors: "New Jersey" is not Jersey, the senator "of Georgia" is
not from the Caucasus, and US states say an article is about the United States.

The texts are written for these tests; the people in them are invented.
"""

from __future__ import annotations

from test_actors_resolve import actors_of, by_name

from watchfloor.actors.kb import load_knowledge_base
from watchfloor.actors.places import TITLE_WEIGHT, title_states, us_state_namesakes, us_states
from watchfloor.actors.types import DocActor, Mention
from watchfloor.analysis import load_analyser
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.places import is_subdivision, state_names, subdivision_countries


def state(name: str, country: str, *forms: str) -> DocActor:
    mentions = [Mention(n, n + 1, form) for n, form in enumerate(forms or (name,))]
    return DocActor(key=name, name=name, type="GPE", country=country, known=True, mentions=mentions)


def test_us_states_are_found_once_per_mention_and_known_names_are_not() -> None:
    kb = load_knowledge_base()
    names = ["Ohio", "New Jersey", "Ohio", "Washington", "Kharkiv", "the State"]
    assert us_states(names, kb) == ["ohio", "new jersey", "ohio"]


def test_a_state_named_like_a_us_state_goes_only_among_other_us_states() -> None:
    kb = load_knowledge_base()
    georgia = state("Georgia", "GEO")
    assert us_state_namesakes([georgia], ["Georgia", "Utah"], set(), kb) == []
    assert us_state_namesakes([georgia], ["Georgia", "Washington"], set(), kb) == [georgia]
    assert us_state_namesakes([georgia], ["Georgia", "Utah"], {"GEO"}, kb) == [georgia]
    capital = state("Georgia", "GEO", "Georgia", "Tbilisi")
    assert us_state_namesakes([capital], ["Georgia", "Utah"], set(), kb) == [capital]


def test_new_jersey_is_no_jersey() -> None:
    actors = actors_of(
        "Governor Alan Whitcombe of New Jersey signed the transit bill on Tuesday.",
        "New Jersey will pay for half of the new tunnel, his office said.",
    )
    assert not any(a.country == "JEY" for a in actors)
    assert by_name(actors, "Alan Whitcombe").country == "USA"


def test_the_senator_of_georgia_and_the_country_of_georgia() -> None:
    among_states = actors_of(
        "The bill was backed by Senators Ruth Calloway of Georgia and Dan Pruitt of Ohio.",
        "Both said the Senate would vote on it before the recess.",
    )
    assert not any(a.country == "GEO" for a in among_states)
    caucasus = actors_of(
        "Georgia asked the European Union to speed up its membership talks.",
        "Officials in Tbilisi said the request was sent on Friday.",
    )
    assert by_name(caucasus, "Georgia").country == "GEO"


def test_us_state_names_and_iso_subdivisions() -> None:
    assert {"georgia", "new jersey", "ohio"} <= state_names()
    assert "kharkiv" not in state_names()
    assert is_subdivision("Scotland") and is_subdivision("Punjab") and is_subdivision("Ohio")
    assert not is_subdivision("Kharkiv Regional Council")


def test_no_state_named_makes_no_home_state() -> None:
    actors = actors_of("President Tomas Varga threatened to impose a curfew on the capital.")
    assert by_name(actors, "Tomas Varga").country is None


def test_a_state_named_only_as_a_place_is_home_when_no_other_is_named() -> None:
    actors = actors_of("President Tomas Varga threatened to impose a curfew in Algiers.")
    assert by_name(actors, "Tomas Varga").country == "DZA"


def test_northern_ireland_is_no_ireland() -> None:
    actors = actors_of(
        "Ministers in Northern Ireland said the new rules would apply from Monday.",
        "Dublin said it would follow with the same rules next week.",
    )
    assert by_name(actors, "Dublin").surface_forms == ["Dublin"]
    assert subdivision_countries("Northern Ireland") == {"GBR"}


def test_the_headlines_states_say_what_the_article_is_about() -> None:
    kb = load_knowledge_base()
    votes = title_states("South Korean lawmakers back the Seoul-Washington tariff deal", kb)
    assert votes == {"KOR": 2 * TITLE_WEIGHT, "USA": TITLE_WEIGHT}  # "South Korean", "Seoul"
    assert title_states("Voters in Ecuador reject the referendum", kb) == {"ECU": TITLE_WEIGHT}
    assert not title_states("Markets rally as rates fall", kb)


def analysed(title: str, *paragraphs: str) -> list[DocActor]:
    text, blocks = build_blocks([(BlockKind.PARAGRAPH, p) for p in paragraphs])
    article = Article(doc_id="t", origin="t", text=text, blocks=blocks, title=title)
    return load_analyser().analyse(article).actors


def test_a_local_body_belongs_to_the_state_of_the_headline() -> None:
    paragraphs = (
        "The United States said the vote changed nothing for the United States.",
        "Washington will keep its troops at the bases, the United States embassy said.",
        "The Electoral Tribunal said turnout was high.",
        "Peru voted on Sunday.",
    )
    about_peru = analysed("Peru rejects foreign bases", *paragraphs)
    assert by_name(about_peru, "Electoral Tribunal").country == "PER"
    untitled = analysed("", *paragraphs)
    assert by_name(untitled, "Electoral Tribunal").country == "USA"
