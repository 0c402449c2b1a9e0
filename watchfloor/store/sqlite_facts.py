"""Where the facts half of the store used to live; kept so old imports still work.

The facts mixin is backend-neutral now: :mod:`watchfloor.store.sql_facts`.
"""

from __future__ import annotations

from watchfloor.store.sql_facts import SECTIONS, FactRow, SQLFacts

SQLiteFacts = SQLFacts

__all__ = ["SECTIONS", "FactRow", "SQLiteFacts"]
