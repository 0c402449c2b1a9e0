"""The ledger's JSON items: one source with its scores, one forecast with its resolution."""

from __future__ import annotations

import json
from typing import Any

from watchfloor.ledger.scores import Cell, score


def cells_of(rows: list[dict[str, Any]]) -> list[Cell]:
    """The scored cells among a source's tallies: resolved, with a probability."""
    return [
        Cell(float(r["p"]), 1 if r["outcome"] == "yes" else 0, int(r["n"]))
        for r in rows
        if r["status"] == "resolved" and float(r["p"]) >= 0 and r["outcome"] in ("yes", "no")
    ]


def source_item(row: dict[str, Any], cells: list[dict[str, Any]]) -> dict[str, Any]:
    """One source: its counts, Brier score with interval, calibration table and verdict."""
    counts = {status: 0 for status in ("open", "due", "resolved", "void")}
    for cell in cells:
        counts[str(cell["status"])] += int(cell["n"])
    result = score(cells_of(cells))
    return {
        "source": row["source"],
        "source_key": row["source_key"],
        "kind": row["source_kind"],
        "made": sum(counts.values()),
        "resolved": counts["resolved"],
        "open": counts["open"] + counts["due"],
        "due": counts["due"],
        "void": counts["void"],
        "scored": result.n,
        "brier": _round(result.brier),
        "brier_low": _round(result.brier_low),
        "brier_high": _round(result.brier_high),
        "calibration": [
            {
                "p_low": b.p_low,
                "p_high": b.p_high,
                "n": b.n,
                "mean_p": b.mean_p,
                "observed": b.observed,
            }
            for b in result.calibration
        ],
        "overconfidence": _round(result.overconfidence),
        "verdict": result.verdict,
    }


def forecast_item(
    row: dict[str, Any], resolutions: list[dict[str, Any]], today: str
) -> dict[str, Any]:
    """One forecast as the contract lists it; ``due`` when open past its due day."""
    status = str(row["status"])
    if status == "open" and row["due"] is not None and str(row["due"]) < today:
        status = "due"
    applied = next((r for r in resolutions if int(r["applied"]) == 1), None)
    proposals = [_resolution(r) for r in resolutions if r["kind"] == "engine" and not r["applied"]]
    actors = row["actors"]
    return {
        "id": str(row["id"]),
        "statement": row["statement"],
        "source": row["source"],
        "source_key": row["source_key"],
        "p": row["p"],
        "made": row["made"],
        "due": row["due"],
        "horizon": row["horizon"],
        "status": status,
        "outcome": row["outcome"],
        "plover": row["plover"],
        "actors": json.loads(actors) if isinstance(actors, str) else actors,
        "mentions": row["mentions"],
        "doc_id": row["doc_id"],
        "evidence_sentence": row["evidence"],
        "resolved_by": _resolution(applied) if applied else None,
        "proposals": proposals,
    }


def _resolution(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": r["kind"],
        "outcome": r["outcome"],
        "doc_id": r["doc_id"] or None,
        "evidence": r["evidence"] or None,
        "confidence": round(float(r["confidence"]), 3),
        "who": r["who"] or None,
        "note": r["note"] or None,
        "at": r["made_at"],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def pooled(sources: list[dict[str, Any]], name: str = "all sources") -> dict[str, Any]:
    """The calibration table of several sources together (a plot's summary series)."""
    bins: list[dict[str, Any]] = []
    for i, first in enumerate(sources[0]["calibration"] if sources else []):
        n = sum(s["calibration"][i]["n"] for s in sources)
        weighted = [(s["calibration"][i], s["calibration"][i]["n"]) for s in sources]
        mean_p = sum(b["mean_p"] * k for b, k in weighted if k) / n if n else None
        observed = sum(b["observed"] * k for b, k in weighted if k) / n if n else None
        bins.append({**first, "n": n, "mean_p": mean_p, "observed": observed})
    scored = sum(int(s["scored"]) for s in sources)
    sq = sum(float(s["brier"]) * int(s["scored"]) for s in sources if s["brier"] is not None)
    return {"source": name, "scored": scored, "brier": sq / scored if scored else None,
            "calibration": bins}  # fmt: skip
