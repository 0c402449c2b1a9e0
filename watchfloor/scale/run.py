"""``watchfloor ingest INPUTS --dask ADDRESS``: the ingest on a Dask cluster.

The inputs are cut into partitions (``watchfloor.scale.partitions``); those the
store's ledger does not list as finished go to the cluster's workers, a few per
worker at a time, and each partition's results are filed here as it comes back,
in input order (so the store ends as a one-process ingest of the same input leaves
it, whatever the number of workers and whichever of them died on the way). A
worker that dies has its partitions given to another by the Dask scheduler; the
filing of a partition and its entry in the ledger come after its results are
here, so nothing is filed twice and nothing is lost. A run stopped halfway
(Ctrl-C, a crash) continues where it stopped when run again.

``ADDRESS`` is a scheduler (``tcp://host:8786``), which needs a PostgreSQL store
that every machine of the team can reach, or ``local:N`` for a LocalCluster of N
one-thread worker processes on this machine (any store).
"""

from __future__ import annotations

import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import dask
from distributed import Client, Future, LocalCluster

from watchfloor.dedup import Deduplicator
from watchfloor.scale.filing import file_partition
from watchfloor.scale.partitions import DEFAULT_RECORDS, Partition, plan_partitions
from watchfloor.scale.worker import LoadModels, PartitionResult, ReadOptions, run_partition
from watchfloor.service import (
    IngestOptions,
    IngestSummary,
    ProgressCallback,
    update_forecast_ledger,
)
from watchfloor.store.base import Store
from watchfloor.stories import file_pending

log = logging.getLogger(__name__)
LOCAL = "local:"
# Partitions in flight per worker thread (submitted, not yet filed). Filing follows input
# order, so while one long partition is worked on the other threads can only run the
# partitions of this window after it; a wide window keeps them busy. Within it, the
# biggest partition starts first (Dask priority), so a long one does not come last.
PER_WORKER = 6
WORKER_WAIT_S = 120.0  # how long a run waits for its cluster's first worker
LOCAL_CONFIG = {
    # a worker holds only the partition it runs: the next one is chosen (biggest first)
    # when it is free, not queued behind another on a busy worker
    "distributed.scheduler.worker-saturation": 1.0,
}


@dataclass
class RunProgress:
    """The whole run so far: what the CLI shows."""

    partitions: int  # in the input
    finished_before: int  # already in the ledger when the run began
    filed: int = 0  # partitions filed by this run
    failed: list[str] = field(default_factory=list)  # partition keys whose task failed
    summary: IngestSummary = field(default_factory=IngestSummary)
    started: float = field(default_factory=time.perf_counter)
    dashboard: str | None = None
    workers: int = 0
    ready: float | None = None  # when the cluster was up and its workers' models loaded
    ended: float | None = None  # set when the run is over: its rate stops moving
    filed_at: float | None = None  # when the last partition was filed (the ledger update follows)
    filing_seconds: float = 0.0  # this process's time filing results in the store
    filing_cpu_seconds: float = 0.0  # the CPU time of this process in that time
    driver_cpu_seconds: float = 0.0  # all of this process's CPU from ready to the last filing
    worker_cpu_seconds: float = 0.0  # the workers' CPU time on the partitions filed

    @property
    def done(self) -> int:
        return self.finished_before + self.filed

    @property
    def articles(self) -> int:
        """Pages that became articles (new, copies or seen before) in this run."""
        summary = self.summary
        return summary.ingested + summary.duplicates + summary.unchanged

    @property
    def rate(self) -> float:
        """Articles per second of this run, wall time."""
        seconds = (self.ended or time.perf_counter()) - self.started
        return self.articles / seconds if seconds > 0 else 0.0

    @property
    def skipped(self) -> Counter[str]:
        return self.summary.skipped


RunCallback = Callable[[RunProgress], None]


@dataclass
class ClusterOptions:
    address: str  # tcp://host:port, or local:N
    records: int = DEFAULT_RECORDS  # WARC records per partition


def ingest_on_dask(
    store: Store,
    inputs: list[str],
    cluster: ClusterOptions,
    options: IngestOptions | None = None,
    on_progress: RunCallback | None = None,
    on_item: ProgressCallback | None = None,
) -> RunProgress:
    """Ingest ``inputs`` on a Dask cluster into ``store``; the run's progress at its end."""
    options = options or IngestOptions()
    _check_store(store, cluster.address)
    parts = plan_partitions(inputs, options.fmt, cluster.records)
    finished = store.finished_partitions([p.key for p in parts])
    todo = [p for p in parts if p.key not in finished]
    progress = RunProgress(len(parts), len(parts) - len(todo))
    read = ReadOptions(options.fmt, options.max_bytes, options.fetch, options.analyse)
    with connect(cluster.address) as client:
        progress.dashboard = client.dashboard_link
        progress.workers = len(_threads(client))
        progress.ready = time.perf_counter()
        if on_progress is not None:
            on_progress(progress)
        if options.analyse:  # what a run stopped between analysis and story filing left
            file_pending(store)
        dedup = Deduplicator(store, options.near_threshold)
        driver_cpu = time.process_time()
        for result in _results(client, todo, read, progress):
            began, cpu = time.perf_counter(), time.process_time()
            file_partition(store, dedup, result, progress.summary, on_item)
            progress.filed_at = time.perf_counter()
            progress.filing_seconds += progress.filed_at - began
            progress.filing_cpu_seconds += time.process_time() - cpu
            progress.driver_cpu_seconds = time.process_time() - driver_cpu
            progress.worker_cpu_seconds += result.cpu_seconds
            progress.filed += 1
            if on_progress is not None:
                on_progress(progress)
    if options.analyse:  # the forecast ledger, as after a one-process ingest (#14)
        update_forecast_ledger(store)
    progress.ended = time.perf_counter()
    return progress


def _check_store(store: Store, address: str) -> None:
    if not address.startswith(LOCAL) and getattr(store, "backend", "") != "postgres":
        raise ValueError(
            "a Dask cluster files into a shared PostgreSQL store (--db postgresql://...);"
            " a SQLite file is for --dask local:N only"
        )


@contextmanager
def connect(address: str) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a LocalCluster for ``local:N``;
    every worker loads the models once, as it joins."""
    if address.startswith(LOCAL):
        workers = int(address.removeprefix(LOCAL) or "1")
        if workers < 1:
            raise ValueError(f"local:N needs N >= 1, not {workers}")
        with (
            dask.config.set(LOCAL_CONFIG),
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            ) as local,
            Client(local) as client,  # type: ignore[no-untyped-call]
        ):
            client.register_plugin(LoadModels())
            yield client
        return
    with Client(address, timeout=30) as client:  # type: ignore[no-untyped-call]
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        client.register_plugin(LoadModels())
        yield client


def _results(
    client: Client, todo: list[Partition], read: ReadOptions, progress: RunProgress
) -> Iterator[PartitionResult]:
    """Each partition's result, in input order, with a few per worker thread in flight."""
    pending = deque(todo)
    in_flight: deque[tuple[Partition, Future[PartitionResult]]] = deque()
    while pending or in_flight:
        threads = _threads(client)
        progress.workers = len(threads)
        while pending and len(in_flight) < PER_WORKER * max(1, sum(threads.values())):
            part = pending.popleft()
            task = client.submit(run_partition, part, read, pure=False, priority=part.size)
            in_flight.append((part, task))
        part, future = in_flight.popleft()
        try:
            result: PartitionResult = future.result()
        except Exception as exc:  # the task failed (a bug, or its workers kept dying)
            log.error("partition %s failed: %r; left for the next run", part.key, exc)
            progress.failed.append(part.key)
            continue
        finally:
            future.release()  # type: ignore[no-untyped-call]
        yield result


def _threads(client: Client) -> dict[str, int]:
    """The cluster's workers now, with their threads."""
    return dict(client.nthreads())  # type: ignore[no-untyped-call]
