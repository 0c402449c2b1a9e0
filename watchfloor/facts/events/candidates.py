"""Candidate events of a sentence, described by features for the learned coder.

A candidate trigger is a verb or noun that some lexicon gives a PLOVER type:
the project's cue lexicon (``plover.toml``), the Phoenix CAMEO verb dictionary
(by default and by the verb's object), or the trigger words learned from the
marked articles. Its arguments are the document actors the sentence mentions
(pronouns and role phrases resolved once, by
:func:`watchfloor.facts.participants.actor_of`), each with its dependency path
from the trigger; "nobody" is an argument too. The features are plain strings,
so the model is a table of weights (:mod:`watchfloor.facts.events.model`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from watchfloor.actors.types import DocActor
from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.events.lexicons import NO_EVENT, EventLexicons
from watchfloor.facts.events.triggers import match_trigger
from watchfloor.facts.participants import actor_of
from watchfloor.facts.state_nouns import in_quote
from watchfloor.nlp.types import Sentence, doc_text

Token = Any  # a spaCy token

ARGUMENT_POS = frozenset({"PROPN", "NOUN", "PRON"})
DEMONYM_ENTS = frozenset({"NORP", "GPE"})
TRIGGER_POS = frozenset({"VERB", "NOUN"})
MAX_PATH = 6
NONE = "none"


@dataclass
class Argument:
    """An actor of the sentence (or nobody) as seen from one trigger."""

    actor: DocActor | None
    token: Token | None
    path: str
    distance: int = 0  # steps in the parse tree
    nearest: tuple[str, ...] = ()  # "tree", "before", "after": nearest of the sentence's actors
    rules: tuple[str, ...] = ()  # "S:TYPE"/"O:TYPE": the hand-written rules' reading


@dataclass
class TriggerCandidate:
    token: Token
    types: tuple[str, ...]
    base: list[str]  # features that hold whatever the type
    typed: dict[str, list[str]]  # features that hold for one type
    arguments: list[Argument] = field(default_factory=list)
    rule_facts: list[Fact] = field(default_factory=list)  # the rules' events at this trigger


def sentence_candidates(
    context: FactContext,
    sentence: Sentence,
    lexicons: EventLexicons,
    rules: dict[int, list[Fact]] | None = None,
) -> list[TriggerCandidate]:
    """Every candidate trigger of one sentence, with its arguments; ``rules`` holds the
    hand-written rules' events by trigger token, which become features."""
    rules = rules or {}
    doc = context.doc.spacy_doc
    table = context.doc.token_table
    mentioned = _sentence_actors(context, sentence)
    found: list[TriggerCandidate] = []
    for i in range(sentence.token_start, sentence.token_end):
        if table.pos[i] not in TRIGGER_POS or (table.ent_type[i] and table.pos[i] != "VERB"):
            continue
        lemma = table.lemma_lower[i]
        if not lexicons.may_trigger(lemma) and i not in rules:
            continue
        token = doc[i]
        typed = _typed_features(token, lemma, lexicons)
        for event in rules.get(i, ()):
            typed.setdefault(event["type"], []).append("rule")
        if not typed:
            continue
        arguments = [_argument(token, actor, tokens) for actor, tokens in mentioned.values()]
        _mark_nearest(token, arguments)
        arguments.append(Argument(None, None, NONE))
        _mark_rules(context, arguments, rules.get(i, []))
        features = _base_features(token, sentence)
        found.append(
            TriggerCandidate(token, tuple(typed), features, typed, arguments, rules.get(i, []))
        )
    return found


def _sentence_actors(
    context: FactContext, sentence: Sentence
) -> dict[str, tuple[DocActor, list[Token]]]:
    """Each actor the sentence mentions (by key), with the tokens that stand for it."""
    doc = context.doc.spacy_doc
    table = context.doc.token_table
    found: dict[str, tuple[DocActor, list[Token]]] = {}
    for i in range(sentence.token_start, sentence.token_end):
        if table.pos[i] not in ARGUMENT_POS and table.ent_type[i] not in DEMONYM_ENTS:
            continue
        token = doc[i]
        actor = actor_of(context, token)
        if actor is not None:
            found.setdefault(actor.key, (actor, []))[1].append(token)
    return found


def _typed_features(token: Token, lemma: str, lexicons: EventLexicons) -> dict[str, list[str]]:
    """Type -> the lexicon evidence for it (no entry: not a candidate of that type)."""
    typed: dict[str, list[str]] = {}
    cue_trigger = match_trigger(token, lexicons.cues)
    if cue_trigger is not None:
        cue = cue_trigger.cue
        typed.setdefault(cue.type, []).append("cue" + ("+" if cue.needs else ""))
    is_verb = token.pos_ == "VERB"
    for type_ in lexicons.cameo_verbs.get(lemma, ()) if is_verb else ():
        typed.setdefault(type_, []).append("cameo")
    objects = lexicons.cameo_objects.get(lemma, {}) if is_verb else {}
    statement = False  # an object CAMEO codes as a plain statement: a feature, not a type
    for child in _dependent_words(token) if objects else ():
        for type_ in objects.get(child.lemma_.lower(), ()):
            statement = statement or type_ == NO_EVENT
            if type_ != NO_EVENT:
                typed.setdefault(type_, []).append("cameo_obj")
    if statement:
        typed = {t: [*e, "statement_obj"] for t, e in typed.items()}
    for type_ in lexicons.learned.get(lemma, ()):
        typed.setdefault(type_, []).append("learned")
    return {t: sorted(set(v)) for t, v in typed.items()}


def _dependent_words(token: Token) -> list[Token]:
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}:
            out.append(child)
        elif child.dep_ == "prep":
            out.extend(o for o in child.children if o.dep_ == "pobj")
    return out


def _base_features(token: Token, sentence: Sentence) -> list[str]:
    doc = token.doc
    head = token.head
    feats = [
        "lemma=" + token.lemma_.lower(),
        "pos=" + token.pos_,
        "tag=" + token.tag_,
        "dep=" + token.dep_,
        "head=" + head.lemma_.lower() + ":" + token.dep_,
    ]
    for child in token.children:
        if child.dep_ in {"neg", "aux", "auxpass", "prt", "mark"}:
            feats.append(f"child_{child.dep_}={child.lower_}")
        elif child.dep_ == "dobj":
            feats.append("obj=" + child.lemma_.lower())
        elif child.dep_ == "prep":
            feats.append("prep=" + child.lower_)
    if in_quote(doc_text(doc), sentence.start, token.idx):
        feats.append("in_quote")
    return feats


def _argument(trigger: Token, actor: DocActor, tokens: list[Token]) -> Argument:
    """The actor as seen from the trigger: through its token nearest in the parse."""
    chain = _ancestors(trigger)
    up = {t.i: n for n, t in enumerate(chain)}
    scored = [(_distance(up, t), abs(t.i - trigger.i), t.i, t) for t in tokens]
    distance, _, _, best = min(scored, key=lambda s: s[:3])
    return Argument(actor, best, dependency_path(trigger, best, chain), distance)


def _mark_rules(context: FactContext, arguments: list[Argument], events: list[Fact]) -> None:
    for argument in arguments:
        own = context.id_of(argument.actor)
        argument.rules = tuple(
            sorted(
                {f"S:{e['type']}" for e in events if e["source"] == own}
                | {f"O:{e['type']}" for e in events if e["target"] == own}
            )
        )


def _mark_nearest(trigger: Token, arguments: list[Argument]) -> None:
    """Which arguments are nearest the trigger in the tree, and in the text before and after."""
    marks: dict[int, list[str]] = {n: [] for n in range(len(arguments))}
    if not arguments:
        return
    marks[min(range(len(arguments)), key=lambda n: arguments[n].distance)].append("tree")
    at = {n: a.token.i for n, a in enumerate(arguments) if a.token is not None}
    before = [n for n, i in at.items() if i < trigger.i]
    after = [n for n, i in at.items() if i > trigger.i]
    if before:
        marks[max(before, key=lambda n: at[n])].append("before")
    if after:
        marks[min(after, key=lambda n: at[n])].append("after")
    for n, argument in enumerate(arguments):
        argument.nearest = tuple(marks[n])


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _distance(up: dict[int, int], token: Token) -> int:
    """Steps in the tree from the trigger (``up``: its ancestors' depths) to ``token``."""
    for n, t in enumerate(_ancestors(token)):
        if t.i in up:
            return up[t.i] + n
    return 99


def _label(token: Token) -> str:
    if token.dep_ in {"prep", "agent"}:
        return f"{token.dep_}:{token.lower_}"
    return str(token.dep_)


def dependency_path(trigger: Token, argument: Token, chain: list[Token] | None = None) -> str:
    """ "^dep" steps up from the trigger, then "v" steps down to the argument
    (``chain``: the trigger's ancestors, when the caller has them)."""
    if argument.i == trigger.i:
        return "self"
    up_chain = chain or _ancestors(trigger)
    up_index = {t.i: n for n, t in enumerate(up_chain)}
    down: list[Token] = []
    node = argument
    while node.i not in up_index:
        down.append(node)
        if node.head.i == node.i:
            return "far"
        node = node.head
    ups = up_chain[: up_index[node.i]]
    if len(ups) + len(down) > MAX_PATH:
        return "far"
    return "".join("^" + _label(t) for t in ups) + "".join("v" + _label(t) for t in reversed(down))
