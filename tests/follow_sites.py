"""Local sites for the follower's tests: news feeds that grow, and a webhook receiver.

Both run on 127.0.0.1 only. A :class:`NewsSite` serves an RSS feed on the
:mod:`loopback_server` with an ETag and answers ``304`` when the client already
has the current version; it can be switched to failing (HTTP 500) or slow. The
:class:`WebhookReceiver` checks each POST's signature with the shared secret,
fails its first requests when asked, and keeps every delivery it accepted.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import html
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from loopback_server import LoopbackServer, Route

# Hand-written reports: two outlets on one sanctions decision, one unrelated story.
SANCTIONS_A = (
    "EU adopts sanctions against Russia",
    "The European Union imposed new sanctions on Russia on Monday over the war in Ukraine, "
    "ministers meeting in Brussels said.\n\nThe measures freeze the assets of nine Russian "
    "banks and ban imports of Russian steel from August.\n\nThe Kremlin said the decision "
    "would hurt Europe more than Russia.",
)
SANCTIONS_B = (
    "Brussels targets Russian banks with new sanctions",
    "The European Union imposed sanctions on Russia on Monday, freezing the assets of nine "
    "Russian banks and banning steel imports.\n\nEuropean ministers agreed on the package "
    "after long talks, diplomats said.",
)
FLOODS = (
    "Floods close roads in the north",
    "Heavy rain flooded roads across the northern province on Monday and the regional "
    "weather office warned of more rain during the week.\n\nSchools stayed closed in three "
    "towns while crews cleared mud from the main highway.",
)

BOMBING = (
    "Market bombing kills 42",
    "At least 42 people were killed when a car bomb exploded at a market in the northern city "
    "on Sunday, the health ministry said.\n\nPolice said 17 suspects had been arrested after "
    "the attack, and officials warned the toll could rise.",
)


def article_html(title: str, text: str, outlet: str, published: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>"
        f'<meta property="og:site_name" content="{html.escape(outlet)}">'
        f'<meta property="article:published_time" content="{published}">'
        f"</head><body><article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
        "</body></html>"
    ).encode()


@dataclass
class NewsSite:
    """One outlet: pages under /NAME/..., an RSS feed at /NAME/feed.xml with ETags."""

    server: LoopbackServer
    name: str
    outlet: str
    items: list[tuple[str, str, str]] = field(default_factory=list)  # path, title, published
    mode: str = "ok"  # ok, error (HTTP 500) or slow
    slow_seconds: float = 3.0
    full_answers: int = 0  # 200 answers with the whole feed
    not_modified: int = 0
    etags: bool = True  # False: Last-Modified alone tells versions apart

    def __post_init__(self) -> None:
        self.server.dynamic(self.feed_path, self._answer)

    @property
    def feed_path(self) -> str:
        return f"/{self.name}/feed.xml"

    @property
    def feed_url(self) -> str:
        return self.server.url(self.feed_path)

    def publish(
        self, slug: str, title: str, text: str, day: str = "2026-03-02", delay: float = 0.0
    ) -> str:
        """Add an article page (answered after ``delay`` seconds) and its feed entry."""
        path = f"/{self.name}/{slug}"
        published = f"{day}T09:00:00+00:00"
        self.server.route(path, article_html(title, text, self.outlet, published), delay=delay)
        self.items.insert(0, (path, title, published))
        return self.server.url(path)

    def _etag(self) -> str:
        return f'"{self.name}-{len(self.items)}"'

    def _last_modified(self) -> str:
        """A minute later with each item after the first."""
        changed = datetime(2026, 3, 2, tzinfo=UTC) + timedelta(minutes=max(len(self.items) - 1, 0))
        return format_datetime(changed, usegmt=True)

    def _answer(self, headers: dict[str, str]) -> Route:
        lower = {k.lower(): v for k, v in headers.items()}
        if self.mode == "error":
            return Route(500, b"broken", (("Content-Type", "text/plain"),))
        delay = self.slow_seconds if self.mode == "slow" else 0.0
        validators = (("ETag", self._etag()),) if self.etags else ()
        validators += (("Last-Modified", self._last_modified()),)
        if (self.etags and lower.get("if-none-match") == self._etag()) or (
            not self.etags and lower.get("if-modified-since") == self._last_modified()
        ):
            self.not_modified += 1
            return Route(304, b"", validators, delay)
        self.full_answers += 1
        headers_out = (("Content-Type", "application/rss+xml; charset=utf-8"), *validators)
        return Route(200, self._rss(), headers_out, delay)

    def _rss(self) -> bytes:
        entries = "".join(
            f"<item><title>{html.escape(title)}</title>"
            f"<link>{self.server.url(path)}</link><guid>{self.server.url(path)}</guid>"
            f"<pubDate>{format_datetime(datetime.fromisoformat(published))}</pubDate></item>"
            for path, title, published in self.items
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{html.escape(self.outlet)}</title><link>{self.server.url('/')}</link>"
            f"<description>news</description>{entries}</channel></rss>"
        ).encode()


@dataclass
class Delivery:
    delivery_id: str
    body: dict[str, Any]
    signature_ok: bool
    at: float = field(default_factory=time.time)  # when it arrived


@dataclass
class WebhookReceiver:
    """Accepts signed POSTs; the first ``fail_first`` requests get HTTP 500.

    With ``hold`` set, a request waits until it is cleared, then fails (503) unrecorded:
    the sender can be killed while its POST is in flight.
    """

    secret: str
    fail_first: int = 0
    hold: threading.Event = field(default_factory=threading.Event)
    held: int = 0
    port: int = 0
    attempts: int = 0
    deliveries: list[Delivery] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def accepted_ids(self) -> list[str]:
        with self.lock:
            return [d.delivery_id for d in self.deliveries]

    def handle(self, headers: dict[str, str], raw: bytes) -> int:
        if self.hold.is_set():
            with self.lock:
                self.held += 1
            while self.hold.is_set():
                time.sleep(0.05)
            return 503
        with self.lock:
            self.attempts += 1
            if self.attempts <= self.fail_first:
                return 500
            signature = headers.get("x-watchfloor-signature", "")
            ok = _verify(self.secret, signature, raw)
            self.deliveries.append(
                Delivery(headers.get("x-watchfloor-delivery", ""), json.loads(raw), ok)
            )
            return 200 if ok else 401


def _verify(secret: str, header: str, raw: bytes) -> bool:
    """The receiver's own check, written from the documented scheme (not the sender's code)."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    if "t" not in parts or "v1" not in parts:
        return False
    expected = hmac.new(secret.encode(), parts["t"].encode() + b"." + raw, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), parts["v1"])


@contextlib.contextmanager
def receiver(secret: str, fail_first: int = 0) -> Iterator[WebhookReceiver]:
    state = WebhookReceiver(secret, fail_first)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            status = state.handle(headers, raw)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.port = int(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
