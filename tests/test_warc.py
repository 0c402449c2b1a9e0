"""WARC archives built in the test with warcio's writer: pages, noise and damage."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from watchfloor.models import Page, PageKind, Skip, SkipReason
from watchfloor.sources.warc import iter_warc_pages


def article(n: int) -> bytes:
    text = f"<p>Story {n}: the lighthouse keeper of Kessel Point logged a new storm.</p>" * 40
    return f"<html><head><title>Story {n}</title></head><body>{text}</body></html>".encode()


def _write(writer: WARCWriter, record: ArcWarcRecord) -> None:
    writer.write_record(record)
    record.raw_stream.close()  # warcio's builder buffers in temp files; free them


def _response(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    _write(writer, record)


def _request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.test")], is_http_request=True)
    _write(writer, writer.create_warc_record(url, "request", http_headers=headers))


def build_warc(path: Path, *, gz: bool, pages: int = 3) -> Path:
    """A crawl-like archive: warcinfo, then per page a request and a response, plus noise."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        _write(writer, writer.create_warcinfo_record(path.name, {"software": "test"}))
        for n in range(pages):
            url = f"http://news.test/story/{n}"
            _request(writer, url)
            _response(writer, url, article(n), "text/html; charset=UTF-8")
        _response(writer, "http://news.test/logo.png", b"\x89PNG fake", "image/png")
        _response(writer, "http://news.test/gone", b"<html>gone</html>", "text/html", "404 Nope")
        meta = writer.create_warc_record(
            "http://news.test/story/0", "metadata", payload=io.BytesIO(b"outlinks: none\n")
        )
        _write(writer, meta)
    return path


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_pages_from_archive(tmp_path: Path, name: str) -> None:
    path = build_warc(tmp_path / name, gz=name.endswith(".gz"))
    items = list(iter_warc_pages(path))
    assert all(isinstance(item, Page) for item in items), items
    assert [item.url for item in items if isinstance(item, Page)] == [
        f"http://news.test/story/{n}" for n in range(3)
    ]
    first = items[0]
    assert isinstance(first, Page)
    assert first.kind is PageKind.HTML
    assert first.data == article(0)
    assert first.encoding == "utf-8"
    assert first.origin.startswith(f"{path}#urn:uuid:")


def test_too_large_record_is_skipped_and_iteration_goes_on(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc.gz", gz=True)
    limit = len(article(0)) - 1  # story 0..2 are the same size; make all over the limit
    items = list(iter_warc_pages(path, max_bytes=limit))
    assert [item.reason for item in items if isinstance(item, Skip)] == [SkipReason.TOO_LARGE] * 3
    assert not any(isinstance(item, Page) for item in items)


def test_truncated_gzip(tmp_path: Path) -> None:
    full = build_warc(tmp_path / "full.warc.gz", gz=True, pages=6).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(full[: len(full) * 2 // 3])
    items = list(iter_warc_pages(cut))
    pages = [item for item in items if isinstance(item, Page)]
    assert 1 <= len(pages) < 6
    assert isinstance(items[-1], Skip)
    assert items[-1].reason is SkipReason.TRUNCATED
    assert all(isinstance(item, Page) for item in items[:-1])
    complete = list(iter_warc_pages(tmp_path / "full.warc.gz"))[: len(pages)]
    assert [(p.url, p.data) for p in pages] == [
        (p.url, p.data) for p in complete if isinstance(p, Page)
    ]


def test_truncated_plain_warc(tmp_path: Path) -> None:
    full = build_warc(tmp_path / "full.warc", gz=False, pages=4).read_bytes()
    cut_at = full.index(b"Story 2: the lighthouse") + 100
    cut = tmp_path / "cut.warc"
    cut.write_bytes(full[:cut_at])
    items = list(iter_warc_pages(cut))
    assert [item.url for item in items[:-1] if isinstance(item, Page)] == [
        "http://news.test/story/0",
        "http://news.test/story/1",
    ]
    last = items[-1]
    assert isinstance(last, Skip) and last.reason is SkipReason.TRUNCATED


def test_corrupt_record_mid_file(tmp_path: Path) -> None:
    data = bytearray(build_warc(tmp_path / "ok.warc", gz=False, pages=4).read_bytes())
    start = data.index(b"WARC/1.0", data.index(b"http://news.test/story/2"))
    start = data.rindex(b"WARC/1.0", 0, start)  # the request record of story 2
    data[start : start + 8] = b"GARBAGE!"
    bad = tmp_path / "bad.warc"
    bad.write_bytes(bytes(data))
    items = list(iter_warc_pages(bad))
    assert [item.url for item in items if isinstance(item, Page)] == [
        "http://news.test/story/0",
        "http://news.test/story/1",
    ]
    last = items[-1]
    assert isinstance(last, Skip) and last.reason is SkipReason.MALFORMED_WARC
    assert last.detail


@pytest.mark.parametrize(
    "content",
    [
        b"<html><body><p>An ordinary web page saved to disk.</p></body></html>\n",
        b"just some notes\nnot an archive\n",
        gzip.compress(b"a gzipped text file\nwith two lines\n"),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: nonsense\r\n\r\n",
    ],
)
def test_not_a_warc(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(content)
    items = list(iter_warc_pages(path))
    assert len(items) == 1
    assert isinstance(items[0], Skip)
    assert items[0].reason in (SkipReason.MALFORMED_WARC, SkipReason.TRUNCATED)
    assert items[0].origin.startswith(str(path))


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    (skip,) = iter_warc_pages(empty)
    assert isinstance(skip, Skip) and skip.reason is SkipReason.EMPTY
    (skip,) = iter_warc_pages(tmp_path / "absent.warc.gz")
    assert isinstance(skip, Skip) and skip.reason is SkipReason.NOT_FOUND
