"""Candidate events as whole readings: (PLOVER type, source, target) in one sentence.

The marked data say which events a sentence states, not which word states
them, so the coder scores whole readings. A reading's trigger is the
candidate word of its type nearest (in the parse) to both of its actors; its
features are that trigger's, each actor's as seen from it, the pair's, and
what the hand-written rules made of the sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from watchfloor.facts.events.candidates import NONE, Argument, TriggerCandidate
from watchfloor.facts.events.features import role_features, trigger_features


@dataclass
class Reading:
    type: str
    trigger: TriggerCandidate
    source: Argument
    target: Argument
    features: list[str]
    triggers_of_type: int = 1

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.type, actor_key(self.source), actor_key(self.target))


def actor_key(argument: Argument) -> str | None:
    return argument.actor.key if argument.actor is not None else None


def readings(triggers: list[TriggerCandidate]) -> Iterator[Reading]:
    """Every (type, source, target) reading of a sentence's candidate triggers."""
    by_type: dict[str, list[TriggerCandidate]] = {}
    for trigger in triggers:
        for type_ in trigger.types:
            by_type.setdefault(type_, []).append(trigger)
    for type_, typed in by_type.items():
        keys = [actor_key(a) for a in typed[0].arguments]
        for source_key in keys:
            for target_key in keys:
                if source_key == target_key:
                    continue
                yield _reading(type_, typed, source_key, target_key)


def _reading(
    type_: str, typed: list[TriggerCandidate], source_key: str | None, target_key: str | None
) -> Reading:
    best: tuple[int, int, TriggerCandidate, Argument, Argument] | None = None
    for trigger in typed:
        by_key = {actor_key(a): a for a in trigger.arguments}
        source, target = by_key[source_key], by_key[target_key]
        cost = source.distance + target.distance
        if best is None or cost < best[0]:
            best = (cost, trigger.token.i, trigger, source, target)
    assert best is not None
    _, _, trigger, source, target = best
    features = reading_features(type_, trigger, source, target)
    features.append(f"triggers_of_type={min(len(typed), 3)}")
    return Reading(type_, trigger, source, target, features, len(typed))


def reading_features(
    type_: str, trigger: TriggerCandidate, source: Argument, target: Argument
) -> list[str]:
    feats = trigger_features(trigger, type_)
    feats += role_features("S", trigger, type_, source)
    feats += role_features("O", trigger, type_, target)
    s_last = _last_step(source.path)
    o_last = _last_step(target.path)
    feats += [
        f"pair={s_last}&{o_last}",
        f"pair|{type_}={s_last}&{o_last}",
        f"pair_types={_kind(source)}&{_kind(target)}",
        f"pair_types|{type_}={_kind(source)}&{_kind(target)}",
    ]
    feats += _rule_features(type_, trigger, source, target)
    return feats


def _last_step(path: str) -> str:
    if path in {NONE, "far", "self"}:
        return path
    steps = path.replace("^", " ^").replace("v", " v").split()
    return steps[-1] if steps else path


def _kind(argument: Argument) -> str:
    return argument.actor.type if argument.actor is not None else NONE


def _rule_features(
    type_: str, trigger: TriggerCandidate, source: Argument, target: Argument
) -> list[str]:
    """What the hand-written rules coded at this trigger, against this reading."""
    if not trigger.rule_facts:
        return ["rule=none"]
    feats = []
    for event in trigger.rule_facts:
        same_type = event["type"] == type_
        same_source = event.get("source_key") == actor_key(source)
        same_target = event.get("target_key") == actor_key(target)
        feats.append(f"rule={same_type}/{same_source}/{same_target}")
    return feats
