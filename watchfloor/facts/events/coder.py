"""The learned event coder: every reading of a sentence scored, the best kept.

The readings of a sentence (:mod:`watchfloor.facts.events.tuples`: one per
PLOVER type the sentence probably states, with its most probable source and
target) are taken most probable first; each becomes an event unless the
sentence already holds an event between the same two actors (either way
round) or the same type with the same source. Modality, mode, date and
place come from the parse of its trigger.
"""

from __future__ import annotations

from typing import Any

from watchfloor.facts.context import Fact, FactContext
from watchfloor.facts.events import rules
from watchfloor.facts.events.candidates import sentence_candidates
from watchfloor.facts.events.lexicons import base_lexicons
from watchfloor.facts.events.model import EventModel, load_event_model
from watchfloor.facts.events.modes import as_threat, inferred_mode
from watchfloor.facts.events.triggers import match_trigger
from watchfloor.facts.events.tuples import Reading, readings
from watchfloor.facts.modality import modality_of, not_yet
from watchfloor.facts.timeplace import event_date, event_place
from watchfloor.nlp.types import Sentence

# Cooperative types whose negation reads as a rejection ("did not grant").
REJECT_WHEN_NEGATED = frozenset({"AGREE", "SUPPORT", "CONCEDE"})


def find_events(context: FactContext, model: EventModel | None = None) -> list[Fact]:
    """The events of one article, coded by ``model`` (the shipped one by default)."""
    if context.doc.spacy_doc is None:
        return []
    model = model or load_event_model()
    lexicons = base_lexicons().with_learned(model.learned)
    found = rule_events(context)
    events: list[Fact] = []
    for sentence in context.doc.sentences:
        candidates = sentence_candidates(context, sentence, lexicons, found)
        scored = readings(candidates, model)
        events.extend(to_fact(context, sentence, r, p) for p, r in decode(scored))
    return events


def rule_events(context: FactContext) -> dict[int, list[Fact]]:
    """The hand-written rules' events by trigger token (features for the model)."""
    keys = {local: key for key, local in context.ids.items()}
    found: dict[int, list[Fact]] = {}
    for event in rules.find_events(context):
        event["source_key"] = keys.get(event["source"])
        event["target_key"] = keys.get(event["target"])
        found.setdefault(event["trigger_i"], []).append(event)
    return found


def decode(scored: list[tuple[float, Reading]]) -> list[tuple[float, Reading]]:
    """The kept readings of one sentence, in text order."""
    kept: list[tuple[float, Reading]] = []
    pairs: set[frozenset[Any]] = set()
    typed_sources: set[tuple[str, Any]] = set()
    for probability, reading in sorted(scored, key=lambda pr: -pr[0]):
        type_, source, target = reading.key
        pair = frozenset((source, target))
        if pair in pairs or (source is not None and (type_, source) in typed_sources):
            continue
        pairs.add(pair)
        typed_sources.add((type_, source))
        kept.append((probability, reading))
    return sorted(kept, key=lambda pr: pr[1].trigger.token.i)


def to_fact(context: FactContext, sentence: Sentence, reading: Reading, probability: float) -> Fact:
    token = reading.trigger.token
    modality = modality_of(token, base_lexicons().cues)
    type_ = reading.type
    if modality == "negated" and type_ in REJECT_WHEN_NEGATED and not not_yet(token):
        type_, modality = "REJECT", "asserted"
    type_ = as_threat(token, type_, modality)
    parties = sum(a.actor is not None for a in (reading.source, reading.target))
    mode = _cue_mode(token, type_) or inferred_mode(token, type_, parties)
    date, date_text = event_date(context, token, future=modality in {"planned", "predicted"})
    place, country = event_place(context, token)
    fact: Fact = {
        "type": type_,
        "mode": mode if type_ == reading.type else None,
        "modality": modality,
        "date": date,
        "date_text": date_text,
        "location": place,
        "location_country": country,
        "trigger": token.text,
        "confidence": round(probability, 3),
        "source": context.id_of(reading.source.actor),
        "target": context.id_of(reading.target.actor),
    }
    fact.update(context.evidence(sentence))
    return fact


def _cue_mode(token: Any, type_: str) -> str | None:
    trigger = match_trigger(token, base_lexicons().cues)
    return trigger.cue.mode if trigger is not None and trigger.cue.type == type_ else None


def merge_events(ruled: list[Fact], learned: list[Fact]) -> list[Fact]:
    """The rules' events, plus the learned coder's events that state neither a pair nor a
    type the rules already coded in the same sentence."""
    pairs = {(e["evidence_start"], e["source"], e["target"]) for e in ruled}
    types = {(e["evidence_start"], e["type"]) for e in ruled}
    extra = [
        e
        for e in learned
        if (e["evidence_start"], e["source"], e["target"]) not in pairs
        and (e["evidence_start"], e["type"]) not in types
    ]
    return ruled + extra


def fill_events(ruled: list[Fact], learned: list[Fact]) -> list[Fact]:
    """The rules' events, plus the learned coder's events that name both actors in the
    sentences where the rules coded nothing."""
    coded = {e["evidence_start"] for e in ruled}
    extra = [
        e
        for e in learned
        if e["evidence_start"] not in coded and e["source"] is not None and e["target"] is not None
    ]
    return ruled + extra
