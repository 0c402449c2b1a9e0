"""Time phrases of forecasts and watch items, resolved against the publication date.

The resolution rules are written down in ``watchfloor/data/facts/estimative.toml``
(section ``horizon``): a range resolves to its last day ("in the coming weeks" =
published + 28 days, "next month" = the last day of next month), a named day to
that day ("on Saturday" = the next Saturday, "April 17" = its next occurrence).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from watchfloor.datafiles import read_toml

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "few": 3,
    "several": 3,
}

_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_NUM = r"(?P<num>\d+|" + "|".join(_NUMBERS) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PERIOD = r"(?P<period>week|month|year)"
_SEASON = r"(?P<season>spring|summer|autumn|fall|winter)"


@dataclass(frozen=True)
class TimeRef:
    """A time phrase found in a text: where it is, and the day it resolves to."""

    text: str
    start: int
    end: int
    iso: str | None


@cache
def facts_data(name: str) -> dict[str, Any]:
    """One TOML file of ``watchfloor/data/facts``, read once."""
    return read_toml("facts", name)


def _rules() -> dict[str, Any]:
    horizon: dict[str, Any] = facts_data("estimative.toml")["horizon"]
    return horizon


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_month_day(base: date, month: int, day: int | None) -> date:
    year = base.year if month >= base.month else base.year + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last)) if day else date(year, month, last)


def _plus_months(base: date, months: int) -> date:
    index = base.month - 1 + months
    return _end_of_month(base.year + index // 12, index % 12 + 1)


def _period_end(base: date, period: str, ahead: int) -> date:
    if period == "week":
        return base + timedelta(days=6 - base.weekday() + 7 * ahead)
    if period == "month":
        return _plus_months(base, ahead)
    return date(base.year + ahead, 12, 31)


def _coming(m: re.Match[str], base: date) -> date | None:
    unit = m.group("unit").lower()
    return base + timedelta(days=int(_rules()["coming_days"][unit + "s"]))


def _within(m: re.Match[str], base: date) -> date | None:
    if m.group("of") is not None:
        return None
    num = m.group("num").lower()
    count = int(num) if num.isdigit() else _NUMBERS[num]
    unit = m.group("unit").lower()
    if unit == "month":
        return _add_months(base, count)
    if unit == "year":
        return _add_months(base, 12 * count)
    return base + timedelta(days=count * _UNITS[unit])


def _add_months(base: date, months: int) -> date:
    index = base.month - 1 + months
    year, month = base.year + index // 12, index % 12 + 1
    return date(year, month, min(base.day, calendar.monthrange(year, month)[1]))


def _next_period(m: re.Match[str], base: date) -> date | None:
    return _period_end(base, m.group("period").lower(), 1)


def _this_period(m: re.Match[str], base: date) -> date | None:
    return _period_end(base, (m.group("period") or "year").lower(), 0)


def _month_day(m: re.Match[str], base: date) -> date | None:
    month = _MONTHS[m.group("month").lower().rstrip(".")]
    day = int(m.group("day")) if m.groupdict().get("day") else None
    if day is not None and day > 31:
        return None
    if m.groupdict().get("year"):
        year = int(m.group("year"))
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(day, last)) if day else date(year, month, last)
    return _next_month_day(base, month, day)


def _year(m: re.Match[str], base: date) -> date | None:
    year = int(m.group("year"))
    return date(year, 12, 31) if year >= base.year else None


def _weekday(m: re.Match[str], base: date) -> date | None:
    ahead = (_WEEKDAYS[m.group("weekday").lower()] - base.weekday()) % 7
    if ahead == 0 and m.group(0).lower().startswith("next"):
        ahead = 7
    return base + timedelta(days=ahead)


def _weekend(m: re.Match[str], base: date) -> date | None:
    return base + timedelta(days=6 - base.weekday())


def _tomorrow(m: re.Match[str], base: date) -> date | None:
    return base + timedelta(days=1 if m.group(0).lower() == "tomorrow" else 0)


def _season(m: re.Match[str], base: date) -> date | None:
    month, day = _rules()["season_end"][m.group("season").lower()]
    year = base.year if (month, day) >= (base.month, base.day) else base.year + 1
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


Resolver = Callable[[re.Match[str], date], date | None]

# Most specific first; the first rule that matches wins.
_PATTERNS: list[tuple[str, Resolver]] = [
    (r"\b(?:in|over|during) the (?:coming|next few|next) " + _UNIT, _coming),
    (r"\b(?:in|over) the " + _UNIT + r" ahead", _coming),
    (
        r"\b(?:within(?: the next| the coming)?|in the next|in the coming|over the next) "
        + _NUM
        + r" "
        + _UNIT
        + r"(?P<of>(?= of\b))?",
        _within,
    ),
    (
        r"\b(?:by|before|until|in|at)? ?(?:the )?(?:end of |middle of )?"
        + _MONTH
        + r" "
        + _DAY
        + r"(?:,? "
        + _YEAR
        + r")?\b",
        _month_day,
    ),
    (r"\b" + _DAY + r" " + _MONTH + r"(?:,? " + _YEAR + r")?\b", _month_day),
    (r"\bnext " + _PERIOD + r"\b", _next_period),
    (
        r"\b(?:later |by the end of |before the end of |by the end of |by )?this "
        + _PERIOD
        + r"\b|\b(?:by|before) the end of the year\b|\bbefore the year is out\b"
        + r"|\bby year-end\b|\bby the end of the year\b",
        _this_period,
    ),
    (
        r"\b(?:by|before|until|in|through|from) (?:the end of |early |late |mid-)?"
        + _MONTH
        + r"(?:,? "
        + _YEAR
        + r")?\b",
        _month_day,
    ),
    (r"\b(?:by|before|until|in|through) (?:the end of )?" + _YEAR + r"\b", _year),
    (r"\bthis weekend\b", _weekend),
    (r"\b(?:next |on |this )?" + _WEEKDAY + r"\b", _weekday),
    (r"\btomorrow\b|\btoday\b|\btonight\b", _tomorrow),
    (r"\b(?:this|by|through|until|before|in) (?:the )?" + _SEASON + r"\b", _season),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _PATTERNS]


def _base(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def find_time(text: str, published: str | None) -> TimeRef | None:
    """The first (most specific) time phrase of ``text``, resolved where it can be."""
    base = _base(published)
    for pattern, resolve in _COMPILED:
        m = pattern.search(text)
        if m is None or not _plausible(m):
            continue
        end = resolve(m, base) if base else None
        phrase = m.group(0).strip()
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        return TimeRef(phrase, start, start + len(phrase), end.isoformat() if end else None)
    return None


def _plausible(m: re.Match[str]) -> bool:
    """A capitalised month or weekday name: "may" and "march" in lower case are other words."""
    for group in ("month", "weekday"):
        word = m.groupdict().get(group)
        if word and not word[0].isupper():
            return False
    return True
