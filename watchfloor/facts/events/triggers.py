"""Event triggers: the words of a sentence that start a cue of the PLOVER lexicon.

A trigger is a verb, or a noun that names no entity, whose lemma heads a cue
(``plover.toml``) and that has the dependents the cue asks for ("call on",
"impose sanction", "air strike"); a naming or summoning verb makes its own cue
(:mod:`watchfloor.facts.events.naming`). A vetoing modifier ("mock trial")
makes no trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from watchfloor.actors.places import city_countries
from watchfloor.facts.events.lexicons import statement_object
from watchfloor.facts.events.naming import naming_cue, naming_lemmas, summons_cue
from watchfloor.facts.events.obligation import obligation_cue
from watchfloor.facts.plover import Cue, Lexicon
from watchfloor.facts.targets import for_clause_mark
from watchfloor.nlp.tokens import TokenTable
from watchfloor.nlp.types import Sentence

Token = Any  # a spaCy token

NOMINAL_POS = frozenset({"NOUN", "PROPN"})
MODIFIERS = frozenset({"compound", "amod"})
DEPENDENT_DEPS = frozenset(
    {"prt", "dobj", "oprd", "acomp", "nsubjpass", "compound", "amod", "nmod", "dative"}
)


@dataclass(frozen=True)
class Trigger:
    token: Any
    cue: Cue
    words: tuple[Any, ...]  # every token of the cue phrase, trigger first


def find_triggers(table: TokenTable, sentence: Sentence, lexicon: Lexicon) -> list[Trigger]:
    """The sentence's triggers in text order.

    Only a verb whose lemma heads a verb cue (or a naming one) and a noun naming no
    entity whose lemma heads a noun cue can match: the others are passed over on
    their strings, without their ``Token``.
    """
    naming = naming_lemmas(lexicon) | lexicon.obligation_speech
    pos, ent_type, lemma = table.pos, table.ent_type, table.lemma_lower
    found: list[Trigger] = []
    for i in range(sentence.token_start, sentence.token_end):
        if pos[i] == "VERB":
            if lemma[i] not in lexicon.verbs and lemma[i] not in naming:
                continue
        elif pos[i] not in NOMINAL_POS or ent_type[i] or lemma[i] not in lexicon.nouns:
            continue
        trigger = match_trigger(table.doc[i], lexicon)
        if trigger is not None:
            found.append(trigger)
    return found


def match_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The cue a verb or noun starts, with the dependents it needs; None if none."""
    pos = token.pos_
    if pos != "VERB" and (pos not in NOMINAL_POS or token.ent_type_):
        return None
    lemma = token.lemma_.lower()
    if pos == "VERB":
        naming = naming_cue(token, lexicon) or summons_cue(token) or obligation_cue(token, lexicon)
        cues = (naming,) if naming else lexicon.verbs.get(lemma, ())
    else:
        cues = lexicon.nouns.get(lemma, ())
        if lemma == "talk" and token.lower_ != "talks":
            cues = ()
    if any(c.lemma_.lower() in lexicon.veto_modifiers for c in token.children):
        return None
    for cue in cues:
        words = _needed_words(token, cue, lexicon)
        if words is None:
            continue
        if not cue.needs and pos == "VERB" and _states_only(token, cue, lexicon):
            return None  # "released a statement": CAMEO codes it a statement
        return Trigger(token, cue, (token, *words))
    return None


def _states_only(verb: Token, cue: Cue, lexicon: Lexicon) -> bool:
    """ "Released a statement", "released a video" (not what a CONCEDE frees): words
    published, no event."""
    objects = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"]
    published = lexicon.classes.get("information", frozenset()) if cue.type == "CONCEDE" else ()
    return bool(objects) and (
        statement_object(cue.head, objects) or any(o in published for o in objects)
    )


def _needed_words(token: Token, cue: Cue, lexicon: Lexicon) -> list[Token] | None:
    """The dependents spelling out the rest of the cue, or None if one is missing."""
    words: list[Token] = []
    for need in cue.needs:
        pool = _objects(token) if need.startswith("@") else _dependents(token)
        found = next((t for t in pool if _is(t, need, lexicon)), None)
        if found is None:
            return None
        words.append(found)
    return words


def _objects(token: Token) -> list[Token]:
    """What the verb acts on, for a class: its object, or its passive subject."""
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]


def _is(word: Token, need: str, lexicon: Lexicon) -> bool:
    """The word is the lemma a cue needs, or one of its "@class" (a capitalised class
    word is a kind of name: an entity label, or CITY for a GeoNames town)."""
    if not need.startswith("@"):
        return bool(word.lemma_.lower() == need)
    kinds = lexicon.classes.get(need[1:], frozenset())
    if word.lemma_.lower() in kinds or word.ent_type_ in kinds:
        return True
    town = word.pos_ == "PROPN" and word.text in city_countries()
    return "CITY" in kinds and town


def _dependents(token: Token) -> list[Token]:
    """Particles, the adjacent preposition, objects and modifiers a cue may name."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ == "prep":
            before = token.doc[child.i - 1]
            if child.i == token.i + 1 or (before.dep_ == "prt" and before.head == token):
                out.append(child)  # "speak against", "spoke out against"
            objects = [o for o in child.children if o.dep_ == "pobj"]
            out.extend(objects)
            if child.lower_ == "as":  # "designated X as a terrorist group"
                out.extend(g for o in objects for g in o.children if g.dep_ in MODIFIERS)
        elif child.dep_ in DEPENDENT_DEPS:
            out.append(child)
            out.extend(g for g in child.children if g.dep_ in MODIFIERS)
        elif (mark := for_clause_mark(token, child)) is not None:
            out.append(mark)  # "called for X to leave": "for" marks X's clause
    return out
