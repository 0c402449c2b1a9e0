"""The ``export`` command: the store as facts JSON lines, CSV, Parquet or PLOVER records."""

from __future__ import annotations

from typing import Annotated

import typer

from watchfloor.cli.common import DEFAULT_DATABASE, DbOption, err, opened
from watchfloor.export import ExportFormat, export
from watchfloor.extract.dates import normalise_date


def export_cmd(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="jsonl, csv, parquet or plover.")
    ] = ExportFormat.JSONL,
    out: Annotated[
        str,
        typer.Option(
            "--out", help="Folder (csv, parquet), or file, folder or - for stdout (jsonl, plover)."
        ),
    ] = "-",
    since: Annotated[
        str | None, typer.Option(help="Only articles published (or ingested) on or after this.")
    ] = None,
    db: DbOption = DEFAULT_DATABASE,
) -> None:
    """Export stored facts: every one with its evidence sentence, article and URLs."""
    since_iso = normalise_date(since) if since else None
    if since and since_iso is None:
        raise typer.BadParameter(f"not a date: {since!r}", param_hint="--since")
    if out == "-" and fmt in (ExportFormat.CSV, ExportFormat.PARQUET):
        raise typer.BadParameter(
            f"{fmt.value} writes one file per table: give a folder", param_hint="--out"
        )
    with opened(db) as store:
        counts = export(store, fmt, out, since_iso)
    summary = ", ".join(f"{table} {n:,}" for table, n in counts.items())
    err.print(f"exported {fmt.value} -> {out}: {summary}")
