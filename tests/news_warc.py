"""A crawl-like WARC of short, varied news pages, written with warcio (tests and bench/cluster.py).

Each page is a few sentences built from small word lists, so every page is its own
article with actors and events for the analysis to find, while the NLP stays cheap.
Besides the pages the archive holds what a crawl holds: request records, a non-HTML
response, a 404, a page with no article text, and near-duplicate copies of a few
pages (another URL, a credit line added) placed far from their originals, so that
different partitions carry them.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CITIES = ("Nairobi", "Lima", "Manila", "Warsaw", "Hanoi", "Accra", "Quito", "Tbilisi", "Dhaka")
COUNTRIES = ("Kenya", "Peru", "the Philippines", "Poland", "Vietnam", "Ghana", "Ecuador", "Georgia")
LEADERS = ("Amina Odhiambo", "Carlos Medina", "Maria Santos", "Jan Kowalski", "Tran Van Long")
ACTS = (
    "police arrested {n} protesters outside the parliament",
    "the government announced new sanctions against {other}",
    "ministers met officials from {other} to discuss a trade deal",
    "troops were deployed to the border with {other} after clashes",
    "the opposition accused the president of corruption",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def page_text(n: int) -> tuple[str, str]:
    """The headline and the body of page ``n``: different for every ``n``."""
    city, country = CITIES[n % len(CITIES)], COUNTRIES[n % len(COUNTRIES)]
    other = COUNTRIES[(n + 3) % len(COUNTRIES)]
    leader, day = LEADERS[n % len(LEADERS)], DAYS[n % len(DAYS)]
    act = ACTS[n % len(ACTS)].format(n=10 + n, other=other)
    title = f"Report {n}: {country} {act.split(' ')[1]} in {city}"
    body = (
        f"In {city} on {day}, {act}, officials said in report number {n}. "
        f"{leader} told reporters that {n + 2} people were questioned. "
        f'"We will not accept this," {leader} said, adding that talks with {other} '
        f"would resume in {n % 12 + 2} weeks."
    )
    return title, body


def page_html(n: int, tail: str = "") -> bytes:
    title, body = page_text(n)
    body = f"{body} {tail}".strip()
    return (
        f"<html><head><title>{title}</title>"
        f'<meta name="date" content="2024-03-{n % 28 + 1:02d}"></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    ).encode()


def _response(
    writer: WARCWriter, url: str, body: bytes, content_type: str, status: str = "200 OK"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)
    record.raw_stream.close()


def _request(writer: WARCWriter, url: str) -> None:
    headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.test")], is_http_request=True)
    record = writer.create_warc_record(url, "request", http_headers=headers)
    writer.write_record(record)


def near_copies(pages: int) -> dict[int, int]:
    """Which pages get a near-duplicate copy, and after which page the copy is written."""
    return {n: (n + pages // 2) % pages for n in range(0, pages, max(1, pages // 6))}


def build_news_warc(path: Path, pages: int, *, gz: bool = True) -> Path:
    """``pages`` articles (plus noise and near-duplicate copies) in one archive."""
    copies_after: dict[int, list[int]] = {}
    for original, after in near_copies(pages).items():
        copies_after.setdefault(after, []).append(original)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for n in range(pages):
            url = f"http://news.test/{n}"
            _request(writer, url)
            _response(writer, url, page_html(n), "text/html; charset=utf-8")
            for original in copies_after.get(n, []):
                copy = page_html(original, tail="Reporting by the wire desk.")
                _response(writer, f"http://mirror.test/{original}", copy, "text/html")
            if n % 50 == 7:
                _response(writer, f"http://news.test/{n}.png", b"\x89PNG", "image/png")
                _response(
                    writer, f"http://news.test/gone/{n}", b"<html></html>", "text/html", "404"
                )
                _response(
                    writer,
                    f"http://news.test/empty/{n}",
                    b"<html><body></body></html>",
                    "text/html",
                )
    return path
