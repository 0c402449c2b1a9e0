"""The ledger's service functions: what the CLI, the API, the brief and the web call.

* :func:`update_ledger` files new forecast facts and proposes resolutions from later
  reporting (run after ingestion; idempotent);
* :func:`resolve_forecast` records an analyst's resolution (it always wins);
* :func:`ledger_report` is the JSON contract of ``GET /ledger`` and ``watchfloor ledger --json``;
* :func:`resolved_since` and :func:`calibration_extremes` feed the brief.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from watchfloor.ledger import resolve
from watchfloor.ledger.forecast import from_fact
from watchfloor.ledger.report import cells_of, forecast_item, source_item
from watchfloor.store.sql_ledger import LedgerStore

log = logging.getLogger(__name__)
OUTCOMES = ("yes", "no", "void")


class LedgerError(ValueError):
    """A request the ledger cannot carry out (unknown forecast, bad outcome)."""


@dataclass
class LedgerUpdate:
    """What one :func:`update_ledger` run did."""

    filed: int = 0  # forecast facts filed as mentions
    skipped: int = 0  # forecast facts that cannot be dated
    proposed: int = 0  # new engine proposals
    resolved: int = 0  # forecasts the engine resolved in this run
    due: int = 0  # forecasts past due with nothing found


@dataclass(frozen=True)
class Ledger:
    """The contract: per-source scores and the forecasts, with their resolutions."""

    sources: list[dict[str, Any]] = field(default_factory=list)
    forecasts: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def ledger_store(store: object) -> LedgerStore:
    """``store`` as a :class:`LedgerStore`; a TypeError for a backend without the ledger."""
    if not hasattr(store, "ledger_unfiled"):
        raise TypeError(f"{type(store).__name__} has no forecast ledger")
    return cast(LedgerStore, store)


def today_iso() -> str:
    return datetime.now(UTC).date().isoformat()


def update_ledger(store: object, today: str | None = None) -> LedgerUpdate:
    """File every new forecast fact, then propose and apply resolutions for every
    forecast not yet decided. Running it twice changes nothing the second time."""
    db = ledger_store(store)
    done = LedgerUpdate()
    touched: set[str] = set()
    _file_new(db, done, touched)
    _resolve_pending(db, today or today_iso(), done, touched)
    db.ledger_refresh_sources(sorted(touched))
    return done


def _file_new(db: LedgerStore, done: LedgerUpdate, touched: set[str]) -> None:
    seen: set[int] = set()
    while rows := [r for r in db.ledger_unfiled(limit=1000) if r["fact_id"] not in seen]:
        for row in rows:
            seen.add(row["fact_id"])
            start = row["evidence_start"]
            events = (
                db.ledger_sentence_events(row["article_id"], start) if start is not None else []
            )
            forecast = from_fact(row, events)
            if forecast is None:
                log.info(
                    "forecast %s of %s: no publication day, not filed",
                    row["fact_id"],
                    row["doc_id"],
                )
                done.skipped += 1
                continue
            db.ledger_file(row["fact_id"], forecast.columns())
            touched.add(forecast.source_key)
            done.filed += 1


def _resolve_pending(db: LedgerStore, today: str, done: LedgerUpdate, touched: set[str]) -> None:
    after = 0
    while batch := db.ledger_pending(after_id=after, limit=1000):
        after = int(batch[-1]["id"])
        for forecast in batch:
            for proposal in _proposals(db, forecast):
                done.proposed += db.ledger_add_resolution(int(forecast["id"]), proposal.row())
        found: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in db.ledger_resolutions([int(f["id"]) for f in batch]):  # one read a batch
            found[int(row["forecast_id"])].append(row)
        for forecast in batch:
            if _apply(db, forecast, found[int(forecast["id"])], today, done):
                touched.add(str(forecast["source_key"]))


def _proposals(db: LedgerStore, forecast: dict[str, Any]) -> list[resolve.Proposal]:
    found: list[resolve.Proposal] = []
    fid, made = int(forecast["id"]), str(forecast["made"])
    actor = forecast["actor1_id"] if forecast["actor1_id"] is not None else forecast["actor2_id"]
    if forecast["plover"] and actor is not None:
        found += resolve.event_proposals(forecast, db.ledger_later_facts(int(actor), made, fid))
    threshold = resolve.threshold_of(str(forecast["statement"]))
    if threshold is not None and threshold.unit:
        claims = db.ledger_later_claims(threshold.unit, made, fid)
        found += resolve.claim_proposals(forecast, threshold, claims)
    return found


def _apply(
    db: LedgerStore,
    forecast: dict[str, Any],
    resolutions: list[dict[str, Any]],
    today: str,
    done: LedgerUpdate,
) -> bool:
    """Decide the forecast's status from its resolutions; True when it changed."""
    status, outcome, applied = resolve.decide(resolutions, forecast["due"], today)
    if (status, outcome) == (forecast["status"], forecast["outcome"]):
        return False
    db.ledger_set_status(int(forecast["id"]), status, outcome, applied)
    done.resolved += status == "resolved"
    done.due += status == "due"
    return True


def resolve_forecast(
    store: object,
    forecast_id: int,
    outcome: str,
    who: str,
    evidence: str | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """An analyst's resolution: ``yes``, ``no`` or ``void``, kept with who and when; it
    decides the forecast whatever the engine proposed. The forecast as the ledger lists it."""
    db = ledger_store(store)
    if outcome not in OUTCOMES:
        raise LedgerError(f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
    forecast = db.ledger_forecast(forecast_id)
    if forecast is None:
        raise LedgerError(f"no forecast {forecast_id}")
    row = {"kind": "analyst", "outcome": outcome, "doc_id": evidence or "", "confidence": 1.0,
           "who": who, "note": note or "", "evidence": note or ""}  # fmt: skip
    db.ledger_add_resolution(forecast_id, row)
    status, result, applied = resolve.decide(db.ledger_resolutions([forecast_id]), None, "")
    db.ledger_set_status(forecast_id, status, result, applied)
    db.ledger_refresh_sources([str(forecast["source_key"])])
    return _listed(db, [db.ledger_forecast(forecast_id) or forecast], today_iso())[0]


def ledger_report(
    store: object,
    source: str | None = None,
    since: str | None = None,
    status: str | None = None,
    limit: int = 50,
    forecasts: int = 50,
    today: str | None = None,
) -> Ledger:
    """Per-source scores (the ``limit`` most scored sources, or those matching ``source``)
    and the latest ``forecasts`` forecasts; ``since`` counts forecasts made on or after it."""
    db = ledger_store(store)
    when = today or today_iso()
    keys = db.ledger_source_keys(source) if source else None
    sources = _sources_since(db, since, keys, limit) if since else _sources(db, keys, limit)
    rows = db.ledger_forecasts(source_keys=keys, since=since, status=status, limit=forecasts)
    return Ledger(sources=sources, forecasts=_listed(db, rows, when))


def _sources(db: LedgerStore, keys: list[str] | None, limit: int) -> list[dict[str, Any]]:
    rows = db.ledger_source_rows(keys, limit)
    cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for cell in db.ledger_cells([r["source_key"] for r in rows]):
        cells[cell["source_key"]].append(cell)
    return [source_item(row, cells[row["source_key"]]) for row in rows]


def _sources_since(
    db: LedgerStore, since: str, keys: list[str] | None, limit: int
) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for cell in db.ledger_cells_since(since, keys):
        grouped[cell["source_key"]].append(cell)
    ranked = sorted(grouped.values(), key=_rank)[:limit]  # rank first: only these are scored
    return [source_item(cells[0], cells) for cells in ranked]


def _rank(cells: list[dict[str, Any]]) -> tuple[int, int, str]:
    """Most scored first, then most made: the order of ``ledger_sources``."""
    scored = sum(c.n for c in cells_of(cells))
    return -scored, -sum(int(c["n"]) for c in cells), str(cells[0]["source_key"])


def _listed(db: LedgerStore, rows: list[dict[str, Any]], today: str) -> list[dict[str, Any]]:
    by_forecast: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for res in db.ledger_resolutions([int(r["id"]) for r in rows]):
        by_forecast[int(res["forecast_id"])].append(res)
    return [forecast_item(row, by_forecast[int(row["id"])], today) for row in rows]


def resolved_since(store: object, since: str, limit: int = 20) -> list[dict[str, Any]]:
    """Forecasts resolved (or voided) on or after ``since``: for the brief."""
    db = ledger_store(store)
    rows = db.ledger_resolved_since(since, limit)
    return _listed(db, rows, today_iso())


def calibration_extremes(
    store: object, least: int = 5, count: int = 3
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The best and the worst calibrated sources (lowest and highest Brier score) among
    those with at least ``least`` scored forecasts: for the brief."""
    scored = [s for s in _sources(ledger_store(store), None, 1000) if s["scored"] >= least]
    ranked = sorted(scored, key=lambda s: (s["brier"], s["source_key"]))
    return ranked[:count], ranked[::-1][:count]
