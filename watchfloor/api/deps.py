"""What every route shares: the store, the API key check, paging, error bodies."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import APIKeyHeader

from watchfloor.api.pool import StorePool
from watchfloor.api.settings import ApiSettings
from watchfloor.query import MAX_PAGE, MAX_PER_PAGE, PageRequest, QueryStore, query_store

_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="The API key.")


@dataclass(frozen=True)
class ErrorBody:
    detail: str


def error(status: int, description: str) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": ErrorBody, "description": description}}


AUTH_RESPONSES = {
    **error(401, "No API key given."),
    **error(403, "Wrong API key (or none configured)."),
}
NOT_FOUND = error(404, "Not found.")


def settings_of(request: Request) -> ApiSettings:
    settings: ApiSettings = request.app.state.settings
    return settings


def require_key(request: Request, key: Annotated[str | None, Depends(_key_header)] = None) -> None:
    """401 without a key, 403 with a wrong one (or when the server has none)."""
    expected = settings_of(request).api_key
    if not key:
        raise HTTPException(401, "an X-API-Key header is required")
    if not expected or not secrets.compare_digest(key.encode(), expected.encode()):
        raise HTTPException(403, "wrong API key")


def get_store(request: Request) -> Iterator[QueryStore]:
    """A store for one request, lent by the app's pool (api/pool.py)."""
    pool: StorePool = request.app.state.stores
    with pool.store() as store:
        yield query_store(store)


def paging(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number.")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Items per page.")] = 50,
) -> PageRequest:
    return PageRequest(page, per_page)


StoreDep = Annotated[QueryStore, Depends(get_store)]
PageDep = Annotated[PageRequest, Depends(paging)]
