"""When each brief was produced (migration 0016), and the alerts fired after one.

A brief lists what the watch rules caught since the last brief (watchfloor/brief):
it reads the last mark, lists the alerts fired after it, and, unless it is a
preview, records a new mark. A mark holds the highest alert id when the brief was
read and the time just after: an alert is new to the next brief when its id is
higher, or when it was created in a later second (SQLite gives the highest id again
once the alert that held it is gone with its rule).
"""

from __future__ import annotations

from typing import Any

from watchfloor.store.sql_alerts import _ALERT
from watchfloor.store.sql_base import SQLBase, clamp_limit, now

Row = dict[str, Any]


class SQLBriefMarks(SQLBase):
    """Mixin: the ``brief_marks`` table."""

    def last_brief_mark(self) -> Row | None:
        """The newest mark (id, produced_at, last_alert, since), or None before the first."""
        return self._one(
            "SELECT id, produced_at, last_alert, since FROM brief_marks ORDER BY id DESC LIMIT 1"
        )

    def newest_alert_id(self) -> int:
        row = self._one("SELECT max(id) AS id FROM alerts")
        return int(row["id"] or 0) if row else 0

    def mark_brief(self, since: str, last_alert: int) -> Row:
        """Record a brief that listed the alerts up to id ``last_alert``; the new mark."""
        with self._transaction():
            mark_id = self._insert(
                "INSERT INTO brief_marks (produced_at, last_alert, since) VALUES (?, ?, ?)"
                " RETURNING id",
                (now(), int(last_alert), since),
            )
        row = self._one(
            "SELECT id, produced_at, last_alert, since FROM brief_marks WHERE id = ?", (mark_id,)
        )
        assert row is not None
        return row

    def alerts_after_mark(self, mark: Row, up_to: int, limit: int = 100) -> list[Row]:
        """Alerts fired after ``mark`` and up to alert id ``up_to``, by rule, newest first."""
        return self._all(
            f"{_ALERT} WHERE al.id <= ? AND (al.id > ? OR al.created_at > ?)"
            " ORDER BY r.name, al.created_at DESC, al.id DESC LIMIT ?",
            (int(up_to), int(mark["last_alert"]), str(mark["produced_at"]), clamp_limit(limit)),
        )
