"""What the backend-neutral store mixins need from a backend, and their shared helpers.

The mixins (``sql_articles``, ``sql_actors``, ``sql_facts``, ...) write portable SQL
that runs unchanged on SQLite (3.40) and PostgreSQL (15):

* ``?`` placeholders, and no literal ``%`` in the SQL text (pass LIKE patterns as
  parameters): PostgreSQL's driver uses ``%s``, and each backend translates;
* ``ON CONFLICT ... DO NOTHING / DO UPDATE`` instead of ``INSERT OR IGNORE / REPLACE``;
* ``INSERT ... RETURNING id`` through :meth:`SQLBase._insert` for new ids;
* an alias for every selected expression: rows come back as dicts keyed by column
  name (``count(*) AS n``), and lower-case aliases (PostgreSQL folds case);
* ``NULLS LAST`` / ``NULLS FIRST`` wherever NULLs can be sorted (the backends disagree);
* parameters never stand alone untyped (``? IS NULL`` fails on PostgreSQL);
* ``lower(x) LIKE lower(?)`` for case-insensitive matching (PostgreSQL's LIKE is
  case-sensitive, SQLite's is not).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

MAX_LIMIT = 10_000  # the most rows one listing returns
MAX_OFFSET = 1_000_000_000


class SQLBase:
    """The primitives a backend provides; the mixins use nothing else."""

    backend: str = ""

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Every row of a query, as dicts."""
        raise NotImplementedError

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        """The first row of a query, or None."""
        raise NotImplementedError

    def _run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; the number of rows it changed."""
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""
        raise NotImplementedError

    def _insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an ``INSERT ... RETURNING id``; the new row's id."""
        row = self._one(sql, params)
        if row is None:
            raise LookupError("the INSERT returned no id (RETURNING id missing?)")
        return int(row["id"])

    def _transaction(self) -> AbstractContextManager[Any]:
        """A ``with`` block that commits on success and rolls back on error."""
        raise NotImplementedError


def now() -> str:
    """The current UTC time as ISO 8601 text, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (use with ``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def clamp_limit(limit: int, least: int = 1) -> int:
    """A row limit within ``least .. MAX_LIMIT``, whatever the caller asked for."""
    return max(least, min(int(limit), MAX_LIMIT))


def clamp_offset(offset: int) -> int:
    return max(0, min(int(offset), MAX_OFFSET))
