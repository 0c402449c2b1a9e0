"""The numeric-claims lexicon (``data/facts/claims.toml``) and the patterns built from it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from watchfloor.datafiles import read_toml
from watchfloor.facts.textfilter import AnyWord


@dataclass(frozen=True)
class Cues:
    words: dict[str, int]
    scales: dict[str, float]
    glued: dict[str, float]
    fractions: dict[str, int]
    symbols: dict[str, str]
    currency_words: dict[str, str]
    money_only: dict[str, str]
    percent: dict[str, str]
    hyphen_counts: dict[str, str]
    measures: frozenset[str]
    qualifiers: tuple[str, ...]
    silent: frozenset[str]
    from_phrases: tuple[str, ...]
    lists: dict[str, frozenset[str]]

    def __getitem__(self, name: str) -> frozenset[str]:
        """One of the plain word lists ('change_verbs', 'label_nouns', ...)."""
        return self.lists[name]

    def number(self, text: str) -> float | None:
        """'10,000' -> 10000.0; 'twenty-five' -> 25.0."""
        try:
            return float(text.replace(",", ""))
        except ValueError:
            pass
        parts = text.lower().split("-")
        if not all(p in self.words for p in parts):
            return None
        return float(sum(self.words[p] for p in parts))

    def scale(self, text: str | None) -> float:
        if not text:
            return 1.0
        word = text.strip().lower()
        return self.scales.get(word) or self.glued.get(word) or 1.0

    def qualifier(self, text: str | None) -> str | None:
        if not text:
            return None
        word = " ".join(text.lower().split())
        return None if word in self.silent else word

    def currency_sign(self, text: str | None) -> str | None:
        return self.symbols.get(text.strip().upper()) if text else None

    def share(self, match: re.Match[str]) -> float | None:
        """'a third' -> 0.333, 'two-thirds' -> 0.667, 'half' -> 0.5, 'one in four' -> 0.25."""
        if match["over"]:
            top, bottom = self.number(match["top"]), self.number(match["over"])
            if top is None or bottom is None or not top < bottom <= 1000:
                return None
            return round(top / bottom, 3)
        bottom = self.fractions.get(match["frac"].lower())
        if not match["count"] and bottom != 2:  # "third of" alone is a rank, "half of" a share
            return None
        count = (match["count"] or "one").lower()
        top = 1.0 if count in ("a", "an") else self.number(count)
        return round(top / bottom, 3) if top is not None and bottom else None

    def from_phrase(self, text: str) -> str | None:
        """The phrase that ends ``text`` and makes the next number an earlier value."""
        tail = " ".join(text.lower().split()[-2:])
        for phrase in self.from_phrases:
            if tail == phrase or tail.endswith(" " + phrase):
                return phrase
        return None


@cache
def load_cues() -> Cues:
    data: dict[str, Any] = read_toml("facts", "claims.toml")
    symbols = {k.upper(): v for k, v in data["currency_symbols"].items()}
    symbols |= {code: code for code in data["currency_codes"]}
    tables = (
        "number_words",
        "scales",
        "glued_scales",
        "fractions",
        "currency_symbols",
        "currency_words",
        "money_only_words",
        "percent_words",
        "hyphen_counts",
    )
    special = {"qualifiers", "silent_qualifiers", "change_from", "measure_units", "currency_codes"}
    return Cues(
        words=data["number_words"],
        scales={k: float(v) for k, v in data["scales"].items()},
        glued={k: float(v) for k, v in data["glued_scales"].items()},
        fractions=data["fractions"],
        symbols=symbols,
        currency_words={k.lower(): v for k, v in data["currency_words"].items()},
        money_only=data["money_only_words"],
        percent={k.lower(): v for k, v in data["percent_words"].items()},
        hyphen_counts=data["hyphen_counts"],
        measures=frozenset(u.lower() for u in data["measure_units"]),
        qualifiers=tuple(data["qualifiers"]),
        silent=frozenset(data["silent_qualifiers"]),
        from_phrases=tuple(sorted(data["change_from"], key=len, reverse=True)),
        lists={
            k: frozenset(w.lower() for w in v)
            for k, v in data.items()
            if k not in tables and k not in special
        },
    )


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The number pattern, the same without 'X to Y' ranges, and the share pattern."""
    c = load_cues()
    word = _alt(c.words)
    num = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{word})(?:-(?:{word}))?(?![\w])"
    cur = rf"(?-i:{_alt(c.symbols)})\s?"
    scale = rf"(?:\s?(?:{_alt(c.scales)})|(?:{_alt(c.glued)}))(?![\w])"
    unit = _alt([*c.percent, *c.currency_words, *c.money_only, *c.measures])
    qual = rf"(?:(?P<qual>{_alt(c.qualifiers)})\s+)?"
    number = _number_pattern(qual, cur, num, scale, unit, r"\s?[–—-]\s?|\s+to\s+")
    plain_number = _number_pattern(qual, cur, num, scale, unit, r"\s?[–—-]\s?")
    counts = _alt([w for w, v in c.words.items() if v < 10])
    share = re.compile(
        rf"(?<![\w-]){qual}(?:"
        rf"(?:(?P<count>an?|{counts})[\s-])?(?P<frac>{_alt(c.fractions)})\s+of\b"
        rf"|(?P<top>one|\d+)\s+(?:in|out\s+of)\s+(?P<over>{counts}|ten|\d+)(?![\w]))",
        re.IGNORECASE,
    )
    return number, plain_number, share


@cache
def pattern_words() -> tuple[AnyWord, AnyWord]:
    """The words of which the number pattern, and the share pattern, of :func:`patterns`
    needs one: its number (digits or a number word), its fraction or its 'one'/digits."""
    c = load_cues()
    digits = "0123456789"
    return AnyWord([*digits, *c.words]), AnyWord([*digits, "one", *c.fractions])


def _number_pattern(
    qual: str, cur: str, num: str, scale: str, unit: str, dash: str
) -> re.Pattern[str]:
    """Hedge, currency, number, scale, a range ('16-17', 'between 5 and 7'), unit."""
    return re.compile(
        rf"(?<![\w$€£¥.,/:-]){qual}(?:(?P<between>between)\s+)?"
        rf"(?P<cur>{cur})?(?P<num>{num})(?P<scale>{scale})?"
        rf"(?:(?(between)\s+and\s+|(?P<sep>{dash}))(?:{cur})?(?P<num2>{num})(?P<scale2>{scale})?)?"
        rf"(?:\s?(?P<unit>{unit})(?![\w]))?(?![\w/]|[.,:]\d)",
        re.IGNORECASE,
    )
