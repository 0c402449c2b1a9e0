"""The service functions that the CLI (and later the API) are thin layers over."""

from __future__ import annotations

import logging
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from watchfloor.dedup import DEFAULT_THRESHOLD, Deduplicator, Match, fingerprint
from watchfloor.extract import extract
from watchfloor.languages import UNKNOWN, not_analysed
from watchfloor.models import Article, Page, Skip, SkipError, SkipReason
from watchfloor.sources import InputFormat, iter_inputs
from watchfloor.sources.fetch import FetchConfig, Fetcher
from watchfloor.sources.files import DEFAULT_MAX_BYTES
from watchfloor.store.base import Fingerprint, Store, StoredArticle

if TYPE_CHECKING:
    from datasketch import MinHash

    from watchfloor.analysis import ArticleAnalysis

log = logging.getLogger(__name__)
POOL_BATCH = 8  # articles per batch handed to a worker: small enough to share out evenly
IN_FLIGHT = 4  # batches per worker handed out ahead of the one being saved
_Batch = tuple[list[StoredArticle], "Future[list[ArticleAnalysis]]"]  # articles, results


class Outcome(StrEnum):
    INGESTED = "ingested"
    DUPLICATE = "duplicate"  # a new copy of a stored article (exact or near)
    UNCHANGED = "unchanged"  # this very input was ingested before
    SKIPPED = "skipped"
    ANALYSED = "analysed"  # actors found and filed (a second pass over new articles)


@dataclass
class IngestOptions:
    fmt: InputFormat = InputFormat.AUTO
    near_threshold: float = DEFAULT_THRESHOLD
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch: FetchConfig = field(default_factory=FetchConfig)
    analyse: bool = True  # run the NLP and actor stages on new articles
    workers: int = 1  # processes for the analysis; 1 runs it in this process


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    words: int = 0
    analysed: int = 0
    languages: Counter[str] = field(default_factory=Counter)  # of the articles ingested

    @property
    def not_analysed(self) -> dict[str, int]:
        """Articles ingested in a language the NLP stage does not read, by language."""
        return not_analysed(dict(self.languages))

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicates + self.unchanged + sum(self.skipped.values())

    def add(self, outcome: Outcome, reason: str = "") -> None:
        if outcome is Outcome.INGESTED:
            self.ingested += 1
        elif outcome is Outcome.DUPLICATE:
            self.duplicates += 1
        elif outcome is Outcome.UNCHANGED:
            self.unchanged += 1
        elif outcome is Outcome.SKIPPED:
            self.skipped[reason] += 1


ProgressCallback = Callable[[str, Outcome, str], None]


def ingest(
    store: Store,
    inputs: Sequence[str],
    options: IngestOptions | None = None,
    on_item: ProgressCallback | None = None,
) -> IngestSummary:
    """Read, extract, de-duplicate and store every input; return what happened."""
    options = options or IngestOptions()
    with Fetcher(options.fetch) as fetcher:
        items = iter_inputs(inputs, options.fmt, fetcher=fetcher, max_bytes=options.max_bytes)
        summary = ingest_pages(store, items, options.near_threshold, on_item)
    if options.analyse:
        summary.analysed = analyse_stored(store, on_item=on_item, workers=options.workers)
        update_forecast_ledger(store)
    return summary


def update_forecast_ledger(store: Store) -> None:
    """File the new forecasts in the ledger and look for their resolutions (#14); a
    failure is logged and leaves the stored articles and facts as they are."""
    from watchfloor.ledger.service import update_ledger

    try:
        update_ledger(store)
    except Exception:
        log.exception("the forecast ledger could not be updated")


def analyse_stored(
    store: Store,
    batch_size: int = 32,
    on_item: ProgressCallback | None = None,
    workers: int = 1,
) -> int:
    """Run the NLP, actor and fact stages on every stored article not yet analysed.

    With ``workers`` > 1 the batches go to that many processes ("spawn"ed, so a
    script calling this needs the ``if __name__ == "__main__":`` guard), each
    loading the models once; this process alone writes to the store, in article
    order, so the store needs no locking and the result equals a one-process run.
    An article that breaks the analyser is logged and filed with no facts. Articles a
    killed run analysed but did not file in their stories are filed first.
    """
    _file_unfiled(store)
    if workers > 1:
        return _analyse_in_pool(store, min(batch_size, POOL_BATCH), on_item, workers)
    from watchfloor.analysis import analyse_safely, load_analyser

    analyser = load_analyser()
    done = 0
    while ids := store.unanalysed_ids(limit=batch_size):
        rows = _stored(store, ids)
        done += _save_all(store, rows, analyse_safely(analyser, [r.article for r in rows]), on_item)
    return done


def _file_unfiled(store: Store) -> None:
    """File what a run killed between an article's analysis and its filing left unfiled."""
    from watchfloor.stories import file_pending

    file_pending(store)


def _analyse_in_pool(
    store: Store, batch_size: int, on_item: ProgressCallback | None, workers: int
) -> int:
    from watchfloor.analysis import analyse_in_worker, start_worker

    done = 0
    in_flight: deque[_Batch] = deque()
    context = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker) as pool:
            for rows in _unsent_batches(store, batch_size, in_flight):
                in_flight.append((rows, pool.submit(analyse_in_worker, [r.article for r in rows])))
                if len(in_flight) > IN_FLIGHT * workers:  # workers busy, memory bounded
                    done += _save_all(store, *_received(in_flight.popleft()), on_item)
            while in_flight:
                done += _save_all(store, *_received(in_flight.popleft()), on_item)
    except BrokenProcessPool:
        log.error("a worker process died; analysing the remaining articles in this process")
        return done + analyse_stored(store, batch_size, on_item)
    return done


def _unsent_batches(
    store: Store, size: int, in_flight: deque[_Batch]
) -> Iterator[list[StoredArticle]]:
    """Batches of unanalysed articles not already handed to a worker, oldest first."""
    while True:
        busy = {row.id for rows, _ in in_flight for row in rows}
        ids = [i for i in store.unanalysed_ids(limit=len(busy) + size) if i not in busy]
        if not ids:
            return
        yield _stored(store, ids[:size])


def _received(batch: _Batch) -> tuple[list[StoredArticle], list[ArticleAnalysis]]:
    """A worker's results; a batch whose results cannot come back fails article by article."""
    from watchfloor.analysis import ArticleAnalysis

    rows, future = batch
    try:
        return rows, future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:
        return rows, [ArticleAnalysis([], {}, error=repr(exc)) for _ in rows]


def _stored(store: Store, ids: list[int]) -> list[StoredArticle]:
    return [s for s in (store.get_article(i) for i in ids) if s is not None]


def _save_all(
    store: Store,
    rows: list[StoredArticle],
    results: list[ArticleAnalysis],
    on_item: ProgressCallback | None,
) -> int:
    """File each article's analysis, then its story and merged events: the one place an
    analysed article is saved."""
    from watchfloor.stories import file_article

    for row, result in zip(rows, results, strict=True):
        if result.error is not None:
            log.error(
                "analysis failed for article %s (%s): %s", row.id, row.article.doc_id, result.error
            )
        store.save_analysis(row.id, row.article.doc_id, result.actors, result.facts)
        file_article(store, row.id)
        if on_item is not None:
            on_item(row.article.origin, Outcome.ANALYSED, "")
    return len(rows)


def ingest_pages(
    store: Store,
    items: Iterable[Page | Skip],
    near_threshold: float = DEFAULT_THRESHOLD,
    on_item: ProgressCallback | None = None,
    dedup: Deduplicator | None = None,
) -> IngestSummary:
    """The storing half of :func:`ingest`, for pages from any source. A caller storing
    one page at a time passes its own ``dedup`` (built once) to spare rebuilding it."""
    if dedup is None:
        dedup = Deduplicator(store, near_threshold)
    summary = IngestSummary()
    for item in items:
        outcome, reason = _ingest_one(store, dedup, item, summary)
        summary.add(outcome, reason)
        if on_item is not None:
            on_item(item.origin, outcome, reason)
    return summary


def _ingest_one(
    store: Store, dedup: Deduplicator, item: Page | Skip, summary: IngestSummary
) -> tuple[Outcome, str]:
    if isinstance(item, Skip):
        return _skip(store, item.origin, item.reason, item.detail)
    try:
        article = extract(item)
    except SkipError as exc:
        return _skip(store, item.origin, exc.reason, exc.detail)
    except Exception as exc:  # a bug or a library failure on one page must not stop the run
        log.exception("extraction failed for %s", item.origin)
        return _skip(store, item.origin, SkipReason.EXTRACTION_ERROR, repr(exc))
    fp, signature = fingerprint(article.text)
    filed = store_extracted(store, dedup, article, fp, signature, summary)
    return filed.outcome, filed.reason


@dataclass(frozen=True)
class Filed:
    """What :func:`store_extracted` did with an article."""

    outcome: Outcome  # INGESTED, DUPLICATE or UNCHANGED
    reason: str  # "exact" or "near" for a copy
    article_id: int  # the article stored, or the stored article it is a copy of
    exact: bool = True  # its text is the stored article's own (not a near copy)


def store_extracted(
    store: Store,
    dedup: Deduplicator,
    article: Article,
    fp: Fingerprint,
    signature: MinHash,
    summary: IngestSummary,
) -> Filed:
    """File one extracted, fingerprinted article: a new article, a copy of a stored one
    (exact text, or near by MinHash), or unchanged (this very input was filed before)."""
    match = dedup.match(fp, signature, article.text)
    if match is None:
        article_id = _add_article(store, dedup, article, (fp, signature))
        if not isinstance(article_id, Match):
            store.log(article.origin, Outcome.INGESTED.value, article_id=article_id)
            summary.words += article.word_count
            summary.languages[article.language or UNKNOWN] += 1
            return Filed(Outcome.INGESTED, "", article_id)
        match = article_id  # a copy of it, stored by an ingest beside this one
    outcome, reason = _add_copy(store, article, match)
    return Filed(outcome, reason, match.article_id, match.exact)


def _add_article(
    store: Store, dedup: Deduplicator, article: Article, prints: tuple[Fingerprint, MinHash]
) -> int | Match:
    """Store a new article; or, when an ingest running beside this one stored a copy of it
    first, the stored one (checked under the store's write lock; text_hash is unique too,
    so the database refuses a second article of the same text)."""
    fp, signature = prints
    try:
        return dedup.file_new(article, fp, signature)
    except Exception:
        existing = store.find_by_hash(fp.text_hash)
        if existing is None:
            raise
        log.info("%s was stored meanwhile as article %s", article.origin, existing)
        return Match(existing, 1.0, True)


def _add_copy(store: Store, article: Article, match: Match) -> tuple[Outcome, str]:
    kind = "exact" if match.exact else "near"
    if not store.add_copy(match.article_id, article, kind, match.similarity):
        return Outcome.UNCHANGED, ""
    detail = f"{kind} copy of article {match.article_id} (similarity {match.similarity:.2f})"
    store.log(article.origin, Outcome.DUPLICATE.value, kind, detail, match.article_id)
    return Outcome.DUPLICATE, kind


def _skip(store: Store, origin: str, reason: SkipReason, detail: str) -> tuple[Outcome, str]:
    log.info("skipped %s: %s %s", origin, reason.value, detail)
    store.log(origin, Outcome.SKIPPED.value, reason.value, detail)
    return Outcome.SKIPPED, reason.value
