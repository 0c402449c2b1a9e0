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
    a box of latitude and longitude (read from the index), then the haversine test
    ``sin²(Δφ/2) + cos φ0 cos φ sin²(Δλ/2) <= sin²(km / 2R)`` in plain arithmetic
    (sine and cosine as polynomials, exact to 1e-6 over the box), which every backend
    computes. A box across the antimeridian is two ranges of longitude; one that
    reaches a pole keeps every longitude of its band of latitude."""
    lat, lon, km = float(lat), float(lon), float(km)
    dlat = km / KM_PER_DEGREE
    box = "f.location_lat BETWEEN ? AND ? AND f.location_lon BETWEEN ? AND ?"
    reach = math.sin(km / EARTH_RADIUS_KM)  # the widest longitude a circle spans
    if abs(lat) + dlat >= 90 or reach >= math.cos(math.radians(lat)):
        west, east = -180.0, 180.0
    else:
        dlon = math.degrees(math.asin(reach / math.cos(math.radians(lat))))
        west, east = lon - dlon, lon + dlon
        if west < -180 or east > 180:  # across the antimeridian: two ranges
            box = "f.location_lat BETWEEN ? AND ? AND (f.location_lon >= ? OR f.location_lon <= ?)"
            west, east = (west + 360, east) if west < -180 else (west, east - 360)
    half = math.pi / 360  # degrees -> radians, halved
    d_lat = _sin(f"((f.location_lat - {lat!r}) * {half!r})")
    quarter = _sin(f"((f.location_lon - {lon!r}) * {half / 2!r})")  # sin(Δλ/4): Δλ to 360°
    q2 = f"({quarter} * {quarter})"
    d_lon_sq = f"(4 * {q2} * (1 - {q2}))"  # sin²(Δλ/2) = 4 sin²(Δλ/4) cos²(Δλ/4)
    cos_lat = _cos(f"(f.location_lat * {2 * half!r})")
    bound = math.sin(km / (2 * EARTH_RADIUS_KM)) ** 2
    scale = math.cos(math.radians(lat))
    test = f"{d_lat} * {d_lat} + {scale!r} * {cos_lat} * {d_lon_sq} <= {bound!r}"
    return f"({box} AND {test})", [lat - dlat, lat + dlat, west, east]


def _sin(x: str) -> str:
    """sin x for |x| <= pi/2, as SQL arithmetic (Taylor to x^11: error under 6e-8)."""
    x2 = f"({x} * {x})"
    inner = f"(1 - {x2} / 42 * (1 - {x2} / 72 * (1 - {x2} / 110)))"
    return f"({x} * (1 - {x2} / 6 * (1 - {x2} / 20 * {inner})))"


def _cos(x: str) -> str:
    """cos x for |x| <= pi/2, as SQL arithmetic (Taylor to x^12: error under 5e-7)."""
    x2 = f"({x} * {x})"
    inner = f"(1 - {x2} / 56 * (1 - {x2} / 90 * (1 - {x2} / 132)))"
    return f"(1 - {x2} / 2 * (1 - {x2} / 12 * (1 - {x2} / 30 * {inner})))"


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
