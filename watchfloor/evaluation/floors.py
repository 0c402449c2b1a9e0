"""Score floors: a pinned minimum per section that a run must not fall under."""

from __future__ import annotations

import tomllib
from pathlib import Path

from watchfloor.evaluation.scoring import Score


def check_floors(score: Score, path: Path) -> list[str]:
    """Every floor the score falls under, as readable lines (empty when all hold)."""
    floors = tomllib.loads(path.read_text(encoding="utf-8"))
    failures: list[str] = []
    for section, limits in floors.items():
        if section == "documents":
            for name, floor in limits.items():
                value = getattr(score.documents, name)
                if value < floor:
                    failures.append(f"documents.{name} {value} < {floor}")
            continue
        tally = score.sections[section]
        for name, floor in limits.items():
            if name in {"precision", "recall", "f1"}:
                value = getattr(tally, name)
            else:
                hits, total = tally.attributes.get(name, [0, 0])
                value = hits / total if total else 0.0
            if value + 1e-9 < floor:
                failures.append(f"{section}.{name} {value:.3f} < {floor}")
    return failures
