"""A polite, defensive HTTP fetcher and the URL source built on it.

The :class:`Fetcher` follows redirects itself so that every hop is checked:
the scheme must be http(s), the host must not resolve to a private or
otherwise special address (unless allowed), robots.txt must allow the path,
and requests to one host are spaced by ``per_host_delay``. Bodies are
streamed and abandoned past ``max_bytes``. The address check is made again
as each connection opens, and the connection goes to the very address checked
(:mod:`watchfloor.sources.addresses`: no DNS rebinding). Every failure is a
:class:`~watchfloor.models.SkipError` with a :class:`~watchfloor.models.SkipReason`.
"""

from __future__ import annotations

import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urljoin

import httpx

from watchfloor import __version__
from watchfloor.models import Page, PageKind, Skip, SkipError, SkipReason
from watchfloor.sources.addresses import (
    GuardedTransport,
    Resolver,
    check_host,
    is_blocked_ip,
    system_resolver,
)

__all__ = ["FetchConfig", "Fetched", "Fetcher", "check_host", "is_blocked_ip", "iter_url_pages"]

DEFAULT_USER_AGENT = f"watchfloor/{__version__} (+https://github.com/watchfloor/watchfloor)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_FOUND_STATUSES = frozenset({404, 410})
ROBOTS_MAX_BYTES = 512 * 1024
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
SNIFF_TYPES = frozenset(
    {"application/xml", "text/xml", "text/plain", "application/octet-stream", "binary/octet-stream"}
)
_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<![^>]*>)", re.DOTALL)
_FIRST_TAG = re.compile(rb"\s*<([A-Za-z][\w:.-]*)")
_FEED_ROOTS = frozenset({b"rss", b"feed", b"rdf:rdf"})


@dataclass
class FetchConfig:
    """How the fetcher behaves; the defaults are polite and safe."""

    timeout: float = 20.0  # connect and read timeout, seconds
    max_bytes: int = 10 * 1024 * 1024  # larger bodies are abandoned -> TOO_LARGE
    max_redirects: int = 5
    per_host_delay: float = 1.0  # seconds between two requests to the same host
    respect_robots: bool = True
    allow_private: bool = False  # allow private, loopback, link-local ... addresses
    user_agent: str = DEFAULT_USER_AGENT
    max_duration: float = 120.0  # wall-clock limit for one response body, seconds


@dataclass(frozen=True)
class Fetched:
    """A successful (2xx) response, after redirects."""

    url: str  # final URL
    status: int
    content_type: str | None  # media type only, lower case, no parameters
    encoding: str | None  # the charset parameter of Content-Type, if any
    body: bytes


@dataclass(frozen=True)
class _Response:
    """One hop's outcome: status, headers of interest, and the body for 2xx."""

    status: int
    location: str | None
    content_type: str | None
    encoding: str | None
    body: bytes = b""


_Robots = tuple[urllib.robotparser.RobotFileParser, str]  # parser, note for details


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into (media type, charset), both lower case."""
    if not value:
        return None, None
    parts = value.split(";")
    mime = parts[0].strip().lower() or None
    charset: str | None = None
    for param in parts[1:]:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").strip().lower() or None
    return mime, charset


def looks_like_html(body: bytes) -> bool:
    """True when the start of a body looks like an HTML document."""
    head = body[:4096].lower()
    return b"<html" in head or b"<!doctype html" in head


def looks_like_feed(body: bytes) -> bool:
    """True when the document's root element is rss, feed (Atom) or rdf:RDF."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    position = 0
    while match := _PROLOGUE.match(head, position):
        if match.end() == position:
            break
        position = match.end()
    tag = _FIRST_TAG.match(head, position)
    return tag is not None and tag.group(1).lower() in _FEED_ROOTS


def classify(fetched: Fetched) -> str:
    """Say what a fetched body is: "html", "feed" or "other"."""
    mime = fetched.content_type
    if mime in FEED_TYPES or looks_like_feed(fetched.body):
        return "feed"
    if mime in HTML_TYPES:
        return "html"
    if (mime is None or mime in SNIFF_TYPES) and looks_like_html(fetched.body):
        return "html"
    return "other"


def html_page(
    fetched: Fetched,
    origin: str,
    *,
    title: str | None = None,
    published: str | None = None,
    author: str | None = None,
    source: str | None = None,
) -> Page:
    """Wrap a fetched HTML body as a :class:`Page` with the container's hints."""
    return Page(
        origin=origin,
        kind=PageKind.HTML,
        data=fetched.body,
        url=fetched.url,
        encoding=fetched.encoding,
        title=title,
        published=published,
        author=author,
        source=source,
    )


class Fetcher:
    """A synchronous, polite HTTP client; use as a context manager or call close()."""

    def __init__(self, config: FetchConfig | None = None, resolver: Resolver | None = None) -> None:
        self.config = config or FetchConfig()
        self._resolver = resolver or system_resolver
        self._last_request: dict[str, float] = {}  # host -> time.monotonic()
        self._robots: dict[str, _Robots] = {}  # scheme://host:port -> rules
        self._client = httpx.Client(
            transport=GuardedTransport(self._resolver, self.config.allow_private),
            follow_redirects=False,
            timeout=httpx.Timeout(self.config.timeout),
            headers={"User-Agent": self.config.user_agent},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def add_hooks(
        self,
        request: Callable[[httpx.Request], None] | None = None,
        response: Callable[[httpx.Response], None] | None = None,
    ) -> None:
        """Call ``request`` on each request before it is sent (it may add headers) and
        ``response`` on each answer once its headers are in (every hop, redirects and
        robots.txt included); the checks and limits of :meth:`get` stay as they are."""
        hooks = self._client.event_hooks
        if request is not None:
            hooks["request"].append(request)
        if response is not None:
            hooks["response"].append(response)

    def get(self, url: str) -> Fetched:
        """Fetch ``url`` following checked redirects; raise SkipError unless 2xx."""
        final_url, response = self._follow(url, self.config.max_bytes, check_robots=True)
        if response.status in NOT_FOUND_STATUSES:
            raise SkipError(SkipReason.NOT_FOUND, f"HTTP {response.status} for {final_url}")
        if not 200 <= response.status < 300:
            raise SkipError(SkipReason.FETCH_ERROR, f"HTTP {response.status} for {final_url}")
        return Fetched(
            url=final_url,
            status=response.status,
            content_type=response.content_type,
            encoding=response.encoding,
            body=response.body,
        )

    def _follow(self, url: str, max_bytes: int, *, check_robots: bool) -> tuple[str, _Response]:
        current = url
        for _ in range(self.config.max_redirects + 1):
            target = self._check_hop(current, check_robots=check_robots)
            response = self._request(target, max_bytes)
            if response.status not in REDIRECT_STATUSES or not response.location:
                return str(target), response
            current = urljoin(str(target), response.location)
        raise SkipError(
            SkipReason.TOO_MANY_REDIRECTS,
            f"more than {self.config.max_redirects} redirects from {url} (last: {current})",
        )

    def _check_hop(self, url: str, *, check_robots: bool) -> httpx.URL:
        target = _parse_url(url)
        if not self.config.allow_private:
            check_host(target.raw_host.decode("ascii"), _port(target), self._resolver)
        if check_robots and self.config.respect_robots:
            self._check_robots(target)
        return target

    def _check_robots(self, target: httpx.URL) -> None:
        key = f"{target.scheme}://{_host_key(target)}:{_port(target)}"
        if key not in self._robots:
            self._robots[key] = self._load_robots(target)
        parser, note = self._robots[key]
        if not parser.can_fetch(self.config.user_agent, str(target)):
            note = f" ({note})" if note else ""
            raise SkipError(SkipReason.ROBOTS, f"robots.txt disallows {target}{note}")

    def _load_robots(self, target: httpx.URL) -> _Robots:
        """Fetch and parse robots.txt (RFC 9309): 4xx allows all, 5xx disallows all.

        A host that cannot be reached (timeout, connection error) raises that
        error and is not cached; other failures count as "no robots.txt".
        """
        robots_url = str(target.copy_with(path="/robots.txt", query=None, fragment=None))
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            _, response = self._follow(robots_url, ROBOTS_MAX_BYTES, check_robots=False)
        except SkipError as exc:
            if exc.reason in (SkipReason.TIMEOUT, SkipReason.FETCH_ERROR):
                raise SkipError(exc.reason, f"robots.txt: {exc.detail}") from exc
            parser.parse([])  # unavailable: no rules, everything allowed
            return parser, ""
        if 200 <= response.status < 300:
            parser.parse(response.body.decode("utf-8", errors="replace").splitlines())
        elif response.status >= 500 or response.status in REDIRECT_STATUSES:
            parser.parse(["User-agent: *", "Disallow: /"])
            return parser, f"robots.txt unreachable: HTTP {response.status}"
        else:
            parser.parse([])
        return parser, ""

    def _request(self, target: httpx.URL, max_bytes: int) -> _Response:
        self._wait_turn(target)
        try:
            with self._client.stream("GET", target) as resp:
                return self._read_response(resp, max_bytes)
        except httpx.TimeoutException as exc:
            detail = f"{type(exc).__name__} after {self.config.timeout:g} s for {target}"
            raise SkipError(SkipReason.TIMEOUT, detail) from exc
        except httpx.HTTPError as exc:
            detail = f"{type(exc).__name__} for {target}: {exc}"
            raise SkipError(SkipReason.FETCH_ERROR, detail) from exc
        finally:
            self._last_request[_host_key(target)] = time.monotonic()

    def _wait_turn(self, target: httpx.URL) -> None:
        last = self._last_request.get(_host_key(target))
        if last is not None:
            remaining = last + self.config.per_host_delay - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)

    def _read_response(self, resp: httpx.Response, max_bytes: int) -> _Response:
        mime, charset = parse_content_type(resp.headers.get("content-type"))
        status = resp.status_code
        location = resp.headers.get("location")
        if not 200 <= status < 300:
            return _Response(status, location, mime, charset)
        body = self._read_body(resp, max_bytes)
        return _Response(status, location, mime, charset, body)

    def _read_body(self, resp: httpx.Response, max_bytes: int) -> bytes:
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise SkipError(
                SkipReason.TOO_LARGE,
                f"{resp.url} declares {declared} bytes, limit is {max_bytes}",
            )
        deadline = time.monotonic() + self.config.max_duration
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise SkipError(SkipReason.TOO_LARGE, f"{resp.url} body exceeds {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise SkipError(
                    SkipReason.TIMEOUT,
                    f"{resp.url} body took over {self.config.max_duration:g} s",
                )
            chunks.append(chunk)
        return b"".join(chunks)


def _parse_url(url: str) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise SkipError(SkipReason.FETCH_ERROR, f"invalid URL {url!r}: {exc}") from exc
    if target.scheme not in ("http", "https"):
        raise SkipError(SkipReason.FETCH_ERROR, f"unsupported URL scheme in {url!r}")
    if not target.host:
        raise SkipError(SkipReason.FETCH_ERROR, f"no host in URL {url!r}")
    return target.copy_with(fragment=None)


def _port(target: httpx.URL) -> int:
    if target.port is not None:
        return target.port
    return 443 if target.scheme == "https" else 80


def _host_key(target: httpx.URL) -> str:
    return target.host.lower()


def iter_url_pages(url: str, fetcher: Fetcher) -> Iterator[Page | Skip]:
    """Fetch one URL: an HTML page gives one Page, a feed gives its entries' pages."""
    try:
        fetched = fetcher.get(url)
    except SkipError as exc:
        yield Skip(url, exc.reason, exc.detail)
        return
    if not fetched.body.strip():
        yield Skip(url, SkipReason.EMPTY, f"empty body from {fetched.url}")
        return
    kind = classify(fetched)
    if kind == "html":
        yield html_page(fetched, url)
    elif kind == "feed":
        from watchfloor.sources.feeds import iter_feed_pages  # feeds imports this module

        yield from iter_feed_pages(
            fetched.body, url, fetcher, base_url=fetched.url, encoding=fetched.encoding
        )
    else:
        detail = f"content type {fetched.content_type or 'unknown'} at {fetched.url}"
        yield Skip(url, SkipReason.UNSUPPORTED, detail)
