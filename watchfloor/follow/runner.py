"""The follower: polls its sources forever, checks the rules, sends the webhooks.

On start it finishes what a killed predecessor left (articles stored but not
analysed, facts not yet checked, alerts not yet delivered). Then, until asked
to stop, each round polls the sources that are due (one fetcher per round, so
robots.txt is read afresh), and between rounds it sends due webhooks. A stop
request (SIGTERM) is honoured between two articles.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

import httpx

from watchfloor.alerts.engine import check_new_facts
from watchfloor.alerts.webhook import DeliveryPolicy, deliver_due
from watchfloor.dedup import Deduplicator
from watchfloor.follow.conditional import ConditionalFetcher
from watchfloor.follow.poll import FollowOptions, PollContext, poll_source
from watchfloor.follow.sources import Source
from watchfloor.service import analyse_stored
from watchfloor.sources.addresses import GuardedTransport
from watchfloor.store.sql_store import SQLStore

log = logging.getLogger(__name__)
TICK = 1.0  # seconds between two looks at the clock while idle


@dataclass
class Follower:
    store: SQLStore
    sources: list[Source]
    options: FollowOptions = field(default_factory=FollowOptions)
    delivery: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    stop: threading.Event = field(default_factory=threading.Event)
    rounds: int = 0

    def __post_init__(self) -> None:
        self._client = self._webhook_client()
        self._urls = {s.url for s in self.sources}
        self.dedup: Deduplicator | None = None  # one for the follower's life

    def run(self, max_rounds: int | None = None) -> None:
        """Follow until stopped (or ``max_rounds`` rounds have polled something)."""
        with self._webhook_client() as self._client:
            self.store.register_sources((s.url, s.kind.value) for s in self.sources)
            self.catch_up()
            while not self.stop.is_set():
                if self.poll_due():
                    self.rounds += 1
                self.after_article()
                if max_rounds is not None and self.rounds >= max_rounds:
                    return
                self.stop.wait(self._pause())

    def _webhook_client(self) -> httpx.Client:
        """The client webhooks are posted with: it connects to the address it checked (no
        DNS rebinding between the check and the connection), as the fetcher does."""
        transport = GuardedTransport(allow_private=self.delivery.allow_private)
        return httpx.Client(transport=transport, follow_redirects=False)

    def catch_up(self) -> None:
        """Analyse what was stored but not analysed, then check and deliver."""
        if self.options.analyse:
            analyse_stored(self.store)
        self.after_article()

    def after_article(self) -> None:
        check_new_facts(self.store)
        deliver_due(self.store, self._client, self.delivery)

    def poll_due(self) -> int:
        """Poll every due source once; how many were polled."""
        due = self._due()
        if not due:
            return 0
        polled = 0
        fetcher = ConditionalFetcher(self.options.fetch)
        with fetcher:
            context = PollContext(
                self.store, fetcher, self.options, self.stop, self.after_article, self.dedup
            )
            for row in due:
                if self.stop.is_set():
                    break
                try:
                    poll_source(context, row)
                except Exception:  # a bug on one source must not stop the others
                    log.exception("polling %s failed", row["url"])
                    self.store.update_source(
                        str(row["url"]), {"next_poll": time.time() + self.options.every}
                    )
                polled += 1
        self.dedup = context.dedup
        return polled

    def _due(self) -> list[dict[str, object]]:
        moment = time.time()
        return [
            row
            for row in self.store.follow_sources()
            if row["url"] in self._urls and not row["parked"] and row["next_poll"] <= moment
        ]

    def _pause(self) -> float:
        rows = [r for r in self.store.follow_sources() if r["url"] in self._urls]
        waiting = [float(r["next_poll"]) for r in rows if not r["parked"]]
        until_next = min(waiting, default=time.time() + TICK) - time.time()
        return max(0.05, min(TICK, until_next))
