"""DNS rebinding: the fetcher connects only to the address it checked, on every hop.

A real HTTP server on 127.0.0.1 plays a public web server, and a listening socket
on 127.0.0.2 (same port) plays the internal service an attacker wants reached: it
records every connection it accepts. A resolver the test controls answers for the
made-up host names; the address policy counts 127.0.0.1 and 127.0.0.3 as public and
everything else as the real policy says (loopback: blocked).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator

import pytest
from loopback_server import LoopbackServer, serve

from watchfloor.models import SkipError, SkipReason
from watchfloor.sources import addresses
from watchfloor.sources.fetch import FetchConfig, Fetcher

PUBLIC = {"127.0.0.1", "127.0.0.3"}
PAGE = b"<html><body><p>The harbour reopened on Monday.</p></body></html>"


class Trap:
    """A listener on 127.0.0.2 that counts the connections it accepts."""

    def __init__(self, port: int) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.2", port))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.accepted = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


class Resolver:
    """Answers from a script: host -> list of answers, the last one repeated."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        script = self.answers.get(host)
        if script is None:
            raise socket.gaierror(socket.EAI_NONAME, "unknown host")
        seen = self.calls.count(host)
        return script[min(seen, len(script)) - 1]


@pytest.fixture(autouse=True)
def public_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    real = addresses.is_blocked_ip

    def blocked(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return str(ip) not in PUBLIC and real(ip)

    monkeypatch.setattr(addresses, "is_blocked_ip", blocked)


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    with serve() as running:
        yield running


@pytest.fixture
def trap(server: LoopbackServer) -> Iterator[Trap]:
    listener = Trap(server.port)
    yield listener
    listener.close()


def fetcher(resolver: Resolver) -> Fetcher:
    config = FetchConfig(per_host_delay=0.0, timeout=2.0, respect_robots=False)
    return Fetcher(config, resolver=resolver)


def failure(resolver: Resolver, url: str) -> SkipError:
    with fetcher(resolver) as client, pytest.raises(SkipError) as caught:
        client.get(url)
    return caught.value


def test_connects_to_the_checked_address_with_the_url_host(server: LoopbackServer) -> None:
    server.route("/story", PAGE)
    resolver = Resolver({"news.test": [["127.0.0.1"]]})
    with fetcher(resolver) as client:
        fetched = client.get(f"http://news.test:{server.port}/story")
    assert fetched.body == PAGE
    assert server.requests[0].headers["Host"] == f"news.test:{server.port}"


def test_rebinding_after_the_check_never_reaches_the_new_address(
    server: LoopbackServer, trap: Trap
) -> None:
    server.route("/story", PAGE)
    # public when the hop is checked, internal when the connection resolves again
    resolver = Resolver({"rebind.test": [["127.0.0.1"], ["127.0.0.2"]]})
    error = failure(resolver, f"http://rebind.test:{server.port}/story")
    assert error.reason is SkipReason.BLOCKED_ADDRESS
    assert "127.0.0.2" in error.detail
    assert trap.accepted == 0
    assert server.paths_seen() == []


def test_every_redirect_is_checked_at_connection_time(server: LoopbackServer, trap: Trap) -> None:
    server.redirect("/old", f"http://inside.test:{server.port}/admin")
    resolver = Resolver({"news.test": [["127.0.0.1"]], "inside.test": [["127.0.0.2"]]})
    error = failure(resolver, f"http://news.test:{server.port}/old")
    assert error.reason is SkipReason.BLOCKED_ADDRESS
    assert trap.accepted == 0
    assert server.paths_seen() == ["/old"]


def test_redirect_to_a_host_that_rebinds_is_refused(server: LoopbackServer, trap: Trap) -> None:
    server.redirect("/old", f"http://flip.test:{server.port}/admin")
    resolver = Resolver({"news.test": [["127.0.0.1"]], "flip.test": [["127.0.0.1"], ["127.0.0.2"]]})
    error = failure(resolver, f"http://news.test:{server.port}/old")
    assert error.reason is SkipReason.BLOCKED_ADDRESS
    assert trap.accepted == 0


def test_one_internal_address_among_public_ones_blocks(server: LoopbackServer, trap: Trap) -> None:
    resolver = Resolver({"mixed.test": [["127.0.0.1", "127.0.0.2"]]})
    error = failure(resolver, f"http://mixed.test:{server.port}/story")
    assert error.reason is SkipReason.BLOCKED_ADDRESS
    assert trap.accepted == 0 and server.paths_seen() == []


def test_an_unreachable_checked_address_falls_through_to_the_next(server: LoopbackServer) -> None:
    server.route("/story", PAGE)
    resolver = Resolver({"two.test": [["127.0.0.3", "127.0.0.1"]]})  # nothing on .3
    with fetcher(resolver) as client:
        assert client.get(f"http://two.test:{server.port}/story").body == PAGE


def test_unknown_host_is_a_fetch_error(server: LoopbackServer) -> None:
    error = failure(Resolver({}), f"http://nowhere.test:{server.port}/")
    assert error.reason is SkipReason.FETCH_ERROR


def test_answer_that_is_no_address_is_blocked() -> None:
    with pytest.raises(SkipError) as caught:
        addresses.checked_addresses("odd.test", 80, lambda host, port: ["not-an-ip"])
    assert caught.value.reason is SkipReason.BLOCKED_ADDRESS
