"""The calibration picture: stated probability against observed frequency, as SVG.

One point per non-empty bin at (mean stated probability, observed frequency), its area
growing with the bin's count, which is written beside it; the diagonal is perfect
calibration. Written by hand (a few SVG elements), so no plotting library is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

SIZE = 480
MARGIN = 56
PLOT = SIZE - 2 * MARGIN
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


def _x(p: float) -> float:
    return MARGIN + p * PLOT


def _y(p: float) -> float:
    return SIZE - MARGIN - p * PLOT


def _axes() -> list[str]:
    parts = [
        f'<rect x="{MARGIN}" y="{MARGIN}" width="{PLOT}" height="{PLOT}"'
        ' fill="none" stroke="#444"/>',
        f'<line x1="{_x(0)}" y1="{_y(0)}" x2="{_x(1)}" y2="{_y(1)}" stroke="#999"'
        ' stroke-dasharray="6 4"/>',
    ]
    for i in range(11):
        p = i / 10
        parts.append(
            f'<text x="{_x(p):.1f}" y="{SIZE - MARGIN + 16}" font-size="11"'
            f' text-anchor="middle">{p:.1f}</text>'
        )
        parts.append(
            f'<text x="{MARGIN - 8}" y="{_y(p) + 4:.1f}" font-size="11"'
            f' text-anchor="end">{p:.1f}</text>'
        )
    parts.append(
        f'<text x="{SIZE / 2}" y="{SIZE - 14}" font-size="13" text-anchor="middle">'
        "stated probability</text>"
    )
    parts.append(
        f'<text x="16" y="{SIZE / 2}" font-size="13" text-anchor="middle"'
        f' transform="rotate(-90 16 {SIZE / 2})">observed frequency</text>'
    )
    return parts


def _series(source: dict[str, Any], colour: str, row: int) -> list[str]:
    parts = [
        f'<text x="{MARGIN + 8}" y="{MARGIN + 16 + 14 * row}" font-size="12" fill="{colour}">'
        f"{escape(str(source['source']))} (n={source['scored']}, Brier "
        f"{_brier(source.get('brier'))})</text>"
    ]
    for b in source["calibration"]:
        if not b["n"]:
            continue
        x, y = _x(b["mean_p"]), _y(b["observed"])
        radius = 3 + min(12.0, b["n"] ** 0.5 * 2)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}"'
            ' fill-opacity="0.55" stroke="#222" stroke-width="0.5"/>'
        )
        parts.append(
            f'<text x="{x + radius + 2:.1f}" y="{y + 4:.1f}" font-size="11">{b["n"]}</text>'
        )
    return parts


def _brier(value: Any) -> str:
    return "n/a" if value is None else f"{float(value):.3f}"


def calibration_svg(sources: Sequence[dict[str, Any]], title: str = "calibration") -> str:
    """An SVG picture of the calibration tables of ``sources`` (items of the ledger report)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}"'
        f' viewBox="0 0 {SIZE} {SIZE}" font-family="sans-serif">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{SIZE / 2}" y="28" font-size="15" text-anchor="middle">{escape(title)}</text>',
        *_axes(),
    ]
    for row, source in enumerate(s for s in sources[: len(COLOURS)] if s["scored"]):
        parts += _series(source, COLOURS[row], row)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
