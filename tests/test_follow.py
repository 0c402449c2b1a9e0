"""The follower's polling, against news sites on a real loopback HTTP server.

Conditional GET, the cap on new pages, backoff and parking of a failing source,
robots.txt, timeouts, sitemaps, and the sources file; the analysis is left out
here (tests/test_alerts.py runs the whole pipeline).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from follow_sites import FLOODS, SANCTIONS_A, SANCTIONS_B, NewsSite
from loopback_server import LoopbackServer, serve
from typer.testing import CliRunner

import watchfloor.follow.poll as poll_module
from watchfloor.api import ApiSettings, create_app
from watchfloor.cli import app
from watchfloor.follow import parse_duration
from watchfloor.follow.poll import FollowOptions
from watchfloor.follow.runner import Follower
from watchfloor.follow.sources import Source, SourceKind, SourcesFileError, read_sources
from watchfloor.models import Page, PageKind
from watchfloor.service import ingest_pages
from watchfloor.sources.fetch import FetchConfig
from watchfloor.store import SQLiteStore

TEXTS = [SANCTIONS_A, SANCTIONS_B, FLOODS]


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with serve() as running:
        yield running


def options(**changes: Any) -> FollowOptions:
    fetch = FetchConfig(allow_private=True, per_host_delay=0.0, timeout=changes.pop("timeout", 5))
    return FollowOptions(**{"every": 0.2, "analyse": False, "fetch": fetch, **changes})


def follow(store: SQLiteStore, urls: list[str], rounds: int, **changes: Any) -> Follower:
    follower = Follower(store, [Source(u) for u in urls], options(**changes))
    follower.run(max_rounds=rounds)
    return follower


def source(store: SQLiteStore, url: str) -> dict[str, Any]:
    row = store.follow_source(url)
    assert row is not None
    return row


def articles(store: SQLiteStore) -> int:
    return int(store.counts()["articles"])


def test_an_unchanged_feed_costs_no_parsing(
    store: SQLiteStore, server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = NewsSite(server, "wire", "Wire One")
    site.publish("eu", *SANCTIONS_A)
    parsed: list[str] = []
    real = poll_module.iter_feed_pages

    def counting(data: bytes, origin: str, *args: Any, **kwargs: Any) -> Any:
        parsed.append(origin)
        return real(data, origin, *args, **kwargs)

    monkeypatch.setattr(poll_module, "iter_feed_pages", counting)
    follow(store, [site.feed_url], rounds=3)
    row = source(store, site.feed_url)
    assert (row["polls"], row["not_modified"], row["new_pages"]) == (3, 2, 1)
    assert parsed == [site.feed_url]  # polls two and three: 304, nothing read
    assert (site.full_answers, site.not_modified) == (1, 2)
    assert server.paths_seen().count("/wire/eu") == 1
    asked = [r.headers for r in server.requests if r.path == site.feed_path]
    assert asked[1].get("If-None-Match") == '"wire-1"'
    assert asked[1].get("If-Modified-Since") == "Mon, 02 Mar 2026 00:00:00 GMT"

    site.publish("floods", *FLOODS)  # a changed feed is read again; old entries are skipped
    follow(store, [site.feed_url], rounds=1)
    assert articles(store) == 2 and server.paths_seen().count("/wire/eu") == 1


def test_last_modified_alone_makes_a_conditional_get(
    store: SQLiteStore, server: LoopbackServer
) -> None:
    """A server that sends no ETag: If-Modified-Since with its Last-Modified gets a 304."""
    site = NewsSite(server, "plain", "Plain News", etags=False)
    site.publish("eu", *SANCTIONS_A)
    follow(store, [site.feed_url], rounds=2)
    asked = [r.headers for r in server.requests if r.path == site.feed_path]
    assert "If-None-Match" not in asked[1]
    assert asked[1].get("If-Modified-Since") == "Mon, 02 Mar 2026 00:00:00 GMT"
    assert (site.full_answers, site.not_modified) == (1, 1)

    site.publish("floods", *FLOODS)  # a newer Last-Modified: read again, then 304 again
    follow(store, [site.feed_url], rounds=2)
    assert (site.full_answers, site.not_modified) == (2, 2)
    row = source(store, site.feed_url)
    assert (row["polls"], row["not_modified"], row["new_pages"]) == (4, 2, 2)
    assert row["last_modified"] == "Mon, 02 Mar 2026 00:01:00 GMT" and row["etag"] is None
    assert articles(store) == 2


# A long text of its own (near copies need more than a few five-word shingles in common).
HARBOUR = [
    f"Harbour crews in the {place} district repaired {count} cranes on the {side} quay this "
    f"week, and the port authority said the {place} terminal would reopen to container ships "
    f"once the {side} berths had been dredged and inspected by its own engineers."
    for place, count, side in (
        ("northern", "four", "eastern"),
        ("southern", "seven", "western"),
        ("old", "two", "inner"),
        ("new", "nine", "outer"),
    )
]


def test_one_deduplicator_across_rounds_still_finds_copies_stored_by_others(
    store: SQLiteStore, server: LoopbackServer
) -> None:
    """The follower keeps its de-duplicator between rounds (rebuilt each round, it grew
    the process with every article); an article another ingest stored meanwhile is
    still found when the follower reads a near copy of it."""
    site = NewsSite(server, "wire", "Wire One")
    site.publish("eu", *SANCTIONS_A)
    follower = Follower(store, [Source(site.feed_url)], options())
    follower.run(max_rounds=1)
    kept = follower.dedup
    assert kept is not None and articles(store) == 1

    other = SQLiteStore(store.path)  # another process's ingest, on its own connection
    try:
        original = Page("elsewhere:harbour", PageKind.RECORD, "\n\n".join(HARBOUR), source="X")
        assert ingest_pages(other, [original], dedup=None).ingested == 1
    finally:
        other.close()
    copied = [*HARBOUR[:-1], HARBOUR[-1].replace("own engineers", "harbour engineers")]
    site.publish("harbour", "Cranes repaired", "\n\n".join(copied))
    site.publish("floods", *FLOODS)
    follower.run(max_rounds=2)
    assert follower.dedup is kept
    assert articles(store) == 3  # SANCTIONS_A, the other's harbour story, FLOODS
    assert source(store, site.feed_url)["new_pages"] == 2  # the near copy is no new page
    duplicates = [e for e in store.log_entries("duplicate") if e.origin.endswith("/harbour")]
    assert len(duplicates) == 1


def test_new_pages_per_poll_are_capped(store: SQLiteStore, server: LoopbackServer) -> None:
    site = NewsSite(server, "wire", "Wire One")
    for index, (title, text) in enumerate(TEXTS):
        site.publish(f"story-{index}", f"{title} {index}", text)
    follow(store, [site.feed_url], rounds=1, max_new=2)
    assert articles(store) == 2
    assert source(store, site.feed_url)["etag"] is None  # not all read: no 304 next time
    follow(store, [site.feed_url], rounds=1, max_new=2)
    assert articles(store) == 3 and source(store, site.feed_url)["etag"] == '"wire-3"'


def test_a_failing_source_backs_off_then_is_parked(
    store: SQLiteStore, server: LoopbackServer
) -> None:
    broken = NewsSite(server, "broken", "Broken", mode="error")
    healthy = NewsSite(server, "wire", "Wire One")
    healthy.publish("eu", *SANCTIONS_A)
    follower = follow(store, [broken.feed_url, healthy.feed_url], rounds=6, park_after=3)
    row = source(store, broken.feed_url)
    assert (row["parked"], row["failures"], row["errors"]) == (1, 3, 3)
    assert "HTTP 500" in row["last_error"]
    assert server.paths_seen().count(broken.feed_path) == 3  # parked: asked no more
    assert source(store, healthy.feed_url)["new_pages"] == 1 and follower.rounds == 6
    result = CliRunner().invoke(app, ["sources", "--db", store.path, "--json"])
    shown = {r["url"]: r for r in map(json.loads, result.output.splitlines())}
    assert shown[broken.feed_url]["state"] == "parked" and shown[healthy.feed_url]["state"] == "ok"
    assert "HTTP 500" in shown[broken.feed_url]["last_error"]
    result = CliRunner().invoke(app, ["sources", "--db", store.path, "--unpark", broken.feed_url])
    assert result.exit_code == 0 and source(store, broken.feed_url)["parked"] == 0


def test_backoff_doubles_with_jitter() -> None:
    opts = FollowOptions(every=10.0)
    for failures, ceiling in ((1, 10.0), (2, 20.0), (3, 40.0), (20, 320.0)):
        delays = [opts.backoff(failures) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 100  # jittered, not one fixed delay


def test_robots_txt_and_slow_sources(store: SQLiteStore, server: LoopbackServer) -> None:
    server.route("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    hidden = NewsSite(server, "private", "Hidden")
    slow = NewsSite(server, "slow", "Slow", mode="slow", slow_seconds=2.0)
    follow(store, [hidden.feed_url, slow.feed_url], rounds=1, timeout=0.5)
    assert "robots.txt disallows" in source(store, hidden.feed_url)["last_error"]
    assert hidden.full_answers == 0
    assert source(store, slow.feed_url)["last_error"].startswith("timeout")


def test_a_sitemap_and_a_page(store: SQLiteStore, server: LoopbackServer) -> None:
    site = NewsSite(server, "wire", "Wire One")
    urls = [site.publish(f"s{i}", title, text) for i, (title, text) in enumerate(TEXTS[:2])]
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    sitemap = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{locs}</urlset>"
    ).encode()
    server.route("/sitemap.xml", sitemap, content_type="application/xml")
    page = site.publish("page", *FLOODS)
    follow(store, [server.url("/sitemap.xml"), page], rounds=2)
    assert articles(store) == 3
    assert source(store, server.url("/sitemap.xml"))["new_pages"] == 2
    assert source(store, page)["new_pages"] == 1  # the page polled twice, stored once


def test_sources_file(tmp_path: Path) -> None:
    listing = tmp_path / "sources.txt"
    listing.write_text(
        "# watch list\nhttps://a.example/feed.xml\n\nsitemap https://b.example/sitemap.xml\n"
        "page  https://c.example/\nhttps://a.example/feed.xml\n"
    )
    assert read_sources(listing) == [
        Source("https://a.example/feed.xml"),
        Source("https://b.example/sitemap.xml", SourceKind.SITEMAP),
        Source("https://c.example/", SourceKind.PAGE),
    ]
    listing.write_text("https://a.example/\nfeeds https://b.example/\n")
    with pytest.raises(SourcesFileError, match=r"sources.txt:2"):
        read_sources(listing)
    assert parse_duration("15m") == 900 and parse_duration("2h") == 7200
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_sources_route(store: SQLiteStore, server: LoopbackServer) -> None:
    site = NewsSite(server, "wire", "Wire One")
    site.publish("eu", *SANCTIONS_A)
    follow(store, [site.feed_url], rounds=1)
    client = TestClient(create_app(ApiSettings(database=store.path)))
    (row,) = client.get("/sources").json()
    assert row["url"] == site.feed_url and row["state"] == "ok" and row["new_pages"] == 1
    assert row["last_poll"] and row["last_new"] and row["next_poll"]
