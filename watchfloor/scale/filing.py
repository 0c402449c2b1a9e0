"""Filing a partition's results in the store: the one writer of a cluster run.

Each article is checked against the store's exact hashes and the MinHash index at
filing time, so two workers that read copies of one article at the same moment
still store it once: the first copy filed is the article, the next a copy of it.
The outcomes, the ingestion log, the analysis and the story filing are those of
the one-process ingest, through its own function (``service.store_extracted``).
Filing a partition again changes nothing: every page comes back ``unchanged``.
"""

from __future__ import annotations

import logging

from watchfloor.dedup import Deduplicator
from watchfloor.models import Skip
from watchfloor.scale.worker import Extracted, PartitionResult
from watchfloor.service import IngestSummary, Outcome, ProgressCallback, store_extracted
from watchfloor.store.base import Store

log = logging.getLogger(__name__)


def file_partition(
    store: Store,
    dedup: Deduplicator,
    result: PartitionResult,
    summary: IngestSummary,
    on_item: ProgressCallback | None = None,
) -> int:
    """File every page of one partition, in order, then record the partition as
    finished; the number of new articles."""
    new = 0
    for item in result.items:
        if isinstance(item, Skip):
            outcome, reason = _skip(store, item)
        else:
            outcome, reason = _file_article(store, dedup, item, summary)
            new += outcome is Outcome.INGESTED
        summary.add(outcome, reason)
        if on_item is not None:
            on_item(item.origin if isinstance(item, Skip) else item.article.origin, outcome, reason)
    store.finish_partition(result.part.key, len(result.items), new, result.seconds, result.worker)
    return new


def _skip(store: Store, item: Skip) -> tuple[Outcome, str]:
    log.info("skipped %s: %s %s", item.origin, item.reason.value, item.detail)
    store.log(item.origin, Outcome.SKIPPED.value, item.reason.value, item.detail)
    return Outcome.SKIPPED, item.reason.value


def _file_article(
    store: Store, dedup: Deduplicator, item: Extracted, summary: IngestSummary
) -> tuple[Outcome, str]:
    filed = store_extracted(store, dedup, item.article, item.fingerprint, item.signature, summary)
    new = filed.outcome is Outcome.INGESTED
    unchanged = filed.outcome is Outcome.UNCHANGED and filed.exact
    if new or (unchanged and not store.is_analysed(filed.article_id)):  # a run stopped between
        _save_analysis(store, filed.article_id, item, summary)
    return filed.outcome, filed.reason


def _save_analysis(store: Store, article_id: int, item: Extracted, summary: IngestSummary) -> None:
    """File the worker's analysis of a new article, then its story (as ``service._save_all``)."""
    from watchfloor.stories import file_article

    result = item.analysis
    if result is None:
        return
    stored = store.get_article(article_id)
    doc_id = stored.article.doc_id if stored is not None else item.article.doc_id
    if result.error is not None:
        log.error("analysis failed for article %s (%s): %s", article_id, doc_id, result.error)
    store.save_analysis(article_id, doc_id, result.actors, result.facts)
    file_article(store, article_id)
    summary.analysed += 1
