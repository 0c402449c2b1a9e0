"""Two ingests at once, in two real processes, each filing its own copy of the same
articles (syndication: another site, one sentence reworded): every article is stored
once, with both copies, on SQLite and on PostgreSQL.

The articles are generated here from a fixed seed; no text is copied from anywhere.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

from crash_harness import ingest_command, store_problems

from watchfloor.store import open_store

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
