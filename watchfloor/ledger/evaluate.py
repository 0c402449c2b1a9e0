"""How well later reporting resolves forecasts, against outcomes marked by hand.

A marked forecast names words of its sentence (``find``), its outcome (``yes``, ``no``,
or ``open``: nothing in the series settles it) and the article that settles it (``by``).

* a **proposal** counts once per forecast: the engine's most confident one (an applied
  one first); it is right when its outcome is the marked one;
* **precision** of proposals: right ones among forecasts with a proposal; **recall**:
  right ones among forecasts marked yes or no;
* **automatic precision**: right ones among forecasts the engine resolved by itself.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from watchfloor.ledger.service import ledger_report


@dataclass
class ResolutionScores:
    marked: int = 0  # forecasts marked yes or no
    found: int = 0  # marked forecasts (of any outcome) found in the ledger
    proposed: int = 0
    right: int = 0
    automatic: int = 0
    automatic_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.marked if self.marked else 1.0

    @property
    def automatic_precision(self) -> float:
        return self.automatic_right / self.automatic if self.automatic else 1.0


def read_outcomes(path: Path) -> list[dict[str, str]]:
    with path.open("rb") as handle:
        marked: list[dict[str, str]] = tomllib.load(handle)["forecasts"]
    return marked


def score_resolutions(
    store: object, marked: list[dict[str, str]], today: str | None = None
) -> ResolutionScores:
    """Compare the ledger's resolutions with the marked outcomes."""
    forecasts = ledger_report(store, limit=1, forecasts=10_000, today=today).forecasts
    scores = ResolutionScores()
    for mark in marked:
        scores.marked += mark["outcome"] in ("yes", "no")
        item = next((f for f in forecasts if mark["find"] in f["evidence_sentence"]), None)
        if item is None:
            scores.errors.append(f"not in the ledger: {mark['find']!r}")
            continue
        scores.found += 1
        _count(scores, mark, item)
    return scores


def _count(scores: ResolutionScores, mark: dict[str, str], item: dict[str, Any]) -> None:
    proposals = sorted(item["proposals"], key=lambda r: -float(r["confidence"]))
    best = item["resolved_by"] or (proposals[0] if proposals else None)
    if best is None or best["kind"] != "engine":
        return
    right = best["outcome"] == mark["outcome"] and best["doc_id"] == mark.get("by")
    scores.proposed += 1
    scores.right += right
    if item["resolved_by"] is not None:
        scores.automatic += 1
        scores.automatic_right += right
    if not right:
        scores.errors.append(
            f"{mark['find']!r}: marked {mark['outcome']}, proposed {best['outcome']}"
            f" ({best['confidence']}) from {best['doc_id']}"
        )
