"""Ground taken by force: "the rebels captured Goma", "seized the airport".

"Capture", "seize" and "take" code an arrest or a confiscation when what is
taken is a person or a thing ("seized firearms": COERCE), but an attack when it
is a place: a town, a base, a province, or a named place ("captured El
Fasher", also a GeoNames town the tagger took for a person): PLOVER ASSAULT.
The verbs and the nouns of places taken are in ``plover.toml`` (``[taking]``).
"""

from __future__ import annotations

from typing import Any

from watchfloor.actors.places import city_countries
from watchfloor.facts.plover import Cue, Lexicon

Token = Any  # a spaCy token

PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def taking_cue(token: Token, lexicon: Lexicon) -> Cue | None:
    """The ASSAULT cue for a verb that takes a place by force, else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.taking_verbs:
        return None
    for obj in (c for c in token.children if c.dep_ in ("dobj", "nsubjpass")):
        if _a_place(obj) or obj.lemma_.lower() in lexicon.taken_places:
            return Cue(token.lemma_.lower(), (obj.lemma_.lower(),), "ASSAULT", None, False)
    return None


def _a_place(noun: Token) -> bool:
    """A named place, or a town the tagger took for a person ("captured Goma")."""
    return noun.ent_type_ in PLACE_ENTITIES or (
        noun.pos_ == "PROPN" and noun.text in city_countries()
    )
