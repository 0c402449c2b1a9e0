"""Local inputs: files, folders and standard input -> pages."""

from __future__ import annotations

import gzip
import logging
import re
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from watchfloor.extract.encoding import decode_bytes
from watchfloor.models import Page, PageKind, Skip, SkipError, SkipReason
from watchfloor.sources.feeds import iter_feed_pages
from watchfloor.sources.fetch import Fetcher
from watchfloor.sources.formats import (
    InputFormat,
    format_from_name,
    read_maybe_gzip,
    sniff_format,
)
from watchfloor.sources.records import iter_json_pages, iter_jsonl_pages
from watchfloor.sources.warc import iter_warc_pages

log = logging.getLogger(__name__)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STDIN_ORIGIN = "-"
_DOC_FILE = re.compile(r"^(readme|notice|license|licence|copying)(\.\w+)?$", re.IGNORECASE)


def iter_path_pages(
    path: Path,
    fmt: InputFormat = InputFormat.AUTO,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Page | Skip]:
    """Every page in a file or, recursively and in name order, a folder."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if is_corpus_file(child.relative_to(path)):
                yield from iter_file_pages(child, fmt, fetcher=fetcher, max_bytes=max_bytes)
        return
    yield from iter_file_pages(path, fmt, fetcher=fetcher, max_bytes=max_bytes)


def is_corpus_file(relative: Path) -> bool:
    """Hidden files and a corpus's own README/NOTICE/LICENSE are not articles."""
    if any(part.startswith(".") for part in relative.parts):
        return False
    return not _DOC_FILE.match(relative.name)


def iter_file_pages(
    path: Path,
    fmt: InputFormat = InputFormat.AUTO,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Page | Skip]:
    """The pages of one file; any problem with the file is one skip."""
    origin = str(path)
    if not path.exists():
        yield Skip(origin, SkipReason.NOT_FOUND, "no such file or folder")
        return
    fmt = fmt if fmt is not InputFormat.AUTO else (format_from_name(path) or InputFormat.AUTO)
    if fmt is InputFormat.WARC:
        yield from iter_warc_pages(path, max_bytes=max_bytes)
        return
    try:
        data = read_maybe_gzip(path, max_bytes)
    except OverflowError as exc:
        yield Skip(origin, SkipReason.TOO_LARGE, str(exc))
        return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield Skip(origin, SkipReason.TRUNCATED, f"broken gzip: {exc}")
        return
    except OSError as exc:
        yield Skip(origin, SkipReason.NOT_FOUND, str(exc))
        return
    yield from pages_from_bytes(data, origin, _stem(path), fmt, fetcher=fetcher)


def iter_stdin_pages(
    stream: BinaryIO,
    fmt: InputFormat = InputFormat.AUTO,
    *,
    fetcher: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Page | Skip]:
    """The pages of whatever arrives on standard input."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Skip(STDIN_ORIGIN, SkipReason.TOO_LARGE, f"larger than {max_bytes:,} bytes")
        return
    if (fmt is InputFormat.AUTO and sniff_format(data[:4096]) is InputFormat.WARC) or (
        fmt is InputFormat.WARC
    ):
        yield from _warc_from_bytes(data, max_bytes)
        return
    yield from pages_from_bytes(data, STDIN_ORIGIN, "stdin", fmt, fetcher=fetcher)


def pages_from_bytes(
    data: bytes,
    origin: str,
    stem: str,
    fmt: InputFormat,
    *,
    fetcher: Fetcher | None = None,
) -> Iterator[Page | Skip]:
    """Dispatch raw content to the reader of its format."""
    if not data.strip():
        yield Skip(origin, SkipReason.EMPTY, "no content")
        return
    if fmt is InputFormat.AUTO:
        fmt = sniff_format(data[:4096]) or InputFormat.TEXT
    if fmt is InputFormat.HTML:
        yield Page(origin=origin, kind=PageKind.HTML, data=data, doc_id=stem)
    elif fmt is InputFormat.FEED:
        yield from iter_feed_pages(data, origin, fetcher)
    elif fmt is InputFormat.WARC:
        yield from _warc_from_bytes(data, len(data))
    else:
        try:
            text = decode_text(data)
        except SkipError as exc:
            yield Skip(origin, exc.reason, exc.detail)
            return
        if fmt is InputFormat.JSON:
            yield from iter_json_pages(text, origin, stem)
        elif fmt is InputFormat.JSONL:
            yield from iter_jsonl_pages(text, origin, stem)
        else:
            yield Page(origin=origin, kind=PageKind.TEXT, data=text, doc_id=stem)


def decode_text(data: bytes) -> str:
    """Decode plain text: byte-order mark, UTF-8, else the detected charset (shared with HTML)."""
    return decode_bytes(data)


def _warc_from_bytes(data: bytes, max_bytes: int) -> Iterator[Page | Skip]:
    with tempfile.TemporaryDirectory(prefix="watchfloor-") as folder:
        path = Path(folder) / "stdin.warc"
        path.write_bytes(data)
        yield from iter_warc_pages(path, max_bytes=max_bytes)


def _stem(path: Path) -> str:
    """``a/b/page.html.gz`` -> ``page``: the name without its format suffixes."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem or path.name
