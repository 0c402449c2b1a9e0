"""The query service: what the CLI and the REST API ask of the store.

Every function takes a :class:`~watchfloor.store.sql_queries.QueryStore`
(see :func:`query_store`) and returns typed results from
:mod:`watchfloor.query.results`; every fact, event, quote and claim carries
its evidence sentence and the article (doc_id, url, title) it was read in.
Lists come in :class:`Page` objects.
"""

from __future__ import annotations

from typing import cast

from watchfloor.query.actors import actor_profile, dyad, find_actor, list_actors
from watchfloor.query.articles import article_detail, search_articles
from watchfloor.query.facts import (
    MODALITIES,
    ForecastStatus,
    list_claims,
    list_events,
    list_forecasts,
    list_quotes,
    list_watch,
)
from watchfloor.query.pagination import (
    MAX_PAGE,
    MAX_PER_PAGE,
    Page,
    PageRequest,
    QueryError,
)
from watchfloor.store.base import Store
from watchfloor.store.sql_queries import QueryStore, SQLQueries

__all__ = [
    "MAX_PAGE",
    "MAX_PER_PAGE",
    "MODALITIES",
    "ForecastStatus",
    "Page",
    "PageRequest",
    "QueryError",
    "QueryStore",
    "actor_profile",
    "article_detail",
    "dyad",
    "find_actor",
    "list_actors",
    "list_claims",
    "list_events",
    "list_forecasts",
    "list_quotes",
    "list_watch",
    "query_store",
    "search_articles",
]


def query_store(store: Store) -> QueryStore:
    """``store`` as a :class:`QueryStore`; a TypeError for a backend without the queries."""
    if not isinstance(store, SQLQueries):
        raise TypeError(f"{type(store).__name__} does not implement the read queries")
    return cast(QueryStore, store)
