"""A tiny HTTP server on 127.0.0.1 for tests: canned routes, delays, endless bodies.

Usage::

    with serve() as server:
        server.route("/a", b"<html>...</html>")
        server.redirect("/old", "/a")
        url = server.url("/a")
        ...
        assert server.requests[0].headers["User-Agent"].startswith("watchfloor/")

Unknown paths answer 404 (so robots.txt is missing unless routed). Nothing
outside 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Body = bytes | Callable[[], Iterable[bytes]]


@dataclass(frozen=True)
class Route:
    """A canned answer: status, headers and a body (bytes, or a chunk generator)."""

    status: int = 200
    body: Body = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds to wait before answering


@dataclass(frozen=True)
class SeenRequest:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival


@dataclass
class LoopbackServer:
    """The running server's routes, its request log and counters."""

    host: str
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    handlers: dict[str, Callable[[dict[str, str]], Route]] = field(default_factory=dict)
    requests: list[SeenRequest] = field(default_factory=list)
    bytes_sent: dict[str, int] = field(default_factory=dict)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(
        self,
        path: str,
        body: Body = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: Iterable[tuple[str, str]] = (),
        delay: float = 0.0,
    ) -> None:
        """Answer ``path`` with ``body``; a callable body is streamed without a length."""
        all_headers = list(headers)
        if content_type is not None:
            all_headers.append(("Content-Type", content_type))
        self.routes[path] = Route(status, body, tuple(all_headers), delay)

    def dynamic(self, path: str, answer: Callable[[dict[str, str]], Route]) -> None:
        """Answer ``path`` with whatever ``answer`` makes of the request's headers."""
        self.handlers[path] = answer

    def answer(self, path: str, headers: dict[str, str]) -> Route:
        handler = self.handlers.get(path)
        if handler is not None:
            return handler(headers)
        return self.routes.get(path, Route(404, b"not here", ()))

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.route(path, status=status, content_type=None, headers=[("Location", location)])

    def paths_seen(self) -> list[str]:
        with self.lock:
            return [request.path for request in self.requests]

    def record(self, request: SeenRequest) -> None:
        with self.lock:
            self.requests.append(request)

    def count_sent(self, path: str, size: int) -> None:
        with self.lock:
            self.bytes_sent[path] = self.bytes_sent.get(path, 0) + size


def _handler_for(server: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = dict(self.headers.items())
            server.record(SeenRequest(self.path, headers, time.monotonic()))
            route = server.answer(self.path, headers)
            if route.delay and server.stopping.wait(route.delay):
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self._answer(route)  # a careful client may hang up mid-body

        def _answer(self, route: Route) -> None:
            self.send_response(route.status)
            for name, value in route.headers:
                self.send_header(name, value)
            if isinstance(route.body, bytes):
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)
                return
            self.send_header("Connection", "close")
            self.end_headers()
            for chunk in route.body():
                if server.stopping.is_set():
                    return
                self.wfile.write(chunk)
                server.count_sent(self.path, len(chunk))

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output quiet

    return Handler


@contextmanager
def serve(tls: ssl.SSLContext | None = None) -> Iterator[LoopbackServer]:
    """Run a threaded HTTP server on a free port of 127.0.0.1 for the block's duration
    (HTTPS with the server context ``tls``)."""
    state = LoopbackServer("127.0.0.1", 0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(state))
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    state.port = int(httpd.server_address[1])
    thread = threading.Thread(
        target=httpd.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="loopback-http",
        daemon=True,
    )
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
