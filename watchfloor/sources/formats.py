"""Input formats: the names users pass with ``--format`` and detection for ``auto``."""

from __future__ import annotations

import gzip
import zlib
from enum import StrEnum
from pathlib import Path


class InputFormat(StrEnum):
    AUTO = "auto"
    HTML = "html"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    WARC = "warc"
    FEED = "feed"


_SUFFIXES: dict[str, InputFormat] = {
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".txt": InputFormat.TEXT,
    ".text": InputFormat.TEXT,
    ".json": InputFormat.JSON,
    ".jsonl": InputFormat.JSONL,
    ".ndjson": InputFormat.JSONL,
    ".warc": InputFormat.WARC,
    ".arc": InputFormat.WARC,
    ".rss": InputFormat.FEED,
    ".atom": InputFormat.FEED,
}
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 4096


def format_from_name(path: Path) -> InputFormat | None:
    """The format a file's name announces (``x.warc.gz`` is WARC, ``x.html.gz`` HTML)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _SUFFIXES.get(suffixes[-1]) if suffixes else None


def sniff_format(head: bytes) -> InputFormat | None:
    """Guess the format from the first bytes of a file (after gunzip)."""
    if head.startswith(GZIP_MAGIC):
        head = _gunzip_head(head)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"warc/", b"filedesc://")):
        return InputFormat.WARC
    if text.startswith(b"{"):
        first_line = text.split(b"\n", 1)[0].rstrip()
        return (
            InputFormat.JSONL if first_line.endswith(b"}") and b"\n{" in text else InputFormat.JSON
        )
    if text.startswith(b"["):
        return InputFormat.JSON
    if b"<rss" in text[:1024] or b"<feed" in text[:1024] or b"<rdf:rdf" in text[:1024]:
        return InputFormat.FEED
    if (
        text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"))
        or b"<html" in text
    ):
        return InputFormat.HTML
    return None


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def read_maybe_gzip(path: Path, max_bytes: int) -> bytes:
    """Read a file, gunzipping ``.gz`` content, refusing more than ``max_bytes``.

    Raises ``EOFError``/``gzip.BadGzipFile`` for broken gzip and ``OverflowError``
    when the content is larger than allowed.
    """
    with path.open("rb") as handle:
        magic = handle.read(2)
        handle.seek(0)
        stream = gzip.GzipFile(fileobj=handle) if magic == GZIP_MAGIC else handle
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OverflowError(f"larger than {max_bytes:,} bytes")
    return data
