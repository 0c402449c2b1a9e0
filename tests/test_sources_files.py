"""Local inputs: format detection, JSON/JSONL records, folders, stdin, bad files."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from watchfloor.models import Page, PageKind, Skip, SkipReason
from watchfloor.sources.files import iter_path_pages, iter_stdin_pages
from watchfloor.sources.formats import InputFormat, format_from_name, sniff_format


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.html", InputFormat.HTML),
        ("a.HTM", InputFormat.HTML),
        ("a.html.gz", InputFormat.HTML),
        ("a.warc.gz", InputFormat.WARC),
        ("a.jsonl", InputFormat.JSONL),
        ("a.json", InputFormat.JSON),
        ("a.txt", InputFormat.TEXT),
        ("feed.rss", InputFormat.FEED),
        ("noext", None),
    ],
)
def test_format_from_name(name: str, expected: InputFormat | None) -> None:
    assert format_from_name(Path(name)) is expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!DOCTYPE html><html>", InputFormat.HTML),
        (b"WARC/1.0\r\n", InputFormat.WARC),
        (b'<?xml version="1.0"?><rss version="2.0">', InputFormat.FEED),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', InputFormat.FEED),
        (b'{"a": 1}\n{"a": 2}\n', InputFormat.JSONL),
        (b'{\n "a": 1\n}', InputFormat.JSON),
        (gzip.compress(b"<html><body>x</body></html>"), InputFormat.HTML),
        (b"Just some text.", None),
    ],
)
def test_sniff_format(head: bytes, expected: InputFormat | None) -> None:
    assert sniff_format(head) is expected


def test_jsonl_records_become_record_pages(fixtures: Path) -> None:
    items = list(iter_path_pages(fixtures / "records" / "two-articles.jsonl"))
    assert all(isinstance(i, Page) and i.kind is PageKind.RECORD for i in items)
    first = items[0]
    assert isinstance(first, Page)
    assert first.doc_id == "harbour-talks" and first.source == "Example Wire"
    assert first.published == "2024-03-04" and first.url == "https://example.org/news/harbour-talks"


def test_malformed_json_lines_are_skipped_and_the_rest_read(fixtures: Path) -> None:
    items = list(iter_path_pages(fixtures / "records" / "broken.jsonl"))
    pages = [i for i in items if isinstance(i, Page)]
    skips = [i for i in items if isinstance(i, Skip)]
    assert [p.doc_id for p in pages] == ["good-one", "good-two"]
    assert [s.reason for s in skips] == [
        SkipReason.MALFORMED_JSON,
        SkipReason.MALFORMED_JSON,
        SkipReason.MALFORMED_JSON,
        SkipReason.EMPTY,
    ]
    assert skips[0].origin.endswith("#L2")


def test_json_file_with_a_list_and_a_broken_json_file(tmp_path: Path) -> None:
    good = tmp_path / "list.json"
    good.write_text(json.dumps([{"title": "t", "text": "body one"}, {"text": "body two"}]))
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": "t", "text": ')
    items = list(iter_path_pages(tmp_path))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Skip", "Page", "Page"]  # name order: broken.json, list.json
    skip = items[0]
    assert isinstance(skip, Skip) and skip.reason is SkipReason.MALFORMED_JSON
    assert [i.doc_id for i in items[1:]] == ["list-1", "list-2"]  # type: ignore[union-attr]


def test_folder_reading_skips_hidden_and_notice_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A story.\n")
    (tmp_path / ".hidden.txt").write_text("secret")
    (tmp_path / "NOTICE.md").write_text("credits")
    items = list(iter_path_pages(tmp_path))
    assert [i.origin for i in items] == [str(tmp_path / "sub" / "a.txt")]


def test_empty_binary_missing_and_huge_files(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "huge.html").write_bytes(b"<html><body>" + b"<p>word </p>" * 5_000_000)
    reasons = {
        Path(i.origin).name: i.reason for i in iter_path_pages(tmp_path) if isinstance(i, Skip)
    }
    assert reasons == {
        "binary.bin": SkipReason.BINARY,
        "blank.txt": SkipReason.EMPTY,
        "empty.html": SkipReason.EMPTY,
        "huge.html": SkipReason.TOO_LARGE,
    }
    missing = list(iter_path_pages(tmp_path / "nope.html"))
    assert isinstance(missing[0], Skip) and missing[0].reason is SkipReason.NOT_FOUND


def test_truncated_gzip_is_skipped(tmp_path: Path) -> None:
    data = gzip.compress(b"<html><body><p>" + b"text " * 10_000 + b"</p></body></html>")
    path = tmp_path / "cut.html.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_path_pages(path))
    assert isinstance(items[0], Skip) and items[0].reason is SkipReason.TRUNCATED


def test_gzipped_html_is_read(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>Hello</p></body></html>"))
    (page,) = list(iter_path_pages(path))
    assert isinstance(page, Page) and page.kind is PageKind.HTML and page.doc_id == "page"


def test_plain_text_in_latin1_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(
        "Le ministre a déclaré à la presse que les négociations reprendront.".encode("latin-1")
    )
    (page,) = list(iter_path_pages(path))
    assert isinstance(page, Page) and "déclaré" in str(page.data)


def test_stdin_is_sniffed() -> None:
    record = json.dumps({"title": "From stdin", "text": "A body long enough."}).encode()
    (page,) = list(iter_stdin_pages(io.BytesIO(record)))
    assert isinstance(page, Page) and page.title == "From stdin" and page.origin == "-"
    (skip,) = list(iter_stdin_pages(io.BytesIO(b"")))
    assert isinstance(skip, Skip) and skip.reason is SkipReason.EMPTY
