"""Where a name ends: tables of seats, verbs the tagger took in, an office's place run
together with its holder's name, and large towns with two-word names.

The texts are written for these tests; the people in them are invented.
"""

from __future__ import annotations

from test_actors_resolve import actors_of, by_name

from watchfloor.actors.places import is_city_actor
from watchfloor.actors.types import DocActor, Mention


def test_a_count_after_a_dash_is_no_part_of_a_partys_name() -> None:
    actors = actors_of(
        "The results by party were announced on Friday morning.",
        "The Labour Party - 202 seats, the Green Party - 4 seats.",
    )
    names = {form for a in actors for form in a.surface_forms}
    assert "Green Party" in names
    assert not any(any(ch.isdigit() for ch in form) for form in names)


def test_an_office_holders_place_and_name_are_two_names() -> None:
    actors = actors_of(
        "The motion was backed by Governor of Ohio Marta Kessler on Monday.",
        "Kessler said the vote in the state senate had been close.",
    )
    kessler = by_name(actors, "Marta Kessler")
    assert kessler.type == "PERSON"
    assert kessler.surface_forms == ["Marta Kessler", "Kessler"]
    assert not any("Ohio" in form for a in actors for form in a.surface_forms)


def town(name: str, type_: str = "PERSON") -> DocActor:
    return DocActor(key=name, name=name, type=type_, mentions=[Mention(0, 1, name)])


def test_a_large_town_of_two_words_is_no_person_and_a_small_one_may_be() -> None:
    assert is_city_actor(town("Ciudad Juárez"))
    assert is_city_actor(town("El Obeid"))
    assert not is_city_actor(town("Lake Charles"))  # a town of 76,000: could be a person
    assert is_city_actor(town("Lake Charles", "ORG"))


def test_a_bodys_name_goes_on_after_of_and_its_short_form_links_to_it() -> None:
    party = actors_of("The Progressive Party of Working People said it would vote against it.")
    assert by_name(party, "Progressive Party of Working People").type == "ORG"
    court = actors_of(
        "The Supreme Court of Norway ruled on Friday that the levy was lawful.",
        "The Supreme Court said the government had acted within its powers.",
    )
    norway = by_name(court, "Supreme Court of Norway")
    assert norway.surface_forms == ["Supreme Court of Norway", "Supreme Court"]
    assert norway.country == "NOR"


def test_operations_and_codes_are_no_actors() -> None:
    actors = actors_of(
        "The army launched Operation Silver Dawn on Monday, its commander said.",
        "Offenders will be tried under the Military Justice Code, he added.",
    )
    names = {form for a in actors for form in a.surface_forms}
    assert not any(form.startswith("Operation") or form.endswith("Code") for form in names)
