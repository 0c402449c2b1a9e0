"""Resolving the actor mentions of one document to canonical actors.

"Pyongyang", "North Korea" and "the North Korean government" become one state
actor; "Kim" after "Kim Jong Un" is Kim Jong Un; "Chan" after "Jeremy Chan" is
Jeremy Chan; a capital or government metonym stands for its state; a demonym
alone makes no actor. Output is plain dataclasses with character offsets.

Countries come, in order of trust, from the knowledge base (the office a
person held in the article's year), from the words around a name ("South
Korean President", "Ukraine's Foreign Minister", "London-based"), and last
from the article's own country: a national official or a local organisation
with no stated country belongs to the state the article is clearly about.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from spacy.tokens import Doc

from watchfloor.actors.coref import (
    group_actors,
    head_noun_mentions,
    name_words,
    role_mentions,
    surname_mentions,
)
from watchfloor.actors.cues import NameCues, load_cues
from watchfloor.actors.describe import (
    Description,
    based_in,
    country_in_tokens,
    describe_person,
    prefix_tokens,
)
from watchfloor.actors.generic import generic_actors
from watchfloor.actors.homes import default_countries, dominant_state, link_affiliations
from watchfloor.actors.kb import (
    KnowledgeBase,
    KnownActor,
    Match,
    load_knowledge_base,
)
from watchfloor.actors.mentions import Candidate, find_candidates
from watchfloor.actors.naming import is_acronym, one_per_name, short_form, slug
from watchfloor.actors.offices import office_actors
from watchfloor.actors.places import (
    only_a_location,
    place_actors,
    title_states,
    us_state_namesakes,
    us_states,
)
from watchfloor.actors.speakers import speaker_actors
from watchfloor.actors.types import DocActor, Mention
from watchfloor.nlp.tokens import TokenTable
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


class ActorResolver:
    """Finds and resolves the actors of annotated documents."""

    def __init__(self, nlp: Any, kb: KnowledgeBase | None = None) -> None:
        self.nlp = nlp
        self.kb = kb or load_knowledge_base()
        self.cues = load_cues()

    def resolve(
        self, adoc: AnnotatedDoc, when: date | int | None = None, title: str | None = None
    ) -> list[DocActor]:
        """The document's actors; ``when`` is the article's day (or year): offices are
        resolved to the people holding them then. The states the ``title`` names weigh
        in on which state the article is about."""
        doc: Doc = adoc.spacy_doc
        table = adoc.token_table
        candidates = [_retype(c, self.cues) for c in find_candidates(table, self.kb, self.nlp)]
        state = _DocState(self.kb, when, self.cues, doc.text)
        for cand in candidates:  # full names first, so later surnames can link to them
            if cand.label in {"PERSON", "KB"} and cand.end - cand.start > 1:
                state.person_key(cand)
        org_spans = [(c.start, c.end) for c in candidates if self._is_org(c)]
        for cand in candidates:
            actor = state.resolve(cand)
            if actor is None:
                continue
            actor.mentions.append(Mention(cand.char_start, cand.char_end, cand.text))
            if actor.type == "PERSON" and actor.organisation is None:
                desc = describe_person(doc, cand.start, cand.end, self.kb, org_spans)
                self._apply(actor, desc, doc)
            elif actor.type == "ORG" and not actor.known and not actor.country:
                self._org_country(actor, doc, cand)
        taken = {i for c in candidates for i in range(c.start, c.end)}
        actors = [a for a in place_actors(state.finish()) if not self._weather(a)]
        places = [e.text for e in table.ents if e.label_ in {"GPE", "LOC"}]
        votes = self._demonym_counts(candidates)  # and US states: votes for the home state
        actors = us_state_namesakes(actors, places, set(votes), self.kb)
        votes.update({"USA": len(us_states(places, self.kb))})
        votes.update(title_states(title or "", self.kb))
        votes = +votes  # no state with no vote
        surname_mentions(table, actors, taken)
        role_mentions(table, actors, taken)
        home = dominant_state(actors, votes)
        actors += office_actors(doc, self.kb, actors, taken, when, home)
        head_noun_mentions(table, actors, taken)
        for actor in actors:
            actor.only_a_place = only_a_location(actor, doc)
        groups = group_actors(table, self.cues, taken)
        grouped = taken | {i for g in groups for m in g.mentions for i in _tokens_in(table, m)}
        generic = generic_actors(table, self.kb, grouped)
        grouped |= {i for g in generic for m in g.mentions for i in _tokens_in(table, m)}
        speakers = speaker_actors(table, self.kb, grouped)
        actors = sorted([*actors, *groups, *generic, *speakers], key=lambda a: a.mentions[0].start)
        link_affiliations(actors, {"kb", "text"})
        default_countries(actors, votes, doc, self.cues, self.kb)
        link_affiliations(actors, {"article"}, self.cues.is_state_body)
        return actors

    def _demonym_counts(self, candidates: list[Candidate]) -> Counter[str]:
        """How often each state is named by a demonym ("Moldovan police")."""
        counts: Counter[str] = Counter()
        for cand in candidates:
            if cand.label == "NORP":
                code = self.kb.country_of_demonym(cand.text)
                if code:
                    counts[code] += 1
        return counts

    def _apply(self, actor: DocActor, desc: Description, doc: Doc) -> None:
        org = doc[desc.org_span[0] : desc.org_span[1]].text if desc.org_span else None
        # "a fellow at the Manila-based Forum": the place is the organisation's, not the person's
        personal = org is None or self.cues.is_national_role(desc.role, self.kb)
        if desc.country and not actor.country and personal:
            actor.country, actor.country_from = desc.country, "text"
        if org:
            actor.organisation = org
        if desc.role and (not actor.role or not actor.known):
            actor.role = f"{org} {desc.role}" if org and desc.role.islower() else desc.role

    def _weather(self, actor: DocActor) -> bool:
        """ "Typhoon Phanfone" (and "Phanfone" alone, once so named): a storm, no actor."""
        first = self.cues.non_actor_first
        return not actor.known and any(m.text.split()[0] in first for m in actor.mentions if m.text)

    def _is_org(self, cand: Candidate) -> bool:
        if self.cues.is_not_actor(cand.text):
            return False
        if cand.label == "ORG":
            return not any(a.type == "GPE" for a in self.kb.lookup(cand.text))
        return cand.label == "KB" and any(a.type == "ORG" for a in self.kb.lookup(cand.text))

    def _org_country(self, actor: DocActor, doc: Doc, cand: Candidate) -> None:
        inside = list(range(cand.start, cand.end))
        code, _ = country_in_tokens(doc, inside, self.kb)
        based = None if code else based_in(doc, cand.start, self.kb)
        code = code or based
        code = code or country_in_tokens(doc, prefix_tokens(doc, cand.start, cand.end), self.kb)[0]
        if code:
            actor.country, actor.country_from = code, "based" if based else "text"


def _retype(cand: Candidate, cues: NameCues) -> Candidate:
    """'Kalem Advisory' tagged as a person is an organisation."""
    if cand.label == "PERSON" and cues.is_org_name(cand.text):
        return Candidate(cand.start, cand.end, cand.text, "ORG", cand.char_start, cand.char_end)
    return cand


class _DocState:
    """The actors found so far in one document, and how names link to them."""

    def __init__(
        self, kb: KnowledgeBase, when: date | int | None, cues: NameCues, text: str
    ) -> None:
        self.kb = kb
        self.when = when
        self.cues = cues
        self.text = text
        self.actors: dict[str, DocActor] = {}
        self.person_tokens: dict[str, str] = {}  # a name token -> person key
        self.person_names: dict[str, str] = {}  # a full name -> person key
        self.last: tuple[Candidate, DocActor] | None = None  # for "Name (ACRONYM)"

    def person_key(self, cand: Candidate) -> str | None:
        known = self._pick(self.kb.matches(cand.text, include_surnames=False), ("PERSON",))
        if cand.label == "KB" and known is None:
            return None
        longer = None if known else self._longer_name(cand.text)
        key = known.id if known else longer or "person:" + slug(cand.text)
        actor = self.actors.get(key) or self._new(key, cand.text, "PERSON", known)
        self.person_names.setdefault(cand.text, actor.key)
        for token in name_words(cand.text):
            self.person_tokens.setdefault(token, actor.key)
        return key

    def _longer_name(self, text: str) -> str | None:
        """The one person named earlier in full whose name ends with ``text`` ("Løkke
        Rasmussen" after "Lars Løkke Rasmussen") or begins with it, when it is two words or
        more ("John Luk" after "John Luk Jok")."""
        keys = {key for name, key in self.person_names.items() if name.endswith(" " + text)}
        if not keys and " " in text:
            keys = {k for name, k in self.person_names.items() if name.startswith(text + " ")}
        return keys.pop() if len(keys) == 1 else None

    def resolve(self, cand: Candidate) -> DocActor | None:
        actor = self._resolve(cand)
        if actor is not None:
            self.last = (cand, actor)
        return actor

    def _resolve(self, cand: Candidate) -> DocActor | None:
        single = cand.end - cand.start == 1
        if single and cand.text in self.person_tokens:
            return self.actors[self.person_tokens[cand.text]]
        if cand.text in self.person_names:
            return self.actors[self.person_names[cand.text]]
        wanted = _LABEL_TYPES.get(cand.label, ("ORG",))
        matches = self.kb.matches(cand.text, include_surnames=False)
        known = self._pick([m for m in matches if m.actor.id in self.actors], wanted)
        known = known or self._pick(matches, wanted)  # "Congo": the one already named
        if known is None and cand.label in {"GPE", "LOC"}:
            shorter = self._state_ending(cand.text)  # "Korea" after "South Korea"
            if shorter is not None:
                return shorter
        if known is not None:
            if known.type == "PERSON":
                return self.actors[self.person_key(cand) or known.id]
            return self.actors.get(known.id) or self._new(known.id, known.name, known.type, known)
        if cand.label == "ORG" and single and self._surname_match(cand.text) is not None:
            return self._person(cand, single)  # "Trump said": the tagger's organisation
        if self.cues.is_not_actor(cand.text) or self.kb.country_of_demonym(cand.text):
            return None  # facilities, places, documents, generic words, demonyms alone
        if cand.label == "PERSON":
            return self._person(cand, single)
        if cand.label in {"ORG", "FAC"}:
            return self._org(cand)
        return None  # places that are not states

    def _state_ending(self, text: str) -> DocActor | None:
        """The one state named before whose name ends with ``text``."""
        states = [
            a for a in self.actors.values() if a.type == "GPE" and a.name.endswith(" " + text)
        ]
        return states[0] if len(states) == 1 else None

    def _org(self, cand: Candidate) -> DocActor:
        """An organisation the knowledge base does not know; short forms link to the long."""
        if self.last and self._defines_acronym(cand):
            return self.last[1]
        for actor in self.actors.values():
            if actor.type != "ORG" or actor.known:
                continue
            if cand.text in actor.surface_forms or short_form(cand.text, actor.name):
                return actor
        key = "org:" + slug(self._canonical(cand.text))
        return self.actors.get(key) or self._new(key, cand.text, "ORG", None)

    def _defines_acronym(self, cand: Candidate) -> bool:
        """'Republican People's Party (CHP)': the bracketed name right after a name."""
        assert self.last is not None
        previous, actor = self.last
        between = self.text[previous.char_end : cand.char_start].strip()
        return actor.type == "ORG" and between == "(" and is_acronym(cand.text)

    def _canonical(self, name: str) -> str:
        """'U.S. Embassy' and 'United States Embassy' share a key."""
        words = name.split()
        for size in (3, 2, 1):
            head = " ".join(words[:size])
            states = [a for a in self.kb.lookup(head, include_surnames=False) if a.type == "GPE"]
            if len(words) > size and states:
                return " ".join([states[0].name, *words[size:]])
        return name

    def _person(self, cand: Candidate, single: bool) -> DocActor:
        if single:
            surname = self._surname_match(cand.text)
            if surname is not None:
                return self.actors.get(surname.id) or self._new(
                    surname.id, surname.name, "PERSON", surname
                )
        key = self.person_key(cand) or "person:" + slug(cand.text)
        return self.actors[key]

    def _surname_match(self, text: str) -> KnownActor | None:
        hits = [m.actor for m in self.kb.matches(text) if m.via == "surname"]
        when = self.when
        if when is not None:
            hits = [a for a in hits if any(r.held_at(when) for r in a.roles)]
        return hits[0] if len(hits) == 1 else None

    def _pick(self, matches: list[Match], wanted: tuple[str, ...]) -> KnownActor | None:
        for kind in wanted:
            for match in matches:
                if match.actor.type == kind and match.via != "surname":
                    return match.actor
        return None

    def _new(self, key: str, name: str, kind: str, known: KnownActor | None) -> DocActor:
        actor = DocActor(key=key, name=name, type=kind, known=known is not None)
        if known is not None:
            actor.name, actor.wikidata = known.name, known.wikidata
            actor.country, actor.country_from = known.country, "kb"
            when = self.when
            roles = [r for r in known.roles if when is None or r.held_at(when)]
            if roles:  # the office held in the article's year says whom the person speaks for
                actor.role = roles[0].role
                if roles[0].country:
                    actor.country = roles[0].country
                elif roles[0].org:
                    actor.country = None
        self.actors[key] = actor
        return actor

    def finish(self) -> list[DocActor]:
        found = one_per_name([a for a in self.actors.values() if a.mentions])
        return sorted(found, key=lambda a: a.mentions[0].start)


def _tokens_in(table: TokenTable, mention: Mention) -> range:
    span = table.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)
