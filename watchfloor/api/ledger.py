"""The forecast ledger's routes: ``GET /ledger`` and ``POST /forecasts/{id}/resolution``.

Thin layers over :mod:`watchfloor.ledger.service`; the JSON of ``GET /ledger`` is the
same as ``watchfloor ledger --json``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from watchfloor.api.deps import AUTH_RESPONSES, NOT_FOUND, error, require_key
from watchfloor.api.pool import StorePool
from watchfloor.api.read import Day, IsoDate
from watchfloor.ledger.service import Ledger, LedgerError, ledger_report, resolve_forecast

writes = APIRouter(tags=["ledger"])
reads = APIRouter(tags=["ledger"])  # behind the key where the server says so


def _store(request: Request) -> Iterator[object]:
    pool: StorePool = request.app.state.stores
    with pool.store() as store:
        yield store


LedgerDep = Annotated[object, Depends(_store)]


class Resolution(BaseModel):
    """An analyst's resolution of one forecast."""

    outcome: Literal["yes", "no", "void"]
    evidence: str | None = Field(None, max_length=300, description="The settling article's doc id.")
    note: str | None = Field(None, max_length=2000)
    analyst: str | None = Field(None, max_length=200, description="Who resolves it.")


@reads.get("/ledger")
def ledger(
    store: LedgerDep,
    source: Annotated[str | None, Query(max_length=200, description="Name or key.")] = None,
    since: Day = None,
    status: Literal["open", "due", "resolved", "void"] | None = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Sources listed.")] = 50,
    forecasts: Annotated[int, Query(ge=1, le=1000, description="Forecasts listed.")] = 50,
    as_of: Annotated[IsoDate | None, Query(description="The day that counts as today.")] = None,
) -> Ledger:
    """Forecasts per source (made, resolved, open), Brier score with a bootstrap interval,
    the calibration table, and the latest forecasts with their resolutions."""
    return ledger_report(
        store,
        source=source,
        since=since.isoformat() if since else None,
        status=status,
        limit=limit,
        forecasts=forecasts,
        today=as_of.isoformat() if as_of else None,
    )


@writes.post(
    "/forecasts/{forecast_id}/resolution",
    dependencies=[Depends(require_key)],
    responses={**AUTH_RESPONSES, **NOT_FOUND, **error(400, "A body that is not JSON.")},
)
def resolution(
    store: LedgerDep,
    body: Resolution,
    forecast_id: Annotated[int, Path(ge=1, le=2**62)],
) -> dict[str, Any]:
    """Resolve a forecast by hand (yes, no or void); it wins over the engine's resolution
    and is kept with who made it and when."""
    try:
        return resolve_forecast(
            store, forecast_id, body.outcome, body.analyst or "api", body.evidence, body.note
        )
    except LedgerError as exc:
        raise HTTPException(404, str(exc)) from exc
