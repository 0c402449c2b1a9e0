"""Events as PLOVER records, one JSON object per line.

Field names follow the PLOVER manual's data chapter (draft 2.0, "Data Fields"):
``id``, ``date``, ``actor`` and ``recipient`` (lists of entity objects with
``code``, ``entity_text``, ``identifier_id``, ``identifier_text``), ``event``,
``mode`` and ``context`` (lists), ``event_text``, ``event_loc``, ``quad_code``,
``text``, ``text_info`` and ``cite_info``. watchfloor adds flat conveniences
(``event_type``, ``actor_country``, ``recipient_country``, ``location``,
``country``), the ``modality`` PLOVER leaves to its auxiliary modes, the
``evidence`` sentence, every ``source_urls`` the article was seen at (its
syndicated copies included) and its ``doc_ids``.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from watchfloor import __version__
from watchfloor.export.rows import ExportSource, fact_batches
from watchfloor.export.schema import Row
from watchfloor.facts.plover import QUAD_CLASSES

CODER = f"watchfloor {__version__}"
CODEBOOK = "PLOVER 2.0 draft (16 event types)"


def write_plover(source: ExportSource, handle: TextIO, since: str | None = None) -> dict[str, int]:
    """Write every stored event as a PLOVER record; the number written."""
    written = 0
    for batch in fact_batches(source, "events", since):
        for row in batch:
            handle.write(json.dumps(plover_event(row), ensure_ascii=False) + "\n")
        written += len(batch)
    return {"events": written}


def plover_event(row: Row) -> dict[str, Any]:
    """One exported event row as a PLOVER record."""
    date, date_source = _date(row)
    return {
        "id": f"watchfloor-{row['doc_id']}-{row['ordinal']}",
        "date": date,
        "date_source": date_source,
        "actor": _entities(row, "source"),
        "actor_country": row["source_country"],
        "recipient": _entities(row, "target"),
        "recipient_country": row["target_country"],
        "event": [row["type"]],
        "event_type": row["type"],
        "mode": [row["mode"]] if row["mode"] else [],
        "context": [],
        "modality": row["modality"],
        "quad_code": _quad_code(row["quad_class"]),
        "event_text": [row["trigger"]] if row["trigger"] else [],
        "event_loc": _location(row),
        "location": row["location"],
        "country": row["location_country"],
        "text": row["evidence"],
        "evidence": row["evidence"],
        "text_info": {"start": row["evidence_start"], "end": row["evidence_end"]},
        "source_urls": row["urls"],
        "doc_ids": [row["doc_id"]],
        "cite_info": _citation(row),
    }


def _date(row: Row) -> tuple[str | None, str | None]:
    """The event's date from the text, else its article's publication date (YYYY-MM-DD)."""
    if row["date"]:
        return row["date"][:10], "text"
    if row["published"]:
        return row["published"][:10], "published"
    return None, None


def _entities(row: Row, side: str) -> list[dict[str, Any]]:
    """The PLOVER entity list of one side: empty when the text names nobody."""
    if row[f"{side}_key"] is None:
        return []
    return [
        {
            "code": row[f"{side}_country"],
            "entity_text": row[f"{side}_name"],
            "entity_type": row[f"{side}_type"],
            "identifier_id": row[f"{side}_wikidata"],
            "identifier_text": row[f"{side}_name"],
            "watchfloor_key": row[f"{side}_key"],
        }
    ]


def _quad_code(quad_class: str | None) -> int | None:
    """PLOVER's numeric quad: 1 verbal cooperation ... 4 material conflict."""
    return QUAD_CLASSES.index(quad_class) + 1 if quad_class in QUAD_CLASSES else None


def _location(row: Row) -> dict[str, Any] | None:
    if not row["location"] and not row["location_country"]:
        return None
    return {
        "extracted_place": row["location"],
        "country_code": row["location_country"],
        "lat": row.get("location_lat"),  # the GeoNames place it resolved to, if any
        "lon": row.get("location_lon"),
        "geonameid": row.get("place_id"),
    }


def _citation(row: Row) -> dict[str, Any]:
    return {
        "url": row["url"],
        "title": row["title"],
        "publication": row["publication"],
        "coder": CODER,
        "codebook": CODEBOOK,
    }
