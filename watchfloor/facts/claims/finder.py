"""Numeric claims: the counts, sums, shares and measures an article states.

Three steps per sentence. :func:`~watchfloor.facts.claims.figures.figures` reads
every number with its hedge, currency, scale, range and unit and drops those that
state no claim (dates, ages, names, labels, vague counts). :func:`_link_earlier`
folds an earlier value ("up from 11", "from 44%") and a restated conversion
("14 feet (4 meters)") into the figure they belong to. :func:`_claim` then reads
the parse (:mod:`~watchfloor.facts.claims.parse`) for what is counted, the change
("more than tripled") and who states it.
"""

from __future__ import annotations

from watchfloor.facts.claims.cues import Cues, load_cues
from watchfloor.facts.claims.figures import Figure, figures
from watchfloor.facts.claims.parse import change_verb, counted, source
from watchfloor.facts.context import Fact, FactContext
from watchfloor.nlp.types import Sentence


def find_claims(context: FactContext) -> list[Fact]:
    cues = load_cues()
    claims: list[Fact] = []
    for sentence in context.doc.sentences:
        kept = _link_earlier(sentence, figures(context, sentence, cues), cues)
        found = [_claim(context, sentence, f, cues) for f in kept]
        claims += _shared_units(kept, found)
    return claims


def _shared_units(figures: list[Figure], claims: list[Fact]) -> list[Fact]:
    """'54 nations signed, only 27 ratified': a bare count takes its neighbour's unit."""
    counts = [c for f, c in zip(figures, claims, strict=True) if f.kind == "count"]
    for n, claim in enumerate(counts):
        others = [c["unit"] for c in counts[:n][::-1] + counts[n + 1 :] if c["unit"]]
        if claim["unit"] is None and others:
            claim["unit"] = others[0]
    return claims


# ---------------------------------------------------------------- earlier values


def _link_earlier(sentence: Sentence, figures: list[Figure], cues: Cues) -> list[Figure]:
    """Attach 'up from 11' / 'from 44%' to the figure it compares with; keep the rest."""
    kept: list[Figure] = []
    restated = False
    for n, figure in enumerate(figures):
        restated = n > 0 and _is_conversion(sentence, figures[n - 1], figure, restated)
        if restated:
            continue
        phrase = cues.from_phrase(sentence.text[: figure.start - sentence.start])
        target = _compared(sentence, figures, n, phrase) if phrase else None
        if target is None:
            kept.append(figure)
            continue
        text = sentence.text[figure.start - sentence.start : figure.end - sentence.start]
        target.previous = figure.value
        target.change = f"{phrase} {text.strip()}"
    return kept


def _is_conversion(sentence: Sentence, first: Figure, second: Figure, chain: bool) -> bool:
    """'14 feet (four meters)', '€20,000 (£17,500; US$22,900)': the same figure restated."""
    gap = _between(sentence, first, second).strip()
    if gap in (";", "/", ",") and chain:
        return True
    return gap in ("(", "[") and first.kind != "count"


def _compared(sentence: Sentence, figures: list[Figure], n: int, phrase: str) -> Figure | None:
    figure = figures[n]
    later = figures[n + 1] if n + 1 < len(figures) else None
    if later and _between(sentence, figure, later).strip().lower() == "to":
        return later if later.kind == figure.kind or figure.kind == "count" else None
    earlier = figures[n - 1] if n > 0 else None
    if earlier is None or earlier.previous is not None:
        return None
    if earlier.kind != figure.kind and (figure.kind != "count" or figure.unit):
        return None
    gap = _between(sentence, earlier, figure).split()
    return earlier if phrase != "from" or gap == ["from"] else None


def _between(sentence: Sentence, first: Figure, second: Figure) -> str:
    return sentence.text[first.end - sentence.start : second.start - sentence.start]


# ---------------------------------------------------------------- the claim


def _claim(context: FactContext, sentence: Sentence, figure: Figure, cues: Cues) -> Fact:
    span = figure.token.doc.char_span(figure.start, figure.end, alignment_mode="expand")
    skip = {t.i for t in span} if span is not None else {figure.token.i}
    count = figure.kind in ("count", "duration")
    subject, unit = counted(figure.token, skip, count, cues)
    claim: Fact = {
        "subject": subject,
        "value": _plain(figure.value),
        "unit": figure.unit or unit,
        "currency": figure.currency,
        "change": _change(figure, change_verb(figure.token, skip, cues)),
        "previous": _plain(figure.previous),
        "qualifier": figure.qualifier,
        "source": source(context, sentence, figure.token, cues),
    }
    if figure.high is not None:
        claim["value_high"] = _plain(figure.high)
    return claim | context.evidence(sentence)


def _change(figure: Figure, verb: str | None) -> str | None:
    """'up from 11'; 'more than tripled'; 'rose from 3,000' (the verb with a bare 'from')."""
    if figure.change and verb and figure.change.startswith("from "):
        return f"{verb} {figure.change}"
    return figure.change or verb


def _plain(value: float | None) -> float | int | None:
    """A JSON number: 10000.0 -> 10000, 5.7 * 1e6 -> 5700000."""
    if value is None:
        return None
    value = float(f"{value:.10g}")
    return int(value) if value.is_integer() else value
