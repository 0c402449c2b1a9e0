"""The follower's state in the store, in portable SQL: each source's polling record
and the entries already taken from it (see :mod:`watchfloor.follow`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from watchfloor.store.sql_base import SQLBase

Row = dict[str, Any]
SOURCE_FIELDS = frozenset(
    {
        "etag",
        "last_modified",
        "polls",
        "not_modified",
        "new_pages",
        "errors",
        "failures",
        "last_poll",
        "last_new",
        "last_error",
        "next_poll",
        "parked",
    }
)


class SQLFollow(SQLBase):
    """Mixin: the ``follow_sources`` and ``follow_seen`` tables."""

    def register_sources(self, sources: Iterable[tuple[str, str]]) -> None:
        """Add (url, kind) pairs not known yet; a known source keeps its state."""
        with self._transaction():
            self._run_many(
                "INSERT INTO follow_sources (url, kind) VALUES (?, ?)"
                " ON CONFLICT (url) DO UPDATE SET kind = excluded.kind",
                list(sources),
            )

    def follow_source(self, url: str) -> Row | None:
        return self._one("SELECT * FROM follow_sources WHERE url = ?", (url,))

    def follow_sources(self) -> list[Row]:
        """Every followed source with its health, in address order."""
        return self._all("SELECT * FROM follow_sources ORDER BY url")

    def update_source(self, url: str, fields: dict[str, Any]) -> None:
        unknown = set(fields) - SOURCE_FIELDS
        if unknown:
            raise ValueError(f"unknown source fields: {sorted(unknown)}")
        names = ", ".join(f"{name} = ?" for name in fields)
        self._run(f"UPDATE follow_sources SET {names} WHERE url = ?", [*fields.values(), url])

    def unpark_source(self, url: str) -> bool:
        return (
            self._run(
                "UPDATE follow_sources SET parked = 0, failures = 0, next_poll = 0 WHERE url = ?",
                (url,),
            )
            > 0
        )

    def seen_items(self, url: str, items: Sequence[str]) -> set[str]:
        """Which of ``items`` were already taken from the source."""
        seen: set[str] = set()
        for start in range(0, len(items), 500):
            chunk = list(items[start : start + 500])
            marks = ", ".join("?" for _ in chunk)
            rows = self._all(
                f"SELECT item FROM follow_seen WHERE source_url = ? AND item IN ({marks})",
                [url, *chunk],
            )
            seen.update(str(r["item"]) for r in rows)
        return seen

    def mark_seen(self, url: str, items: Iterable[str], when: str) -> None:
        self._run_many(
            "INSERT INTO follow_seen (source_url, item, seen_at) VALUES (?, ?, ?)"
            " ON CONFLICT (source_url, item) DO NOTHING",
            [(url, item, when) for item in items],
        )
