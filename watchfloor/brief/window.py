"""The time window a brief covers.

The rule: a brief ends at the newest stored article, not at the wall clock,
so that a corpus of older articles (the bundled Wikinews sample runs from 2019
to 2020) still gives a useful brief. The end is the newest publication time
of any article (a publication date without a time counts as the end of that
day), or the newest ingestion time when no article has a publication date.

``--since`` then says how far back the window starts:

* ``12h``, ``1d``, ``7d``, ``2w``: that long before the end;
* an ISO date (``2020-01-01``): from that day on;
* ``all``: every stored article.

An article is in the window when its publication date (else its ingestion
time) is. Times are compared as times in UTC (``2030-01-02T10:00:00Z`` is
``2030-01-02T10:00:00``; a time with no zone is taken as UTC), and a bare date
counts as the end of its day (watchfloor/store/sql_times.py). A span covers the
end and the span before it, not its first second: ``1d`` before the end of
a day is that day alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from watchfloor.extract.dates import normalise_date
from watchfloor.store.sql_times import as_utc

_SPAN = re.compile(r"^\s*(\d{1,5})\s*([hdw])\s*$", re.IGNORECASE)
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}
_NAMES = {"h": "hour", "d": "day", "w": "week"}


@dataclass(frozen=True)
class Window:
    """From ``since`` (None: the beginning) to ``until``, both ISO text in UTC."""

    since: str | None
    until: str
    label: str


def parse_since(value: str) -> str:
    """Check a ``--since`` value; the value itself, normalised, or ValueError."""
    text = value.strip().lower()
    if text == "all" or _SPAN.match(text):
        return text
    if (iso := normalise_date(value)) is not None:
        return iso
    raise ValueError(f"not a span (12h, 1d, 7d, 2w), a date or 'all': {value!r}")


def window_for(since: str, newest_published: str | None, newest_ingested: str | None) -> Window:
    """The window that ``since`` names, ending at the newest stored article."""
    end = _end(newest_published or newest_ingested)
    until = end.isoformat(timespec="seconds")
    text = parse_since(since)
    if text == "all":
        return Window(None, until, f"all articles up to {until[:10]}")
    span = _SPAN.match(text)
    if span is None:
        day = text if len(text) <= 10 else _end(text).isoformat(timespec="seconds")
        return Window(day, until, f"from {text[:10]} to {until[:10]}")
    count, unit = int(span[1]), span[2].lower()
    start = end - timedelta(**{_UNITS[unit]: count}) + timedelta(seconds=1)
    plural = "" if count == 1 else "s"
    label = f"{count} {_NAMES[unit]}{plural} up to {until[:16].replace('T', ' ')}"
    return Window(start.isoformat(timespec="seconds"), until, label)


def _end(newest: str | None) -> datetime:
    if not newest:
        return datetime(1970, 1, 1)
    text = newest.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime(1970, 1, 1)
    if len(text) <= 10:  # a bare date: the end of that day
        moment = moment.replace(hour=23, minute=59, second=59)
    return as_utc(moment)
