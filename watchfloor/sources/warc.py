"""WARC archives (.warc and .warc.gz): one page per archived HTML response.

Only ``response`` records with HTTP status 200 and an HTML content type become
pages; requests, metadata, warcinfo and non-HTML responses pass silently. A
corrupt or truncated archive yields the pages before the damage, then one
Skip saying what went wrong, then stops.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from watchfloor.models import Page, PageKind, Skip, SkipError, SkipReason
from watchfloor.sources.fetch import HTML_TYPES, looks_like_html, parse_content_type

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_DRAIN_CHUNK = 64 * 1024


def iter_warc_pages(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Page | Skip]:
    """Yield a Page per archived HTML response in ``path``, Skips for bad records."""
    name = str(path)
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        yield Skip(name, SkipReason.NOT_FOUND, "no such file")
        return
    except OSError as exc:
        yield Skip(name, SkipReason.MALFORMED_WARC, f"cannot open: {exc}")
        return
    with stream:
        yield from _iter_stream(stream, name, max_bytes)


def iter_warc_range(
    path: Path,
    offset: int,
    first: int,
    count: int | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Page | Skip]:
    """The pages of ``count`` records (None: to the end of the file) from byte ``offset``,
    where record number ``first`` starts: what :func:`iter_warc_pages` gives for that
    stretch, origins included. A range read to the end reports trailing damage as the
    whole file's reading does. A gzipped WARC must be gzipped record by record."""
    with path.open("rb") as stream:
        stream.seek(offset)
        yield from _iter_stream(stream, str(path), max_bytes, first, count, offset)


def _iter_stream(
    stream: IO[bytes],
    name: str,
    max_bytes: int,
    first: int = 0,
    count: int | None = None,
    offset: int = 0,
) -> Iterator[Page | Skip]:
    records = ArchiveIterator(stream)
    index = first
    while count is None or index < first + count:
        try:
            record = next(records, None)
            if record is None:
                break
            item = _record_item(record, name, index, max_bytes)
        except Exception as exc:  # warcio raises assorted types on bad input
            yield _failure(name, index, exc)
            return
        if item is not None:
            yield item
        index += 1
    if count is not None:
        return
    if offset:  # warcio counts offsets from where it began reading; _check_end wants the file's
        records.offset = int(getattr(records, "offset", 0) or 0) + offset
    yield from _check_end(stream, records, name, index)


def _check_end(
    stream: IO[bytes], records: ArchiveIterator, name: str, count: int
) -> Iterator[Skip]:
    """After the last record: complain about an empty file or unread trailing bytes."""
    size = os.fstat(stream.fileno()).st_size
    offset = int(getattr(records, "offset", size) or 0)
    if offset < size:
        stream.seek(offset)
        if stream.read(_DRAIN_CHUNK).strip():
            detail = f"{size - offset} bytes after record {count - 1} at offset {offset} unreadable"
            yield Skip(name, SkipReason.TRUNCATED, f"archive cut short: {detail}")
            return
    if count == 0:
        yield Skip(name, SkipReason.EMPTY, "no WARC records")


def _record_item(record: Any, name: str, index: int, max_bytes: int) -> Page | Skip | None:
    """Turn one record into a Page, a Skip, or None (ignored); raise on a broken stream."""
    if record.format != "warc":
        raise SkipError(SkipReason.MALFORMED_WARC, f"not a WARC file (read as {record.format})")
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not length.isdigit():
        raise SkipError(SkipReason.MALFORMED_WARC, f"record {index}: bad Content-Length {length!r}")
    origin = f"{name}#{_record_id(record) or index}"
    try:
        return _response_item(record, origin, max_bytes)
    finally:
        _drain(record, origin)


def _response_item(record: Any, origin: str, max_bytes: int) -> Page | Skip | None:
    http = record.http_headers
    if record.rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    mime, charset = parse_content_type(http.get_header("Content-Type"))
    if mime is not None and mime not in HTML_TYPES:
        return None
    try:
        payload = record.content_stream().read(max_bytes + 1)
    except Exception as exc:  # a bad chunked/gzip payload spoils this record only
        return Skip(origin, SkipReason.MALFORMED_WARC, f"undecodable payload: {exc}")
    if len(payload) > max_bytes:
        return Skip(origin, SkipReason.TOO_LARGE, f"payload over {max_bytes} bytes")
    if mime is None and not looks_like_html(payload):
        return None
    return Page(
        origin=origin,
        kind=PageKind.HTML,
        data=payload,
        url=_strip_angles(record.rec_headers.get_header("WARC-Target-URI")),
        encoding=charset,
    )


def _drain(record: Any, origin: str) -> None:
    """Read the rest of the record; raise TRUNCATED if it ends before its declared length."""
    raw = record.raw_stream
    while raw.read(_DRAIN_CHUNK):
        pass
    missing = getattr(raw, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        raise SkipError(SkipReason.TRUNCATED, f"{origin} ends {missing} bytes short")


def _failure(name: str, index: int, exc: Exception) -> Skip:
    if isinstance(exc, SkipError):
        return Skip(name, exc.reason, exc.detail)
    reason = SkipReason.MALFORMED_WARC
    if isinstance(exc, EOFError | zlib.error):
        reason = SkipReason.TRUNCATED
    detail = f"record {index}: {type(exc).__name__}: {exc}"
    return Skip(name, reason, detail[:500])


def _record_id(record: Any) -> str | None:
    return _strip_angles(record.rec_headers.get_header("WARC-Record-ID"))


def _strip_angles(value: str | None) -> str | None:
    if not value:
        return None
    return value.strip().removeprefix("<").removesuffix(">") or None
