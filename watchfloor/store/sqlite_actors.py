"""Where the actor registry half of the store used to live; kept so old imports still work.

The registry mixin is backend-neutral now: :mod:`watchfloor.store.sql_actors`.
"""

from __future__ import annotations

from watchfloor.store.sql_actors import SQLActors

SQLiteActors = SQLActors

__all__ = ["SQLiteActors"]
