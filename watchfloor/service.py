"""The service functions that the CLI (and later the API) are thin layers over."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from watchfloor.dedup import DEFAULT_THRESHOLD, Deduplicator, fingerprint
from watchfloor.extract import extract
from watchfloor.models import Page, Skip, SkipError, SkipReason
from watchfloor.sources import InputFormat, iter_inputs
from watchfloor.sources.fetch import FetchConfig, Fetcher
from watchfloor.sources.files import DEFAULT_MAX_BYTES
from watchfloor.store.base import Store, StoredArticle

if TYPE_CHECKING:
    from watchfloor.actors.types import DocActor
    from watchfloor.analysis import Analyser

log = logging.getLogger(__name__)


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


@dataclass
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    unchanged: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    words: int = 0
    analysed: int = 0

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
        summary.analysed = analyse_stored(store, on_item=on_item)
    return summary


def analyse_stored(
    store: Store, batch_size: int = 32, on_item: ProgressCallback | None = None
) -> int:
    """Run the NLP and actor stages on every stored article not yet analysed."""
    from watchfloor.analysis import load_analyser

    analyser = load_analyser()
    done = 0
    while ids := store.unanalysed_ids(limit=batch_size):
        stored = [s for s in (store.get_article(i) for i in ids) if s is not None]
        for row, (actors, facts) in zip(stored, _analyse(analyser, stored), strict=True):
            store.save_analysis(row.id, row.article.doc_id, actors, facts)
            done += 1
            if on_item is not None:
                on_item(row.article.origin, Outcome.ANALYSED, "")
    return done


Analysis = tuple[list["DocActor"], dict[str, list[dict[str, Any]]]]


def _analyse(analyser: Analyser, stored: list[StoredArticle]) -> list[Analysis]:
    """Actors and facts of each article; one that breaks the analyser gets none."""
    try:
        return [(a.actors, a.facts) for a in analyser.analyse_many([s.article for s in stored])]
    except Exception:
        log.exception("batch analysis failed; retrying one article at a time")
    results: list[Analysis] = []
    for row in stored:
        try:
            analysed = analyser.analyse(row.article)
            results.append((analysed.actors, analysed.facts))
        except Exception:
            log.exception("analysis failed for article %s", row.id)
            results.append(([], {}))
    return results


def ingest_pages(
    store: Store,
    items: Iterable[Page | Skip],
    near_threshold: float = DEFAULT_THRESHOLD,
    on_item: ProgressCallback | None = None,
) -> IngestSummary:
    """The storing half of :func:`ingest`, for pages from any source."""
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
    match = dedup.match(fp, signature)
    if match is None:
        article_id = store.add_article(article, fp)
        dedup.add(article_id, signature)
        store.log(article.origin, Outcome.INGESTED.value, article_id=article_id)
        summary.words += article.word_count
        return Outcome.INGESTED, ""
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
