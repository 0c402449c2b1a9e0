"""The learned event coder's weights: three logistic models, and learned triggers.

The models answer (:mod:`watchfloor.facts.events.tuples`): does this sentence
state an event of this PLOVER type? Is this actor (or nobody) its source? Its
target? Each is a table of feature weights: scoring is a sum, with no library
at run time.
``make models`` fits them on the marked training articles
(:mod:`watchfloor.training.events`) and writes ``data/facts/event_model.json``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from watchfloor.datafiles import read_json

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
        kept = {k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= 0.005}
        return {"bias": round(self.bias, 4), "weights": kept}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        return cls(dict(data["weights"]), float(data["bias"]))


@dataclass(frozen=True)
class Thresholds:
    event: float = 0.5  # a sentence states an event of a type from this probability
    # "nobody" as source (target) counts at this share of its probability. Under 1 would
    # name an actor more often: the scorer accepts any actor where the marked event names
    # nobody, so held-out F1 rises, but most actors so named are wrong (README, Accuracy).
    nobody_source: float = 1.0
    nobody_target: float = 1.0


@dataclass(frozen=True)
class EventModel:
    types: LinearModel
    sources: LinearModel
    targets: LinearModel
    learned: dict[str, tuple[str, ...]] = field(default_factory=dict)
    thresholds: Thresholds = Thresholds()

    def as_json(self) -> dict[str, Any]:
        return {
            "types": self.types.as_json(),
            "sources": self.sources.as_json(),
            "targets": self.targets.as_json(),
            "learned": {k: list(v) for k, v in sorted(self.learned.items())},
            "thresholds": vars(self.thresholds),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventModel:
        return cls(
            LinearModel.from_json(data["types"]),
            LinearModel.from_json(data["sources"]),
            LinearModel.from_json(data["targets"]),
            {k: tuple(v) for k, v in data["learned"].items()},
            Thresholds(**data["thresholds"]),
        )


@cache
def load_event_model() -> EventModel:
    """The weights shipped in the package."""
    return EventModel.from_json(read_json(*MODEL_FILE))
