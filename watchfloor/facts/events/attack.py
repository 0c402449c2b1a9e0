"""Pointing back to the last attack: "condemned the attack" targets, and "was
killed in the airstrike" is sourced by, whoever carried out the attack last told."""

from __future__ import annotations

from typing import Any

from watchfloor.facts.plover import Lexicon

Token = Any  # a spaCy token


def the_attack(noun: Token, lexicon: Lexicon) -> bool:
    """ "the attack", "the operation": a definite assault noun with no owner named."""
    lemma = noun.lemma_.lower()
    assault = lemma == "operation" or any(c.type == "ASSAULT" for c in lexicon.nouns.get(lemma, ()))
    return (
        assault
        and noun.tag_ == "NN"
        and any(c.lower_ == "the" for c in noun.children)
        and not any(c.dep_ in {"poss", "compound", "amod", "prep"} for c in noun.children)
    )


def in_the_attack(verb: Token, lexicon: Lexicon) -> bool:
    """A passive with no agent that happened "in the attack" ("X was killed in the
    airstrike"): the attack told before is what did it."""
    return any(
        p.dep_ == "prep" and p.lower_ in {"in", "during", "by"} and the_attack(o, lexicon)
        for p in verb.children
        for o in p.children
        if o.dep_ == "pobj"
    )


def passive_subjects(verb: Token) -> list[Token]:
    """The passive subject, a relative pronoun standing for the noun its clause
    hangs on ("X, who was killed ...": X)."""
    found = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if verb.dep_ == "relcl":
        found = [verb.head if c.lower_ in {"who", "which", "that", "whom"} else c for c in found]
    if not found and not any(c.dep_ == "nsubj" for c in verb.children):
        found = _shared_subjects(verb)
    return found


def _shared_subjects(verb: Token) -> list[Token]:
    """The subject a passive shares with the clause it is joined to: "X founded the
    party but was arrested in 1963", "X was at the scene after being detained"."""
    head = verb.head
    joined = verb.dep_ == "conj" or (
        verb.dep_ == "advcl"
        and any(c.dep_ == "auxpass" and c.lower_ == "being" for c in verb.children)
    )
    if not joined or head.i == verb.i or head.pos_ not in {"VERB", "AUX"}:
        return []
    return [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}] or (
        _shared_subjects(head) if head.dep_ == "conj" else []
    )


def retold(noun: Token, sources: list[Any], attacker: Any) -> bool:
    """ "X carried out the airstrike" after X's attack was told: the same attack
    told again (a definite assault noun by the last attacker), not a new one."""
    return (
        noun.pos_ == "NOUN"
        and attacker is not None
        and len(sources) == 1
        and _same_side(sources[0], attacker)
        and any(c.lower_ == "the" and c.dep_ == "det" for c in noun.children)
    )


def _same_side(actor: Any, other: Any) -> bool:
    """One actor, or a state and a force of its own ("US forces" ... "the United
    States carried out the airstrike")."""
    if actor is other:
        return True
    kinds = {actor.type, other.type}
    return bool(actor.country) and actor.country == other.country and "GPE" in kinds
