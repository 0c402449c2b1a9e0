"""The learned event coder: candidates scored by the model, decoded into events.

For each candidate trigger of a sentence the coder takes its most probable
PLOVER type; above the trigger threshold it becomes an event whose source is
the most probable source argument and whose target is the most probable other
argument (a further target above its own threshold makes a further event:
"sanctioned A and B"). One sentence reports a source-target pair once per type.
Modality, mode, date and place come from the parse, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.events import rules
from watchfloor.facts.events.candidates import Argument, TriggerCandidate, sentence_candidates
from watchfloor.facts.events.lexicons import EventLexicons, base_lexicons
from watchfloor.facts.events.model import (
    EventModel,
    load_event_model,
    role_features,
    trigger_features,
)
from watchfloor.facts.events.modes import as_threat, inferred_mode
from watchfloor.facts.events.triggers import _match
from watchfloor.facts.modality import modality_of
from watchfloor.facts.timeplace import event_date, event_place
from watchfloor.nlp.types import Sentence

# Cooperative types whose negation reads as a rejection ("did not grant").
REJECT_WHEN_NEGATED = frozenset({"AGREE", "SUPPORT", "CONCEDE"})


@dataclass(frozen=True)
class Decision:
    """One coded event before it becomes a fact."""

    candidate: TriggerCandidate
    type: str
    probability: float
    source: Argument
    target: Argument


def find_events(context: FactContext, model: EventModel | None = None) -> list[Fact]:
    """The events of one article, coded by ``model`` (the shipped one by default)."""
    if context.doc.spacy_doc is None:
        return []
    model = model or load_event_model()
    lexicons = base_lexicons().with_learned(model.learned)
    found = rule_events(context)
    events: list[Fact] = []
    for sentence in context.doc.sentences:
        for decision in decide(context, sentence, lexicons, model, found):
            events.append(to_fact(context, sentence, decision))
    return events


def rule_events(context: FactContext) -> dict[int, list[Fact]]:
    """The hand-written rules' events by trigger token: features for the model."""
    found: dict[int, list[Fact]] = {}
    for event in rules.find_events(context):
        found.setdefault(event["trigger_i"], []).append(event)
    return found


def decide(
    context: FactContext,
    sentence: Sentence,
    lexicons: EventLexicons,
    model: EventModel,
    rule_found: dict[int, list[Fact]] | None = None,
) -> list[Decision]:
    decisions: list[Decision] = []
    for candidate in sentence_candidates(context, sentence, lexicons, rule_found):
        decisions.extend(_decide_trigger(candidate, model))
    return _once_per_pair(decisions)


def _decide_trigger(candidate: TriggerCandidate, model: EventModel) -> list[Decision]:
    """The candidate's most probable reading, kept when trigger, source and target
    together are probable enough (a further target on its own probability)."""
    scored = [(model.trigger.probability(trigger_features(candidate, t)), t) for t in candidate.types]
    p_trigger, type_ = max(scored)
    if p_trigger < model.thresholds.trigger:
        return []
    p_source, source = _ranked(model, "S", candidate, type_)[0]
    targets = [
        (p, a)
        for p, a in _ranked(model, "O", candidate, type_)
        if a.actor is None or _key(a) != _key(source)
    ]
    p_target, target = targets[0]
    probability = p_trigger * p_source * p_target
    if probability < model.thresholds.event:
        return []
    found = [Decision(candidate, type_, probability, source, target)]
    for p, extra in targets[1:]:
        if extra.actor is not None and p >= model.thresholds.extra_target:
            found.append(Decision(candidate, type_, p_trigger * p_source * p, source, extra))
    return found


def _ranked(
    model: EventModel, role: str, candidate: TriggerCandidate, type_: str
) -> list[tuple[float, Argument]]:
    scorer = model.source if role == "S" else model.target
    scored = [
        (scorer.probability(role_features(role, candidate, type_, a)), a)
        for a in candidate.arguments
    ]
    return sorted(scored, key=lambda pair: -pair[0])


def _once_per_pair(decisions: list[Decision]) -> list[Decision]:
    best: dict[tuple[Any, Any, str], Decision] = {}
    for d in decisions:
        key = (_key(d.source), _key(d.target), d.type)
        if key not in best or d.probability > best[key].probability:
            best[key] = d
    return sorted(best.values(), key=lambda d: d.candidate.token.i)


def _key(argument: Argument) -> str | None:
    return argument.actor.key if argument.actor else None


def to_fact(context: FactContext, sentence: Sentence, decision: Decision) -> Fact:
    token = decision.candidate.token
    lexicon = base_lexicons().cues
    modality = modality_of(token, lexicon)
    type_ = decision.type
    if modality == "negated" and type_ in REJECT_WHEN_NEGATED:
        type_, modality = "REJECT", "asserted"
    type_ = as_threat(token, type_, modality)
    parties = sum(a.actor is not None for a in (decision.source, decision.target))
    mode = _cue_mode(token, type_) or inferred_mode(token, type_, parties)
    mode = mode if type_ == decision.type else None
    date, date_text = event_date(context, token, future=modality in {"planned", "predicted"})
    place, country = event_place(context, token)
    fact: Fact = {
        "type": type_,
        "mode": mode,
        "modality": modality,
        "date": date,
        "date_text": date_text,
        "location": place,
        "location_country": country,
        "trigger": token.text,
        "confidence": round(decision.probability, 3),
        "source": context.id_of(decision.source.actor),
        "target": context.id_of(decision.target.actor),
    }
    fact.update(context.evidence(sentence))
    return fact


def _cue_mode(token: Any, type_: str) -> str | None:
    trigger = _match(token, base_lexicons().cues)
    return trigger.cue.mode if trigger is not None and trigger.cue.type == type_ else None


def rule_probability(
    candidate: TriggerCandidate, event: Fact, context: FactContext, model: EventModel
) -> float:
    """The model's probability of an event the hand-written rules coded at ``candidate``."""
    type_ = event["type"]
    if type_ not in candidate.typed:
        return 0.0
    p_trigger = model.trigger.probability(trigger_features(candidate, type_))
    by_id = {context.id_of(a.actor): a for a in candidate.arguments}
    source, target = by_id.get(event["source"]), by_id.get(event["target"])
    if source is None or target is None:
        return p_trigger * 0.5
    p_source = model.source.probability(role_features("S", candidate, type_, source))
    p_target = model.target.probability(role_features("O", candidate, type_, target))
    return p_trigger * p_source * p_target
