"""How many stored articles each language has, in portable SQL for every backend."""

from __future__ import annotations

from watchfloor.languages import UNKNOWN
from watchfloor.store.sql_base import SQLBase

_WHEN = "coalesce(a.published, a.ingested_at)"


class SQLLanguages(SQLBase):
    """Mixin: article counts by detected language."""

    def language_counts(self, since: str | None = None, until: str | None = None) -> dict[str, int]:
        """Stored articles by language, of those published (or, undated, ingested) from
        ``since`` to ``until`` (ISO text, compared as text; ``until`` takes in the whole
        of a day it names); every article when both are None."""
        where: list[str] = []
        params: list[str] = []
        if since:
            where.append(f"{_WHEN} >= ?")
            params.append(since)
        if until:
            where.append(f"substr({_WHEN}, 1, {len(until)}) <= ?")
            params.append(until)
        condition = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._all(
            f"SELECT a.language AS language, count(*) AS n FROM articles a{condition}"
            " GROUP BY a.language",
            params,
        )
        counts: dict[str, int] = {}
        for row in rows:
            key = str(row["language"] or UNKNOWN)
            counts[key] = counts.get(key, 0) + int(row["n"])
        return counts
