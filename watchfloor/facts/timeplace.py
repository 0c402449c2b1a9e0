"""When and where an event happened: dates resolved against the publication date,
places from the trigger's "in/at/near" phrase."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from watchfloor.actors.kb import load_knowledge_base
from watchfloor.facts.context import FactContext

Token = Any  # a spaCy token

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
)  # fmt: skip
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]+)|\b([A-Za-z]+)\s+(\d{1,2})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def published_date(context: FactContext) -> date | None:
    raw = context.article.published or ""
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None


def resolve_date(text: str, anchor: date | None, *, future: bool = False) -> str | None:
    """ISO date (or year-month) for a date expression, read against ``anchor``."""
    low = text.lower().strip()
    if anchor is None:
        return _absolute(low, None)
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
    for word, shift in relative.items():
        if word in low.split():
            return (anchor + timedelta(days=shift)).isoformat()
    for n, day in enumerate(WEEKDAYS):
        if day in low:
            return _weekday(anchor, n, future=future or "next" in low).isoformat()
    if "last week" in low:
        return (anchor - timedelta(days=7)).isoformat()
    return _absolute(low, anchor)


def _weekday(anchor: date, weekday: int, *, future: bool) -> date:
    if future:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _absolute(low: str, anchor: date | None) -> str | None:
    month = next((n for n, m in enumerate(MONTHS, 1) if re.search(rf"\b{m}\b", low)), None)
    year_match = _YEAR.search(low)
    year = int(year_match.group(1)) if year_match else (anchor.year if anchor else None)
    if month is None or year is None:
        return str(year) if year_match else None
    day = _day_of(low)
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


def _day_of(low: str) -> int | None:
    for match in _DAY_MONTH.finditer(low):
        number = match.group(1) or match.group(4)
        word = match.group(2) or match.group(3)
        if word in MONTHS and number:
            return int(number)
    return None


def event_date(
    context: FactContext, trigger: Token, *, future: bool
) -> tuple[str | None, str | None]:
    """(ISO date, date text) of the DATE entity that belongs to the trigger's clause."""
    sent = trigger.sent
    ents = context.doc.token_table.ents_in(sent.start, sent.end)
    dates = [e for e in ents if e.label_ == "DATE"]
    own = [e for e in dates if _governed_by(e.root, trigger)]
    chosen = own[0] if own else (dates[0] if len(dates) == 1 else None)
    if chosen is None:
        return None, None
    return resolve_date(chosen.text, published_date(context), future=future), chosen.text


def _governed_by(token: Token, trigger: Token) -> bool:
    """``token`` hangs off the trigger (or the verb a nominal trigger belongs to)."""
    clause = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    for ancestor in token.ancestors:
        if ancestor in (trigger, clause):
            return True
        if ancestor.pos_ == "VERB":
            return False
    return False


def event_place(context: FactContext, trigger: Token) -> tuple[str | None, str | None]:
    """(place name, alpha-3) from an "in/at/near X" phrase of the trigger."""
    heads = [trigger] if trigger.pos_ == "VERB" else [trigger, trigger.head]
    for head in heads:
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_LABELS:
                    name = _entity_text(context, obj)
                    return name, _country_of(context, obj, name)
    return None, None


def _entity_text(context: FactContext, token: Token) -> str:
    for ent in context.doc.token_table.ents:
        if ent.start <= token.i < ent.end:
            return str(ent.text)
    return str(token.text)


def _country_of(context: FactContext, token: Token, name: str) -> str | None:
    actor = context.actor_at(token.idx, token.idx + len(token.text))
    if actor is not None and actor.country:
        return actor.country
    for known in load_knowledge_base().lookup(name, include_surnames=False):
        if known.country:
            return known.country
    return None
