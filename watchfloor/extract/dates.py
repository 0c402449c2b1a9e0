"""Publication dates to ISO 8601.

A date with a time and a zone stays timezone-aware (``2024-10-29T14:05:00+00:00``);
a bare date stays a bare date (``2024-10-29``). Anything unparseable is ``None``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

import dateparser

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["year", "month"],
    "PARSERS": ["timestamp", "absolute-time", "custom-formats"],
}


@lru_cache(maxsize=4096)
def normalise_date(value: str | None, language: str | None = None) -> str | None:
    """Return ``value`` as an ISO date or datetime string, or ``None``.

    Month and day names are read in English and, when given, in the article's
    ``language`` ("24. Juni 2025", "24 juin 2025").
    """
    if not value:
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    if _ISO_DATE.match(text):
        return _valid_date(text)
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()  # RFC 822, as feeds write dates
    except (TypeError, ValueError, IndexError):
        pass
    parsed: datetime | None = dateparser.parse(
        text, languages=_languages(language), settings=_SETTINGS
    )
    if parsed is None or not 1900 <= parsed.year <= 2100:
        return None
    if _HAS_TIME.search(text):
        return str(parsed.isoformat())
    return str(parsed.date().isoformat())


def _languages(language: str | None) -> list[str]:
    """English, plus the article's language where dateparser knows it."""
    if not language or language == "en" or language not in _dateparser_languages():
        return ["en"]
    return [language, "en"]


@lru_cache(maxsize=1)
def _dateparser_languages() -> frozenset[str]:
    from dateparser.languages.loader import default_loader

    return frozenset(default_loader.get_locale_map())


def _valid_date(text: str) -> str | None:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def date_part(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of an ISO date or datetime."""
    return value[:10] if value else None
