"""DNS rebinding over HTTPS: the guarded transport connects only to the address it
checked, and TLS still checks the certificate against the URL's host name.

A real HTTPS server on 127.0.0.1 plays the public site, with a certificate for
``secure.test``, ``rebind.test`` and ``flip.test`` signed by a test CA
(``tests/fixtures/tls``: made for these tests with openssl, valid to 2126; the
client trusts that CA through ``SSL_CERT_FILE``). A listener on 127.0.0.2 plays
the internal service and counts the connections it gets. The resolver and the
address policy are those of ``test_fetch_rebinding.py``: 127.0.0.1 counts as
public, 127.0.0.2 is loopback and blocked.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from loopback_server import LoopbackServer, serve
from test_fetch_rebinding import PAGE, Resolver, Trap, failure, fetcher, public_policy

from watchfloor.models import SkipReason

TLS = Path(__file__).parent / "fixtures" / "tls"

__all__ = ["public_policy"]  # the autouse address policy of test_fetch_rebinding.py


def serve_tls() -> AbstractContextManager[LoopbackServer]:
    """The loopback server over HTTPS, with the test CA's certificate."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(TLS / "server.pem", TLS / "server.key")
    return serve(context)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackServer]:
    monkeypatch.setenv("SSL_CERT_FILE", str(TLS / "ca.pem"))
    with serve_tls() as running:
        yield running


@pytest.fixture
def trap(server: LoopbackServer) -> Iterator[Trap]:
    listener = Trap(server.port)
    yield listener
    listener.close()


def test_https_reaches_the_checked_address_and_verifies_the_url_host(
    server: LoopbackServer,
) -> None:
    server.route("/story", PAGE)
    resolver = Resolver({"secure.test": [["127.0.0.1"]]})
    with fetcher(resolver) as client:
        fetched = client.get(f"https://secure.test:{server.port}/story")
    assert fetched.body == PAGE
    assert server.requests[0].headers["Host"] == f"secure.test:{server.port}"


def test_https_certificate_is_checked_against_the_url_host(server: LoopbackServer) -> None:
    server.route("/story", PAGE)
    resolver = Resolver({"other.test": [["127.0.0.1"]]})  # not a name on the certificate
    error = failure(resolver, f"https://other.test:{server.port}/story")
    assert error.reason is SkipReason.FETCH_ERROR
    assert server.paths_seen() == []


def test_https_host_that_rebinds_to_a_private_address_is_refused(
    server: LoopbackServer, trap: Trap
) -> None:
    server.route("/story", PAGE)
    # public when the URL is checked, loopback when the connection resolves it again
    resolver = Resolver({"rebind.test": [["127.0.0.1"], ["127.0.0.2"]]})
    error = failure(resolver, f"https://rebind.test:{server.port}/story")
    assert error.reason is SkipReason.BLOCKED_ADDRESS
    assert "127.0.0.2" in error.detail
    assert trap.accepted == 0
    assert server.paths_seen() == []


def test_https_redirect_to_a_host_that_rebinds_is_refused(
    server: LoopbackServer, trap: Trap
) -> None:
    server.redirect("/old", f"https://flip.test:{server.port}/admin")
    resolver = Resolver(
        {"secure.test": [["127.0.0.1"]], "flip.test": [["127.0.0.1"], ["127.0.0.2"]]}
    )
    error = failure(resolver, f"https://secure.test:{server.port}/old")
    assert error.reason is SkipReason.BLOCKED_ADDRESS
    assert trap.accepted == 0
    assert server.paths_seen() == ["/old"]
