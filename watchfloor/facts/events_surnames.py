"""A person's last name the tagger did not mark ("al-Rashidi" after "Abu Bakr
al-Rashidi"): still that person when one person actor's name ends with it."""

from __future__ import annotations

from typing import Any

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import FactContext

Token = Any  # a spaCy token


def surname_actor(context: FactContext, token: Token) -> DocActor | None:
    """The one person actor whose name ends with the proper-noun phrase ``token`` heads."""
    if token.tag_ != "NNP" or token.ent_type_ in {"GPE", "NORP", "LOC"}:
        return None
    parts = [c for c in token.lefts if c.dep_ in {"compound", "punct"}]
    start = min([token.i, *(c.i for c in parts)])
    text = token.doc[start : token.i + 1].text
    if len(text) < 4:
        return None
    found = [
        a
        for a in context.actors
        if a.type == "PERSON" and a.name != text and a.name.endswith(" " + text)
    ]
    return found[0] if len(found) == 1 else None
