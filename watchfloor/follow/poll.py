"""One poll of one source: ask whether it changed, take its new pages, record its health.

Every new page goes through the whole pipeline (:func:`watchfloor.service.ingest_pages`,
then :func:`~watchfloor.service.analyse_stored`, then the watch rules) before the
next one is fetched, so a stop request is honoured between two articles and a
killed process loses at most the page it was reading.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from watchfloor.dedup import Deduplicator
from watchfloor.follow.conditional import ConditionalFetcher, NotModified, Validators
from watchfloor.follow.sources import SourceKind, kind_of, sitemap_urls
from watchfloor.models import Page, Skip, SkipError, SkipReason
from watchfloor.service import analyse_stored, ingest_pages
from watchfloor.sources.feeds import iter_feed_pages
from watchfloor.sources.fetch import FetchConfig, classify, html_page
from watchfloor.store.sql_base import now
from watchfloor.store.sql_store import SQLStore

log = logging.getLogger(__name__)
TRANSIENT = frozenset({SkipReason.TIMEOUT, SkipReason.FETCH_ERROR})


@dataclass
class FollowOptions:
    every: float = 900.0  # seconds between two polls of a source
    max_new: int = 20  # new pages taken from one source in one poll, at most
    park_after: int = 8  # failed polls in a row that park a source
    analyse: bool = True
    fetch: FetchConfig = field(default_factory=FetchConfig)

    def backoff(self, failures: int) -> float:
        """Seconds to wait after the n-th failure in a row: doubling, capped, jittered."""
        delay = min(self.every * 2.0 ** max(failures - 1, 0), self.every * 32)
        return delay * random.uniform(0.5, 1.0)


@dataclass
class PollContext:
    store: SQLStore
    fetcher: ConditionalFetcher
    options: FollowOptions
    stop: threading.Event
    after_article: Callable[[], None]  # the rules and webhooks, after each new article
    # Built at the first new page and kept by the follower across rounds: it reads the
    # articles others stored meanwhile when it files one. (Rebuilt every round, its
    # build grew the process by about 0.1 MB per new article.)
    dedup: Deduplicator | None = None

    def deduplicator(self) -> Deduplicator:
        if self.dedup is None:
            self.dedup = Deduplicator(self.store)
        return self.dedup


@dataclass
class _Taking:
    """How a poll's reading went: new articles, and whether all of it was read."""

    new: int = 0
    complete: bool = True  # False: capped, stopped or a transient entry failure


def poll_source(ctx: PollContext, row: dict[str, Any]) -> None:
    """Poll the source of ``row`` (a ``follow_sources`` row) once and record the outcome."""
    url, started = str(row["url"]), time.time()
    fields: dict[str, Any] = {"polls": int(row["polls"]) + 1, "last_poll": now()}
    try:
        answer = ctx.fetcher.poll(url, Validators(row["etag"], row["last_modified"]))
        if isinstance(answer, NotModified):
            fields["not_modified"] = int(row["not_modified"]) + 1
            taking = _Taking()
        else:
            kind = kind_of(answer.fetched.body, SourceKind(row["kind"]))
            taking = _take(ctx, url, kind, answer.fetched)
            if taking.complete:  # else: read it all again next time
                fields["etag"] = answer.validators.etag
                fields["last_modified"] = answer.validators.last_modified
    except SkipError as exc:
        _failed(ctx, row, fields, f"{exc.reason.value}: {exc.detail}")
        return
    fields.update(failures=0, last_error=None, next_poll=started + ctx.options.every)
    if taking.new:
        fields.update(new_pages=int(row["new_pages"]) + taking.new, last_new=now())
    ctx.store.update_source(url, fields)


def _failed(ctx: PollContext, row: dict[str, Any], fields: dict[str, Any], error: str) -> None:
    failures = int(row["failures"]) + 1
    parked = failures >= ctx.options.park_after
    fields.update(
        errors=int(row["errors"]) + 1,
        failures=failures,
        last_error=error[:500],
        next_poll=time.time() + ctx.options.backoff(failures),
        parked=int(parked),
    )
    ctx.store.update_source(str(row["url"]), fields)
    if parked:
        log.warning("parked %s after %d failed polls: %s", row["url"], failures, error)
    else:
        log.info("poll of %s failed (%d in a row): %s", row["url"], failures, error)


def _take(ctx: PollContext, url: str, kind: SourceKind, fetched: Any) -> _Taking:
    taking = _Taking()
    if kind is SourceKind.PAGE:
        if classify(fetched) != "html":
            raise SkipError(SkipReason.UNSUPPORTED, f"{url} is no HTML page, feed or sitemap")
        _ingest(ctx, html_page(fetched, url), taking)
        return taking
    items = _feed_items if kind is SourceKind.FEED else _sitemap_items
    for item in items(ctx, url, fetched, taking):
        if isinstance(item, Skip) and item.origin == url:
            if item.reason is SkipReason.EMPTY:
                break  # a feed with no entries (yet) is no failure
            raise SkipError(item.reason, item.detail)
        _ingest(ctx, item, taking)
        if isinstance(item, Skip) and item.reason in TRANSIENT:
            taking.complete = False  # try the entry again on the next poll
        else:
            ctx.store.mark_seen(url, [item.origin], now())
        if ctx.stop.is_set():
            taking.complete = False
            break
    return taking


def _budget(ctx: PollContext, url: str, taking: _Taking) -> Callable[[str], bool]:
    """Whether to read an entry: unseen, and under the cap on new pages per poll."""
    taken = 0

    def keep(origin: str) -> bool:
        nonlocal taken
        if ctx.store.seen_items(url, [origin]):
            return False
        if taken >= ctx.options.max_new:
            taking.complete = False
            return False
        taken += 1
        return True

    return keep


def _feed_items(ctx: PollContext, url: str, fetched: Any, taking: _Taking) -> Iterator[Page | Skip]:
    yield from iter_feed_pages(
        fetched.body,
        url,
        ctx.fetcher,
        base_url=fetched.url,
        encoding=fetched.encoding,
        keep=_budget(ctx, url, taking),
    )


def _sitemap_items(
    ctx: PollContext, url: str, fetched: Any, taking: _Taking
) -> Iterator[Page | Skip]:
    try:
        pages, nested = sitemap_urls(fetched.body)
        for child in nested[:20]:  # a sitemap index: its sitemaps, one level down
            pages += sitemap_urls(ctx.fetcher.get(child).body)[0]
    except ValueError as exc:
        yield Skip(url, SkipReason.MALFORMED_FEED, str(exc))
        return
    keep = _budget(ctx, url, taking)
    for page_url in pages:
        if keep(page_url):
            yield _page_at(ctx, page_url)


def _page_at(ctx: PollContext, page_url: str) -> Page | Skip:
    try:
        page = ctx.fetcher.get(page_url)
    except SkipError as exc:
        return Skip(page_url, exc.reason, exc.detail)
    if classify(page) != "html":
        return Skip(page_url, SkipReason.UNSUPPORTED, f"content type {page.content_type}")
    return html_page(page, page_url)


def _ingest(ctx: PollContext, item: Page | Skip, taking: _Taking) -> None:
    summary = ingest_pages(ctx.store, [item], dedup=ctx.deduplicator())
    if not summary.ingested:
        return
    taking.new += 1
    if ctx.options.analyse:
        analyse_stored(ctx.store, batch_size=1)
        ctx.after_article()
