"""Marks for the places events were resolved to, on the dashboard's world map.

The outlines in ``data/world-110m.json`` were projected by ``scripts/build_world_map.py``
(Equal Earth onto a plane ``width`` wide); a place's latitude and longitude go through
the same projection here, so that its mark lands where its country is drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from watchfloor.query.geo import PlaceMark

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796  # as scripts/build_world_map.py
M = math.sqrt(3) / 2
SMALLEST, LARGEST = 2.0, 7.0  # radii of the marks (a small country stays clickable)


@dataclass(frozen=True)
class Mark:
    """A circle on the map for one place, with what it stands for."""

    x: float
    y: float
    r: float
    place: PlaceMark

    @property
    def near(self) -> str:
        return near_of(self.place)


def near_of(place: PlaceMark) -> str:
    """The place as ``lat,lon``: the ``near`` filter of the events listed for it."""
    return f"{place.lat:.4f},{place.lon:.4f}"


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth (Šavrič, Patterson, Jenny 2018) on the unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    t = math.asin(M * math.sin(phi))
    t2 = t * t
    t6 = t2 * t2 * t2
    x = lam * math.cos(t) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def project(lat: float, lon: float, width: float) -> tuple[float, float]:
    """A place's point on the map's plane (``width`` wide, north up)."""
    left, _ = equal_earth(-180, 0)
    _, top = equal_earth(0, 90)
    scale = width / (2 * -left)
    x, y = equal_earth(lon, lat)
    return round((x - left) * scale, 1), round((top - y) * scale, 1)


def place_marks(places: list[PlaceMark], width: float) -> list[Mark]:
    """A circle per place, its area growing with its events; the largest drawn first."""
    peak = max((p.events for p in places), default=0)
    marks = []
    for place in sorted(places, key=lambda p: (-p.events, p.place_id)):
        x, y = project(place.lat, place.lon, width)
        r = SMALLEST + (LARGEST - SMALLEST) * math.sqrt(place.events / peak) if peak else SMALLEST
        marks.append(Mark(x, y, round(r, 1), place))
    return marks
