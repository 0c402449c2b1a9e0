"""The ledger of a cluster ingest's finished partitions (migration 0013), in portable SQL."""

from __future__ import annotations

from collections.abc import Sequence

from watchfloor.store.sql_base import SQLBase, now

_KEYS_PER_QUERY = 500


class SQLPartitions(SQLBase):
    """Mixin: which partitions of a cluster ingest are filed (``watchfloor.scale``)."""

    def finished_partitions(self, keys: Sequence[str]) -> set[str]:
        """Those of ``keys`` whose pages are all filed."""
        found: set[str] = set()
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = list(keys[start : start + _KEYS_PER_QUERY])
            marks = ", ".join("?" for _ in chunk)
            rows = self._all(f"SELECT key FROM ingest_partitions WHERE key IN ({marks})", chunk)
            found.update(str(row["key"]) for row in rows)
        return found

    def finish_partition(
        self, key: str, pages: int, articles: int, seconds: float, worker: str = ""
    ) -> None:
        """Record a partition as filed; recording it again changes nothing."""
        self._run(
            "INSERT INTO ingest_partitions (key, pages, articles, seconds, worker, finished_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
            (key, pages, articles, float(seconds), worker, now()),
        )

    def forget_partitions(self, prefix: str = "") -> int:
        """Drop the ledger's entries whose key starts with ``prefix`` (all by default), so
        that the next run reads those partitions again; the number dropped."""
        return self._run(
            "DELETE FROM ingest_partitions WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
        )
