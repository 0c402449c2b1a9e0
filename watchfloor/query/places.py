"""Event filters by place: the country an event's place is in, and a distance from a
named place (or a "lat,lon" point)."""

from __future__ import annotations

import re

from watchfloor.places.events import place_of
from watchfloor.query.pagination import QueryError, clean

MAX_KM = 1000.0
DEFAULT_KM = 50.0
_POINT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")
_ALPHA3 = re.compile(r"^[A-Za-z]{3}$")


class UnknownPlace(QueryError):
    """A ``near`` place the gazetteer does not know (the API answers 404)."""


def location_country(code: str | None) -> str | None:
    """An ISO 3166-1 alpha-3 code, upper case; None where none is asked."""
    code = clean(code)
    if code is None:
        return None
    if not _ALPHA3.match(code):
        raise QueryError("location country must be an ISO 3166-1 alpha-3 code, e.g. UKR")
    return code.upper()


def near_point(near: str | None, km: float | str | None) -> tuple[float, float, float] | None:
    """(lat, lon, km) of ``near``: a place name the gazetteer resolves, or "lat,lon"."""
    near = clean(near)
    if near is None:
        return None  # km alone filters nothing
    try:
        radius = DEFAULT_KM if km is None else float(km)
    except ValueError:
        raise QueryError(f"km must be a number, not {km!r}") from None
    if not 0 < radius <= MAX_KM:  # also false for NaN
        raise QueryError(f"km must be above 0 and at most {MAX_KM:g}")
    point = _POINT.match(near)
    if point:
        lat, lon = float(point[1]), float(point[2])
        if abs(lat) > 90 or abs(lon) > 180:
            raise UnknownPlace("near: latitude must be within ±90 and longitude within ±180")
        return lat, lon, radius
    place = place_of(near, None)
    if place is None:
        raise UnknownPlace(
            f"unknown place {near!r} (a city of 15,000 people, a country, a US state, or lat,lon)"
        )
    return place.lat, place.lon, radius
