"""The brief's ledger sections: forecasts resolved in the window, and the best and the
worst calibrated sources (finders of :data:`watchfloor.brief.collect.SECTIONS`)."""

from __future__ import annotations

from typing import Any

from watchfloor.brief.model import Item, Link
from watchfloor.ledger.service import calibration_extremes, ledger_store
from watchfloor.stories.text import shorten

CANDIDATES = 500
LEAST_SCORED = 5  # a source is ranked once it has this many scored forecasts


def forecasts_resolved(db: object, since: str | None, until: str, limit: int) -> list[Item]:
    """Forecasts settled in the window (by the publication of the article that settled
    them, else by when an analyst resolved them), latest first."""
    if not hasattr(db, "ledger_decided"):
        return []
    store = ledger_store(db)
    rows = [r for r in store.ledger_decided(CANDIDATES) if _in(r["settled_at"], since, until)]
    rows = rows[:limit]
    wanted = [d for r in rows for d in (r["doc_id"], r["settled_doc"]) if d]
    articles = {a["doc_id"]: Link.of(a) for a in store.ledger_articles(wanted)}
    return [_resolved_item(r, articles) for r in rows]


def _resolved_item(row: dict[str, Any], articles: dict[str, Link]) -> Item:
    outcome = (row["outcome"] or "void").upper()
    chance = "no stated chance" if row["p"] is None else f"p {float(row['p']):.2f}"
    by = "an analyst" + (f" ({row['who']})" if row["who"] else "")
    if row["resolved_kind"] == "engine":
        by = f"later reporting (confidence {float(row['confidence']):.2f})"
    note = f"{row['source']}, {chance}, made {row['made']}, due {row['due']}; settled by {by}"
    links = tuple(articles[d] for d in (row["doc_id"], row["settled_doc"]) if d in articles)
    return Item(outcome, shorten(str(row["statement"]), 240), note, links)


def calibrated_sources(db: object, since: str | None, until: str, limit: int) -> list[Item]:
    """The best and the worst calibrated sources over all their resolved forecasts
    (lowest and highest Brier score; at least LEAST_SCORED scored forecasts)."""
    if not hasattr(db, "ledger_decided"):
        return []
    best, worst = calibration_extremes(db, least=LEAST_SCORED, count=max(1, limit // 2))
    named = {s["source_key"] for s in best}
    items = [_source_item("best", s) for s in best]
    items += [_source_item("worst", s) for s in worst if s["source_key"] not in named]
    return items


def _source_item(label: str, source: dict[str, Any]) -> Item:
    text = (
        f"{source['source']}: Brier {source['brier']:.3f}"
        f" ({source['brier_low']:.3f}-{source['brier_high']:.3f})"
        f" over {source['scored']} scored forecasts"
    )
    return Item(label, text, str(source["verdict"]), ())


def _in(day: Any, since: str | None, until: str) -> bool:
    text = str(day or "")
    return (
        bool(text) and (since is None or text >= since[: len(text)]) and text[: len(until)] <= until
    )
