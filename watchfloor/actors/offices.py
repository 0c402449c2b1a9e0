"""Offices named without a name, resolved by the article's date.

"the U.S. president", "Russia's foreign minister", "the president of Iran" and, in an
article clearly about one state, "the president": the person the knowledge base says
held that office in that state on the article's day (or in its year, when only the
year is known). "the U.S. president" is Donald Trump in an article of 2019-05-01 and
Joe Biden in one of 2022-05-01. Nothing is resolved when the office, the country or
the holder is unclear (no holder, or more than one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.tokens import Doc

from watchfloor.actors.kb import KnowledgeBase, KnownActor, Role, normalise
from watchfloor.actors.types import DocActor, Mention

MAX_ROLE_WORDS = 3
MAX_COUNTRY_WORDS = 3
NEW_FROM_HOME = False
_NOT_THE_OFFICE = frozenset({"-", "/", "–"})


@dataclass(frozen=True)
class OfficeRef:
    """A phrase naming an office: token range, the canonical role and the country."""

    start: int
    end: int
    role: str
    country: str | None


class OfficeIndex:
    """Who held which titled office in which country, and when (from people's roles)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._canonical: dict[str, str] = {}
        for spec in kb.roles:
            for word in (spec.name, *spec.aliases):
                self._canonical.setdefault(normalise(word), spec.name)
        self._held: dict[tuple[str, str], list[tuple[KnownActor, Role]]] = {}
        for actor in kb:
            for role in actor.roles if actor.type == "PERSON" else ():
                if role.country:
                    self._held.setdefault((role.role, role.country), []).append((actor, role))

    def canonical(self, words: str) -> str | None:
        """'foreign minister' -> 'Foreign Minister'; None for words naming no office."""
        return self._canonical.get(normalise(words))

    def holders(self, role: str, country: str, when: date | int) -> list[tuple[KnownActor, Role]]:
        """Who held ``role`` in ``country`` on a day (or in a year). On a day of handover,
        the one taking office."""
        found = [(a, r) for a, r in self._held.get((role, country), []) if r.held_at(when)]
        if len(found) > 1 and isinstance(when, date):
            starting = [(a, r) for a, r in found if r.start == when]
            found = starting or found
        return list({a.id: (a, r) for a, r in found}.values())


@cache
def office_index(kb: KnowledgeBase) -> OfficeIndex:
    return OfficeIndex(kb)


def find_office_refs(doc: Doc, index: OfficeIndex, taken: set[int]) -> list[OfficeRef]:
    """Office phrases of the document whose role words no named actor holds."""
    refs: list[OfficeRef] = []
    i = 0
    while i < len(doc):
        ref = _ref_at(doc, i, index, taken)
        if ref is None:
            i += 1
            continue
        refs.append(ref)
        i = ref.end
    return refs


def _ref_at(doc: Doc, i: int, index: OfficeIndex, taken: set[int]) -> OfficeRef | None:
    """'the [U.S.|French] president [of Iran]' or "Russia's president" starting at token i."""
    if doc[i].lower_ == "the":
        country, after = _country_words(doc, i + 1, index.kb)
    else:
        country, after = _possessive_state(doc, i, index.kb)
        if country is None:
            return None
    role, end = _role_words(doc, after, index, taken)
    if role is None:
        return None
    if end < len(doc) and doc[end].pos_ == "PROPN":
        return None  # "the president Emmanuel Macron": a title before a name
    if _describes_a_name(doc, i, end, taken):
        return None  # "Hassan Rouhani, the president of Iran,": the name says who
    if end < len(doc) and doc[end].text in _NOT_THE_OFFICE:
        return None  # "the president-elect", "the president/CEO"
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        of_country, of_end = _state_at(doc, end + 1, index.kb)
        if of_country is None or (country and of_country != country):
            return None  # "the president of the European Commission": another office
        country, end = of_country, of_end
    return OfficeRef(i, end, role, country)


def _describes_a_name(doc: Doc, start: int, end: int, taken: set[int]) -> bool:
    """The phrase is an apposition or hangs on a named actor's token."""
    root = doc[start:end].root
    if root.dep_ == "appos" or root.head.i in taken:
        return True
    return start >= 2 and doc[start - 1].text == "," and start - 2 in taken


def _role_words(
    doc: Doc, start: int, index: OfficeIndex, taken: set[int]
) -> tuple[str | None, int]:
    """The longest run of words from ``start`` naming an office ('foreign minister')."""
    for size in range(MAX_ROLE_WORDS, 0, -1):
        end = start + size
        if end > len(doc) or any(t in taken for t in range(start, end)):
            continue
        tokens = doc[start:end]
        if any(t.pos_ not in {"NOUN", "PROPN", "ADJ"} or t.tag_ in {"NNS", "NNPS"} for t in tokens):
            continue
        role = index.canonical(tokens.text)
        if role is not None:
            return role, end
    return None, start


def _country_words(doc: Doc, start: int, kb: KnowledgeBase) -> tuple[str | None, int]:
    """A demonym or state name right after 'the' ('U.S.', 'South Korean'), or none."""
    code, end = _state_at(doc, start, kb, demonyms=True)
    return (code, end) if code else (None, start)


def _possessive_state(doc: Doc, i: int, kb: KnowledgeBase) -> tuple[str | None, int]:
    """The state of "Russia's" at token i, and the token after the possessive."""
    code, end = _state_at(doc, i, kb)
    starts = i == 0 or (doc[i - 1].lower_ != "the" and doc[i - 1].pos_ != "PROPN")
    if code and starts and end < len(doc) and doc[end].tag_ == "POS":
        return code, end + 1
    return None, i


def _state_at(
    doc: Doc, start: int, kb: KnowledgeBase, demonyms: bool = False
) -> tuple[str | None, int]:
    for size in range(MAX_COUNTRY_WORDS, 0, -1):
        end = start + size
        if end > len(doc) or not doc[start].text[:1].isupper():
            continue
        if any((t.is_punct and t.text != ".") or t.tag_ == "POS" for t in doc[start:end]):
            continue  # "Iran ," and "Russia 's" are no state names
        text = doc[start:end].text
        code = kb.country_of_demonym(text) if demonyms else None
        if code is None:
            states = [a for a in kb.lookup(text, include_surnames=False) if a.type == "GPE"]
            code = states[0].country if len(states) == 1 else None
        if code:
            return code, end
    return None, start


def office_actors(
    doc: Doc,
    kb: KnowledgeBase,
    actors: list[DocActor],
    taken: set[int],
    when: date | int | None,
    home: str | None,
) -> list[DocActor]:
    """Link office phrases to their holders on ``when``: a mention added to the holder
    already among ``actors``, or a new actor (returned) for one not named in the text.
    A phrase with no country of its own takes ``home``, the state the article is about."""
    if when is None:
        return []
    index = office_index(kb)
    by_key = {a.key: a for a in actors}
    used = {(m.start, m.end) for a in actors for m in a.mentions}
    new: list[DocActor] = []
    for ref in find_office_refs(doc, index, taken):
        country = ref.country or home
        holders = index.holders(ref.role, country, when) if country else []
        if len(holders) != 1:
            continue
        span = doc[ref.start : ref.end]
        if (span.start_char, span.end_char) in used:
            continue
        person, role = holders[0]
        actor = by_key.get(person.id)
        if actor is None and ref.country is None and not NEW_FROM_HOME:
            continue  # "the president" alone names someone new only with a country of its own
        if actor is None:
            actor = _holder_actor(person, role)
            by_key[person.id] = actor
            new.append(actor)
        actor.mentions.append(Mention(span.start_char, span.end_char, span.text))
        taken.update(range(ref.start, ref.end))
    return new


def _holder_actor(person: KnownActor, role: Role) -> DocActor:
    return DocActor(
        key=person.id,
        name=person.name,
        type="PERSON",
        country=role.country or person.country,
        country_from="kb",
        role=role.role,
        wikidata=person.wikidata,
        known=True,
    )
