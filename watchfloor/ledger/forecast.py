"""A forecast fact as a ledger forecast: proposition, source, probability, made and due.

The rules, written down:

* **probability**: the midpoint of the fact's ICD 203 range (``p_low``..``p_high``), or
  the stated number (both ends equal); a forecast with no range is kept, not scored;
* **made**: the article's publication day;
* **due**: the horizon's last day, resolved against the publication day by
  :mod:`watchfloor.facts.horizon` ("in the coming weeks" = made + 28 days, "next month"
  = the last day of next month, "by the end of the year" = 31 December); a forecast
  with no horizon is due :data:`DEFAULT_HORIZON_DAYS` after it was made;
* **source**: the actor the forecast is attributed to, else the outlet ("we think");
* **the same forecast**: the same source, the same proposition (its content words,
  folded) and the same probability; a changed probability is a new forecast;
* **proposition**: the statement (the whole sentence where the statement has fewer than
  :data:`LEAST_WORDS` content words), and, where the sentence's event coder found a
  predicted, planned or possible event whose trigger words are in the statement, its
  PLOVER type and its two actors.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

DEFAULT_HORIZON_DAYS = 365
LEAST_WORDS = 3  # a statement with fewer content words is replaced by its sentence
FUTURE_MODALITIES = ("predicted", "planned", "possible")
_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "state", "GROUP": "group"}
_WORD = re.compile(r"[^\W\d_]+|\d+(?:\.\d+)?", re.UNICODE)
_STOP = STOP_WORDS - {"not", "no", "never", "none", "nothing"}  # negation is content


@dataclass(frozen=True)
class LedgerForecast:
    """What the ledger files for one forecast fact."""

    key: str
    statement: str
    source_key: str
    source: str
    source_kind: str
    plover: str | None
    actor1_id: int | None
    actor2_id: int | None
    actors: list[str]
    p: float | None
    made: str
    due: str | None
    horizon: str | None
    doc_id: str
    evidence: str

    def columns(self) -> tuple[Any, ...]:
        """The values of the store's ``ledger_file`` insert, in its order."""
        return (
            self.key, self.statement, self.source_key, self.source, self.source_kind,
            self.plover, self.actor1_id, self.actor2_id, json.dumps(self.actors), self.p,
            self.made, self.due, self.horizon, self.doc_id, self.evidence,
        )  # fmt: skip


def probability(data: dict[str, Any]) -> float | None:
    """The midpoint of the stated range, rounded to 3 places; None without one."""
    ends = [float(v) for v in (data.get("p_low"), data.get("p_high")) if v is not None]
    return round(sum(ends) / len(ends), 3) if ends else None


def due_day(made: str, horizon_end: str | None) -> str:
    """The due day: the horizon's end, else :data:`DEFAULT_HORIZON_DAYS` after ``made``."""
    if horizon_end and horizon_end[:10] >= made:
        return horizon_end[:10]
    return (date.fromisoformat(made) + timedelta(days=DEFAULT_HORIZON_DAYS)).isoformat()


def proposition_words(statement: str) -> list[str]:
    """The statement's content words, folded (lower case, a plural 's' dropped), sorted."""
    words = {_fold(w) for w in _WORD.findall(statement.lower()) if w not in _STOP}
    return sorted(w for w in words if w)


def forecast_key(source_key: str, statement: str, p: float | None) -> str:
    """Source, proposition and probability: the identity of a forecast."""
    text = "|".join([source_key, " ".join(proposition_words(statement)), repr(p)])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def from_fact(row: dict[str, Any], events: list[dict[str, Any]]) -> LedgerForecast | None:
    """The ledger forecast of one unfiled fact row (``ledger_unfiled``); None for a
    fact that cannot be dated (an article with no publication day)."""
    made = _day(row.get("published"))
    if made is None:
        return None
    data = json.loads(row["data"]) if isinstance(row["data"], str) else dict(row["data"])
    statement = str(data.get("statement") or "").strip()
    if len(proposition_words(statement)) < LEAST_WORDS:  # "Serbia": the sentence says more
        statement = str(row["evidence"]).strip()
    source_key, source, kind = _source(row)
    p = probability(data)
    event = next((e for e in events if _future(e) and _names(e, statement)), None)
    keys = [str(event[k]) for k in ("source_key", "target_key") if event and event[k]]
    return LedgerForecast(
        key=forecast_key(source_key, statement, p),
        statement=statement,
        source_key=source_key,
        source=source,
        source_kind=kind,
        plover=event["kind"] if event else None,
        actor1_id=event["source_id"] if event else None,
        actor2_id=event["target_id"] if event else None,
        actors=keys,
        p=p,
        made=made,
        due=due_day(made, data.get("horizon_end")),
        horizon=data.get("horizon_text"),
        doc_id=row["doc_id"],
        evidence=row["evidence"],
    )


def _source(row: dict[str, Any]) -> tuple[str, str, str]:
    if row.get("source_key"):
        kind = _KINDS.get(str(row.get("source_type")), "organisation")
        return str(row["source_key"]), str(row["source_name"]), kind
    outlet = str(row.get("outlet") or "unknown outlet")
    return f"outlet:{outlet.lower()}", outlet, "outlet"


def _future(event: dict[str, Any]) -> bool:
    data = json.loads(event["data"]) if isinstance(event["data"], str) else event["data"]
    has_actor = event.get("source_id") is not None or event.get("target_id") is not None
    return bool(event.get("kind")) and has_actor and data.get("modality") in FUTURE_MODALITIES


def _names(event: dict[str, Any], statement: str) -> bool:
    """The event is the one forecast: its trigger words are in the statement (another
    clause of the sentence may code another event)."""
    data = json.loads(event["data"]) if isinstance(event["data"], str) else event["data"]
    said = set(_WORD.findall(statement.lower()))
    return all(w in said for w in _WORD.findall(str(data.get("trigger") or "").lower()))


def _day(published: str | None) -> str | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def _fold(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
