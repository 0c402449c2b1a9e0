"""Actors that take no part: found by the actor stage, dropped once the facts are known.

Generic actors ("police", "protesters": :mod:`watchfloor.actors.generic`)
count only when a fact names them. The facts' actor references are renumbered
to the kept actors' ids.

An organisation or person no knowledge base knows, named only after a preposition
of place ("clashes in Kordofan", "a rally at Freedom Plaza", "outside the Cielo
Vista Mall"), is a place the tagger took for an actor: it too counts only when a
fact names it.

States named only as places ("talks in Singapore", after any of these prepositions)
were tried the same way: on the training articles actors precision rose 0.775 ->
0.777 and recall fell 0.892 -> 0.889 (the marking keeps some of them). A narrower
rule holds: a state named once, after "in" or "at" or before "-based"
(:func:`watchfloor.actors.places.only_a_location`), counts only when a fact names it
("arrived in Amman" is a visit to Jordan; "a summit in Belgium" names no Belgium).
"""

from __future__ import annotations

from typing import Any

from watchfloor.actors.speakers import KEY_PREFIX
from watchfloor.actors.types import DocActor, local_ids

Facts = dict[str, list[dict[str, Any]]]
ACTOR_REFS = ("source", "target", "speaker")
PLACE_LIKE = frozenset({"PERSON", "ORG"})
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "through",
        "throughout",
        "within",
        "into",
        "towards",
        "toward",
        "along",
        "beyond",
        "via",
    }
)


def keep_actors_taking_part(actors: list[DocActor], facts: Facts, text: str = "") -> list[DocActor]:
    """The actors worth keeping (``text``: the article's, where the mentions are);
    ``facts`` are renumbered in place to the kept ones' ids."""
    old_ids = local_ids(actors)
    used = {ref for found in facts.values() for fact in found for ref in _refs(fact)}
    kept = [a for a in actors if old_ids[a.key] in used or not _needs_a_part(a, text)]
    if len(kept) == len(actors):
        return actors
    renumber = {old_ids[a.key]: new for a, new in zip(kept, local_ids(kept).values(), strict=True)}
    for found in facts.values():
        for fact in found:
            for name in ACTOR_REFS:
                if fact.get(name) is not None:
                    fact[name] = renumber.get(fact[name])
            if isinstance(fact.get("actors"), list):
                fact["actors"] = [renumber[i] for i in fact["actors"] if i in renumber]
    return kept


def _needs_a_part(actor: DocActor, text: str) -> bool:
    return (
        actor.agent is not None
        or actor.key.startswith(KEY_PREFIX)
        or _one_word_person(actor)
        or actor.only_a_place
        or _named_only_as_a_place(actor, text)
    )


def _named_only_as_a_place(actor: DocActor, text: str) -> bool:
    if actor.known or actor.type not in PLACE_LIKE or not text or not actor.mentions:
        return False
    return all(
        _after_place_preposition(text[max(0, m.start - 24) : m.start]) for m in actor.mentions
    )


def _after_place_preposition(before: str) -> bool:
    words = before.lower().split()
    if words and words[-1] == "the":
        words = words[:-1]
    return bool(words) and words[-1] in PLACE_PREPOSITIONS


def _one_word_person(actor: DocActor) -> bool:
    """A "person" the text never names with more than one word ("Tigray", "Turnout") and the
    knowledge base does not know: as often a place or a thing the tagger took for one."""
    return (
        actor.type == "PERSON"
        and not actor.known
        and all(" " not in m.text.strip() for m in actor.mentions)
    )


def _refs(fact: dict[str, Any]) -> list[str]:
    refs = [fact.get(name) for name in ACTOR_REFS]
    if isinstance(fact.get("actors"), list):
        refs += fact["actors"]
    return [r for r in refs if isinstance(r, str)]
