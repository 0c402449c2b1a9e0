"""Two ingests at once, in two real processes, each filing its own copy of the same
articles (syndication: another site, one sentence reworded): every article is stored
once, with both copies, on SQLite and on PostgreSQL. Below that, the store's checked
insert and two de-duplicators with stale indexes on one store.

The articles are generated here from a fixed seed; no text is copied from anywhere.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

from crash_harness import ingest_command, store_problems

from watchfloor.dedup import Deduplicator, Match, fingerprint
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.store import Store, open_store

ARTICLES = 30
SENTENCES = 20
WORDS = [
    *("harbour", "council", "ferry", "strike", "budget", "minister", "river", "bridge"),
    *("election", "vote", "court", "trade", "port", "union", "farmers", "drought", "rail"),
    *("station", "police", "border", "army", "talks", "treaty", "summit", "mayor", "tax"),
    *("school", "hospital", "storm", "flood", "market", "grain", "fuel", "price", "wage"),
]
VERBS = ["said", "approved", "rejected", "delayed", "announced", "opened", "closed", "promised"]


def article(rng: random.Random, number: int) -> list[str]:
    """Sentences of an invented report."""
    sentences = []
    for _ in range(SENTENCES):
        words = [rng.choice(WORDS) for _ in range(12)]
        words.insert(3, rng.choice(VERBS))
        sentences.append(" ".join(words).capitalize() + f" in district {number}.")
    return sentences


def reworded(sentences: list[str], rng: random.Random) -> list[str]:
    """The same report with one sentence reworded (two of its words changed)."""
    out = list(sentences)
    k = rng.randrange(len(out))
    words = out[k].split()
    for i in (1, 6):
        words[i] = "reportedly" if words[i] != "reportedly" else "officially"
    out[k] = " ".join(words)
    return out


def write_sites(folder: Path) -> tuple[Path, Path]:
    """Two JSON Lines files: the originals, and a syndicator's copies of them."""
    rng = random.Random(13)
    original, copy = folder / "site-a.jsonl", folder / "site-b.jsonl"
    lines_a, lines_b = [], []
    for n in range(ARTICLES):
        sentences = article(rng, n)
        for lines, site, text in (
            (lines_a, "a", sentences),
            (lines_b, "b", reworded(sentences, rng)),
        ):
            record = {
                "doc_id": f"{site}-{n}",
                "url": f"https://site-{site}.example/news/{n}",
                "source": f"Site {site.upper()}",
                "title": f"Report number {n} from the district",
                "published": "2031-06-06",
                "text": "\n\n".join(text),
            }
            lines.append(json.dumps(record))
    original.write_text("\n".join(lines_a) + "\n", encoding="utf-8")
    copy.write_text("\n".join(lines_b) + "\n", encoding="utf-8")
    return original, copy


def ingest_both_at_once(db: str, first: Path, second: Path) -> None:
    runs = [
        subprocess.Popen(
            [*ingest_command(db, [str(path)]), "--no-analyse"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for path in (first, second)
    ]
    for run in runs:
        output, _ = run.communicate(timeout=300)
        assert run.returncode == 0, output.decode(errors="replace")


def test_two_processes_filing_copies_at_once_store_each_article_once(
    store_url: str, tmp_path: Path
) -> None:
    first, second = write_sites(tmp_path)
    db = store_url.removeprefix("sqlite:///")
    ingest_both_at_once(db, first, second)
    store = open_store(store_url)
    try:
        stored = store.list_articles(limit=10 * ARTICLES)
        assert len(stored) == ARTICLES, sorted(s.doc_id for s in stored)
        for summary in stored:
            row = store.get_article(summary.id)
            assert row is not None
            sites = sorted(c.source or "" for c in row.copies)
            assert sites == ["Site A", "Site B"], (summary.doc_id, sites)
    finally:
        store.close()
    assert store_problems(db) == []


def as_article(sentences: list[str], name: str) -> Article:
    body, blocks = build_blocks([(BlockKind.PARAGRAPH, s) for s in sentences])
    return Article(doc_id=name, origin=name, text=body, blocks=blocks, source=name)


def test_checked_insert_reads_only_newer_articles_and_stops_at_a_copy(any_store: Store) -> None:
    rng = random.Random(5)
    first, second = as_article(article(rng, 1), "first"), as_article(article(rng, 2), "second")
    first_id = any_store.add_article(first, fingerprint(first.text)[0])
    seen: list[list[tuple[int, bytes]]] = []

    def says_copy(rows: list[tuple[int, bytes]]) -> str:
        seen.append(rows)
        return "a copy"

    fp = fingerprint(second.text)[0]
    assert any_store.add_article_if_new(second, fp, 0, says_copy) == "a copy"
    assert [[article_id for article_id, _ in rows] for rows in seen] == [[first_id]]
    assert len(any_store.list_articles()) == 1  # nothing was inserted
    seen.clear()
    second_id = any_store.add_article_if_new(second, fp, first_id, says_copy)
    assert seen == [] and isinstance(second_id, int) and second_id > first_id


def test_a_stale_index_still_finds_the_copy_filed_meanwhile(any_store: Store) -> None:
    rng = random.Random(7)
    sentences = article(rng, 3)
    original = as_article(sentences, "site-a")
    copy = as_article(reworded(sentences, rng), "site-b")
    mine, theirs = Deduplicator(any_store), Deduplicator(any_store)  # two ingests at once
    fp, signature = fingerprint(copy.text)
    assert theirs.match(fp, signature, copy.text) is None  # looked up before the original
    filed = mine.file_new(original, *fingerprint(original.text))
    assert isinstance(filed, int)
    found = theirs.file_new(copy, fp, signature)
    assert isinstance(found, Match) and found.article_id == filed and not found.exact
    assert len(any_store.list_articles()) == 1
