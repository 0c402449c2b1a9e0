"""Build a :class:`~watchfloor.brief.model.Brief` from the store: pure reads, no writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from watchfloor.alerts.brief import rule_alerts
from watchfloor.brief.events import top_events
from watchfloor.brief.model import Brief, Item, Section
from watchfloor.brief.statements import (
    forecasts_due,
    forecasts_made,
    key_quotes,
    numeric_claims,
    watch_items,
)
from watchfloor.brief.window import Window, window_for
from watchfloor.languages import not_analysed
from watchfloor.ledger.brief import calibrated_sources, forecasts_resolved
from watchfloor.store.base import Store
from watchfloor.store.sql_languages import SQLLanguages
from watchfloor.store.sql_stories import SQLStories
from watchfloor.stories.filing import backend

Finder = Callable[[SQLStories, str | None, str, int], list[Item]]


@dataclass(frozen=True)
class Limits:
    """How many items each section shows."""

    events: int = 10
    quotes: int = 8
    claims: int = 8
    forecasts: int = 8
    due: int = 8
    watch: int = 8
    alerts: int = 20
    ledger: int = 8


# (title, what an empty section says, finder, limit field), in the brief's order.
SECTIONS: tuple[tuple[str, str, Finder, str], ...] = (
    ("Top events", "No events were reported in this window.", top_events, "events"),
    ("Key quotes", "No attributed quotes in this window.", key_quotes, "quotes"),
    ("New numeric claims", "No numeric claims in this window.", numeric_claims, "claims"),
    ("Forecasts made", "No forecasts were made in this window.", forecasts_made, "forecasts"),
    ("Forecasts falling due", "No forecast falls due in this window.", forecasts_due, "due"),
    ("Watch items", "Nothing flagged to watch in this window.", watch_items, "watch"),
    ("Caught by watch rules", "No watch rule fired in this window.", rule_alerts, "alerts"),
    ("Forecasts resolved", "No forecast was settled in this window.", forecasts_resolved, "ledger"),
    (
        "Best and worst calibrated",
        "No source has 5 scored forecasts yet.",
        calibrated_sources,
        "ledger",
    ),
)


def build_brief(
    store: Store | SQLStories, since: str = "1d", limits: Limits | None = None
) -> Brief:
    """The brief of the window ``since`` names (see :mod:`watchfloor.brief.window`)."""
    db = backend(store)
    limits = limits or Limits()
    newest = db.newest_article_times()
    window = window_for(since, newest["published"], newest["ingested"])
    counts = db.window_counts(window.since, window.until)
    sections = tuple(
        Section(title, empty, tuple(find(db, window.since, window.until, getattr(limits, key))))
        for title, empty, find, key in SECTIONS
    )
    return Brief(
        window=window,
        articles=int(counts.get("articles") or 0),
        stories=int(counts.get("stories") or 0),
        events=int(counts.get("events") or 0),
        sections=sections,
        not_analysed=_not_analysed(db, window),
    )


def _not_analysed(db: SQLStories, window: Window) -> tuple[tuple[str, int], ...]:
    """The window's articles in languages that were stored but not analysed."""
    if not isinstance(db, SQLLanguages):
        return ()
    return tuple(not_analysed(dict(db.language_counts(window.since, window.until))).items())


__all__ = ["Brief", "Limits", "Window", "build_brief"]
