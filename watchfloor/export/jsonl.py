"""Facts as JSON lines: one fact per line, every section, each line naming its section."""

from __future__ import annotations

import json
from typing import TextIO

from watchfloor.export.rows import ExportSource, fact_batches
from watchfloor.export.schema import SECTIONS


def write_jsonl(source: ExportSource, handle: TextIO, since: str | None = None) -> dict[str, int]:
    """Write every fact, section by section; the number written per section."""
    counts: dict[str, int] = {}
    for section in SECTIONS:
        counts[section] = 0
        for batch in fact_batches(source, section, since):
            for row in batch:
                handle.write(json.dumps({"section": section, **row}, ensure_ascii=False) + "\n")
            counts[section] += len(batch)
    return counts
