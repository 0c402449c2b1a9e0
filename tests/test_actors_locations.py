"""A state named only as where something happens is no actor, unless a fact names it.

The texts are written for these tests; the people and firms in them are invented.
"""

from __future__ import annotations

from typing import Any

from test_actors_resolve import actors_of, by_name

from watchfloor.actors.taking_part import keep_actors_taking_part
from watchfloor.actors.types import DocActor, Mention


def test_a_state_named_once_after_in_or_at_is_a_location() -> None:
    actors = actors_of(
        "Ukraine and Moldova signed a grid agreement at a summit in Belgium on Monday.",
        "Ukraine said the line would be finished before the winter.",
    )
    assert by_name(actors, "Ukraine").type == "GPE"
    assert by_name(actors, "Moldova").type == "GPE"
    assert not any(a.country == "BEL" for a in actors)


def test_a_firms_base_by_its_state_name_is_a_location() -> None:
    actors = actors_of(
        "Rafael Ortiz, an analyst at Singapore-based Marlin Advisory, expects more cuts.",
        "Argentina lowered its export duties on Tuesday.",
    )
    assert not any(a.country == "SGP" and a.type == "GPE" for a in actors)
    assert by_name(actors, "Argentina").country == "ARG"


def test_a_state_named_again_elsewhere_stays() -> None:
    actors = actors_of(
        "The talks were held in Norway last week.",
        "Norway offered to host the next round as well.",
    )
    assert by_name(actors, "Norway").surface_forms == ["Norway"]


def test_a_capital_stands_for_its_state_only_as_its_government() -> None:
    place = actors_of("Canada and Chile signed the deal at talks in Vilnius on Monday.")
    assert not any(a.country == "LTU" for a in place)
    government = actors_of("Vilnius said on Monday that it would expel two diplomats.")
    assert by_name(government, "Vilnius").name == "Lithuania"


def test_a_state_referred_back_to_stays() -> None:
    back = actors_of(
        "Unrest spread in Bolivia this week, and Chile said it would send food to the"
        " Andean country."
    )
    assert by_name(back, "Bolivia").country == "BOL"


def test_a_state_named_only_as_a_place_stays_when_a_fact_names_it() -> None:
    host = DocActor(key="state:JOR", name="Jordan", type="GPE", country="JOR", known=True)
    host.mentions, host.only_a_place = [Mention(30, 35, "Amman")], True
    guest = DocActor(key="state:CHL", name="Chile", type="GPE", country="CHL", known=True)
    guest.mentions = [Mention(0, 5, "Chile")]
    visit = {"events": [{"type": "CONSULT", "source": "a1", "target": "a2"}]}
    assert keep_actors_taking_part([guest, host], visit) == [guest, host]
    quiet: dict[str, list[dict[str, Any]]] = {"events": []}
    assert keep_actors_taking_part([guest, host], quiet) == [guest]
