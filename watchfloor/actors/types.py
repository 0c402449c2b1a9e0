"""Actor types shared by the resolver, the store and the front ends (no spaCy here)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets in the article text
    end: int
    text: str


@dataclass
class DocActor:
    """One actor of one document, with every mention of it."""

    key: str  # knowledge-base id, or a document-level key for unknown actors
    name: str
    type: str  # PERSON, ORG, GPE or GROUP
    country: str | None = None
    country_from: str = ""  # kb, text, based ("a Manila-based firm") or article
    role: str | None = None
    organisation: str | None = None
    wikidata: str | None = None
    known: bool = False
    mentions: list[Mention] = field(default_factory=list)
    agent: str | None = None  # CAMEO agent code of a generic actor ("COP": "police")
    only_a_place: bool = False  # a state named once, as where something is ("in Belgium")

    @property
    def surface_forms(self) -> list[str]:
        return list(dict.fromkeys(m.text for m in self.mentions))


def local_ids(actors: list[DocActor]) -> dict[str, str]:
    """Document-level ids ("a1", "a2", ...) by actor key, in the actors' order: what
    facts JSON and stored facts refer to actors by."""
    return {actor.key: f"a{n}" for n, actor in enumerate(actors, start=1)}
