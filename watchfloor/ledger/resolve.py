"""Resolutions proposed from later reporting, and how a forecast's status is decided.

Two kinds of later facts settle a forecast:

* **an event** of the forecast's PLOVER type between its actors, reported after the
  forecast was made and dated on or before its due day: "yes". The same event reported
  as not happening ("X did not attack Y", the event coder's ``negated``): "no";
* **a claim** in the forecast's unit about its subject (every word of the claim's subject
  is in the forecast's sentence) that crosses the threshold the
  forecast names ("inflation is likely to exceed 5%"): "yes" when it crosses by the due
  day; a claim reported after the due day on the other side of it: a weak "no".

Each proposal carries the article, the sentence and a confidence (the table below);
proposals at :data:`AUTO_CONFIDENCE` or above resolve the forecast unless another
strong one disagrees. Nothing resolves a forecast "no" for want of news: past its due
day it waits for review (``due``). An analyst's resolution always wins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from watchfloor.ledger.forecast import proposition_words

AUTO_CONFIDENCE = 0.9
# Confidence of each kind of match.
EVENT_BOTH_ACTORS = 0.95  # type, source and target as forecast
EVENT_NEGATED_AFTER_DUE = 0.9  # "X did not ... Y", reported on or after the due day
EVENT_ONE_ACTOR = 0.85  # a one-actor forecast, its actor in the same role
EVENT_NEGATED = 0.8  # "X did not ... Y", reported before the due day
EVENT_REVERSED = 0.75  # source and target swapped
CLAIM_CROSSES = 0.85  # a later claim about the subject crosses the threshold
CLAIM_SHORT = 0.6  # a claim after the due day on the other side of the threshold
CLAIM_GRACE_DAYS = 45  # a claim this long after the due day may still report its period

_NUMBER = r"(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>%|per ?cent|percent)?"
_ABOVE = re.compile(
    r"\b(?:exceed|exceeds|surpass|surpasses|top|tops|pass|passes|above|over|more than|"
    r"rise to|rises to|reach|reaches|hit|hits|at least)\s+" + _NUMBER,
    re.IGNORECASE,
)
_BELOW = re.compile(
    r"\b(?:below|under|less than|fall to|falls to|drop to|drops to|at most)\s+" + _NUMBER,
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Proposal:
    """A resolution the engine proposes, with its evidence."""

    outcome: str  # yes or no
    doc_id: str
    evidence: str
    confidence: float
    reason: str

    def row(self) -> dict[str, Any]:
        return {
            "kind": "engine",
            "outcome": self.outcome,
            "doc_id": self.doc_id,
            "evidence": self.evidence,
            "confidence": self.confidence,
            "note": self.reason,
        }


@dataclass(frozen=True)
class Threshold:
    value: float
    unit: str | None  # "percent", or None for a bare number
    above: bool


def threshold_of(statement: str) -> Threshold | None:
    """The threshold a statement names ("exceed 5%", "fall below 2 percent"), if any."""
    for pattern, above in ((_ABOVE, True), (_BELOW, False)):
        m = pattern.search(statement)
        if m:
            unit = "percent" if m["unit"] else None
            return Threshold(float(m["num"].replace(",", "")), unit, above)
    return None


def event_proposals(forecast: dict[str, Any], events: list[dict[str, Any]]) -> list[Proposal]:
    """Proposals from later events of the forecast's type between its actors."""
    found: list[Proposal] = []
    for event in events:
        if event["section"] != "events" or event["kind"] != forecast["plover"]:
            continue
        proposal = _event_proposal(forecast, event)
        if proposal is not None:
            found.append(proposal)
    return found


def _event_proposal(forecast: dict[str, Any], event: dict[str, Any]) -> Proposal | None:
    data = _data(event)
    modality = data.get("modality")
    within = str(event["effective_date"])[:10] <= str(forecast["due"])
    match = _actor_match(forecast, event)
    if match is None:
        return None
    reported = str(event["published"] or "")[:10]
    if modality == "asserted" and within:
        confidence = {"both": EVENT_BOTH_ACTORS, "one": EVENT_ONE_ACTOR}.get(match, EVENT_REVERSED)
        return _proposal("yes", event, confidence, f"{forecast['plover']} reported ({match})")
    if modality == "negated" and match == "both":
        late = reported >= str(forecast["due"])
        confidence = EVENT_NEGATED_AFTER_DUE if late else EVENT_NEGATED
        return _proposal("no", event, confidence, f"{forecast['plover']} reported not to happen")
    return None


def _actor_match(forecast: dict[str, Any], event: dict[str, Any]) -> str | None:
    """``both``, ``reversed`` or ``one`` (a one-actor forecast); None when the actors differ."""
    one, two = forecast["actor1_id"], forecast["actor2_id"]
    source, target = event["source_id"], event["target_id"]
    if one is not None and two is not None:
        if (source, target) == (one, two):
            return "both"
        return "reversed" if (source, target) == (two, one) else None
    if one is not None:
        return "one" if source == one else None
    return "one" if two is not None and target == two else None


def claim_proposals(
    forecast: dict[str, Any], threshold: Threshold, claims: list[dict[str, Any]]
) -> list[Proposal]:
    """Proposals from later claims about the forecast's subject in its unit."""
    said = f"{forecast['statement']} {forecast['evidence']}"
    words = set(proposition_words(said))
    found: list[Proposal] = []
    for claim in claims:
        data = _data(claim)
        value = _number(data.get("value"))
        subject = set(proposition_words(str(data.get("subject") or "")))
        if value is None or not subject or not subject <= words or data.get("change"):
            continue  # another subject; or a change ("rose 2 points"), not a level
        crosses = value > threshold.value if threshold.above else value < threshold.value
        # A figure for a period is published after it: "5.6% in June", reported in July.
        within = str(claim["effective_date"])[:10] <= _plus_days(forecast["due"], CLAIM_GRACE_DAYS)
        reported_late = str(claim["published"] or "")[:10] > str(forecast["due"])
        if crosses and within:
            found.append(_proposal("yes", claim, CLAIM_CROSSES, "a later figure crosses"))
        elif not crosses and reported_late:
            found.append(_proposal("no", claim, CLAIM_SHORT, "a figure after the due day"))
    return found


def decide(
    resolutions: list[dict[str, Any]], due: str | None, today: str
) -> tuple[str, str | None, int | None]:
    """The forecast's status, outcome and deciding resolution id from its resolutions."""
    analyst = [r for r in resolutions if r["kind"] == "analyst"]
    if analyst:
        last = max(analyst, key=lambda r: (str(r["made_at"]), int(r["id"])))
        outcome = None if last["outcome"] == "void" else str(last["outcome"])
        return ("void" if outcome is None else "resolved"), outcome, int(last["id"])
    strong = [r for r in resolutions if float(r["confidence"]) >= AUTO_CONFIDENCE]
    outcomes = {str(r["outcome"]) for r in strong}
    if len(outcomes) == 1:
        best = max(strong, key=lambda r: (float(r["confidence"]), -int(r["id"])))
        return "resolved", outcomes.pop(), int(best["id"])
    return ("due" if due is not None and due < today else "open"), None, None


def _proposal(outcome: str, fact: dict[str, Any], confidence: float, reason: str) -> Proposal:
    return Proposal(outcome, str(fact["doc_id"]), str(fact["evidence"]), confidence, reason)


def _data(fact: dict[str, Any]) -> dict[str, Any]:
    data = fact["data"]
    return dict(json.loads(data) if isinstance(data, str) else data)


def _plus_days(day: Any, days: int) -> str:
    return (date.fromisoformat(str(day)[:10]) + timedelta(days=days)).isoformat()


def _number(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None
