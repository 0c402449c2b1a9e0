"""The fetcher and the URL source, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

import pytest
from loopback_server import LoopbackServer, serve

from watchfloor.models import Page, PageKind, Skip, SkipError, SkipReason
from watchfloor.sources.fetch import (
    DEFAULT_USER_AGENT,
    FetchConfig,
    Fetcher,
    check_host,
    iter_url_pages,
    parse_content_type,
)

PAGE = (
    "<!doctype html><html><head><title>Harbour report</title></head><body>"
    "<p>The ferry to Lütjenholm ran late on Tuesday, said the harbour master.</p>"
    "</body></html>"
)
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour News</title>
<item><title>Ferry late</title><link>{link}</link>
<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate></item>
</channel></rss>"""


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with serve() as running:
        yield running


def make_fetcher(**overrides: object) -> Fetcher:
    settings: dict[str, object] = {"allow_private": True, "per_host_delay": 0.0, "timeout": 2.0}
    settings.update(overrides)
    return Fetcher(FetchConfig(**settings))  # type: ignore[arg-type]


def skip_reason(fetcher: Fetcher, url: str) -> SkipError:
    with pytest.raises(SkipError) as caught:
        fetcher.get(url)
    return caught.value


def test_plain_page_with_charset(server: LoopbackServer) -> None:
    server.route("/news", PAGE.encode("iso-8859-1"), content_type="text/html; charset=ISO-8859-1")
    with make_fetcher() as fetcher:
        fetched = fetcher.get(server.url("/news"))
    assert fetched.status == 200
    assert fetched.url == server.url("/news")
    assert fetched.content_type == "text/html"
    assert fetched.encoding == "iso-8859-1"
    assert fetched.body.decode("iso-8859-1") == PAGE


def test_user_agent_sent_on_every_request(server: LoopbackServer) -> None:
    server.route("/news", PAGE.encode())
    with make_fetcher() as fetcher:
        fetcher.get(server.url("/news"))
    assert server.paths_seen() == ["/robots.txt", "/news"]
    for request in server.requests:
        assert request.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("watchfloor/")


def test_robots_disallow(server: LoopbackServer) -> None:
    rules = b"User-agent: *\nDisallow: /private/\n"
    server.route("/robots.txt", rules, content_type="text/plain")
    server.route("/private/memo", PAGE.encode())
    server.route("/public", PAGE.encode())
    with make_fetcher() as fetcher:
        error = skip_reason(fetcher, server.url("/private/memo"))
        assert fetcher.get(server.url("/public")).status == 200
    assert error.reason is SkipReason.ROBOTS
    assert "/private/memo" in error.detail
    assert server.paths_seen() == ["/robots.txt", "/public"]  # fetched once, cached


def test_robots_for_our_agent_only(server: LoopbackServer) -> None:
    rules = b"User-agent: watchfloor\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    server.route("/robots.txt", rules, content_type="text/plain")
    server.route("/public", PAGE.encode())
    with make_fetcher() as fetcher:
        assert skip_reason(fetcher, server.url("/public")).reason is SkipReason.ROBOTS


def test_missing_robots_allows(server: LoopbackServer) -> None:
    server.route("/public", PAGE.encode())
    with make_fetcher() as fetcher:
        assert fetcher.get(server.url("/public")).body == PAGE.encode()


def test_robots_server_error_disallows(server: LoopbackServer) -> None:
    server.route("/robots.txt", b"oops", status=503)
    server.route("/public", PAGE.encode())
    with make_fetcher() as fetcher:
        error = skip_reason(fetcher, server.url("/public"))
    assert error.reason is SkipReason.ROBOTS
    assert "503" in error.detail


def test_robots_ignored_when_not_respected(server: LoopbackServer) -> None:
    server.route("/robots.txt", b"User-agent: *\nDisallow: /\n", content_type="text/plain")
    server.route("/public", PAGE.encode())
    with make_fetcher(respect_robots=False) as fetcher:
        assert fetcher.get(server.url("/public")).status == 200
    assert server.paths_seen() == ["/public"]


def test_redirect_chain(server: LoopbackServer) -> None:
    server.redirect("/a", "/b", status=301)
    server.redirect("/b", server.url("/c"), status=307)
    server.redirect("/c", "d")
    server.route("/d", PAGE.encode())
    with make_fetcher() as fetcher:
        fetched = fetcher.get(server.url("/a"))
    assert fetched.url == server.url("/d")
    assert server.paths_seen() == ["/robots.txt", "/a", "/b", "/c", "/d"]


def test_redirect_loop(server: LoopbackServer) -> None:
    server.redirect("/ping", "/pong")
    server.redirect("/pong", "/ping")
    with make_fetcher(max_redirects=3) as fetcher:
        error = skip_reason(fetcher, server.url("/ping"))
    assert error.reason is SkipReason.TOO_MANY_REDIRECTS
    assert server.paths_seen().count("/ping") + server.paths_seen().count("/pong") == 4


def test_redirect_to_bad_scheme(server: LoopbackServer) -> None:
    server.redirect("/a", "ftp://127.0.0.1/file")
    with make_fetcher() as fetcher:
        error = skip_reason(fetcher, server.url("/a"))
    assert error.reason is SkipReason.FETCH_ERROR
    assert "scheme" in error.detail


def test_slow_endpoint_times_out(server: LoopbackServer) -> None:
    server.route("/slow", PAGE.encode(), delay=3.0)
    with make_fetcher(timeout=0.3) as fetcher:
        started = time.monotonic()
        error = skip_reason(fetcher, server.url("/slow"))
    assert error.reason is SkipReason.TIMEOUT
    assert time.monotonic() - started < 2.5


def test_endless_body_too_large(server: LoopbackServer) -> None:
    chunk = b"<p>" + b"x" * 65_533
    server.route("/endless", lambda: itertools.repeat(chunk))
    with make_fetcher(max_bytes=1_000_000) as fetcher:
        error = skip_reason(fetcher, server.url("/endless"))
    assert error.reason is SkipReason.TOO_LARGE
    assert server.bytes_sent["/endless"] < 50_000_000


def test_declared_length_too_large(server: LoopbackServer) -> None:
    server.route("/big", b"x" * 200_000)
    with make_fetcher(max_bytes=100_000) as fetcher:
        error = skip_reason(fetcher, server.url("/big"))
    assert error.reason is SkipReason.TOO_LARGE
    assert "200000" in error.detail


@pytest.mark.parametrize(("status", "reason"), [(404, "not_found"), (410, "not_found")])
def test_gone(server: LoopbackServer, status: int, reason: str) -> None:
    server.route("/gone", b"no", status=status)
    with make_fetcher() as fetcher:
        assert skip_reason(fetcher, server.url("/gone")).reason == reason


def test_server_error(server: LoopbackServer) -> None:
    server.route("/broken", b"no", status=500)
    with make_fetcher() as fetcher:
        error = skip_reason(fetcher, server.url("/broken"))
    assert error.reason is SkipReason.FETCH_ERROR
    assert "500" in error.detail


def test_connection_refused() -> None:
    with serve() as gone:
        url = gone.url("/x")
    with make_fetcher() as fetcher:
        assert skip_reason(fetcher, url).reason is SkipReason.FETCH_ERROR


def test_loopback_refused_by_default(server: LoopbackServer) -> None:
    server.route("/news", PAGE.encode())
    with Fetcher(FetchConfig(per_host_delay=0.0)) as fetcher:
        error = skip_reason(fetcher, server.url("/news"))
    assert error.reason is SkipReason.BLOCKED_ADDRESS
    assert server.requests == []


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.1", "169.254.169.254", "0.0.0.0",
     "224.0.0.1", "240.0.0.1", "::1", "::ffff:127.0.0.1", "fe80::1", "100.64.0.1"],
)  # fmt: skip
def test_non_public_hosts_blocked(host: str) -> None:
    with pytest.raises(SkipError) as caught:
        check_host(host, 80)
    assert caught.value.reason is SkipReason.BLOCKED_ADDRESS


def test_public_literal_allowed() -> None:
    check_host("93.184.216.34", 80)  # an IP literal: resolved locally, nothing contacted


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/", "not a url", "http://"])
def test_bad_urls(url: str) -> None:
    with make_fetcher() as fetcher:
        assert skip_reason(fetcher, url).reason is SkipReason.FETCH_ERROR


def test_per_host_delay(server: LoopbackServer) -> None:
    server.route("/one", PAGE.encode())
    server.route("/two", PAGE.encode())
    with make_fetcher(per_host_delay=0.3) as fetcher:
        fetcher.get(server.url("/one"))
        fetcher.get(server.url("/two"))
    times = [request.at for request in server.requests]
    assert [request.path for request in server.requests] == ["/robots.txt", "/one", "/two"]
    assert times[1] - times[0] >= 0.25
    assert times[2] - times[1] >= 0.25


def test_parse_content_type() -> None:
    assert parse_content_type('text/HTML; Charset="UTF-8"') == ("text/html", "utf-8")
    assert parse_content_type("application/xml") == ("application/xml", None)
    assert parse_content_type(None) == (None, None)


def test_url_pages_html(server: LoopbackServer) -> None:
    server.redirect("/story", "/story/")
    server.route("/story/", PAGE.encode("utf-8"))
    with make_fetcher() as fetcher:
        items = list(iter_url_pages(server.url("/story"), fetcher))
    assert len(items) == 1
    page = items[0]
    assert isinstance(page, Page)
    assert page.kind is PageKind.HTML
    assert page.origin == server.url("/story")
    assert page.url == server.url("/story/")
    assert page.encoding == "utf-8"
    assert page.data == PAGE.encode("utf-8")


def test_url_pages_feed(server: LoopbackServer) -> None:
    server.route("/feed", RSS.replace(b"{link}", b"/ferry"), content_type="text/xml")
    server.route("/ferry", PAGE.encode())
    with make_fetcher() as fetcher:
        items = list(iter_url_pages(server.url("/feed"), fetcher))
    assert len(items) == 1
    page = items[0]
    assert isinstance(page, Page)
    assert page.url == server.url("/ferry")
    assert page.title == "Ferry late"
    assert page.source == "Harbour News"
    assert page.origin == server.url("/feed") + "#" + server.url("/ferry")


def test_url_pages_unsupported_and_errors(server: LoopbackServer) -> None:
    server.route("/report.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    server.route("/blank", b"  \n")
    with make_fetcher() as fetcher:
        pdf, blank, missing = (
            next(iter_url_pages(server.url(path), fetcher))
            for path in ("/report.pdf", "/blank", "/missing")
        )
    assert isinstance(pdf, Skip) and pdf.reason is SkipReason.UNSUPPORTED
    assert isinstance(blank, Skip) and blank.reason is SkipReason.EMPTY
    assert isinstance(missing, Skip) and missing.reason is SkipReason.NOT_FOUND
    assert missing.origin == server.url("/missing")


def test_url_pages_sniffs_untyped_html(server: LoopbackServer) -> None:
    server.route("/untyped", PAGE.encode(), content_type=None)
    with make_fetcher() as fetcher:
        (page,) = iter_url_pages(server.url("/untyped"), fetcher)
    assert isinstance(page, Page)
    assert page.encoding is None


def test_redirect_into_robots_disallowed_path(server: LoopbackServer) -> None:
    server.route("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.redirect("/open", "/private/memo")
    server.route("/private/memo", PAGE.encode())
    with make_fetcher() as fetcher:
        error = skip_reason(fetcher, server.url("/open"))
    assert error.reason is SkipReason.ROBOTS
    assert "/private/memo" not in server.paths_seen()


def test_trickling_body_hits_max_duration(server: LoopbackServer) -> None:
    def trickle() -> Iterator[bytes]:
        while True:
            yield b"<p>drip</p>"
            time.sleep(0.02)

    server.route("/drip", trickle)
    with make_fetcher(max_duration=0.3) as fetcher:
        error = skip_reason(fetcher, server.url("/drip"))
    assert error.reason is SkipReason.TIMEOUT
