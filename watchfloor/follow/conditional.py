"""Conditional GET on top of the guarded :class:`~watchfloor.sources.fetch.Fetcher`.

The fetcher keeps every check (addresses, robots.txt, per-host delay, size and
time limits); this subclass only adds ``If-None-Match`` / ``If-Modified-Since``
to the first request for a URL polled with validators, through the HTTP
client's request hook, and notes each response's status and validators through
its response hook. A ``304 Not Modified`` comes back as :data:`NOT_MODIFIED`:
nothing is downloaded, and nothing is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import httpx

from watchfloor.models import SkipError
from watchfloor.sources.fetch import FetchConfig, Fetched, Fetcher


@dataclass(frozen=True)
class Validators:
    """What a server said identifies the version it sent (either may be missing)."""

    etag: str | None = None
    last_modified: str | None = None


class NotModified:
    """The server's answer when the resource is unchanged since the validators."""


NOT_MODIFIED: Final = NotModified()


@dataclass(frozen=True)
class Polled:
    """A changed resource and its new validators."""

    fetched: Fetched
    validators: Validators


class ConditionalFetcher(Fetcher):
    """A :class:`Fetcher` that can ask "only if changed" for one URL at a time."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        super().__init__(config)
        self._asking: tuple[str, Validators] | None = None
        self._seen: dict[str, tuple[int, Validators]] = {}  # url -> status, validators
        self.add_hooks(request=self._add_validators, response=self._note_response)

    def poll(self, url: str, validators: Validators | None = None) -> Polled | NotModified:
        """GET ``url``, conditionally when validators are given; SkipError on failure."""
        self._seen.clear()
        self._asking = (str(httpx.URL(url).copy_with(fragment=None)), validators or Validators())
        try:
            fetched = self.get(url)
        except SkipError:
            if any(status == 304 for status, _ in self._seen.values()):
                return NOT_MODIFIED
            raise
        finally:
            self._asking = None
        status_validators = self._seen.get(fetched.url)
        return Polled(fetched, status_validators[1] if status_validators else Validators())

    def _add_validators(self, request: httpx.Request) -> None:
        if self._asking is None or str(request.url) != self._asking[0]:
            return
        validators = self._asking[1]
        if validators.etag:
            request.headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            request.headers["If-Modified-Since"] = validators.last_modified

    def _note_response(self, response: httpx.Response) -> None:
        if self._asking is None:
            return
        headers = response.headers
        found = Validators(headers.get("etag"), headers.get("last-modified"))
        self._seen[str(response.request.url)] = (response.status_code, found)
