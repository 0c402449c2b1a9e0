"""Followed sources, watch rules and alerts over HTTP: JSON, and Atom feeds of alerts.

Reads follow the server's read access; writing a rule needs the API key.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, Field

from watchfloor.alerts.atom import FEED_ID, alerts_atom
from watchfloor.alerts.rules import RuleError, add_rule, list_rules, new_rule
from watchfloor.alerts.webhook import SECRET_ENV
from watchfloor.api.deps import AUTH_RESPONSES, NOT_FOUND, error, require_key
from watchfloor.api.pool import StorePool
from watchfloor.follow import follow_backend
from watchfloor.follow.status import source_health
from watchfloor.store.sql_facts import SECTIONS
from watchfloor.store.sql_store import SQLStore

read_router = APIRouter(tags=["alerts"])
write_router = APIRouter(tags=["alerts"])
ATOM = "application/atom+xml"
ATOM_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {ATOM: {"schema": {"type": "string"}}}, "description": "An Atom 1.0 feed."}
}
RuleName = Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[^/]+$")]
Since = Annotated[
    str | None, Query(max_length=40, description="Fired or updated on or after (ISO).")
]
Limit = Annotated[int, Query(ge=1, le=1000)]


def _keeper(request: Request) -> Iterator[SQLStore]:
    pool: StorePool = request.app.state.stores
    with pool.store() as store:
        yield follow_backend(store)


Keeper = Annotated[SQLStore, Depends(_keeper)]


@dataclass(frozen=True)
class SourceHealth:
    url: str
    kind: str
    state: str  # ok, failing or parked
    last_poll: str | None
    last_new: str | None
    next_poll: str | None
    polls: int
    not_modified: int
    new_pages: int
    errors: int
    failures: int
    last_error: str | None


class RuleIn(BaseModel):
    """A new watch rule; at least one of actor, with_actor, types, country, keyword."""

    name: str = Field(min_length=1, max_length=100, pattern=r"^[^/]+$")
    section: str = Field("events", pattern="^(" + "|".join(SECTIONS) + ")$")
    actor: str | None = Field(None, max_length=200)
    with_actor: str | None = Field(None, max_length=200)
    types: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=20)
    country: str | None = Field(None, pattern="^[A-Za-z]{3}$")
    keyword: str | None = Field(None, max_length=200)
    min_sources: int = Field(1, ge=1, le=1000)
    claim_above: float | None = None
    webhook: str | None = Field(None, max_length=2000, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$")
    webhook_secret: str | None = Field(None, min_length=8, max_length=200)


@dataclass(frozen=True)
class RuleOut:
    name: str
    section: str
    actor: str | None
    with_actor: str | None
    types: list[str]
    country: str | None
    keyword: str | None
    min_sources: int
    claim_above: float | None
    webhook: str | None
    webhook_secret_set: bool
    created_at: str


@dataclass(frozen=True)
class AlertOut:
    key: str  # the idempotency key (the webhook's X-Watchfloor-Delivery)
    rule: str
    title: str
    source_count: int
    created_at: str
    updated_at: str
    delivery: str | None  # pending, sent or dead; None without a webhook
    payload: dict[str, Any]


def _rule_out(rule: dict[str, Any]) -> RuleOut:
    return RuleOut(**{k: rule[k] for k in RuleOut.__dataclass_fields__})


@read_router.get("/sources")
def sources(store: Keeper) -> list[SourceHealth]:
    """Every followed source: state, last poll, last new article, errors."""
    return [
        SourceHealth(**{k: r[k] for k in SourceHealth.__dataclass_fields__})
        for r in source_health(store)
    ]


@read_router.get("/rules")
def rules(store: Keeper) -> list[RuleOut]:
    """The watch rules (webhook secrets are never shown)."""
    return [_rule_out(r) for r in list_rules(store)]


@read_router.get("/alerts")
def alerts(
    store: Keeper, rule: Annotated[str | None, Query(max_length=100)] = None,
    since: Since = None, limit: Limit = 100,
) -> list[AlertOut]:  # fmt: skip
    """What the rules fired, newest first, each with its fact, evidence and links."""
    return [
        AlertOut(
            **{k: row[k] for k in AlertOut.__dataclass_fields__ if k != "payload"},
            payload=json.loads(row["payload"]),
        )
        for row in store.list_alerts(rule, since, limit)
    ]


@read_router.get("/alerts.atom", response_class=Response, responses=ATOM_RESPONSE)
def alerts_feed(request: Request, store: Keeper, limit: Limit = 100) -> Response:
    """Every rule's alerts as one Atom 1.0 feed."""
    body = alerts_atom(
        store.list_alerts(None, None, limit), "watchfloor alerts", str(request.url), FEED_ID
    )
    return Response(body, media_type=ATOM)


@read_router.get(
    "/rules/{name}/alerts.atom",
    response_class=Response,
    responses={**ATOM_RESPONSE, **NOT_FOUND},
)
def rule_feed(request: Request, store: Keeper, name: RuleName, limit: Limit = 100) -> Response:
    """One rule's alerts as an Atom 1.0 feed."""
    if store.watch_rule(name) is None:
        raise HTTPException(404, f"no rule named {name!r}")
    rows = store.list_alerts(name, None, limit)
    feed_id = f"{FEED_ID}:rule:{name}"
    return Response(
        alerts_atom(rows, f"watchfloor alerts: {name}", str(request.url), feed_id), media_type=ATOM
    )


@write_router.post(
    "/rules",
    status_code=201,
    dependencies=[Depends(require_key)],
    responses={
        **AUTH_RESPONSES,
        **error(400, "A body that is not JSON."),
        **error(409, "A rule of that name exists."),
    },
)
def create_rule(store: Keeper, rule: RuleIn) -> RuleOut:
    """Add a watch rule (needs the API key). The webhook secret, if not given,
    is the server's WATCHFLOOR_WEBHOOK_SECRET."""
    fields = rule.model_dump()
    fields["webhook_secret"] = fields["webhook_secret"] or os.environ.get(SECRET_ENV)
    fields["types"] = fields["types"] or None
    try:
        stored = add_rule(store, new_rule(**fields))
    except RuleError as exc:
        status = 409 if "exists" in str(exc) else 422
        raise HTTPException(status, str(exc)) from exc
    row = store.watch_rule(stored.name) or {}
    return _rule_out(stored.public(bool(row.get("webhook_secret"))))


@write_router.delete(
    "/rules/{name}",
    status_code=204,
    dependencies=[Depends(require_key)],
    responses={**AUTH_RESPONSES, **NOT_FOUND},
)
def delete_rule(store: Keeper, name: RuleName) -> Response:
    """Remove a watch rule and its alerts (needs the API key)."""
    if not store.remove_rule(name):
        raise HTTPException(404, f"no rule named {name!r}")
    return Response(status_code=204)


@write_router.api_route(
    "/rules", methods=["PUT", "PATCH", "DELETE", "OPTIONS"], include_in_schema=False
)
def rules_other_methods() -> Response:
    """405 naming both methods of /rules (Starlette names only the first route's)."""
    return Response(status_code=405, headers={"Allow": "GET, POST"})
