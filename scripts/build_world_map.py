"""Build the dashboard's world map (watchfloor/web/data/world-110m.json) from world-atlas.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_world_map.py package/countries-110m.json

world-atlas (ISC licence) holds Natural Earth's 1:110m country outlines (public
domain) as TopoJSON keyed by ISO 3166-1 numeric code. This decodes the TopoJSON,
projects every outline with the Equal Earth projection onto a 960-wide plane and
writes one SVG path per country, keyed by alpha-3 code (pycountry, a dev
dependency), so that the server draws the map with no script and no tile server.
Run once; the output is committed.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import pycountry

from watchfloor.web.map_marks import equal_earth

OUT = Path(__file__).resolve().parents[1] / "watchfloor" / "web" / "data" / "world-110m.json"
WIDTH = 960.0
Point = tuple[float, float]


def decode_arcs(topo: dict[str, Any]) -> list[list[Point]]:
    """The arcs as lon/lat points (delta-encoded and quantised in the file)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def one_side(points: list[Point]) -> list[Point]:
    """A ring that jumps across the antimeridian (Fiji, Chukotka) kept on the side most
    of its points lie on, so that no outline streaks across the whole map."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(points)):
        return points
    east = sum(1 for lon, _ in points if lon > 0) >= len(points) / 2
    return [
        (
            max(lon, 180.0)
            if east and lon < 0
            else min(lon, -180.0)
            if not east and lon > 0
            else lon,
            lat,
        )
        for lon, lat in points
    ]


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def alpha3(numeric: str | None) -> str | None:
    if numeric is None:
        return None
    found = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return found.alpha_3 if found else None


def main(source: Path) -> None:
    topo = json.loads(source.read_text())
    arcs = decode_arcs(topo)
    left, _ = equal_earth(-180, 0)
    _, top = equal_earth(0, 90)
    scale = WIDTH / (2 * -left)
    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = alpha3(geometry.get("id"))
        parts = []
        for polygon in polygons(geometry):
            for indexes in polygon:
                xy = [equal_earth(lon, lat) for lon, lat in one_side(ring(indexes, arcs))]
                steps = [f"{(x - left) * scale:.1f},{(top - y) * scale:.1f}" for x, y in xy]
                parts.append("M" + "L".join(steps) + "Z")
        name = geometry.get("properties", {}).get("name", "")
        countries.append({"id": code, "name": name, "d": "".join(parts)})
    height = round(2 * top * scale, 1)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    OUT.write_text(
        json.dumps(
            {
                "source": f"world-atlas 2.0.2 {source.name} (sha256 {digest})",
                "licence": "world-atlas: ISC, (c) 2013-2019 Michael Bostock;"
                " Natural Earth outlines: public domain",
                "projection": "Equal Earth",
                "width": WIDTH,
                "height": height,
                "countries": countries,
            },
            separators=(",", ":"),
        )
    )
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
