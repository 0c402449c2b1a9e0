"""Events finder: PLOVER-coded interactions between the document's actors.

Each verb or noun whose lemma is in the cue lexicon (``plover.toml``) with
the dependents its entry asks for is a trigger
(:mod:`watchfloor.facts.events.triggers`); the parse gives its source and
target actors (:mod:`watchfloor.facts.participants`), its modality
(:mod:`watchfloor.facts.modality`), date and place
(:mod:`watchfloor.facts.timeplace`). A trigger with no document actor on
either side is background ("the war"), not an event; a trigger governed by
another one ("urged X to lift", "condemned the attack") belongs to that one.
"""

from __future__ import annotations

from typing import Any

from watchfloor.actors.types import DocActor
from watchfloor.facts.conjuncts import split_reasons
from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.events.arguments import (
    between_parties,
    claimed,
    class_word_owners,
    clause_before_semicolon,
    content_clause,
    content_subjects,
    one_naming_per_speaker,
    weighed,
)
from watchfloor.facts.events.attack import in_the_attack, passive_subjects, retold, the_attack
from watchfloor.facts.events.modes import as_threat, inferred_mode
from watchfloor.facts.events.obligation import obliged_subjects
from watchfloor.facts.events.subjects import with_auxiliary_subjects
from watchfloor.facts.events.triggers import Trigger, find_triggers
from watchfloor.facts.modality import modality_of, not_yet
from watchfloor.facts.participants import actor_of, actors_of, verb_source
from watchfloor.facts.participants_nouns import noun_source, noun_targets, undergoer
from watchfloor.facts.plover import Cue, Lexicon, load_lexicon
from watchfloor.facts.targets import origin_objects, verb_targets
from watchfloor.facts.timeplace import event_date, event_place

Token = Any  # a spaCy token

# A trigger reached from another trigger along these dependencies is part of it.
INNER_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "pcomp",
        "dobj",
        "pobj",
        "prep",
        "nsubjpass",
        "attr",
        "oprd",
        "acomp",
        "compound",
        "amod",
        "dative",
        "agent",
        "conj",
    }
)
SPEECH_TYPES = frozenset({"ACCUSE", "THREATEN"})
# Reactions whose object may be an earlier attack ("condemned the attack").
REACTION_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Types with no event when the source is unnamed ("X was airlifted", "was rescued").
SOURCE_NEEDED = frozenset({"AID"})
NAMING_VERBS = frozenset({"call", "describe", "label", "term", "deem", "dub", "brand"})
COMPLEMENTS = frozenset({"xcomp"})
# Cooperative types whose negation reads as a rejection ("did not grant").
REJECT_WHEN_NEGATED = frozenset({"AGREE", "SUPPORT", "CONCEDE"})
# Joint types whose negation is a rejection by each party of the other.
MUTUAL_TYPES = frozenset({"AGREE", "COOPERATE"})
PREP_POS = frozenset({"ADP", "PART", "ADV"})


def find_events(context: FactContext) -> list[Fact]:
    """The events the hand-written rules code (each with its trigger's token index)."""
    doc = context.doc.spacy_doc
    if doc is None:
        return []
    lexicon = load_lexicon()
    table = context.doc.token_table
    events: list[Fact] = []
    memory: dict[str, DocActor] = {}
    for sentence in context.doc.sentences:
        triggers = find_triggers(table, sentence, lexicon)
        found: list[tuple[int, Fact]] = []
        for trigger in sorted(_outermost(triggers), key=lambda t: _depth(t.token)):
            found.extend(
                (trigger.token.i, {**e, "trigger_i": trigger.token.i})
                for e in _events_of(context, trigger, sentence, lexicon, memory)
            )
        events.extend(_one_per_pair(one_naming_per_speaker(found, doc, lexicon)))
    return events


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _one_per_pair(events: list[tuple[int, Fact]]) -> list[Fact]:
    """Several triggers of one sentence with the same named source and target report
    one event; the one highest in the parse (found first) speaks for the sentence."""
    seen: set[tuple[Any, Any, bool]] = set()
    kept: list[tuple[int, Fact]] = []
    for index, event in events:
        key = (event["source"], event["target"], _naming_free(event))
        if None not in key[:2] and key in seen:
            continue
        seen.add(key)
        kept.append((index, event))
    return [event for _, event in sorted(kept, key=lambda pair: pair[0])]


def _naming_free(event: Fact) -> bool:
    """A naming ("labelled X a terrorist") and a material act on X ("and imposed
    sanctions on him") are two events, not two triggers of one."""
    return event.get("mode") != "disapprove" or event["type"] != "ACCUSE"


def _outermost(triggers: list[Trigger]) -> list[Trigger]:
    """Drop triggers governed by another trigger or used as its cue words."""
    claimed = {w.i for t in triggers for w in t.words[1:]}
    heads = {t.token.i for t in triggers}
    kept: list[Trigger] = []
    for trigger in triggers:
        if trigger.token.i in claimed:
            continue
        if _governed(trigger.token, heads):
            continue
        kept.append(trigger)
    return kept


def _governed(token: Token, heads: set[int]) -> bool:
    while (token.dep_ in INNER_DEPS or content_clause(token)) and token.head is not token:
        if token.dep_ == "conj" and token.pos_ == "VERB" and token.head.dep_ not in COMPLEMENTS:
            return False  # a coordinated main clause, not part of a complement
        if clause_before_semicolon(token):
            return False  # "X was attacked; Y called it ...": a clause of its own
        token = token.head
        if token.i in heads:
            return True
    return False


def _events_of(
    context: FactContext,
    trigger: Trigger,
    sentence: Any,
    lexicon: Lexicon,
    memory: dict[str, DocActor] | None = None,
) -> list[Fact]:
    token, cue = trigger.token, trigger.cue
    if _accidental(token, lexicon) or _asked_about(token):
        return []
    is_verb = token.pos_ == "VERB"
    if not is_verb and _background(token, lexicon):
        return []
    sources = _subject_actors(context, token) if is_verb else []
    source_np = verb_source(token) if is_verb else noun_source(token)
    if not sources and not (source_np is not None and _someone_elses(source_np)):
        sources = actors_of(context, source_np)
    targets: list[DocActor] = []
    phrases = _target_phrases(token, cue, sources) + class_word_owners(trigger)
    for group in split_reasons(token, phrases):
        for np in [] if targets else group:
            targets.extend(a for a in actors_of(context, np) if a not in sources + targets)
    if cue.head in lexicon.obligation_speech and not cue.needs:  # "Johnson said Britain must"
        targets = [t for t in targets if not _own_state(t, sources)]
    between = not is_verb and not sources and cue.type in {"ASSAULT", "CONSULT", "RETREAT"}
    parties = between_parties(context, token) if between else []  # not "the deal between"
    if len(parties) > 1:  # "fighting between A and B", "talks between A and B"
        sources, targets = parties, []
    memory = {} if memory is None else memory
    attacker = memory.get("ASSAULT")
    reaction = cue.type in REACTION_TYPES and any(the_attack(np, lexicon) for np in phrases)
    if reaction and not targets and attacker is not None and attacker not in sources:
        targets = [attacker]  # "condemned the attack": who carried out the last one
    victims = [t for t in targets if t is not attacker]
    if cue.type == "ASSAULT" and not sources and attacker and in_the_attack(token, lexicon):
        sources, targets = [attacker], victims  # "was killed in the airstrike": its attacker
    if cue.type == "ASSAULT" and not targets and retold(token, sources, attacker):
        return []
    if cue.type == "ASSAULT" and len(sources) == 1 and token.tag_ != "NNS":
        memory["ASSAULT"] = sources[0]
    if not sources and not (targets and _passive(token)) and not _unattributed(token, cue):
        return []
    if not sources and cue.type in SOURCE_NEEDED:
        return []
    agentive = _passive(token) and bool(sources)  # "was joined by A and B"
    if cue.needs_target and not targets and not agentive:
        return []
    modality = "possible" if weighed(token) else modality_of(token, lexicon)
    if modality == "negated" and claimed(token):
        modality = "possible"  # "has not confirmed X's claim to have shot down": unconfirmed
    if any(c.dep_ == "neg" for w in trigger.words[1:] for c in w.children):
        modality = "negated"  # "pleaded not guilty": the cue's own word is negated
    if not sources and not targets and modality != "asserted":
        return []  # an unattributed protest or arrest only counts as reported fact
    type_ = cue.type
    if modality == "negated" and type_ in REJECT_WHEN_NEGATED and not not_yet(token):
        type_, modality = "REJECT", "asserted"
    mutual = (
        not targets
        and len(sources) > 1
        and (
            (type_ != cue.type and cue.type in MUTUAL_TYPES)
            or cue.mode == "ceasefire"
            or (len(parties) > 1 and type_ == "ASSAULT")
        )
    )  # "A and B could not agree", "A and B observe a ceasefire": each faces the other
    type_ = as_threat(token, type_, modality)
    date, date_text = event_date(context, token, future=modality in {"planned", "predicted"})
    place, country = event_place(context, token)
    base: Fact = {
        "type": type_,
        "mode": _mode(token, cue, type_, len(sources) + len(targets)),
        "modality": modality,
        "date": date,
        "date_text": date_text,
        "location": place,
        "location_country": country,
        "trigger": " ".join(w.text for w in sorted(trigger.words, key=lambda w: w.i)),
    }
    base.update(context.evidence(sentence))
    return [
        {**base, "source": context.id_of(s), "target": context.id_of(t)}
        for s, t in _pairs(sources, targets, type_, joint=not agentive, mutual=mutual)
    ]


def _own_state(target: DocActor, sources: list[DocActor]) -> bool:
    return target.type == "GPE" and any(s.country == target.country for s in sources)


def _mode(token: Token, cue: Cue, type_: str, parties: int) -> str | None:
    """The cue's mode; else one the phrase shows; none once negation recoded the type."""
    if type_ != cue.type:
        return None
    return cue.mode or inferred_mode(token, type_, parties)


def _subject_actors(context: FactContext, token: Token) -> list[DocActor]:
    """Actors of every subject of a verb (a bad parse may give it two)."""
    found: list[tuple[int, DocActor]] = []
    for child in with_auxiliary_subjects(token):
        if child.dep_ != "nsubj" or child.lower_ in RELATIVE or _someone_elses(child):
            continue
        found.extend((child.i, a) for a in actors_of(context, child))
        for first in _inner_conjunct_heads(child):  # "A and B" parsed inside a title
            actor = actor_of(context, first)
            if actor is not None:
                found.append((first.i, actor))
    ordered: list[DocActor] = []
    for _, actor in sorted(found, key=lambda pair: pair[0]):
        if actor not in ordered:
            ordered.append(actor)
    return ordered


def _someone_elses(subject: Token) -> bool:
    """ "his associates", "her lawyers": people around a person, not the person."""
    return subject.tag_ == "NNS" and any(
        c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in subject.children
    )


def _inner_conjunct_heads(subject: Token) -> list[Token]:
    """The first member of a coordination the parser hung on a title or name inside
    the subject ("US President A and Turkish President B spoke")."""
    found: list[Token] = []
    stack = [c for c in subject.children if c.dep_ in {"compound", "appos"}]
    while stack:
        part = stack.pop()
        if any(c.dep_ == "conj" for c in part.children):
            found.append(part)
        stack.extend(c for c in part.children if c.dep_ in {"compound", "appos"})
    return found


def _pairs(
    sources: list[DocActor],
    targets: list[DocActor],
    type_: str,
    *,
    joint: bool = True,
    mutual: bool = False,
) -> list[tuple[DocActor | None, DocActor | None]]:
    """One event per source-target pair; joint actors of a meeting (or of an
    agreement with no other named party) face each other; mutual ones (a failed
    agreement, a ceasefire) each act towards the others."""
    if mutual:
        return [(a, b) for a in sources for b in sources if a is not b]
    meeting = type_ == "CONSULT" or (not targets and type_ in {"AGREE", "COOPERATE"})
    if joint and meeting and len(sources) > 1:
        return [(sources[0], s) for s in sources[1:]]
    left: list[DocActor | None] = list(sources) or [None]
    right: list[DocActor | None] = list(targets) or [None]
    return [(s, t) for s in left for t in right]


def _passive(token: Token) -> bool:
    """A passive clause ("X was arrested"), where an unnamed source is the norm."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in token.children) or (
        token.dep_ == "acl" and token.tag_ == "VBN"
    )


def _target_phrases(token: Token, cue: Cue, sources: list[DocActor]) -> list[Token]:
    if token.pos_ != "VERB":
        return noun_targets(token)
    if not sources and _passive(token):  # "X was airlifted from A to B": only X
        return passive_subjects(token) or verb_targets(token)
    demanded = obliged_subjects(token, load_lexicon()) if cue.type == "REQUEST" else []
    if demanded:  # "said Y must ...": Y, and only Y; "told X that Y must ...": X too
        told = [c for c in token.children if c.dep_ in {"dobj", "dative"}]
        return told + demanded
    found = verb_targets(token)
    if cue.type in {"AGREE", "CONSULT", "COOPERATE"}:  # "signed X at the State Department"
        found = [np for np in found if not (np.dep_ == "pobj" and np.head.lower_ == "at")]
    if _passive(token):  # "X ... and was condemned by Y": X, the subject it shares
        found = [*(s for s in passive_subjects(token) if s not in found), *found]
    if cue.type == "RETREAT":  # "withdrew its troops (the US) from X": X, not what is withdrawn
        origins = origin_objects(token)
        if origins:
            return [*origins, *(w for o in origins for w in _with_objects(o))]
    if cue.type in SPEECH_TYPES | {"REQUEST"}:  # "warned that Iran would", "demanded that X"
        found.extend(
            s for c in token.children if c.dep_ == "ccomp" for s in c.children if s.dep_ in SUBJECTS
        )
        found.extend(content_subjects(token))  # "insisted on its demands that X grant"
    return found


def _with_objects(noun: Token) -> list[Token]:
    """The other party of "a treaty with Iran"."""
    return [
        o
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "with"
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _background(noun: Token, lexicon: Lexicon) -> bool:
    """A nominal trigger inside a prepositional phrase ("after the attack", "the
    subject of sanctions"), one being named ("called the meeting useful") or one
    talked about ("justified the strike") is background, not an event the
    sentence reports."""
    if noun.dep_ == "pobj" and weighed(noun):
        return False  # "the chance of a ceasefire by June": the event a forecast weighs
    if noun.dep_ == "pobj":
        return undergoer(noun) is None  # "X is under US sanctions" is reported
    if noun.dep_ == "attr":  # "the package is a ceasefire": what something is called,
        return not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in noun.head.children)
    verb = noun.head.lemma_.lower()
    return noun.dep_ == "dobj" and (verb in NAMING_VERBS or verb in lexicon.background_verbs)


def _asked_about(token: Token) -> bool:
    """Inside a "whether" clause ("watch whether the force deploys", "whether the court
    ever sits remains to be seen") or a sentence telling what to watch: an open
    question, not a reported event."""
    root = token.sent.root
    if root.lemma_.lower() == "watch" and root.i == token.sent.start and root.i != token.i:
        return True  # "Watch the talks between A and B": what to watch, not what happened
    node = token
    for _ in range(12):
        if any(c.dep_ == "mark" and c.lower_ == "whether" for c in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _accidental(token: Token, lexicon: Lexicon) -> bool:
    """A death or injury in an accident or disaster ("killed in a crash")."""
    for child in token.children:
        if child.dep_ in {"prep", "agent"}:
            for obj in child.children:
                if obj.lemma_.lower() in lexicon.accident_nouns:
                    return True
    return False


def _unattributed(token: Token, cue: Cue) -> bool:
    """Protests and arrests are news even when nobody is named as acting:
    "the protests have spread", "1,133 people had been detained"."""
    if cue.type == "PROTEST":
        return token.dep_ in {"nsubj", "ROOT"} or token.pos_ == "VERB"
    return cue.type == "COERCE" and _passive(token)
