"""Places from the shipped GeoNames gazetteer: a name (and the country the text
suggests) -> a :class:`Place` with its coordinates, and distances between places.

The gazetteer (``watchfloor/data/places/gazetteer.json``, GeoNames CC BY 4.0) is
built by ``make models`` (watchfloor/training/gazetteer.py); nothing is downloaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from watchfloor.datafiles import read_json
from watchfloor.places.names import fold

EARTH_RADIUS_KM = 6371.0088
KINDS = {"c": "country", "s": "state", "p": "city"}
BIG_CITY = 500_000  # a city this large goes before a US state of its name


@dataclass(frozen=True)
class Place:
    """A GeoNames place: a city of 15,000 people or more, a country or a US state."""

    id: int  # GeoNames id
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    population: int
    kind: str  # country, state or city


@cache
def _gazetteer() -> dict[str, list[list[Any]]]:
    table: dict[str, list[list[Any]]] = read_json("places", "gazetteer.json")["places"]
    return table


def candidates(name: str) -> list[Place]:
    """Every place of this (folded) name, most populous first."""
    return [
        Place(int(e[0]), str(e[1]), e[2], float(e[3]), float(e[4]), int(e[5]), KINDS[e[6]])
        for e in _gazetteer().get(fold(name), [])
    ]


def resolve_place(name: str | None, country_hint: str | None = None) -> Place | None:
    """The place ``name`` stands for: of the places of that name, one in the hinted
    country (ISO alpha-3) first, then a country, a city of 500,000 people or more
    ("Washington"), a US state ("Delaware"), a smaller city, then the most populous.
    None for a name the gazetteer does not know."""
    if not name or not name.strip():
        return None
    found = candidates(name)
    if not found:
        return None
    hint = country_hint.upper() if country_hint else None
    return min(found, key=lambda p: (p.country != hint, _rank(p), -p.population, p.id))


def _rank(place: Place) -> int:
    if place.kind == "country":
        return 0
    if place.kind == "state":
        return 2
    return 1 if place.population >= BIG_CITY else 3


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance between two (lat, lon) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@cache
def _countries() -> dict[str, Place]:
    found: dict[str, Place] = {}
    for bucket in _gazetteer().values():
        for e in bucket:
            if e[6] == "c":
                found[str(e[2])] = Place(
                    int(e[0]), str(e[1]), e[2], float(e[3]), float(e[4]), int(e[5]), "country"
                )
    return found


@cache
def state_names() -> frozenset[str]:
    """The (folded) names of the gazetteer's US states: "georgia", "new jersey"."""
    return frozenset(
        key for key, bucket in _gazetteer().items() if any(e[6] == "s" for e in bucket)
    )


@cache
def _subdivisions() -> dict[str, frozenset[str]]:
    import pycountry

    found: dict[str, set[str]] = {}
    for division in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=division.country_code)
        found.setdefault(fold(division.name), set()).add(country.alpha_3 if country else "")
    return {name: frozenset(codes - {""}) for name, codes in found.items()}


def is_subdivision(name: str) -> bool:
    """Whether ``name`` is a province, state or region of ISO 3166-2 (``pycountry``):
    "Scotland", "Punjab", "Rakhine"."""
    return fold(name) in _subdivisions()


def subdivision_countries(name: str) -> frozenset[str]:
    """The ISO alpha-3 codes of the states with a subdivision of this name ("Northern
    Ireland" -> GBR; "Punjab" -> IND, PAK)."""
    return _subdivisions().get(fold(name), frozenset())


def country_place(alpha3: str | None) -> Place | None:
    """The country with this ISO alpha-3 code, at its capital (else largest city)."""
    return _countries().get(alpha3.upper()) if alpha3 else None


__all__ = [
    "Place",
    "candidates",
    "country_place",
    "distance_km",
    "is_subdivision",
    "resolve_place",
    "state_names",
    "subdivision_countries",
]
