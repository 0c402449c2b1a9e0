"""Annotated document -> facts: events, quotes, claims, forecasts, watch items.

Each section has one finder, a plain function ``FactContext -> list[Fact]``,
listed here in one table; :func:`find_facts` runs them all. A finder that
fails on one article is logged and yields nothing for it, so one bad sentence
never costs the rest of the article its facts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from watchfloor.facts.context import Fact, FactContext

log = logging.getLogger(__name__)

FactFinder = Callable[[FactContext], list[Fact]]


def _finders() -> dict[str, FactFinder]:
    from watchfloor.facts import claims, events, forecasts, quotes, watch

    return {
        "events": events.find_events,
        "quotes": quotes.find_quotes,
        "claims": claims.find_claims,
        "forecasts": forecasts.find_forecasts,
        "watch_items": watch.find_watch_items,
    }


def find_facts(context: FactContext) -> dict[str, list[Fact]]:
    """Every section's facts for one article."""
    found: dict[str, list[Fact]] = {}
    for section, finder in _finders().items():
        try:
            found[section] = finder(context)
        except Exception:
            log.exception("%s finder failed on %s", section, context.article.doc_id)
            found[section] = []
    _place_events(context, found.get("events", []))
    return found


def _place_events(context: FactContext, events: list[Fact]) -> None:
    """Each event's location resolved in the GeoNames gazetteer (watchfloor.places)."""
    from watchfloor.places.events import place_event

    ents = context.doc.token_table.ents
    for event in events:
        place_event(event, ents)


__all__ = ["Fact", "FactContext", "FactFinder", "find_facts"]
