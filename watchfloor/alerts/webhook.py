"""Webhook delivery from the outbox: signed JSON POSTs, retried with backoff.

Each POST carries ``X-Watchfloor-Delivery`` (the alert's idempotency key: a
receiver drops repeats) and ``X-Watchfloor-Signature: t=UNIX,v1=HEX``, HEX being
the HMAC-SHA256 of ``"{t}.{raw body}"`` under the rule's secret (else
``WATCHFLOOR_WEBHOOK_SECRET``). A 2xx answer marks the delivery sent. Anything
else is retried after a doubling, jittered delay; after ``max_attempts`` the
delivery is dead, and an endpoint failing ``endpoint_limit`` times in a row is
marked dead (``watchfloor alerts`` and ``GET /alerts`` show both).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import random
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from watchfloor.models import SkipError
from watchfloor.sources.fetch import DEFAULT_USER_AGENT, check_host
from watchfloor.store.sql_base import now
from watchfloor.store.sql_store import SQLStore

log = logging.getLogger(__name__)
SECRET_ENV = "WATCHFLOOR_WEBHOOK_SECRET"
SIGNATURE_HEADER = "X-Watchfloor-Signature"
DELIVERY_HEADER = "X-Watchfloor-Delivery"


@dataclass(frozen=True)
class DeliveryPolicy:
    first_retry: float = 30.0  # seconds before the second attempt; doubles after each
    max_retry: float = 6 * 3600.0
    max_attempts: int = 12
    endpoint_limit: int = 50  # failures in a row that mark an endpoint dead
    timeout: float = 10.0
    allow_private: bool = False  # webhooks to loopback and private addresses

    def retry_at(self, attempts: int) -> float | None:
        """When to try again after ``attempts`` failed attempts; None: give up."""
        if attempts >= self.max_attempts:
            return None
        delay = min(self.first_retry * 2.0 ** (attempts - 1), self.max_retry)
        return time.time() + delay * random.uniform(0.75, 1.25)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, tolerance: float = 300.0) -> bool:
    """Whether ``header`` signs ``body`` under ``secret``, made within ``tolerance`` s."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    if not parts.get("t", "").isdigit() or "v1" not in parts:
        return False
    timestamp = int(parts["t"])
    expected = sign(secret, timestamp, body).rsplit("v1=", 1)[1]
    fresh = abs(time.time() - timestamp) <= tolerance
    return fresh and hmac.compare_digest(expected, parts["v1"])


def body_of(row: dict[str, Any]) -> bytes:
    """The JSON body of a delivery: its id, the rule, the fact, evidence and links."""
    payload = json.loads(row["payload"])
    return json.dumps({"id": row["key"], **payload}, ensure_ascii=False).encode("utf-8")


def deliver_due(
    store: SQLStore, client: httpx.Client, policy: DeliveryPolicy, limit: int = 50
) -> int:
    """Send every delivery whose time has come; how many were sent."""
    sent = 0
    dead: set[str] = set()
    for row in store.due_deliveries(time.time(), limit):
        if row["url"] in dead:
            continue
        error = _send(client, row, policy)
        if error is None:
            store.delivery_sent(int(row["id"]), str(row["url"]), now())
            sent += 1
            continue
        retry = policy.retry_at(int(row["attempts"]) + 1)
        if store.delivery_failed(
            int(row["id"]), str(row["url"]), error, retry, policy.endpoint_limit
        ):
            dead.add(str(row["url"]))
            log.warning("webhook endpoint %s marked dead: %s", row["url"], error)
        else:
            log.warning("webhook %s for %s failed: %s", row["url"], row["key"], error)
    return sent


def _send(client: httpx.Client, row: dict[str, Any], policy: DeliveryPolicy) -> str | None:
    """POST one delivery; None on success, else what went wrong."""
    secret = row.get("secret") or os.environ.get(SECRET_ENV)
    if not secret:
        return f"no webhook secret (set {SECRET_ENV} or the rule's --webhook-secret)"
    url = str(row["url"])
    if not policy.allow_private:
        parts = urlsplit(url)
        try:
            check_host(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
        except SkipError as exc:
            return exc.detail
    body = body_of(row)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": DEFAULT_USER_AGENT,
        DELIVERY_HEADER: str(row["key"]),
        SIGNATURE_HEADER: sign(secret, int(time.time()), body),
    }
    try:
        response = client.post(url, content=body, headers=headers, timeout=policy.timeout)
    except SkipError as exc:  # the guarded transport refused the address it resolved
        return exc.detail
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"
    if 200 <= response.status_code < 300:
        return None
    return f"HTTP {response.status_code}"
