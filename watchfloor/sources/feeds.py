"""RSS and Atom feeds: one page per entry, fetched from its link or taken from its content.

Each entry's link is followed through the :class:`~watchfloor.sources.fetch.Fetcher`
when one is given; the entry's title, date and author and the feed's title
travel as hints on the page. Without a fetcher, or when the fetch fails, an
entry whose own content is substantial (a full-text feed) becomes the page.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from watchfloor.models import Page, PageKind, Skip, SkipError, SkipReason
from watchfloor.sources.fetch import Fetcher, classify, html_page

MIN_CONTENT_CHARS = 500
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HTML_CONTENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", ""})


@dataclass(frozen=True)
class _Hints:
    """What an entry and its feed say about the article."""

    title: str | None
    published: str | None
    author: str | None
    source: str | None


def iter_feed_pages(
    data: bytes,
    origin: str,
    fetcher: Fetcher | None,
    *,
    base_url: str | None = None,
    encoding: str | None = None,
    min_content_chars: int = MIN_CONTENT_CHARS,
    keep: Callable[[str], bool] | None = None,
) -> Iterator[Page | Skip]:
    """Yield one Page or Skip per entry of the RSS/Atom document ``data``.

    ``base_url`` resolves relative links (default: ``origin`` when it is an
    http(s) URL); ``encoding`` is the charset declared by the transport, if any.
    ``keep``, given an entry's origin, says whether to read the entry at all
    (a follower skips the entries it has taken before, unfetched).
    """
    parsed = _parse(data, base_url or _url_or_none(origin), encoding)
    if isinstance(parsed, SkipError):
        yield Skip(origin, parsed.reason, parsed.detail)
        return
    source = _text(parsed.feed, "title")
    for index, entry in enumerate(parsed.entries):
        if keep is None or keep(entry_origin(origin, entry, index)):
            yield _entry_item(entry, index, origin, fetcher, source, min_content_chars)


def entry_origin(feed_origin: str, entry: Any, index: int) -> str:
    """The origin of a feed entry's page: the feed's, then '#' and its link (or index)."""
    return f"{feed_origin}#{_entry_link(entry) or index}"


def _parse(
    data: bytes, base_url: str | None, encoding: str | None
) -> feedparser.FeedParserDict | SkipError:
    """Parse with feedparser from a stream (never a path or URL); errors as SkipError."""
    headers = {"content-location": base_url} if base_url else {}
    if encoding:
        headers["content-type"] = f"application/xml; charset={encoding}"
    try:
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser should not raise; never let bad input escape
        return SkipError(SkipReason.MALFORMED_FEED, f"{type(exc).__name__}: {exc}")
    if parsed.entries:
        return parsed
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        return SkipError(SkipReason.MALFORMED_FEED, f"not a readable feed: {problem}")
    if not parsed.get("version"):
        return SkipError(SkipReason.MALFORMED_FEED, "not an RSS or Atom document")
    return SkipError(SkipReason.EMPTY, "feed has no entries")


def _entry_item(
    entry: Any,
    index: int,
    feed_origin: str,
    fetcher: Fetcher | None,
    source: str | None,
    min_content_chars: int,
) -> Page | Skip:
    link = _entry_link(entry)
    origin = entry_origin(feed_origin, entry, index)
    hints = _Hints(
        title=_text(entry, "title"),
        published=_text(entry, "published") or _text(entry, "updated"),
        author=_text(entry, "author"),
        source=source,
    )
    failure: SkipError
    if link is None:
        failure = SkipError(SkipReason.EMPTY, "entry has no link")
    elif fetcher is None:
        failure = SkipError(SkipReason.EMPTY, "no fetcher to follow the entry's link")
    else:
        try:
            return _fetch_entry(fetcher, link, origin, hints)
        except SkipError as exc:
            failure = exc
    content = _best_content(entry)
    if content is not None and _text_length(content) >= min_content_chars:
        return _content_page(content, origin, link, hints)
    detail = failure.detail
    if failure.reason is SkipReason.EMPTY:
        detail = f"{detail}, and its content is under {min_content_chars} characters"
    return Skip(origin, failure.reason, detail)


def _fetch_entry(fetcher: Fetcher, link: str, origin: str, hints: _Hints) -> Page:
    fetched = fetcher.get(link)
    if classify(fetched) != "html":
        raise SkipError(
            SkipReason.UNSUPPORTED,
            f"content type {fetched.content_type or 'unknown'} at {fetched.url}",
        )
    return html_page(
        fetched,
        origin,
        title=hints.title,
        published=hints.published,
        author=hints.author,
        source=hints.source,
    )


def _content_page(content: str, origin: str, link: str | None, hints: _Hints) -> Page:
    return Page(
        origin=origin,
        kind=PageKind.HTML,
        data=content.encode("utf-8"),
        url=link,
        encoding="utf-8",
        title=hints.title,
        published=hints.published,
        author=hints.author,
        source=hints.source,
    )


def _entry_link(entry: Any) -> str | None:
    """The entry's article URL: its link, else an id that is a URL."""
    for key in ("link", "id"):
        value = _text(entry, key)
        if value and value.lower().startswith(("http://", "https://")):
            return value
    return None


def _best_content(entry: Any) -> str | None:
    """The longest of the entry's full content (content:encoded, atom:content) or summary."""
    candidates: list[str] = []
    for item in entry.get("content") or []:
        value = item.get("value")
        kind = str(item.get("type") or "").lower()
        if isinstance(value, str) and kind in _HTML_CONTENT_TYPES:
            candidates.append(value)
    summary = entry.get("summary")
    if isinstance(summary, str):
        candidates.append(summary)
    return max(candidates, key=len, default=None)


def _text_length(markup: str) -> int:
    """Characters of visible text in an HTML fragment, whitespace collapsed."""
    text = html.unescape(_TAG.sub(" ", markup))
    return len(_SPACE.sub(" ", text).strip())


def _text(mapping: Any, key: str) -> str | None:
    value = mapping.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _url_or_none(origin: str) -> str | None:
    return origin if origin.lower().startswith(("http://", "https://")) else None
