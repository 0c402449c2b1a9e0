"""The health of followed sources, as ``watchfloor sources`` and ``GET /sources`` show it."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from watchfloor.store.sql_store import SQLStore

FIELDS = (
    "url",
    "kind",
    "last_poll",
    "last_new",
    "polls",
    "not_modified",
    "new_pages",
    "errors",
    "failures",
    "last_error",
)


def source_health(store: SQLStore) -> list[dict[str, Any]]:
    """Each source with its state: ok, failing (backing off) or parked, and its next poll."""
    moment = time.time()
    out = []
    for row in store.follow_sources():
        state = "parked" if row["parked"] else "failing" if row["failures"] else "ok"
        next_poll = None
        if not row["parked"] and row["next_poll"]:
            stamp = max(float(row["next_poll"]), moment)
            next_poll = datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")
        out.append({**{k: row[k] for k in FIELDS}, "state": state, "next_poll": next_poll})
    return out
