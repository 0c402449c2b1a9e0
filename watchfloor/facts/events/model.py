"""The learned event coder's weights: three logistic models and the learned triggers.

- ``trigger``: is this word, read as this PLOVER type, an event the sentence reports?
- ``source``/``target``: is this actor (or nobody) the event's source / target?

Each model is a table of feature weights: scoring is a sum, with no library
at run time. ``make models`` fits them on the marked training articles
(:mod:`watchfloor.training.events`) and writes ``data/facts/event_model.json``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from watchfloor.datafiles import read_json
from watchfloor.facts.events.candidates import Argument, TriggerCandidate, argument_features

MODEL_FILE = ("facts", "event_model.json")


@dataclass(frozen=True)
class LinearModel:
    weights: dict[str, float]
    bias: float = 0.0

    def probability(self, features: Iterable[str]) -> float:
        weights = self.weights
        total = self.bias + sum(weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def as_json(self) -> dict[str, Any]:
        return {"bias": self.bias, "weights": {k: round(v, 5) for k, v in self.weights.items()}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls(dict(data["weights"]), float(data["bias"]))


@dataclass(frozen=True)
class Thresholds:
    trigger: float = 0.5  # an event is kept from this trigger probability
    extra_target: float = 0.5  # a second target of the same trigger, from this probability
    event: float = 0.0  # trigger x source x target probability an event needs


@dataclass(frozen=True)
class EventModel:
    trigger: LinearModel
    source: LinearModel
    target: LinearModel
    learned: dict[str, tuple[str, ...]] = field(default_factory=dict)
    thresholds: Thresholds = Thresholds()

    def as_json(self) -> dict[str, Any]:
        return {
            "trigger": self.trigger.as_json(),
            "source": self.source.as_json(),
            "target": self.target.as_json(),
            "learned": {k: list(v) for k, v in sorted(self.learned.items())},
            "thresholds": vars(self.thresholds),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventModel:
        return cls(
            LinearModel.from_json(data["trigger"]),
            LinearModel.from_json(data["source"]),
            LinearModel.from_json(data["target"]),
            {k: tuple(v) for k, v in data["learned"].items()},
            Thresholds(**data["thresholds"]),
        )


@cache
def load_event_model() -> EventModel:
    """The weights shipped in the package."""
    return EventModel.from_json(read_json(*MODEL_FILE))


def trigger_features(candidate: TriggerCandidate, type_: str) -> list[str]:
    """The features of reading ``candidate`` as an event of ``type_``."""
    feats = [f"T={type_}", f"ntypes={min(len(candidate.types), 3)}"]
    feats += candidate.base
    feats += [f"{f}|{type_}" for f in candidate.base]
    for evidence in candidate.typed[type_]:
        feats += [f"lex={evidence}", f"lex={evidence}|{type_}"]
    feats.append("lex=" + "+".join(candidate.typed[type_]) + f"|{type_}")
    return feats


def role_features(
    role: str, candidate: TriggerCandidate, type_: str, argument: Argument
) -> list[str]:
    """The features of ``argument`` as the ``role`` ("S" or "O") of the typed candidate."""
    return [f"{role}:{f}" for f in argument_features(candidate, type_, argument)]
