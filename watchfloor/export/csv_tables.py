"""One CSV file per table (UTF-8, a header row); lists are JSON arrays in their cells."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from watchfloor.export.rows import ExportSource, table_batches
from watchfloor.export.schema import TABLES, columns


def write_csv(source: ExportSource, folder: Path, since: str | None = None) -> dict[str, int]:
    """Write ``<table>.csv`` for every table into ``folder``; the rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    return {table: _write_table(source, table, folder / f"{table}.csv", since) for table in TABLES}


def _write_table(source: ExportSource, table: str, path: Path, since: str | None) -> int:
    kinds = dict(columns(table))
    written = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(kinds)
        for batch in table_batches(source, table, since):
            writer.writerows(
                [_cell(kinds[name], value) for name, value in row.items()] for row in batch
            )
            written += len(batch)
    return written


def _cell(kind: str, value: Any) -> Any:
    """The CSV text of one value: empty for null, true/false, JSON arrays for lists."""
    if value is None:
        return ""
    if kind == "strs":
        return json.dumps(value, ensure_ascii=False)
    if kind == "bool":
        return "true" if value else "false"
    return value
