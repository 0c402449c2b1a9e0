"""End to end through the ingest service: every input kind, duplicates, bad input."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from watchfloor.service import IngestOptions, ingest
from watchfloor.store import SQLiteStore

FAST = IngestOptions(analyse=False)  # these tests are about the article stages only
DATELINE = re.compile(r"\w+day, \w+ \d{1,2}, \d{4}")
PARAGRAPHS = [
    "Officials from Northland and Eastmark met in the port city of Calder on Monday to open "
    "talks on shared use of the harbour, the first such meeting in six years.",
    "The Northland delegation, led by Trade Minister Ada Penrose, said it hoped for an agreement "
    "before the summer shipping season began in earnest.",
    "Eastmark's negotiators described the first session as constructive but said several "
    "questions about customs inspections remained open.",
    "A second round of talks is due to take place in Bellport next month, both sides said.",
]


def html_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | Example Wire</title>"
        "<meta property='article:published_time' content='2024-03-04T10:15:00+01:00'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>© Example Wire. All rights reserved.</footer></body></html>"
    ).encode()


def snapshot(store: SQLiteStore) -> tuple[list[tuple[object, ...]], ...]:
    tables = ("articles", "copies")
    return tuple(
        [tuple(r) for r in store.db.execute(f"SELECT * FROM {t} ORDER BY id")] for t in tables
    )


def test_sample_corpus_ingests_and_reingest_changes_nothing(
    store: SQLiteStore, sample_dir: Path
) -> None:
    summary = ingest(store, [str(sample_dir)], FAST)
    assert summary.ingested >= 45 and not summary.skipped
    before = snapshot(store)
    log_before = store.counts()["log"]
    again = ingest(store, [str(sample_dir)], FAST)
    assert again.ingested == 0 and again.duplicates == 0
    assert again.unchanged == summary.ingested + summary.duplicates
    assert snapshot(store) == before and store.counts()["log"] == log_before


def test_record_dateline_is_not_body(store: SQLiteStore, sample_dir: Path) -> None:
    ingest(store, [str(sample_dir)], FAST)
    for row in store.list_articles(limit=100):
        stored = store.get_article(row.id)
        assert stored is not None
        first = stored.article.blocks[0].text
        assert not DATELINE.match(first), first


def test_syndicated_copy_is_a_copy_not_an_article(store: SQLiteStore, tmp_path: Path) -> None:
    (tmp_path / "wire.html").write_bytes(html_page("Harbour talks open", PARAGRAPHS))
    reprint = [*PARAGRAPHS[:-1], PARAGRAPHS[-1] + " (Additional reporting by staff.)"]
    (tmp_path / "reprint.html").write_bytes(html_page("Harbour talks open in Calder", reprint))
    summary = ingest(
        store,
        [str(tmp_path / "wire.html"), str(tmp_path / "reprint.html")],
        IngestOptions(near_threshold=0.6),
    )
    assert (summary.ingested, summary.duplicates) == (1, 1)
    (row,) = store.list_articles()
    stored = store.get_article(row.id)
    assert stored is not None and [c.kind for c in stored.copies] == ["original", "near"]
    assert store.log_entries("duplicate")[0].reason == "near"


def test_bad_inputs_are_skipped_and_stored_articles_survive(
    store: SQLiteStore, tmp_path: Path
) -> None:
    good = tmp_path / "good.html"
    good.write_bytes(html_page("Harbour talks open", PARAGRAPHS))
    ingest(store, [str(good)])
    before = snapshot(store)

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "binary.dat").write_bytes(bytes(range(256)) * 64)
    cut = gzip.compress(html_page("Cut", PARAGRAPHS * 50))
    (bad / "cut.html.gz").write_bytes(cut[: len(cut) // 3])
    (bad / "cut.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    (bad / "lines.jsonl").write_text('{"title": "x", "text": \nnot json\n')
    (bad / "huge.html").write_bytes(b"<html><body>" + b"<p>filler text</p>" * 3_000_000)
    (bad / "nothing.html").write_bytes(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    summary = ingest(store, [str(bad), str(tmp_path / "missing.html")])

    assert summary.ingested == 0
    assert set(summary.skipped) >= {
        "empty",
        "binary",
        "truncated",
        "malformed_json",
        "too_large",
        "no_article",
        "not_found",
    }
    reasons = {e.reason for e in store.log_entries("skipped")}
    assert "too_large" in reasons
    assert all(e.detail for e in store.log_entries("skipped"))
    assert snapshot(store) == before
