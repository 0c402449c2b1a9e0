"""A person's last name the tagger did not mark ("al-Rashidi" after "Abu Bakr
al-Rashidi"): still that person when one person actor's name ends with it."""

from __future__ import annotations

from typing import Any

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import FactContext

Token = Any  # a spaCy token


def surname_actor(context: FactContext, token: Token) -> DocActor | None:
    """The one person actor whose name ends with the proper-noun phrase ``token`` heads,
    or else the one organisation whose name begins with it ("Mahan" for Mahan Air)."""
    if token.tag_ != "NNP":
        return None
    if token.ent_type_ in {"GPE", "NORP", "LOC"}:
        return _short_organisation(context, token)
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


def _short_organisation(context: FactContext, token: Token) -> DocActor | None:
    """A lone proper noun the tagger took for a place that is the first word of exactly
    one organisation actor's name, and of no place actor's."""
    if any(c.dep_ == "compound" for c in token.children) or len(token.text) < 4:
        return None
    prefix = token.text + " "
    if any(a.type == "GPE" and a.name.startswith(token.text) for a in context.actors):
        return None
    found = [a for a in context.actors if a.type == "ORG" and a.name.startswith(prefix)]
    return found[0] if len(found) == 1 else None
