"""Generic actors: the unnamed collectives political news is full of.

"Police", "protesters", "troops", "rebels", "the army", "Serbian police",
"Thai soldiers": a plural agent noun of the Phoenix agent dictionary, or an
institution noun ("the army", "police"), that acts or is acted upon becomes a
GROUP actor (an institution: ORG) with its CAMEO agent code
(``data/actors/agents.json``, made by ``make models``). A modifier naming a
state ("Serbian police", "the navies of China") gives the group that state as
its country: the police act, as Serbia's, and the state need not be named
anywhere else in the article; a bare one takes the article's own country (the
resolver's default). One actor per noun and state in a document, kept only when
it takes part in a fact.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from watchfloor.actors.kb import KnowledgeBase
from watchfloor.actors.types import DocActor, Mention
from watchfloor.datafiles import read_json
from watchfloor.nlp.tokens import TokenTable

# A collective noun of the agent dictionary ("forces": ARMED_FORCES, SECURITY_FORCE,
# GOVERNMENT_FORCES) names a group only with its state ("Russian forces", "US forces").
COLLECTIVES = frozenset({"forces"})
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})


@cache
def agent_nouns() -> tuple[dict[str, str], dict[str, str]]:
    """(plural agent nouns, institution nouns), each noun -> CAMEO agent code."""
    data = read_json("actors", "agents.json")
    return dict(data["plural"]), dict(data["institutions"])


def agent_code(token: Token) -> str | None:
    plurals, institutions = agent_nouns()
    word = token.lower_
    if token.tag_ == "NNS" or word in plurals:
        return plurals.get(word) or institutions.get(token.lemma_.lower())
    return institutions.get(word)


def generic_actors(table: TokenTable, kb: KnowledgeBase, taken: set[int]) -> list[DocActor]:
    """GROUP actors for agent nouns outside named actors (``taken``: their token indices)."""
    plurals, institutions = agent_nouns()
    found: dict[str, DocActor] = {}
    acting: set[str] = set()
    for i, word in enumerate(table.lower):
        if word not in plurals and word not in institutions:
            continue
        if i in taken or table.ent_type[i] or table.pos[i] != "NOUN":
            continue
        token = table.doc[i]
        code = agent_code(token)
        if code is None or token.dep_ not in ACTING_DEPS:
            continue
        if code == "GOV" and word in institutions:
            continue  # "the government" is its state (the facts stage resolves it so)
        country, _ = modifier_country(token, kb)
        if word in COLLECTIVES and country is None:
            continue  # "government forces", "security forces": anyone's, unless a state is named
        span = token.doc[modified_from(token) : i + 1]  # "Federal authorities"
        noun = token.lemma_.lower()
        key = f"group:{code.lower()}:{noun}:{(country or '').lower()}"
        kind = "ORG" if word in institutions else "GROUP"  # "the army" is one body
        actor = found.setdefault(
            key,
            DocActor(key=key, name=word, type=kind, country=country, role=_ROLE[code], agent=code),
        )
        actor.mentions.append(Mention(span.start_char, span.end_char, span.text))
        if _bloc_modifier(token):
            actor.country_from = "bloc"  # "European ministers": no one state's, not the article's
        if _acts(token):
            acting.add(key)
    return [actor for key, actor in found.items() if key in acting]


def _bloc_modifier(noun: Token) -> bool:
    """A nationality-like modifier naming no single state ("European", "Arab", "Western")."""
    return any(
        c.dep_ in MODIFIER_DEPS and c.i < noun.i and (c.ent_type_ == "NORP" or c.text.istitle())
        for c in noun.children
    )


def _acts(noun: Token) -> bool:
    """Subject of a clause, or the agent of a passive one ("arrested by police"): a
    group only ever sent, deployed or paid ("send troops") is a thing, not an actor."""
    if noun.dep_ in SUBJECT_DEPS:
        return True
    return noun.dep_ == "pobj" and noun.head.dep_ == "agent"


def modified_from(noun: Token) -> int:
    """Where the noun's own modifiers start ("US immigration agents", "Federal authorities")."""
    start = noun.i
    for child in sorted((c for c in noun.children if c.i < noun.i), key=lambda c: -c.i):
        if child.dep_ not in {"amod", "compound", "nmod"} or child.i != start - 1:
            break
        start = min(t.i for t in child.subtree)
    return start


def modifier_country(noun: Token, kb: KnowledgeBase) -> tuple[str | None, int]:
    """The state a modifier names ("Serbian", "Hong Kong", "Ukraine's", "the navies of
    China"), and where the modifier starts."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            code = _state_code(obj.text, kb)
            if code:
                return code, noun.i
    for child in sorted(noun.children, key=lambda c: c.i):
        if child.dep_ not in MODIFIER_DEPS or child.i > noun.i:
            continue
        start = min(t.i for t in child.subtree)
        text = re.sub(r"'s$|’s$", "", noun.doc[start : child.i + 1].text).strip()
        code = _state_code(text, kb)
        if code:
            return code, start
    return None, noun.i


def _state_code(text: str, kb: KnowledgeBase) -> str | None:
    code = kb.country_of_demonym(text)
    if code is None:
        states = [a for a in kb.lookup(text, include_surnames=False) if a.type == "GPE"]
        code = states[0].country if len(states) == 1 else None
    return code


# What each agent code stands for, kept as the actor's role.
_ROLE = {
    "GOV": "government",
    "MIL": "military",
    "COP": "police",
    "OPP": "opposition",
    "REB": "rebels",
    "UAF": "armed group",
    "JUD": "judiciary",
    "LEG": "legislature",
    "SPY": "intelligence",
}
