"""What a Dask worker does with one partition: read, extract, fingerprint and analyse.

The worker loads the analyser (spaCy, the actor resolver, the fact finders) once,
when it joins the run (:class:`LoadModels`), and keeps it for every partition it
is given. It writes nothing: the partition's articles, their fingerprints and their
analyses travel back as plain data, and the process that runs the ingest files
them in the store, in input order (``watchfloor.scale.filing``).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from datasketch import MinHash
from distributed import WorkerPlugin, get_worker

from watchfloor.analysis import ArticleAnalysis, analyse_safely, load_analyser
from watchfloor.dedup import fingerprint
from watchfloor.extract import extract
from watchfloor.models import Article, Page, PageKind, Skip, SkipError, SkipReason
from watchfloor.scale.partitions import Partition, iter_partition_pages
from watchfloor.sources.fetch import FetchConfig
from watchfloor.sources.files import DEFAULT_MAX_BYTES
from watchfloor.sources.formats import InputFormat
from watchfloor.store.base import Fingerprint

log = logging.getLogger(__name__)
ANALYSIS_BATCH = 32  # articles per call of the analyser, as analyse_stored batches them
_ANALYSER_LOCK = threading.Lock()  # a worker with several threads shares one analyser
# A made-up page that every stage reads once as the worker joins: the models and data
# files the stages load on first use (language identifier, gazetteer, lexicons, spaCy's
# first batch) are then loaded before the first partition, not inside it.
_WARM_UP_PAGE = (
    "<html><head><title>Council approves new bridge over the river</title></head><body>"
    "<article><h1>Council approves new bridge over the river</h1>"
    "<p>The city council of Lyon voted on Tuesday to build a new bridge over the Rhone,"
    " the mayor said in a statement. Work is expected to start next year and to cost"
    " about 40 million euros, according to the regional government.</p>"
    "<p>Opposition members criticised the plan, saying that the money should go to"
    ' schools. "We will appeal the decision," said Marie Dubois, a councillor.</p>'
    "<p>France's transport minister welcomed the vote and promised support from Paris."
    " Traffic on the old bridge has doubled since 2010, officials said.</p>"
    "</article></body></html>"
)


@dataclass(frozen=True)
class ReadOptions:
    """How a worker reads its partitions (the ingest's own options, picklable)."""

    fmt: InputFormat = InputFormat.AUTO
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch: FetchConfig = field(default_factory=FetchConfig)
    analyse: bool = True


@dataclass
class Extracted:
    """One article of a partition, ready to file."""

    article: Article
    fingerprint: Fingerprint
    signature: MinHash
    analysis: ArticleAnalysis | None  # None when the ingest runs without analysis


@dataclass
class PartitionResult:
    part: Partition
    items: list[Extracted | Skip]
    seconds: float
    worker: str
    cpu_seconds: float = 0.0  # the worker's CPU time on it (what a core gives, under any load)


class LoadModels(WorkerPlugin):
    """Load the models on each worker as it joins, before its first partition."""

    name = "watchfloor-models"

    def setup(self, worker: object) -> None:
        warm_up()


def warm_up() -> Extracted | Skip:
    """Load the analyser and run every stage over one made-up page; what they made of it."""
    with _ANALYSER_LOCK:
        load_analyser()
    item = _extracted(Page("warm-up", PageKind.HTML, _WARM_UP_PAGE.encode()))
    if isinstance(item, Extracted):
        _analyse([item])
    return item


def run_partition(part: Partition, options: ReadOptions) -> PartitionResult:
    """The Dask task: one partition's articles and skips, in the order it holds them."""
    began, cpu = time.perf_counter(), time.process_time()
    items: list[Extracted | Skip] = []
    for page in iter_partition_pages(part, options.fmt, options.max_bytes, options.fetch):
        items.append(_extracted(page))
    articles = [item for item in items if isinstance(item, Extracted)]
    if options.analyse:
        _analyse(articles)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    return PartitionResult(part, items, seconds, _worker_name(), cpu)


def _extracted(item: Page | Skip) -> Extracted | Skip:
    if isinstance(item, Skip):
        return item
    try:
        article = extract(item)
    except SkipError as exc:
        return Skip(item.origin, exc.reason, exc.detail)
    except Exception as exc:  # a bug or a library failure on one page must not stop the run
        log.exception("extraction failed for %s", item.origin)
        return Skip(item.origin, SkipReason.EXTRACTION_ERROR, repr(exc))
    fp, signature = fingerprint(article.text)
    return Extracted(article, fp, signature, None)


def _analyse(articles: list[Extracted]) -> None:
    with _ANALYSER_LOCK:
        analyser = load_analyser()
        for start in range(0, len(articles), ANALYSIS_BATCH):
            batch = articles[start : start + ANALYSIS_BATCH]
            results = analyse_safely(analyser, [item.article for item in batch])
            for item, result in zip(batch, results, strict=True):
                item.analysis = result


def _worker_name() -> str:
    try:
        return str(get_worker().address)
    except ValueError:  # run outside a worker (tests, a one-process fallback)
        return "local"
