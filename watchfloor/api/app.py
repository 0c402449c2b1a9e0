"""The FastAPI application: read routes, ingestion, health, and error handling."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from watchfloor import __version__
from watchfloor.api import alerts, brief, ingest, ledger, read
from watchfloor.api.deps import AUTH_RESPONSES, StoreDep, require_key
from watchfloor.api.pool import StorePool
from watchfloor.api.settings import ApiSettings
from watchfloor.query import QueryError
from watchfloor.web import add_dashboard


@dataclass(frozen=True)
class Health:
    status: str
    version: str
    backend: str
    schema_version: int
    counts: dict[str, int]


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """The API over the store named in ``settings`` (by default: from the environment)."""
    settings = settings or ApiSettings.from_env()
    app = FastAPI(
        lifespan=_lifespan,
        title="watchfloor",
        version=__version__,
        description=(
            "News intelligence from a local store: articles, actors, events, quotes, claims,"
            " forecasts and watch items, each tied to its evidence sentence and article."
            " Lists are paginated (page, per_page; the answer gives total or next_page)."
        ),
    )
    app.state.settings = settings
    app.state.stores = StorePool(settings.database)
    guarded = settings.read_access == "key"
    app.include_router(
        read.router,
        dependencies=[Depends(require_key)] if guarded else [],
        responses=AUTH_RESPONSES if guarded else {},
    )
    app.include_router(
        ledger.reads,
        dependencies=[Depends(require_key)] if guarded else [],
        responses=AUTH_RESPONSES if guarded else {},
    )
    app.include_router(ledger.writes)
    app.include_router(ingest.router)
    app.include_router(
        alerts.read_router,
        dependencies=[Depends(require_key)] if guarded else [],
        responses=AUTH_RESPONSES if guarded else {},
    )
    app.include_router(alerts.write_router)
    app.include_router(
        brief.read_router,
        dependencies=[Depends(require_key)] if guarded else [],
        responses=AUTH_RESPONSES if guarded else {},
    )
    app.include_router(brief.write_router)
    app.add_exception_handler(QueryError, _query_error)
    app.get("/health", tags=["health"])(_health)
    add_dashboard(app)  # the pages at / (watchfloor/web)
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.stores.close()  # the stores kept between requests


def _health(store: StoreDep) -> Health:
    """The server is up and its store answers."""
    return Health(
        status="ok",
        version=__version__,
        backend=str(getattr(store, "backend", "")),
        schema_version=store.schema_version(),
        counts=store.counts(),
    )


async def _query_error(request: Request, exc: Exception) -> JSONResponse:
    """A query the schema let through but the service cannot answer: 422, as FastAPI words it."""
    detail = [{"loc": ["query"], "msg": str(exc), "type": "value_error"}]
    return JSONResponse({"detail": detail}, status_code=422)
