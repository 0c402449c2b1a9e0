"""Ingesting URLs and feeds through the polite fetcher, against a real loopback server."""

from __future__ import annotations

from loopback_server import serve

from watchfloor.service import IngestOptions, ingest
from watchfloor.sources.fetch import FetchConfig
from watchfloor.store import SQLiteStore

ARTICLE = (
    "<html lang='en'><head><meta charset='utf-8'><title>Port strike ends after deal</title>"
    "</head><body><nav>Home | World | Business</nav><article><h1>Port strike ends after deal</h1>"
    + "".join(
        f"<p>{p}</p>"
        for p in (
            "Dock workers in Bellport returned to work on Friday after union leaders and the port "
            "authority agreed a new pay deal, ending a strike that had lasted eleven days.",
            "The agreement raises wages by six percent over two years and adds a night-shift "
            "allowance, the union said in a statement read outside the harbour gates.",
            "Shipping companies said it would take about a week to clear the backlog of some "
            "forty vessels waiting at anchor outside the port.",
        )
    )
    + "</article><footer>Contact us</footer></body></html>"
).encode()


def options(**fetch: float) -> IngestOptions:
    config = FetchConfig(allow_private=True, per_host_delay=0.0, **fetch)  # type: ignore[arg-type]
    return IngestOptions(fetch=config)


def test_url_and_feed_ingest_with_failures_logged(store: SQLiteStore) -> None:
    with serve() as server:
        server.route(
            "/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
        )
        server.route("/news/strike", ARTICLE, content_type="text/html; charset=utf-8")
        server.route("/private/memo", ARTICLE, content_type="text/html")
        server.redirect("/loop/a", "/loop/b")
        server.redirect("/loop/b", "/loop/a")
        server.route("/slow", ARTICLE, content_type="text/html", delay=2.0)
        feed = (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>Example Wire</title>"
            f"<item><title>Port strike ends</title><link>{server.url('/news/strike')}</link>"
            "<pubDate>Fri, 08 Mar 2024 10:00:00 +0100</pubDate></item>"
            f"<item><title>Gone</title><link>{server.url('/gone')}</link></item>"
            "</channel></rss>"
        ).encode()
        server.route("/feed.xml", feed, content_type="application/rss+xml")
        urls = [
            server.url(p)
            for p in ("/news/strike", "/private/memo", "/loop/a", "/slow", "/feed.xml")
        ]
        summary = ingest(store, urls, options(timeout=0.5))

    assert summary.ingested == 1
    assert summary.unchanged == 1  # the feed's entry is the page already ingested
    assert summary.skipped == {
        "robots_disallowed": 1,
        "too_many_redirects": 1,
        "timeout": 1,
        "not_found": 1,
    }
    (row,) = store.list_articles()
    assert row.title == "Port strike ends after deal"
    assert row.url == server.url("/news/strike")
    details = {e.reason: e.detail for e in store.log_entries("skipped")}
    assert all(details.values())


def test_private_addresses_are_refused_without_the_flag(store: SQLiteStore) -> None:
    with serve() as server:
        server.route("/news/strike", ARTICLE, content_type="text/html")
        summary = ingest(
            store,
            [server.url("/news/strike")],
            IngestOptions(fetch=FetchConfig(per_host_delay=0.0)),
        )
        assert server.requests == []
    assert summary.skipped == {"blocked_address": 1}
