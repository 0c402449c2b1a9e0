"""An article's text cut into pieces, each with the facts whose sentence covers it.

The article view highlights every fact in place: a fact's evidence span
(``evidence_start`` .. ``evidence_end``) marks its sentence, and the names of its
actors inside that sentence are marked again. The template escapes every piece;
nothing here builds markup.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from watchfloor.query.results import ArticleDetail, Fact

SECTIONS = ("events", "quotes", "claims", "forecasts", "watch_items")
LABELS = {
    "events": "Events",
    "quotes": "Quotes",
    "claims": "Claims",
    "forecasts": "Forecasts",
    "watch_items": "Watch items",
}


@dataclass(frozen=True)
class Piece:
    """A run of text: plain, or an actor's name inside a highlighted sentence."""

    text: str
    actor: bool = False


@dataclass
class Segment:
    """A stretch of text covered by the same facts (none: plain text)."""

    pieces: list[Piece]
    sections: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # facts whose sentence starts here
    facts: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)


def fact_label(fact: Fact) -> str:
    """One line that says what a fact is: type and direction, speaker, figure, chance."""
    who = fact.source.name if fact.source else None
    whom = fact.target.name if fact.target else None
    data = fact.data
    if fact.section == "events":
        pair = f"{who or '?'} → {whom or '?'}"
        modality = data.get("modality")
        said = f" ({modality})" if modality and modality != "asserted" else ""
        return f"{fact.kind or 'EVENT'} · {pair}{said}"
    if fact.section == "quotes":
        return f"{who or 'unattributed'} ({fact.kind or 'quote'})"
    if fact.section == "claims":
        figure = " ".join(str(data.get(k)) for k in ("value", "unit") if data.get(k) is not None)
        return f"{data.get('subject') or 'claim'}: {figure}".strip(": ")
    if fact.section == "forecasts":
        phrase = data.get("phrase") or "forecast"
        by = f" by {data['horizon_end']}" if data.get("horizon_end") else ""
        return f"{who or 'unattributed'}: {phrase}{by}"
    due = f"due {fact.date}" if fact.date else "open"
    return f"watch ({due})"


def segments(detail: ArticleDetail) -> list[Segment]:
    """The article's text in segments, each with the facts covering it."""
    text = detail.text
    spans = [
        (f.evidence_start, f.evidence_end, f)
        for section in SECTIONS
        for f in detail.facts.get(section, [])
        if f.evidence_start is not None
        and f.evidence_end is not None
        and 0 <= f.evidence_start < f.evidence_end <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    found = []
    for low, high in itertools.pairwise(cuts):
        covering = [f for s, e, f in spans if s <= low and high <= e]
        names = {a.name for f in covering for a in (f.source, f.target) if a and len(a.name) > 2}
        found.append(
            Segment(
                pieces=_pieces(text[low:high], names),
                sections=sorted({f.section for f in covering}),
                starts=[f.id for s, _, f in spans if s == low],
                facts=[f.id for f in covering],
                titles=[fact_label(f) for f in covering],
            )
        )
    return found


def _pieces(text: str, names: set[str]) -> list[Piece]:
    """``text`` with the actors' names cut out as their own pieces."""
    if not names:
        return [Piece(text)]
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    pieces, at = [], 0
    for match in pattern.finditer(text):
        if match.start() > at:
            pieces.append(Piece(text[at : match.start()]))
        pieces.append(Piece(match.group(), actor=True))
        at = match.end()
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def focus_fact(detail: ArticleDetail, find: str | None) -> int | None:
    """The fact whose sentence holds ``find`` (a brief's shortened evidence), if any."""
    words = (find or "").strip().rstrip("…").strip()
    if not words:
        return None
    for section in SECTIONS:
        for fact in detail.facts.get(section, []):
            if words in fact.evidence or fact.evidence in words:
                return fact.id
    return None
