"""Every backend-neutral part of the store, in one class both backends derive from.

Add a new portable mixin here (not to a backend's bases): SQLiteStore and
PostgresStore then both have it. A backend provides only the primitives of
:class:`~watchfloor.store.sql_base.SQLBase`, migrations, full-text search and ``close``.
"""

from __future__ import annotations

from watchfloor.store.sql_actors import SQLActors
from watchfloor.store.sql_alerts import SQLAlerts
from watchfloor.store.sql_articles import SQLArticles
from watchfloor.store.sql_briefs import SQLBriefMarks
from watchfloor.store.sql_export import SQLExport
from watchfloor.store.sql_facts import SQLFacts
from watchfloor.store.sql_follow import SQLFollow
from watchfloor.store.sql_languages import SQLLanguages
from watchfloor.store.sql_ledger import SQLLedger
from watchfloor.store.sql_map import SQLMap
from watchfloor.store.sql_partitions import SQLPartitions
from watchfloor.store.sql_queries import SQLQueries
from watchfloor.store.sql_rollups import SQLRollups
from watchfloor.store.sql_stories import SQLStories


class SQLStore(
    SQLArticles,
    SQLActors,
    SQLFacts,
    SQLRollups,
    SQLQueries,
    SQLStories,
    SQLExport,
    SQLLedger,
    SQLFollow,
    SQLAlerts,
    SQLBriefMarks,
    SQLLanguages,
    SQLPartitions,
    SQLMap,
):
    """The :class:`~watchfloor.store.base.Store` in portable SQL, less the backend."""

    def close(self) -> None:
        raise NotImplementedError
