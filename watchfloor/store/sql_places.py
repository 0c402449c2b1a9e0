"""Events on the map in the store: the place columns of ``facts`` (migration 0014)
and the conditions that filter events by their place's country and by distance."""

from __future__ import annotations

import json
import math
from typing import Any

from watchfloor.places import EARTH_RADIUS_KM
from watchfloor.store.sql_base import SQLBase

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180


def place_columns(section: str, fact: dict[str, Any]) -> tuple[Any, ...]:
    """(location_country, location_lat, location_lon, place_id) of an event fact;
    NULLs for the other sections and for values of the wrong kind."""
    if section != "events":
        return (None, None, None, None)
    country = fact.get("location_country")
    return (
        country.upper() if isinstance(country, str) and country else None,
        _number(fact.get("location_lat"), 90),
        _number(fact.get("location_lon"), 180),
        fact.get("place_id") if isinstance(fact.get("place_id"), int) else None,
    )


def _number(value: Any, bound: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and abs(value) <= bound else None


def near_condition(lat: float, lon: float, km: float) -> tuple[str, list[Any]]:
    """SQL (facts alias ``f``) keeping the events placed within ``km`` of (lat, lon):
    a box of latitude and longitude (read from the index), then the distance on a
    plane tangent at (lat, lon) in plain arithmetic, which every backend computes
    (within 0.5% of the great-circle distance up to 1,000 km). Limits: the box stops
    at the antimeridian (places across it are not found); one that reaches a pole
    keeps every place of its band of latitude."""
    dlat = km / KM_PER_DEGREE
    box = "f.location_lat BETWEEN ? AND ? AND f.location_lon BETWEEN ? AND ?"
    scale = math.cos(math.radians(lat))
    if abs(lat) + dlat >= 90:
        return f"({box})", [lat - dlat, lat + dlat, -180.0, 180.0]
    dlon = km / (KM_PER_DEGREE * scale)
    plane = (
        "(f.location_lat - ?) * (f.location_lat - ?)"
        " + (f.location_lon - ?) * (f.location_lon - ?) * ? <= ?"
    )
    params: list[Any] = [lat - dlat, lat + dlat, max(-180.0, lon - dlon), min(180.0, lon + dlon)]
    params += [lat, lat, lon, lon, scale * scale, dlat * dlat]
    return f"({box} AND {plane})", params


_FILL_BATCH = 1000
_UNPLACED = (
    "SELECT id, data FROM facts WHERE section = 'events' AND id > ? AND location_lat IS NULL"
    " ORDER BY id LIMIT ?"
)
_PLACE = (
    "UPDATE facts SET data = ?, location_country = ?, location_lat = ?, location_lon = ?,"
    " place_id = ? WHERE id = ?"
)


def fill_event_places(store: SQLBase) -> int:
    """Place the stored events that have none yet (those filed before migration 0014)
    by their ``location``: the fact JSON gets the place fields, the columns their
    values. Returns how many events were placed."""
    from watchfloor.places.events import place_event

    placed, after = 0, 0
    while rows := store._all(_UNPLACED, (after, _FILL_BATCH)):
        updates: list[tuple[Any, ...]] = []
        for row in rows:
            after = int(row["id"])
            raw = row["data"]
            data = json.loads(raw) if isinstance(raw, str) else dict(raw)
            if not isinstance(data, dict) or not isinstance(data.get("location"), str):
                continue
            place_event(data, ())  # the sentence's entities are not stored
            if data.get("location_lat") is not None:
                text = json.dumps(data, ensure_ascii=False)
                updates.append((text, *place_columns("events", data), after))
        store._run_many(_PLACE, updates)
        placed += len(updates)
    return placed
