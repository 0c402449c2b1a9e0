"""Feeds from bytes: entries followed through a real loopback server, or read from content."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from loopback_server import LoopbackServer, serve

from watchfloor.models import Page, PageKind, Skip, SkipReason
from watchfloor.sources.feeds import iter_feed_pages
from watchfloor.sources.fetch import FetchConfig, Fetcher

LONG_TEXT = (
    "The council of Marrowby voted on Thursday to reopen the old tram line along the "
    "river, after a two-year study found that the tracks could carry light trains again. "
) * 5
SHORT_TEXT = "A teaser sentence about the tram line."

RSS_TEMPLATE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Marrowby Courier</title><link>{base}/</link><description>Local</description>
<item><title>Tram line to reopen</title><link>{base}/tram</link>
  <pubDate>Thu, 06 Mar 2025 09:30:00 GMT</pubDate><dc:creator>Ada Brenner</dc:creator>
  <description>{short}</description>
  <content:encoded><![CDATA[<p>{long}</p>]]></content:encoded></item>
<item><title>Bridge closed</title><link>{base}/bridge</link>
  <pubDate>Fri, 07 Mar 2025 10:00:00 GMT</pubDate>
  <description>{short}</description></item>
</channel></rss>"""

ATOM_TEMPLATE = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Marrowby Gazette</title>
<id>urn:uuid:5e1b7c1e-0000-4000-8000-000000000001</id><updated>2025-03-06T09:30:00Z</updated>
<entry><title>Tram line to reopen</title><link rel="alternate" href="{base}/tram"/>
  <id>urn:uuid:5e1b7c1e-0000-4000-8000-000000000002</id>
  <updated>2025-03-06T09:30:00Z</updated><published>2025-03-06T08:00:00Z</published>
  <author><name>Ada Brenner</name></author>
  <content type="html">&lt;p&gt;{long}&lt;/p&gt;</content></entry>
<entry><title>Bridge closed</title><link rel="alternate" href="/bridge"/>
  <id>urn:uuid:5e1b7c1e-0000-4000-8000-000000000003</id>
  <updated>2025-03-07T10:00:00Z</updated><summary>{short}</summary></entry>
</feed>"""

TRAM_PAGE = b"<html><body><h1>Tram line to reopen</h1><p>Full story.</p></body></html>"
BRIDGE_PAGE = b"<html><body><h1>Bridge closed</h1><p>Full story.</p></body></html>"


def rss(base: str) -> bytes:
    return RSS_TEMPLATE.format(base=base, short=SHORT_TEXT, long=LONG_TEXT).encode()


def atom(base: str) -> bytes:
    return ATOM_TEMPLATE.format(base=base, short=SHORT_TEXT, long=LONG_TEXT).encode()


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with serve() as running:
        running.route("/tram", TRAM_PAGE, content_type="text/html; charset=windows-1252")
        running.route("/bridge", BRIDGE_PAGE)
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FetchConfig(allow_private=True, per_host_delay=0.0, timeout=2.0)) as client:
        yield client


def test_rss_with_fetcher(server: LoopbackServer, fetcher: Fetcher) -> None:
    items = list(iter_feed_pages(rss(server.base_url), "feeds/courier.xml", fetcher))
    assert all(isinstance(item, Page) for item in items)
    tram, bridge = items
    assert isinstance(tram, Page) and isinstance(bridge, Page)
    assert tram.data == TRAM_PAGE
    assert tram.kind is PageKind.HTML
    assert tram.url == server.url("/tram")
    assert tram.encoding == "windows-1252"
    assert tram.origin == f"feeds/courier.xml#{server.url('/tram')}"
    assert tram.title == "Tram line to reopen"
    assert tram.published == "Thu, 06 Mar 2025 09:30:00 GMT"
    assert tram.author == "Ada Brenner"
    assert tram.source == "Marrowby Courier"
    assert bridge.data == BRIDGE_PAGE
    assert bridge.author is None
    assert "/tram" in server.paths_seen() and "/bridge" in server.paths_seen()


def test_rss_without_fetcher_uses_full_content(server: LoopbackServer) -> None:
    tram, bridge = iter_feed_pages(rss(server.base_url), "feeds/courier.xml", None)
    assert isinstance(tram, Page)
    assert isinstance(tram.data, bytes)
    assert LONG_TEXT.strip()[:60] in tram.data.decode("utf-8")
    assert tram.url == server.url("/tram")
    assert tram.encoding == "utf-8"
    assert tram.source == "Marrowby Courier"
    assert isinstance(bridge, Skip)
    assert bridge.reason is SkipReason.EMPTY
    assert bridge.origin == f"feeds/courier.xml#{server.url('/bridge')}"
    assert server.requests == []


def test_fetch_failure_falls_back_to_content(server: LoopbackServer, fetcher: Fetcher) -> None:
    del server.routes["/tram"]
    del server.routes["/bridge"]
    tram, bridge = iter_feed_pages(rss(server.base_url), "courier", fetcher)
    assert isinstance(tram, Page) and isinstance(tram.data, bytes)
    assert LONG_TEXT.strip()[:60] in tram.data.decode("utf-8")
    assert isinstance(bridge, Skip)
    assert bridge.reason is SkipReason.NOT_FOUND  # the fetch's own reason


def test_atom_with_fetcher_resolves_relative_links(
    server: LoopbackServer, fetcher: Fetcher
) -> None:
    feed_url = server.url("/atom.xml")
    tram, bridge = iter_feed_pages(atom(server.base_url), feed_url, fetcher)
    assert isinstance(tram, Page) and isinstance(bridge, Page)
    assert tram.title == "Tram line to reopen"
    assert tram.author == "Ada Brenner"
    assert tram.published == "2025-03-06T08:00:00Z"
    assert tram.source == "Marrowby Gazette"
    assert bridge.url == server.url("/bridge")
    assert bridge.published == "2025-03-07T10:00:00Z"  # falls back to <updated>
    assert bridge.origin == f"{feed_url}#{server.url('/bridge')}"


def test_atom_without_fetcher(server: LoopbackServer) -> None:
    tram, bridge = iter_feed_pages(atom(server.base_url), "gazette.atom", None)
    assert isinstance(tram, Page) and isinstance(tram.data, bytes)
    assert "Marrowby" in tram.data.decode("utf-8")
    assert isinstance(bridge, Skip)


def test_non_html_link_falls_back(server: LoopbackServer, fetcher: Fetcher) -> None:
    server.route("/tram", b"%PDF-1.4", content_type="application/pdf")
    server.route("/bridge", b"%PDF-1.4", content_type="application/pdf")
    tram, bridge = iter_feed_pages(rss(server.base_url), "courier", fetcher)
    assert isinstance(tram, Page)
    assert isinstance(bridge, Skip) and bridge.reason is SkipReason.UNSUPPORTED


def test_entry_without_link_uses_index() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>No link here</title><description>tiny</description></item>"
        b"</channel></rss>"
    )
    (item,) = iter_feed_pages(data, "f.xml", None)
    assert isinstance(item, Skip)
    assert item.origin == "f.xml#0"
    assert item.reason is SkipReason.EMPTY


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body><p>Just a web page, not a feed.</p></body></html>",
        b"<?xml version='1.0'?><rss version='2.0'><channel><title>cut sh",
        b"\x00\x01\x02 binary junk \xff\xfe",
        b"",
        b"/etc/passwd",  # must be parsed as data, never opened as a path
    ],
)
def test_broken_feed(data: bytes) -> None:
    (item,) = iter_feed_pages(data, "broken.xml", None)
    assert isinstance(item, Skip)
    assert item.reason is SkipReason.MALFORMED_FEED
    assert item.origin == "broken.xml"


def test_feed_with_no_entries() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    (item,) = iter_feed_pages(data, "quiet.xml", None)
    assert isinstance(item, Skip) and item.reason is SkipReason.EMPTY


def test_truncated_feed_keeps_recovered_entries(server: LoopbackServer, fetcher: Fetcher) -> None:
    data = rss(server.base_url)
    cut = data[: data.index(b"<title>Bridge closed")]
    items = list(iter_feed_pages(cut, "cut.xml", fetcher))
    assert isinstance(items[0], Page)
    assert items[0].url == server.url("/tram")
