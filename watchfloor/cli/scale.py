"""``watchfloor ingest ... --dask ADDRESS``: the cluster ingest's progress and summary."""

from __future__ import annotations

import logging
import time

import typer
from rich.table import Table

from watchfloor.cli.common import console, err, opened, shown
from watchfloor.scale.run import ClusterOptions, RunProgress, ingest_on_dask
from watchfloor.service import IngestOptions

REPORT_EVERY_S = 2.0  # at most one progress line this often (and one per run's end)


def ingest_on_cluster(
    inputs: list[str], db: str, cluster: ClusterOptions, options: IngestOptions
) -> None:
    """Run the ingest on the cluster, printing the dashboard link and the run's progress."""
    reporter = _Reporter()
    if logging.getLogger().getEffectiveLevel() > logging.INFO:  # not --verbose
        logging.getLogger("distributed").setLevel(logging.WARNING)
    with opened(db) as store:
        try:
            progress = ingest_on_dask(store, inputs, cluster, options, on_progress=reporter)
        except ValueError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from exc
        except OSError as exc:  # the scheduler cannot be reached, or no worker joined
            err.print(f"[red]cannot run on the Dask cluster {cluster.address}: {exc}[/red]")
            raise typer.Exit(2) from exc
    _print_summary(progress, db)
    if progress.failed:
        raise typer.Exit(1)


class _Reporter:
    """Progress lines on stderr: partitions done, articles per second, skips by reason."""

    def __init__(self) -> None:
        self.last = 0.0
        self.announced = False

    def __call__(self, progress: RunProgress) -> None:
        if not self.announced:
            self.announced = True
            err.print(f"Dask dashboard: {progress.dashboard}", soft_wrap=True)
            err.print(
                f"{progress.partitions} partitions, {progress.finished_before} finished before;"
                f" {progress.workers} workers"
            )
        finished = progress.done == progress.partitions
        if time.monotonic() - self.last < REPORT_EVERY_S and not finished:
            return
        self.last = time.monotonic()
        err.print(progress_line(progress), soft_wrap=True, highlight=False)


def progress_line(progress: RunProgress) -> str:
    skips = ", ".join(f"{reason} {n}" for reason, n in sorted(progress.skipped.items()))
    return (
        f"partitions {progress.done}/{progress.partitions}"
        f" | articles {progress.articles} ({progress.rate:.1f}/s)"
        f" | new {progress.summary.ingested}, copies {progress.summary.duplicates},"
        f" unchanged {progress.summary.unchanged}"
        f" | skipped {sum(progress.skipped.values())}{f' ({skips})' if skips else ''}"
        f" | workers {progress.workers}"
    )


def _print_summary(progress: RunProgress, db: str) -> None:
    summary = progress.summary
    table = Table(title=f"ingest on Dask -> {shown(db)}", show_header=False)
    table.add_row("partitions filed (this run)", str(progress.filed))
    table.add_row("partitions finished before", str(progress.finished_before))
    table.add_row("partitions failed (run again)", str(len(progress.failed)))
    table.add_row("ingested", str(summary.ingested))
    table.add_row("duplicates (new copies)", str(summary.duplicates))
    table.add_row("unchanged (seen before)", str(summary.unchanged))
    for reason, count in sorted(summary.skipped.items()):
        table.add_row(f"skipped: {reason}", str(count))
    table.add_row("articles analysed (actors, facts)", str(summary.analysed))
    table.add_row("articles per second", f"{progress.rate:.2f}")
    console.print(table)
