"""Exports of the store: facts JSON lines, CSV and Parquet tables, PLOVER event records.

- ``jsonl``: every fact, one per line, with its ``section``; ``out`` is a file,
  a folder (``facts.jsonl`` in it) or ``-`` for standard output;
- ``csv``: one ``<table>.csv`` per table in the folder ``out``;
- ``parquet``: one ``<table>.parquet`` per table in the folder ``out``;
- ``plover``: every event as a PLOVER record, one per line; ``out`` as for jsonl
  (``events.plover.jsonl`` in a folder).

The tables are ``articles``, ``actors``, ``events``, ``quotes``, ``claims``,
``forecasts`` and ``watch_items`` (columns in :mod:`watchfloor.export.schema`).
Rows stream from the store in batches; ``since`` keeps what belongs to articles
published (or, undated, ingested) on or after that ISO date.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from watchfloor.export.csv_tables import write_csv
from watchfloor.export.jsonl import write_jsonl
from watchfloor.export.plover import write_plover
from watchfloor.export.rows import ExportSource, export_source
from watchfloor.export.schema import TABLES

__all__ = ["TABLES", "ExportFormat", "ExportSource", "export", "export_source"]


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"
    PLOVER = "plover"


LineWriter = Callable[[ExportSource, TextIO, str | None], dict[str, int]]
FolderWriter = Callable[[ExportSource, Path, str | None], dict[str, int]]

_LINES: dict[ExportFormat, tuple[str, LineWriter]] = {  # with the file name inside a folder
    ExportFormat.JSONL: ("facts.jsonl", write_jsonl),
    ExportFormat.PLOVER: ("events.plover.jsonl", write_plover),
}


def _write_parquet(source: ExportSource, folder: Path, since: str | None) -> dict[str, int]:
    from watchfloor.export.parquet_tables import write_parquet  # pyarrow only when asked

    return write_parquet(source, folder, since)


_FOLDERS: dict[ExportFormat, FolderWriter] = {
    ExportFormat.CSV: write_csv,
    ExportFormat.PARQUET: _write_parquet,
}


def export(
    store: object, fmt: ExportFormat | str, out: str | Path, since: str | None = None
) -> dict[str, int]:
    """Export the store in one format to ``out``; the rows written per table."""
    source = export_source(store)
    fmt = ExportFormat(fmt)
    if fmt in _FOLDERS:
        if str(out) == "-":
            raise ValueError(f"{fmt.value} writes one file per table: give a folder, not -")
        return _FOLDERS[fmt](source, Path(out), since)
    default_name, write = _LINES[fmt]
    with _text_output(out, default_name) as handle:
        return write(source, handle, since)


@contextmanager
def _text_output(out: str | Path, default_name: str) -> Iterator[TextIO]:
    """Standard output for ``-``; else the file (``default_name`` inside a folder)."""
    if str(out) == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(out)
    if path.is_dir():
        path = path / default_name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        yield handle
