"""Argument helpers of the rules: the parties "between" a nominal event names, the
owners of a cue's object word, a demand's content clause, a naming that repeats its
speaker's act, and clauses the parse hung across a semicolon."""

from __future__ import annotations

from typing import Any

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.events.triggers import Trigger
from watchfloor.facts.participants import actors_of
from watchfloor.facts.plover import Lexicon

Token = Any  # a spaCy token

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
CLAIM_NOUNS = frozenset({"claim", "allegation", "report", "assertion"})
CHANCE_NOUNS = frozenset({"chance", "probability", "likelihood", "risk", "odds", "prospect"})


def between_parties(context: FactContext, noun: Token) -> list[DocActor]:
    """The actors of "fighting between A and B", "talks between A and B"."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            return actors_of(context, obj)
    return []


def class_word_owners(trigger: Trigger) -> list[Token]:
    """Whose measure, blockade or conviction a cue acts on: "overturned the convictions
    of A and B", "tighten the blockade of Serbia", "violated a ban by X" (the "of"
    phrase a happening noun alone does not give, and the author of the measure)."""
    objects = [w for w in trigger.words[1:] if w.dep_ in {"dobj", "nsubjpass"}]
    return [
        o
        for w in objects
        for p in w.children
        if p.dep_ == "prep" and p.lower_ in {"of", "by"}
        for o in p.children
        if o.dep_ == "pobj"
    ]


def content_clause(token: Token) -> bool:
    """ "demands that the government grant ...": a "that" clause on a noun says what
    the noun (a demand, a call, a threat) holds."""
    return token.dep_ == "acl" and any(
        c.dep_ == "mark" and c.lower_ == "that" for c in token.children
    )


def content_subjects(verb: Token) -> list[Token]:
    """The subjects of "that" clauses on the verb's object or prepositional object."""
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    return [
        s
        for n in nouns
        for clause in n.children
        if content_clause(clause)
        for s in clause.children
        if s.dep_ in SUBJECTS
    ]


def clause_before_semicolon(token: Token) -> bool:
    """A clause the parse hung on a verb after a semicolon: no complement of it."""
    head = token.head
    return token.i < head.i and any(t.text == ";" for t in token.doc[token.i : head.i])


def one_naming_per_speaker(
    events: list[tuple[int, Fact]], doc: Any, lexicon: Lexicon
) -> list[tuple[int, Fact]]:
    """ "X condemned the attack, calling it an aggression": the naming repeats the
    speaker's act of the same type in the sentence, and is dropped."""
    named = {
        i
        for i, e in events
        if doc[i].lemma_.lower() in lexicon.naming_verbs and e["type"] in {"ACCUSE", "SUPPORT"}
    }
    told = {(e["type"], e["source"]) for i, e in events if i not in named}
    return [(i, e) for i, e in events if i not in named or (e["type"], e["source"]) not in told]


def claimed(verb: Token) -> bool:
    """What a claim or report says was done ("X's claim to have shot down ...")."""
    head = verb.head
    own = any(c.dep_ == "neg" for c in verb.children)
    return verb.dep_ == "acl" and head.lemma_.lower() in CLAIM_NOUNS and not own


def weighed(noun: Token) -> bool:
    """ "the chance / probability / risk of X": the event a forecast puts odds on."""
    prep = noun.head
    return prep.lower_ == "of" and prep.head.lemma_.lower() in CHANCE_NOUNS
