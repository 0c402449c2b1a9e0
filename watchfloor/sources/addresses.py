"""Which addresses the fetcher may reach, and connections made only to checked ones.

DNS rebinding: a host can resolve to a public address when it is checked and to a
private one a moment later, when the HTTP client resolves it again to connect. The
:class:`GuardedTransport` closes that gap. httpx asks its network backend for every new
TCP connection, first hop or redirect alike; :class:`GuardedBackend` resolves the host
once, refuses the connection if any address is not public, and connects to one of the
very addresses it checked. The TLS layer still gets the URL's host name (SNI and the
certificate check) and the Host header comes from the URL, so virtual hosts and HTTPS
work as before.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable

import httpcore
import httpx

from watchfloor.models import SkipError, SkipReason

# host, port -> the host's addresses, as text ("192.0.2.7", "2001:db8::1", "fe80::1%eth0")
Resolver = Callable[[str, int], list[str]]
_SocketOption = (
    tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]
)


def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses from the operating system's resolver, in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_blocked_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True for addresses a crawler must not reach unless explicitly allowed."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def checked_addresses(
    host: str, port: int, resolver: Resolver = system_resolver, allow_private: bool = False
) -> list[str]:
    """Resolve ``host`` once; its addresses, or BLOCKED_ADDRESS if any is non-public."""
    try:
        addresses = list(resolver(host, port))
    except (OSError, UnicodeError) as exc:
        raise SkipError(SkipReason.FETCH_ERROR, f"cannot resolve host {host!r}: {exc}") from exc
    if not addresses:
        raise SkipError(SkipReason.FETCH_ERROR, f"no address for host {host!r}")
    if not allow_private:
        for address in addresses:
            if _blocked(address):
                raise SkipError(
                    SkipReason.BLOCKED_ADDRESS, f"host {host!r} resolves to non-public {address}"
                )
    return addresses


def check_host(host: str, port: int, resolver: Resolver = system_resolver) -> None:
    """Resolve ``host`` and raise BLOCKED_ADDRESS if any address is non-public."""
    checked_addresses(host, port, resolver)


def _blocked(address: str) -> bool:
    try:
        return is_blocked_ip(ipaddress.ip_address(address.split("%", 1)[0]))  # no zone id
    except ValueError:
        return True  # not an address at all: nothing to connect to safely


class GuardedBackend(httpcore.NetworkBackend):
    """TCP connections only to addresses checked in the same step (see the module)."""

    def __init__(self, resolver: Resolver, allow_private: bool) -> None:
        self.resolver = resolver
        self.allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[_SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = checked_addresses(host, port, self.resolver, self.allow_private)
        failure: Exception | None = None
        for address in addresses:  # like socket.create_connection: the first that answers
            try:
                return self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # checked_addresses never returns an empty list
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[_SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("the fetcher connects over TCP only")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (TLS, pooling, error mapping) on a :class:`GuardedBackend`."""

    def __init__(self, resolver: Resolver = system_resolver, allow_private: bool = False) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=GuardedBackend(resolver, allow_private),
            max_connections=100,  # httpx's own defaults
            max_keepalive_connections=20,
            keepalive_expiry=5.0,
        )
