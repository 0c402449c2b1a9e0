"""One Parquet file per table, with an explicit pyarrow schema, written batch by batch."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from watchfloor.export.rows import ExportSource, table_batches
from watchfloor.export.schema import TABLES, columns

_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "strs": pa.list_(pa.string()),
}


def arrow_schema(table: str) -> pa.Schema:
    """The Parquet schema of one exported table."""
    return pa.schema([pa.field(name, _TYPES[kind]) for name, kind in columns(table)])


def write_parquet(source: ExportSource, folder: Path, since: str | None = None) -> dict[str, int]:
    """Write ``<table>.parquet`` for every table into ``folder``; the rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        table: _write_table(source, table, folder / f"{table}.parquet", since) for table in TABLES
    }


def _write_table(source: ExportSource, table: str, path: Path, since: str | None) -> int:
    schema = arrow_schema(table)
    written = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for batch in table_batches(source, table, since):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            written += len(batch)
    return written
