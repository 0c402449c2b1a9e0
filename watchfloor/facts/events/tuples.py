"""A sentence's readings: (PLOVER type, source, target), each scored by the learned models.

The marked data say which events a sentence states, not which word states
them, so the coder asks two questions in turn. For each PLOVER type that some
candidate trigger of the sentence allows: how probable is it that the sentence
states an event of that type (the type model)? Then, for each actor of the
sentence and for "nobody": how probable is it that it is the event's source,
and its target (the role models)? The reading keeps the most probable pair
("nobody" weighted by ``Thresholds.nobody_*``, 1 as shipped). The reading's
trigger is the candidate of its type nearest (in the parse) to its source.
"""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.facts.events.candidates import Argument, TriggerCandidate
from watchfloor.facts.events.features import (
    argument_key,
    nearest_trigger,
    role_features,
    type_features,
)
from watchfloor.facts.events.model import EventModel


@dataclass
class Reading:
    type: str
    trigger: TriggerCandidate
    source: Argument
    target: Argument

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.type, argument_key(self.source), argument_key(self.target))


def candidate_types(candidates: list[TriggerCandidate]) -> list[str]:
    return sorted({t for c in candidates for t in c.types})


def readings(candidates: list[TriggerCandidate], model: EventModel) -> list[tuple[float, Reading]]:
    """The sentence's readings at or above the model's event threshold, with their
    type probabilities."""
    found: list[tuple[float, Reading]] = []
    for type_ in candidate_types(candidates):
        probability = model.types.probability(type_features(candidates, type_))
        if probability < model.thresholds.event:
            continue
        reading = best_reading(candidates, type_, model)
        if reading is not None:
            found.append((probability, reading))
    return found


def best_reading(
    candidates: list[TriggerCandidate], type_: str, model: EventModel
) -> Reading | None:
    """The ``type_`` reading with the most probable (source, target) pair."""
    typed = [c for c in candidates if type_ in c.types]
    keys = [argument_key(a) for a in typed[0].arguments]
    nobody = model.thresholds
    source_p = {
        k: model.sources.probability(role_features("S", typed, type_, k))
        * (nobody.nobody_source if k is None else 1.0)
        for k in keys
    }
    target_p = {
        k: model.targets.probability(role_features("O", typed, type_, k))
        * (nobody.nobody_target if k is None else 1.0)
        for k in keys
    }
    pairs = [(source_p[s] * target_p[t], n, s, t) for n, (s, t) in enumerate(_pairs(keys))]
    if not pairs:
        return None
    _, _, source_key, target_key = max(pairs, key=lambda p: (p[0], -p[1]))
    trigger, source = nearest_trigger(typed, source_key)
    target = next(a for a in trigger.arguments if argument_key(a) == target_key)
    return Reading(type_, trigger, source, target)


def _pairs(keys: list[str | None]) -> list[tuple[str | None, str | None]]:
    """Every (source, target) of two different actors, or with nobody on either side."""
    return [(s, t) for s in keys for t in keys if s != t or s is None]
