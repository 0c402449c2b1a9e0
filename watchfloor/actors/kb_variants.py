"""Derived names: the possessive form of a national organisation's name.

"Chinese coast guard" and "China Coast Guard" are also written "China's coast
guard"; "Russian Defence Ministry" is also "Russia's Defence Ministry". For every
organisation or group with a country, each name that begins with that country's
short name or one of its demonyms gains the form "<short name>'s <rest>".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from watchfloor.actors.kb import KnownActor

_KINDS = frozenset({"ORG", "GROUP"})


def with_possessive_names(actors: Iterable[KnownActor]) -> list[KnownActor]:
    """The actors, national organisations given their possessive name forms."""
    actors = list(actors)
    states = {
        a.country: a
        for a in actors
        if a.type == "GPE" and a.country and a.id == f"state:{a.country}"
    }
    return [_with_variants(a, states.get(a.country or "")) for a in actors]


def _with_variants(actor: KnownActor, state: KnownActor | None) -> KnownActor:
    if actor.type not in _KINDS or state is None:
        return actor
    prefixes = sorted({state.name, *state.demonyms}, key=len, reverse=True)
    owner = state.name + ("'" if state.name.endswith("s") else "'s")
    found: list[str] = []
    for name in (actor.name, *actor.aliases):
        for prefix in prefixes:
            rest = name[len(prefix) :]
            if name.lower().startswith(prefix.lower() + " ") and len(rest.split()) >= 1:
                found.append(f"{owner}{rest}")
                break
    new = [v for v in dict.fromkeys(found) if v not in actor.aliases]
    return replace(actor, aliases=(*actor.aliases, *new)) if new else actor
