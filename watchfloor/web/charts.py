"""The geometry of the dashboard's charts, drawn by the server as SVG.

Each function turns query results into marks with coordinates; the templates
only write them out. Colours follow the PLOVER quad classes: cooperation in
blues, conflict in reds (verbal lighter, material darker).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from watchfloor.facts.plover import QUAD_CLASSES, quad_class
from watchfloor.query.results import Partner, QuadCounts, TimelinePoint

QUAD_COLOURS = {
    "verbal cooperation": "#8ab6e0",
    "material cooperation": "#1f5fa8",
    "verbal conflict": "#f0a070",
    "material conflict": "#c0302a",
    None: "#9a9a9a",
}
CHART_W, CHART_H, AXIS = 720.0, 200.0, 24.0
MAX_BAR = 48.0


@dataclass(frozen=True)
class Bar:
    """One rectangle of a stacked bar chart, with what it stands for."""

    x: float
    y: float
    w: float
    h: float
    colour: str
    label: str
    period: str
    kind: str
    n: int


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    ticks: list[Tick]
    width: float = CHART_W
    height: float = CHART_H + AXIS
    peak: int = 0


def _order(type_: str) -> tuple[int, str]:
    quad = quad_class(type_)
    return (QUAD_CLASSES.index(quad) if quad else len(QUAD_CLASSES), type_)


def type_timeline(rows: list[dict[str, Any]]) -> Chart:
    """Events per month, stacked by PLOVER type: one bar per (month, type) row that has
    events; rows with no month are left out (they have no place on a time axis)."""
    by_month: dict[str, list[tuple[str, int]]] = {}
    for row in rows:
        if row["period"] and int(row["n"]) > 0:
            by_month.setdefault(str(row["period"]), []).append(
                (str(row["type"] or ""), int(row["n"]))
            )
    return _stacked(
        {m: sorted(v, key=lambda t: _order(t[0])) for m, v in by_month.items()},
        lambda kind: QUAD_COLOURS.get(quad_class(kind), QUAD_COLOURS[None]),
    )


def quad_timeline(points: list[TimelinePoint]) -> Chart:
    """Events per month, stacked by quad class."""
    by_month = {
        p.period: [(q, getattr(p.quads, q.replace(" ", "_"))) for q in QUAD_CLASSES]
        for p in points
        if p.period
    }
    return _stacked(
        {m: [(q, n) for q, n in v if n] for m, v in by_month.items()},
        lambda quad: QUAD_COLOURS.get(quad, QUAD_COLOURS[None]),
    )


def _stacked(by_month: dict[str, list[tuple[str, int]]], colour: Any) -> Chart:
    months = sorted(by_month)
    if not months:
        return Chart([], [])
    peak = max(sum(n for _, n in parts) for parts in by_month.values())
    step = CHART_W / len(months)
    width = max(1.0, min(step * 0.8, MAX_BAR))
    bars, ticks = [], []
    for i, month in enumerate(months):
        x, base = i * step + (step - width) / 2, CHART_H
        for kind, n in by_month[month]:
            h = CHART_H * n / peak
            base -= h
            label = f"{month}: {n} {kind}"
            bars.append(
                Bar(
                    round(x, 1),
                    round(base, 1),
                    round(width, 1),
                    round(h, 1),
                    colour(kind),
                    label,
                    month,
                    kind,
                    n,
                )
            )
        if len(months) <= 12 or i % math.ceil(len(months) / 12) == 0:
            ticks.append(Tick(round(x + width / 2, 1), month))
    return Chart(bars, ticks, peak=peak)


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    r: float
    name: str
    key: str
    events: int
    lx: float = 0.0  # where its label goes: outwards, away from the centre
    ly: float = 0.0
    anchor: str = "middle"


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: str
    label: str
    partner: str


@dataclass(frozen=True)
class Network:
    centre: Node
    nodes: list[Node]
    edges: list[Edge]
    width: float = 680.0
    height: float = 440.0


def dominant_quad(quads: QuadCounts) -> str | None:
    counts = {q: getattr(quads, q.replace(" ", "_")) for q in QUAD_CLASSES}
    best = max(counts, key=lambda q: counts[q])
    return best if counts[best] else None


def network(name: str, key: str, events: int, partners: list[Partner]) -> Network:
    """The actor in the middle, its partners on a circle; edges as wide as their events
    and coloured by the quad class most of them fall in."""
    width, height = 680.0, 440.0  # room beside the circle for the partners' names
    mid, midy, radius = width / 2, height / 2, height / 2 - 60
    most = max((p.events for p in partners), default=1) or 1
    centre = Node(mid, midy, 14.0, name, key, events)
    nodes, edges = [], []
    for i, p in enumerate(partners):
        angle = 2 * math.pi * i / max(1, len(partners)) - math.pi / 2
        x, y = mid + radius * math.cos(angle), midy + radius * math.sin(angle)
        r = round(5 + 6 * p.events / most, 1)
        lx, ly = x + (r + 6) * math.cos(angle), y + (r + 6) * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) > 0.3 else "end" if math.cos(angle) < -0.3 else "middle"
        if anchor == "middle":
            ly += 8 if math.sin(angle) > 0 else -4
        nodes.append(
            Node(
                round(x, 1),
                round(y, 1),
                r,
                p.actor.name,
                p.actor.key,
                p.events,
                round(lx, 1),
                round(ly, 1),
                anchor,
            )
        )
        quad = dominant_quad(p.quads)
        edges.append(
            Edge(
                mid,
                midy,
                round(x, 1),
                round(y, 1),
                round(1 + 7 * p.events / most, 1),
                QUAD_COLOURS.get(quad, QUAD_COLOURS[None]),
                f"{name} – {p.actor.name}: {p.events} events ({quad or 'unclassified'})",
                p.actor.key,
            )
        )
    return Network(centre, nodes, edges, width, height)


@dataclass(frozen=True)
class Shape:
    """A country outline, its events and its fill."""

    id: str | None
    name: str
    d: str
    events: int
    fill: str


# Light to dark: how many events a country's events are of the busiest country's.
SHADES = ("#e4e7eb", "#fde0c5", "#f9b27c", "#ef7a45", "#d2452a", "#9c1f1a")


def shade(events: int, peak: int) -> str:
    if events <= 0 or peak <= 0:
        return SHADES[0]
    step = math.ceil((len(SHADES) - 1) * math.log1p(events) / math.log1p(peak))
    return SHADES[max(1, min(len(SHADES) - 1, step))]


def choropleth(world: dict[str, Any], counts: dict[str, int]) -> list[Shape]:
    peak = max(counts.values(), default=0)
    return [
        Shape(
            c["id"],
            c["name"],
            c["d"],
            counts.get(c["id"] or "", 0),
            shade(counts.get(c["id"] or "", 0), peak),
        )
        for c in world["countries"]
    ]
