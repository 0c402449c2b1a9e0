"""Events by country, for the dashboard's map, in portable SQL.

A function over any SQL store (not yet a store method: the lead folds it into
:class:`~watchfloor.store.sql_store.SQLStore` at integration). An event counts for
a country when its source or its target is an actor of that country, as the
``country`` filter of :class:`~watchfloor.store.fact_query.FactQuery` reads it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from watchfloor.store.fact_query import EVENT_KEY, FactQuery, plan_of
from watchfloor.store.sql_base import SQLBase


def event_countries(store: SQLBase, q: FactQuery) -> list[dict[str, Any]]:
    """``country`` (alpha-3, upper case) and ``n`` distinct events of ``q`` per country."""
    plan = plan_of(replace(q, section="events", country=None))
    sides = " UNION ALL ".join(
        f"SELECT upper(c.country) AS country, {EVENT_KEY} AS event_key"
        f"{plan.from_(columns=False, facts=True)} JOIN actors c ON c.id = f.{side}_actor_id"
        f" WHERE {plan.where} AND c.country IS NOT NULL AND c.country <> ''"
        for side in ("source", "target")
    )
    sql = (
        f"SELECT country, count(DISTINCT event_key) AS n FROM ({sides}) sides"
        " GROUP BY country ORDER BY n DESC, country"
    )
    return store._all(sql, [*plan.params, *plan.params])


def facts_version(store: SQLBase) -> int:
    """The newest fact's id: it changes whenever facts are filed (re-analysis files anew)."""
    row = store._one("SELECT max(id) AS n FROM facts")
    return int(row["n"] or 0) if row else 0
