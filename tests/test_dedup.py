"""Exact and near-duplicate detection."""

from __future__ import annotations

from watchfloor.dedup import Deduplicator, fingerprint, normalise_text, text_hash
from watchfloor.models import Article, BlockKind, build_blocks
from watchfloor.store import SQLiteStore

STORY = (
    "Officials from Northland and Eastmark met in the port city of Calder on Monday to open talks "
    "on shared use of the harbour, the first such meeting in six years. The Northland delegation, "
    "led by Trade Minister Ada Penrose, said it hoped for an agreement before the summer shipping "
    "season. Eastmark's negotiators described the first session as constructive but said several "
    "questions about customs inspections remained open, and a second round is due next month."
)


def article(text: str, origin: str) -> Article:
    body, blocks = build_blocks([(BlockKind.PARAGRAPH, text)])
    return Article(doc_id=origin, origin=origin, text=body, blocks=blocks)


def test_hash_ignores_case_whitespace_and_punctuation() -> None:
    assert text_hash("Hello,  World!") == text_hash("hello world")
    assert normalise_text("A-b  C.") == "a b c"
    assert text_hash("hello world") != text_hash("hello there world")


def test_exact_and_near_duplicates_are_found(store: SQLiteStore) -> None:
    original = article(STORY, "a")
    fp, _ = fingerprint(original.text)
    article_id = store.add_article(original, fp)
    dedup = Deduplicator(store, threshold=0.7)

    same = fingerprint(STORY.upper())
    match = dedup.match(*same)
    assert match is not None and match.exact and match.article_id == article_id

    syndicated = (
        STORY.replace("on Monday", "on Monday, Reuters reports,") + " (Reporting by staff.)"
    )
    match = dedup.match(*fingerprint(syndicated))
    assert match is not None and not match.exact and match.similarity >= 0.7

    other = "Grain convoy reaches Bellport after three days at the border, relief agency says."
    assert dedup.match(*fingerprint(other)) is None


def test_index_is_rebuilt_from_the_store(store: SQLiteStore) -> None:
    original = article(STORY, "a")
    store.add_article(original, fingerprint(original.text)[0])
    fresh = Deduplicator(store, threshold=0.7)  # a new run
    near = STORY.replace("six years", "seven years")
    match = fresh.match(*fingerprint(near))
    assert match is not None and not match.exact
