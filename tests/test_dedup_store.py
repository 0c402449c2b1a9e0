"""Near-duplicates looked up in the store (LSH band keys in ``article_bands``), on
SQLite and PostgreSQL: a copy of an article filed long ago is caught by a fresh
de-duplicator, which holds nothing per article; a store of an older release gets
its keys from the migration; another threshold's layout is filled when first asked.

The articles are generated here from a fixed seed; the expected copies come from the
exact Jaccard similarity of their word shingles, computed pair by pair.
"""

from __future__ import annotations

import gc
import random
import tracemalloc

import pytest

from watchfloor.dedup import Deduplicator, fingerprint, jaccard, lsh_bands, shingles_of
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.service import IngestSummary, Outcome, store_extracted
from watchfloor.store import Store, open_store
from watchfloor.store.bands import DEFAULT_ROWS, band_keys

WORDS = [
    *("harbour", "council", "ferry", "strike", "budget", "minister", "river", "bridge"),
    *("election", "vote", "court", "trade", "port", "union", "farmers", "drought", "rail"),
    *("station", "police", "border", "army", "talks", "treaty", "summit", "mayor", "tax"),
    *("school", "hospital", "storm", "flood", "market", "grain", "fuel", "price", "wage"),
]


def words(rng: random.Random, count: int = 240) -> list[str]:
    return [rng.choice(WORDS) for _ in range(count)]


def changed(text: list[str], rng: random.Random, edits: int) -> list[str]:
    """The text with ``edits`` words, far apart, replaced by a word no text has."""
    out = list(text)
    for k in rng.sample(range(0, len(out), 12), edits):
        out[k] = f"reworded{k}"
    return out


def as_article(text: list[str], name: str) -> Article:
    sentences = [" ".join(text[i : i + 20]) + "." for i in range(0, len(text), 20)]
    body, blocks = build_blocks([(BlockKind.PARAGRAPH, s) for s in sentences])
    return Article(doc_id=name, origin=f"test:{name}", text=body, blocks=blocks)


def file(store: Store, dedup: Deduplicator, article: Article) -> tuple[Outcome, int]:
    fp, signature = fingerprint(article.text)
    filed = store_extracted(store, dedup, article, fp, signature, IngestSummary())
    return filed.outcome, filed.article_id


def test_a_copy_of_an_article_filed_long_ago_is_caught_by_a_fresh_deduplicator(
    store_url: str,
) -> None:
    rng = random.Random(11)
    first = words(rng)
    store = open_store(store_url)
    try:
        original_id = file(store, Deduplicator(store), as_article(first, "first"))[1]
        dedup = Deduplicator(store)
        for n in range(60):  # much filed since
            assert file(store, dedup, as_article(words(rng), f"later-{n}"))[0] is Outcome.INGESTED
    finally:
        store.close()
    again = open_store(store_url)  # a new process: nothing is rebuilt
    try:
        copy = as_article(changed(first, rng, 3), "copy")
        assert jaccard(shingles_of(copy.text), shingles_of(" ".join(first))) >= 0.85
        assert file(again, Deduplicator(again), copy) == (Outcome.DUPLICATE, original_id)
        stored = again.get_article(original_id)
        assert stored is not None and [c.kind for c in stored.copies] == ["original", "near"]
    finally:
        again.close()


def test_found_copies_are_the_pairs_at_the_threshold_on_every_backend(any_store: Store) -> None:
    """Originals, copies with 1 to 12 words changed (Jaccard about 0.97 down to 0.6) and
    copies of copies, in a shuffled order: each text is a copy exactly when the exact
    Jaccard with an article stored before it is at least 0.8."""
    rng = random.Random(3)
    texts: list[list[str]] = [words(rng) for _ in range(12)]
    texts += [changed(rng.choice(texts[:12]), rng, rng.randint(1, 12)) for _ in range(24)]
    rng.shuffle(texts)
    dedup = Deduplicator(any_store)
    stored: dict[int, set[bytes]] = {}
    for n, text in enumerate(texts):
        article = as_article(text, f"t{n}")
        shingles = shingles_of(article.text)
        best = max(((jaccard(shingles, s), i) for i, s in stored.items()), default=(0.0, 0))
        outcome, article_id = file(any_store, dedup, article)
        if best[0] >= dedup.threshold:
            assert (outcome, article_id) == (Outcome.DUPLICATE, best[1]), (n, best)
        else:
            assert outcome is Outcome.INGESTED, (n, best)
            stored[article_id] = shingles
    assert 12 <= len(stored) < len(texts)  # some copies, some too reworded to be copies


def test_the_deduplicator_holds_nothing_per_article(any_store: Store) -> None:
    """Python memory kept while 300 articles are filed through one de-duplicator: the
    in-memory index this replaced kept about 9 KB per article (2.7 MB here)."""
    rng = random.Random(5)
    dedup = Deduplicator(any_store)
    for n in range(20):  # warm the caches (statements, the NLP-free code paths)
        file(any_store, dedup, as_article(words(rng), f"warm-{n}"))
    tracemalloc.start()
    try:
        gc.collect()  # what psycopg's cursors leave in reference cycles, not kept
        before = tracemalloc.take_snapshot()
        for n in range(300):
            file(any_store, dedup, as_article(words(rng), f"a-{n}"))
        gc.collect()
        grown = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    finally:
        tracemalloc.stop()
    assert grown < 100 * 1024, grown  # under 350 bytes per article in all
    assert set(vars(dedup)) == {"store", "threshold", "rows", "known"}


def band_rows(store: Store, rows: int) -> int:
    found = store._one(  # type: ignore[attr-defined]
        "SELECT count(*) AS n FROM article_bands WHERE rows_per_band = ?", (rows,)
    )
    return int(found["n"])


def test_another_threshold_fills_its_layout_once_then_keeps_it(any_store: Store) -> None:
    rng = random.Random(8)
    first = words(rng)
    original_id = file(any_store, Deduplicator(any_store), as_article(first, "first"))[1]
    loose = changed(first, rng, 9)  # about 0.65: no copy at 0.8, a copy at 0.6
    similarity = jaccard(shingles_of(as_article(loose, "x").text), shingles_of(" ".join(first)))
    assert 0.6 <= similarity < 0.8
    rows = lsh_bands(0.6)[1]
    assert rows != DEFAULT_ROWS and band_rows(any_store, rows) == 0
    assert Deduplicator(any_store).match(*fingerprint(" ".join(loose))) is None
    wide = Deduplicator(any_store, threshold=0.6)  # fills the articles stored before it
    assert band_rows(any_store, rows) == len(
        band_keys(fingerprint(" ".join(first))[0].minhash, rows)
    )
    assert file(any_store, wide, as_article(loose, "loose")) == (Outcome.DUPLICATE, original_id)
    newer_id = file(any_store, Deduplicator(any_store), as_article(words(rng), "newer"))[1]
    bands = {r: 128 // r for r in (rows, DEFAULT_ROWS)}  # a new article gets both layouts' keys
    found = any_store._all(  # type: ignore[attr-defined]
        "SELECT rows_per_band, count(*) AS n FROM article_bands WHERE article_id = ?"
        " GROUP BY rows_per_band",
        (newer_id,),
    )
    assert {int(r["rows_per_band"]): int(r["n"]) for r in found} == bands


def test_the_migration_files_the_keys_of_articles_stored_before_it(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from old_store import open_before

    rng = random.Random(21)
    texts = [words(rng) for _ in range(4)]
    old = open_before(store_url, 17, monkeypatch)
    ids = [
        old.add_article(as_article(t, f"old-{n}"), fingerprint(" ".join(t))[0])
        for n, t in enumerate(texts)
    ]
    old.close()
    monkeypatch.undo()
    store = open_store(store_url)
    try:
        assert band_rows(store, DEFAULT_ROWS) == 4 * lsh_bands(0.8)[0]
        copy = as_article(changed(texts[2], rng, 2), "copy")
        assert file(store, Deduplicator(store), copy) == (Outcome.DUPLICATE, ids[2])
    finally:
        store.close()


def test_the_default_layout_is_the_default_thresholds() -> None:
    assert lsh_bands(0.8) == (128 // DEFAULT_ROWS, DEFAULT_ROWS)
