"""Resolving the actor mentions of one document to canonical actors.

"Pyongyang", "North Korea" and "the North Korean government" become one state
actor; "Kim" after "Kim Jong Un" is Kim Jong Un; "Chan" after "Jeremy Chan" is
Jeremy Chan; a capital or government metonym stands for its state; a demonym
alone makes no actor. Output is plain dataclasses with character offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from watchfloor.actors.describe import Description, describe_person
from watchfloor.actors.kb import KnowledgeBase, KnownActor, Match, load_knowledge_base
from watchfloor.actors.mentions import Candidate, find_candidates
from watchfloor.nlp.types import AnnotatedDoc

_LABEL_TYPES = {
    "PERSON": ("PERSON",),
    "ORG": ("ORG", "GPE"),
    "FAC": ("ORG", "GPE"),
    "GPE": ("GPE",),
    "LOC": ("GPE",),
    "NORP": ("ORG",),
    "KB": ("GPE", "ORG", "PERSON"),
}


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
    role: str | None = None
    organisation: str | None = None
    wikidata: str | None = None
    known: bool = False
    mentions: list[Mention] = field(default_factory=list)

    @property
    def surface_forms(self) -> list[str]:
        return list(dict.fromkeys(m.text for m in self.mentions))


class ActorResolver:
    """Finds and resolves the actors of annotated documents."""

    def __init__(self, nlp: Any, kb: KnowledgeBase | None = None) -> None:
        self.nlp = nlp
        self.kb = kb or load_knowledge_base()

    def resolve(self, adoc: AnnotatedDoc, year: int | None = None) -> list[DocActor]:
        doc: Doc = adoc.spacy_doc
        candidates = find_candidates(doc, self.kb, self.nlp)
        state = _DocState(self.kb, year)
        for cand in candidates:  # full names first, so later surnames can link to them
            if cand.label in {"PERSON", "KB"} and cand.end - cand.start > 1:
                state.person_key(cand)
        org_spans = [(c.start, c.end) for c in candidates if c.label in {"ORG", "KB"}]
        for cand in candidates:
            actor = state.resolve(cand)
            if actor is None:
                continue
            actor.mentions.append(Mention(cand.char_start, cand.char_end, cand.text))
            if actor.type == "PERSON" and not actor.role and not _has_description(actor):
                desc = describe_person(doc, cand.start, cand.end, self.kb, org_spans)
                _apply(actor, desc, doc)
        return state.finish()


def _has_description(actor: DocActor) -> bool:
    return actor.organisation is not None


def _apply(actor: DocActor, desc: Description, doc: Doc) -> None:
    if desc.country and not actor.country:
        actor.country = desc.country
    org = doc[desc.org_span[0] : desc.org_span[1]].text if desc.org_span else None
    if org:
        actor.organisation = org
    if desc.role:
        actor.role = f"{org} {desc.role}" if org and desc.role.islower() else desc.role


class _DocState:
    """The actors found so far in one document, and how names link to them."""

    def __init__(self, kb: KnowledgeBase, year: int | None) -> None:
        self.kb = kb
        self.year = year
        self.actors: dict[str, DocActor] = {}
        self.person_tokens: dict[str, str] = {}  # a name token -> person key

    def person_key(self, cand: Candidate) -> str | None:
        known = self._pick(self.kb.matches(cand.text, include_surnames=False), ("PERSON",))
        if cand.label == "KB" and known is None:
            return None
        key = known.id if known else "person:" + _slug(cand.text)
        actor = self.actors.get(key) or self._new(key, cand.text, "PERSON", known)
        for token in cand.text.split():
            if token[:1].isupper() and len(token) > 1:
                self.person_tokens.setdefault(token, actor.key)
        return key

    def resolve(self, cand: Candidate) -> DocActor | None:
        single = cand.end - cand.start == 1
        if single and cand.text in self.person_tokens:
            return self.actors[self.person_tokens[cand.text]]
        wanted = _LABEL_TYPES.get(cand.label, ("ORG",))
        known = self._pick(self.kb.matches(cand.text, include_surnames=False), wanted)
        if known is not None:
            if known.type == "PERSON":
                return self.actors[self.person_key(cand) or known.id]
            return self.actors.get(known.id) or self._new(known.id, known.name, known.type, known)
        if cand.label == "PERSON":
            return self._person(cand, single)
        if cand.label in {"ORG", "FAC"}:
            key = "org:" + _slug(cand.text)
            country = self._country_in(cand.text)
            return self.actors.get(key) or self._new(key, cand.text, "ORG", None, country)
        return None  # places that are not states, demonyms alone

    def _person(self, cand: Candidate, single: bool) -> DocActor:
        if single:
            surname = self._surname_match(cand.text)
            if surname is not None:
                return self.actors.get(surname.id) or self._new(
                    surname.id, surname.name, "PERSON", surname
                )
        key = self.person_key(cand) or "person:" + _slug(cand.text)
        return self.actors[key]

    def _surname_match(self, text: str) -> KnownActor | None:
        hits = [m.actor for m in self.kb.matches(text) if m.via == "surname"]
        if self.year is not None:
            hits = [a for a in hits if any(r.held_in(self.year) for r in a.roles)]
        return hits[0] if len(hits) == 1 else None

    def _pick(self, matches: list[Match], wanted: tuple[str, ...]) -> KnownActor | None:
        for kind in wanted:
            for match in matches:
                if match.actor.type == kind and match.via != "surname":
                    return match.actor
        return None

    def _country_in(self, text: str) -> str | None:
        words = text.split()
        for size in (2, 1):
            for i in range(len(words) - size + 1):
                code = self.kb.country_of_demonym(" ".join(words[i : i + size]))
                if code:
                    return code
        return None

    def _new(
        self, key: str, name: str, kind: str, known: KnownActor | None, country: str | None = None
    ) -> DocActor:
        actor = DocActor(key=key, name=name, type=kind, country=country, known=known is not None)
        if known is not None:
            actor.name, actor.country, actor.wikidata = known.name, known.country, known.wikidata
            roles = [r for r in known.roles if self.year is None or r.held_in(self.year)]
            actor.role = roles[0].role if roles else None
        self.actors[key] = actor
        return actor

    def finish(self) -> list[DocActor]:
        found = [a for a in self.actors.values() if a.mentions]
        return sorted(found, key=lambda a: a.mentions[0].start)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
