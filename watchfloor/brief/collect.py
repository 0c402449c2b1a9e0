"""Build a :class:`~watchfloor.brief.model.Brief` from the store.

:func:`build_brief` only reads. A brief delivered (``watchfloor brief`` once it has
written the brief out, ``POST /brief``) is then recorded by :func:`mark_brief`, so
that the next brief's "Caught by watch rules" lists only the alerts fired after it.
A preview (``watchfloor brief --no-mark``, the dashboard, ``GET /brief``) records
nothing and moves no mark (watchfloor/alerts/brief.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from watchfloor.alerts.brief import TITLE as CAUGHT
from watchfloor.alerts.brief import caught_section
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
from watchfloor.store.sql_briefs import SQLBriefMarks
from watchfloor.store.sql_languages import SQLLanguages
from watchfloor.store.sql_stories import SQLStories
from watchfloor.stories.filing import backend

Finder = Callable[[SQLStories, str | None, str, int], list[Item]]
NO_FINDER: Finder | None = None  # a section built apart (the alerts: since the last brief)


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
SECTIONS: tuple[tuple[str, str, Finder | None, str], ...] = (
    ("Top events", "No events were reported in this window.", top_events, "events"),
    ("Key quotes", "No attributed quotes in this window.", key_quotes, "quotes"),
    ("New numeric claims", "No numeric claims in this window.", numeric_claims, "claims"),
    ("Forecasts made", "No forecasts were made in this window.", forecasts_made, "forecasts"),
    ("Forecasts falling due", "No forecast falls due in this window.", forecasts_due, "due"),
    ("Watch items", "Nothing flagged to watch in this window.", watch_items, "watch"),
    (CAUGHT, "", NO_FINDER, "alerts"),
    ("Forecasts resolved", "No forecast was settled in this window.", forecasts_resolved, "ledger"),
    (
        "Best and worst calibrated",
        "No source has 5 scored forecasts yet.",
        calibrated_sources,
        "ledger",
    ),
)


def build_brief(
    store: Store | SQLStories,
    since: str = "1d",
    limits: Limits | None = None,
) -> Brief:
    """The brief of the window ``since`` names (see :mod:`watchfloor.brief.window`), its
    alerts those fired since the last brief recorded (:func:`mark_brief`)."""
    db = backend(store)
    limits = limits or Limits()
    newest = db.newest_article_times()
    window = window_for(since, newest["published"], newest["ingested"])
    counts = db.window_counts(window.since, window.until)
    marks = db if isinstance(db, SQLBriefMarks) else None
    last, up_to = (marks.last_brief_mark(), marks.newest_alert_id()) if marks else (None, 0)
    sections = tuple(
        caught_section(db, window, limits.alerts, last, up_to)
        if find is None
        else Section(
            title, empty, tuple(find(db, window.since, window.until, getattr(limits, key)))
        )
        for title, empty, find, key in SECTIONS
    )
    return Brief(
        window=window,
        articles=int(counts.get("articles") or 0),
        stories=int(counts.get("stories") or 0),
        events=int(counts.get("events") or 0),
        sections=sections,
        not_analysed=_not_analysed(db, window),
        alerts_up_to=up_to,
    )


def mark_brief(store: Store | SQLStories, brief: Brief) -> str | None:
    """Record ``brief`` as delivered: the next brief lists the alerts fired after the
    ones it read. When it was produced (UTC), or None for a store that keeps no marks."""
    db = backend(store)
    if not isinstance(db, SQLBriefMarks):
        return None
    return str(db.mark_brief(brief.window.label, brief.alerts_up_to)["produced_at"])


def _not_analysed(db: SQLStories, window: Window) -> tuple[tuple[str, int], ...]:
    """The window's articles in languages that were stored but not analysed."""
    if not isinstance(db, SQLLanguages):
        return ()
    return tuple(not_analysed(dict(db.language_counts(window.since, window.until))).items())


__all__ = ["Brief", "Limits", "Window", "build_brief", "mark_brief"]
