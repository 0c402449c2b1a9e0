"""Hostile input for every reader, and the checks each input must pass.

Each ``check_*`` function takes one generated input, runs it through the real
reader and the real ingest (extraction, de-duplication, a real SQLite store) and
asserts the three rules: nothing raises out of the run, no input takes longer
than ``INPUT_LIMIT`` seconds, and the article stored before fuzzing began is
unchanged. The strategies mix well-formed documents with random values in every
field, byte-level mutations (flips, cuts, splices) and plain random bytes.

Used by tests/test_fuzz.py (a brief run in ``make test``) and bench/fuzz.py
(``make fuzz``: a bounded time per target, optionally coverage-guided by atheris).
"""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from watchfloor.models import Page, PageKind, Skip
from watchfloor.service import ingest_pages
from watchfloor.sources.fetch import FetchConfig, Fetcher, iter_url_pages
from watchfloor.sources.files import iter_path_pages, pages_from_bytes
from watchfloor.sources.formats import InputFormat
from watchfloor.store import SQLiteStore

INPUT_LIMIT = 20.0  # seconds one input may take (generous: a shared, loaded machine)
SEED_TEXT = (
    "The harbour of Lütjenholm reopened on Monday after a week of storms, the port"
    " authority said. Ferries to the islands will run on the winter timetable until March."
)

# -- building blocks ---------------------------------------------------------------
_WORDS = st.sampled_from(
    ["harbour", "ferry", "minister", "said", "Kyiv", "Київ", "서울", "東京", "", "\u202e", "\x00"]
)
_ODD_CHARS = st.characters(categories=["Cs", "Cc", "Co", "Cn", "Zl", "Mn"])  # lone surrogates too
_TEXT = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=_ODD_CHARS, max_size=8),
    st.lists(_WORDS, max_size=30).map(" ".join),
    st.sampled_from(["&amp;", "&#0;", "&#x110000;", "&bogus;", "]]>", "<![CDATA[", "-->"]),
)
_URLS = st.one_of(
    st.sampled_from(
        [
            "http://127.0.0.1/a",
            "/relative/path",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://[::1]:99999/",
            "http://%zz/",
            "",
            "http://xn--ls8h.example/",
            "data:text/html,<p>hi</p>",
        ]
    ),
    st.text(max_size=40),
)
_DATES = st.one_of(
    st.sampled_from(["2025-06-24", "Tue, 04 Mar 2025 08:00:00 GMT", "9999-99-99", "0000-00-00"]),
    st.text(max_size=30),
)
_ENCODINGS = st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1251", "shift_jis", "utf-8-sig"])
_CHARSETS = st.one_of(_ENCODINGS, st.sampled_from(["bogus", "utf-7", ""]), st.text(max_size=12))


def mutated(data: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """``data``, or it with bytes flipped, a cut, a repeat or random bytes spliced in."""
    return st.one_of(data, st.tuples(data, st.data()).map(lambda pair: _mutate(*pair)))


def _mutate(blob: bytes, draw: Any) -> bytes:
    if not blob:
        return draw.draw(st.binary(max_size=64))
    position = draw.draw(st.integers(0, len(blob) - 1))
    how = draw.draw(st.sampled_from(["flip", "cut", "splice", "repeat"]))
    if how == "flip":
        value = draw.draw(st.integers(0, 255))
        return blob[:position] + bytes([value]) + blob[position + 1 :]
    if how == "cut":
        return blob[:position]
    if how == "repeat":
        return blob[:position] + blob[position:] * draw.draw(st.integers(2, 4))
    return blob[:position] + draw.draw(st.binary(max_size=64)) + blob[position:]


def _encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return st.tuples(text, _ENCODINGS).map(lambda p: p[0].encode(p[1], errors="replace"))


# -- HTML --------------------------------------------------------------------------
_TAGS = st.sampled_from(
    ["p", "div", "article", "main", "h1", "h2", "span", "a", "script", "style", "table", "td",
     "li", "ul", "br", "img", "svg", "math", "template", "noscript", "title", "meta", "time"]
)  # fmt: skip


@st.composite
def html_documents(draw: Any) -> bytes:
    parts = ["<!doctype html>" if draw(st.booleans()) else "", "<html><head>"]
    parts.append(f'<meta charset="{draw(_CHARSETS)}">')
    parts.append(f"<title>{draw(_TEXT)}</title></head><body>")
    for _ in range(draw(st.integers(0, 12))):
        tag, text = draw(_TAGS), draw(_TEXT)
        attribute = f' href="{draw(_URLS)}" datetime="{draw(_DATES)}"'
        closing = f"</{tag}>" if draw(st.booleans()) else ""  # unclosed tags too
        parts.append(f"<{tag}{attribute}>{text}{closing}")
    parts.append("</body></html>" if draw(st.booleans()) else "")
    return "".join(parts).encode(draw(_ENCODINGS), errors="replace")


HTML = mutated(st.one_of(html_documents(), st.binary(max_size=300)))
TEXT = mutated(st.one_of(_encoded(_TEXT), _encoded(st.lists(_TEXT).map("\n".join))))


# -- JSON records ----------------------------------------------------------------
_JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), _TEXT)
_JSON = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_TEXT, inner, max_size=4)),
    max_leaves=12,
)
_FIELD_VALUES = st.one_of(_TEXT, _JSON, _DATES, _URLS)
RECORDS = st.fixed_dictionaries(
    {},
    optional={
        name: _FIELD_VALUES
        for name in ("text", "html", "title", "url", "published", "author", "source", "doc_id")
    },
)
JSON = mutated(
    st.one_of(
        RECORDS.map(lambda r: json.dumps(r).encode()),
        st.lists(RECORDS, max_size=4).map(lambda r: json.dumps(r).encode()),
        st.lists(RECORDS, max_size=3).map(lambda r: json.dumps({"articles": r}).encode()),
        _JSON.map(lambda v: json.dumps(v).encode()),
    )
)
JSONL = mutated(
    st.lists(st.one_of(RECORDS.map(json.dumps), _TEXT), max_size=5).map(
        lambda lines: "\n".join(lines).encode("utf-8", errors="replace")
    )
)


# -- WARC ----------------------------------------------------------------------------
@st.composite
def warc_archives(draw: Any) -> bytes:
    records = []
    for _ in range(draw(st.integers(1, 4))):
        body = draw(st.one_of(html_documents(), st.binary(max_size=80)))
        headers = f"HTTP/1.1 {draw(st.integers(100, 999))} OK\r\n"
        headers += f"Content-Type: {draw(st.sampled_from(['text/html', 'text/plain', '', 'x']))}"
        headers += f"; charset={draw(_CHARSETS)}\r\n\r\n"
        payload = headers.encode("utf-8", errors="replace") + body
        declared = len(payload) + draw(st.sampled_from([0, 0, 0, -5, 7, 10**6]))
        kind = draw(st.sampled_from(["response", "resource", "request", "warcinfo", "bogus"]))
        uri = draw(_URLS).replace("\r", "").replace("\n", "")
        head = (
            f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: {draw(_DATES)}\r\nContent-Length: {declared}\r\n\r\n"
        )
        record = head.encode("utf-8", errors="replace") + payload + b"\r\n\r\n"
        records.append(gzip.compress(record) if draw(st.booleans()) else record)
    return b"".join(records)


WARC = mutated(warc_archives())


# -- RSS and Atom ---------------------------------------------------------------------
ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


@st.composite
def feeds(draw: Any) -> bytes:
    atom = draw(st.booleans())
    charset = draw(_CHARSETS)
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        title, link, when, body = draw(_TEXT), draw(_URLS), draw(_DATES), draw(_TEXT)
        html = draw(html_documents()).decode("utf-8", errors="replace")
        if atom:
            entries.append(
                f'<entry><title>{title}</title><link href="{link}"/><updated>{when}</updated>'
                f'<content type="html"><![CDATA[{html}]]></content>'
                f"<summary>{body}</summary></entry>"
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link}</link><pubDate>{when}</pubDate>"
                f"<description>{body}</description>"
                f"<content:encoded><![CDATA[{html}]]></content:encoded></item>"
            )
    head = f'<?xml version="1.0" encoding="{charset}"?>'
    if atom:
        document = f'{head}<feed xmlns="{ATOM_NS}">{"".join(entries)}</feed>'
    else:
        channel = f"<channel><title>t</title>{''.join(entries)}</channel>"
        document = f'{head}<rss version="2.0" xmlns:content="{CONTENT_NS}">{channel}</rss>'
    return document.encode(draw(_ENCODINGS), errors="replace")


FEED = mutated(feeds())
ANY_FILE = st.tuples(
    st.sampled_from(["x.html", "x.txt", "x.json", "x.jsonl", "x.warc", "x.rss", "x", "x.html.gz",
                     "x.warc.gz", "x.json.gz"]),
    st.one_of(HTML, JSON, WARC, FEED, TEXT, st.binary(max_size=200)),
    st.booleans(),
)  # fmt: skip


# -- the checks ---------------------------------------------------------------------
@dataclass
class Arena:
    """A real store holding one article that no input may change."""

    store: SQLiteStore
    folder: Path
    seed: dict[str, Any]
    inputs: int = 0
    slowest: float = 0.0


def new_arena(folder: Path) -> Arena:
    store = SQLiteStore(folder / "fuzz.db")
    page = Page(origin="seed", kind=PageKind.TEXT, data=SEED_TEXT, doc_id="seed", title="Seed")
    summary = ingest_pages(store, [page])
    assert summary.ingested == 1
    return Arena(store, folder, _seed_row(store))


def _seed_row(store: SQLiteStore) -> dict[str, Any]:
    row = store._one("SELECT * FROM articles WHERE doc_id = 'seed'")
    assert row is not None
    return row


def _ingest(arena: Arena, items: Iterator[Page | Skip]) -> None:
    began = time.monotonic()
    ingest_pages(arena.store, items)  # must not raise
    took = time.monotonic() - began
    arena.inputs += 1
    arena.slowest = max(arena.slowest, took)
    assert took < INPUT_LIMIT, f"one input took {took:.1f} s"
    assert _seed_row(arena.store) == arena.seed, "a stored article changed"


def check_bytes(arena: Arena, data: bytes, fmt: InputFormat) -> None:
    """One document of a given format (as a file's content or standard input)."""
    _ingest(arena, pages_from_bytes(data, "fuzz", "fuzz", fmt))


def check_file(arena: Arena, name: str, data: bytes, compress: bool) -> None:
    """A file on disk, its format found from its name and content (gzip too)."""
    path = arena.folder / name
    path.write_bytes(gzip.compress(data) if compress or name.endswith(".gz") else data)
    try:
        _ingest(arena, iter_path_pages(path))
    finally:
        path.unlink()


# -- the fetcher, against a server that answers whatever bytes it is given -----------
RAW_STATUS = st.one_of(
    st.sampled_from([b"HTTP/1.1 200 OK", b"HTTP/1.1 301 Moved", b"HTTP/1.1 404 No",
                     b"HTTP/1.0 500 Err", b"HTTP/1.1 999 What", b"HTTP/2 200", b"garbage"]),
    st.binary(max_size=20),
)  # fmt: skip
RAW_HEADER = st.one_of(
    st.sampled_from(
        [
            b"Content-Type: text/html; charset=utf-8",
            b"Content-Type: application/rss+xml",
            b"Content-Type: application/atom+xml; charset=bogus",
            b"Content-Type: text/plain",
            b"Content-Type: ",
            b"Content-Length: 5",
            b"Content-Length: 99999999999",
            b"Content-Length: -1",
            b"Content-Length: abc",
            b"Transfer-Encoding: chunked",
            b"Content-Encoding: gzip",
            b"Content-Encoding: br",
            b"Location: /again",
            b"Location: http://elsewhere.test/x",
            b"Location: file:///etc/passwd",
            b"Location: ",
            b"Set-Cookie: a=b",
        ]
    ),
    st.binary(max_size=30).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
)


@st.composite
def raw_responses(draw: Any) -> bytes:
    status = draw(RAW_STATUS)
    headers = draw(st.lists(RAW_HEADER, max_size=5))
    body = draw(st.one_of(html_documents(), feeds(), st.binary(max_size=100)))
    if b"Transfer-Encoding: chunked" in headers and draw(st.booleans()):
        body = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    return status + b"\r\n" + b"\r\n".join(headers) + b"\r\n\r\n" + body


RESPONSES = mutated(raw_responses())


class RawServer:
    """A TCP server on 127.0.0.1 that answers every request with ``payload`` and hangs up."""

    def __init__(self) -> None:
        self.payload = b""
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    conn.recv(65536)
                    conn.sendall(self.payload)
                except OSError:
                    pass

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


@contextmanager
def raw_server() -> Iterator[RawServer]:
    server = RawServer()
    try:
        yield server
    finally:
        server.close()


def loopback_fetcher() -> Fetcher:
    """Every host name resolves to 127.0.0.1, so nothing beyond this machine is reached."""
    config = FetchConfig(
        timeout=2.0, per_host_delay=0.0, respect_robots=False, allow_private=True,
        max_bytes=64 * 1024, max_duration=5.0,
    )  # fmt: skip
    return Fetcher(config, resolver=lambda host, port: ["127.0.0.1"])


def check_response(arena: Arena, server: RawServer, fetcher: Fetcher, payload: bytes) -> None:
    """A URL whose server answers ``payload`` (feeds fetch their entries from it too)."""
    server.payload = payload
    _ingest(arena, iter_url_pages(f"http://news.test:{server.port}/page", fetcher))
