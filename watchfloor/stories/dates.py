"""ISO dates of any precision ("2019", "2019-03", "2019-03-28T10:00") as day intervals."""

from __future__ import annotations

import calendar
import re
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def interval(text: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO date (a year, a month or a day) stands for."""
    match = _ISO.match(text or "")
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last)
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None


def day_of(text: str | None) -> date | None:
    """The day of an ISO date or timestamp; None unless it names a day."""
    found = interval(text)
    return found[0] if found and found[0] == found[1] else None


def end_of_day(iso_day: str) -> str:
    """An upper bound, compared as text, for every timestamp on that day."""
    return iso_day[:10] + "T99"
