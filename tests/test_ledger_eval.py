"""The ledger end to end on the held-out evaluation series (tests/fixtures/ledger_eval):
articles are ingested and analysed for real, the ledger files their forecasts and
resolves them from the later articles, and the resolutions are compared with the
outcomes marked by hand (issue 14's targets). Then the series is ingested again, and
nothing is filed twice. On each backend."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from watchfloor.ledger.evaluate import read_outcomes, score_resolutions
from watchfloor.service import ingest
from watchfloor.store import Store

SERIES = Path(__file__).parent / "fixtures" / "ledger_eval"
TODAY = "2026-12-07"


def _counts(store: Store) -> tuple[int, ...]:
    db: Any = store
    tables = ("ledger_forecasts", "ledger_mentions", "ledger_resolutions", "facts")
    return tuple(int(db._one(f"SELECT count(*) AS n FROM {t}")["n"]) for t in tables)


def test_resolutions_reach_the_targets_and_reingest_files_nothing_twice(
    any_store: Store,
) -> None:
    marked = read_outcomes(SERIES / "outcomes.toml")
    assert len(marked) >= 30 and sum(m["outcome"] != "open" for m in marked) >= 20
    summary = ingest(any_store, [str(SERIES)])
    assert summary.analysed == len(list(SERIES.glob("*.json")))
    scores = score_resolutions(any_store, marked, today=TODAY)
    assert scores.found == len(marked), scores.errors
    assert scores.precision >= 0.9, scores.errors
    assert scores.recall >= 0.6, scores.errors
    assert scores.automatic_precision >= 0.97, scores.errors
    assert scores.automatic >= 10  # most settled forecasts resolve without an analyst
    before = _counts(any_store)
    again = ingest(any_store, [str(SERIES)])
    assert again.ingested == 0
    assert _counts(any_store) == before
