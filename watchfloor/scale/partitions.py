"""The work of a cluster run, cut into partitions: one per file or URL, and WARC record ranges.

A WARC file is read once here, record by record without their payloads, to learn
where each record starts; its partitions are runs of ``records`` consecutive
records, each starting at a byte offset a worker seeks to. A gzipped WARC must be
gzipped record by record (as Common Crawl's are) to be split; one gzipped whole is
a single partition. Every partition has a key that names its input and range, so
the ledger of finished partitions (``ingest_partitions``) finds it again in the
next run over the same input.

A worker reads a partition's pages with :func:`iter_partition_pages`: the same
pages, origins and skips as the one-process readers give for that stretch.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from watchfloor.models import Page, Skip
from watchfloor.sources import is_url
from watchfloor.sources.fetch import FetchConfig, Fetcher, iter_url_pages
from watchfloor.sources.files import is_corpus_file, iter_file_pages
from watchfloor.sources.formats import GZIP_MAGIC, InputFormat, format_from_name, sniff_format
from watchfloor.sources.warc import iter_warc_range

DEFAULT_RECORDS = 300  # WARC records per partition: a few seconds of work for one worker


@dataclass(frozen=True)
class Partition:
    """One task: a whole file or URL (``count`` None), or WARC records from ``offset``."""

    source: str  # the input as given: the origin of its pages, as in a one-process run
    kind: str  # "file", "url" or "warc"
    offset: int = 0  # WARC: byte offset of the first record
    first: int = 0  # WARC: index of the first record in the file
    count: int | None = None  # WARC: records in the range; None reads to the end
    size: int = 0  # bytes to read, as far as known: which partitions to start first

    @property
    def key(self) -> str:
        if self.kind != "warc":
            return f"{self.kind}:{self.source}"
        end = "end" if self.count is None else str(self.first + self.count)
        return f"warc:{self.source}#records={self.first}-{end}"


def plan_partitions(
    inputs: Sequence[str], fmt: InputFormat = InputFormat.AUTO, records: int = DEFAULT_RECORDS
) -> list[Partition]:
    """Every input's partitions, in input order (folders in name order, as ingest reads them)."""
    if records < 1:
        raise ValueError("records per partition must be at least 1")
    planned: list[Partition] = []
    for item in inputs:
        if item == "-":
            raise ValueError("standard input cannot be shared out to a cluster: pass files")
        if is_url(item):
            planned.append(Partition(item, "url"))
            continue
        path = Path(item)
        for file in _files(path):
            planned.extend(_file_partitions(file, fmt, records))
    return planned


def _files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    children = sorted(p for p in path.rglob("*") if p.is_file())
    return [p for p in children if is_corpus_file(p.relative_to(path))]


def _file_partitions(path: Path, fmt: InputFormat, records: int) -> list[Partition]:
    size = _size(path)
    whole = Partition(str(path), "file", size=size)
    if not _is_warc(path, fmt):
        return [whole]
    offsets = _record_offsets(path)
    if len(offsets) <= records or not _splittable(path, offsets):
        return [whole]
    starts = range(0, len(offsets), records)
    ends = [*(offsets[i + records] for i in starts[:-1]), size]
    parts = [
        Partition(str(path), "warc", offsets[i], i, records, end - offsets[i])
        for i, end in zip(starts, ends, strict=True)
    ]
    last = parts[-1]  # to the end of the file
    parts[-1] = Partition(last.source, "warc", last.offset, last.first, None, last.size)
    return parts


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _is_warc(path: Path, fmt: InputFormat) -> bool:
    if fmt is not InputFormat.AUTO:
        return fmt is InputFormat.WARC
    named = format_from_name(path)
    if named is not None:
        return named is InputFormat.WARC
    try:
        with path.open("rb") as handle:
            return sniff_format(handle.read(4096)) is InputFormat.WARC
    except OSError:
        return False


def _record_offsets(path: Path) -> list[int]:
    """Where each readable record starts; a damaged tail ends the list (the last
    partition reads to the end and reports the damage, as the one-process reader does)."""
    offsets: list[int] = []
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for _record in records:
                offsets.append(records.get_record_offset())
    except Exception:  # warcio raises assorted types on bad input
        return offsets
    return offsets


def _splittable(path: Path, offsets: list[int]) -> bool:
    """A gzipped WARC can be entered at a record only if each record is its own gzip member."""
    with path.open("rb") as stream:
        if stream.read(2) != GZIP_MAGIC:
            return True
        stream.seek(offsets[1])
        return stream.read(2) == GZIP_MAGIC


def iter_partition_pages(
    part: Partition,
    fmt: InputFormat = InputFormat.AUTO,
    max_bytes: int = 10 * 1024 * 1024,
    fetch: FetchConfig | None = None,
) -> Iterator[Page | Skip]:
    """The pages of one partition, read where the worker runs."""
    if part.kind == "url":
        with Fetcher(fetch or FetchConfig()) as fetcher:
            yield from iter_url_pages(part.source, fetcher)
    elif part.kind == "warc":
        source = Path(part.source)
        yield from iter_warc_range(source, part.offset, part.first, part.count, max_bytes)
    else:
        with Fetcher(fetch or FetchConfig()) as fetcher:  # a feed file names URLs to fetch
            yield from iter_file_pages(Path(part.source), fmt, fetcher=fetcher, max_bytes=max_bytes)
