"""Following sources: a long-lived poller of feeds, sitemaps and pages (see :mod:`.runner`)."""

from __future__ import annotations

import re

from watchfloor.store.base import Store
from watchfloor.store.sql_store import SQLStore

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in '90', '90s', '15m', '2h' or '1d'; ValueError for anything else."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"not a duration: {text!r} (use e.g. 30s, 15m, 2h)")
    seconds = float(match[1]) * _UNIT[match[2].lower()]
    if seconds <= 0:
        raise ValueError("a duration must be above zero")
    return seconds


def follow_backend(store: Store | SQLStore) -> SQLStore:
    """The store as the keeper of sources, rules and alerts (every SQL store is)."""
    if isinstance(store, SQLStore):
        return store
    raise TypeError(f"{type(store).__name__} keeps no followed sources")
