"""Stored times compared as times, not as text.

Publication and ingestion times are stored as the pages gave them, in ISO 8601:
a bare date (``2030-01-02``), a time with no zone, or a time with one
(``2030-01-02T10:00:00Z``, ``...+02:00``). As text these do not sort as times
("...10:00:00Z" sorts after "...10:00:00"), so a window compares
:func:`utc_text` of each: the time in UTC as ``YYYY-MM-DDTHH:MM:SS``, a time with
no zone read as UTC, and a bare date as the end of that day (a page dated only
by its day may have appeared at any time in it). Text that is no ISO time gives
NULL, and falls outside every window.
"""

from __future__ import annotations

from datetime import UTC, datetime

# No "?" in the patterns: the PostgreSQL store reads it as a placeholder.
_ISO_TIME = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+|)|)(Z|[+-]\d{2}(:\d{2}|\d{2}|)|)$"
_ZONED = r"(Z|[+-]\d{2}(:\d{2}|\d{2}|))$"
_PG_FORMAT = """'YYYY-MM-DD"T"HH24:MI:SS'"""


def utc_text(expr: str, backend: str) -> str:
    """SQL for ``expr`` (ISO text) as UTC ``YYYY-MM-DDTHH:MM:SS`` text on ``backend``."""
    bare_day = f"WHEN length({expr}) = 10 THEN {expr} || 'T23:59:59'"
    if backend == "postgres":
        return (
            f"(CASE {bare_day} WHEN {expr} !~ '{_ISO_TIME}' THEN NULL"
            f" WHEN {expr} ~ '{_ZONED}' THEN to_char(CAST({expr} AS timestamptz)"
            f" AT TIME ZONE 'UTC', {_PG_FORMAT})"
            f" ELSE to_char(CAST({expr} AS timestamp), {_PG_FORMAT}) END)"
        )
    return f"(CASE {bare_day} ELSE strftime('%Y-%m-%dT%H:%M:%S', {expr}) END)"


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC without its zone (a time with no zone is taken as UTC)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)
